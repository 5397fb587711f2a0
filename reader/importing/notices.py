"""What an import preview asks the reader to check before saving, as notices: each one says
what it is (``kind``) and carries the values its sentence names, beside the command line's own
sentence (``str(notice)``, which names the command's flags). The window words each kind itself,
in the reader's language and naming the dialog's fields rather than flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "script-unknown",  # script: the script taken
    "script-mixed",  # traditional, simplified: counts; script: the script taken
    "id-taken",  # id
    "id-from-digest",  # id: made from the text's digest
    "title-from-name",  # title: the file name's stem
    "same-text",  # (the texts are Preview.same_as)
    "pages-left-out",  # name; scanned, unreadable: page numbers shown; *_more: how many not shown
    "pages-unnumbered",  # name; first: the first page's number given
]


@dataclass(frozen=True)
class Notice:
    kind: Kind
    text: str  # the command line's sentence
    values: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.text

    def value(self, name: str, default: str = "") -> str:
        return dict(self.values).get(name, default)

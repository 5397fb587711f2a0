"""What an import preview asks the reader to check before saving, as notices: each one says
what it is (``kind``) and carries the values its sentence names, beside the command line's own
sentence (``str(notice)``, which names the command's flags). The window words each kind itself,
in the reader's language and naming the dialog's fields rather than flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reader.errors import InputError

Kind = Literal[
    "script-unknown",  # script: the script taken
    "script-mixed",  # traditional, simplified: counts; script: the script taken
    "id-taken",  # id
    "id-from-digest",  # id: made from the text's digest
    "title-from-name",  # title: the file name's stem
    "same-text",  # (the texts are Preview.same_as)
    "pages-left-out",  # name; scanned, unreadable: page numbers shown; *_more: how many not shown
    "pages-unnumbered",  # name; first: the first page's number given
    # refusals (RefusedInput)
    "bad-id",  # id
    "bad-date",  # date
    "empty-value",  # field: title, venue or author
    "author-list",  # author: several in one
    "unknown-script",  # script
    "bad-first-page",  # largest: the largest first page
    "nothing-left",  # name: the file's
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


class RefusedInput(InputError):
    """An ``InputError`` whose ``notice`` says what is wrong (kinds ``bad-id``, ``bad-date``,
    ``nothing-left``…), so the window can word it; ``str()`` is the command line's sentence."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice.text)
        self.notice = notice

    def __reduce__(self) -> tuple[type[RefusedInput], tuple[Notice]]:
        return (RefusedInput, (self.notice,))

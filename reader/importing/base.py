"""The one interface every format's reader implements, and what they share.

A format is a :class:`FormatReader`: it says whether a file is its kind (:meth:`sniff_bytes` for
binary formats, :meth:`sniff_text` for text formats, after decoding), reads the file into a
:class:`Source` (text formats share :func:`reader.importing.encoding.decode`), and builds the
document from it (:meth:`build`: blocks with their pages, plus the lines it dropped and what the
user should know). Everything after that — script guess, metadata form, preview, saving — is the
same for every format (:mod:`reader.importing.preview`, :mod:`reader.importing.saving`).

A new format is one new module with one :class:`FormatReader` subclass, registered in
:data:`READERS` (order matters: the first whose sniff says yes wins; plain text is last).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from reader.documents import Document, MetadataOverrides
from reader.importing.notices import Notice

if TYPE_CHECKING:
    from reader.importing.pdf_extract import PdfContent

MAX_BYTES = 20 * 1024 * 1024
ID_RULE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
MAX_FIRST_PAGE = 100_000

# Reports progress while a long file is read: (pages done, pages in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Source:
    """A file read for import: its text (for text formats), how it was encoded and what kind of
    file it is; a PDF also carries its pages as extracted (``pdf``) and its bytes' digest."""

    name: str  # the file name, e.g. "article.txt"
    text: str
    encoding: str  # for people: "UTF-8", "UTF-8 (BOM)", "UTF-16", "Big5", "GB18030", "PDF 1.7"
    format: str  # a FormatReader's name: "text", "markdown", "meipi", "pdf"
    path: Path | None = None
    pdf: PdfContent | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Overrides(MetadataOverrides):
    """What the user says about the text's metadata (``None`` leaves the guess), and how to
    open it."""

    # A PDF's user password (never stored).
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Built:
    """What a format's reader made of a source."""

    document: Document
    dropped: tuple[str, ...] = ()  # lines removed: running headers, page numbers, mastheads
    notices: tuple[Notice, ...] = ()  # what the reader should check
    # A title the reader found outside the text's blocks (a PDF's metadata, say).
    found_title: str | None = None
    # Files kept beside the saved text, by suffix: a PDF's original and where its lines are.
    attachments: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)
    # Radicals a producer wrote for ideographs (⽇ for 日), mapped to the ideographs.
    radicals: int = 0


class FormatReader:
    """One format. Subclasses set ``name`` and ``label`` and override what they need."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""  # for people: "plain text", "PDF"
    suffixes: ClassVar[tuple[str, ...]] = ()
    binary: ClassVar[bool] = False

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        """A binary format: whether ``data`` is this kind of file."""
        return False

    def sniff_text(self, text: str, name: str) -> bool:
        """A text format: whether the decoded ``text`` is this kind of file."""
        return False

    def read(
        self,
        data: bytes,
        name: str,
        path: Path | None,
        progress: Progress | None,
        password: str | None,
    ) -> Source:
        """A binary format reads its own bytes (text formats are decoded for them)."""
        raise NotImplementedError

    def build(self, source: Source, overrides: Overrides) -> Built:
        raise NotImplementedError


def join_lines(parts: list[str]) -> str:
    """Lines of one paragraph: nothing between CJK characters, one space between words."""
    out = ""
    for part in parts:
        if out and part and not (wide(out[-1]) or wide(part[0])):
            out += " "
        out += part
    return out


def wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


_AUTHOR_PREFIX = re.compile(r"^(作者|撰文|文|著者|Author|By)\s*[：:／/]\s*", re.IGNORECASE)


def split_authors(authors: tuple[str, ...]) -> tuple[str, ...]:
    """連弘宜、許菁芸 → two authors; 作者：連弘宜 → 連弘宜."""
    out: list[str] = []
    for entry in authors:
        entry = _AUTHOR_PREFIX.sub("", entry)
        for part in re.split(r"[、，,；;／/]|(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", entry):
            part = part.strip()
            if part:
                out.append(part)
    return tuple(out)


def stem(name: str) -> str:
    return Path(name).stem

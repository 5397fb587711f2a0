"""Documents: metadata, canonical text, blocks and pages; the ``texts/`` format; the library.

The canonical text is every block's text in reading order joined by exactly one ``\\n`` (no
trailing newline). Offsets are Unicode code points, end exclusive. Pages are printed page numbers
(PDF page + ``first_page`` - 1), each with the offset where it begins.

The ``texts/`` format (``*.meipi.txt``, UTF-8) is front matter then body::

    meipi-text: 1
    id: lian-obor
    title: 一帶一路框架下中俄之潛在競合關係
    authors: 連弘宜            (several are separated by " ; ")
    ...
    ---
    title: 一帶一路框架下中俄之潛在競合關係
    heading 1: 壹、前言
    paragraph: 自從戈巴契夫提出…雙方自 1990 年
    page 2
    + 代中期之「建設性夥伴關係」…

Each body line is ``KIND[ LEVEL]: TEXT`` (a new block), ``page N`` (printed page N begins at the
next character; ``page iv`` or ``page S12``: a page whose printed label is not a number, numbered
after the page before it), or ``+ TEXT`` (the previous block continues, verbatim, after a page
break).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import NamedTuple

from reader.digests import sha256_hex
from reader.errors import InputError

BLOCK_KINDS = (
    "title",
    "subtitle",
    "author",
    "affiliation",
    "caption",
    "heading",
    "paragraph",
    "note",
    "backmatter",
)
SOURCE_SCRIPTS = ("zh-Hant-TW", "zh-Hant-HK", "zh-Hans")
FORMAT_VERSION = 1
TEXT_SUFFIX = ".meipi.txt"

_META_KEYS = (
    "id",
    "title",
    "english_title",
    "authors",
    "affiliation",
    "venue",
    "issue",
    "date",
    "publisher",
    "script",
    "first_page",
    "pdf_pages",
    "source",
)


# Blocks and pages are NamedTuples, not frozen dataclasses: immutable, compared and hashed
# alike, but made before the window's first paint, where Python 3.11 compiled a dataclass's
# generated methods (~0.5 ms a class), and made by the thousand in a long text (a tuple each).
class Block(NamedTuple):
    kind: str
    level: int
    start: int
    end: int


class Page(NamedTuple):
    number: int
    start: int
    # The printed label when it is not just ``number`` (an imported PDF's "iv", "S12");
    # ``number`` is then the previous page's number + 1 (it orders pages, it is not printed).
    label: str | None = None

    @property
    def printed(self) -> str:
        """What the page says: its label, else its number."""
        return self.label if self.label is not None else str(self.number)

    @property
    def printed_number(self) -> int | None:
        """The number a citation gives, ``None`` when the printed label is not a number."""
        return self.number if self.label is None else None


# A text's date: YYYY, YYYY-MM or YYYY-MM-DD (``Metadata.date``).
DATE_RULE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def is_date(text: str) -> bool:
    """Whether ``text`` is a date Meipi keeps: YYYY, YYYY-MM or YYYY-MM-DD, and a day the month
    has (2024-02-30 is not one, 2024-02-29 is)."""
    if not DATE_RULE.match(text):
        return False
    if len(text) == 10:
        import datetime

        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return False
    return True


@dataclass(frozen=True, slots=True)  # (a library of thousands keeps one a text: ~50 bytes less)
class Metadata:
    id: str
    title: str
    english_title: str | None = None
    authors: tuple[str, ...] = ()
    affiliation: str | None = None
    venue: str | None = None
    issue: str | None = None
    date: str | None = None
    publisher: str | None = None
    script: str = "zh-Hant-TW"
    first_page: int = 1
    pdf_pages: int | None = None
    source: str | None = None

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


@dataclass(frozen=True)
class MetadataOverrides:
    """:class:`Metadata`'s fields, each optional: what a form, the command line or an edit says
    about a text (``None`` keeps the value). The field list is Metadata's (checked below), so a
    new bibliographic field is added in both or the import fails."""

    id: str | None = None
    title: str | None = None
    english_title: str | None = None
    authors: tuple[str, ...] | None = None
    affiliation: str | None = None
    venue: str | None = None
    issue: str | None = None
    date: str | None = None
    publisher: str | None = None
    script: str | None = None
    first_page: int | None = None
    pdf_pages: int | None = None
    source: str | None = None

    def given(self) -> dict[str, object]:
        """The metadata fields this says something about (not ``None``), by name."""
        return {n: v for n in _METADATA_FIELDS if (v := getattr(self, n)) is not None}

    def apply(self, meta: Metadata) -> Metadata:
        """``meta`` with the given fields replaced."""
        return replace(meta, **self.given())  # type: ignore[arg-type]


_METADATA_FIELDS = tuple(f.name for f in fields(Metadata))
if tuple(f.name for f in fields(MetadataOverrides)) != _METADATA_FIELDS:
    raise TypeError("MetadataOverrides must have exactly Metadata's fields, in order")


class Named:
    """The id and title of what carries a text's metadata (a document)."""

    __slots__ = ()
    meta: Metadata

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True)
class Document(Named):
    meta: Metadata
    text: str
    blocks: tuple[Block, ...]
    pages: tuple[Page, ...]
    path: Path | None = None
    shipped: bool = True
    _page_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    # The text's SHA-256, once asked for (not an argument: a changed copy computes its own)
    _sha256: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_page_starts", tuple(p.start for p in self.pages))

    @property
    def sha256(self) -> str:
        if not self._sha256:  # asked of every text each time one is opened (the stale check)
            object.__setattr__(self, "_sha256", sha256_hex(self.text.encode("utf-8")))
        return self._sha256

    def page_of(self, offset: int) -> int:
        """The printed page holding the character at ``offset`` (clamped into the text)."""
        if not self.pages:
            return self.meta.first_page
        i = bisect.bisect_right(self._page_starts, max(0, offset)) - 1
        return self.pages[max(0, i)].number

    def label_of(self, offset: int) -> str:
        """The printed label of the page holding ``offset`` ("iv", "S12", "3")."""
        if not self.pages:
            return str(self.meta.first_page)
        i = bisect.bisect_right(self._page_starts, max(0, offset)) - 1
        return self.pages[max(0, i)].printed

    def labels_of(self, start: int, end: int) -> tuple[str, str]:
        """The printed labels of the pages of the passage's first and last character."""
        return self.label_of(start), self.label_of(max(start, end - 1))

    def cite(self, start: int, end: int) -> str:
        """``p. iv`` / ``pp. 45–46``: the printed labels of the passage's first and last page."""
        return citation(*self.labels_of(start, end))

    def pages_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last page of the passage ``[start, end)`` (its first and last character)."""
        last = max(start, end - 1)
        return self.page_of(start), self.page_of(last)

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end or (block.start == block.end == offset):
                return block
        return None

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def section_of(self, offset: int) -> Block | None:
        """The nearest heading at or before ``offset``, if any."""
        found: Block | None = None
        for block in self.blocks:
            if block.start > offset:
                break
            if block.kind == "heading":
                found = block
        return found


def is_page_number(label: str) -> bool:
    """Whether a printed page label is a plain page number ("12", not "xii", "S12" or "012")."""
    return label.isascii() and label.isdecimal() and str(int(label)) == label


def citation(first: int | str, last: int | str) -> str:
    """``p. N`` for one page, ``pp. N–M`` (en dash) across pages (numbers or printed labels)."""
    return f"p. {first}" if first == last else f"pp. {first}\u2013{last}"


# ---------------------------------------------------------------------------------------------
# Building a document from blocks


@dataclass
class BlockDraft:
    """A block being assembled: text pieces with the pages that begin inside it."""

    kind: str
    level: int = 0
    text: str = ""
    # (offset within this block's text, printed page number)
    page_marks: list[tuple[int, int]] = field(default_factory=list)
    # Printed labels of pages marked here that are not their numbers: offset -> label.
    page_labels: dict[int, str] = field(default_factory=dict)

    def mark_page(self, offset: int, number: int, label: str | None = None) -> None:
        self.page_marks.append((offset, number))
        if label is not None:
            self.page_labels[offset] = label


def assemble(
    meta: Metadata, drafts: Iterable[BlockDraft], *, path: Path | None = None, shipped: bool = True
) -> Document:
    """Join drafts into a canonical text with blocks and pages; validates the result."""
    parts: list[str] = []
    blocks: list[Block] = []
    pages: list[Page] = []
    offset = 0
    for i, draft in enumerate(drafts):
        if draft.kind not in BLOCK_KINDS:
            raise InputError(f"Unknown block kind {draft.kind!r}.")
        if "\n" in draft.text:
            raise InputError(f"A {draft.kind} block contains a line break.")
        if i:
            parts.append("\n")
            offset += 1
        start = offset
        parts.append(draft.text)
        offset += len(draft.text)
        level = draft.level if draft.kind == "heading" else 0
        blocks.append(Block(draft.kind, level, start, offset))
        for rel, number in draft.page_marks:
            pages.append(Page(number, start + rel, draft.page_labels.get(rel)))
    text = "".join(parts)
    pages.sort(key=lambda p: (p.start, p.number))
    if not pages or pages[0].start != 0:
        first_number = pages[0].number - 1 if pages else meta.first_page
        pages.insert(0, Page(first_number, 0))
    # Two marks at one offset: the later wins; a mark repeating the page before it is dropped.
    dedup: list[Page] = []
    for page in pages:
        if dedup and dedup[-1].start == page.start:
            dedup[-1] = page
        elif not dedup or (dedup[-1].number, dedup[-1].label) != (page.number, page.label):
            dedup.append(page)
    return Document(meta, text, tuple(blocks), tuple(dedup), path=path, shipped=shipped)


# ---------------------------------------------------------------------------------------------
# The texts/ format


def _meta_value(value: str | int | tuple[str, ...] | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return " ; ".join(value)
    return str(value)


def dumps(doc: Document) -> str:
    """Serialise a document in the ``texts/`` format (inverse of :func:`loads`)."""
    lines = [f"meipi-text: {FORMAT_VERSION}"]
    for key in _META_KEYS:
        value = _meta_value(getattr(doc.meta, key))
        if value is not None:
            if "\n" in value:
                raise InputError(f"Metadata {key} contains a line break.")
            lines.append(f"{key}: {value}")
    lines.append("---")
    page_starts = {p.start: p.printed for p in doc.pages[1:]}
    sorted_starts = sorted(page_starts)
    first = doc.pages[0].printed if doc.pages else str(doc.meta.first_page)
    if first != str(doc.meta.first_page):
        lines.append(f"page {first}")
    for block in doc.blocks:
        label = f"heading {block.level}" if block.kind == "heading" else block.kind
        # The page starts in [start, end), and one at start even for an empty block (bisect:
        # linear scans made saving a long text quadratic).
        lo = bisect.bisect_left(sorted_starts, block.start)
        hi = bisect.bisect_left(sorted_starts, max(block.end, block.start + 1))
        cuts = sorted_starts[lo:hi]
        pieces: list[tuple[str | None, str]] = []
        cursor = block.start
        for cut in cuts:
            if cut > cursor:
                pieces.append((None, doc.text[cursor:cut]))
            pieces.append((page_starts[cut], ""))
            cursor = cut
        pieces.append((None, doc.text[cursor : block.end]))
        started = False
        for number, chunk in pieces:
            if number is not None:
                lines.append(f"page {number}")
                continue
            if not started:
                lines.append(f"{label}: {chunk}")
                started = True
            elif chunk:
                lines.append(f"+ {chunk}")
        if not started:
            lines.append(f"{label}: ")
    return "\n".join(lines) + "\n"


def _parse_meta(lines: Iterator[tuple[int, str]], source: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in lines:
        if line == "---":
            return values
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise InputError(f"{source}, line {number}: expected 'key: value' in the front matter.")
        values[key.strip()] = value.strip()
    raise InputError(f"{source}: the front matter never ends (no '---' line).")


def loads(
    content: str, *, source: str = "text", path: Path | None = None, shipped: bool = True
) -> Document:
    """Parse the ``texts/`` format; raises :class:`InputError` naming the bad line."""
    content = content.removeprefix("\ufeff")
    numbered = enumerate(content.split("\n"), start=1)
    first = next(numbered, (1, ""))
    if not first[1].startswith("meipi-text:"):
        raise InputError(f"{source} is not a Meipi text (it must start with 'meipi-text: 1').")
    version = first[1].partition(":")[2].strip()
    if version != str(FORMAT_VERSION):
        raise InputError(f"{source} uses text format {version!r}; this Meipi reads version 1.")
    raw = _parse_meta(numbered, source)
    unknown = set(raw) - set(_META_KEYS)
    if unknown:
        raise InputError(f"{source}: unknown metadata {', '.join(sorted(unknown))}.")
    if not raw.get("id") or not raw.get("title"):
        raise InputError(f"{source}: the metadata needs at least an id and a title.")
    script = raw.get("script", "zh-Hant-TW")
    if script not in SOURCE_SCRIPTS:
        raise InputError(f"{source}: script must be one of {', '.join(SOURCE_SCRIPTS)}.")
    try:
        first_page = int(raw.get("first_page", "1"))
        pdf_pages = int(raw["pdf_pages"]) if raw.get("pdf_pages") else None
    except ValueError as exc:
        raise InputError(f"{source}: first_page and pdf_pages must be whole numbers.") from exc
    meta = Metadata(
        id=raw["id"],
        title=raw["title"],
        english_title=raw.get("english_title"),
        authors=tuple(a.strip() for a in raw.get("authors", "").split(" ; ") if a.strip()),
        affiliation=raw.get("affiliation"),
        venue=raw.get("venue"),
        issue=raw.get("issue"),
        date=raw.get("date"),
        publisher=raw.get("publisher"),
        script=script,
        first_page=first_page,
        pdf_pages=pdf_pages,
        source=raw.get("source"),
    )
    drafts: list[BlockDraft] = []
    pending_page: tuple[int, str | None] | None = None
    last_number: int | None = None
    for number, line in numbered:
        if not line:
            continue
        if line.startswith("page ") and line[5:].strip() and ": " not in line:
            # ``page 3`` is printed page 3; ``page iv`` a page labelled iv, numbered after the
            # page before it (its number orders pages; citations print the label).
            printed = line[5:].strip()
            if is_page_number(printed):
                last_number = int(printed)
                pending_page = (last_number, None)
            else:
                if last_number is None:
                    last_number = meta.first_page if not drafts else meta.first_page + 1
                else:
                    last_number += 1
                pending_page = (last_number, printed)
            continue
        if line.startswith("+ "):
            if not drafts:
                raise InputError(f"{source}, line {number}: a continuation before any block.")
            draft = drafts[-1]
            if pending_page is not None:
                draft.mark_page(len(draft.text), *pending_page)
                pending_page = None
            draft.text += line[2:]
            continue
        label, sep, body = line.partition(": ")
        if not sep:
            label, body = line.rstrip(":"), ""
        kind, _, level_s = label.partition(" ")
        if kind not in BLOCK_KINDS:
            raise InputError(f"{source}, line {number}: unknown block kind {kind!r}.")
        level = int(level_s) if level_s.isdecimal() else (1 if kind == "heading" else 0)
        draft = BlockDraft(kind, level, body)
        if pending_page is not None:
            draft.mark_page(0, *pending_page)
            pending_page = None
        drafts.append(draft)
    if not drafts:
        raise InputError(f"{source}: the text has no blocks.")
    if drafts and not drafts[0].page_marks:
        drafts[0].page_marks.insert(0, (0, meta.first_page))
    doc = assemble(meta, drafts, path=path, shipped=shipped)
    if unicodedata.normalize("NFC", doc.text) != doc.text:
        doc = replace(doc, text=unicodedata.normalize("NFC", doc.text))
    return doc


def load_file(path: Path, *, shipped: bool) -> Document:
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text.") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror}).") from exc
    return loads(content, source=str(path), path=path, shipped=shipped)


# ---------------------------------------------------------------------------------------------
# The library: shipped texts, then the user's


class Listed(NamedTuple):
    """A text of the library as its list shows it, without its text: what a library of
    thousands keeps of each (``reader.search_index`` records it per file, checked by the
    file's size and modification time). A tuple: ~40 bytes less a text than a dataclass."""

    meta: Metadata
    file: str | None  # its path (a Path is made when asked for: thousands are listed)
    shipped: bool
    pages: int
    characters: int
    sha256: str

    @property
    def path(self) -> Path | None:
        return Path(self.file) if self.file is not None else None


SHOWN_IDS = 10


def shared_titles(docs: Iterable[Named]) -> frozenset[str]:
    """The titles two or more of ``docs`` bear: a list that names texts by title alone cannot
    tell those apart, so it names each with its id too."""
    seen: set[str] = set()
    shared: set[str] = set()
    for doc in docs:
        (shared if doc.title in seen else seen).add(doc.title)
    return frozenset(shared)


def unknown_document(doc_id: str, known: Iterable[str]) -> InputError:
    """The refusal of an id the library does not hold, one sentence however large the library:
    every id when there are a few, else the likeliest and how many more ``meipi list`` shows."""
    ids = list(known)
    if not ids:
        return InputError(f"Unknown document {doc_id!r}: the library holds no texts yet.")
    if len(ids) <= SHOWN_IDS:
        return InputError(f"Unknown document {doc_id!r}. Known ids: {', '.join(ids)}.")
    import difflib

    near = difflib.get_close_matches(doc_id, ids, n=SHOWN_IDS, cutoff=0.5)
    shown = near or ids[:SHOWN_IDS]
    label = "Similar ids" if near else "Known ids include"
    return InputError(
        f"Unknown document {doc_id!r}. {label}: {', '.join(shown)} "
        f"({len(ids) - len(shown):,} more: `meipi list` shows every id)."
    )


@dataclass
class Library:
    documents: MutableMapping[str, Document]
    problems: list[str]

    def ids(self) -> list[str]:
        return list(self.documents)

    def find(self, doc_id: str) -> Document | None:
        """The text ``doc_id``, or ``None`` when the library has none of that id."""
        return self.documents.get(doc_id)

    def get(self, doc_id: str) -> Document:
        try:
            return self.documents[doc_id]
        except KeyError:
            raise unknown_document(doc_id, self.documents) from None

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents.values())

    def __len__(self) -> int:
        return len(self.documents)


def load_library(shipped_dir: Path | None = None, user_dir: Path | None = None) -> Library:
    """Load shipped texts and the user's texts; an invalid user text is reported and skipped."""
    from reader import paths

    shipped_dir = shipped_dir if shipped_dir is not None else paths.shipped_texts_dir()
    user_dir = user_dir if user_dir is not None else paths.user_texts_dir()
    documents: dict[str, Document] = {}
    problems: list[str] = []
    for folder, shipped in ((shipped_dir, True), (user_dir, False)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*" + TEXT_SUFFIX)):
            try:
                doc = load_file(path, shipped=shipped)
            except InputError as exc:
                problems.append(f"Skipped {path.name}: {exc}")
                continue
            if doc.id in documents:
                problems.append(f"Skipped {path.name}: the id {doc.id!r} is already taken.")
                continue
            documents[doc.id] = doc
    return Library(documents, problems)

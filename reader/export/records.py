"""Plain values every export is built from: annotation records, options, and what to export.

The exports never talk to the database or to OpenCC themselves. The command (or the Export
dialog) loads :class:`AnnotationRecord` values, the documents, a *view provider* (the script
views), the colour meanings and the theme memos, and hands them over as an :class:`ExportSource`.
That keeps every format a pure function of its inputs, testable without a database.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from reader import tags as tags_rule
from reader.documents import Document, unknown_document
from reader.errors import InputError
from reader.export.formats import FORMATS
from reader.folding import fold_key
from reader.store.records import COLORS, NO_COLOR
from reader.store.records import AnnotationRecord as _StoreRecord
from reader.views import check_view

GROUP_BY = ("section", "tag")
FLAVOURS = ("obsidian", "pandoc")  # Markdown: Pandoc's turns citations on by default
COMPARE_BY = ("tag", "color")


# One annotation, exactly the fields of the ``annotations --json`` contract: the store's own
# record (canonical offsets, the canonical quote, printed pages, ISO 8601 UTC times).
AnnotationRecord = _StoreRecord


# ---------------------------------------------------------------------------------------------
# Script views, as the exports need them (reader.script provides the real ones)


class SubstitutionLike(Protocol):
    """A phrase a view shows differently from the original text."""

    @property
    def view_start(self) -> int: ...
    @property
    def view_end(self) -> int: ...
    @property
    def canon_start(self) -> int: ...
    @property
    def canon_end(self) -> int: ...
    @property
    def original(self) -> str: ...
    @property
    def converted(self) -> str: ...


class ViewLike(Protocol):
    """A script view of one document: its text and the canonical → view offset map."""

    @property
    def text(self) -> str: ...
    def to_view(self, start: int, end: int) -> tuple[int, int]: ...
    @property
    def substitutions(self) -> Sequence[SubstitutionLike]: ...


ViewProvider = Callable[[Document, str], ViewLike]


@dataclass(frozen=True)
class OriginalView:
    """The ``original`` view: the canonical text itself, nothing substituted."""

    text: str
    substitutions: tuple[SubstitutionLike, ...] = ()

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        return start, end


def original_views(doc: Document, view_id: str) -> ViewLike:
    """A view provider that knows only ``original`` (enough when no other script is asked)."""
    if view_id != "original":
        raise InputError(f"The script view {view_id!r} is not available here.")
    return OriginalView(doc.text)


class QuoteRenderer:
    """Quotes of one document in one view; substituted phrases carry their original.

    ``局部〔原文：區域性〕``: the reader of an export must never take a converted phrase for the
    author's words. Vetoed substitutions are not in the view, so they are not marked either.
    """

    def __init__(self, doc: Document, view: ViewLike, *, originals: bool) -> None:
        self.doc = doc
        self.view = view
        self.originals = originals
        subs = sorted(
            (s for s in view.substitutions if s.original != s.converted),
            key=lambda s: (s.canon_start, s.canon_end),
        )
        self._subs = subs
        self._sub_starts = [s.canon_start for s in subs]

    def text(self, start: int, end: int) -> str:
        """The passage ``[start, end)`` (canonical) as it reads in the view."""
        vs, ve = self.view.to_view(start, end)
        text = self.view.text
        if not self.originals or not self._subs:
            return text[vs:ve]
        # Substitutions overlapping [start, end): those starting before `end` and ending after
        # `start`. Phrases are short, so scanning back a little from the first start is enough.
        i = bisect.bisect_left(self._sub_starts, start)
        while i > 0 and self._subs[i - 1].canon_end > start:
            i -= 1
        pieces: list[str] = []
        cursor = vs
        for sub in self._subs[i:]:
            if sub.canon_start >= end:
                break
            if sub.canon_end <= start:
                continue
            at = min(max(sub.view_end, cursor), ve)
            pieces.append(text[cursor:at])
            pieces.append(f"〔原文：{sub.original}〕")
            cursor = at
        pieces.append(text[cursor:ve])
        return "".join(pieces)

    def heading(self, start: int, end: int) -> str:
        """A heading of the article in the view (no originals: headings are not quotes)."""
        vs, ve = self.view.to_view(start, end)
        return self.view.text[vs:ve]


# ---------------------------------------------------------------------------------------------
# What to export


@dataclass(frozen=True)
class ExportOptions:
    """The user's choices (the ``meipi export`` options, or the Export dialog's fields)."""

    format: str = "markdown"
    documents: tuple[str, ...] = ()  # empty: every document
    tags: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    script: str = "original"
    group_by: str = "section"
    by: str = "tag"
    originals: bool = True
    exported_at: str = ""  # ISO 8601 UTC; empty: now
    flavour: str = "obsidian"
    citations: bool | None = None  # a Pandoc citation after each quote; None: the flavour's way
    links: bool = True  # a meipi:// link back to each passage
    pinyin: bool = False  # each quote's pinyin under it (Markdown)

    @property
    def cite(self) -> bool:
        """Whether quotes end in a Pandoc citation (``[@key, p. 3]``)."""
        return self.flavour == "pandoc" if self.citations is None else self.citations

    def checked(self) -> ExportOptions:
        """The options validated (unknown format, view, colour, grouping → InputError)."""
        if self.format not in FORMATS:
            raise InputError(
                f"Unknown export format {self.format!r}. Valid formats: {', '.join(FORMATS)}."
            )
        check_view(self.script)
        for color in self.colors:
            if color not in COLORS and color != NO_COLOR:
                raise InputError(
                    f"Unknown colour {color!r}. Valid colours: {', '.join(COLORS)} "
                    f"({NO_COLOR!r} for notes without colour)."
                )
        if self.group_by not in GROUP_BY:
            raise InputError(f"--group-by must be one of {', '.join(GROUP_BY)}.")
        if self.by not in COMPARE_BY:
            raise InputError(f"--by must be one of {', '.join(COMPARE_BY)}.")
        if self.flavour not in FLAVOURS:
            raise InputError(f"--flavour must be one of {', '.join(FLAVOURS)}.")
        for tag in self.tags:
            if tags_rule.filter_key(tag) is None:
                raise InputError("An empty --tag matches nothing; give a tag name.")
        return self

    def stamp(self) -> str:
        return self.exported_at or now_utc()

    def filters(self) -> dict[str, Any]:
        """The filters as written into an export's front matter."""
        return {
            "documents": list(self.documents),
            "tags": list(self.tags),
            "colors": list(self.colors),
        }


@dataclass
class ExportSource:
    """Everything an export reads: documents (in article order), annotations, views, meanings.

    ``theme_memos`` maps a theme (a tag, or a colour name) to the user's memo about it.
    """

    documents: Sequence[Document]
    annotations: Sequence[AnnotationRecord]
    views: ViewProvider = original_views
    color_meanings: Mapping[str, str] = field(default_factory=dict)
    theme_memos: Mapping[str, str] = field(default_factory=dict)
    citekeys: Mapping[str, str] = field(default_factory=dict)  # document id -> citekey
    creator: str | None = None  # the user's name (``meipi config creator``)
    bibliography: str | None = None  # a bibliography file for Pandoc's front matter
    # Metadata text (title, byline, venue) in a view's script, character by character.
    convert_chars: Callable[[str, str, str], str] | None = None  # (text, view, source script)

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise unknown_document(doc_id, (d.id for d in self.documents))

    def selected_documents(self, options: ExportOptions) -> list[Document]:
        """The documents asked for, in article order (the library's order, or --doc's)."""
        if not options.documents:
            return list(self.documents)
        chosen: list[Document] = []
        for doc_id in options.documents:
            doc = self.document(doc_id)
            if doc not in chosen:
                chosen.append(doc)
        return chosen

    def quote_renderer(self, doc: Document, options: ExportOptions) -> QuoteRenderer:
        return QuoteRenderer(doc, self.views(doc, options.script), originals=options.originals)

    def citekey(self, doc: Document) -> str:
        """The text's citekey: the one ``citekeys`` holds for it (the loaders give every text
        of the library its key, kept or generated over the whole library, so that a subset
        exports the same keys), else one generated over the texts of this source."""
        key = self.citekeys.get(doc.id)
        if key:
            return key
        from reader.export.citekeys import citekeys

        keys = citekeys(self.documents, self.citekeys)
        return keys.get(doc.id) or citekeys([doc], self.citekeys)[doc.id]

    def in_script(self, text: str, doc: Document, view_id: str) -> str:
        """Metadata text in the view's script, converted character by character."""
        if view_id == "original" or self.convert_chars is None or not text:
            return text
        return self.convert_chars(text, view_id, doc.meta.script)

    def meaning(self, color: str | None) -> str:
        if color is None:
            return ""
        return self.color_meanings.get(color, "")

    def memo(self, theme: str, *, by: str) -> str:
        """The memo for a theme: tags are matched by folding (中亚 is 中亞), colours by name."""
        if by == "color":
            return self.theme_memos.get(theme, "")
        key = fold_key(theme)
        for name, memo in self.theme_memos.items():
            if fold_key(name) == key:
                return memo
        return ""


tag_matches = tags_rule.matches  # a parent tag includes its children (reader.tags)


def select(
    records: Iterable[AnnotationRecord], options: ExportOptions, documents: Sequence[Document]
) -> list[AnnotationRecord]:
    """The records passing the filters, in article order then text order."""
    order = {doc.id: i for i, doc in enumerate(documents)}
    tag_keys = tags_rule.filter_keys(options.tags)
    colors = set(options.colors)
    chosen = []
    for rec in records:
        if rec.document not in order:
            continue
        if colors and (rec.color or NO_COLOR) not in colors:
            continue
        if tag_keys and not tags_rule.any_matches(rec.tags, tag_keys):
            continue
        chosen.append(rec)
    chosen.sort(key=lambda r: (order[r.document], r.orphaned, r.start, r.end, r.created, r.id))
    return chosen


def theme_tags(rec: AnnotationRecord, options: ExportOptions) -> list[str]:
    """The record's tags that are themes of this export (all, or those under --tag filters)."""
    if not options.tags:
        return list(rec.tags)
    keys = tags_rule.filter_keys(options.tags)
    return [t for t in rec.tags if tags_rule.matches(tags_rule.key_of_stored(t), keys)]


@functools.lru_cache(maxsize=4096)
def markdown_tag(tag: str) -> str:
    """``#地區/中亞``: spaces become ``-`` (the contract's spelling of a tag in Markdown)."""
    return "#" + re.sub(r"\s+", "-", tag.strip())


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

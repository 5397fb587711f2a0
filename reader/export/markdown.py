"""``--format markdown``: the annotations of each article, in text order, under its headings.

The file is YAML front matter (title, authors, venue, issue, date, document id, script, export
time, filters) and CommonMark that reads well on GitHub and in Obsidian::

    # 一帶一路框架下中俄之潛在競合關係
    連弘宜 · 戰略瞭望
    ## 壹、前言
    > 自從戈巴契夫提出「新思維」…
    p. 1 · yellow (key argument) · #地區/中亞 #能源
    The note as typed: its inline Markdown renders, blocks are neutralised (reader.export.escape).

``group_by="tag"`` puts the passages under one heading per theme instead of per section. An
export of several articles has one ``#`` part per article and lists them in ``documents``.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.documents import Block, Document
from reader.export import escape
from reader.export.records import (
    AnnotationRecord,
    ExportOptions,
    ExportSource,
    QuoteRenderer,
    markdown_tag,
    select,
    theme_tags,
)
from reader.folding import fold_key

UNTAGGED = "Untagged"
ORPHANS = "Passages no longer found in the text"


def document_fields(doc: Document) -> dict[str, Any]:
    meta = doc.meta
    return {
        "title": meta.title,
        "authors": list(meta.authors),
        "venue": meta.venue,
        "issue": meta.issue,
        "date": meta.date,
        "document": doc.id,
    }


def byline(doc: Document) -> str:
    meta = doc.meta
    parts = ["、".join(meta.authors)] if meta.authors else []
    parts.extend(x for x in (meta.venue, meta.issue, meta.date, meta.publisher) if x)
    return escape.inline_text(" · ".join(parts)) if parts else ""


def meta_line(rec: AnnotationRecord, source: ExportSource, *, note_script: str = "") -> str:
    """``p. 3 · yellow (key argument) · #地區/中亞``: citation, colour and meaning, tags."""
    parts = [escape.inline_text(rec.citation)]
    if rec.color:
        meaning = source.meaning(rec.color)
        parts.append(_colour_label(rec.color, meaning))
    else:
        parts.append("note")
    if rec.tags:
        parts.append(" ".join(tag_markdown(t) for t in rec.tags))
    if note_script:
        parts.append(escape.inline_text(note_script))
    return " · ".join(parts)


@functools.lru_cache(maxsize=256)
def _colour_label(color: str, meaning: str) -> str:
    return escape.inline_text(f"{color} ({meaning})" if meaning else color)


@functools.lru_cache(maxsize=4096)
def tag_markdown(tag: str) -> str:
    """``#地區/中亞`` with the tag's own text escaped (the ``#`` is ours, so it stays bare)."""
    return "#" + escape.inline_text(markdown_tag(tag)[1:])


def passage(rec: AnnotationRecord, quotes: QuoteRenderer, source: ExportSource) -> list[str]:
    """One annotation: the quote as a block quote, its meta line, the note (Markdown blocks)."""
    if rec.orphaned:
        quote = rec.quote
        extra = "original script; not found in the current text"
    else:
        quote = quotes.text(rec.start, rec.end)
        extra = ""
    blocks = []
    quote_paras = escape.line_paragraphs(quote)
    if quote_paras:
        blocks.append(escape.blockquote(quote_paras))
    blocks.append(meta_line(rec, source, note_script=extra))
    if rec.note:
        blocks.extend(escape.note_paragraphs(rec.note))
    return blocks


@dataclass
class _Headings:
    """The article's headings, to find a passage's section and the sections above it."""

    headings: list[Block]
    starts: list[int]
    parents: dict[int, list[int]]  # heading index -> indexes of the headings above it

    @classmethod
    def of(cls, doc: Document) -> _Headings:
        headings = [b for b in doc.blocks if b.kind == "heading"]
        parents: dict[int, list[int]] = {}
        stack: list[int] = []
        for i, h in enumerate(headings):
            while stack and headings[stack[-1]].level >= h.level:
                stack.pop()
            parents[i] = list(stack)
            stack.append(i)
        return cls(headings, [h.start for h in headings], parents)

    def index_of(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 else None


def _heading(level: int, text: str) -> str:
    return "#" * min(6, level) + " " + escape.inline_text(text)


def _sections(
    doc: Document, records: Sequence[AnnotationRecord], quotes: QuoteRenderer, source: ExportSource
) -> list[str]:
    heads = _Headings.of(doc)
    blocks: list[str] = []
    shown: set[int] = set()
    orphans = []
    for rec in records:
        if rec.orphaned:
            orphans.append(rec)
            continue
        index = heads.index_of(rec.start)
        if index is not None and index not in shown:
            for i in [*heads.parents[index], index]:
                if i not in shown:
                    h = heads.headings[i]
                    blocks.append(_heading(h.level + 1, quotes.heading(h.start, h.end)))
                    shown.add(i)
        blocks.extend(passage(rec, quotes, source))
    if orphans:
        blocks.append(_heading(2, ORPHANS))
        for rec in orphans:
            blocks.extend(passage(rec, quotes, source))
    return blocks


def tag_groups(
    records: Sequence[AnnotationRecord], options: ExportOptions
) -> list[tuple[str | None, list[AnnotationRecord]]]:
    """Themes (tags matched by folding, first spelling kept), sorted so parents lead children;
    passages without a theme last (as ``None``)."""
    groups: dict[str, tuple[str, list[AnnotationRecord]]] = {}
    untagged: list[AnnotationRecord] = []
    for rec in records:
        tags = theme_tags(rec, options)
        if not tags:
            untagged.append(rec)
        seen = set()
        for tag in tags:
            key = fold_key(tag)
            if key in seen:
                continue
            seen.add(key)
            groups.setdefault(key, (tag, []))[1].append(rec)
    ordered: list[tuple[str | None, list[AnnotationRecord]]] = [groups[k] for k in sorted(groups)]
    if untagged:
        ordered.append((None, untagged))
    return ordered


def _themes(
    records: Sequence[AnnotationRecord],
    quotes: QuoteRenderer,
    source: ExportSource,
    options: ExportOptions,
) -> list[str]:
    blocks: list[str] = []
    for theme, recs in tag_groups(records, options):
        blocks.append(_heading(2, UNTAGGED if theme is None else theme))
        for rec in recs:
            blocks.extend(passage(rec, quotes, source))
    return blocks


def render_markdown(options: ExportOptions, source: ExportSource) -> str:
    """The Markdown export of the selected articles as one string."""
    options = options.checked()
    documents = source.selected_documents(options)
    records = select(source.annotations, options, documents)
    by_doc: dict[str, list[AnnotationRecord]] = {doc.id: [] for doc in documents}
    for rec in records:
        by_doc[rec.document].append(rec)
    common: dict[str, Any] = {
        "script": options.script,
        "exported": options.stamp(),
        "group_by": options.group_by,
        "originals": options.originals,
        "filters": options.filters(),
        "annotations": len(records),
    }
    all_tags: dict[str, str] = {}
    for rec in records:
        for tag in rec.tags:
            all_tags.setdefault(fold_key(tag), markdown_tag(tag)[1:])
    common["tags"] = list(all_tags.values())
    if len(documents) == 1:
        fields = {**document_fields(documents[0]), **common}
    else:
        fields = {
            "title": "Meipi annotations",
            **common,
            "documents": [document_fields(d) for d in documents],
        }
    blocks = [escape.front_matter(fields)]
    for doc in documents:
        quotes = source.quote_renderer(doc, options)
        title = _title_in_view(doc, quotes)
        blocks.append(_heading(1, title))
        line = byline(doc)
        if line:
            blocks.append(line)
        recs = by_doc[doc.id]
        if not recs:
            blocks.append("No annotations match.")
        elif options.group_by == "tag":
            blocks.extend(_themes(recs, quotes, source, options))
        else:
            blocks.extend(_sections(doc, recs, quotes, source))
    return "\n\n".join(blocks) + "\n"


def _title_in_view(doc: Document, quotes: QuoteRenderer) -> str:
    """The title as the chosen script shows it (the title block), else the metadata title."""
    for block in doc.blocks:
        if block.kind == "title" and doc.block_text(block) == doc.title:
            return quotes.heading(block.start, block.end)
    return doc.title

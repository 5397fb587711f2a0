"""``--format markdown``: the annotations of each article, in text order, under its headings.

The file is YAML front matter (title, authors, venue, issue, date, document id, script, export
time, filters) and CommonMark that reads well on GitHub and in Obsidian::

    # 一帶一路框架下中俄之潛在競合關係
    連弘宜 · 戰略瞭望
    ## 壹、前言
    > 自從戈巴契夫提出「新思維」… [@lianyidai, p. 1]
    [p\\. 1](meipi://annotation/UUID) · yellow (key argument) · #地區/中亞 #能源
    The note as typed: its inline Markdown and lists render, its headings as strong text,
    other blocks are neutralised (reader.export.escape).

The page citation links back to the passage (``meipi://``, unless ``links`` is off); the Pandoc
citation ends the quote with ``--flavour pandoc`` or ``citations``; ``pinyin`` adds the quote's
pinyin. Tags are written as Obsidian accepts them (reader.export.tagnames), the user's
spellings kept in the front matter's ``meipi-tags``. Texts with no matching annotation are left
out (:func:`omitted_documents` counts them). ``group_by="tag"`` puts the passages under one
heading per theme (sorted by pinyin or zhuyin: reader.export.pronounce) instead of per section.
An export of several articles has one ``#`` part per article and lists them in ``documents``.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.documents import Block, Document
from reader.export import escape
from reader.export.citing import passage_citation
from reader.export.records import (
    AnnotationRecord,
    ExportOptions,
    ExportSource,
    QuoteRenderer,
    select,
    theme_tags,
)
from reader.export.tagnames import TagNames, obsidian_tag
from reader.folding import fold_key

UNTAGGED = "Untagged"
ORPHANS = "Passages no longer found in the text"


def document_fields(
    doc: Document, source: ExportSource | None = None, script: str = "original"
) -> dict[str, Any]:
    """A text's metadata for front matter: title, authors and venue in the export's script
    (character by character: the script changes, never a word, so the record still names the
    published work; CSL-JSON and BibTeX keep its published form), the citekey when a source is
    given."""
    meta = doc.meta

    def conv(text: str | None) -> str | None:
        return source.in_script(text, doc, script) if source is not None and text else text

    fields: dict[str, Any] = {
        "title": conv(meta.title),
        "authors": [conv(a) for a in meta.authors],
        "venue": conv(meta.venue),
        "issue": meta.issue,
        "date": meta.date,
        "document": doc.id,
    }
    if source is not None:
        fields["citekey"] = source.citekey(doc)
    return fields


def byline(doc: Document, source: ExportSource | None = None, script: str = "original") -> str:
    """Authors, venue, issue, date, publisher; in the export's script, character by character."""
    meta = doc.meta
    parts = ["、".join(meta.authors)] if meta.authors else []
    parts.extend(x for x in (meta.venue, meta.issue, meta.date, meta.publisher) if x)
    text = " · ".join(parts)
    if source is not None:
        text = source.in_script(text, doc, script)
    return escape.inline_text(text) if parts else ""


@dataclass
class PassageStyle:
    """How the passages of one export are written: tag names (Obsidian's form, unique in the
    export), Pandoc citations, links back, pinyin."""

    tag_names: TagNames = field(default_factory=TagNames)
    cite: bool = False
    links: bool = True
    pinyin: bool = False
    citekeys: dict[str, str] = field(default_factory=dict)  # document id -> key

    @classmethod
    def of(
        cls,
        options: ExportOptions,
        source: ExportSource,
        records: Sequence[AnnotationRecord],
        documents: Sequence[Document],
    ) -> PassageStyle:
        names = TagNames(tag for rec in records for tag in rec.tags)
        keys = {d.id: source.citekey(d) for d in documents} if options.cite else {}
        return cls(names, options.cite, options.links, options.pinyin, keys)


def annotation_link(rec: AnnotationRecord) -> str:
    """The ``meipi://`` link that opens the window at this annotation."""
    from reader.links import annotation_url

    return annotation_url(rec.id)


def pandoc_citation(key: str, rec: AnnotationRecord, doc: Document | None = None) -> str:
    """``[@key, p. 3]`` / ``[@key, pp. 3–4]`` (``pp. i–45``: the printed page labels)."""
    return f"[@{key}, {passage_citation(rec, doc)}]"


def meta_line(
    rec: AnnotationRecord,
    source: ExportSource,
    *,
    note_script: str = "",
    style: PassageStyle | None = None,
    doc: Document | None = None,
) -> str:
    """``p. 3 · yellow (key argument) · #地區/中亞``: citation (linked back to the passage),
    colour and meaning, tags. The citation gives the printed page labels of ``doc`` (else of
    the source's document)."""
    style = style or PassageStyle(links=False)
    if doc is None:
        doc = next((d for d in source.documents if d.id == rec.document), None)
    cited = _inline_citation(passage_citation(rec, doc))
    parts = [f"[{cited}]({annotation_link(rec)})" if style.links else cited]
    if rec.color:
        meaning = source.meaning(rec.color)
        parts.append(_colour_label(rec.color, meaning))
    else:
        parts.append("note")
    if rec.tags:
        parts.append(" ".join("#" + style.tag_names.name(t) for t in rec.tags))
    if note_script:
        parts.append(escape.inline_text(note_script))
    return " · ".join(parts)


@functools.lru_cache(maxsize=1024)
def _inline_citation(citation: str) -> str:
    """``p. 3`` escaped (a few hundred distinct ones in an export of thousands)."""
    return escape.inline_text(citation)


@functools.lru_cache(maxsize=256)
def _colour_label(color: str, meaning: str) -> str:
    return escape.inline_text(f"{color} ({meaning})" if meaning else color)


@functools.lru_cache(maxsize=4096)
def tag_markdown(tag: str) -> str:
    """``#地區/中亞``: the tag as Obsidian accepts it (reader.export.tagnames), bare."""
    return "#" + obsidian_tag(tag)


def passage(
    rec: AnnotationRecord,
    quotes: QuoteRenderer,
    source: ExportSource,
    style: PassageStyle | None = None,
) -> list[str]:
    """One annotation: the quote as a block quote (its pinyin and Pandoc citation when asked),
    its meta line, the note (Markdown blocks)."""
    if rec.orphaned:
        quote = rec.quote
        extra = "original script; not found in the current text"
    else:
        quote = quotes.text(rec.start, rec.end)
        extra = ""
    blocks = []
    quote_paras = escape.line_paragraphs(quote)
    if quote_paras and style is not None and style.cite and rec.document in style.citekeys:
        quote_paras[-1] += " " + pandoc_citation(style.citekeys[rec.document], rec, quotes.doc)
    if quote_paras and style is not None and style.pinyin:
        from reader.export.pronounce import quote_pinyin

        sound = escape.inline_text(quote_pinyin(" ".join(escape.visible_lines(quote))))
        if sound:
            quote_paras.append(sound)
    if quote_paras:
        blocks.append(escape.blockquote(quote_paras))
    blocks.append(meta_line(rec, source, note_script=extra, style=style, doc=quotes.doc))
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
    doc: Document,
    records: Sequence[AnnotationRecord],
    quotes: QuoteRenderer,
    source: ExportSource,
    style: PassageStyle | None = None,
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
        blocks.extend(passage(rec, quotes, source, style))
    if orphans:
        blocks.append(_heading(2, ORPHANS))
        for rec in orphans:
            blocks.extend(passage(rec, quotes, source, style))
    return blocks


def tag_groups(
    records: Sequence[AnnotationRecord], options: ExportOptions, source_script: str = "zh-Hant-TW"
) -> list[tuple[str | None, list[AnnotationRecord]]]:
    """Themes (tags matched by folding, first spelling kept), sorted by sound (pinyin in
    Simplified exports, zhuyin in Traditional ones: reader.export.pronounce) so that parents
    lead children; passages without a theme last (as ``None``)."""
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
    from reader.export.pronounce import theme_sort_key

    keys = sorted(
        groups, key=lambda k: (theme_sort_key(groups[k][0], options.script, source_script), k)
    )
    ordered: list[tuple[str | None, list[AnnotationRecord]]] = [groups[k] for k in keys]
    if untagged:
        ordered.append((None, untagged))
    return ordered


def _themes(
    records: Sequence[AnnotationRecord],
    quotes: QuoteRenderer,
    source: ExportSource,
    options: ExportOptions,
    style: PassageStyle | None = None,
) -> list[str]:
    blocks: list[str] = []
    for theme, recs in tag_groups(records, options, quotes.doc.meta.script):
        blocks.append(_heading(2, UNTAGGED if theme is None else theme))
        for rec in recs:
            blocks.extend(passage(rec, quotes, source, style))
    return blocks


def omitted_documents(options: ExportOptions, source: ExportSource) -> list[Document]:
    """The selected texts left out of a Markdown or comparison export because no annotation of
    theirs matches (the command says how many on stderr, the dialog beside the preview)."""
    options = options.checked()
    documents = source.selected_documents(options)
    having = {rec.document for rec in select(source.annotations, options, documents)}
    return [doc for doc in documents if doc.id not in having]


def front_fields(
    options: ExportOptions,
    source: ExportSource,
    documents: Sequence[Document],
    records: Sequence[AnnotationRecord],
    style: PassageStyle,
) -> dict[str, Any]:
    common: dict[str, Any] = {
        "script": options.script,
        "exported": options.stamp(),
        "group_by": options.group_by,
        "originals": options.originals,
        "filters": options.filters(),
        "annotations": len(records),
        # Obsidian reads this list as the note's tags: the mapped names, as in the body.
        "tags": style.tag_names.names(),
        "meipi-tags": style.tag_names.reverse_map(),
    }
    if source.bibliography:
        common["bibliography"] = source.bibliography
    if len(documents) == 1:
        return {**document_fields(documents[0], source, options.script), **common}
    return {
        "title": "Meipi annotations",
        **common,
        "documents": [document_fields(d, source, options.script) for d in documents],
    }


def render_markdown(options: ExportOptions, source: ExportSource) -> str:
    """The Markdown export of the selected articles as one string (texts without a matching
    annotation are left out: :func:`omitted_documents`)."""
    options = options.checked()
    selected = source.selected_documents(options)
    records = select(source.annotations, options, selected)
    by_doc: dict[str, list[AnnotationRecord]] = {doc.id: [] for doc in selected}
    for rec in records:
        by_doc[rec.document].append(rec)
    documents = [doc for doc in selected if by_doc[doc.id]] or selected[:1]
    style = PassageStyle.of(options, source, records, documents)
    blocks = [escape.front_matter(front_fields(options, source, documents, records, style))]
    for doc in documents:
        blocks.extend(document_blocks(doc, by_doc[doc.id], options, source, style))
    return "\n\n".join(blocks) + "\n"


def document_blocks(
    doc: Document,
    recs: Sequence[AnnotationRecord],
    options: ExportOptions,
    source: ExportSource,
    style: PassageStyle,
) -> list[str]:
    """One text's part of the export: its title, byline and passages."""
    quotes = source.quote_renderer(doc, options)
    blocks = [_heading(1, _title_in_view(doc, quotes, source, options.script))]
    line = byline(doc, source, options.script)
    if line:
        blocks.append(line)
    if not recs:
        blocks.append("No annotations match.")
    elif options.group_by == "tag":
        blocks.extend(_themes(recs, quotes, source, options, style))
    else:
        blocks.extend(_sections(doc, recs, quotes, source, style))
    return blocks


def _title_in_view(doc: Document, quotes: QuoteRenderer, source: ExportSource, script: str) -> str:
    """The title as the chosen script shows it (the title block), else the metadata title in
    the export's script, character by character as the front matter has it (a Markdown import
    whose title was in its front matter has no title block)."""
    for block in doc.blocks:
        if block.kind == "title" and doc.block_text(block) == doc.title:
            return quotes.heading(block.start, block.end)
    return source.in_script(doc.title, doc, script)

"""``--format compare``: two or more articles side by side, theme by theme.

First a theme × article table of passage counts, with a last column naming the article when a
theme is found in only one; then one ``##`` section per theme (a tag, or a colour with
``by="color"``), its memo when the user wrote one, and one ``###`` sub-section per article in
article order with its passages, citations and notes. A text with no passage in the export
gets no column and no sub-section (as in the Markdown export; the command says how many were
left out); a text without an author is named by its title, once, and texts that would read
the same are told apart by their ids.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.documents import Document
from reader.errors import InputError
from reader.export import escape
from reader.export.markdown import (
    UNTAGGED,
    PassageStyle,
    document_fields,
    passage,
    tag_groups,
)
from reader.export.records import (
    AnnotationRecord,
    ExportOptions,
    ExportSource,
    QuoteRenderer,
    select,
)
from reader.store.records import COLORS

NO_COLOUR = "No colour (notes)"


@dataclass
class Theme:
    key: str  # the tag as first spelled, or a colour name; "" for the passages with none
    heading: str
    passages: list[AnnotationRecord]


def themes(
    records: Sequence[AnnotationRecord], options: ExportOptions, source: ExportSource
) -> list[Theme]:
    if options.by == "color":
        found: list[Theme] = []
        for color in (*COLORS, None):
            recs = [r for r in records if r.color == color]
            if not recs:
                continue
            if color is None:
                found.append(Theme("", NO_COLOUR, recs))
                continue
            meaning = source.meaning(color)
            found.append(Theme(color, f"{color} — {meaning}" if meaning else color, recs))
        return found
    return [
        Theme(name or "", UNTAGGED if name is None else name, recs)
        for name, recs in tag_groups(records, options, _source_script(source))
    ]


def _source_script(source: ExportSource) -> str:
    return source.documents[0].meta.script if source.documents else "zh-Hant-TW"


def short_title(title: str, limit: int = 8) -> str:
    """The title cut at its first punctuation or after ``limit`` characters (with …)."""
    head = title
    for i, ch in enumerate(title):
        if i and unicodedata.category(ch).startswith("P"):
            head = title[:i]
            break
    return head if len(head) <= limit else head[:limit] + "…"


def article_labels(
    documents: Sequence[Document], source: ExportSource | None = None, script: str = "original"
) -> list[str]:
    """Column labels: author and year (``許菁芸 2024``), with a short title when two columns
    would read the same (``連弘宜 〈一帶一路框架下中俄…〉``); a text without an author by its
    short title, then its year (``〈北極合作研究〉 2020``). Labels that still read the same get
    the whole title instead, then the text's id (``〈北極合作研究〉 (notes-2)``). Authors in the
    export's script, character by character, as the titles are."""

    def authors(doc: Document) -> str:
        return in_script("、".join(doc.meta.authors), doc, source, script)

    def named(doc: Document, title: str) -> str:
        who, year = authors(doc), doc.meta.year or ""
        if not who:
            return " ".join(x for x in (f"〈{title}〉", year) if x)
        return " ".join(x for x in (who, year, f"〈{title}〉" if title else "") if x)

    titles = {d.id: in_script(d.title, d, source, script) for d in documents}
    labels = [named(d, "" if authors(d) else short_title(titles[d.id])) for d in documents]
    for title_of in (short_title, lambda title: title):
        labels = [
            named(doc, title_of(titles[doc.id])) if labels.count(label) > 1 else label
            for label, doc in zip(labels, documents, strict=True)
        ]
    return _distinct(labels, documents)


def _distinct(names: Sequence[str], documents: Sequence[Document]) -> list[str]:
    """``names``, each that another text shares followed by its text's id (ids are unique)."""
    return [
        f"{name} ({doc.id})" if names.count(name) > 1 else name
        for name, doc in zip(names, documents, strict=True)
    ]


def article_heading(
    doc: Document, source: ExportSource | None = None, script: str = "original"
) -> str:
    """A text named in full: author and year, then the whole title (``許菁芸 2024〈中俄兩國之
    戰略利益分歧〉``); without an author, the title, then the year (``〈北極合作研究〉 2020``).
    Authors and title in the export's script, character by character."""
    who = in_script("、".join(doc.meta.authors), doc, source, script)
    title = in_script(doc.title, doc, source, script)
    if not who:
        return " ".join(x for x in (f"〈{title}〉", doc.meta.year or "") if x)
    byline = " ".join(x for x in (who, doc.meta.year or "") if x)
    return f"{byline}〈{title}〉"


def in_script(text: str, doc: Document, source: ExportSource | None, script: str) -> str:
    """Metadata text in the export's script (as it is without a source to convert it)."""
    return source.in_script(text, doc, script) if source is not None else text


def article_headings(
    documents: Sequence[Document], source: ExportSource | None = None, script: str = "original"
) -> list[str]:
    """:func:`article_heading` of each text, the text's id added to any that another shares."""
    return _distinct([article_heading(d, source, script) for d in documents], documents)


def _table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def count_table(
    found: Sequence[Theme], documents: Sequence[Document], labels: Sequence[str]
) -> str:
    header = ["Theme", *(escape.inline_text(label) for label in labels), "Found only in"]
    rows = [_table_row(header), _table_row(["---", *("---:" for _ in labels), "---"])]
    for theme in found:
        counts = [sum(1 for r in theme.passages if r.document == d.id) for d in documents]
        present = [i for i, n in enumerate(counts) if n]
        only = escape.inline_text(labels[present[0]]) if len(present) == 1 else ""
        rows.append(_table_row([escape.inline_text(theme.heading), *map(str, counts), only]))
    return "\n".join(rows)


def render_compare(options: ExportOptions, source: ExportSource) -> str:
    """The comparison export as one string (InputError with fewer than two articles)."""
    options = options.checked()
    documents = source.selected_documents(options)
    if len(documents) < 2:
        raise InputError(
            "A comparison needs two or more articles; give --doc at least twice "
            "(or leave --doc out to compare every article)."
        )
    records = select(source.annotations, options, documents)
    having = {r.document for r in records}
    # Texts without a matching passage get no column and no sections, as in the Markdown
    # export (the command and the dialog say how many were left out:
    # ``reader.export.markdown.omitted_documents``).
    documents = [d for d in documents if d.id in having]
    found = themes(records, options, source)
    labels = article_labels(documents, source, options.script)
    style = PassageStyle.of(options, source, records, documents)
    quotes: dict[str, QuoteRenderer] = {d.id: source.quote_renderer(d, options) for d in documents}
    fields: dict[str, Any] = {
        "title": "Comparison by theme",
        "by": options.by,
        "script": options.script,
        "exported": options.stamp(),
        "originals": options.originals,
        "filters": options.filters(),
        "annotations": len(records),
        "themes": len(found),
        "tags": style.tag_names.names(),
        "meipi-tags": style.tag_names.reverse_map(),
        "documents": [document_fields(d, source, options.script) for d in documents],
    }
    blocks = [escape.front_matter(fields), "# Comparison by theme"]
    headings = article_headings(documents, source, options.script)
    blocks.append(escape.inline_text(" · ".join(headings)))
    if not found:
        blocks.append("No annotations match.")
        return "\n\n".join(blocks) + "\n"
    blocks.append(count_table(found, documents, labels))
    for theme in found:
        blocks.append("## " + escape.inline_text(theme.heading))
        memo = source.memo(theme.key, by=options.by) if theme.key else ""
        memo_paragraphs = escape.paragraphs(memo) if memo else []
        # A memo of nothing visible (only control characters) gets no "Memo:" label either.
        if memo_paragraphs:
            blocks.append("Memo:")
            blocks.extend(memo_paragraphs)
        for heading, doc in zip(headings, documents, strict=True):
            blocks.append("### " + escape.inline_text(heading))
            recs = [r for r in theme.passages if r.document == doc.id]
            if not recs:
                blocks.append("No passages.")
            for rec in recs:
                blocks.extend(passage(rec, quotes[doc.id], source, style))
    return "\n\n".join(blocks) + "\n"

"""``--format compare``: two or more articles side by side, theme by theme.

First a theme × article table of passage counts, with a last column naming the article when a
theme is found in only one; then one ``##`` section per theme (a tag, or a colour with
``by="color"``), its memo when the user wrote one, and one ``###`` sub-section per article in
article order with its passages, citations and notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.documents import Document
from reader.errors import InputError
from reader.export import escape
from reader.export.markdown import UNTAGGED, document_fields, passage, tag_groups
from reader.export.records import (
    COLORS,
    AnnotationRecord,
    ExportOptions,
    ExportSource,
    QuoteRenderer,
    select,
)

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
        for name, recs in tag_groups(records, options)
    ]


def article_labels(documents: Sequence[Document]) -> list[str]:
    """Short column labels: the authors, else the title; the id added when two collide."""
    labels = ["、".join(d.meta.authors) or d.title or d.id for d in documents]
    return [
        f"{label} ({doc.id})" if labels.count(label) > 1 else label
        for label, doc in zip(labels, documents, strict=True)
    ]


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
    found = themes(records, options, source)
    labels = article_labels(documents)
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
        "documents": [document_fields(d) for d in documents],
    }
    blocks = [escape.front_matter(fields), "# Comparison by theme"]
    blocks.append(
        escape.inline_text(
            " · ".join(f"{label}〈{d.title}〉" for label, d in zip(labels, documents, strict=True))
        )
    )
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
        for label, doc in zip(labels, documents, strict=True):
            blocks.append("### " + escape.inline_text(f"{label}〈{doc.title}〉"))
            recs = [r for r in theme.passages if r.document == doc.id]
            if not recs:
                blocks.append("No passages.")
            for rec in recs:
                blocks.extend(passage(rec, quotes[doc.id], source))
    return "\n\n".join(blocks) + "\n"

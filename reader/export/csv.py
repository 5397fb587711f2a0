"""``--format csv``: one row per annotation for spreadsheets.

Written as UTF-8 with a byte-order mark (:data:`BOM`, added by the file writer) so Excel shows
Chinese; rows end with CRLF as the csv module writes them. A text cell that begins with
``= + - @`` (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet shows it
as text instead of running it as a formula (an imported annotation file may be hostile).

Cells hold the text as the user typed it: the note verbatim (its Markdown unrendered), the tags
as spelled, separated by ``; `` (``地區/中亞; 中俄 關係``), not as Markdown hashtags.
"""

from __future__ import annotations

import csv
import io

from reader.export.citing import passage_citation
from reader.export.records import ExportOptions, ExportSource, select

BOM = "\ufeff"
HEADER = (
    "id",
    "document",
    "title",
    "citation",
    "color",
    "color_meaning",
    "tags",
    "quote",
    "note",
    "created",
    "updated",
)
TAG_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """A text cell a spreadsheet will not evaluate."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(options: ExportOptions, source: ExportSource) -> str:
    """The CSV export as a string (without the byte-order mark; see :data:`BOM`)."""
    options = options.checked()
    documents = source.selected_documents(options)
    records = select(source.annotations, options, documents)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    renderers = {d.id: source.quote_renderer(d, options) for d in documents}
    # The title in the script of the quotes beside it (character by character, as every
    # export's metadata).
    titles = {d.id: source.in_script(d.title, d, options.script) for d in documents}
    by_id = {d.id: d for d in documents}
    for rec in records:
        quote = rec.quote if rec.orphaned else renderers[rec.document].text(rec.start, rec.end)
        writer.writerow(
            (
                rec.id,
                rec.document,
                cell(titles[rec.document]),
                passage_citation(rec, by_id.get(rec.document)),
                rec.color or "",
                cell(source.meaning(rec.color)),
                cell(TAG_SEPARATOR.join(rec.tags)),
                cell(quote),
                cell(rec.note or ""),
                rec.created,
                rec.updated,
            )
        )
    return out.getvalue()

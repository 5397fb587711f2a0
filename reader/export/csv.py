"""``--format csv``: one row per annotation for spreadsheets.

Written as UTF-8 with a byte-order mark (:data:`BOM`, added by the file writer) so Excel shows
Chinese; rows end with CRLF as the csv module writes them.

Cells hold the text as the user typed it: the note verbatim (its Markdown unrendered), the tags
as spelled, not as Markdown hashtags. Two changes, both documented in the README and undone by
:func:`read_cell` and :func:`read_tags`:

* the formula guard: a text cell that begins with ``= + - @`` (or a tab or carriage return)
  gets a leading apostrophe, so a spreadsheet shows it as text instead of running it as a
  formula (an imported annotation file may be hostile). A note that begins ``- `` (a Markdown
  list) gets it too: a formula may have a space after its leading minus (``- 2+3+cmd|' /C
  calc'!A0`` is the known ``-2+3+cmd|…`` payload, spaced), so the guard cannot tell a list
  from a payload. A cell that begins with an apostrophe of its own
  gets one more, so a reader removes exactly one leading apostrophe from any cell that has one.
* the tags, one cell: separated by ``; `` (``地區/中亞; 中俄 關係``); inside a tag a ``;`` is
  written ``\\;`` and a backslash ``\\\\``, so ``["a; b", "c"]`` is ``a\\; b; c`` and
  ``["a", "b", "c"]`` is ``a; b; c``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

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
    """A text cell a spreadsheet will not evaluate (see the module's docstring)."""
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def read_cell(written: str) -> str:
    """The text a :func:`cell` holds: one leading apostrophe removed, if there is one."""
    return written.removeprefix("'")


def tags_cell(tags: Iterable[str]) -> str:
    """The tags cell: each tag's backslashes and semicolons escaped, joined by ``; ``."""
    escaped = (tag.replace("\\", "\\\\").replace(";", "\\;") for tag in tags)
    return cell(TAG_SEPARATOR.join(escaped))


def read_tags(written: str) -> list[str]:
    """The tags a :func:`tags_cell` holds: split at each ``;`` not escaped, escapes undone."""
    text = read_cell(written)
    tags: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == ";":
            tags.append("".join(current))
            current = []
        else:
            current.append(ch)
    if text:
        tags.append("".join(current))
    # Every tag after the first follows the separator's space.
    return [tags[0], *(tag.removeprefix(" ") for tag in tags[1:])] if tags else []


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
                tags_cell(rec.tags),
                cell(quote),
                cell(rec.note or ""),
                rec.created,
                rec.updated,
            )
        )
    return out.getvalue()

"""Exports of annotations: Markdown per article, a theme-by-theme comparison, W3C Web Annotation
JSON (and its import), CSV; written atomically.

The Export dialog and the command line both call :func:`render_export` (a string, for a live
preview or Copy) and :func:`write_export` (a file, atomically). Inputs are plain values
(:mod:`reader.export.records`), so none of this touches the database or Qt.
"""

from __future__ import annotations

from pathlib import Path

from reader.export import formats
from reader.export.atomic import write_atomic
from reader.export.formats import FORMATS
from reader.export.records import (
    AnnotationRecord,
    ExportOptions,
    ExportSource,
    ViewProvider,
)
from reader.export.w3c import ImportPlan, parse_import, plan_import
from reader.store.records import COLORS

__all__ = [
    "COLORS",
    "FORMATS",
    "AnnotationRecord",
    "ExportOptions",
    "ExportSource",
    "ImportPlan",
    "ViewProvider",
    "export_bytes",
    "export_text",
    "parse_import",
    "plan_import",
    "render_export",
    "suggested_filename",
    "write_export",
]

# The formats (name, renderer, extension, file filter …) live in reader.export.formats.


def render_export(options: ExportOptions, source: ExportSource) -> str:
    """The export as text: what the dialog previews and Copy puts on the clipboard.

    Raises InputError for choices that cannot be exported (unknown view or colour, a comparison
    of fewer than two articles); the message is meant to be shown as it is.
    """
    options = options.checked()
    return formats.get(options.format).render(options, source)


def export_text(options: ExportOptions, source: ExportSource) -> str:
    """The export as written to a file or stdout (CSV starts with a byte-order mark)."""
    text = render_export(options, source)
    return formats.get(options.format).prefix + text


def export_bytes(options: ExportOptions, source: ExportSource) -> bytes:
    return export_text(options, source).encode("utf-8")


def write_export(options: ExportOptions, source: ExportSource, path: Path) -> None:
    """Render and write atomically (EnvironmentFailure: unwritable path or full disk)."""
    write_atomic(path, export_bytes(options, source))


def suggested_filename(options: ExportOptions) -> str:
    """A default file name for Save: ``lian-obor.md``, ``comparison.md``, ``annotations.csv``."""
    return formats.get(options.format).suggested_filename(options.documents)

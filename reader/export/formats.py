"""The export formats, registered once: ``meipi export --format``, the Export dialog's format
list and file filters, the file name suggested for Save and the renderers all read this table.

Adding a format is one :class:`ExportFormat` entry in :data:`REGISTRY` plus its module (a
function ``render(options, source) -> str``, named here as ``"module:function"`` and imported
only when that format is used).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.export.records import ExportOptions, ExportSource

Renderer = Callable[["ExportOptions", "ExportSource"], str]


@dataclass(frozen=True)
class ExportFormat:
    name: str  # the --format value
    renderer: str  # "module:function", imported on first use
    extension: str  # of the file Save suggests, with its dot
    label: str  # the dialog's list (English; the dialog translates it)
    file_filter: str  # the Save dialog's filter
    prefix: str = ""  # written before the text in a file or on stdout (CSV: a byte-order mark)
    min_documents: int = 0  # a comparison needs two or more articles
    default_stem: str = "annotations"  # the suggested file name without its extension
    stem_is_document: bool = False  # one article chosen: the file is named after it

    def render(self, options: ExportOptions, source: ExportSource) -> str:
        module_name, _, func_name = self.renderer.partition(":")
        function: Renderer = getattr(importlib.import_module(module_name), func_name)
        return function(options, source)

    def suggested_filename(self, documents: tuple[str, ...]) -> str:
        stem = documents[0] if self.stem_is_document and len(documents) == 1 else self.default_stem
        return stem + self.extension


REGISTRY: tuple[ExportFormat, ...] = (
    ExportFormat(
        "markdown",
        "reader.export.markdown:render_markdown",
        ".md",
        "Markdown, per article",
        "Markdown (*.md)",
        stem_is_document=True,
    ),
    ExportFormat(
        "compare",
        "reader.export.compare:render_compare",
        ".md",
        "Comparison, theme by theme",
        "Markdown (*.md)",
        min_documents=2,
        default_stem="comparison",
    ),
    ExportFormat(
        "json",
        "reader.export.w3c:render_json",
        ".json",
        "W3C Web Annotation JSON",
        "JSON (*.json)",
    ),
    ExportFormat(
        "csv",
        "reader.export.csv:render_csv",
        ".csv",
        "CSV spreadsheet",
        "CSV (*.csv)",
        prefix="\ufeff",
    ),
    ExportFormat(
        "csl-json",
        "reader.export.references:render_csl_json",
        ".json",
        "References, CSL-JSON (Zotero, Pandoc)",
        "CSL-JSON (*.json)",
        default_stem="references",
    ),
    ExportFormat(
        "bibtex",
        "reader.export.references:render_bibtex",
        ".bib",
        "References, BibTeX",
        "BibTeX (*.bib)",
        default_stem="references",
    ),
)

BY_NAME: dict[str, ExportFormat] = {f.name: f for f in REGISTRY}
FORMATS: tuple[str, ...] = tuple(BY_NAME)


def get(name: str) -> ExportFormat:
    """The format called ``name`` (KeyError if unknown: check options first)."""
    return BY_NAME[name]

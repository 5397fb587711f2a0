"""The export formats: each suggests its own file name."""

from __future__ import annotations

from reader.export import ExportOptions, suggested_filename


def test_suggested_filenames() -> None:
    assert suggested_filename(ExportOptions(documents=("lian-obor",))) == "lian-obor.md"
    assert suggested_filename(ExportOptions(format="compare")) == "comparison.md"
    assert suggested_filename(ExportOptions(format="json")) == "annotations.json"
    assert suggested_filename(ExportOptions(format="csv")) == "annotations.csv"

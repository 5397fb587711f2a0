"""The store's measurements for ``meipi bench`` run the real paths and report seconds (how
fast is for ``meipi bench`` to say, never a test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.bench import store_timing as timing
from reader.bench.workload import large_document


def test_every_measurement_runs_and_reports_seconds() -> None:
    results = timing.measure_store(40, repeat=1, document=large_document(5_000, seed=2))
    assert set(results) == {
        "json_import_store",
        "list_annotations",
        "create_annotations",
        "cli_import",
        "cli_export_markdown",
        "cli_export_json",
        "cli_import_cpu",
        "cli_export_markdown_cpu",
        "cli_export_json_cpu",
    }
    assert all(isinstance(v, float) and v > 0 for v in results.values())


def test_a_failing_command_is_an_error_not_a_time(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="nowhere"):
        timing.cli_seconds(
            ["export", "--format", "markdown", "--doc", "nowhere"],
            db=tmp_path / "meipi.sqlite3",
            data_dir=tmp_path / "data",
            repeat=1,
        )


def test_the_import_file_holds_the_annotations_asked_for() -> None:
    from reader.export.w3c import parse_import

    documents = timing.shipped_documents()
    records = parse_import(timing.w3c_export(25, documents), documents)
    assert len(records) == 25 and {r.document for r in records} == {d.id for d in documents}

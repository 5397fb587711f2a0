"""The benchmark's entry point for exports: a deterministic workload and its measurements."""

from __future__ import annotations

from reader.bench.export_timing import measure_exports, workload
from reader.export.records import ExportOptions, ExportSource
from reader.export.w3c import parse_import, render_json
from tests.export.helpers import library_docs


def test_workload_is_seeded_and_anchored_on_the_texts() -> None:
    docs = library_docs()
    first = workload(docs, 300)
    assert first == workload(docs, 300)
    texts = {d.id: d.text for d in docs}
    assert all(texts[r.document][r.start : r.end] == r.quote for r in first)
    assert {r.color for r in first} >= {None, "yellow", "purple"}
    # The workload is valid input for the import it measures.
    data = render_json(ExportOptions(format="json"), ExportSource(docs, first)).encode()
    assert len(parse_import(data, docs)) == 300


def test_measurements_are_reported() -> None:
    numbers = measure_exports(200, repeat=1, documents=library_docs())
    for name in ("markdown_export", "json_export", "json_import"):
        assert 0 < numbers[name] < 5
        assert numbers[name + "_cpu"] > 0
    assert numbers["json_bytes"] > 200 * 500

"""Measuring the exports for ``meipi bench``: 10,000 annotations over the shipped articles.

:func:`workload` builds a seeded set of annotation records (passages of 4–80 characters at
random places in both articles, one to three tags from a small nested vocabulary, a note on
every other one, every colour and note-only); :func:`measure_exports` times the Markdown and
JSON exports and the JSON import's parse-and-validate step (the part that decides whether a file
is accepted; writing to the database is the store's to measure).
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from reader.documents import Document, load_library
from reader.export.records import AnnotationRecord, ExportOptions, ExportSource
from reader.export.w3c import parse_import, render_json
from reader.store.records import COLORS

THEMES = (
    "地區/中亞",
    "地區/北極",
    "地區/東歐",
    "能源",
    "能源/天然氣",
    "安全",
    "經濟 合作",
    "上合組織",
    "一帶一路",
    "Energy policy",
)
NOTES = (
    "Compare with the other article's reading of this.",
    "**Key claim**: the partnership is asymmetric.\n\n- see p. 3\n- and the footnote",
    "區域性 here means regional, not local (tw2sp reads 局部).",
    "# not a heading\n---\n> not a quote | nor a table |",
)


def workload(documents: Sequence[Document], count: int, *, seed: int = 8) -> list[AnnotationRecord]:
    rng = random.Random(seed)
    records = []
    for i in range(count):
        doc = documents[i % len(documents)]
        length = rng.randint(4, 80)
        start = rng.randrange(0, max(1, len(doc.text) - length))
        end = min(len(doc.text), start + length)
        color = rng.choice((*COLORS, None))
        note = rng.choice(NOTES) if (color is None or i % 2) else None
        tags = tuple(rng.sample(THEMES, rng.randint(1, 3)))
        stamp = f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
        records.append(
            AnnotationRecord(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                document=doc.id,
                start=start,
                end=end,
                quote=doc.text[start:end],
                prefix=doc.text[max(0, start - 32) : start],
                suffix=doc.text[end : end + 32],
                pages=doc.pages_of(start, end),
                color=color,
                tags=tags,
                note=note,
                created=stamp,
                updated=stamp,
            )
        )
    return records


def _median_seconds(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU time is steadier on a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def measure_exports(
    count: int = 10_000,
    *,
    repeat: int = 3,
    script: str = "original",
    documents: Sequence[Document] | None = None,
) -> dict[str, float]:
    """Median seconds: ``markdown_export``, ``json_export``, ``json_import`` (parse+validate),
    wall clock, each also as ``…_cpu`` (this process's CPU time); ``json_bytes``.

    Views other than ``original`` come from ``reader.script`` (converted once, then cached, as
    in the window); the first conversion is not counted.
    """
    docs = list(documents) if documents is not None else list(load_library())
    records = workload(docs, count)
    if script == "original":
        source = ExportSource(docs, records)
    else:
        from reader.script import document_view

        source = ExportSource(docs, records, views=lambda d, v: document_view(d, v, None))
        for doc in docs:
            document_view(doc, script, None)
    markdown = ExportOptions(format="markdown", script=script, exported_at="2026-11-22T00:00:00Z")
    as_json = ExportOptions(format="json", exported_at="2026-11-22T00:00:00Z")
    from reader.export import render_export

    data = render_json(as_json, source).encode("utf-8")
    results: dict[str, float] = {}
    for name, fn in (
        ("markdown_export", lambda: render_export(markdown, source)),
        ("json_export", lambda: render_json(as_json, source)),
        ("json_import", lambda: parse_import(data, docs)),
    ):
        results[name], results[name + "_cpu"] = _median_seconds(fn, repeat)
    results["json_bytes"] = float(len(data))
    return results

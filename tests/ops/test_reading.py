"""The read-only commands (list, text, search, annotations, export) read through plain sqlite3
(reader.ops.reading): they never import SQLAlchemy, and they print what the store's way prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.documents import load_library
from reader.export import ExportOptions, export_text
from reader.ops import annotations as annotation_ops
from reader.ops import glossary as glossary_ops
from reader.ops import notes as note_ops
from reader.ops import reading
from reader.ops.exporting import source_from_store
from reader.store import open_store
from tests.cli_helpers import meipi

READ_ONLY = [
    ["list"],
    ["list", "--json"],
    ["text", "lian-obor", "--script", "zh-Hans-CN", "--json"],
    ["search", "一帶一路"],
    ["search", "普京", "--script", "zh-Hans", "--json"],
    ["annotations"],
    ["annotations", "lian-obor", "--tag", "地區", "--color", "none", "--color", "green"],
    ["export", "--format", "markdown"],
    ["export", "--format", "json"],
    ["export", "--format", "compare"],
    ["export", "--format", "csv", "--script", "zh-Hans"],
]


@pytest.fixture
def populated(db_file: Path) -> Path:
    """Annotations (tags, nested tags, notes, no colour), a glossary, a memo and a setting."""
    assert (
        meipi("annotate", "lian-obor", "--quote", "一帶一路", "--all", "--tag", "地區/中亞").code
        == 0
    )
    assert (
        meipi(
            "annotate", "hsu-divergence", "--quote", "俄", "--occurrence", "2", "--color", "none",
            "--note", "筆記 **重點**",
        ).code
        == 0
    )  # fmt: skip
    assert meipi("annotate", "lian-obor", "--quote", "能源", "--all", "--color", "green").code == 0
    assert meipi("glossary", "same", "普京", "普丁").code == 0
    assert meipi("glossary", "keep", "區域性").code == 0
    assert meipi("config", "creator", "Scholar").code == 0
    with open_store(db_file) as store:
        note_ops.set_theme_memo(store, "地區", "A memo on regions.")
    return db_file


def test_read_only_commands_never_import_sqlalchemy(populated: Path, tmp_path: Path) -> None:
    script = (
        "import io, sys\n"
        "from reader.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "code = main(sys.argv[1:], stdout=out, stderr=err)\n"
        "assert code == 0, (code, err.getvalue())\n"
        "assert out.getvalue(), 'nothing printed'\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    env = dict(os.environ, MEIPI_DB=str(populated))
    for argv in READ_ONLY:
        proc = subprocess.run(
            [sys.executable, "-c", script, *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, (argv, proc.stderr)
        assert proc.stdout.strip() == "False", (argv, "imported SQLAlchemy")


def test_the_quick_reads_return_what_the_store_returns(populated: Path) -> None:
    filters: list[dict[str, list[str]]] = [
        {},
        {"tags": ["地區"]},
        {"tags": ["中亞"]},
        {"tags": ["地区/中亚"]},
        {"colors": ["none"]},
        {"colors": ["green", "none"]},
        {"documents": ["hsu-divergence"]},
        {"documents": ["lian-obor"], "tags": ["地區"], "colors": ["yellow"]},
    ]
    with open_store(populated) as store:
        expected = [annotation_ops.list_annotations(store, **f) for f in filters]
        counts = annotation_ops.counts(store)
        glossary = glossary_ops.load(store)
    with reading.reading(populated) as reader:
        assert reader is not None
        assert [reading.list_annotations(reader, **f) for f in filters] == expected
        assert reading.counts(reader) == counts
        assert reading.glossary(reader) == glossary
    assert any(expected[1]) and any(expected[4])  # the filters select something


def test_an_export_source_renders_as_the_stores(populated: Path) -> None:
    docs = list(load_library())
    with open_store(populated) as store:
        from_store = source_from_store(store, docs)
    with reading.reading(populated) as reader:
        quick = reading.export_source(reader, docs)
    assert quick.theme_memos == from_store.theme_memos == {"地區": "A memo on regions."}
    for fmt in ("markdown", "json", "compare", "csv", "csl-json", "bibtex"):
        options = ExportOptions(format=fmt, exported_at="2026-11-22T00:00:00Z", script="zh-Hans")
        assert export_text(options, quick) == export_text(options, from_store), fmt


def test_a_changed_text_is_reanchored_by_the_store_first(populated: Path, tmp_path: Path) -> None:
    """A stale text takes the store's way (which re-anchors and writes)."""
    import sqlite3

    conn = sqlite3.connect(populated)
    with conn:
        conn.execute("UPDATE documents SET sha256 = 'old' WHERE id = 'lian-obor'")
    conn.close()
    with reading.reading(populated) as reader:
        assert reader is not None
        assert [d.id for d in reading.stale(reader, list(load_library()))] == ["lian-obor"]
    listed = meipi("annotations", "--json")
    assert listed.code == 0 and json.loads(listed.out)["annotations"]
    with reading.reading(populated) as reader:
        assert reader is not None
        assert reading.stale(reader, list(load_library())) == []

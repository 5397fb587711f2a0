"""The CSV export: a byte-order mark, one header, one row per annotation, cells that a
spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.documents import Document
from reader.export import (
    ExportOptions,
    export_bytes,
    render_export,
    write_export,
)
from reader.export.csv import cell, read_cell, read_tags, tags_cell
from reader.export.records import ExportSource
from tests.export.helpers import anchor, library_docs, source_for

STAMP = "2026-11-22T01:02:03Z"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return library_docs()


def test_csv_has_bom_header_and_one_row_per_annotation(
    docs: list[Document], tmp_path: Path
) -> None:
    lian, hsu = docs
    recs = [
        anchor(
            lian,
            "區域性的多邊或雙邊合作",
            color="green",
            tags=["地區/中亞", "中俄 關係"],
            note='line one\nline two, "quoted"',
        ),
        anchor(hsu, "中亞", color=None, note='=HYPERLINK("http://x")'),
        anchor(
            hsu,
            "北極",
            tags=["@home", "Sino-Russian Relations"],
            note="A **key** claim; see *Lo 2008*.\n# not a heading\n[link](http://x) <b>",
        ),
    ]
    source = source_for(docs, recs, phrases={"區域性": "局部"})
    opts = ExportOptions(format="csv", script="zh-Hans-CN", exported_at=STAMP)
    path = tmp_path / "a.csv"
    write_export(opts, source, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [
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
    ]
    assert rows[1] == [
        recs[0].id,
        "lian-obor",
        lian.title,
        "p. 3",
        "green",
        "evidence",
        "地區/中亞; 中俄 關係",
        "局部〔原文：區域性〕的多邊或雙邊合作",
        'line one\nline two, "quoted"',
        recs[0].created,
        recs[0].updated,
    ]
    assert rows[2][4:6] == ["", ""]
    assert rows[2][8] == '\'=HYPERLINK("http://x")'
    # Notes verbatim, Markdown and all; tags as spelled, not as Markdown hashtags.
    assert rows[3][6] == "'@home; Sino-Russian Relations"
    assert rows[3][8] == recs[2].note
    assert len(rows) == 4
    # The preview (and Copy) has no byte-order mark.
    assert not render_export(opts, source).startswith("\ufeff")


def csv_source(docs: list[Document]) -> ExportSource:
    lian, hsu = docs
    return source_for(docs, [anchor(lian, "區域性的多邊或雙邊合作"), anchor(hsu, "中亞")])


def test_export_bytes_are_utf8(docs: list[Document]) -> None:
    data = export_bytes(ExportOptions(format="csv"), csv_source(docs))
    assert data.startswith("\ufeff".encode())
    data.decode("utf-8")


def test_tags_that_hold_the_separator_stay_apart(docs: list[Document]) -> None:
    """A tester: ``["a; b", "c"]`` and ``["a", "b", "c"]`` both came out ``a; b; c``."""
    lian, hsu = docs
    recs = [
        anchor(lian, "區域性的多邊或雙邊合作", tags=["a; b", "c"]),
        anchor(hsu, "中亞", tags=["a", "b", "c"]),
        anchor(hsu, "北極", tags=["C:\\temp;", "x"]),
    ]
    text = render_export(ExportOptions(format="csv"), source_for(docs, recs))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[6] for row in rows[1:]] == ["a\\; b; c", "a; b; c", "C:\\\\temp\\;; x"]
    assert [read_tags(row[6]) for row in rows[1:]] == [
        ["a; b", "c"],
        ["a", "b", "c"],
        ["C:\\temp;", "x"],
    ]


_TAG = (
    st.text(st.sampled_from(list("ab中 ;；\\'=-@+/,\t")), min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)


@given(st.lists(_TAG, max_size=5))
def test_the_tags_cell_reads_back_as_the_tags(tags: list[str]) -> None:
    written = tags_cell(tags)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert read_tags(written) == tags


@given(st.text(st.sampled_from(list("'=+-@\t\r a中;"))))
def test_a_guarded_cell_reads_back_as_the_text(text: str) -> None:
    """The formula guard is the only change to a text cell, and it can be undone: a cell that
    begins with an apostrophe loses exactly one."""
    written = cell(text)
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert written == text or written == "'" + text
    assert read_cell(written) == text

"""Atomic writes, the CSV export, and the comparison by theme."""

from __future__ import annotations

import csv
import errno
import io
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.documents import Document
from reader.errors import EnvironmentFailure, InputError
from reader.export import (
    ExportOptions,
    export_bytes,
    render_export,
    suggested_filename,
    write_export,
)
from reader.export.atomic import write_atomic
from reader.export.escape import clean
from reader.export.records import ExportSource
from tests.export.helpers import anchor, library_docs, source_for
from tests.export.mdcheck import skeleton, split_front_matter
from tests.export.test_markdown import nasty

STAMP = "2026-11-22T01:02:03Z"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return library_docs()


# ---------------------------------------------------------------------------------------------
# Atomic writes


def test_write_replaces_only_on_success(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    write_atomic(target, "第二".encode())
    assert target.read_text(encoding="utf-8") == "第二"

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(EnvironmentFailure, match="the disk is full") as info:
        write_atomic(target, b"x" * 100_000)
    assert info.value.exit_code == 1
    assert target.read_text(encoding="utf-8") == "第二"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_unwritable_places_fail_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EnvironmentFailure, match="does not exist"):
        write_atomic(tmp_path / "missing" / "out.md", b"x")
    with pytest.raises(InputError, match="is a folder"):
        write_atomic(tmp_path, b"x")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(EnvironmentFailure, match="permission denied"):
        write_atomic(tmp_path / "out.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------------------------------------
# CSV


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


# ---------------------------------------------------------------------------------------------
# Comparison


def compare_source(docs: list[Document], memos: dict[str, str] | None = None) -> ExportSource:
    lian, hsu = docs
    recs = [
        anchor(lian, "區域性的多邊或雙邊合作", color="green", tags=["中亞", "安全"]),
        anchor(lian, "上海合作組織的成員大多為中亞國家", tags=["中亞"], note="SCO"),
        anchor(hsu, "中亞", tags=["中亚"], color="pink"),
        anchor(hsu, "北極", tags=["北極"], color="pink", note="Arctic"),
    ]
    return source_for(docs, recs, memos=memos)


def test_compare_table_then_one_section_per_theme(docs: list[Document]) -> None:
    source = compare_source(docs, memos={"中亚": "Both look at Central Asia.\n# not a heading"})
    opts = ExportOptions(format="compare", exported_at=STAMP)
    front, body = split_front_matter(render_export(opts, source))
    assert front["by"] == "tag"
    assert [d["document"] for d in front["documents"]] == ["lian-obor", "hsu-divergence"]
    sk = skeleton(body)
    table_at = sk.index(("table", ""))
    cells = [txt for kind, txt in sk[table_at + 1 :] if kind in ("th", "td")]
    # Columns by author and year; themes in zhuyin order (ㄅ 北極, ㄓ 中亞, ㄢ 安全) in a
    # Traditional export.
    assert cells == [
        "Theme",
        "連弘宜",
        "許菁芸 2024",
        "Found only in",
        "北極",
        "0",
        "1",
        "許菁芸 2024",
        "中亞",
        "2",
        "1",
        "",
        "安全",
        "1",
        "0",
        "連弘宜",
    ]
    heads = [(kind, txt) for kind, txt in sk if kind in ("h1", "h2", "h3")]
    lian_h = "連弘宜〈一帶一路框架下中俄之潛在競合關係〉"
    hsu_h = "許菁芸 2024〈中俄兩國之戰略利益分歧〉"
    assert heads == [
        ("h1", "Comparison by theme"),
        ("h2", "北極"),
        ("h3", lian_h),
        ("h3", hsu_h),
        ("h2", "中亞"),
        ("h3", lian_h),
        ("h3", hsu_h),
        ("h2", "安全"),
        ("h3", lian_h),
        ("h3", hsu_h),
    ]
    central = sk[sk.index(("h2", "中亞")) : sk.index(("h2", "安全"))]
    assert central[1:4] == [
        ("p", "Memo:"),
        ("p", "Both look at Central Asia.\n# not a heading"),
        ("h3", lian_h),
    ]
    quotes = [central[i + 1][1] for i, (kind, _) in enumerate(central) if kind == ">"]
    assert quotes == ["上海合作組織的成員大多為中亞國家", "區域性的多邊或雙邊合作", "中亞"]
    arctic = sk[sk.index(("h2", "北極")) : sk.index(("h2", "中亞"))]
    assert arctic[2] == ("p", "No passages.")
    # Simplified: pinyin order (ān < běi < zhōng).
    simplified = render_export(replace(opts, script="zh-Hans"), source)
    sk = skeleton(split_front_matter(simplified)[1])
    assert [t for k, t in sk if k == "h2"] == ["安全", "北極", "中亞"]


def test_compare_renders_notes_as_markdown_without_new_blocks(docs: list[Document]) -> None:
    lian, hsu = docs
    recs = [
        anchor(lian, "出兵喬治亞", tags=["安全"], note="A **key** claim, cf. [Hsu](#hsu).\n---"),
        anchor(hsu, "北極", tags=["安全"], note="> not a quote\n| a | b |\n|---|---|---|"),
    ]
    opts = ExportOptions(format="compare", exported_at=STAMP)
    _, body = split_front_matter(render_export(opts, source_for(docs, recs)))
    sk = skeleton(body)
    assert ("md", "A key claim, cf. Hsu.\n---") in sk
    assert ("p", "> not a quote\n| a | b |\n|---|---|---|") in sk
    assert [kind for kind, _ in sk if kind not in ("p", "md", "th", "td")] == [
        "h1",
        "table",
        "h2",
        "h3",
        ">",
        "/>",
        "h3",
        ">",
        "/>",
    ]


def test_compare_by_colour_with_meanings(docs: list[Document]) -> None:
    opts = ExportOptions(format="compare", by="color", exported_at=STAMP)
    _, body = split_front_matter(render_export(opts, compare_source(docs)))
    heads = [txt for kind, txt in skeleton(body) if kind == "h2"]
    assert heads == ["yellow — key argument", "green — evidence", "pink — disagree"]


def test_compare_needs_two_articles(docs: list[Document]) -> None:
    opts = ExportOptions(format="compare", documents=("lian-obor",))
    with pytest.raises(InputError, match="two or more articles"):
        render_export(opts, compare_source(docs))


@settings(max_examples=40, deadline=None)
@given(
    tags=st.lists(
        st.one_of(st.text(max_size=10), nasty)
        .map(lambda s: s.replace("\n", " ").strip())
        .filter(lambda s: clean(s).strip() != ""),
        min_size=1,
        max_size=4,
    )
)
def test_theme_names_cannot_break_the_table(tags: list[str]) -> None:
    docs = library_docs()
    lian, hsu = docs
    recs = [anchor(lian, "出兵喬治亞", tags=tags), anchor(hsu, "中亞", tags=tags[:1])]
    opts = ExportOptions(format="compare", exported_at=STAMP)
    _, body = split_front_matter(render_export(opts, source_for(docs, recs)))
    sk = skeleton(body)
    rows = [txt for kind, txt in sk if kind == "td"]
    themes = len(rows) // 4
    assert len(rows) == themes * 4
    assert rows[0::4] == [txt for kind, txt in sk if kind == "h2"]
    assert len([1 for kind, _ in sk if kind == "h2"]) == themes
    assert len([1 for kind, _ in sk if kind == "h3"]) == themes * 2


def test_suggested_filenames() -> None:
    assert suggested_filename(ExportOptions(documents=("lian-obor",))) == "lian-obor.md"
    assert suggested_filename(ExportOptions(format="compare")) == "comparison.md"
    assert suggested_filename(ExportOptions(format="json")) == "annotations.json"
    assert suggested_filename(ExportOptions(format="csv")) == "annotations.csv"


def test_export_bytes_are_utf8(docs: list[Document]) -> None:
    data = export_bytes(ExportOptions(format="csv"), compare_source(docs))
    assert data.startswith("\ufeff".encode())
    data.decode("utf-8")

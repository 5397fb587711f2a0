"""The comparison by theme (``--format compare``): a table, then one section per theme."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.documents import Document
from reader.errors import InputError
from reader.export import (
    ExportOptions,
    render_export,
)
from reader.export.escape import clean
from reader.export.records import ExportSource
from tests.export.helpers import anchor, library_docs, source_for
from tests.export.mdcheck import skeleton, split_front_matter
from tests.export.test_markdown import nasty

STAMP = "2026-11-22T01:02:03Z"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return library_docs()


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


def _without_author(doc: Document, doc_id: str, title: str) -> Document:
    """``doc`` as a text of the user's without an author (the title changed)."""
    from reader.documents import BlockDraft, assemble

    meta = replace(doc.meta, id=doc_id, title=title, authors=(), date=None)
    body = [BlockDraft("title", 0, title), BlockDraft("paragraph", 0, "北極合作與航道。")]
    return assemble(meta, body)


def test_texts_without_a_passage_get_no_column_and_no_section(docs: list[Document]) -> None:
    lian, hsu = docs
    notes = _without_author(lian, "notes", "北極合作研究")
    route = _without_author(lian, "route", "北極航道與中俄合作")
    recs = [anchor(notes, "北極", tags=["北極"]), anchor(route, "航道", tags=["北極"])]
    source = source_for([lian, hsu, notes, route], recs)
    opts = ExportOptions(format="compare", exported_at=STAMP)
    front, body = split_front_matter(render_export(opts, source))
    assert [d["document"] for d in front["documents"]] == ["notes", "route"]
    sk = skeleton(body)
    assert ("p", "No passages.") not in sk
    # A text without an author is named by its title, once.
    assert [t for k, t in sk if k == "h3"] == ["〈北極合作研究〉", "〈北極航道與中俄合作〉"]
    assert [t for k, t in sk if k == "th"][1:3] == ["〈北極合作研究〉", "〈北極航道與中俄合…〉"]
    assert ("p", "〈北極合作研究〉 · 〈北極航道與中俄合作〉") in sk
    # --doc: only the texts asked for; one of them without a passage is left out too.
    opts = replace(opts, documents=("notes", "lian-obor"))
    front, body = split_front_matter(render_export(opts, source))
    assert [d["document"] for d in front["documents"]] == ["notes"]
    assert [t for k, t in skeleton(body) if k == "h3"] == ["〈北極合作研究〉"]


def test_texts_of_one_title_are_told_apart_and_named_once(docs: list[Document]) -> None:
    """Three texts without an author, all titled 北極合作研究, and one with a date: each column
    and each heading names its text once, and no two read the same."""
    lian, _ = docs
    same = [_without_author(lian, f"arctic-{n}", "北極合作研究") for n in (1, 2, 3)]
    dated = _without_author(lian, "na4", "北極航道")
    dated = replace(dated, meta=replace(dated.meta, date="2020"))
    texts = [*same, dated]
    recs = [anchor(doc, "北極", tags=["北極"]) for doc in texts]
    opts = ExportOptions(format="compare", exported_at=STAMP)
    _, body = split_front_matter(render_export(opts, source_for(texts, recs)))
    sk = skeleton(body)
    heads = [t for k, t in sk if k == "h3"]
    assert heads == [
        "〈北極合作研究〉 (arctic-1)",
        "〈北極合作研究〉 (arctic-2)",
        "〈北極合作研究〉 (arctic-3)",
        "〈北極航道〉 2020",
    ]
    columns = [t for k, t in sk if k == "th"][1:-1]
    assert columns == heads
    assert ("p", " · ".join(heads)) in sk

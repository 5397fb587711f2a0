"""What an export reads and is asked for (``reader.export.records``): options validated with one
sentence each, records selected and ordered, the source's documents, meanings and memos."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.export.records import ExportOptions, ExportSource, markdown_tag, select, theme_tags
from tests.export.helpers import anchor, library_docs


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (ExportOptions(format="docx"), "Unknown export format 'docx'"),
        (ExportOptions(script="zh-Latn"), "Unknown script view"),
        (ExportOptions(colors=("red",)), "Unknown colour 'red'"),
        (ExportOptions(group_by="page"), "--group-by must be one of section, tag"),
        (ExportOptions(by="note"), "--by must be one of tag, color"),
        (ExportOptions(flavour="gfm"), "--flavour must be one of obsidian, pandoc"),
        (ExportOptions(tags=(" / ",)), "An empty --tag matches nothing"),
    ],
)
def test_bad_options_are_refused(options: ExportOptions, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        options.checked()


def test_good_options_pass_and_pandoc_cites_by_default() -> None:
    options = ExportOptions(format="csv", colors=("none", "blue"), tags=("地區",))
    assert options.checked() is options
    assert ExportOptions(flavour="pandoc").cite and not ExportOptions().cite
    assert ExportOptions(flavour="pandoc", citations=False).cite is False
    assert ExportOptions(exported_at="2026-01-01T00:00:00Z").stamp() == "2026-01-01T00:00:00Z"


def test_select_filters_and_orders_by_article_then_text() -> None:
    lian, hsu = library_docs()
    late = anchor(lian, "中亞", tags=["地區/中亞"], color="blue")
    early = anchor(lian, "一帶一路", tags=["能源"], color=None)
    other = anchor(hsu, "北極", tags=["地区"])
    records = [other, late, early]
    assert select(records, ExportOptions(), [lian, hsu]) == [early, late, other]
    assert select(records, ExportOptions(), [hsu, lian]) == [other, early, late]
    assert select(records, ExportOptions(), [hsu]) == [other]
    by_tag = ExportOptions(tags=("地區",))
    assert select(records, by_tag, [lian, hsu]) == [late, other]  # children, any spelling
    assert select(records, ExportOptions(colors=("none",)), [lian, hsu]) == [early]
    assert theme_tags(anchor(lian, "中亞", tags=["地區/中亞", "能源"]), by_tag) == ["地區/中亞"]


def test_the_source_finds_documents_meanings_and_memos() -> None:
    lian, hsu = library_docs()
    source = ExportSource(
        documents=[lian, hsu],
        annotations=[],
        color_meanings={"blue": "method"},
        theme_memos={"中亞": "memo", "blue": "colour memo"},
    )
    assert source.selected_documents(ExportOptions(documents=("hsu-divergence",))) == [hsu]
    assert source.selected_documents(ExportOptions()) == [lian, hsu]
    with pytest.raises(InputError, match="Known ids: lian-obor, hsu-divergence"):
        source.document("nope")
    assert (source.meaning("blue"), source.meaning(None), source.meaning("pink")) == (
        "method",
        "",
        "",
    )
    assert source.memo("中亚", by="tag") == "memo"
    assert source.memo("blue", by="color") == "colour memo"
    assert source.memo("北極", by="tag") == ""
    assert source.in_script("連弘宜", lian, "zh-Hans") == "連弘宜"  # no converter given


def test_a_tag_in_markdown_has_no_spaces() -> None:
    assert markdown_tag(" 中俄 關係 ") == "#中俄-關係"
    assert markdown_tag("地區/中亞") == "#地區/中亞"

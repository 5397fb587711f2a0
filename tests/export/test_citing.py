"""Copy with citation: the quote in the view's script, its original phrases, its pages."""

from __future__ import annotations

import pytest

from reader.export.citing import format_date_en, issue_label, quote_with_citation
from reader.export.records import OriginalView
from reader.script import document_view
from tests.export.helpers import library_docs


def test_quote_in_the_view_with_citation() -> None:
    lian = library_docs()[0]
    start = lian.text.index("出兵喬治亞")
    end = start + len("出兵喬治亞")
    view = document_view(lian, "zh-Hans-CN", None)
    assert quote_with_citation(lian, start, end, view) == (
        "「出兵格鲁吉亚〔原文：喬治亞〕」"
        " (连弘宜, 〈一带一路框架下中俄之潜在竞合关系〉, 《战略瞭望》, p. 3)"
    )
    assert quote_with_citation(lian, start, end, view, originals=False).startswith(
        "「出兵格鲁吉亚」"
    )


def test_passage_across_pages_and_blocks() -> None:
    lian = library_docs()[0]
    start = lian.text.index("1990 年代中期")
    end = start + len("1990 年代中期")
    assert quote_with_citation(lian, start, end, OriginalView(lian.text)).endswith(", pp. 1–2)")
    heading = lian.text.index("壹、前言")
    text = quote_with_citation(lian, heading, heading + 8, OriginalView(lian.text))
    assert "\n" not in text
    with pytest.raises(ValueError):
        quote_with_citation(lian, 5, 5, OriginalView(lian.text))


@pytest.mark.parametrize(
    ("issue", "chinese", "english"),
    [
        ("No. 91", "第91期", "no. 91"),
        ("no.7", "第7期", "no. 7"),
        ("91", "第91期", "no. 91"),
        ("第91期", "第91期", "no. 91"),
        ("Vol. 3, No. 2", "Vol. 3, No. 2", "Vol. 3, No. 2"),
    ],
)
def test_issue_as_a_citation_writes_it(issue: str, chinese: str, english: str) -> None:
    assert issue_label(issue) == chinese
    assert issue_label(issue, "en") == english


def test_dates_in_english() -> None:
    assert format_date_en("2024-11") == "November 2024"
    assert format_date_en("2024-01-05") == "5 January 2024"
    assert format_date_en("2024") == "2024"
    assert format_date_en("2024-13") == "2024-13"
    assert format_date_en("Spring 2024") == "Spring 2024"


def test_issue_and_date_in_both_forms() -> None:
    hsu = library_docs()[1]
    start = hsu.text.index("北極地區")
    view = OriginalView(hsu.text)
    assert quote_with_citation(hsu, start, start + 4, view, form="zh-Hant").endswith(
        "（許菁芸，〈中俄兩國之戰略利益分歧〉，《遠景論壇》第91期（2024年11月），頁 2）"
    )
    assert quote_with_citation(hsu, start, start + 4, view).endswith(
        " (許菁芸, 〈中俄兩國之戰略利益分歧〉, 《遠景論壇》 no. 91 (November 2024), p. 2)"
    )


def test_quotation_marks_inside_the_quote_step_down_a_level() -> None:
    """「…「上不封頂」…」 nested the same marks: inside the citation's 「」 they read 『』."""
    lian = library_docs()[0]
    start = lian.text.index("「和平共處五原則」") - 2
    end = start + len("「和平共處五原則」") + 4
    cited = quote_with_citation(lian, start, end, OriginalView(lian.text))
    quoted = cited[: cited.rindex("」") + 1]
    assert quoted.startswith("「") and quoted.endswith("」")
    assert "『和平共處五原則』" in quoted and quoted.count("「") == 1

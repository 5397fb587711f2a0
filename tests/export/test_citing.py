"""Copy with citation: the quote in the view's script, its original phrases, its pages."""

from __future__ import annotations

import pytest

from reader.export.citing import quote_with_citation
from reader.export.records import OriginalView
from reader.script import document_view
from tests.export.helpers import library_docs


def test_quote_in_the_view_with_citation() -> None:
    lian = library_docs()[0]
    start = lian.text.index("出兵喬治亞")
    end = start + len("出兵喬治亞")
    view = document_view(lian, "zh-Hans-CN", None)
    assert quote_with_citation(lian, start, end, view) == (
        "「出兵格鲁吉亚〔原文：喬治亞〕」（連弘宜〈一帶一路框架下中俄之潛在競合關係〉，p. 3）"
    )
    assert quote_with_citation(lian, start, end, view, originals=False).startswith(
        "「出兵格鲁吉亚」"
    )


def test_passage_across_pages_and_blocks() -> None:
    lian = library_docs()[0]
    start = lian.text.index("1990 年代中期")
    end = start + len("1990 年代中期")
    assert quote_with_citation(lian, start, end, OriginalView(lian.text)).endswith("，pp. 1–2）")
    heading = lian.text.index("壹、前言")
    text = quote_with_citation(lian, heading, heading + 8, OriginalView(lian.text))
    assert "\n" not in text
    with pytest.raises(ValueError):
        quote_with_citation(lian, 5, 5, OriginalView(lian.text))

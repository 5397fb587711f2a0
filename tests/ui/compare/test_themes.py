"""The compare board's models: themes built from two articles' tags (a parent includes its
children, tags and memos match by folding), the theme table and the passage list."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from reader.store.records import AnnotationRecord, TagInfo
from reader.ui.compare.themes import (
    ONLY_IN_ROLE,
    QUOTE_ROLE,
    SHOWN_QUOTE_ROLE,
    PassageListModel,
    ThemeRow,
    ThemeTableModel,
    build_themes,
)


def _record(doc: str, start: int, tags: tuple[str, ...], quote: str = "x") -> AnnotationRecord:
    return AnnotationRecord(
        id=f"{doc}-{start}",
        document=doc,
        start=start,
        end=start + len(quote),
        quote=quote,
        prefix="",
        suffix="",
        pages=(1, 1),
        color="yellow",
        tags=tags,
        note=None,
        created="2026-11-22T00:00:00Z",
        updated="2026-11-22T00:00:00Z",
        orphaned=False,
    )


def test_models_pass_qtmodeltester(qtmodeltester: ModelTester) -> None:
    tags = [
        TagInfo("地區", "地区", None, None, 1),
        TagInfo("地區/中亞", "地区/中亚", None, None, 2),
        TagInfo("北極", "北极", None, None, 1),
    ]
    records = [
        _record("a", 1, ("地區/中亞",)),
        _record("b", 5, ("地区/中亚",)),
        _record("b", 9, ("北極", "地區")),
    ]
    rows = build_themes(tags, records, ("a", "b"), {"地区": "a memo"})
    # A parent includes its children; tags match by folding; memos by folding too.
    assert [(r.name, r.counts, r.only_in) for r in rows] == [
        ("地區", (1, 2), -1),
        ("地區/中亞", (1, 1), -1),
        ("北極", (0, 1), 1),
    ]
    assert rows[0].memo == "a memo"
    table = ThemeTableModel()
    table.set_themes(rows, ("A", "B"))
    qtmodeltester.check(table)
    assert table.index(2, ThemeTableModel.COL_ONLY).data() == "only B"
    assert table.index(2, 0).data(ONLY_IN_ROLE) == 1
    table.set_themes([ThemeRow("x", "x", (0, 0))], ("A", "B"))
    qtmodeltester.check(table)
    assert table.index(0, ThemeTableModel.COL_ONLY).data() == "neither"
    passages = PassageListModel()
    passages.set_passages(records)
    qtmodeltester.check(passages)
    passages.set_renderer(lambda r: r.quote.upper())
    assert passages.index(0).data(SHOWN_QUOTE_ROLE) == "X"
    assert passages.index(0).data(QUOTE_ROLE) == "x"

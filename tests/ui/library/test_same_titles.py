"""Texts that share a title (four Markdown files all titled 北極合作研究, no author) can be told
apart wherever the window lists texts: the library's details line, the Export dialog's article
list, the Compare window's article menu and the sidebar's All-articles rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import Library, load_library
from reader.ui.library.library_list import DETAIL_ROLE
from tests.cli_helpers import meipi
from tests.ui.compare.test_compare_feature import open_compare
from tests.ui.helpers import ANNOTATING, MakeWindow, annotate, feature_of
from tests.ui.library.test_export_dialog import open_export

SAME = ("arctic-1", "arctic-2", "arctic-3")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    for name in (*SAME, "arctic-4"):
        date = "date: 2020\n" if name == "arctic-4" else ""
        text = f"---\ntitle: 北極合作研究\n{date}---\n\n北極合作與航道，{name}。\n"
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        made = meipi("import", str(path))
        assert made.code == 0, made.err
    return load_library()


def test_texts_of_one_title_are_told_apart_in_every_list(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=(1100, 700), wait_for=ANNOTATING)
    model = window.library_model
    details = {
        model.index(row, 0).data(): model.index(row, 0).data(DETAIL_ROLE)
        for row in range(model.rowCount())
    }
    rows = [model.index(model.row_of(i), 0) for i in (*SAME, "arctic-4")]
    assert [row.data() for row in rows] == ["北極合作研究"] * 4
    assert [row.data(DETAIL_ROLE) for row in rows] == [*SAME, "2020 · arctic-4"]
    assert details["中俄兩國之戰略利益分歧"] == "許菁芸 · 遠景論壇 No. 91 · 2024"

    dialog = open_export(qtbot, window)
    listed = [dialog.documents_list.item(i).text() for i in range(dialog.documents_list.count())]
    assert "北極合作研究 — arctic-1" in listed and "北極合作研究 — 2020 · arctic-4" in listed
    assert len(set(listed)) == len(listed) and "中俄兩國之戰略利益分歧" in listed
    dialog.close()

    compare = open_compare(qtbot, window)
    box = compare.view.panes[0].article_box
    menu = [box.itemText(i) for i in range(box.count())]
    assert "北極合作研究 (arctic-2)" in menu and len(set(menu)) == len(menu)
    assert "許菁芸〈中俄兩國之戰略利益分歧〉" in menu
    compare.close()

    feature = feature_of(window)
    for doc_id in SAME[:2]:
        window.open_document(doc_id)
        qtbot.waitUntil(lambda: window.current_document() is not None, timeout=10000)
        annotate(feature, window, "北極合作")
    sidebar = feature.sidebar
    sidebar.scope.setCurrentIndex(sidebar.scope.findData("all"))
    qtbot.waitUntil(lambda: feature.holds_all and feature.model.rowCount() == 2, timeout=10000)
    lines = sorted(
        sidebar.delegate.meta_line(sidebar.proxy.mapFromSource(feature.model.index(row)))
        for row in range(2)
    )
    assert lines[0].startswith("北極合作研究 (arctic-1) · p. 1")
    assert lines[1].startswith("北極合作研究 (arctic-2) · p. 1")

"""The two panes of compare mode on their own: each its own article, script and place (a pane
comes back where it left an article), quotes as its view words them, and scrolling together only
once turned on, by the same distance from wherever each pane is."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSlider
from pytestqt.qtbot import QtBot

from reader.errors import InputError
from reader.ui.compare.compare_view import CompareView, scroll
from reader.ui.reading.typesetting import ReadingContent, Typography
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow

PAGE_DOWN = QAbstractSlider.SliderAction.SliderPageStepAdd


def compare_view(qtbot: QtBot, window: MainWindow) -> CompareView:
    def typography(_content: ReadingContent | None) -> Typography:
        return window.reading_view.typography()

    view = CompareView(window.services.library, window.services, typography)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_each_pane_keeps_its_own_article_view_and_place(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    view = compare_view(qtbot, make_window())
    left, right = view.panes
    with qtbot.waitSignal(left.document_changed) as changed:
        view.set_documents("lian-obor", "hsu-divergence", ("zh-Hans", None))
    assert changed.args == ["lian-obor"]
    assert left.view_id() == "zh-Hans" and right.view_id() == "original"
    assert left.view_box.currentData() == "zh-Hans"
    doc, other = left.document(), right.document()
    assert doc is not None and other is not None and other.id == "hsu-divergence"
    assert right.reading_view.toPlainText() == other.text
    start = doc.text.index("中亞國家")
    assert left.shown_quote(start, start + 4, "?") == "中亚国家"
    assert right.shown_quote(-1, 3, "fallback") == "fallback"
    # A pane left and come back to is where it was.
    scroll(left.reading_view, PAGE_DOWN)
    scroll(left.reading_view, PAGE_DOWN)
    place = left.reading_view.reading_position()
    assert place > 0
    left.set_document("hsu-divergence")
    left.set_document("lian-obor")
    assert left.reading_view.reading_position() == place
    with pytest.raises(InputError):
        left.set_document("no-such-article")
    assert left.document_id() == "lian-obor"


def test_scrolling_together_only_when_turned_on(qtbot: QtBot, make_window: MakeWindow) -> None:
    view = compare_view(qtbot, make_window())
    view.set_documents("lian-obor", "hsu-divergence")
    left, right = (p.reading_view.verticalScrollBar() for p in view.panes)
    scroll(view.panes[0].reading_view, PAGE_DOWN)
    assert left.value() > 0 and right.value() == 0
    with qtbot.waitSignal(view.sync_toggled) as toggled:
        view.set_sync_scrolling(True)
    assert toggled.args == [True] and view.sync_scrolling()
    before_left, before_right = left.value(), right.value()
    scroll(view.panes[1].reading_view, PAGE_DOWN)
    moved = right.value() - before_right
    assert moved > 0 and left.value() - before_left == moved

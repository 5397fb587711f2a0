"""The outline dock (headings, the section being read marked, a click goes there) and the View
menu's line spacing and column width, remembered across a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.reading.outline import OutlineFeature
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow, annotating


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The annotating window (tests.ui.helpers.annotating)."""
    return annotating(make_window)


def outline_of(qtbot: QtBot, window: MainWindow) -> OutlineFeature:
    qtbot.waitUntil(lambda: window.findChild(OutlineFeature) is not None, timeout=5000)
    feature = window.findChild(OutlineFeature)
    assert feature is not None
    return feature


def test_the_outline_lists_headings_marks_the_section_and_goes_there(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    outline = outline_of(qtbot, window)
    doc = window.current_document()
    assert doc is not None
    expected = [
        (" ".join(doc.text[b.start : b.end].split()), b.start)
        for b in doc.blocks
        if b.kind == "heading"
    ]
    panel = outline.panel
    assert panel.headings() == expected and len(expected) >= 4
    assert outline.dock.isVisible() and outline.action.isChecked()
    # Nested by level: the sub-sections sit under their section.
    assert panel.model_.rowCount() < len(expected)
    branches = [i for i in panel._items if i.hasChildren()]
    assert branches and all(panel.isExpanded(i.index()) for i in branches)  # every level open
    view = window.reading_view
    view.scroll_to_offset(0)
    assert panel.current_heading() is None  # above the first heading
    # A click on a heading brings it to the top, and marks it.
    title, start = expected[3]
    item = next(i for i in panel._items if i.text() == title)
    rect = panel.visualRect(item.index())
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(view.first_visible_offset() - start) < 5)
    assert panel.current_heading() == title
    assert panel.currentIndex() == item.index()
    assert panel.selectionModel().selectedIndexes() == [item.index()]
    # Reading on within the section keeps it marked; the next section's start moves it on.
    view.scroll_to_offset((start + expected[4][1]) // 2)
    assert panel.current_heading() == title
    view.scroll_to_offset(expected[4][1])
    assert panel.current_heading() == expected[4][0]
    following = next(i for i in panel._items if i.text() == expected[4][0])
    assert panel.selectionModel().selectedIndexes() == [following.index()]
    # In the interface's own face, not a bold one (a second CJK face mapped: memory).
    assert not any(i.font().bold() for i in panel._items)


def test_line_spacing_and_column_width_are_set_in_view_and_remembered(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    window.resize(1500, 900)
    view = window.reading_view
    em = view.typography().em()
    assert view.typography().line_height == 180
    wide = view.column_rect().width()
    window.set_column_width(30)
    qtbot.waitUntil(lambda: abs(view.column_rect().width() - 30 * em) < 2)
    assert view.column_rect().width() < wide

    def paragraph_height() -> float:
        document = view.document()
        block = document.findBlockByNumber(5)
        document.documentLayout().blockBoundingRect(block.next())  # laid out through it
        return document.documentLayout().blockBoundingRect(block).height()

    before = paragraph_height()
    window.spacing_actions[220].trigger()
    assert view.typography().line_height == 220
    assert paragraph_height() > before * 1.1  # same lines, further apart
    assert window.width_actions[30].isChecked() and window.spacing_actions[220].isChecked()
    window.close()
    again = make_window()
    assert again.reading_view.typography().line_height == 220
    assert again.reading_view.typography().column_em == 30
    assert again.spacing_actions[220].isChecked() and again.width_actions[30].isChecked()

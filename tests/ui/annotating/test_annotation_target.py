"""Which annotation Note, Tags and Delete act on without an exact selection: the one the
reader points at (under the context menu's click, at the text cursor, the sidebar's row with
the keyboard or on screen), never one pages away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow, annotate, feature_of


def _point_on(window: MainWindow, passage: str) -> QPoint:
    """A viewport point on ``passage`` (scrolled into view)."""
    view = window.reading_view
    doc = window.current_document()
    assert doc is not None
    start = doc.text.index(passage)
    view.scroll_to_offset(start)
    return view.range_rects(start, start + len(passage))[0].center().toPoint()


def test_the_context_menu_acts_on_the_annotation_under_the_click_or_on_none(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Right-click plain text pages away from the sidebar's current annotation: Delete is off
    and deletes nothing (it deleted that annotation, unseen). Right-click another highlight
    while the text cursor is in a first one: Delete takes the one clicked."""
    window = make_window()
    feature = feature_of(window)
    early = annotate(feature, window, "新思維", "yellow")
    later = annotate(feature, window, "上海合作組織", "green")
    feature.sidebar.select(early.id)
    view = window.reading_view
    view.setFocus()
    plain = _point_on(window, "總而言之")  # far below both
    view.select_range(early.end + 1, early.end + 1)  # nothing selected
    menu = feature.menus.context_menu(plain)
    assert not feature.menus.delete_action.isEnabled()
    feature.menus.delete_action.trigger()
    menu.close()
    assert feature.record(early.id) is not None and feature.record(later.id) is not None
    feature.pointing.clear_menu()  # (a menu never shown is not hidden: exec() clears it)
    # The text cursor in the first highlight; the menu opened on the second.
    view.select_range(early.start + 1, early.start + 1)
    point = _point_on(window, "上海合作組織")
    menu = feature.menus.context_menu(point)
    menu.popup(view.viewport().mapToGlobal(point))
    qtbot.waitUntil(menu.isVisible)
    assert feature.menus.delete_action.isEnabled()
    menu.hide()  # as a click on an item does: the menu hides, then its action runs
    feature.menus.delete_action.trigger()
    assert feature.record(later.id) is None and feature.record(early.id) is not None
    # Once it has gone, what the menu was opened on no longer counts.
    qtbot.waitUntil(lambda: not feature.pointing.menu_open)


def test_the_delete_key_in_the_text_never_takes_an_annotation_off_screen(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    early = annotate(feature, window, "新思維", "yellow")
    feature.sidebar.select(early.id)
    view = window.reading_view
    doc = window.current_document()
    assert doc is not None
    below = doc.text.index("總而言之")
    view.select_range(below, below)  # the text cursor pages below it, nothing selected
    _point_on(window, "總而言之")
    view.setFocus()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert feature.record(early.id) is not None
    qtbot.keyClick(view.viewport(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert feature.edits.dialog is None
    # From its sidebar row, the same key deletes it.
    feature.sidebar.list.setFocus()
    feature.sidebar.select(early.id)
    qtbot.keyClick(feature.sidebar.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: feature.record(early.id) is None)


def test_on_overlapping_highlights_the_menu_acts_on_the_one_drawn_on_top(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Pink 「發展以「和平共處」 and purple 「和平共處五原則」下」 over its end: where they overlap
    the purple is what shows, and what a right-click there deletes (the pink one went)."""
    from PySide6.QtGui import QColor

    from reader.ui.annotating.palette import highlight_color

    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    at = doc.text.index("和平共處五原則")
    view = window.reading_view
    pink = annotate(feature, window, doc.text[at - 4 : at + 4], "pink")
    purple = annotate(feature, window, doc.text[at : at + 9], "purple")
    point = _point_on(window, doc.text[at + 1 : at + 3])  # 平共, in both
    shown = view.viewport().grab().toImage().pixelColor(point.x(), point.y() + 2)
    purple_fill = QColor(highlight_color("purple", False))
    assert abs(shown.red() - purple_fill.red()) + abs(shown.green() - purple_fill.green()) < 40
    view.select_range(at + 20, at + 20)  # nothing selected
    menu = feature.menus.context_menu(point)
    feature.menus.delete_action.trigger()
    menu.close()
    feature.pointing.clear_menu()
    assert feature.record(purple.id) is None and feature.record(pink.id) is not None


def test_the_context_menu_on_a_highlight_recolours_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """With nothing selected the colours were off: a reader could not recolour a highlight from
    its own menu. On plain text they stay off."""
    window = make_window()
    feature = feature_of(window)
    record = annotate(feature, window, "和平共處五原則", "yellow", ("外交",), "a note")
    view = window.reading_view
    view.select_range(record.end + 3, record.end + 3)  # nothing selected
    menu = feature.menus.context_menu(_point_on(window, "平共處"))
    green = feature.menus.color_actions["green"]
    assert green.isEnabled()
    green.trigger()
    menu.close()
    feature.pointing.clear_menu()
    again = feature.record(record.id)
    assert again is not None and again.color == "green"
    assert again.tags == record.tags and again.note == "a note"
    menu = feature.menus.context_menu(_point_on(window, "總而言之"))
    assert not green.isEnabled()
    menu.close()
    feature.pointing.clear_menu()

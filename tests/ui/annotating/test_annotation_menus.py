"""The annotating menus: the context menu and the menu bar show the annotating actions, and a
substitution's context menu offers both its veto and annotating."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import (
    MakeWindow,
    annotate,
    feature_of,
    select_shown,
    switch_view,
)


def test_context_menu_and_menus_show_the_annotating_actions(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    select_shown(window, "能源")
    menu = feature.menus.context_menu(QPoint(10, 10))
    texts = [a.text() for a in menu.actions()]
    assert texts[0].startswith("Highlight Yellow")
    assert (
        feature.menus.note_action in menu.actions() and feature.menus.tags_action in menu.actions()
    )
    assert "Copy" in " ".join(texts).replace("&", "")
    menu.close()
    # Every annotating action in the menu bar shows its shortcut.
    shortcuts = {
        a.text(): a.shortcut().toString() for a in feature.menus.menu.actions() if a.text()
    }
    assert shortcuts[feature.menus.color_actions["yellow"].text()] == "1"
    assert shortcuts[feature.menus.color_actions["purple"].text()] == "5"
    assert feature.menus.undo_action.shortcut().toString() == "Ctrl+Z"
    assert feature.menus.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    assert feature.menus.sidebar_action.shortcut().toString() == "Ctrl+Shift+A"
    # Keys only: the sidebar comes back with its filter focused; typing narrows the list.
    feature.dock.hide()
    window.activateWindow()
    window.reading_view.setFocus()
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert feature.dock.isVisible()


def test_the_context_menu_on_a_substitution_offers_both_its_veto_and_annotating(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    switch_view(qtbot, window, "zh-Hans-CN")
    view = window.reading_view
    doc = window.current_document()
    assert doc is not None
    # 喬治亞 (Georgia, the state) reads 格鲁吉亚 on the mainland: the regional lexicon's name.
    regional = doc.text.index("喬治亞")
    view.scroll_to_offset(regional)
    point = view.range_rects(regional, regional + 3)[0].center().toPoint()
    select_shown(window, "格鲁吉亚")
    menu = feature.menus.context_menu(point)
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts[0].startswith("Highlight Yellow")
    assert any("喬治亞" in t and "Keep" in t for t in texts), texts
    menu.close()


def test_six_opens_a_note_on_the_selection_as_the_sixth_button_does(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    select_shown(window, "能源")
    qtbot.keyClick(window.reading_view.viewport(), Qt.Key.Key_6)
    qtbot.waitUntil(lambda: feature.edits.dialog is not None, timeout=3000)
    dialog = feature.edits.dialog
    assert dialog is not None and dialog.draft().color is None  # a note, no colour
    assert "6" in feature.menus.note_action.toolTip()
    dialog.reject()
    # The keys go back to the text (they did nothing until it was clicked).
    qtbot.waitUntil(window.reading_view.hasFocus, timeout=3000)


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
    feature.clear_menu_target()  # (a menu never shown is not hidden: exec() clears it)
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
    qtbot.waitUntil(lambda: feature._menu_target is None)


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

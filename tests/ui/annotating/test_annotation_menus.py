"""The annotating menus: the context menu and the menu bar show the annotating actions, and a
substitution's context menu offers both its veto and annotating."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import (
    MakeWindow,
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


def test_undo_and_redo_wait_for_the_first_edit_then_follow_the_history(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """The undo history is made at the first write, undo or redo (startup time): until then
    Edit ▸ Undo and Redo are there, greyed; Ctrl+Z first does nothing; the first highlight
    makes Undo name it, and Ctrl+Z undoes it."""
    window = make_window()
    feature = feature_of(window)
    menus = feature.menus
    assert feature._history is None
    edit_menu = getattr(window, "edit_menu", None)
    assert edit_menu is not None
    assert edit_menu.actions()[:2] == [menus.undo_action, menus.redo_action]
    assert not menus.undo_action.isEnabled() and not menus.redo_action.isEnabled()
    ctrl = Qt.KeyboardModifier.ControlModifier
    window.reading_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)  # nothing to undo
    assert feature.records("lian-obor") == []
    assert not menus.undo_action.isEnabled()
    select_shown(window, "能源")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_1)
    assert len(feature.records("lian-obor")) == 1
    assert menus.undo_action.isEnabled() and menus.undo_action.text() == "&Undo Annotate"
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)
    assert feature.records("lian-obor") == []
    assert menus.redo_action.isEnabled() and not menus.undo_action.isEnabled()

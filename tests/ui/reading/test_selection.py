"""Selection that suits Chinese, driven in the window: a double-click selects the dictionary
word, a selection never ends inside a character, and caret browsing lets the keyboard select."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.cli_helpers import meipi
from tests.ui.helpers import (
    MakeWindow,
    annotating,
    feature_of,
)


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The annotating window: selection belongs to its annotations feature."""
    return annotating(make_window)


def test_double_click_selects_the_dictionary_word(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    view = window.reading_view
    content = view.content()
    assert content is not None
    at = content.text.index("上海合作組織") + 2  # 合, of the dictionary word 合作
    view.scroll_to_offset(at)
    rect = view.range_rects(at, at + 1)[0]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    # QTest's double-click leaves its pointer looking pressed; later tests must not inherit it.
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    # jieba's word once it has warmed up (issue 19), OpenCC's phrase before: never Qt's whole
    # run of Chinese.
    start, end = feature.selection.word_range(at)
    assert content.text[start:end] in ("上海合作組織", "合作")
    assert view.selected_range() == (start, end)
    assert view.textCursor().selectedText() == content.text[start:end]


def test_never_half_a_character_and_the_keyboard_can_select(
    qtbot: QtBot, tmp_path: Path, make_window: MakeWindow
) -> None:
    source = tmp_path / "astral.txt"
    source.write_text(
        "吉野家的𠮷字與吉字不同。\n𠮷（U+20BB7）是「吉」的異體字。\n", encoding="utf-8"
    )
    result = meipi("import", str(source), "--id", "astral", "--title", "異體字")
    assert result.code == 0, result.err
    window = make_window()
    feature = feature_of(window)
    window.reload_library()  # the text imported after the library was read
    window.open_document("astral")
    view = window.reading_view
    content = view.content()
    assert content is not None and "𠮷" in content.text
    at = content.text.index("𠮷")
    qt = content.positions.shown_to_qt(at)
    # A selection ending inside the surrogate pair takes the whole character.
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt - 1)
    cursor.setPosition(qt + 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.textCursor().selectedText() == "的𠮷"
    record = feature.edits.highlight("purple")
    assert record is not None and record.quote == "的𠮷"
    # Caret browsing (F7): Shift+arrows select from the keyboard, whole characters each.
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert feature.menus.caret_action.isChecked() and feature.selection.caret_browsing()
    cursor = QTextCursor(view.document())
    cursor.setPosition(content.positions.shown_to_qt(content.text.index("𠮷（")))
    view.setTextCursor(cursor)
    view.setFocus()
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == "𠮷（"
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert [r.quote for r in feature.records("astral")] == ["的𠮷", "𠮷（"]


def test_caret_browsing_starts_where_the_reader_is(qtbot: QtBot, make_window: MakeWindow) -> None:
    """F7 on page 3: the caret is put at the first line on screen, so Shift+Right selects
    there (it stayed at the top of the text: the title was selected, pages away)."""
    window = make_window()
    feature = feature_of(window)
    view = window.reading_view
    window.go_to_page(3)
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0
    on_screen = view.first_visible_offset()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    assert feature.selection.caret_browsing()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    cursor = view.textCursor()
    assert cursor.hasSelection()
    content = view.content()
    assert content is not None
    start = content.positions.qt_to_shown(cursor.selectionStart())
    assert on_screen <= start < on_screen + 80
    assert view.verticalScrollBar().value() == scrolled

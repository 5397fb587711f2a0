"""Annotating in the window, driven as a reader would: select words in the 简体 view, highlight
them with a key, tag and note them in the dialog; restart and find everything again on the same
words in every view; undo and redo over the store; a refused write keeps what was typed; an
annotation written from the command line appears while the window is open; double-click
selects a dictionary word."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import Library
from reader.store.records import AnnotationRecord
from reader.ui.annotating.note_editor import Draft
from reader.ui.annotating.palette import highlight_color
from reader.ui.window.main_window import MainWindow
from reader.views import VIEW_IDS
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, feature_of, select_shown, switch_view


def layer_texts(window: MainWindow, color: str | None) -> list[str]:
    """The texts drawn in the annotation layer with ``color``'s highlight."""
    dark = window.theme().dark
    wanted = QColor(highlight_color(color, dark)) if color else None
    texts = []
    for sel in window.reading_view.extraSelections():
        background = sel.format.background().color() if sel.format.background().style() else None
        if wanted is not None and background == wanted:
            texts.append(sel.cursor.selectedText())
    return texts


def only(records: list[AnnotationRecord]) -> AnnotationRecord:
    assert len(records) == 1, records
    return records[0]


def test_annotate_in_simplified_and_find_it_on_its_words_after_a_restart(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = library.get("lian-obor")
    switch_view(qtbot, window, "zh-Hans")
    view = window.reading_view
    select_shown(window, "为理由出兵乔治亚")
    assert feature.menus.color_actions["green"].isEnabled()
    view.setFocus()
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_2)
    record = only(feature.records("lian-obor"))
    assert record.color == "green"
    # Stored canonically: the original's words, whatever view they were selected in.
    assert record.quote == "為理由出兵喬治亞"
    assert doc.text[record.start : record.end] == record.quote
    assert layer_texts(window, "green") == ["为理由出兵乔治亚"]
    # The sidebar lists it, in the view's script, as the current annotation.
    assert feature.sidebar.ids() == [record.id]
    assert feature.sidebar.current_id() == record.id

    # Tags and a note for it (Ctrl+T), through the dialog.
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = feature.edits.dialog
    assert dialog is not None and dialog.isVisible()
    # Chinese comes through an input method: inserted, as an IME commits it.
    dialog.tags_edit.insert("中亚, 地区/北极")
    dialog.note_edit.setFocus()
    note = "喬治亞 = 格鲁吉亚 — one state, two names 👀"
    dialog.note_edit.insertPlainText(note)
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    record = only(feature.records("lian-obor"))
    assert record.tags == ("中亚", "地区/北极")
    assert record.note == note
    assert record.color == "green"

    # A restart on the same database: everything is back, on the same words in every view.
    window.close()
    second = make_window()
    feature2 = feature_of(second)
    qtbot.waitUntil(lambda: len(feature2.records("lian-obor")) == 1, timeout=5000)
    again = only(feature2.records("lian-obor"))
    assert (again.start, again.end, again.tags, again.note) == (
        record.start,
        record.end,
        record.tags,
        record.note,
    )
    seen = {}
    for view_id in VIEW_IDS:
        if not second.views_feature.view_actions[view_id].isEnabled():
            continue
        switch_view(qtbot, second, view_id)
        content = second.reading_view.content()
        assert content is not None
        start, end = content.positions.canonical_to_shown(again.start, again.end)
        assert layer_texts(second, "green") == [content.text[start:end]], view_id
        seen[view_id] = content.text[start:end]
        # The sidebar's quote reads in the view shown.
        assert feature2.model.quote(feature2.model.row_of(again.id)) == content.text[start:end]
    assert seen["original"] == "為理由出兵喬治亞"
    assert seen["zh-Hans"] == "为理由出兵乔治亚"
    # The mainland's name for the state (the regional lexicon), of another length.
    assert seen["zh-Hans-CN"] == "为理由出兵格鲁吉亚"


def test_undo_and_redo_create_edit_and_delete_over_the_store(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    view = window.reading_view
    select_shown(window, "上海合作組織")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)
    created = only(feature.records("lian-obor"))
    assert created.color == "yellow"
    assert feature.menus.menu.menuAction() in window.menuBar().actions()

    # Recolour it: select the same words, press 4.
    select_shown(window, "上海合作組織")
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert only(feature.records("lian-obor")).color == "pink"

    # Delete it from the sidebar with the Delete key.
    feature.sidebar.select(created.id)
    feature.sidebar.list.setFocus()
    qtbot.keyClick(feature.sidebar.list, Qt.Key.Key_Delete)
    assert feature.records("lian-obor") == []
    assert layer_texts(window, "pink") == []

    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)  # the delete undone: back, same id, pink
    restored = only(feature.records("lian-obor"))
    assert (restored.id, restored.color) == (created.id, "pink")
    assert layer_texts(window, "pink") == ["上海合作組織"]
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)  # the recolour undone
    assert only(feature.records("lian-obor")).color == "yellow"
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)  # the highlight undone
    assert feature.records("lian-obor") == []
    assert not feature.menus.undo_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl | shift)  # redo: highlighted again
    assert only(feature.records("lian-obor")).color == "yellow"
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl | shift)
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl | shift)
    assert feature.records("lian-obor") == []
    # The store agrees (a second process would see the same).
    result = meipi("annotations", "lian-obor", "--json", "--db", str(paths.db_path()))
    assert result.code == 0 and result.json()["annotations"] == []


def test_a_refused_write_keeps_the_note_on_screen_to_retry(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    store = window.services.store()
    assert store is not None
    select_shown(window, "天然氣")
    feature.menus.note_action.trigger()
    dialog = feature.edits.dialog
    assert dialog is not None
    note = "天然氣管線: to check against the 2024 figures"
    dialog.note_edit.setPlainText(note)
    store.read_only = True  # as a database the user cannot write to would be opened
    with qtbot.waitSignal(feature.edit_failed, timeout=3000) as failed:
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "read-only" in failed.args[0]
    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and "read-only" in dialog.error_label.text()
    assert dialog.note_edit.toPlainText() == note
    assert feature.records() == []
    # A highlight by key is refused too, saying so; the selection stays to try again.
    dialog.done(0)
    select_shown(window, "天然氣")
    with qtbot.waitSignal(feature.edit_failed, timeout=3000):
        feature.edits.highlight("blue")
    assert window.reading_view.selected_range() is not None
    assert "read-only" in window.statusBar().currentMessage()
    # Writable again: the retry saves.
    store.read_only = False
    assert feature.edits.highlight("blue") is not None
    assert only(feature.records()).color == "blue"


def test_an_annotation_from_the_command_line_appears_while_the_window_is_open(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    assert feature.records() == []
    result = meipi(
        "annotate",
        "lian-obor",
        "--quote",
        "區域性",
        "--tag",
        "中亞",
        "--note",
        "from the shell",
        "--db",
        str(paths.db_path()),
    )
    assert result.code == 0, result.err
    qtbot.waitUntil(lambda: len(feature.records()) == 1, timeout=5000)
    record = only(feature.records())
    assert record.note == "from the shell"
    assert feature.sidebar.ids() == [record.id]
    assert layer_texts(window, "yellow") == ["區域性"]
    assert [t.name for t in feature.tags] == ["中亞"]


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


def test_tags_complete_from_existing_ones_and_new_ones_are_made(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    select_shown(window, "天然氣")
    feature.edits.highlight("yellow")
    first = only(feature.records())
    assert feature.edits.save(first, Draft("yellow", ("Energy/Gas",), None)) is not None
    select_shown(window, "能源")
    dialog = feature.edits.edit_dialog("tags")
    assert dialog is not None
    edit = dialog.tags_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "gas")  # contains, any case
    popup = edit._completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.setCurrentIndex(edit._completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "Energy/Gas, "
    edit.insert("地緣政治")  # a new tag, made on the fly
    dialog.save_requested.emit(dialog.draft())
    second = next(r for r in feature.records() if r.id != first.id)
    assert second.tags == ("Energy/Gas", "地緣政治")
    assert sorted(t.name for t in feature.tags) == ["Energy/Gas", "地緣政治"]


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


def test_highlights_follow_an_edited_text_of_ones_own(
    qtbot: QtBot, tmp_path: Path, make_window: MakeWindow
) -> None:
    source = tmp_path / "mine.txt"
    source.write_text("中俄關係。北極航道的合作。南海問題。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "mine", "--title", "我的").code == 0
    window = make_window()
    feature = feature_of(window)
    window.reload_library()
    window.open_document("mine")
    select_shown(window, "北極航道")
    record = feature.edits.highlight("blue")
    assert record is not None
    # The text is edited (words added before the passage) while the window is open.
    stored = paths.user_texts_dir() / "mine.meipi.txt"
    stored.write_text(
        stored.read_text(encoding="utf-8").replace("中俄關係。", "中俄關係日益密切。"),
        encoding="utf-8",
    )
    window.reload_library()
    moved = feature.record(record.id)
    assert moved is not None and not moved.orphaned
    assert moved.start == record.start + 4
    assert layer_texts(window, "blue") == ["北極航道"]

"""Annotation edits over the store, driven in the window: undo and redo of create, edit and
delete; a refused write keeps what was typed on screen to retry."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader import paths
from reader.store.records import AnnotationRecord
from reader.ui.annotating.note_editor import AnnotationDialog, Draft
from reader.ui.window.main_window import MainWindow
from tests.cli_helpers import meipi
from tests.ui.helpers import (
    MakeWindow,
    annotate,
    feature_of,
    layer_texts,
    only,
    select_shown,
)


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


def test_the_window_is_fully_ready_without_the_editors_module(tmp_path: Path) -> None:
    """The note editor and the annotation dialog (their Qt classes and enums) load when a
    reader first annotates, not with the window: a fresh window, fully ready with its
    annotations feature installed, has not imported them; a colour key then still highlights."""
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from reader.ui.window import measure
        window = measure._window(Path({str(tmp_path / "data")!r}), Path({str(tmp_path / "m.db")!r}))
        before = "reader.ui.annotating.note_editor" in sys.modules
        view = window.reading_view
        view.select_range(0, 4)
        record = window.annotations_feature.edits.highlight("yellow")
        print(before, record is not None and record.color == "yellow")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.split() == ["False", "True"], out.stderr[-2000:]


def test_a_refused_write_is_said_in_a_warning_box(qtbot: QtBot, make_window: MakeWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    feature = feature_of(window)
    feature.quiet = False  # as in the window a reader uses
    feature.edits.report("The annotation could not be saved: the database is read-only.")
    boxes = window.findChildren(QMessageBox)
    assert len(boxes) == 1
    box = boxes[0]
    qtbot.waitUntil(box.isVisible)
    assert box.windowTitle() == "Not Saved"
    assert box.text() == "The annotation could not be saved: the database is read-only."
    assert box.icon() == QMessageBox.Icon.Warning
    assert "read-only" in window.statusBar().currentMessage()
    box.close()


def _edited_while_the_command_line_writes(
    qtbot: QtBot, window: MainWindow, *cli_edit: str
) -> tuple[AnnotationRecord, AnnotationDialog]:
    """The note editor open on an annotation (Ctrl+Alt+M) while `meipi edit` changes it, then
    " and more" typed at the end of the note and Ctrl+Enter pressed."""
    feature = feature_of(window)
    record = annotate(feature, window, "天然氣", tags=("能源",), note="window note")
    feature.sidebar.select(record.id)
    qtbot.keyClick(
        window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    dialog = feature.edits.dialog
    assert dialog is not None and dialog.note_edit.toPlainText() == "window note"
    result = meipi("edit", record.id, *cli_edit)
    assert result.code == 0, result.err
    qtbot.waitUntil(lambda: feature.record(record.id) != record, timeout=20000)  # seen
    dialog.note_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.note_edit, " and more")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return record, dialog


def _stored(annotation_id: str) -> dict[str, object]:
    found = meipi("annotations", "--json").json()["annotations"]
    return next(a for a in found if a["id"] == annotation_id)


@pytest.mark.parametrize(
    ("choice", "note", "tags", "status"),
    [
        ("mine", "window note and more", ["能源"], "Saved your version"),
        ("theirs", "CLI concurrent note", ["能源"], "Kept the version changed elsewhere"),
        ("both", "window note and more\n\nCLI concurrent note", ["能源"], "Saved both"),
    ],
)
def test_a_note_changed_by_the_command_line_while_edited_is_not_lost(
    qtbot: QtBot, make_window: MakeWindow, choice: str, note: str, tags: list[str], status: str
) -> None:
    window = make_window()
    feature = feature_of(window)
    record, dialog = _edited_while_the_command_line_writes(
        qtbot, window, "--note", "CLI concurrent note"
    )
    # Nothing written over the other's note: the editor asks, keeping what was typed.
    assert _stored(record.id)["note"] == "CLI concurrent note"
    assert dialog.isVisible() and dialog.conflict_bar is not None
    assert dialog.conflict_bar.isVisible()
    assert "changed elsewhere" in dialog.error_label.text()
    assert "CLI concurrent note" in dialog.error_label.text()
    assert dialog.note_edit.toPlainText() == "window note and more"
    qtbot.mouseClick(dialog.conflict_buttons[choice], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = _stored(record.id)
    assert (stored["note"], stored["tags"]) == (note, tags)
    assert getattr(feature.record(record.id), "note", None) == note
    assert window.statusBar().currentMessage().startswith(status)
    if choice != "theirs":
        # Undo is truthful: it brings back the command line's note, not the window's old one.
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert _stored(record.id)["note"] == "CLI concurrent note"


def test_a_field_changed_elsewhere_that_the_editor_did_not_touch_is_kept(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    record, dialog = _edited_while_the_command_line_writes(
        qtbot, window, "--tag", "北極", "--color", "green"
    )
    # Only the note was typed: it is saved, the command line's tags and colour stay.
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = _stored(record.id)
    assert (stored["note"], stored["tags"], stored["color"]) == (
        "window note and more",
        ["北極"],
        "green",
    )


def test_a_margin_note_changed_elsewhere_while_edited_keeps_both(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    record = annotate(feature, window, "天然氣", note="window note")
    editor = feature.margin.edit(record.id)
    assert editor is not None
    result = meipi("edit", record.id, "--note", "CLI concurrent note")
    assert result.code == 0, result.err
    qtbot.waitUntil(
        lambda: getattr(feature.record(record.id), "note", None) == "CLI concurrent note",
        timeout=20000,
    )
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " and more")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _stored(record.id)["note"] == "CLI concurrent note"
    assert editor.toPlainText() == "window note and more\n\nCLI concurrent note"
    assert feature.margin.error_label is not None
    assert "changed elsewhere" in feature.margin.error_label.text()
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _stored(record.id)["note"] == "window note and more\n\nCLI concurrent note"
    assert feature.margin.editor is None


def test_undo_of_a_highlight_in_another_article_shows_it_and_says_where(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    view = window.reading_view
    select_shown(window, "上海合作組織")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)
    made = only(feature.records("lian-obor"))
    window.open_document("hsu-divergence")
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert meipi("annotations", "--json").json()["annotations"] == []
    # Not unseen: the article it was in is open again, and the status bar says what and where.
    doc = window.current_document()
    assert doc is not None and doc.id == "lian-obor"
    message = window.statusBar().currentMessage()
    assert message.startswith("Undid")
    assert f"《{doc.title}》" in message and made.citation in message


def test_undo_never_writes_over_a_change_made_elsewhere_since(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    record = annotate(feature, window, "天然氣", note="window note")
    saved = feature.edits.save(record, Draft(record.color, ("能源",), "window note, edited"))
    assert saved is not None
    result = meipi("edit", record.id, "--note", "CLI concurrent note")
    assert result.code == 0, result.err
    qtbot.waitUntil(
        lambda: getattr(feature.record(record.id), "note", None) == "CLI concurrent note",
        timeout=20000,
    )
    with qtbot.waitSignal(feature.history.failed, timeout=5000) as failed:
        feature.menus.undo_action.trigger()
    assert "changed since" in failed.args[0]
    assert _stored(record.id)["note"] == "CLI concurrent note"

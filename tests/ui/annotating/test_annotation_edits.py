"""Annotation edits over the store, driven in the window: undo and redo of create, edit and
delete; a refused write keeps what was typed on screen to retry."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader import paths
from tests.cli_helpers import meipi
from tests.ui.helpers import (
    MakeWindow,
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

"""The window's side of issue 14's hostile cases: a double-click on a space annotates nothing
(a status-bar message), and the Export dialog's Save refuses the database and its backups as
the command line does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader import paths
from reader.ui.library import export_dialog
from reader.ui.library.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, annotating, feature_of

SPACED = "Competition and Cooperation"  # the English title of lian-obor: spaces to click on


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The annotating window (tests.ui.helpers.annotating)."""
    return annotating(make_window)


def double_click_space(qtbot: QtBot, window: MainWindow) -> int:
    """Double-click the first space of the English title; returns its canonical offset."""
    view = window.reading_view
    content = view.content()
    assert content is not None
    at = content.text.index(SPACED) + len("Competition")
    assert content.text[at] == " "
    view.scroll_to_offset(at)
    rect = view.range_rects(at, at + 1)[0]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    return at


def test_a_double_clicked_space_is_not_annotated(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    at = double_click_space(qtbot, window)
    selected = window.reading_view.selected_range()
    assert selected is not None and selected[0] <= at < selected[1]
    assert not doc.text[selected[0] : selected[1]].strip()  # only white space is selected

    assert feature.edits.highlight("yellow") is None  # the colour key (1) ends here
    assert "white space" in window.statusBar().currentMessage()
    assert feature.edits.edit_dialog() is None  # nor a note on it (Ctrl+Alt+M)
    assert feature.edits.dialog is None
    assert feature.records(doc.id) == []
    listed = meipi("annotations", "--json")
    assert listed.code == 0 and listed.json()["annotations"] == []

    # A real word next to it is still annotated.
    start = doc.text.index(SPACED)
    window.reading_view.select_range(start, start + len("Competition"))
    record = feature.edits.highlight("yellow")
    assert record is not None and record.quote == "Competition"


def message_boxes(parent: object) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is parent
    ]


@pytest.mark.parametrize("target", ["database", "backup"])
def test_save_refuses_the_database_and_its_backups(
    qtbot: QtBot,
    make_window: MakeWindow,
    monkeypatch: pytest.MonkeyPatch,
    db_file: Path,
    target: str,
) -> None:
    assert meipi("annotate", "lian-obor", "--quote", "一帶一路框架下", "--note", "第一").code == 0
    assert meipi("backup").code == 0
    backup = next(p for p in paths.backups_dir(db_file).iterdir() if p.is_file())
    path = db_file if target == "database" else backup
    window = make_window()
    window.dialogs.export_action.trigger()
    dialog = window.dialogs.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitUntil(dialog.is_current, timeout=10_000)
    before = {p: (os.stat(p).st_ino, os.stat(p).st_size) for p in (db_file, backup)}
    # The file dialog already asked "replace it?" and the user said yes.
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda *a: path)
    saved: list[str] = []
    dialog.export_saved.connect(saved.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes(dialog)), timeout=5000)
    box = message_boxes(dialog)[0]
    assert "never replaces it" in box.text() and str(path) in box.text()
    box.close()
    assert saved == []
    assert {p: (os.stat(p).st_ino, os.stat(p).st_size) for p in (db_file, backup)} == before
    listed = meipi("annotations", "--json")
    assert [a["note"] for a in listed.json()["annotations"]] == ["第一"]
    # Nothing left running in the background when the window goes.
    qtbot.waitUntil(lambda: dialog.is_current() and not dialog._runner.is_busy(), timeout=10_000)
    dialog.close()

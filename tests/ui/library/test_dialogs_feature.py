"""A text's own actions on the main window (``reader.ui.library.dialogs_feature``): Text Details
and Remove Text only for a text the user imported; removing asks first and keeps what it says;
a file that cannot be imported is a message and adds nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow


def import_text(tmp_path: Path) -> None:
    src = tmp_path / "mine.txt"
    src.write_text("中亞能源合作\n\n中亞國家與俄羅斯的能源合作。\n", encoding="utf-8")
    assert meipi("import", str(src), "--id", "mine").code == 0


def test_only_an_imported_text_can_be_removed_and_removing_asks_first(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    import_text(tmp_path)  # from the command line, while the window is open
    window.reload_library()
    dialogs = window.dialogs
    window.open_document("lian-obor")
    assert not dialogs.details_action.isEnabled() and not dialogs.remove_action.isEnabled()
    window.open_document("mine")
    assert dialogs.details_action.isEnabled() and dialogs.remove_action.isEnabled()
    dialogs.remove_action.trigger()
    box = dialogs.remove_box
    assert box is not None and "mine.meipi.txt" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()  # changed one's mind
    qtbot.waitUntil(lambda: dialogs.remove_box is None, timeout=5000)
    assert "mine" in load_library().ids()
    dialogs.remove_action.trigger()
    box = dialogs.remove_box
    assert box is not None
    remove = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(dialogs.text_removed, timeout=5000) as removed:
        remove.click()
    assert removed.args == ["mine"]
    assert "mine" not in load_library().ids()
    assert not any(paths.user_texts_dir().glob("mine*"))


def test_a_file_that_cannot_be_imported_adds_nothing(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    dialogs = window.dialogs
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(dialogs.import_refused, timeout=10000) as refused:
        dialogs.import_file(empty)
    assert "empty" in refused.args[0]
    assert dialogs.import_dialog is None
    assert not paths.user_texts_dir().exists() or not any(paths.user_texts_dir().iterdir())
    for box in window.findChildren(QMessageBox):
        box.close()

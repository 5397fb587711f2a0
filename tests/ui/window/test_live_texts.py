"""A text imported from the command line while the window is open appears without a restart."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from tests.cli_helpers import meipi


def test_command_line_import_appears_in_the_open_window(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.services.store() is not None)
    source = tmp_path / "arctic.txt"
    source.write_text(
        "北極航道與中俄合作\n\n北極地區的航線日益重要，中俄在此展開合作。\n", encoding="utf-8"
    )
    r = meipi("import", str(source), "--id", "arctic", "--title", "北極航道與中俄合作")
    assert r.code == 0, r.err
    qtbot.waitUntil(lambda: window.library_model.row_of("arctic") >= 0, timeout=5000)
    window.open_document("arctic")
    doc = window.current_document()
    assert doc is not None and doc.id == "arctic"
    assert "北極地區的航線日益重要" in window.reading_view.toPlainText()
    window.close()

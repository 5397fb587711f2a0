"""The dialogs' messages (``reader.ui.window.messages``): window-modal but not blocking, plain
text (a file name is never read as HTML), gone once closed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.window.messages import show_message


def test_a_message_opens_without_blocking_and_deletes_itself(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    box = show_message(parent, "Cannot Import a.txt", "<b>a.txt</b> is empty.")
    qtbot.waitExposed(box)  # reached: open() returned while the box is showing
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == "<b>a.txt</b> is empty."
    assert box.icon() == QMessageBox.Icon.Warning and box.windowTitle() == "Cannot Import a.txt"
    with qtbot.waitSignal(box.destroyed, timeout=5000):
        box.button(QMessageBox.StandardButton.Ok).click()
    assert parent.findChildren(QMessageBox) == []

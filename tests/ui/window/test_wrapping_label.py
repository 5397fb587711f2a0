"""The word-wrapped label (``reader.ui.window.wrapping_label``): its minimum height is the height
its lines take at its width, so a squeezed layout never cuts them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.ui.window.wrapping_label import WrappingLabel

TEXT = "中亞地區的能源合作與競爭，" * 12


def test_the_minimum_height_follows_the_lines_at_the_width(qtbot: QtBot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    assert label.wordWrap() and label.needed_height() == 0
    label.setText(TEXT)
    label.resize(120, 20)
    narrow = label.needed_height()
    wide = label.needed_height(600)
    assert narrow > wide > 0
    assert label.minimumSizeHint().height() >= narrow
    plain = QLabel(TEXT)
    qtbot.addWidget(plain)
    plain.setWordWrap(True)
    assert plain.minimumSizeHint().height() < narrow  # what a plain label would allow

"""Rows tall enough for Chinese and boxes a whole number of rows high
(``reader.ui.window.whole_rows``)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from reader.ui.window.whole_rows import ChineseRowDelegate, fit_rows, line_height, row_height


def test_a_row_is_at_least_a_line_of_chinese_high(qtbot: QtBot) -> None:
    font = QFont()
    assert line_height(font) >= QFontMetrics(font).lineSpacing()
    assert row_height(font) > line_height(font)
    assert line_height(font) == line_height(QFont(font))  # measured once per font


def test_a_box_shows_whole_rows(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    view.setItemDelegate(ChineseRowDelegate(view))
    empty = fit_rows(view, 4)  # no rows yet: one-line rows of Chinese
    assert empty == 4 * row_height(view.font()) + 2 * view.frameWidth()
    model = QStandardItemModel(view)
    for text in ("中亞", "能源", "北極", "軍事", "地區", "Energy"):
        model.appendRow(QStandardItem(text))
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    row = view.visualRect(model.index(0, 0)).height()
    assert row >= line_height(view.font())
    height = fit_rows(view, 3)
    assert height == 3 * row + 2 * view.frameWidth() == view.height() == view.minimumHeight()

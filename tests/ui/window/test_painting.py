"""Painting a plain colour (``reader.ui.window.painting``): the pixels of ``fillRect``."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from reader.ui.window.painting import fill_rect


def _painted(fill: str, antialiased: bool) -> QImage:
    image = QImage(40, 30, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    painter.setBrush(QColor("#00ff00"))  # the painter's own state is left as it was
    for rect, color in ((QRect(3, 4, 20, 10), "#c03020"), (QRect(10, 12, 1, 15), "#2040a0")):
        if fill == "ours":
            fill_rect(painter, rect, QColor(color))
        else:
            painter.fillRect(rect, QColor(color))
    painter.drawRect(QRect(30, 20, 5, 5))
    painter.end()
    return image


def test_a_colour_fills_the_pixels_fillrect_fills(qtbot: QtBot) -> None:
    for antialiased in (False, True):
        assert _painted("ours", antialiased) == _painted("qt", antialiased)

"""Painting a plain colour without making PySide create classes nothing else uses.

``QPainter.fillRect(rect, QColor)`` makes PySide weigh every ``fillRect`` overload, among them
one that takes a ``QGradient.Preset``: the first call creates QGradient's class with its ~180
presets (~0.3 MB resident, issue 22). A brush set from the colour and a rectangle drawn without
an outline paint the same pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter


def fill_rect(painter: QPainter, rect: QRect, color: QColor) -> None:
    """Fill ``rect`` with ``color``, as ``painter.fillRect(rect, color)`` does."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRect(rect)
    painter.restore()

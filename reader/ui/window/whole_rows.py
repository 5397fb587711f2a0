"""Rows tall enough for Chinese, and list boxes a whole number of rows high.

Qt sizes an item view's rows by the widget font's metrics; the Chinese glyphs come from a
fallback font that is taller, so rows built on a Latin font clip them (the outline's first
heading was cut in half at the top). :class:`ChineseRowDelegate` measures a line as laid out
with Chinese in it; :func:`fit_rows` makes a box show whole rows only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

_SAMPLE = "國語Ag"  # a Chinese line as laid out, with the fallback font's ascent and descent
_PAD = 4  # pixels above and below a row's text
_lines: dict[str, int] = {}


def line_height(font: QFont) -> int:
    """The height of one line of Chinese in ``font`` (its fallback font included)."""
    key = font.key()
    height = _lines.get(key)
    if height is None:
        layout = QTextLayout(_SAMPLE, font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        metrics = QFontMetrics(font)
        height = _lines[key] = int(max(line.height(), metrics.lineSpacing(), metrics.height()) + 1)
    return height


def row_height(font: QFont) -> int:
    """The height of a one-line row of Chinese text in ``font``."""
    return line_height(font) + _PAD


class ChineseRowDelegate(QStyledItemDelegate):
    """The default item drawing, with each row as tall as its lines of Chinese need."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        font = index.data(Qt.ItemDataRole.FontRole)
        font = font if isinstance(font, QFont) else option.font
        spacing = max(1, QFontMetrics(font).lineSpacing())
        lines = max(1, round((size.height() - 2) / spacing))
        return QSize(size.width(), max(size.height(), lines * line_height(font) + _PAD))


def fit_rows(view: QAbstractItemView, rows: int) -> int:
    """Make ``view`` exactly ``rows`` rows high (no row cut at the bottom; more scroll), rows
    measured as laid out (one-line rows of Chinese while it is empty). Returns the height."""
    model = view.model()
    row = 0
    if model is not None and model.rowCount() > 0:
        row = view.visualRect(model.index(0, 0)).height()
    if row <= 0:
        row = row_height(view.font())
    height = rows * row + 2 * view.frameWidth()
    if view.height() != height or view.minimumHeight() != height:
        view.setFixedHeight(height)
    return height

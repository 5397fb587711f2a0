"""The colours of annotating: the swatches (buttons, sidebar bars) and the highlight backgrounds
on light and dark paper, the colours' translated names and the meanings as shown — the one table
the highlight layer, the margin, the sidebar, the menus and the exports' dialog draw from.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from reader.store.records import DEFAULT_MEANINGS, NO_COLOR

# Swatches (buttons, sidebar bars) and highlight backgrounds on light and dark paper.
SWATCHES = {
    "yellow": "#e0a800",
    "green": "#2e9e5b",
    "blue": "#3b7dd8",
    "pink": "#d9468f",
    "purple": "#8458d6",
    NO_COLOR: "#8e8a82",
}


HIGHLIGHTS_LIGHT = {
    "yellow": "#fbe38e",
    "green": "#c4ecc9",
    "blue": "#c9def7",
    "pink": "#f8cde2",
    "purple": "#e1d5f7",
}


HIGHLIGHTS_DARK = {
    "yellow": "#5e4e14",
    "green": "#24503a",
    "blue": "#26456b",
    "pink": "#5f2a48",
    "purple": "#463468",
}


def color_label(color: str) -> str:
    """The colour's name, translated (its meaning is the user's, see ``color_meanings``)."""
    names = {
        "yellow": QCoreApplication.translate("Colors", "Yellow"),
        "green": QCoreApplication.translate("Colors", "Green"),
        "blue": QCoreApplication.translate("Colors", "Blue"),
        "pink": QCoreApplication.translate("Colors", "Pink"),
        "purple": QCoreApplication.translate("Colors", "Purple"),
        NO_COLOR: QCoreApplication.translate("Colors", "No colour"),
    }
    return names.get(color, color)


def note_only_label() -> str:
    """What a note without colour is called: the colour filter's row and the sidebar's details
    line say the same."""
    return QCoreApplication.translate("Colors", "Note only")


# The meanings a new database starts with (reader.store.records.DEFAULT_MEANINGS), for lupdate.
_MEANINGS_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("ColorMeanings", "Important"),
    QT_TRANSLATE_NOOP("ColorMeanings", "Agree"),
    QT_TRANSLATE_NOOP("ColorMeanings", "Background"),
    QT_TRANSLATE_NOOP("ColorMeanings", "Question"),
    QT_TRANSLATE_NOOP("ColorMeanings", "To quote"),
)


def shown_meanings(meanings: dict[str, str]) -> dict[str, str]:
    """The colour meanings as the window shows them: a meaning the reader never changed from
    the store's (English) default in the interface's language, the reader's own as written."""
    return {
        color: QCoreApplication.translate("ColorMeanings", meaning)
        if DEFAULT_MEANINGS.get(color) == meaning
        else meaning
        for color, meaning in meanings.items()
    }


def highlight_color(color: str, dark: bool) -> str:
    return (HIGHLIGHTS_DARK if dark else HIGHLIGHTS_LIGHT)[color]


@functools.lru_cache(maxsize=64)
def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A colour's round swatch (made once per colour and size: lists ask on every paint)."""
    return _swatch_icon(color, size)


def _swatch_icon(color: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(SWATCHES[color]).darker(120))
    painter.setBrush(QColor(SWATCHES[color]) if color != NO_COLOR else QColor(0, 0, 0, 0))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    icon = QIcon(pixmap)
    # Disabled (no selection yet), the colour still shows, only fainter.
    faint = QPixmap(size, size)
    faint.fill(Qt.GlobalColor.transparent)
    painter = QPainter(faint)
    painter.setOpacity(0.45)
    painter.drawPixmap(0, 0, pixmap)
    painter.end()
    icon.addPixmap(faint, QIcon.Mode.Disabled)
    return icon

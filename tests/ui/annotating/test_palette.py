"""The annotation colours in the window (``reader.ui.annotating.palette``): a swatch and a
highlight for each colour, names and default meanings translated, the reader's own meanings as
written."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon
from pytestqt.qtbot import QtBot

from reader.store.records import COLORS, DEFAULT_MEANINGS, NO_COLOR
from reader.ui.annotating.palette import (
    HIGHLIGHTS_DARK,
    HIGHLIGHTS_LIGHT,
    SWATCHES,
    color_label,
    highlight_color,
    shown_meanings,
    swatch_icon,
)


def test_every_colour_has_a_swatch_and_both_highlights() -> None:
    assert set(SWATCHES) == {*COLORS, NO_COLOR}
    assert set(HIGHLIGHTS_LIGHT) == set(HIGHLIGHTS_DARK) == set(COLORS)
    for color in COLORS:
        light, dark = QColor(highlight_color(color, False)), QColor(highlight_color(color, True))
        assert light.lightness() > dark.lightness()  # a light page gets the pale wash


def test_labels_and_meanings() -> None:
    assert [color_label(c) for c in COLORS] == ["Yellow", "Green", "Blue", "Pink", "Purple"]
    assert color_label(NO_COLOR) == "No colour" and color_label("teal") == "teal"
    own = {**DEFAULT_MEANINGS, "pink": "待查"}
    assert shown_meanings(own) == own  # English interface: defaults as they are, own as written


def test_a_swatch_is_drawn_once_in_its_colour_and_fainter_when_disabled(qtbot: QtBot) -> None:
    icon = swatch_icon("green")
    assert swatch_icon("green") is icon
    normal = icon.pixmap(QSize(14, 14)).toImage().pixelColor(7, 7)
    faint = icon.pixmap(QSize(14, 14), QIcon.Mode.Disabled).toImage().pixelColor(7, 7)
    assert normal.name() == SWATCHES["green"] and normal.alpha() == 255
    assert faint.alpha() < normal.alpha()
    hollow = swatch_icon(NO_COLOR).pixmap(QSize(14, 14)).toImage().pixelColor(7, 7)
    assert hollow.alpha() == 0  # notes without colour: a ring, not a disc

"""Icons and stylesheets from ``resources/`` (``reader.ui.window.resources``): an icon drawn at
the size asked in the colour given, a stylesheet with every colour filled in."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from reader.ui.window.resources import icon, resource_path, stylesheet


def test_an_icon_is_drawn_at_the_size_asked_in_its_colour(qtbot: QtBot) -> None:
    drawn = icon("library", "#ff0000").pixmap(QSize(48, 48))
    assert (drawn.width(), drawn.height()) == (48, 48)
    image = drawn.toImage()
    seen = [image.pixelColor(x, y) for x in range(48) for y in range(48)]
    inked = [c for c in seen if c.alpha() > 0]
    assert inked  # something is drawn
    assert all(c.green() == 0 and c.blue() == 0 for c in inked)  # only in the colour given
    assert max(c.red() for c in inked) == 255
    assert not icon("library").pixmap(QSize(16, 16)).isNull()


def test_a_stylesheet_has_every_colour_filled_in() -> None:
    source = resource_path("styles", "window.qss").read_text(encoding="utf-8")
    names = set(re.findall(r"\$(\w+)", source))
    filled = stylesheet("window", dict.fromkeys(names, "#123456"))
    assert "$" not in filled and "#123456" in filled
    with pytest.raises(KeyError):
        stylesheet("window", {})

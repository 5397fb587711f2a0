"""Colours of the reading desk: search hits that no highlight colour can be mistaken for, in
every theme (the body font's spacing is tests/ui/reading/test_typesetting.py's)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCharFormat
from pytestqt.qtbot import QtBot

from reader.ui.annotating.palette import HIGHLIGHTS_DARK, HIGHLIGHTS_LIGHT
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.theme import THEMES, search_hit_format


def rgb_f(color: QColor) -> tuple[float, float, float]:
    return color.redF(), color.greenF(), color.blueF()


def lightness(color: QColor) -> float:
    """CIE L* (0–100) of an sRGB colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb_f(color))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


@pytest.mark.parametrize("theme_id", ["light", "dark", "sepia"])
def test_search_hits_cannot_be_taken_for_a_highlight(theme_id: str) -> None:
    theme = THEMES[theme_id]
    paper = QColor(theme.paper)
    for current in (False, True):
        fmt = search_hit_format(theme, current=current)
        # A wavy underline, which no highlight has…
        assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        # …over a grey wash: blended onto the page it has next to no hue of its own.
        wash = fmt.background().color()
        a = wash.alphaF()
        blended = QColor.fromRgbF(
            *(a * w + (1 - a) * p for w, p in zip(rgb_f(wash), rgb_f(paper), strict=True))
        )
        assert blended.hsvSaturationF() < paper.hsvSaturationF() + 0.04
        # …seen at a glance on the page (CIE lightness apart), and more so on dark paper,
        # where light text over a light wash hid the hits (a reader found them barely there).
        apart = abs(lightness(blended) - lightness(paper))
        assert apart >= (18 if theme.dark else 10), (current, blended.name(), apart)
        # …and far from every highlight colour on the page.
        highlights = HIGHLIGHTS_DARK if theme.dark else HIGHLIGHTS_LIGHT
        for color in highlights.values():
            other = QColor(color)
            distance = (
                sum((x - y) ** 2 for x, y in zip(rgb(blended), rgb(other), strict=True)) ** 0.5
            )
            assert distance > 25, (color, blended.name())


def test_filter_check_boxes_are_drawn_in_the_dark_theme(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from reader.documents import load_library
    from reader.ui.annotating.annotations_feature import AnnotationsFeature
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.settings import ReaderSettings

    window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.findChild(AnnotationsFeature) is not None, timeout=5000)
    feature = window.findChild(AnnotationsFeature)
    assert feature is not None
    window.set_theme("dark")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    view = feature.sidebar.color_view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0 and view.isVisible(), timeout=5000)
    rect = view.visualRect(view.model().index(0, 0))
    image = view.viewport().grab(rect).toImage()
    panel = QColor(THEMES["dark"].panel)
    border = QColor(THEMES["dark"].muted)
    # The box's outline is drawn where the check box sits (the start of the row), in the
    # theme's muted colour, which stands out from the panel.
    found = any(
        abs(QColor(image.pixel(QPoint(x, y))).lightness() - border.lightness()) < 25
        for x in range(0, min(24, image.width()))
        for y in range(image.height())
    )
    assert found
    assert abs(border.lightness() - panel.lightness()) > 60

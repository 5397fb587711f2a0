"""Colours of the reading desk: search hits that no highlight colour can be mistaken for, in
every theme (the body font's spacing is tests/ui/reading/test_typesetting.py's)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from reader.ui.annotating.palette import HIGHLIGHTS_DARK, HIGHLIGHTS_LIGHT, highlight_color
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.theme import THEMES, search_hit_format
from tests.ui.helpers import MakeWindow, annotate, annotating, feature_of, select_shown


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


def lab(color: QColor) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    r, g, b = (linear(c) for c in rgb_f(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(one: QColor, other: QColor) -> float:
    """CIE76 colour difference: about 2 is just noticeable side by side, over 40 two different
    colours (the blue highlight and the old selection were 2 apart)."""
    return float(sum((p - q) ** 2 for p, q in zip(lab(one), lab(other), strict=True)) ** 0.5)


def contrast(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio (4.5 is the floor for body text)."""

    def luminance(color: QColor) -> float:
        r, g, b = (
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb_f(color)
        )
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    low, high = sorted((luminance(one), luminance(other)))
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme_id", ["light", "dark", "sepia"])
def test_selected_text_cannot_be_taken_for_a_highlight(theme_id: str) -> None:
    theme = THEMES[theme_id]
    selection, selected_ink = QColor(theme.textSelection), QColor(theme.textSelectionInk)
    highlights = HIGHLIGHTS_DARK if theme.dark else HIGHLIGHTS_LIGHT
    for name, color in highlights.items():
        # Far from every highlight wash, and from the page itself…
        assert delta_e(selection, QColor(color)) > 40, (name, color, theme.textSelection)
        # …while the highlights stay as readable as body text.
        assert contrast(QColor(color), QColor(theme.ink)) >= 4.5, (name, color)
    assert delta_e(selection, QColor(theme.paper)) > 40
    # Selected text is read too.
    assert contrast(selection, selected_ink) >= 4.5


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


def _drawn_background(view: QTextEdit, at: int) -> QColor:
    """The colour most pixels of the character cell at Qt position ``at`` are painted in
    (the wash behind the glyph, which covers less of the cell)."""
    from collections import Counter

    cursor = QTextCursor(view.document())
    cursor.setPosition(at)
    left = view.cursorRect(cursor)
    cursor.setPosition(at + 1)
    right = view.cursorRect(cursor)
    assert left.top() == right.top()  # one line
    image = view.viewport().grab().toImage()
    counts = Counter(
        image.pixel(x, y)
        for x in range(left.left() + 1, right.left())
        for y in range(left.top() + 1, left.bottom())
    )
    return QColor(counts.most_common(1)[0][0])


@pytest.mark.parametrize("theme_id", ["light", "dark", "sepia"])
def test_the_page_draws_a_selection_beside_a_blue_highlight_apart(
    make_window: MakeWindow, qtbot: QtBot, theme_id: str
) -> None:
    """As the reader sees it: a passage marked "Background" (blue) next to a selected one."""
    window = annotating(make_window)()
    feature = feature_of(window)
    window.set_theme(theme_id)
    doc = window.current_document()
    assert doc is not None
    paragraph = next(b for b in doc.blocks if b.kind == "paragraph")
    start = paragraph.start
    annotate(feature, window, doc.text[start : start + 12], "blue")
    qtbot.waitUntil(lambda: len(window.reading_view.extraSelections()) == 1)
    select_shown(window, doc.text[start + 1 : start + 10], occurrence=1)
    view = window.reading_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    content = view.content()
    assert content is not None
    # The 13th character: blue, not selected; the 3rd: blue and selected.
    blue = _drawn_background(view, content.positions.shown_to_qt(start + 11))
    selected = _drawn_background(view, content.positions.shown_to_qt(start + 2))
    theme = window.theme()
    assert blue == QColor(highlight_color("blue", theme.dark))
    assert delta_e(selected, blue) > 40, (selected.name(), blue.name())


@pytest.mark.parametrize("theme_id", ["light", "dark", "sepia"])
def test_a_disabled_item_reads_as_disabled(theme_id: str) -> None:
    """In the dark theme a menu's disabled items (the muted tone) looked almost enabled: they
    stand clearly below the enabled text's contrast, and still readable."""
    from PySide6.QtGui import QPalette

    palette = THEMES[theme_id].palette()
    window = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    enabled = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert contrast(disabled, window) <= contrast(enabled, window) / 3
    assert contrast(disabled, window) >= 1.8

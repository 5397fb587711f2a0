"""Icons drawn from their SVG's shapes by QPainter (``reader.ui.window.icon_shapes``): the same
pixels as QtSvg draws, for every icon shipped and for arcs of any kind; what it does not read
is refused, and such an icon is drawn by QtSvg."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.window import resources
from reader.ui.window.icon_shapes import Unsupported, parse

INK = "#b01020"


def _canvas(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    return image


def _by_qtsvg(source: str, size: int) -> QImage:
    image = _canvas(size)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(source.replace("currentColor", INK).encode())).render(
        painter, QRectF(0, 0, size, size)
    )
    painter.end()
    return image


def _by_shapes(source: str, size: int) -> QImage:
    image = _canvas(size)
    painter = QPainter(image)
    parse(source).paint(painter, QRect(0, 0, size, size), INK)
    painter.end()
    return image


def _difference(a: QImage, b: QImage) -> tuple[int, float]:
    """The largest and the mean difference of a channel, over every pixel."""
    worst, total = 0, 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            d = max(abs(((pa >> s) & 255) - ((pb >> s) & 255)) for s in (0, 8, 16, 24))
            worst, total = max(worst, d), total + d
    return worst, total / (a.width() * a.height())


@pytest.mark.parametrize("size", [16, 20, 24, 48])
def test_every_icon_shipped_is_drawn_as_qtsvg_draws_it(qtbot: QtBot, size: int) -> None:
    names = sorted(p.stem for p in resources.resource_path("icons").glob("*.svg"))
    assert "library" in names and "theme" in names
    for name in names:
        source = resources.resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
        drawn = _by_shapes(source, size)  # Unsupported here: the icon would need QtSvg
        worst, mean = _difference(drawn, _by_qtsvg(source, size))
        assert worst <= 2 and mean < 0.05, (name, size, worst, mean)


_coordinate = st.floats(2, 22).map(lambda v: round(v, 1))


@settings(max_examples=40, deadline=None)
@given(
    start=st.tuples(_coordinate, _coordinate),
    end=st.tuples(_coordinate, _coordinate),
    rx=st.floats(0.5, 12).map(lambda v: round(v, 1)),
    ry=st.floats(0.5, 12).map(lambda v: round(v, 1)),
    large=st.booleans(),
    sweep=st.booleans(),
    relative=st.booleans(),
)
def test_an_arc_is_drawn_as_qtsvg_draws_it(
    qapp: QApplication,
    start: tuple[float, float],
    end: tuple[float, float],
    rx: float,
    ry: float,
    large: bool,
    sweep: bool,
    relative: bool,
) -> None:
    (x1, y1), (x2, y2) = start, end
    to = f"a{rx} {ry} 0 {int(large)} {int(sweep)} {x2 - x1:.1f} {y2 - y1:.1f}"
    if not relative:
        to = f"A{rx} {ry} 0 {int(large)} {int(sweep)} {x2} {y2}"
    source = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        f'stroke="currentColor" stroke-width="1.2"><path d="M{x1} {y1}{to}"/></svg>'
    )
    worst, mean = _difference(_by_shapes(source, 48), _by_qtsvg(source, 48))
    # Both approximate the ellipse with Béziers of their own: along a long arc the edge pixels
    # differ a little (a mean of up to ~1.6 seen); a wrong centre or direction differs by ~20.
    assert mean < 4, (source, worst, mean)


@pytest.mark.parametrize(
    "source",
    [
        '<svg viewBox="0 0 24 24"><g><path d="M1 1L5 5"/></g></svg>',  # an element not read
        '<svg viewBox="0 0 24 24"><path d="M1 1L5 5" transform="scale(2)"/></svg>',
        '<svg viewBox="0 0 24 24"><path d="M1 1Q5 5 9 1"/></svg>',  # a command not read
        '<svg viewBox="0 0 24 24"><path d="M1 1a5 3 30 0 1 9 1"/></svg>',  # a rotated arc
        '<svg viewBox="0 0 24 24"><path d="M1 1L5 5" fill="url(#g)"/></svg>',
        '<svg><path d="M1 1L5 5"/></svg>',  # no viewBox
    ],
)
def test_what_it_does_not_read_is_refused(qtbot: QtBot, source: str) -> None:
    with pytest.raises(Unsupported):
        parse(source)


def test_an_icon_it_cannot_read_is_drawn_by_qtsvg(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><g fill="currentColor">'
        '<rect x="4" y="4" width="16" height="16"/></g></svg>'
    )
    monkeypatch.setattr(resources, "_icon_source", lambda name: source)
    resources._icon_shapes.cache_clear()
    try:
        drawn = resources.icon("boxed", "#00ff00").pixmap(QSize(24, 24)).toImage()
    finally:
        resources._icon_shapes.cache_clear()
    assert drawn.pixelColor(12, 12).name() == "#00ff00"

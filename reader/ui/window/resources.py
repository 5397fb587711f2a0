"""One place for icons and stylesheets shipped in ``resources/`` (found by ``reader.paths``).

Icons are single-colour SVGs drawn with ``currentColor``, recoloured here for the theme, so the
same file serves light, dark and sepia; they are drawn from their shapes by QPainter
(:mod:`~reader.ui.window.icon_shapes`), by QtSvg only an SVG that uses more. Stylesheets are
``string.Template`` files whose ``$names`` are a theme's colours.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from reader import paths

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

    from reader.ui.window.icon_shapes import Icon


def resource_path(*parts: str) -> Path:
    return paths.resources_dir().joinpath(*parts)


@functools.cache
def _icon_source(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


class _IconEngine(QIconEngine):
    """Draws the icon at whatever size is asked, when it is asked (nothing read or rendered up
    front: the toolbar's icons are drawn after the text, startup: issue 10) — by QPainter from
    its shapes, or by QtSvg when it uses more than :mod:`~reader.ui.window.icon_shapes` reads."""

    def __init__(self, name: str, color: str | None) -> None:
        super().__init__()
        self._name = name
        self._color = color
        self._renderer: QSvgRenderer | None = None

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        shapes = _icon_shapes(self._name)
        if shapes is not None:
            shapes.paint(painter, rect, self._color or "black")
            return
        if self._renderer is None:
            from PySide6.QtSvg import QSvgRenderer

            source = _icon_source(self._name)
            if self._color is not None:
                source = source.replace("currentColor", self._color)
            self._renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
        self._renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _IconEngine(self._name, self._color)


@functools.cache
def _icon_shapes(name: str) -> Icon | None:
    from reader.ui.window.icon_shapes import Unsupported, parse

    try:
        return parse(_icon_source(name))
    except Unsupported:
        return None


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, drawn in ``color`` (a ``#rrggbb``) if given."""
    return QIcon(_IconEngine(name, color))


@functools.cache
def _stylesheet_source(name: str) -> Template:
    return Template(resource_path("styles", f"{name}.qss").read_text(encoding="utf-8"))


def stylesheet(name: str, colors: Mapping[str, str] | None = None) -> str:
    """The stylesheet ``resources/styles/<name>.qss`` with ``$color`` names filled in."""
    return _stylesheet_source(name).substitute(colors or {})

"""One place for icons and stylesheets shipped in ``resources/`` (found by ``reader.paths``).

Icons are single-colour SVGs drawn with ``currentColor``, recoloured here for the theme, so the
same file serves light, dark and sepia. Stylesheets are ``string.Template`` files whose
``$names`` are a theme's colours.
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


def resource_path(*parts: str) -> Path:
    return paths.resources_dir().joinpath(*parts)


@functools.cache
def _icon_source(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


class _SvgIconEngine(QIconEngine):
    """Draws the SVG at whatever size is asked, when it is asked (nothing rendered up front)."""

    def __init__(self, source: bytes) -> None:
        super().__init__()
        self._source = source
        self._renderer: QSvgRenderer | None = None

    def _render(self) -> QSvgRenderer:
        if self._renderer is None:
            # QtSvg loads when the first icon is drawn, after the text (startup: issue 10).
            from PySide6.QtSvg import QSvgRenderer

            self._renderer = QSvgRenderer(QByteArray(self._source))
        return self._renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._render().render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._source)


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, drawn in ``color`` (a ``#rrggbb``) if given."""
    source = _icon_source(name)
    if color is not None:
        source = source.replace("currentColor", color)
    return QIcon(_SvgIconEngine(source.encode("utf-8")))


@functools.cache
def _stylesheet_source(name: str) -> Template:
    return Template(resource_path("styles", f"{name}.qss").read_text(encoding="utf-8"))


def stylesheet(name: str, colors: Mapping[str, str] | None = None) -> str:
    """The stylesheet ``resources/styles/<name>.qss`` with ``$color`` names filled in."""
    return _stylesheet_source(name).substitute(colors or {})

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

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader import paths

_ICON_SIZES = (16, 20, 24, 32, 48, 64)


def resource_path(*parts: str) -> Path:
    return paths.resources_dir().joinpath(*parts)


@functools.cache
def _icon_source(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``, drawn in ``color`` (a ``#rrggbb``) if given."""
    source = _icon_source(name)
    if color is not None:
        source = source.replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
    result = QIcon()
    for size in _ICON_SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


@functools.cache
def _stylesheet_source(name: str) -> Template:
    return Template(resource_path("styles", f"{name}.qss").read_text(encoding="utf-8"))


def stylesheet(name: str, colors: Mapping[str, str] | None = None) -> str:
    """The stylesheet ``resources/styles/<name>.qss`` with ``$color`` names filled in."""
    return _stylesheet_source(name).substitute(colors or {})

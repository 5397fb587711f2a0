"""Meipi's icons drawn by ``QPainter`` from their SVG's shapes, without QtSvg.

The icons in ``resources/icons`` are a few strokes and fills: ``circle``, ``rect`` and ``path``
elements (path commands M L H V C A Z, absolute or relative) with ``fill``, ``stroke``,
``stroke-width``, ``stroke-linecap`` and ``stroke-linejoin``, set on the element or on the
``svg``. :func:`parse` reads that much; anything else raises :class:`Unsupported`, and the
icon is drawn by QtSvg instead (``reader.ui.window.resources``). Loading QtSvg for the toolbar
cost ~1.3 MB resident at the window's peak (issue 22); the shapes are drawn as QtSvg draws them
(a test compares the two for every icon shipped).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen


class Unsupported(ValueError):
    """The SVG uses something :func:`parse` does not read."""


# Plain classes, not NamedTuples: made with the toolbar's first paint, after the text's, where
# each NamedTuple class cost ~0.1 ms to make.
class Shape:
    __slots__ = ("cap", "fill", "join", "path", "stroke", "width")

    def __init__(
        self,
        path: QPainterPath,
        fill: str | None,  # a colour, "currentColor", or None for none
        stroke: str | None,
        width: float,
        cap: Qt.PenCapStyle,
        join: Qt.PenJoinStyle,
    ) -> None:
        self.path, self.fill, self.stroke, self.width = path, fill, stroke, width
        self.cap, self.join = cap, join


class Icon:
    __slots__ = ("shapes", "view_box")

    def __init__(self, view_box: QRectF, shapes: tuple[Shape, ...]) -> None:
        self.view_box, self.shapes = view_box, shapes

    def paint(self, painter: QPainter, rect: QRect, color: str) -> None:
        """Draw into ``rect``, ``currentColor`` being ``color``."""
        box = self.view_box
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(rect.x(), rect.y())
        painter.scale(rect.width() / box.width(), rect.height() / box.height())
        painter.translate(-box.x(), -box.y())
        for shape in self.shapes:
            if shape.fill is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(color if shape.fill == "currentColor" else shape.fill))
                painter.drawPath(shape.path)
            if shape.stroke is not None and shape.width > 0:
                pen = QPen(QColor(color if shape.stroke == "currentColor" else shape.stroke))
                pen.setWidthF(shape.width)
                pen.setCapStyle(shape.cap)
                pen.setJoinStyle(shape.join)
                pen.setMiterLimit(4)  # SVG's default
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(shape.path)
        painter.restore()


_TAG = re.compile(r"<(/?)([\w:-]+)((?:\s+[\w:-]+=\"[^\"]*\")*)\s*(/?)>")
_ATTRIBUTE = re.compile(r"([\w:-]+)=\"([^\"]*)\"")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PAINT = ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin")
_OWN = {
    "svg": {"xmlns", "viewBox"},
    "circle": {"cx", "cy", "r"},
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "path": {"d"},
}
_CAPS = {
    "butt": Qt.PenCapStyle.FlatCap,
    "round": Qt.PenCapStyle.RoundCap,
    "square": Qt.PenCapStyle.SquareCap,
}
_JOINS = {
    "miter": Qt.PenJoinStyle.SvgMiterJoin,
    "round": Qt.PenJoinStyle.RoundJoin,
    "bevel": Qt.PenJoinStyle.BevelJoin,
}
# SVG's initial values: filled in black, not stroked.
_INITIAL = {
    "fill": "black",
    "stroke": "none",
    "stroke-width": "1",
    "stroke-linecap": "butt",
    "stroke-linejoin": "miter",
}


def parse(source: str) -> Icon:
    """The shapes of an SVG icon, in document order; :class:`Unsupported` for what is not read."""
    rest = _TAG.sub("", source).strip()
    if rest and not rest.startswith("<?xml"):
        raise Unsupported(f"text or markup not read: {rest[:40]!r}")
    view_box: QRectF | None = None
    inherited = dict(_INITIAL)
    shapes: list[Shape] = []
    for closing, name, attributes, _empty in _TAG.findall(source):
        if closing:
            continue
        if name not in _OWN:
            raise Unsupported(f"<{name}>")
        values = dict(_ATTRIBUTE.findall(attributes))
        unknown = set(values) - _OWN[name] - set(_PAINT)
        if unknown:
            raise Unsupported(f"<{name}> {sorted(unknown)}")
        if name == "svg":
            if view_box is not None:
                raise Unsupported("nested <svg>")
            box = [float(n) for n in _numbers(values.get("viewBox", ""))]
            if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
                raise Unsupported("viewBox")
            view_box = QRectF(*box)
            inherited.update((k, v) for k, v in values.items() if k in _PAINT)
            continue
        style = {**inherited, **{k: v for k, v in values.items() if k in _PAINT}}
        shapes.append(_shape(_path(name, values), style))
    if view_box is None:
        raise Unsupported("no <svg> with a viewBox")
    return Icon(view_box, tuple(shapes))


def _shape(path: QPainterPath, style: dict[str, str]) -> Shape:
    if style["stroke-linecap"] not in _CAPS or style["stroke-linejoin"] not in _JOINS:
        raise Unsupported("stroke-linecap or stroke-linejoin")
    try:
        width = float(style["stroke-width"])
    except ValueError:
        raise Unsupported("stroke-width") from None

    def paint(value: str) -> str | None:
        if value == "none":
            return None
        if value != "currentColor" and not QColor.isValidColorName(value):
            raise Unsupported(f"colour {value!r}")
        return value

    return Shape(
        path,
        paint(style["fill"]),
        paint(style["stroke"]),
        width,
        _CAPS[style["stroke-linecap"]],
        _JOINS[style["stroke-linejoin"]],
    )


def _numbers(text: str) -> Iterator[float]:
    for token in _TOKEN.findall(text.replace(",", " ")):
        if token.isalpha():
            raise Unsupported(f"number expected, not {token!r}")
        yield float(token)


def _path(name: str, values: dict[str, str]) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)  # SVG's nonzero
    try:
        if name == "circle":
            r = float(values["r"])
            path.addEllipse(QPointF(float(values["cx"]), float(values["cy"])), r, r)
        elif name == "rect":
            x, y = float(values.get("x", "0")), float(values.get("y", "0"))
            w, h = float(values["width"]), float(values["height"])
            rx = float(values.get("rx", values.get("ry", "0")))
            ry = float(values.get("ry", values.get("rx", "0")))
            if rx or ry:
                path.addRoundedRect(QRectF(x, y, w, h), min(rx, w / 2), min(ry, h / 2))
            else:
                path.addRect(QRectF(x, y, w, h))
        else:
            _trace(path, values["d"])
    except (KeyError, ValueError) as exc:
        if isinstance(exc, Unsupported):
            raise
        raise Unsupported(f"<{name}> {exc}") from None
    return path


# How many numbers each path command takes (repeated while numbers follow it).
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "A": 7, "Z": 0}


def _trace(path: QPainterPath, d: str) -> None:
    tokens = _TOKEN.findall(d.replace(",", " "))
    if "".join(tokens) != re.sub(r"[\s,]+", "", d):
        raise Unsupported(f"path data {d!r}")
    x = y = start_x = start_y = 0.0
    i, command = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        elif not command or command in "Zz":
            raise Unsupported(f"path data {d!r}")
        upper = command.upper()
        if upper not in _ARITY:
            raise Unsupported(f"path command {command!r}")
        count = _ARITY[upper]
        args = [float(t) for t in tokens[i : i + count]]
        if len(args) < count or any(t.isalpha() for t in tokens[i : i + count]):
            raise Unsupported(f"path data {d!r}")
        i += count
        relative = command.islower()
        ox, oy = (x, y) if relative else (0.0, 0.0)
        if upper == "M":
            x, y = ox + args[0], oy + args[1]
            path.moveTo(x, y)
            start_x, start_y = x, y
            command = "l" if relative else "L"  # further pairs are lines
        elif upper == "L":
            x, y = ox + args[0], oy + args[1]
            path.lineTo(x, y)
        elif upper == "H":
            x = ox + args[0]
            path.lineTo(x, y)
        elif upper == "V":
            y = oy + args[0]
            path.lineTo(x, y)
        elif upper == "C":
            path.cubicTo(
                ox + args[0], oy + args[1], ox + args[2], oy + args[3], ox + args[4], oy + args[5]
            )
            x, y = ox + args[4], oy + args[5]
        elif upper == "A":
            end_x, end_y = ox + args[5], oy + args[6]
            _arc(path, (x, y), (end_x, end_y), args[0], args[1], args[2], args[3], args[4])
            x, y = end_x, end_y
        else:  # Z
            path.closeSubpath()
            x, y = start_x, start_y


def _arc(
    path: QPainterPath,
    start: tuple[float, float],
    end: tuple[float, float],
    rx: float,
    ry: float,
    rotation: float,
    large: float,
    sweep: float,
) -> None:
    """An SVG elliptical arc (axis-aligned) as ``arcTo``: SVG 1.1's endpoint-to-centre
    conversion (implementation notes F.6.5-6)."""
    if rotation % 180:
        raise Unsupported("a rotated arc")
    (x1, y1), (x2, y2) = start, end
    rx, ry = abs(rx), abs(ry)
    if (x1, y1) == (x2, y2):
        return
    if not rx or not ry:
        path.lineTo(x2, y2)
        return
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    scale = hx * hx / (rx * rx) + hy * hy / (ry * ry)
    if scale > 1:
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx * rx * ry * ry - rx * rx * hy * hy - ry * ry * hx * hx
    root = math.sqrt(max(0.0, numerator / (rx * rx * hy * hy + ry * ry * hx * hx)))
    if bool(large) == bool(sweep):
        root = -root
    cx = root * rx * hy / ry + (x1 + x2) / 2
    cy = -root * ry * hx / rx + (y1 + y2) / 2
    theta = math.degrees(math.atan2((y1 - cy) / ry, (x1 - cx) / rx))
    end_angle = math.degrees(math.atan2((y2 - cy) / ry, (x2 - cx) / rx))
    delta = (end_angle - theta) % 360  # clockwise on screen: the sweep flag set
    if not sweep and delta:
        delta -= 360
    # SVG's angles grow clockwise on screen (y down), Qt's anticlockwise.
    path.arcTo(QRectF(cx - rx, cy - ry, 2 * rx, 2 * ry), -theta, -delta)

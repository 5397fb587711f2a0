"""Scroll areas whose viewport is made in Python (:func:`own_viewport`).

The viewport a ``QAbstractScrollArea`` makes for itself reaches Python, the first time it is
asked for, as a C++ ``QWidget`` PySide has never seen; to give it its class, PySide creates
every widget class of QtWidgets that could be it, each with its enums (~70 enum classes,
~11 ms, in the first view to ask). A viewport made here is known to PySide from the start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea) -> QWidget:
    """Give ``area`` a viewport made in Python, set up as Qt sets up its own (call it first
    thing in the constructor, before anything is laid out in the viewport Qt made)."""
    viewport = QWidget(area)
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    area.setViewport(viewport)
    return viewport

"""A viewport made in Python is set up as the one Qt makes, in the item views the window uses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QListView, QTreeView
from pytestqt.qtbot import QtBot

from reader.ui.window.viewports import own_viewport

ATTRIBUTES = (
    Qt.WidgetAttribute.WA_AcceptTouchEvents,
    Qt.WidgetAttribute.WA_MouseTracking,
    Qt.WidgetAttribute.WA_SetCursor,
    Qt.WidgetAttribute.WA_AcceptDrops,
    Qt.WidgetAttribute.WA_Hover,
    Qt.WidgetAttribute.WA_OpaquePaintEvent,
    Qt.WidgetAttribute.WA_NoSystemBackground,
)


@pytest.mark.parametrize("kind", [QListView, QTreeView])
def test_an_own_viewport_is_set_up_as_qts_own(
    qtbot: QtBot, kind: type[QAbstractScrollArea]
) -> None:
    plain, ours = kind(), kind()
    made = own_viewport(ours)
    for area in (plain, ours):
        qtbot.addWidget(area)
        area.resize(300, 200)
        area.show()
    qtbot.waitExposed(ours)
    theirs = plain.viewport()
    assert ours.viewport() is made and made is not theirs
    assert made.parent() is ours and made.focusProxy() is ours
    assert made.objectName() == theirs.objectName()
    assert made.backgroundRole() == theirs.backgroundRole()
    assert made.autoFillBackground() == theirs.autoFillBackground()
    assert made.isVisible() and made.size() == theirs.size()
    for attribute in ATTRIBUTES:
        assert made.testAttribute(attribute) == theirs.testAttribute(attribute), attribute

"""The reading tests' pane on its own: a shown ``ReadingView`` in the system's serif type."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.reading_view import ReadingView
from reader.ui.reading.typesetting import Typography


@pytest.fixture
def view(qtbot: QtBot) -> ReadingView:
    families = FontCatalog.from_system().body_families("serif", "zh-Hant-TW")
    widget = ReadingView(Typography(tuple(families)))
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget

"""The window tests' shared fixtures: the library of bundled articles and ``make_window``, a
shown window on the test's own data directory (call it again for a "restart": the settings,
geometry included, are the same file)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import Library, load_library
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def library() -> Library:
    return load_library()


@pytest.fixture
def make_window(qtbot: QtBot, library: Library) -> MakeWindow:
    """A shown window; on a first start (no saved geometry) 780×560, inside the offscreen
    platform's 800×600 screen, so a restored geometry (and so the line breaks) is the same
    after a restart."""

    def make(fonts: FontCatalog | None = None) -> MainWindow:
        settings = ReaderSettings.default()
        first_start = settings.geometry() is None
        window = MainWindow(library, settings, fonts or FontCatalog.from_system())
        qtbot.addWidget(window)
        if first_start:
            window.resize(780, 560)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make

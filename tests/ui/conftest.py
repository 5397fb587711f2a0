"""The window tests' shared fixtures: the library of bundled articles and ``make_window``, a
shown window on the test's own data directory (call it again for a "restart": the settings,
geometry included, are the same file). Annotating tests take the larger, fully installed window
of ``tests.ui.helpers.annotating`` (tests/ui/annotating/conftest.py does for its folder)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import Library, load_library
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from tests.ui.helpers import MakeWindow


@pytest.fixture
def library() -> Library:
    return load_library()


def quiesce(window: MainWindow) -> None:
    """Before the harness deletes a window: its reading pane schedules a zero-delay re-anchor
    (``QTimer.singleShot``, not bound to the pane's lifetime) when its scroll range changes,
    which it does while being destroyed; that timer would fire on the deleted pane during the
    next test. Disconnected here, as the window is going anyway."""
    bar = window.reading_view.verticalScrollBar()
    bar.rangeChanged.disconnect(window.reading_view._on_range_changed)


@pytest.fixture
def make_window(qtbot: QtBot, library: Library) -> MakeWindow:
    """A shown window; on a first start (no saved geometry) ``size``, by default 780×560, inside
    the offscreen platform's 800×600 screen, so a restored geometry (and so the line breaks) is
    the same after a restart. ``wait_for``: the window's features (attributes) to wait for."""

    def make(
        fonts: FontCatalog | None = None,
        *,
        size: tuple[int, int] = (780, 560),
        wait_for: Sequence[str] = (),
    ) -> MainWindow:
        settings = ReaderSettings.default()
        first_start = settings.geometry() is None
        window = MainWindow(library, settings, fonts or FontCatalog.from_system())
        qtbot.addWidget(window, before_close_func=quiesce)
        if first_start:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if wait_for:
            qtbot.waitUntil(
                lambda: all(getattr(window, name, None) is not None for name in wait_for),
                timeout=10000,
            )
        return window

    return make

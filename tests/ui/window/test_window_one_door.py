"""The window's real startup, offscreen, under the one-door guard (issue 14): from the first
read (plain ``sqlite3``) and its watcher to the store opened by the first edit, a change from
the command line picked up live, and closing — no Python ``open`` of the database, its
``-wal`` or its ``-shm`` once the first connection exists (``tests/door_guard.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.store.window_lock import acquire_window_lock
from reader.ui.annotating.annotations_feature import AnnotationsFeature
from reader.ui.annotating.note_editor import Draft
from reader.ui.window.app import WindowConfig, application, create_window
from reader.ui.window.database_dialog import connect_offers
from reader.ui.window.main_window import MainWindow
from tests.cli_helpers import meipi
from tests.door_guard import watching


def _quiesce(window: MainWindow) -> None:
    """The reading pane schedules a zero-delay re-anchor while being destroyed; disconnected
    here, as the window is going anyway (see tests/ui/annotating/test_annotations_feature.py)."""
    bar = window.reading_view.verticalScrollBar()
    bar.rangeChanged.disconnect(window.reading_view._on_range_changed)


def _annotate(quote: str, doc: str = "hsu-divergence") -> str:
    r = meipi("annotate", doc, "--quote", quote, "--occurrence", "1", "--note", quote)
    assert r.code == 0, r.err
    return r.out.strip()


def start_window(qtbot: QtBot, db: Path) -> MainWindow:
    """As ``reader.ui.window.app.run_app`` starts it (lock, window, restore offers, show)."""
    application()
    window = create_window(WindowConfig(db=db))
    qtbot.addWidget(window, before_close_func=_quiesce)
    connect_offers(window, window.services)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(
        lambda: isinstance(getattr(window, "annotations_feature", None), AnnotationsFeature),
        timeout=10000,
    )
    return window


def test_the_window_opens_the_database_only_through_sqlite(qtbot: QtBot, db_file: Path) -> None:
    first = {_annotate("中俄"), _annotate("一帶一路", "lian-obor")}
    with watching(db_file) as guard:
        lock = acquire_window_lock(db_file)
        assert lock is not None
        try:
            window = start_window(qtbot, db_file)
            feature = window.annotations_feature
            assert isinstance(feature, AnnotationsFeature)
            feature.quiet = True
            # Every text's annotations: read on a worker thread, through SQLite too.
            feature.sidebar.set_all_articles(True)

            def ids() -> set[str]:
                return {r.id for r in feature.records()}

            qtbot.waitUntil(lambda: first <= ids(), timeout=10000)
            assert not window.services.store_is_open  # read through the first read
            # Another process writes: the watcher sees it, the first read is read again.
            second = _annotate("能源")
            qtbot.waitUntil(lambda: second in ids(), timeout=10000)
            # The window writes: the store opens (while the watcher's connection is open).
            doc = window.current_document()
            assert doc is not None
            start = next(i for i, ch in enumerate(doc.text) if not ch.isspace())
            made = feature.edits.create(start, start + 1, Draft("yellow", (), None))
            assert made is not None and window.services.store_is_open
            third = _annotate("合作")
            qtbot.waitUntil(lambda: third in ids(), timeout=10000)
            assert window.services.store_error is None
            window.close()
        finally:
            lock.release()
    guard.assert_clean()
    assert guard.connects >= 3  # first read, watcher, store (and the command line's)


def test_the_window_loads_no_second_sqlite(qtbot: QtBot, db_file: Path) -> None:
    """Qt's SQL module carries its own SQLite: two copies in one process do not see each
    other's locks (sqlite.org, How To Corrupt, 2.3)."""
    _annotate("中俄")
    window = start_window(qtbot, db_file)
    feature = window.annotations_feature
    assert isinstance(feature, AnnotationsFeature)
    feature.sidebar.set_all_articles(True)
    qtbot.waitUntil(lambda: len(feature.records()) == 1, timeout=10000)
    assert "PySide6.QtSql" not in sys.modules
    window.close()

"""Starting the window: the interface language from the setting or the system locale; the
texts loaded once, their problems said on the configured stream; the window on the configured
database and library; the process's peak memory for the benchmark."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
)
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import TEXT_SUFFIX
from reader.ui.window.app import (
    WindowConfig,
    application,
    create_window,
    interface_language,
    peak_memory_kib,
)
from reader.ui.window.main_window import MainWindow


def test_the_language_follows_the_system_unless_chosen() -> None:
    assert interface_language("system", QLocale("zh_TW")) == "zh_TW"
    assert interface_language("system", QLocale("zh_HK")) == "zh_TW"
    assert interface_language("system", QLocale("zh_Hant_HK")) == "zh_TW"
    assert interface_language("system", QLocale("zh_CN")) == "zh_CN"
    assert interface_language("system", QLocale("zh_SG")) == "zh_CN"
    assert interface_language("system", QLocale("fr_FR")) == "en"
    assert interface_language("system", QLocale("en_GB")) == "en"
    assert interface_language("zh_CN", QLocale("zh_TW")) == "zh_CN"
    assert interface_language("en", QLocale("zh_TW")) == "en"


def test_the_texts_load_once_and_their_problems_are_said(tmp_path: Path) -> None:
    texts = paths.user_texts_dir()
    texts.mkdir(parents=True, exist_ok=True)
    (texts / f"broken{TEXT_SUFFIX}").write_text("not a meipi text\n", encoding="utf-8")
    stream = io.StringIO()
    ctx = WindowConfig(db=tmp_path / "notes.sqlite3", stderr=stream)
    library = ctx.library()
    assert ctx.library() is library
    assert "lian-obor" in library.documents
    assert stream.getvalue().count(f"Skipped broken{TEXT_SUFFIX}") == 1


def test_the_window_opens_on_the_configured_database(qtbot: QtBot, tmp_path: Path) -> None:
    application()
    ctx = WindowConfig(db=tmp_path / "elsewhere.sqlite3", stderr=io.StringIO())
    window = create_window(ctx)
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert window.services.db_path == ctx.db
    assert window.services.library is ctx.library()
    assert QApplication.instance() is application()


def test_peak_memory_is_this_processs_own() -> None:
    import resource

    peak = peak_memory_kib()
    # At least the resident set now, and no more than this process has ever had.
    assert peak > 10_000
    assert peak <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 2


def test_a_place_asked_for_as_another_window_starts_is_handed_to_it(tmp_path: Path) -> None:
    """`meipi open DOC --at N` run while a window is starting finds no window yet and starts
    one; that one finds the lock taken by the first: the place goes to the first window (it
    said "already open" and the place was lost)."""
    import socket
    import threading

    from reader.links import Place
    from reader.open_request import decode, socket_path
    from reader.store.window_lock import acquire_window_lock
    from reader.ui.window import open_channel
    from reader.ui.window.app import run_app

    db = tmp_path / "notes.sqlite3"
    lock = acquire_window_lock(db)  # the first window, started a moment before
    assert lock is not None
    heard: list[Place | None] = []
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path(db))
    server.listen(1)
    server.settimeout(10)

    def first_window() -> None:
        conn, _ = server.accept()
        with conn:
            heard.append(decode(conn.makefile("rb").readline().rstrip(b"\n")))
            conn.sendall(b"ok\n")

    thread = threading.Thread(target=first_window)
    thread.start()
    try:
        stream = io.StringIO()
        open_channel.set_pending(Place(document="hsu-divergence", at=1800))
        assert run_app(WindowConfig(db=db, stderr=stream)) == 0
        thread.join(10)
        assert heard == [Place(document="hsu-divergence", at=1800)]
        assert "Shown in the open Meipi window." in stream.getvalue()
        assert "already open" not in stream.getvalue()
    finally:
        server.close()
        Path(socket_path(db)).unlink(missing_ok=True)
        lock.release()
        open_channel.take_pending()

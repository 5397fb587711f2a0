"""`meipi open` reaches the open window: a request on its local socket opens the text at the
offset, or goes to an annotation, and a malformed request changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from reader.links import Place, parse_url
from reader.open_request import send
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.open_channel import OpenChannel, listen
from reader.ui.window.settings import ReaderSettings
from tests.cli_helpers import meipi


def _quiesce(window: MainWindow) -> None:
    bar = window.reading_view.verticalScrollBar()
    bar.rangeChanged.disconnect(window.reading_view._on_range_changed)


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    win = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(win, before_close_func=_quiesce)
    win.resize(1000, 700)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: getattr(win, "annotations_feature", None) is not None, timeout=20000)
    return win


def _current(window: MainWindow) -> str | None:
    doc = window.current_document()
    return doc.id if doc is not None else None


def _send_in_thread(db: Path, place: Place) -> list[bool]:
    result: list[bool] = []
    thread = threading.Thread(target=lambda: result.append(send(db, place)), daemon=True)
    thread.start()
    return result


def test_a_link_opens_the_text_at_the_offset(qtbot: QtBot, window: MainWindow) -> None:
    db = paths.db_path(None)
    channel = listen(window, db)
    assert isinstance(channel, OpenChannel) and channel.listening
    window.open_document("lian-obor")
    hsu = window.services.library.get("hsu-divergence")
    at = hsu.text.index("在南海問題上")
    result = _send_in_thread(db, parse_url(f"meipi://open?doc=hsu-divergence&at={at}"))
    qtbot.waitUntil(lambda: result == [True], timeout=20000)
    qtbot.waitUntil(lambda: _current(window) == "hsu-divergence", timeout=20000)
    # The passage's page is in view.
    qtbot.waitUntil(lambda: window.reading_view.current_page() == hsu.page_of(at), timeout=20000)


def test_a_link_goes_to_an_annotation(qtbot: QtBot, window: MainWindow) -> None:
    made = meipi("annotate", "hsu-divergence", "--quote", "北極地區因全球暖化因素")
    assert made.code == 0, made.err
    ident = meipi("annotations", "--json").json()["annotations"][0]["id"]
    db = paths.db_path(None)
    listen(window, db)
    window.open_document("lian-obor")
    feature = window.annotations_feature
    # Only the open text's annotations are held: the one linked to is looked up.
    assert feature.record(ident) is None
    result = _send_in_thread(db, parse_url(f"meipi://annotation/{ident}"))
    qtbot.waitUntil(lambda: result == [True], timeout=20000)
    qtbot.waitUntil(lambda: _current(window) == "hsu-divergence", timeout=20000)
    assert feature.record(ident) is not None and feature.sidebar.current_id() == ident


def test_a_starting_window_shows_the_place_it_was_opened_with(
    qtbot: QtBot, window: MainWindow
) -> None:
    from reader.ui.window.open_channel import set_pending

    hsu = window.services.library.get("hsu-divergence")
    at = hsu.text.index("在南海問題上")
    window.open_document("lian-obor")
    set_pending(Place(document="hsu-divergence", at=at))
    listen(window, paths.db_path(None))
    qtbot.waitUntil(lambda: _current(window) == "hsu-divergence", timeout=20000)
    qtbot.waitUntil(lambda: window.reading_view.current_page() == hsu.page_of(at), timeout=20000)

"""The off-thread runner: results come back on the UI thread, only the newest per lane, and a
failure comes back as a message."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reader.errors import InputError
from reader.ui.workers import Runner


def test_only_the_newest_job_of_a_lane_is_delivered_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = Runner()
    release = threading.Event()
    delivered: list[tuple[str, bool]] = []

    def on_done(value: object) -> None:
        delivered.append((str(value), QThread.currentThread() is runner.thread()))

    runner.run("view", lambda: (release.wait(10), "stale")[1], on_done)
    runner.run("view", lambda: "newest", on_done)
    runner.run("other", lambda: "other lane", on_done)
    assert runner.is_busy("view")
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    assert sorted(delivered) == [("newest", True), ("other lane", True)]


def test_a_failure_comes_back_as_its_message(qtbot: QtBot) -> None:
    runner = Runner()
    failures: list[str] = []

    def fail() -> None:
        raise InputError("The search query is empty; give a word or phrase to find.")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.run("find", fail, lambda _r: None, failures.append)
    assert failures == ["The search query is empty; give a word or phrase to find."]


def test_a_cancelled_job_is_dropped(qtbot: QtBot) -> None:
    runner = Runner()
    delivered: list[object] = []
    release = threading.Event()
    runner.run("find", lambda: release.wait(10), delivered.append)
    runner.cancel("find")
    with qtbot.waitSignal(runner.busy_changed, timeout=5000):
        release.set()
    assert delivered == []

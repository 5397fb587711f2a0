"""The off-thread runner: results come back on the UI thread, only the newest per lane, and a
failure comes back as a message."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QThreadPool
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from reader.errors import InputError
from reader.ui.window import workers
from reader.ui.window.workers import Runner


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


def test_a_failure_can_come_back_as_the_exception_itself(qtbot: QtBot) -> None:
    runner = Runner()
    errors: list[Exception] = []

    def fail() -> None:
        raise InputError("That file is not a text.")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.run("read", fail, lambda _r: None, on_error=errors.append)
    assert [type(e) for e in errors] == [InputError]
    assert str(errors[0]) == "That file is not a text."


def test_after_shutdown_nothing_is_delivered_and_the_runner_is_idle(qtbot: QtBot) -> None:
    runner = Runner()
    delivered: list[object] = []
    release = threading.Event()
    runner.run("render", lambda: release.wait(10), delivered.append)
    runner.run("guess", lambda: release.wait(10), delivered.append)
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.shutdown()
    assert not runner.is_busy()
    release.set()
    qtbot.waitUntil(lambda: not workers._LIVE, timeout=5000)
    assert delivered == []
    runner.run("render", lambda: "after", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["after"], timeout=5000)


def test_a_job_outliving_its_runner_ends_quietly(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str]
) -> None:
    owner = QObject()
    runner = Runner(owner)
    delivered: list[object] = []
    release = threading.Event()
    runner.run("warm", lambda: release.wait(10), delivered.append, quiet=True)
    runner.run("view", lambda: release.wait(10), delivered.append)
    owner.deleteLater()  # the window closes while its jobs run
    del runner, owner
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    release.set()
    qtbot.waitUntil(lambda: not workers._LIVE, timeout=5000)
    assert delivered == []
    assert "Signal source has been deleted" not in capfd.readouterr().err


def test_jobs_running_when_the_interpreter_ends_print_nothing(tmp_path: Path) -> None:
    script = tmp_path / "ends.py"
    script.write_text(
        "import sys, threading\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from reader.ui.window.workers import Runner\n"
        "app = QApplication(sys.argv)\n"
        "started = threading.Event()\n"
        "runner = Runner()\n"
        "for lane in ('view', 'warm'):\n"
        "    runner.run(lane, lambda: (started.set(), threading.Event().wait(0.5)),\n"
        "               print, quiet=lane == 'warm')\n"
        "started.wait(5)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Signal source has been deleted" not in result.stderr


def test_a_job_made_stale_before_it_started_never_runs(qtbot: QtBot) -> None:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    runner = Runner(pool=pool)
    release = threading.Event()
    ran: list[str] = []
    delivered: list[object] = []
    runner.run("block", lambda: release.wait(10), lambda _r: None)

    def render(page: str) -> Callable[[], str]:
        def job() -> str:
            ran.append(page)
            return page

        return job

    for page in ("1", "2", "3"):
        runner.run("page", render(page), delivered.append)
    release.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    assert ran == ["3"] and delivered == ["3"]
    pool.waitForDone()


def test_a_relay_outlives_the_emit_that_hands_its_result_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool thread is still inside ``emit`` (Qt's activate, on the relay) after it posts the
    result; the UI thread must not delete the relay until that emit has returned. A slow emit
    widens the window: the UI thread may deliver the result and spin its loop (deferred deletes
    included) before the emit returns, and the relay must still be alive then."""
    relays: list[QObject] = []
    alive_at_return: list[bool] = []
    delivered = threading.Event()
    original = workers._Job._hand_back

    class SlowSignal:
        def __init__(self, signal: Any) -> None:
            self._signal = signal

        def emit(self, value: object) -> None:
            self._signal.emit(value)
            delivered.wait(0.5)  # the UI thread's chance to take the result mid-emit
            QThread.msleep(100)  # and to run its deferred deletes
            alive_at_return.append(isValid(relays[0]))

    monkeypatch.setattr(
        workers._Job,
        "_hand_back",
        staticmethod(lambda signal, value: original(SlowSignal(signal), value)),
    )
    runner = Runner()
    before = set(workers._LIVE)
    results: list[object] = []

    def on_done(result: object) -> None:
        results.append(result)
        delivered.set()

    runner.run("view", lambda: "done", on_done)
    relays.extend(workers._LIVE - before)
    assert len(relays) == 1
    qtbot.waitUntil(lambda: bool(alive_at_return), timeout=5000)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert alive_at_return == [True]
    # Once the emit has returned, the relay is deleted (nothing is kept per job).
    qtbot.waitUntil(lambda: not isValid(relays[0]), timeout=5000)

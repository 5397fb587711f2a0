"""Work off the UI thread, the window's one way to run it: a converter's first run over a long
text, a search index being built, a file read and guessed for import, an export rendered.

:class:`Runner` runs a plain function on Qt's global thread pool and hands the result back on the
UI thread. Each job has a *lane* (``"view"``, ``"find"`` …): a newer job in the same lane makes
the older one stale: a stale job that has not started yet never runs (a quiet one still does),
and a stale result is dropped, never delivered — so when the reader switches views twice
quickly, only the last switch lands. :class:`BusyIndicator` is the status bar's
"working…" strip that follows a runner.

Lifetimes: a job hands its result to a relay object that belongs to the job (never to the runner
or its window), so a runner or window deleted while a job runs only means the result is dropped.
A relay is deleted on the UI thread once its result has arrived and the pool thread's emit has
returned (the emit holds ``_handing_back``; the relay's sender side is still in use until then).
When the interpreter ends (Qt's remaining objects are deleted then), jobs still running hand
nothing back (:func:`_close_at_exit`).

Signals (Runner):
    busy_changed(bool): some job is (or no job is any longer) running.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget
from shiboken6 import isValid

from reader.errors import MeipiError

# A job answering quicker than this never shows the indicator (no flicker on warm work).
SHOW_DELAY_MS = 150

# Held while a job hands its result back, and while the interpreter's end is noted: once
# ``_closing`` is set no job emits again (Qt's objects are deleted right after).
_handing_back = threading.Lock()
_closing = False


def _close_at_exit() -> None:
    """The interpreter is ending: jobs still running hand nothing back (their relays are about
    to be deleted, and an emit on a deleted relay prints an error from the pool thread).
    Registered after PySide6 is imported, so it runs before PySide6's own clean-up."""
    global _closing
    with _handing_back:
        _closing = True


atexit.register(_close_at_exit)

# Every relay whose job has not handed back yet: kept here, not by a runner, so a runner (or its
# window) deleted while its job runs never takes the relay with it.
_LIVE: set[_Relay] = set()


def message_of(error: BaseException) -> str:
    """A failure as words for the reader: a ``MeipiError``'s own message, else its kind too."""
    if isinstance(error, MeipiError):
        return str(error)
    return f"{type(error).__name__}: {error}"


class _Relay(QObject):
    """Carries a job's outcome from the pool thread to the UI thread: it lives on the UI thread
    and its own slots receive the signals (queued across threads; a plain Python callable as the
    receiver would run on the emitting thread)."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(
        self, on_succeeded: Callable[[object], None], on_failed: Callable[[Exception], None]
    ) -> None:
        super().__init__()
        self._on_succeeded_cb = on_succeeded
        self._on_failed_cb = on_failed
        self.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._on_succeeded_cb(result)

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._on_failed_cb(error)


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[[], Any], relay: _Relay, wanted: Callable[[], bool] | None = None
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay
        self._wanted = wanted

    def run(self) -> None:
        if self._wanted is not None and not self._wanted():
            # Stale before it started (a newer job in its lane): not run at all, and the relay
            # told so its runner stops counting it.
            self._hand_back(self._relay.succeeded, None)
            return
        try:
            result = self._fn()
        except Exception as exc:  # a worker must never take the window down
            self._hand_back(self._relay.failed, exc)
        else:
            self._hand_back(self._relay.succeeded, result)

    @staticmethod
    def _hand_back(signal: Any, value: object) -> None:
        with _handing_back:
            if not _closing:
                signal.emit(value)


class Runner(QObject):
    """Runs functions off the UI thread; results come back on the UI thread, latest per lane."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation: dict[str, int] = {}
        self._running: dict[int, tuple[str, _Relay, str]] = {}
        self._next_id = 0

    def is_busy(self, lane: str | None = None) -> bool:
        return any(lane is None or job_lane == lane for job_lane, _, _ in self._running.values())

    def messages(self) -> list[str]:
        """What the running jobs are doing, for the indicator."""
        return [message for _, _, message in self._running.values() if message]

    def cancel(self, lane: str) -> None:
        """Make the lane's running job stale (its result will be dropped)."""
        self._generation[lane] = self._generation.get(lane, 0) + 1

    def shutdown(self) -> None:
        """Nothing more is delivered (a dialog closing): every lane's job is stale, and running
        ones finish unheard. The runner is idle at once; a later ``run`` works as usual."""
        for lane in list(self._generation):
            self.cancel(lane)
        was_busy = bool(self._running)
        self._running.clear()
        if was_busy:
            self.busy_changed.emit(False)

    def run(
        self,
        lane: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
        message: str = "",
        *,
        quiet: bool = False,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``fn()`` on the pool; ``on_done(result)`` on the UI thread unless a newer job
        was started in ``lane`` (or it was cancelled) in the meantime. A failure goes to
        ``on_error(exception)`` when given, else to ``on_failed(message)``. A ``quiet`` job
        (warming caches nobody waits for) does not count as busy."""
        generation = self._generation.get(lane, 0) + 1
        self._generation[lane] = generation
        job_id = self._next_id
        self._next_id += 1

        def finish() -> bool:
            # The result was posted from inside the pool thread's emit, which may still be in
            # Qt's activate on this relay: wait for it to return (it holds the lock throughout)
            # before the relay can be deleted — a relay deleted mid-emit crashes the pool thread.
            with _handing_back:
                _LIVE.discard(relay)
            relay.deleteLater()
            if not isValid(self):
                return False  # the window closed while the job ran: nobody to tell
            was_busy = bool(self._running)
            self._running.pop(job_id, None)
            if was_busy and not self._running:
                self.busy_changed.emit(False)
            return self._generation.get(lane) == generation

        def succeeded(result: object) -> None:
            if finish():
                on_done(result)

        def failed(error: Exception) -> None:
            if not finish():
                return
            if on_error is not None:
                on_error(error)
            elif on_failed is not None:
                on_failed(message_of(error))

        relay = _Relay(succeeded, failed)
        _LIVE.add(relay)
        if quiet:
            self._pool.start(_Job(fn, relay))
            return
        was_idle = not self._running
        self._running[job_id] = (lane, relay, message)
        if was_idle:
            self.busy_changed.emit(True)
        generations = self._generation  # a plain dict: read from the pool thread, never the runner
        self._pool.start(_Job(fn, relay, lambda: generations.get(lane) == generation))


class BusyIndicator(QWidget):
    """A small busy bar and a line saying what is being done, shown while a runner works (after
    a short delay, so quick work does not flicker)."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self._runner = runner
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy: no known end
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(90)
        self.bar.setMaximumHeight(12)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.setVisible(False)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SHOW_DELAY_MS)
        self._delay.timeout.connect(self._on_delay_timeout)
        runner.busy_changed.connect(self._on_busy_changed)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._delay.start()
        else:
            self._delay.stop()
            self.setVisible(False)

    def _on_delay_timeout(self) -> None:
        if self._runner.is_busy():
            self.label.setText(" · ".join(dict.fromkeys(self._runner.messages())))
            self.setVisible(True)

"""Work off the UI thread: a converter's first run over a long text, a search index being built.

:class:`Runner` runs a plain function on Qt's global thread pool and hands the result back on the
UI thread. Each job has a *lane* (``"view"``, ``"find"`` …): a newer job in the same lane makes
the older one stale, and a stale result is dropped, never delivered — so when the reader switches
views twice quickly, only the last switch lands. :class:`BusyIndicator` is the status bar's
"working…" strip that follows a runner.

Signals (Runner):
    busy_changed(bool): some job is (or no job is any longer) running.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget
from shiboken6 import isValid

from reader.errors import MeipiError

# A job answering quicker than this never shows the indicator (no flicker on warm work).
SHOW_DELAY_MS = 150


class _Relay(QObject):
    """Carries a job's outcome from the pool thread to the UI thread: it lives on the UI thread
    and its own slots receive the signals (queued across threads; a plain Python callable as the
    receiver would run on the emitting thread)."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, on_succeeded: Callable[[object], None], on_failed: Callable[[str], None]):
        super().__init__()
        self._on_succeeded_cb = on_succeeded
        self._on_failed_cb = on_failed
        self.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._on_succeeded_cb(result)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self._on_failed_cb(text)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except MeipiError as exc:
            self._relay.failed.emit(str(exc))
        except Exception as exc:  # a worker must never take the window down
            self._relay.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self._relay.succeeded.emit(result)


class Runner(QObject):
    """Runs functions off the UI thread; results come back on the UI thread, latest per lane."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation: dict[str, int] = {}
        self._running: dict[int, tuple[str, _Relay, str]] = {}
        self._next_id = 0
        self._quiet: dict[int, _Relay] = {}

    def is_busy(self, lane: str | None = None) -> bool:
        return any(lane is None or job_lane == lane for job_lane, _, _ in self._running.values())

    def messages(self) -> list[str]:
        """What the running jobs are doing, for the indicator."""
        return [message for _, _, message in self._running.values() if message]

    def cancel(self, lane: str) -> None:
        """Make the lane's running job stale (its result will be dropped)."""
        self._generation[lane] = self._generation.get(lane, 0) + 1

    def run(
        self,
        lane: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
        message: str = "",
        *,
        quiet: bool = False,
    ) -> None:
        """Run ``fn()`` on the pool; ``on_done(result)`` on the UI thread unless a newer job
        was started in ``lane`` (or it was cancelled) in the meantime. A ``quiet`` job (warming
        caches nobody waits for) does not count as busy."""
        generation = self._generation.get(lane, 0) + 1
        self._generation[lane] = generation
        job_id = self._next_id
        self._next_id += 1

        def finish() -> bool:
            relay.deleteLater()
            if not isValid(self):
                return False  # the window closed while the job ran: nobody to tell
            was_busy = bool(self._running)
            self._running.pop(job_id, None)
            self._quiet.pop(job_id, None)
            if was_busy and not self._running:
                self.busy_changed.emit(False)
            return self._generation.get(lane) == generation

        def succeeded(result: object) -> None:
            if finish():
                on_done(result)

        def failed(text: str) -> None:
            if finish() and on_failed is not None:
                on_failed(text)

        relay = _Relay(succeeded, failed)
        if quiet:
            self._quiet[job_id] = relay
            self._pool.start(_Job(fn, relay))
            return
        was_idle = not self._running
        self._running[job_id] = (lane, relay, message)
        if was_idle:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, relay))


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

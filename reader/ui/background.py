"""Work off the GUI thread for the window's dialogs: reading and guessing an imported file,
loading and rendering an export. One worker thread per owner; only the newest request counts.

``BackgroundRunner.submit(fn)`` runs ``fn`` on the runner's thread; its result (or the exception
it raised) comes back on the GUI thread through ``finished``/``failed`` with the request's
number, and results of requests that a newer one replaced are dropped.

Signals:
    finished(int, object): request number, the function's result.
    failed(int, object): request number, the exception it raised.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class _Bridge(QObject):
    """Carries a result from the worker thread to the GUI thread (a queued signal)."""

    done = Signal(int, object, object)  # number, result, exception


class BackgroundRunner(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="meipi-dialog")
        # Not parented: the worker may still emit after the owner is gone.
        self._bridge = _Bridge()
        self._bridge.done.connect(self._on_bridge_done, Qt.ConnectionType.QueuedConnection)
        self._latest = 0
        self._pending: Future[None] | None = None
        self._busy = False

    @property
    def busy(self) -> bool:
        """Whether the newest request has not answered yet."""
        return self._busy

    def submit(self, fn: Callable[[], Any]) -> int:
        """Run ``fn`` on the worker thread, replacing any request not started yet."""
        if self._pending is not None:
            self._pending.cancel()
        self._latest += 1
        number = self._latest
        bridge = self._bridge

        def run() -> None:
            try:
                result = fn()
            except Exception as exc:  # every failure goes back to the GUI thread
                bridge.done.emit(number, None, exc)
            else:
                bridge.done.emit(number, result, None)

        self._busy = True
        self._pending = self._executor.submit(run)
        return number

    def shutdown(self) -> None:
        """Drop what has not started; a running request finishes unheard."""
        self._latest += 1
        self._busy = False
        self._executor.shutdown(wait=False, cancel_futures=True)

    @Slot(int, object, object)
    def _on_bridge_done(self, number: int, result: object, error: object) -> None:
        if number != self._latest:
            return  # a newer request replaced this one
        self._busy = False
        if error is not None:
            self.failed.emit(number, error)
        else:
            self.finished.emit(number, result)

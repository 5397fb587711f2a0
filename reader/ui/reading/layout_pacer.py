"""Laying a long text out in the background, a few milliseconds at a time
(:class:`LayoutPacer`), so that a 1M-character article never blocks the window while the
reader scrolls, clicks or filters; the reading pane starts one for each document it shows.
"""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QEvent,
    QObject,
    QTimer,
    QTimerEvent,
    Signal,
)
from PySide6.QtGui import (
    QTextDocument,
)

from reader.ui.reading.justify import ensure_laid_out


class LayoutPacer(QObject):
    """Lays a long text out in the background in slices of a few milliseconds.

    Qt lays out what is not on screen yet from a timer whose steps double up to 200,000
    characters: on a 1M-character text, several ticks of ~150 ms each in the first second after
    it opens, when the reader is already scrolling, clicking or filtering. The pacer drops that
    timer's ticks (told from Qt's other timer on the layout, which reports the size, by whether
    a tick reports it) and lays the text out a few thousand characters at a time from its own
    timer instead: the same work, never blocking the window for long.
    """

    finished = Signal()  # laid out to the end

    SLICE_S = 0.003
    INTERVAL_MS = 10
    STEP = 1000  # characters laid out at a time within a slice

    def __init__(self, document: QTextDocument, *, held: bool = False) -> None:
        """``held``: lay nothing out until :meth:`release` (the pane's first paint, which
        must not wait behind a slice: on a busy machine the ticks came before it)."""
        super().__init__(document)
        self._held = held
        self._document = document
        self._layout = document.documentLayout()
        self._layout_timer: int | None = None
        self._other_timers: set[int] = set()
        self._target = 0
        self._sized = False
        self._last = time.perf_counter()  # when the last tick ended
        self._yielded = 0
        self._layout.documentSizeChanged.connect(self._on_size_changed)
        self._layout.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)  # as Qt's own: input and painting go first
        self._timer.timeout.connect(self.lay_out_slice)
        if not held:
            self._timer.start()

    def _on_size_changed(self) -> None:
        self._sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._layout or not isinstance(event, QTimerEvent):
            return False
        timer_id = event.timerId()
        if timer_id == self._layout_timer:
            return True  # the pacer lays out instead
        if timer_id in self._other_timers or self._layout_timer is not None:
            return False
        # Not known yet: handled as Qt would, and told by whether it reported the size.
        self._sized = False
        self._layout.event(event)
        if self._sized:
            self._other_timers.add(timer_id)
        else:
            self._layout_timer = timer_id
        return True

    def done(self) -> bool:
        """The text is laid out to its end."""
        return self._target >= self._document.characterCount()

    def lay_out_slice(self) -> None:
        """Lay the text out a few milliseconds further (what is laid out already costs
        nothing: the slice goes on past it)."""
        document = self._document
        end = document.characterCount()
        started = time.perf_counter()
        busy = started - self._last > 1.5 * self.INTERVAL_MS / 1000
        self._last = started
        if busy and self._yielded < 3:
            # Something else ran since the last tick (the reader filtering, scrolling…): it
            # goes first; the layout goes on at the next quiet tick (or the third one anyway).
            self._yielded += 1
            return
        self._yielded = 0
        while self._target < end and time.perf_counter() - started < self.SLICE_S:
            self._target = min(end, self._target + self.STEP)
            self._layout.blockBoundingRect(document.findBlock(self._target - 1))
        self._last = time.perf_counter()
        if self._target >= end:
            ensure_laid_out(document.lastBlock())  # a block's rectangle lays out to its start
            self._timer.stop()
            self.finished.emit()

    def restart(self) -> None:
        """The text is laid out anew (a new width): lay it out again from the start."""
        self._target = 0
        if not self._timer.isActive() and not self._held:
            self._timer.start()

    def release(self) -> None:
        """Start laying out (a pacer made ``held``)."""
        if self._held:
            self._held = False
            if not self.done():
                self._timer.start()

"""Selection that suits Chinese in the reading pane.

* **Double-click** selects the word under the pointer: jieba's word (``reader.words``), found in
  the canonical text (for a Traditional source through its Simplified conversion) and shown
  through the view's map, so every view selects the same canonical word. Until jieba has
  warmed up on a worker (``reader.ui.words.words_feature``), the longest OpenCC phrase covering the
  character (the list Meipi used before), else the character; Latin words as usual.
* **Triple-click** selects the sentence; **Shift+double-click** extends the selection to the
  clicked word.
* Every selection is kept to whole characters: an end inside a surrogate pair is moved past
  the character.

Caret browsing (F7, as in browsers) lets the keyboard select: Shift+arrows extend a selection.

Signals:
    selection_changed(): the canonical selection changed (also when it became empty).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from reader.ui.reading.reading_view import ReadingView

if TYPE_CHECKING:
    from reader.glossary import Glossary
    from reader.ui.words.words_feature import WordsFeature
    from reader.words import WordIndex


class ChineseSelection(QObject):
    selection_changed = Signal()

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)
        view.selectionChanged.connect(self._on_selection_changed)
        self._adjusting = False
        self._last_double: tuple[float, QPoint] | None = None
        # The words feature (warm-up, look-up popup, vocabulary) comes after this event:
        # nothing here costs the first paint.
        self.words: WordsFeature | None = None
        QTimer.singleShot(0, self, self._install_words)

    def _install_words(self) -> None:
        from reader.ui.words.words_feature import WordsFeature

        if self.words is None:
            self.words = WordsFeature(self.view, self)

    # -- what the words are --------------------------------------------------------------------
    def glossary(self) -> Glossary | None:
        services = getattr(self.view.window(), "services", None)
        if services is None:
            return None
        try:
            glossary: Glossary = services.glossary()
        except Exception:  # a store that cannot be read: words without the glossary
            return None
        return glossary

    def word_index(self) -> WordIndex | None:
        """The jieba word index for the shown article, if warmed up (never loads it here)."""
        from reader.words import index_ready

        content = self.view.content()
        if content is None:
            return None
        return index_ready(content.doc.meta.script, self.glossary())

    def word_range(self, shown: int) -> tuple[int, int]:
        """The word covering shown position ``shown``, as a shown (view) range."""
        from reader.words import phrase_word_at

        content = self.view.content()
        if content is None:
            return (shown, shown)
        index = self.word_index()
        if index is None:
            return phrase_word_at(content.text, shown)
        positions = content.positions
        cstart = positions.shown_to_canonical(shown, min(shown + 1, positions.shown_length))[0]
        start, end = index.word_at(content.doc.text, cstart)
        return positions.canonical_to_shown(start, end)

    def shown_at(self, point: QPoint) -> int | None:
        """The shown (view) position of the character under a viewport point."""
        content = self.view.content()
        if content is None:
            return None
        position = self.view.cursorForPosition(point).position()
        shown = content.positions.qt_to_shown(position)
        # The character under the pointer: cursorForPosition gives the nearest gap, which is
        # after the character when the click is on its right half — and, for the last
        # character of a line, that gap is drawn at the start of the next line.
        rect = self.view.cursorRect(self._cursor(position))
        if shown > 0 and (point.x() < rect.left() or rect.top() > point.y()):
            shown -= 1
        return min(shown, max(0, len(content.text) - 1))

    # -- mouse ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isValid(self.view):
            return False  # the window is being taken down
        if not isinstance(event, QMouseEvent) or event.button() != Qt.MouseButton.LeftButton:
            return super().eventFilter(watched, event)
        point = event.position().toPoint()
        if kind == QEvent.Type.MouseButtonDblClick:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.extend_to_word_at(point)
            else:
                self.select_word_at(point)
            self._last_double = (time.monotonic(), point)
            return True
        if kind == QEvent.Type.MouseButtonPress and self._is_triple(point):
            self._last_double = None
            self.select_sentence_at(point)
            return True
        return super().eventFilter(watched, event)

    def _is_triple(self, point: QPoint) -> bool:
        if self._last_double is None:
            return False
        at, where = self._last_double
        interval = QApplication.doubleClickInterval() / 1000
        near = (point - where).manhattanLength() <= QApplication.startDragDistance()
        return time.monotonic() - at <= interval and near

    def select_word_at(self, point: QPoint) -> tuple[int, int] | None:
        """Select the word at a viewport point; returns its canonical range."""
        shown = self.shown_at(point)
        content = self.view.content()
        if shown is None or content is None:
            return None
        start, end = self.word_range(shown)
        self.select_shown(start, end)
        return content.positions.shown_to_canonical(start, end)

    def extend_to_word_at(self, point: QPoint) -> tuple[int, int] | None:
        """Extend the selection (or the caret) to cover the word at a viewport point; returns
        the canonical range selected."""
        shown = self.shown_at(point)
        content = self.view.content()
        if shown is None or content is None:
            return None
        start, end = self.word_range(shown)
        cursor = self.view.textCursor()
        positions = content.positions
        lo = positions.qt_to_shown(cursor.selectionStart())
        hi = positions.qt_to_shown(cursor.selectionEnd())
        if not cursor.hasSelection():
            lo = hi = positions.qt_to_shown(cursor.position())
        if end <= lo:  # the word before the selection: it ends where it ended
            self.select_shown(hi, start)
            new = (start, hi)
        else:
            self.select_shown(lo, max(hi, end))
            new = (lo, max(hi, end))
        return positions.shown_to_canonical(*new)

    def select_sentence_at(self, point: QPoint) -> tuple[int, int] | None:
        """Select the sentence at a viewport point; returns its canonical range."""
        from reader.words import sentence_at

        shown = self.shown_at(point)
        content = self.view.content()
        if shown is None or content is None:
            return None
        start, end = sentence_at(content.text, shown)
        self.select_shown(start, end)
        return content.positions.shown_to_canonical(start, end)

    def select_shown(self, start: int, end: int) -> None:
        """Select ``[start, end)`` of the shown text (code points); ``end < start`` puts the
        anchor at ``start`` and the cursor at ``end``."""
        content = self.view.content()
        if content is None:
            return
        cursor = self._cursor(content.positions.shown_to_qt(start))
        cursor.setPosition(content.positions.shown_to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)

    def _cursor(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(position)
        return cursor

    # -- whole characters ----------------------------------------------------------------------
    def _on_selection_changed(self) -> None:
        if self._adjusting:
            return
        content = self.view.content()
        cursor = self.view.textCursor()
        if content is not None and cursor.hasSelection():
            positions = content.positions
            anchor, pos = cursor.anchor(), cursor.position()
            lo, hi = min(anchor, pos), max(anchor, pos)
            lo_ok = positions.shown_to_qt(positions.qt_to_shown(lo))
            hi_shown = positions.qt_to_shown(hi)
            hi_ok = positions.shown_to_qt(hi_shown)
            if hi_ok < hi:
                hi_ok = positions.shown_to_qt(hi_shown + 1)
            if (lo_ok, hi_ok) != (lo, hi):
                self._adjusting = True
                try:
                    fixed = self._cursor(lo_ok if anchor <= pos else hi_ok)
                    fixed.setPosition(
                        hi_ok if anchor <= pos else lo_ok, QTextCursor.MoveMode.KeepAnchor
                    )
                    self.view.setTextCursor(fixed)
                finally:
                    self._adjusting = False
        self.selection_changed.emit()

    # -- caret browsing ------------------------------------------------------------------------
    def set_caret_browsing(self, on: bool) -> None:
        flags = Qt.TextInteractionFlag.TextSelectableByMouse
        if on:
            flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
        self.view.setTextInteractionFlags(flags)
        if on:
            self._caret_on_screen()
            self.view.setFocus()

    def _caret_on_screen(self) -> None:
        """The caret where the reader is: at the first line on screen when it was elsewhere (it
        stayed at the top of the text, so Shift+arrows selected the title pages away)."""
        view = self.view
        if view.viewport().rect().intersects(view.cursorRect()):
            return
        column = view.column_rect()
        top = view.cursorForPosition(QPoint(int(column.left()) + 1, 2))
        if view.cursorRect(top).top() < 0:  # a line cut at the top edge: the next one
            top.movePosition(QTextCursor.MoveOperation.Down)
            top.movePosition(QTextCursor.MoveOperation.StartOfLine)
        bar = view.verticalScrollBar()
        kept = bar.value()
        view.setTextCursor(top)
        bar.setValue(kept)

    def caret_browsing(self) -> bool:
        flags = self.view.textInteractionFlags()
        return bool(flags & Qt.TextInteractionFlag.TextSelectableByKeyboard)

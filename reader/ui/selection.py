"""Selection that suits Chinese in the reading pane.

A double-click selects the dictionary word under the pointer (``reader.words.word_at``: the
longest OpenCC phrase covering the character, else the character; Latin words as usual) in the
text as shown — Qt's own word selection grabs a whole run of Chinese. Every selection is kept
to whole characters: an end inside a surrogate pair is moved past the character.

Caret browsing (F7, as in browsers) lets the keyboard select: Shift+arrows extend a selection.

Signals:
    selection_changed(): the canonical selection changed (also when it became empty).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent, QTextCursor

from reader.ui.reading_view import ReadingView


class ChineseSelection(QObject):
    selection_changed = Signal()

    def __init__(self, view: ReadingView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)
        view.selectionChanged.connect(self._on_selection_changed)
        self._adjusting = False

    # -- double-click: the dictionary word -----------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonDblClick
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.select_word_at(event.position().toPoint())
            return True
        return super().eventFilter(watched, event)

    def select_word_at(self, point: object) -> tuple[int, int] | None:
        """Select the word at a viewport point; returns its canonical range."""
        from PySide6.QtCore import QPoint

        from reader.words import word_at

        content = self.view.content()
        if content is None or not isinstance(point, QPoint):
            return None
        position = self.view.cursorForPosition(point).position()
        positions = content.positions
        shown = positions.qt_to_shown(position)
        # The character under the pointer: cursorForPosition gives the nearest gap, which is
        # after the character when the click is on its right half.
        rect = self.view.cursorRect(self._cursor(position))
        if point.x() < rect.left() and shown > 0:
            shown -= 1
        start, end = word_at(content.text, shown)
        self.select_shown(start, end)
        return positions.shown_to_canonical(start, end)

    def select_shown(self, start: int, end: int) -> None:
        """Select ``[start, end)`` of the shown text (code points)."""
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
            self.view.setFocus()

    def caret_browsing(self) -> bool:
        flags = self.view.textInteractionFlags()
        return bool(flags & Qt.TextInteractionFlag.TextSelectableByKeyboard)

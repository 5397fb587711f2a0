"""The memo on a theme: a note on the theme itself (how the two articles treat 中亞, say), kept in
the store by tag (``set_theme_memo``) and included in ``meipi export --format compare``.

Typing saves after a short pause, switching theme and closing save at once. A save the store
refuses (a read-only database, a full disk) loses nothing: the text stays on screen, a message
says why, and the draft is kept (per theme) and tried again on the next edit or flush.

Signals:
    memo_saved(str): the memo of a theme was written (the tag as spelled).
    save_failed(str): a save was refused (the message says why and what to do).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.tags import key_of_stored as fold_key  # a theme is a tag (reader.tags)

if TYPE_CHECKING:
    from reader.store import Store
    from reader.ui.window.services import Services

SAVE_DELAY_MS = 700


class _MemoText(QPlainTextEdit):
    """The text box; leaving it saves at once."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class ThemeMemoEditor(QWidget):
    memo_saved = Signal(str)
    save_failed = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("themeMemo")
        self._services = services
        self._tag: str | None = None
        self._loading = False
        # Unsaved memos by tag key: (tag as spelled, text). Only ever emptied by a save.
        self._drafts: dict[str, tuple[str, str]] = {}

        self.title = QLabel(self)
        self.title.setObjectName("themeMemoTitle")
        self.editor = _MemoText(self)
        self.editor.setObjectName("themeMemoText")
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(self.tr("Theme memo"))
        self.status = QLabel(self)
        self.status.setObjectName("themeMemoStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.focus_left.connect(self._on_editor_focus_left)
        self._show_title()

    # -- the theme ---------------------------------------------------------------------------
    def theme(self) -> str | None:
        return self._tag

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_theme(self, tag: str | None) -> None:
        """Show the memo of ``tag`` (None: no theme chosen); what was typed is saved first."""
        if tag is not None and self._tag is not None and fold_key(tag) == fold_key(self._tag):
            return
        self.flush()
        self._tag = tag
        self._show_title()
        self._load()

    def _show_title(self) -> None:
        if self._tag is None:
            self.title.setText(self.tr("Memo"))
            self.editor.setPlaceholderText(self.tr("Choose a theme to write a memo on it."))
        else:
            self.title.setText(self.tr("Memo on %1").replace("%1", self._tag))
            self.editor.setPlaceholderText(
                self.tr("How do the two articles treat %1? (saved as you type)").replace(
                    "%1", self._tag
                )
            )
        self.editor.setEnabled(self._tag is not None)

    def _load(self) -> None:
        body = ""
        message = ""
        if self._tag is not None:
            draft = self._drafts.get(fold_key(self._tag))
            if draft is not None:
                body = draft[1]
                message = self.tr("Not saved yet.")
            else:
                stored = self._read(self._tag)
                if stored is None:
                    message = self._services.store_error or ""
                body = stored or ""
        self._set_text(body)
        self.status.setText(message)

    def _read(self, tag: str) -> str | None:
        store = self._services.store()
        if store is None:
            return None
        from reader.errors import MeipiError
        from reader.ops.notes import theme_memo

        try:
            return theme_memo(store, tag) or ""
        except MeipiError as exc:
            self.status.setText(str(exc))
            return None

    def _set_text(self, body: str) -> None:
        self._loading = True
        try:
            self.editor.setPlainText(body)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)  # carry on writing
        finally:
            self._loading = False

    def reload_if_unchanged(self) -> None:
        """Another process may have written the memo: show it unless something is unsaved."""
        if self._tag is None or fold_key(self._tag) in self._drafts:
            return
        stored = self._read(self._tag)
        if stored is not None and stored != self.text():
            self._set_text(stored)

    # -- saving ------------------------------------------------------------------------------
    def has_unsaved(self) -> bool:
        return bool(self._drafts)

    def flush(self) -> bool:
        """Save every unsaved memo now; True when nothing is left unsaved."""
        self._timer.stop()
        if not self._drafts:
            return True
        if self._services.store() is None:
            self._refused(self._services.store_error or self.tr("The database is not open."))
            return False
        from reader.errors import MeipiError

        for key, (tag, body) in list(self._drafts.items()):
            try:
                # The window's own write: the watcher knows it (no refresh a second later).
                self._services.write(functools.partial(_save, tag, body), announce=False)
            except MeipiError as exc:
                self._refused(str(exc))
                return False
            # Only if nothing was typed meanwhile (a save never drops newer text).
            if self._drafts.get(key) == (tag, body):
                del self._drafts[key]
            self.memo_saved.emit(tag)
        self.status.setText(self.tr("Saved."))
        return not self._drafts

    def _refused(self, message: str) -> None:
        text = self.tr(
            "Your memo is not saved: %1 It stays here; it is saved when you edit it "
            "again once the problem is fixed."
        ).replace("%1", message)
        self.status.setText(text)
        self.save_failed.emit(text)

    # -- slots -------------------------------------------------------------------------------
    def _on_editor_text_changed(self) -> None:
        if self._loading or self._tag is None:
            return
        self._drafts[fold_key(self._tag)] = (self._tag, self.text())
        self.status.setText(self.tr("Editing…"))
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.flush()

    def _on_editor_focus_left(self) -> None:
        if self._drafts:
            self.flush()


def _save(tag: str, body: str, store: Store) -> None:
    from reader.ops.notes import set_theme_memo

    set_theme_memo(store, tag, body)

"""Editing one annotation: its colour, tags (a completer over the existing ones; new ones are
made on the fly) and its margin note (Markdown, kept exactly as typed).

The editor never closes on its own after a save request: the caller writes to the store and
then calls ``accept()``, or ``show_error(message)`` when the database refused — the note stays
on screen, as typed, to retry. Closing with unsaved changes asks first.

When the annotation was changed elsewhere (the command line, an import) while it was being
edited, the caller says so with ``show_conflict(sentence)``: the dialog asks, in that one
sentence, whether to keep the user's version, the other, or both, and says the answer with
``conflict_resolved``.

Signals (AnnotationDialog):
    save_requested(object): Save was pressed; the argument is a ``Draft``.
    conflict_resolved(str): ``mine``, ``theirs`` or ``both`` was chosen in the conflict bar.
Signals (NoteEdit):
    save_requested(str): Ctrl+Enter (or leaving it) with a changed note.
    cancel_requested(): Escape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.store.records import COLORS, NO_COLOR
from reader.ui.annotating.palette import color_label, swatch_icon

_TAG_SEPARATORS = re.compile(r"[,，、;；]")


def split_tags(text: str) -> list[str]:
    """Tags typed in one line, separated by commas (also ， 、 ；)."""
    return [t.strip() for t in _TAG_SEPARATORS.split(text) if t.strip()]


@dataclass(frozen=True)
class Draft:
    """What the user asked for: colour (None: note only), tags, note (None: no note)."""

    color: str | None
    tags: tuple[str, ...]
    note: str | None


class TagLineEdit(QLineEdit):
    """Comma-separated tags; the completer offers existing tags for the one being typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)

    def set_known_tags(self, names: Sequence[str]) -> None:
        self._names.setStringList(list(names))

    def completer_popup_model(self) -> QStringListModel:
        return self._names

    def tags(self) -> list[str]:
        return split_tags(self.text())

    def _current_prefix(self) -> str:
        head = self.text()[: self.cursorPosition()]
        return _TAG_SEPARATORS.split(head)[-1].strip()

    def _on_text_edited(self, _text: str) -> None:
        prefix = self._current_prefix()
        popup = self._completer.popup()
        if not prefix:
            if popup is not None:
                popup.hide()
            return
        self._completer.setCompletionPrefix(prefix)
        if self._completer.completionCount():
            self._completer.complete()
        elif popup is not None:
            popup.hide()

    def _on_completer_activated(self, name: str) -> None:
        text, cursor = self.text(), self.cursorPosition()
        head, tail = text[:cursor], text[cursor:]
        parts = _TAG_SEPARATORS.split(head)
        start = len(head) - len(parts[-1])
        head = head[:start] + (" " if start else "") + name + ", "
        self.setText(head + tail.lstrip(",，、;； "))
        self.setCursorPosition(len(head))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._completer.popup()
        if (
            popup is not None
            and popup.isVisible()
            and event.key()
            in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_Tab,
            )
        ):
            index = popup.currentIndex()
            if index.isValid():
                self._on_completer_activated(str(index.data()))
                popup.hide()
                return
        super().keyPressEvent(event)


class AnnotationDialog(QDialog):
    """Colour, tags and note of one annotation (new or existing)."""

    save_requested = Signal(object)
    conflict_resolved = Signal(str)

    def __init__(
        self,
        quote: str,
        *,
        color: str | None,
        tags: Sequence[str],
        note: str | None,
        known_tags: Sequence[str],
        meanings: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotationDialog")
        self.setWindowTitle(self.tr("Annotation"))
        self.setModal(True)
        self._initial = Draft(color, tuple(tags), note)
        layout = QVBoxLayout(self)
        self.quote = quote
        shown = quote if len(quote) <= 160 else quote[:157] + "…"
        self.quote_label = QLabel(f"「{shown}」", self)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.quote_label)

        form = QFormLayout()
        colors = QHBoxLayout()
        self.color_group = QButtonGroup(self)
        self.color_group.setExclusive(True)
        self.color_buttons: dict[str, QToolButton] = {}
        for i, name in enumerate((*COLORS, NO_COLOR)):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setIcon(swatch_icon(name, 18))
            label = (
                self.tr("No colour (note only)")
                if name == NO_COLOR
                else self.tr("%1 — %2")
                .replace("%1", color_label(name))
                .replace("%2", meanings.get(name, ""))
            )
            button.setToolTip(label)
            button.setAccessibleName(label)
            button.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            self.color_group.addButton(button)
            self.color_buttons[name] = button
            colors.addWidget(button)
        colors.addStretch(1)
        self.color_buttons[color or NO_COLOR].setChecked(True)
        form.addRow(self.tr("&Colour:"), _wrap(colors, self))
        self.tags_edit = TagLineEdit(self)
        self.tags_edit.set_known_tags(known_tags)
        self.tags_edit.setText(", ".join(tags))
        self.tags_edit.setPlaceholderText(self.tr("e.g. 中亞, 能源, 地區/北極"))
        form.addRow(self.tr("&Tags:"), self.tags_edit)
        layout.addLayout(form)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlainText(note or "")
        self.note_edit.setPlaceholderText(self.tr("Margin note (Markdown)"))
        self.note_edit.setTabChangesFocus(True)
        note_label = QLabel(self.tr("&Note:"), self)
        note_label.setBuddy(self.note_edit)
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit, 1)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("annotationError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b2432b;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.conflict_bar: QWidget | None = None  # made at the first conflict
        self.conflict_buttons: dict[str, QPushButton] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Ctrl+Enter saves from anywhere in the dialog (the note field would take it as a line
        # break, so it is caught there first).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_buttons_accepted)
        # Caught in the fields themselves too: the shortcut only fires while the dialog is
        # the active window, and a line edit takes Return for its own.
        self.note_edit.installEventFilter(self)
        self.tags_edit.installEventFilter(self)
        self.resize(460, 360)

    def place_beside(self, passage: QRect, screen: QRect | None = None) -> None:
        """Open beside ``passage`` (global coordinates), never over it: to its right if the
        screen has room, else to its left, else below or above it; level with its first line.
        (Without this Qt centres the dialog over the window, on the very words annotated.)"""
        if screen is None:
            found = QGuiApplication.screenAt(passage.center()) or self.screen()
            screen = found.availableGeometry()
        size = self.frameSize() if self.isVisible() else self.size()
        parent = self.parentWidget()
        owner = parent.window() if parent is not None else None
        if not self.isVisible() and owner is not None:
            # Not shown yet, it has no frame: count the title bar the window's own has.
            frame, inner = owner.frameGeometry(), owner.geometry()
            size = QSize(
                size.width() + frame.width() - inner.width(),
                size.height() + frame.height() - inner.height(),
            )
        gap = 16
        width, height = size.width(), size.height()
        bottom = screen.bottom()
        if owner is not None and owner.isVisible():
            # Within the window's height where it can be (not hanging below it).
            window_bottom = owner.frameGeometry().bottom()
            if screen.top() <= window_bottom - height and window_bottom < bottom:
                bottom = window_bottom
        y = min(max(passage.top() - 8, screen.top()), bottom - height)
        if passage.right() + gap + width <= screen.right():
            x = passage.right() + gap
        elif passage.left() - gap - width >= screen.left():
            x = passage.left() - gap - width
        else:
            x = min(max(passage.left(), screen.left()), screen.right() - width)
            below = passage.bottom() + gap
            y = below if below + height <= bottom else passage.top() - gap - height
            y = max(y, screen.top())
        self.move(QPoint(x, y))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.note_edit, self.tags_edit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._on_buttons_accepted()
            return True
        return super().eventFilter(watched, event)

    def draft(self) -> Draft:
        checked = self.color_group.checkedButton()
        color = next((c for c, b in self.color_buttons.items() if b is checked), NO_COLOR)
        note = self.note_edit.toPlainText()
        return Draft(
            None if color == NO_COLOR else color,
            tuple(self.tags_edit.tags()),
            note if note.strip() else None,
        )

    def is_modified(self) -> bool:
        return self.draft() != self._initial

    def show_error(self, message: str) -> None:
        """The write was refused: say why; everything typed stays to retry."""
        self.error_label.setText(message)
        self.error_label.show()

    def show_conflict(self, sentence: str) -> None:
        """The annotation changed elsewhere while it was edited: ``sentence`` asks which
        version to keep, above three buttons (keep mine, keep the other, keep both); nothing
        typed changes until one is pressed."""
        if self.conflict_bar is None:
            bar = QWidget(self)
            bar.setObjectName("annotationConflict")
            row = QHBoxLayout(bar)
            row.setContentsMargins(0, 0, 0, 0)
            row.addStretch(1)
            for choice, text in (
                ("mine", self.tr("Keep &Mine")),
                ("theirs", self.tr("Keep the &Other")),
                ("both", self.tr("Keep &Both")),
            ):
                button = QPushButton(text, bar)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _c=False, c=choice: self._on_conflict_chosen(c))
                row.addWidget(button)
                self.conflict_buttons[choice] = button
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.error_label) + 1, bar)
            self.conflict_bar = bar
        self.show_error(sentence)
        self.conflict_bar.show()
        self.conflict_buttons["mine"].setFocus()

    def _on_conflict_chosen(self, choice: str) -> None:
        if self.conflict_bar is not None:
            self.conflict_bar.hide()
        self.error_label.hide()
        self.conflict_resolved.emit(choice)

    def _on_buttons_accepted(self) -> None:
        if self.conflict_bar is not None and self.conflict_bar.isVisible():
            return  # the question is answered first
        self.save_requested.emit(self.draft())

    def reject(self) -> None:
        if self.is_modified() and not self._confirm_discard():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.result() != QDialog.DialogCode.Accepted and self.is_modified()
        if unsaved and not self._confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard Changes"),
            self.tr("Discard the changes to this annotation?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _wrap(layout: QHBoxLayout, parent: QWidget) -> QWidget:
    widget = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


class NoteEdit(QPlainTextEdit):
    """A note edited in place in the margin: Ctrl+Enter saves, Escape cancels (asking first
    when something was typed)."""

    save_requested = Signal(str)
    cancel_requested = Signal()

    def __init__(self, annotation_id: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marginNoteEdit")
        self.annotation_id = annotation_id
        self.original = note
        self.setPlainText(note)
        self.setTabChangesFocus(True)
        # The scroll bar always there: shown as needed, it came and went for ever (each
        # showing rewraps the note to the other height) when the window read a change made
        # elsewhere while the note was open — the window hung, using a whole core.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setPlaceholderText(self.tr("Note (Ctrl+Enter saves, Esc cancels)"))
        self.error: str | None = None
        # Off while a question is asked or after a refused save: leaving then saves nothing.
        self.autosave = True

    def is_modified(self) -> bool:
        return self.toPlainText() != self.original

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save_requested.emit(self.toPlainText())
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel_requested.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Leaving a changed note saves it (a click elsewhere must not lose it).
        if self.is_modified() and self.autosave:
            self.save_requested.emit(self.toPlainText())

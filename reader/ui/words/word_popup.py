"""The look-up popup: a word's pinyin (or zhuyin), English definitions (CC-CEDICT), its form in
the other script, and the view's substitution when the view rewords it; "Add to Vocabulary".

A small frameless window beside the word (it never takes the focus from the text). What it
shows is a :class:`WordLookup`, made by ``reader.ui.words.words_feature``.

Signals:
    add_requested(object): "Add to Vocabulary" was clicked (the WordLookup shown).
    zhuyin_toggled(bool): the reader switched between pinyin and zhuyin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.dictionary import Entry


MAX_SENSES = 8  # per entry; the rest are summarised as "…"


@dataclass(frozen=True)
class WordLookup:
    """A word looked up in the open article."""

    word: str  # as the view shows it
    entries: tuple[Entry, ...]
    doc_id: str
    view_id: str
    canon_start: int
    canon_end: int
    sentence: str  # the canonical sentence holding the word
    sentence_start: int
    page: str  # the printed label of the word's page
    substitution: tuple[str, str] | None = None  # (original, as the view words it)

    def pinyin(self) -> str:
        return " / ".join(dict.fromkeys(e.pinyin for e in self.entries))

    def definitions(self) -> list[str]:
        found: list[str] = []
        for entry in self.entries:
            found.extend(entry.definitions)
        return found


class WordPopup(QFrame):
    add_requested = Signal(object)
    zhuyin_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("wordPopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lookup: WordLookup | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.body = QLabel(self)
        self.body.setObjectName("wordPopupBody")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setMaximumWidth(420)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.body)
        row = QHBoxLayout()
        self.zhuyin_box = QCheckBox(self.tr("Zhuyin (注音)"), self)
        self.zhuyin_box.setObjectName("zhuyinBox")
        self.zhuyin_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.zhuyin_box.toggled.connect(self._on_zhuyin_box_toggled)
        row.addWidget(self.zhuyin_box)
        row.addStretch(1)
        self.add_button = QPushButton(self.tr("Add to Vocabulary"), self)
        self.add_button.setObjectName("addToVocabulary")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.credit = QLabel(self.tr("CC-CEDICT (CC BY-SA 4.0), English definitions"), self)
        self.credit.setObjectName("wordPopupCredit")
        self.credit.setStyleSheet("color: gray; font-size: small")
        layout.addWidget(self.credit)

    # -- what it shows ---------------------------------------------------------------------------
    def zhuyin(self) -> bool:
        return self.zhuyin_box.isChecked()

    def set_zhuyin(self, on: bool) -> None:
        self.zhuyin_box.setChecked(on)

    def show_lookup(self, lookup: WordLookup, at: QPoint) -> None:
        """Show ``lookup`` with its top-left corner at the global point ``at``."""
        self.lookup = lookup
        self.body.setText(self.html(lookup))
        self.add_button.setVisible(bool(lookup.entries))
        self.zhuyin_box.setVisible(bool(lookup.entries))
        self.credit.setVisible(bool(lookup.entries))
        self._place(at)

    def show_message(self, text: str, at: QPoint) -> None:
        """A sentence instead of an entry (the dictionary is loading, or missing)."""
        from html import escape  # at the first look-up: its entity tables are ~0.5 MB

        self.lookup = None
        self.body.setText(escape(text))
        self.add_button.setVisible(False)
        self.zhuyin_box.setVisible(False)
        self.credit.setVisible(False)
        self._place(at)

    def text(self) -> str:
        """What the popup says, as plain text (tests, accessibility)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.body.text())
        return doc.toPlainText()

    def html(self, lookup: WordLookup) -> str:
        from html import escape

        zhuyin = self.zhuyin()
        parts = [f"<p style='font-size:large'><b>{escape(lookup.word)}</b>"]
        others = [o for e in lookup.entries if (o := e.other_form(lookup.word))]
        if others:
            parts.append(" 〔" + escape("、".join(dict.fromkeys(others))) + "〕")
        parts.append("</p>")
        if lookup.substitution is not None:
            original, shown = lookup.substitution
            parts.append(
                "<p>"
                + escape(self.tr("This view words it %1; the original has %2."))
                .replace("%1", f"<b>{escape(shown)}</b>")
                .replace("%2", f"<b>{escape(original)}</b>")
                + "</p>"
            )
        if not lookup.entries:
            parts.append("<p>" + escape(self.tr("Not in the dictionary.")) + "</p>")
        for entry in lookup.entries:
            reading = entry.zhuyin if zhuyin else entry.pinyin
            head = ""
            if entry.traditional != lookup.word and entry.simplified != lookup.word:
                head = escape(entry.traditional) + " "
            parts.append(f"<p style='margin-bottom:2px'>{head}<b>{escape(reading)}</b></p><ol>")
            senses = entry.definitions
            for sense in senses[:MAX_SENSES]:
                parts.append(f"<li>{escape(sense)}</li>")
            if len(senses) > MAX_SENSES:
                parts.append("<li>…</li>")
            parts.append("</ol>")
        return "".join(parts)

    def _place(self, at: QPoint) -> None:
        self.adjustSize()
        screen = QGuiApplication.screenAt(at) or QGuiApplication.primaryScreen()
        x, y = at.x(), at.y()
        if screen is not None:
            room = screen.availableGeometry()
            x = max(room.left(), min(x, room.right() - self.width()))
            if y + self.height() > room.bottom():
                y = max(room.top(), y - self.height() - 40)
        self.move(x, y)
        self.show()
        self.raise_()

    # -- slots -----------------------------------------------------------------------------------
    def _on_add_button_clicked(self) -> None:
        if self.lookup is not None:
            self.add_requested.emit(self.lookup)

    def _on_zhuyin_box_toggled(self, on: bool) -> None:
        if self.lookup is not None:
            self.body.setText(self.html(self.lookup))
            self.adjustSize()
        self.zhuyin_toggled.emit(on)

"""The vocabulary of one article: the words added from the dictionary popup, with their pinyin,
definition, sentence and page. Pinyin, definition and sentence can be edited in place; a word
can be deleted; "Export for Anki…" writes the list as a CSV file Anki imports
(``reader.export.anki``). Every change goes through ``reader.ops.vocabulary``.

Signals:
    changed(): an entry was edited or deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Document
from reader.ui.window.save_dialog import ask_save_path

COLUMNS = ("word", "pinyin", "definition", "sentence", "page")
EDITABLE = frozenset({"pinyin", "definition", "sentence"})


class VocabularyDialog(QDialog):
    changed = Signal()

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vocabularyDialog")
        self.setWindowTitle(self.tr("Vocabulary"))
        self.resize(760, 420)
        self._store = store
        self._doc: Document | None = None
        self._records: list[Any] = []
        self._filling = False
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("vocabularyTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Word"),
                self.tr("Pinyin"),
                self.tr("Definition"),
                self.tr("Sentence"),
                self.tr("Page"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_table_item_changed)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.setObjectName("deleteVocabulary")
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        row.addWidget(self.delete_button)
        self.export_button = QPushButton(self.tr("Export for &Anki…"), self)
        self.export_button.setObjectName("exportAnki")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        credit = QLabel(self.tr("Definitions: CC-CEDICT (English), CC BY-SA 4.0."), self)
        credit.setStyleSheet("color: gray")
        layout.addWidget(credit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # -- content -------------------------------------------------------------------------------
    def set_document(self, doc: Document) -> None:
        self._doc = doc
        self.reload()

    def records(self) -> list[Any]:
        return list(self._records)

    def reload(self) -> None:
        from reader.ops import vocabulary

        if self._doc is None:
            return
        self._records = vocabulary.list_words(self._store, self._doc.id)
        self.heading.setText(
            self.tr("%1 words in %2")
            .replace("%1", str(len(self._records)))
            .replace("%2", f"〈{self._doc.meta.title}〉")
        )
        self._filling = True
        try:
            self.table.setRowCount(len(self._records))
            for r, record in enumerate(self._records):
                for c, name in enumerate(COLUMNS):
                    item = QTableWidgetItem(str(getattr(record, name)))
                    flags = item.flags()
                    if name not in EDITABLE:
                        flags &= ~Qt.ItemFlag.ItemIsEditable
                    item.setFlags(flags)
                    self.table.setItem(r, c, item)
        finally:
            self._filling = False
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(4)

    # -- editing -------------------------------------------------------------------------------
    def edit_entry(self, row: int, name: str, value: str) -> None:
        """Save a new ``pinyin``, ``definition`` or ``sentence`` for the row's entry."""
        from reader.errors import MeipiError
        from reader.ops import vocabulary

        record = self._records[row]
        try:
            vocabulary.edit(self._store, record.id, **{name: value})
        except MeipiError as exc:
            QMessageBox.warning(self, self.tr("Vocabulary"), str(exc))
        self.reload()
        self.changed.emit()

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        name = COLUMNS[item.column()]
        if name in EDITABLE and 0 <= item.row() < len(self._records):
            self.edit_entry(item.row(), name, item.text())

    def delete_rows(self, rows: list[int]) -> None:
        from reader.ops import vocabulary

        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._records):
                vocabulary.delete(self._store, self._records[row].id)
        self.reload()
        self.changed.emit()

    def _on_delete_button_clicked(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        rows = [row for row in rows if 0 <= row < len(self._records)]
        if not rows:
            return
        # A word's notes and sentence go with it, and there is no undo here: asked first.
        words = "、".join(self._records[row].word for row in rows[:5])
        if len(rows) > 5:
            words += "…"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete from Vocabulary"),
            self.tr("Delete %1 from your vocabulary, with what you wrote about it?").replace(
                "%1", words
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("confirmVocabularyDelete")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def on_finished(_result: int) -> None:
            if box.clickedButton() is delete:
                self.delete_rows(rows)

        box.finished.connect(on_finished)
        box.open()

    # -- export --------------------------------------------------------------------------------
    def anki_text(self) -> str:
        from reader.documents import citation
        from reader.export.anki import anki_csv

        doc = self._doc
        assert doc is not None
        authors = "、".join(doc.meta.authors)
        source = f"{authors}〈{doc.meta.title}〉" if authors else f"〈{doc.meta.title}〉"

        def cite(record: Any) -> str:
            return f"{source}, {citation(record.page, record.page)}"

        return anki_csv(self._records, cite, deck=None)

    def export_to(self, path: Path) -> None:
        from reader.errors import MeipiError
        from reader.export.atomic import write_atomic

        try:
            write_atomic(path, self.anki_text().encode("utf-8"))
        except MeipiError as exc:
            QMessageBox.warning(self, self.tr("Export for Anki"), str(exc))

    def _on_export_button_clicked(self) -> None:
        if self._doc is None:
            return
        path = ask_save_path(
            self,
            self.tr("Export for Anki"),
            str(Path.home() / f"{self._doc.id}-vocabulary.csv"),
            self.tr("CSV for Anki (*.csv)"),
            ".csv",
        )
        if path is not None:
            self.export_to(path)

"""Text Details: the metadata of a text the user imported, edited after the fact (title,
English title, authors, affiliation, venue, issue, date, publisher, script, first page) and its
citekey. The id cannot change — annotations refer to it. Saved through
``importing.update_metadata``, which rewrites the file atomically (the text itself is
untouched); the citekey goes to the database (``reader.ops.references``), as the shipped texts
are read-only and a key belongs with the annotations that cite it.

Signals:
    details_saved(str): the metadata was written (the text's id).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.documents import SOURCE_SCRIPTS, Document
from reader.errors import MeipiError
from reader.importing import MetadataChanges, update_metadata
from reader.importing.metadata_file import Reference
from reader.ui.library.import_dialog import (
    MAX_FIRST_PAGE,
    ask_reference_file,
    read_reference,
    split_authors,
)
from reader.ui.library.refusals import refusal_text
from reader.ui.window.messages import show_message
from reader.views import LABELS


class TextDetailsDialog(QDialog):
    details_saved = Signal(str)

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        *,
        store: Any = None,
        library: Sequence[Document] = (),
        write: Callable[[Callable[[Any], None]], None] | None = None,
    ) -> None:
        """``store`` (the window's open store, or None), ``library`` (for the generated
        citekey) and ``write`` (the window's one writer, ``Services.write``) give the citekey
        field; without them it is not shown."""
        super().__init__(parent)
        self._store = store
        self._write = write
        self.setObjectName("textDetailsDialog")
        self.setWindowTitle(self.tr("Text Details — %1").replace("%1", document.title))
        self.resize(560, 0)
        self.document = document
        self.saved_document: Document | None = None
        meta = document.meta

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        id_label = QLabel(meta.id, self)
        id_label.setToolTip(self.tr("The id cannot change: annotations refer to it."))
        form.addRow(self.tr("Id:"), id_label)
        self.title_edit = QLineEdit(meta.title, self)
        self.english_title_edit = QLineEdit(meta.english_title or "", self)
        self.authors_edit = QLineEdit("; ".join(meta.authors), self)
        self.authors_edit.setPlaceholderText(self.tr("Separate authors with ; or 、"))
        self.affiliation_edit = QLineEdit(meta.affiliation or "", self)
        self.venue_edit = QLineEdit(meta.venue or "", self)
        self.issue_edit = QLineEdit(meta.issue or "", self)
        self.date_edit = QLineEdit(meta.date or "", self)
        self.date_edit.setPlaceholderText(self.tr("YYYY, YYYY-MM or YYYY-MM-DD"))
        self.publisher_edit = QLineEdit(meta.publisher or "", self)
        self.script_combo = QComboBox(self)
        for script in SOURCE_SCRIPTS:
            self.script_combo.addItem(f"{LABELS[script]}  {script}", script)
        self.script_combo.setCurrentIndex(max(0, self.script_combo.findData(meta.script)))
        self.first_page_spin = QSpinBox(self)
        self.first_page_spin.setRange(1, MAX_FIRST_PAGE)
        self.first_page_spin.setValue(meta.first_page)
        self._library = list(library) or [document]
        self.citekey_edit: QLineEdit | None = None
        self._stored_citekey: str | None = None
        if write is not None:
            from reader.ops.references import given_citekey, stored_citekey

            self._stored_citekey = stored_citekey(store, document)
            generated = given_citekey(store, document, self._library)
            self.citekey_edit = QLineEdit(self._stored_citekey or "", self)
            self.citekey_edit.setObjectName("citekeyEdit")
            self.citekey_edit.setPlaceholderText(generated)
            self.citekey_edit.setToolTip(
                self.tr("Pandoc and Better BibTeX cite the text as [@key]. Empty: %1").replace(
                    "%1", generated
                )
            )
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Title:"), self.title_edit),
            (self.tr("&English title:"), self.english_title_edit),
            (self.tr("&Authors:"), self.authors_edit),
            (self.tr("Affi&liation:"), self.affiliation_edit),
            (self.tr("&Venue:"), self.venue_edit),
            (self.tr("&Issue:"), self.issue_edit),
            (self.tr("&Date:"), self.date_edit),
            (self.tr("&Publisher:"), self.publisher_edit),
            (self.tr("&Script:"), self.script_combo),
            (self.tr("&First page:"), self.first_page_spin),
        ]
        if self.citekey_edit is not None:
            rows.append((self.tr("&Citekey:"), self.citekey_edit))
        for label, widget in rows:
            form.addRow(label, widget)
        self.reference_button = QPushButton(self.tr("Fill from .bib/CSL-JSON…"), self)
        self.reference_button.setObjectName("detailsFromReferences")
        self.reference_button.clicked.connect(self._on_reference_button_clicked)
        form.addRow("", self.reference_button)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _on_reference_button_clicked(self) -> None:
        path = ask_reference_file(self)
        if path is not None:
            self.fill_from_references(path)

    def fill_from_references(self, path: Path, key: str | None = None) -> Reference | None:
        """Fill the fields an entry of a ``.bib`` or CSL-JSON file gives (the rest stay);
        nothing is saved until Save. A text with its own printed page labels (a PDF's) keeps
        its first page."""
        reference = read_reference(self, path, key)
        if reference is None:
            return None
        for edit, value in (
            (self.title_edit, reference.title),
            (self.authors_edit, "; ".join(reference.authors)),
            (self.venue_edit, reference.venue),
            (self.issue_edit, reference.issue),
            (self.date_edit, reference.date),
            (self.publisher_edit, reference.publisher),
            (self.citekey_edit, reference.key),
        ):
            if edit is not None and value:
                edit.setText(value)
        first = reference.first_page
        if first is not None and all(p.label is None for p in self.document.pages):
            self.first_page_spin.setValue(min(first, MAX_FIRST_PAGE))
        return reference

    def changes(self) -> MetadataChanges:
        """Every field as the form has it (an empty optional field clears the value)."""
        return MetadataChanges(
            title=self.title_edit.text(),
            english_title=self.english_title_edit.text(),
            authors=split_authors(self.authors_edit.text()),
            affiliation=self.affiliation_edit.text(),
            venue=self.venue_edit.text(),
            issue=self.issue_edit.text(),
            date=self.date_edit.text().strip(),
            publisher=self.publisher_edit.text(),
            script=str(self.script_combo.currentData()),
            first_page=self.first_page_spin.value(),
        )

    def citekey(self) -> str | None:
        """The citekey as typed (None: the generated one)."""
        if self.citekey_edit is None:
            return self._stored_citekey
        return self.citekey_edit.text().strip() or None

    def _on_buttons_accepted(self) -> None:
        try:
            key = self.citekey()
            if self._write is not None and key != self._stored_citekey and key is not None:
                from reader.export.citekeys import check_citekey

                check_citekey(key)  # before anything is written
            changes = self.changes()
            if self._write is not None:
                from reader.ops.references import keep_citekeys

                # The keys cited so far stay: the new author or date changes no key. Kept
                # first, so that a key typed here that another text has been cited by so far
                # is refused (it would have moved that text's key on).
                library = self._library
                self._write(lambda store: keep_citekeys(store, library))
            if self._write is not None and key != self._stored_citekey:
                from reader.ops.references import set_citekey

                doc = self.document
                self._write(lambda store: set_citekey(store, doc, key))
                self._stored_citekey = key
            self.saved_document = update_metadata(self.document.id, changes)
        except MeipiError as exc:
            show_message(self, self.tr("Cannot Save the Details"), refusal_text(exc))
            return
        self.details_saved.emit(self.document.id)
        self.accept()

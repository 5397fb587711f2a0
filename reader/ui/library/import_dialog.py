"""The Import Text dialog: what the importer guessed about a file (id, title, authors, venue,
date, script and why, first page) in a form the user corrects, beside the cleaned text as it
would be saved — its first blocks with their kinds, the pages, the warnings and the lines dropped.

The file has already been read (``reader.importing.read_source``, off the GUI thread, by the
caller). Every edit of the form guesses again after a short pause, off the GUI thread
(``importing.guess`` writes nothing and takes seconds on a huge file); Save stores the text
through ``importing.save`` — atomically, refusing an id already taken.

Over 600 lines as one job: one dialog whose form, warnings and preview all show one guess of
the same file, in the reader's language.

Signals:
    preview_updated(): the preview shows the form's current values (or says what is wrong).
    text_imported(str): the text was saved (its id).
"""

from __future__ import annotations

import dataclasses
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.documents import SOURCE_SCRIPTS, Document, Library
from reader.errors import MeipiError
from reader.importing import Overrides, Preview, Source, free_id, guess, save
from reader.importing.metadata_file import Reference, pick, read_references, with_published
from reader.importing.notices import Notice
from reader.ui.library.refusals import refusal_text
from reader.ui.window.labels import shown_label
from reader.ui.window.messages import show_message
from reader.ui.window.workers import Runner
from reader.views import LABELS

if TYPE_CHECKING:
    from reader.importing import ScriptGuess

GUESS_DELAY_MS = 300
PREVIEW_BLOCKS = 60  # blocks shown in the preview
BLOCK_CHARS = 240  # characters of each block shown
DROPPED_SHOWN = 500

# The preview names each block by its kind (reader.documents.BLOCK_KINDS), translated in this
# dialog's context; listed here for lupdate.
_BLOCK_KIND_TEXTS = (
    QT_TRANSLATE_NOOP("ImportDialog", "title"),
    QT_TRANSLATE_NOOP("ImportDialog", "subtitle"),
    QT_TRANSLATE_NOOP("ImportDialog", "author"),
    QT_TRANSLATE_NOOP("ImportDialog", "affiliation"),
    QT_TRANSLATE_NOOP("ImportDialog", "caption"),
    QT_TRANSLATE_NOOP("ImportDialog", "heading %1"),
    QT_TRANSLATE_NOOP("ImportDialog", "paragraph"),
    QT_TRANSLATE_NOOP("ImportDialog", "note"),
    QT_TRANSLATE_NOOP("ImportDialog", "back matter"),
)
_BLOCK_KIND_NAMES = {"heading": "heading %1", "backmatter": "back matter"}  # else the kind
MAX_FIRST_PAGE = 100_000
_AUTHOR_SPLIT = re.compile(r"[;；、]")
_FIELDS = ("id", "title", "authors", "venue", "date", "script", "first_page")


def ask_reference_file(parent: QWidget) -> Path | None:
    """A ``.bib`` or CSL-JSON file the user chooses (None: cancelled)."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ImportDialog", "Fill from a Reference File"),
        "",
        QCoreApplication.translate("ImportDialog", "References (*.bib *.json);;All files (*)"),
    )
    return Path(path) if path else None


def read_reference(parent: QWidget, path: Path, key: str | None = None) -> Reference | None:
    """The entry ``key`` of ``path`` (else its only entry, else the one the user picks); a
    malformed file or a missing entry is a message over ``parent`` and None."""
    try:
        references = read_references(path)
        if key is None and len(references) > 1:
            keys = [r.key for r in references]
            key, ok = QInputDialog.getItem(
                parent,
                QCoreApplication.translate("ImportDialog", "Choose the Entry"),
                QCoreApplication.translate("ImportDialog", "Entry:"),
                keys,
                0,
                False,
            )
            if not ok:
                return None
        return pick(references, key, path.name)
    except MeipiError as exc:
        show_message(
            parent,
            QCoreApplication.translate("ImportDialog", "Cannot Read the References"),
            str(exc),
        )
        return None


def split_authors(text: str) -> tuple[str, ...]:
    """``連弘宜；許菁芸`` → two authors (the form separates them by ; ； or 、)."""
    return tuple(a.strip() for a in _AUTHOR_SPLIT.split(text) if a.strip())


class ImportDialog(QDialog):
    preview_updated = Signal()
    text_imported = Signal(str)

    def __init__(self, source: Source, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import Text — %1").replace("%1", source.name))
        self.resize(1080, 700)
        self.source = source
        self._library = library
        self._taken = set(library.ids())
        self._preview: Preview | None = None
        self._error: str | None = None
        self._touched: set[str] = set()
        self.reference: Reference | None = None  # the entry that filled the form, if any
        self._auto_id: str | None = None
        self._filling = False
        self._saving = False
        self.saved_document: Document | None = None

        self._runner = Runner(self)  # lanes "guess" and "save"
        self._guess_timer = QTimer(self)
        self._guess_timer.setSingleShot(True)
        self._guess_timer.setInterval(GUESS_DELAY_MS)
        self._guess_timer.timeout.connect(self._on_guess_timer_timeout)

        self._build()
        self._request_guess()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.source_info = about = QLabel(
            self.tr("%1 · %2 · %3")
            .replace("%1", self.source.name)
            .replace("%2", self.source.encoding)
            .replace("%3", self._format_label(self.source.format)),
            form_widget,
        )
        about.setObjectName("importSourceInfo")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("File:"), about)

        self.id_edit = QLineEdit(form_widget)
        self.id_edit.setObjectName("importId")
        self.id_edit.setToolTip(
            self.tr("Lower-case letters a–z, digits and inner hyphens, e.g. hsu-2024.")
        )
        self.title_edit = QLineEdit(form_widget)
        self.authors_edit = QLineEdit(form_widget)
        self.authors_edit.setPlaceholderText(self.tr("Separate authors with ; or 、"))
        self.venue_edit = QLineEdit(form_widget)
        self.date_edit = QLineEdit(form_widget)
        self.date_edit.setPlaceholderText(self.tr("YYYY, YYYY-MM or YYYY-MM-DD"))
        self.script_combo = QComboBox(form_widget)
        for script in SOURCE_SCRIPTS:
            self.script_combo.addItem(f"{LABELS[script]}  {script}", script)
        self.script_reason = QLabel(form_widget)
        self.script_reason.setObjectName("importScriptReason")
        self.script_reason.setWordWrap(True)
        self.first_page_spin = QSpinBox(form_widget)
        self.first_page_spin.setRange(1, MAX_FIRST_PAGE)
        self.first_page_spin.setToolTip(
            self.tr("The printed number of the file's first page (its page 1).")
        )
        form.addRow(self.tr("&Id:"), self.id_edit)
        self.id_note = QLabel(form_widget)
        self.id_note.setObjectName("importIdNote")
        self.id_note.setWordWrap(True)
        self.id_note.setVisible(False)
        form.addRow("", self.id_note)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Authors:"), self.authors_edit)
        form.addRow(self.tr("&Venue:"), self.venue_edit)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Script:"), self.script_combo)
        form.addRow("", self.script_reason)
        form.addRow(self.tr("&First page:"), self.first_page_spin)
        self.reference_button = QPushButton(self.tr("Fill from .bib/CSL-JSON…"), form_widget)
        self.reference_button.setObjectName("importFromReferences")
        self.reference_button.setToolTip(
            self.tr("Title, authors, venue, issue, date and first page from a reference file")
        )
        self.reference_button.clicked.connect(self._on_reference_button_clicked)
        form.addRow("", self.reference_button)

        for field, edit in (
            ("id", self.id_edit),
            ("title", self.title_edit),
            ("authors", self.authors_edit),
            ("venue", self.venue_edit),
            ("date", self.date_edit),
        ):
            edit.textEdited.connect(lambda _t, f=field: self._on_field_edited(f))
        self.script_combo.activated.connect(lambda _i: self._on_field_edited("script"))
        self.first_page_spin.valueChanged.connect(lambda _v: self._on_field_edited("first_page"))

        self.problem_label = QLabel(form_widget)
        self.problem_label.setObjectName("importProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b;")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.problem_label)
        self.warnings_label = QLabel(form_widget)
        self.warnings_label.setObjectName("importWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.warnings_label)

        self.tabs = QTabWidget(self)
        self.text_preview = QTextBrowser(self.tabs)
        self.text_preview.setObjectName("importTextPreview")
        self.text_preview.setOpenLinks(False)
        self.tabs.addTab(self.text_preview, self.tr("Text"))
        self.dropped_view = QPlainTextEdit(self.tabs)
        self.dropped_view.setObjectName("importDropped")
        self.dropped_view.setReadOnly(True)
        self.dropped_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.tabs.addTab(self.dropped_view, self.tr("Lines Dropped"))
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary_label)
        column.addWidget(self.tabs, 1)

        splitter = QSplitter(self)
        splitter.addWidget(form_widget)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 660])

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("&Import"), self)
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.buttons.rejected.connect(self.reject)
        self.save_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.summary_label.setText(self.tr("Cleaning the text…"))

    def _format_label(self, fmt: str) -> str:
        return {
            "text": self.tr("plain text"),
            "markdown": self.tr("Markdown"),
            "meipi": self.tr("Meipi text"),
            "pdf": self.tr("PDF"),
        }.get(fmt, fmt)

    # -- the form ----------------------------------------------------------------------------
    def _on_field_edited(self, field: str) -> None:
        if self._filling:
            return
        self._touched.add(field)
        if field == "id":
            self._auto_id = None
        self._guess_timer.start()

    def overrides(self) -> Overrides:
        """What the user said: the fields they edited (the others keep the guess)."""
        values: dict[str, Any] = {}
        touched = self._touched
        if "id" in touched:
            values["id"] = self.id_edit.text().strip()
        elif self._auto_id is not None:
            values["id"] = self._auto_id
        for field, edit in (
            ("title", self.title_edit),
            ("venue", self.venue_edit),
            ("date", self.date_edit),
        ):
            if field in touched and edit.text().strip():
                values[field] = edit.text()
        if "authors" in touched:
            values["authors"] = split_authors(self.authors_edit.text())
        if "script" in touched:
            values["script"] = str(self.script_combo.currentData())
        if "first_page" in touched:
            values["first_page"] = self.first_page_spin.value()
        return Overrides(**values)

    def _on_reference_button_clicked(self) -> None:
        path = ask_reference_file(self)
        if path is not None:
            self.fill_from_references(path)

    def fill_from_references(self, path: Path, key: str | None = None) -> Reference | None:
        """Fill the form from an entry of a ``.bib`` or CSL-JSON file (``key``, else its only
        entry, else the one the user picks); the filled fields count as the user's own."""
        reference = read_reference(self, path, key)
        if reference is None:
            return None
        fields: list[tuple[str, QLineEdit, str | None]] = [
            ("title", self.title_edit, reference.title),
            ("authors", self.authors_edit, "; ".join(reference.authors) or None),
            ("venue", self.venue_edit, reference.venue),
            ("date", self.date_edit, reference.date),
        ]
        self._filling = True
        try:
            for field, edit, value in fields:
                if value:
                    edit.setText(value)
                    self._touched.add(field)
            # A PDF keeps its own printed page labels.
            first = reference.first_page
            if first is not None and self.source.format != "pdf":
                self.first_page_spin.setValue(min(first, MAX_FIRST_PAGE))
                self._touched.add("first_page")
        finally:
            self._filling = False
        self.reference = reference
        self._guess_timer.start()
        return reference

    def _fill(self, preview: Preview) -> None:
        """Show the metadata as it would be saved in the fields the user has not edited."""
        meta = preview.document.meta
        self._filling = True
        try:
            if "id" not in self._touched:
                self.id_edit.setText(meta.id)
            if "title" not in self._touched:
                self.title_edit.setText(meta.title)
            if "authors" not in self._touched:
                self.authors_edit.setText("; ".join(meta.authors))
            if "venue" not in self._touched:
                self.venue_edit.setText(meta.venue or "")
            if "date" not in self._touched:
                self.date_edit.setText(meta.date or "")
            if "script" not in self._touched:
                self.script_combo.setCurrentIndex(max(0, self.script_combo.findData(meta.script)))
            if "first_page" not in self._touched:
                self.first_page_spin.setValue(meta.first_page)
        finally:
            self._filling = False
        self.script_reason.setText(self._script_reason(preview.script_guess))

    def _script_reason(self, sg: ScriptGuess) -> str:
        label = LABELS.get(sg.script, sg.script)
        if not (sg.traditional or sg.simplified):
            return self.tr("Guessed %1: no character tells Traditional from Simplified.").replace(
                "%1", label
            )
        return (
            self.tr("Guessed %1: %2 characters only Traditional writing uses, %3 only Simplified.")
            .replace("%1", label)
            .replace("%2", str(sg.traditional))
            .replace("%3", str(sg.simplified))
        )

    # -- guessing ----------------------------------------------------------------------------
    def _on_guess_timer_timeout(self) -> None:
        self._request_guess()

    def _request_guess(self) -> None:
        source, overrides, library = self.source, self.overrides(), self._library
        self.save_button.setEnabled(False)
        self._runner.run(
            "guess",
            lambda: guess(source, overrides, library=library),
            self._on_guesser_finished,
            on_error=self._on_guesser_failed,
        )

    def _on_guesser_finished(self, preview: object) -> None:
        assert isinstance(preview, Preview)
        if self._guess_timer.isActive():
            return  # the form changed meanwhile; the next guess follows
        if "id" not in self._touched and self._auto_id is None and preview.id in self._taken:
            # The file's name gives an id already taken: offer the next free one.
            self._auto_id = free_id(preview.id, self._taken)
            self._request_guess()
            return
        self._preview = preview
        self._error = None
        self._fill(preview)
        self._show_preview(preview)
        self._update_problem()
        self.preview_updated.emit()

    def _on_guesser_failed(self, error: Exception) -> None:
        if self._guess_timer.isActive():
            return
        self._error = refusal_text(error)
        self._update_problem()
        self.preview_updated.emit()

    def _update_problem(self) -> None:
        problem = self._error
        if problem is None and self._preview is not None and self._preview.id in self._taken:
            problem = self.tr("There is already a text with the id %1; choose another id.").replace(
                "%1", self._preview.id
            )
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(bool(problem))
        if self._auto_id is not None and "id" not in self._touched and self._preview is not None:
            self.id_note.setText(
                self.tr("The id the file name suggests is taken, so this text gets %1.").replace(
                    "%1", self._auto_id
                )
            )
            self.id_note.setVisible(True)
        else:
            self.id_note.setVisible(False)
        self.save_button.setEnabled(
            problem is None and self._preview is not None and not self._saving
        )

    def _show_preview(self, preview: Preview) -> None:
        doc = preview.document
        pages = doc.pages
        page_text = ""
        if pages:
            first, last = pages[0].printed, pages[-1].printed
            page_text = (
                self.tr("Pages: %1 (%2)")
                .replace("%1", str(len(pages)))
                .replace(
                    "%2",
                    self.tr("p. %1").replace("%1", str(first))
                    if first == last
                    else self.tr("pp. %1–%2").replace("%1", str(first)).replace("%2", str(last)),
                )
            )
        self.summary_label.setText(
            " · ".join(
                p
                for p in (
                    page_text,
                    self.tr("Characters: %1").replace("%1", str(len(doc.text))),
                    self.tr("Blocks: %1").replace("%1", str(len(doc.blocks))),
                    self.tr("Lines dropped: %1").replace("%1", str(len(preview.dropped))),
                    # Radicals a PDF wrote for ideographs (⽇ for 日), imported as the ideographs.
                    self.tr("Radicals mapped to ideographs: %1").replace(
                        "%1", str(preview.radicals)
                    )
                    if preview.radicals
                    else "",
                )
                if p
            )
        )
        # The core's notices in the reader's language, naming this dialog's fields and the menu
        # as they read (the command line's sentences name its flags).
        warnings = [w for n in preview.notices if (w := self._notice_text(n, preview))]
        if warnings:
            items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
            self.warnings_label.setText(f"<ul style='margin-left:-20px'>{items}</ul>")
            self.warnings_label.setVisible(True)
        else:
            self.warnings_label.setText("")
            self.warnings_label.setVisible(False)
        self.text_preview.setHtml(self._blocks_html(doc))
        shown = preview.dropped[:DROPPED_SHOWN]
        dropped = "\n".join(shown)
        if len(preview.dropped) > DROPPED_SHOWN:
            dropped += "\n" + self.tr("… and %1 more").replace(
                "%1", str(len(preview.dropped) - DROPPED_SHOWN)
            )
        self.dropped_view.setPlainText(dropped)
        self.tabs.setTabText(
            1, self.tr("Lines Dropped (%1)").replace("%1", str(len(preview.dropped)))
        )

    def _field(self, label: str) -> str:
        """A form label as the reader sees it, quoted, without its mnemonic and colon."""
        shown = shown_label(label).rstrip(":：").strip()
        return self.tr("“%1”").replace("%1", shown)

    def _notice_text(self, notice: Notice, preview: Preview) -> str:
        """What ``notice`` asks the reader to check, in their language; "" for what the form
        already says (an id taken: the line under the form)."""
        value = notice.value
        script = LABELS.get(value("script"), value("script"))
        if notice.kind == "script-unknown":
            return (
                self.tr(
                    "No character tells Traditional from Simplified, so the script is taken to "
                    "be %1; choose another under %2 if that is wrong."
                )
                .replace("%1", script)
                .replace("%2", self._field(self.tr("&Script:")))
            )
        if notice.kind == "script-mixed":
            return (
                self.tr(
                    "The text mixes Traditional (%1) and Simplified (%2) characters; check "
                    "the script (%3) under %4."
                )
                .replace("%1", value("traditional"))
                .replace("%2", value("simplified"))
                .replace("%3", script)
                .replace("%4", self._field(self.tr("&Script:")))
            )
        if notice.kind == "id-taken":
            return ""
        if notice.kind == "id-from-digest":
            return (
                self.tr(
                    "The file name has no letters a–z or digits to make an id from, so the id is "
                    "%1; type another under %2 if you like."
                )
                .replace("%1", value("id"))
                .replace("%2", self._field(self.tr("&Id:")))
            )
        if notice.kind == "title-from-name":
            return (
                self.tr(
                    "No title was found at the top of the text, so the file name “%1” is the "
                    "title; change it under %2."
                )
                .replace("%1", value("title"))
                .replace("%2", self._field(self.tr("&Title:")))
            )
        if notice.kind == "same-text":
            return self._same_text_warning(preview.same_as)
        if notice.kind == "pages-unnumbered":
            return (
                self.tr(
                    "%1 prints no page numbers Meipi could find, so its pages are numbered from "
                    "%2; set the first page's number under %3 if that is wrong."
                )
                .replace("%1", value("name"))
                .replace("%2", value("first"))
                .replace("%3", self._field(self.tr("&First page:")))
            )
        if notice.kind == "pages-left-out":
            return self._pages_left_out(notice)
        return str(notice)  # a kind this dialog does not know yet: the core's sentence

    def _pages_left_out(self, notice: Notice) -> str:
        sentences = {
            ("scanned", False): self.tr(
                "Page %1 is scanned (no text layer) and will be left out: run OCR on the PDF "
                "first (for instance ocrmypdf) and import the result."
            ),
            ("scanned", True): self.tr(
                "Pages %1 are scanned (no text layer) and will be left out: run OCR on the PDF "
                "first (for instance ocrmypdf) and import the result."
            ),
            ("unreadable", False): self.tr(
                "Page %1 has text in a font without a Unicode mapping (unreadable characters) "
                "and will be left out: try another copy of the PDF, or OCR."
            ),
            ("unreadable", True): self.tr(
                "Pages %1 have text in a font without a Unicode mapping (unreadable "
                "characters) and will be left out: try another copy of the PDF, or OCR."
            ),
        }
        parts = []
        for kind in ("scanned", "unreadable"):
            pages = notice.value(kind)
            if not pages:
                continue
            more = int(notice.value(f"{kind}_more", "0") or 0)
            many = more > 0 or "," in pages
            if more:
                pages = self.tr("%1 and %2 more").replace("%1", pages).replace("%2", str(more))
            parts.append(sentences[(kind, many)].replace("%1", pages))
        return " ".join(parts)

    def _same_text_warning(self, same_as: tuple[tuple[str, str], ...]) -> str:
        def menu(context: str, text: str) -> str:
            return shown_label(QCoreApplication.translate(context, text))

        path = f"{menu('MainWindow', '&File')} ▸ {menu('DialogsFeature', '&Remove Text…')}"
        named = self.tr(", ").join(f"{title} ({doc_id})" for doc_id, title in same_as)
        return (
            self.tr(
                "The library already holds this same text as %1; importing it adds a second "
                "copy. To keep one, remove the other with %2."
            )
            .replace("%1", named)
            .replace("%2", path)
        )

    def _blocks_html(self, doc: Document) -> str:
        rows: list[str] = []
        page_starts = {p.start: p.printed for p in doc.pages}
        page_numbers = sorted(page_starts)
        next_page = 0
        for block in doc.blocks[:PREVIEW_BLOCKS]:
            while next_page < len(page_numbers) and page_numbers[next_page] <= block.end:
                number = page_starts[page_numbers[next_page]]
                rows.append(
                    "<tr><td></td><td style='color:gray'>— "
                    + escape(self.tr("page %1").replace("%1", number))
                    + " —</td></tr>"
                )
                next_page += 1
            kind = QCoreApplication.translate(
                "ImportDialog", _BLOCK_KIND_NAMES.get(block.kind, block.kind)
            ).replace("%1", str(block.level))
            text = doc.block_text(block)
            if len(text) > BLOCK_CHARS:
                text = text[:BLOCK_CHARS] + "…"
            weight = "bold" if block.kind in ("title", "heading") else "normal"
            rows.append(
                f"<tr><td style='color:gray; padding-right:10px' valign='top'>{escape(kind)}"
                f"</td><td style='font-weight:{weight}'>{escape(text)}</td></tr>"
            )
        more = len(doc.blocks) - PREVIEW_BLOCKS
        if more > 0:
            rows.append(
                "<tr><td></td><td style='color:gray'>"
                + escape(self.tr("… and %1 more blocks").replace("%1", str(more)))
                + "</td></tr>"
            )
        return "<table cellspacing='4'>" + "".join(rows) + "</table>"

    # -- what the tests and the caller read --------------------------------------------------
    def preview(self) -> Preview | None:
        return self._preview

    def problem(self) -> str:
        return self.problem_label.text()

    def is_current(self) -> bool:
        """Whether the preview shows the form as it is (no guess pending)."""
        return (
            self._preview is not None
            and not self._guess_timer.isActive()
            and not self._runner.is_busy("guess")
        )

    # -- saving ------------------------------------------------------------------------------
    def _on_save_button_clicked(self) -> None:
        preview = self._preview
        if preview is None or self._saving:
            return
        overrides = self.overrides()
        self._saving = True
        self.save_button.setEnabled(False)
        self.summary_label.setText(self.tr("Saving…"))
        self._runner.run(
            "save",
            lambda: save(self._published(preview), overrides),
            self._on_saver_finished,
            on_error=self._on_saver_failed,
        )

    def _published(self, preview: Preview) -> Preview:
        """The preview with the reference's issue and publisher, when one filled the form."""
        if self.reference is None:
            return preview
        return dataclasses.replace(
            preview, document=with_published(preview.document, self.reference)
        )

    def _on_saver_finished(self, document: object) -> None:
        assert isinstance(document, Document)
        self._saving = False
        self.saved_document = document
        self.text_imported.emit(document.id)
        self.accept()

    def _on_saver_failed(self, error: Exception) -> None:
        self._saving = False
        message = str(error) if isinstance(error, MeipiError) else repr(error)
        self._error = message
        self._update_problem()
        if self._preview is not None:
            self._show_preview(self._preview)
        show_message(self, self.tr("Cannot Import the Text"), message)

    # -- closing -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shutdown()
        super().closeEvent(event)

    def _shutdown(self) -> None:
        self._guess_timer.stop()
        self._runner.cancel("guess")
        if not self._saving:
            self._runner.cancel("save")

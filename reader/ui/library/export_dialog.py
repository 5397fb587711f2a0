"""The Export dialog: the choices of ``meipi export`` (format, articles, tags, colours, script,
grouping, originals of substituted phrases) beside a live preview, with Save… and Copy.

The annotations are read from the store once, off the GUI thread (and again when they change);
every change of a choice re-renders the preview after a short pause, also off the GUI thread
(``render_export`` takes about half a second for 10,000 annotations). Save writes atomically
through ``reader.export.write_export``; the last choices are remembered in the settings file.

Signals:
    preview_updated(): the preview shows the current choices (or says why it cannot).
    export_saved(str): an export was written (its path).
    export_copied(): an export was put on the clipboard.

Over 600 lines as one job: one dialog whose every choice feeds the same preview; the
rendering itself is ``reader.export``'s and the use case ``reader.ops.exporting``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFontDatabase, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Document, shared_titles
from reader.errors import MeipiError
from reader.export import (
    COLORS,
    ExportOptions,
    ExportSource,
    formats,
    render_export,
    suggested_filename,
    write_export,
)
from reader.export.atomic import check_target
from reader.export.records import select
from reader.store.records import NO_COLOR
from reader.ui.annotating.palette import color_label, shown_meanings
from reader.ui.library.library_list import detail_line
from reader.ui.window.messages import show_message
from reader.ui.window.save_dialog import ask_save_path
from reader.ui.window.settings import ReaderSettings
from reader.ui.window.workers import Runner
from reader.views import LABELS, VIEW_IDS

if TYPE_CHECKING:
    from reader.store import Store
    from reader.ui.window.services import Services

PREVIEW_DELAY_MS = 250
PREVIEW_LIMIT = 200_000  # characters shown; Save and Copy always take the whole export
SWATCHES = {
    "yellow": "#f2d24b",
    "green": "#7cc47f",
    "blue": "#6fa8dc",
    "pink": "#ec8fb5",
    "purple": "#a98bd6",
}
_SETTINGS_GROUP = "export"


# The format registry's labels and file filters (reader.export.formats) are English and are
# translated in this dialog's context, so a new format needs only its registry entry (and its
# translations); listed here for lupdate.
_REGISTRY_TEXTS = (
    QT_TRANSLATE_NOOP("ExportDialog", "Markdown, per article"),
    QT_TRANSLATE_NOOP("ExportDialog", "Comparison, theme by theme"),
    QT_TRANSLATE_NOOP("ExportDialog", "W3C Web Annotation JSON"),
    QT_TRANSLATE_NOOP("ExportDialog", "CSV spreadsheet"),
    QT_TRANSLATE_NOOP("ExportDialog", "References, CSL-JSON (Zotero, Pandoc)"),
    QT_TRANSLATE_NOOP("ExportDialog", "References, BibTeX"),
    QT_TRANSLATE_NOOP("ExportDialog", "Markdown (*.md)"),
    QT_TRANSLATE_NOOP("ExportDialog", "JSON (*.json)"),
    QT_TRANSLATE_NOOP("ExportDialog", "CSV (*.csv)"),
    QT_TRANSLATE_NOOP("ExportDialog", "CSL-JSON (*.json)"),
    QT_TRANSLATE_NOOP("ExportDialog", "BibTeX (*.bib)"),
)


def _translated(text: str) -> str:
    """A label or file filter of the format registry, translated (English when it has no
    translation)."""
    return QCoreApplication.translate("ExportDialog", text)


@dataclass(frozen=True)
class Loaded:
    """What the dialog reads from the store: the export source and the tags with counts."""

    source: ExportSource
    tags: list[tuple[str, int]]
    gone: dict[str, int]  # annotations kept for texts removed from the library, by id


@dataclass(frozen=True)
class Rendered:
    options: ExportOptions
    text: str
    count: int
    omitted: int = 0  # texts left out of a Markdown or comparison export (no matching annotation)
    creator: str | None = None  # the W3C creator (``meipi config creator``)


def load(store: Store | None, documents: list[Document]) -> Loaded:
    """Read annotations, meanings, memos and tags (runs on the worker thread)."""
    from reader.ops.exporting import dialog_data

    data = dialog_data(store, documents)
    return Loaded(data.source, data.tags, data.gone)


def render(options: ExportOptions, source: ExportSource) -> Rendered:
    """The export text and how many annotations it holds (runs on the worker thread)."""
    text = render_export(options, source)
    count = len(select(source.annotations, options, source.selected_documents(options)))
    omitted = 0
    if options.format in ("markdown", "compare"):
        from reader.export.markdown import omitted_documents

        left_out = len(omitted_documents(options, source))
        omitted = left_out if left_out < len(source.selected_documents(options)) else 0
    return Rendered(options, text, count, omitted, source.creator)


def fit_rows(widget: QListWidget, rows: int) -> None:
    """A list exactly ``rows`` rows high (a form of short lists, not one stretched list)."""
    row = widget.sizeHintForRow(0) if widget.count() else widget.fontMetrics().height() + 4
    frame = 2 * widget.frameWidth()
    widget.setFixedHeight(max(row, widget.fontMetrics().height() + 4) * rows + frame + 2)


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(SWATCHES.get(color, "#00000000")))
    return QIcon(pixmap)


class ExportDialog(QDialog):
    preview_updated = Signal()
    export_saved = Signal(str)
    export_copied = Signal()

    def __init__(
        self,
        services: Services,
        current_document: str | None,
        settings_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export Annotations"))
        self.resize(1040, 680)
        self._services = services
        self._documents = list(services.library)
        self._settings = ReaderSettings(settings_path)
        self._loaded: Loaded | None = None
        self._rendered: Rendered | None = None
        self._wanted_tags: set[str] = set()
        self._store_error: str | None = None
        self._closed = False
        self._restoring = True

        self._runner = Runner(self)  # lanes "load" and "render"
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._on_preview_timer_timeout)

        self._build()
        self._restore_choices(current_document)
        self._restoring = False
        self._update_visibility()
        services.annotations_changed.connect(self._on_annotations_changed)
        self._load()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        choices = QWidget(self)
        form = QFormLayout(choices)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.format_combo = QComboBox(choices)
        for fmt in formats.REGISTRY:
            self.format_combo.addItem(_translated(fmt.label), fmt.name)
        self.format_combo.currentIndexChanged.connect(self._on_choice_changed)
        form.addRow(self.tr("&Format:"), self.format_combo)

        self.documents_list = QListWidget(choices)
        self.documents_list.setObjectName("exportDocuments")
        shared = shared_titles(self._documents)
        for doc in self._documents:
            # A title another text bears too is followed by what tells the text apart.
            shown = f"{doc.title} — {detail_line(doc, True)}" if doc.title in shared else doc.title
            item = QListWidgetItem(shown, self.documents_list)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setToolTip(doc.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.documents_list.itemChanged.connect(self._on_choice_changed)
        form.addRow(self.tr("&Articles:"), self.documents_list)
        self.documents_note = QLabel(choices)
        self.documents_note.setObjectName("exportDocumentsNote")
        self.documents_note.setWordWrap(True)
        self.documents_note.setStyleSheet("color: #c0392b;")
        form.addRow("", self.documents_note)

        self.tags_list = QListWidget(choices)
        self.tags_list.setObjectName("exportTags")
        self.tags_list.itemChanged.connect(self._on_choice_changed)
        form.addRow(self.tr("&Tags:"), self.tags_list)
        tags_hint = QLabel(self.tr("None checked: every tag. A tag includes its sub-tags."))
        tags_hint.setWordWrap(True)
        tags_hint.setEnabled(False)
        form.addRow("", tags_hint)

        self.colors_list = QListWidget(choices)
        self.colors_list.setObjectName("exportColors")
        for color in (*COLORS, NO_COLOR):
            item = QListWidgetItem(self.colors_list)
            item.setData(Qt.ItemDataRole.UserRole, color)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if color != NO_COLOR:
                item.setIcon(_swatch(color))
        self._label_colors({})
        self.colors_list.itemChanged.connect(self._on_choice_changed)
        form.addRow(self.tr("&Colours:"), self.colors_list)

        self.script_combo = QComboBox(choices)
        for view_id in VIEW_IDS:
            self.script_combo.addItem(f"{LABELS[view_id]}  {view_id}", view_id)
        self.script_combo.currentIndexChanged.connect(self._on_choice_changed)
        form.addRow(self.tr("&Script:"), self.script_combo)

        self.group_combo = QComboBox(choices)
        self.group_combo.addItem(self.tr("Article sections"), "section")
        self.group_combo.addItem(self.tr("Tags (themes)"), "tag")
        self.group_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.group_label = QLabel(self.tr("&Group by:"), choices)
        self.group_label.setBuddy(self.group_combo)
        form.addRow(self.group_label, self.group_combo)

        self.by_combo = QComboBox(choices)
        self.by_combo.addItem(self.tr("Tags"), "tag")
        self.by_combo.addItem(self.tr("Colours"), "color")
        self.by_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.by_label = QLabel(self.tr("Themes &by:"), choices)
        self.by_label.setBuddy(self.by_combo)
        form.addRow(self.by_label, self.by_combo)

        self.originals_check = QCheckBox(
            self.tr("Show the &original of each substituted phrase"), choices
        )
        self.originals_check.setToolTip(
            self.tr("局部〔原文：區域性〕: a converted phrase carries the author's own words.")
        )
        self.originals_check.setChecked(True)
        self.originals_check.toggled.connect(self._on_choice_changed)
        form.addRow("", self.originals_check)

        for widget, rows in (
            (self.documents_list, min(max(self.documents_list.count(), 2), 6)),
            (self.tags_list, 6),
            (self.colors_list, self.colors_list.count()),
        ):
            fit_rows(widget, rows)
        outer = QWidget(self)
        outer_column = QVBoxLayout(outer)
        outer_column.setContentsMargins(0, 0, 0, 0)
        outer_column.addWidget(choices)
        outer_column.addStretch(1)

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.preview = QPlainTextEdit(right)
        self.preview.setObjectName("exportPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.preview.setFont(mono)
        self.preview.setAccessibleName(self.tr("Preview"))
        column.addWidget(self.preview, 1)
        self.status_label = QLabel(right)
        self.status_label.setObjectName("exportStatus")
        self.status_label.setWordWrap(True)
        column.addWidget(self.status_label)

        splitter = QSplitter(self)
        splitter.addWidget(outer)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 660])

        self.buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.save_button = QPushButton(self.tr("&Save…"), self)
        self.save_button.setDefault(True)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._set_ready(False)

    def _label_colors(self, meanings: dict[str, str]) -> None:
        for row in range(self.colors_list.count()):
            item = self.colors_list.item(row)
            color = str(item.data(Qt.ItemDataRole.UserRole))
            if color == NO_COLOR:
                item.setText(self.tr("Notes without colour"))
                continue
            meaning = shown_meanings(meanings).get(color, "")
            label = color_label(color)
            item.setText(f"{label} — {meaning}" if meaning else label)

    # -- choices -----------------------------------------------------------------------------
    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            str(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    @staticmethod
    def _check(widget: QListWidget, values: set[str]) -> None:
        for row in range(widget.count()):
            item = widget.item(row)
            wanted = str(item.data(Qt.ItemDataRole.UserRole)) in values
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def options(self) -> ExportOptions:
        """The choices as export options (the articles in library order)."""
        return ExportOptions(
            format=str(self.format_combo.currentData()),
            documents=tuple(self._checked(self.documents_list)),
            tags=tuple(self._checked(self.tags_list)),
            colors=tuple(self._checked(self.colors_list)),
            script=str(self.script_combo.currentData()),
            group_by=str(self.group_combo.currentData()),
            by=str(self.by_combo.currentData()),
            originals=self.originals_check.isChecked(),
        )

    def set_format(self, fmt: str) -> None:
        index = self.format_combo.findData(fmt)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)

    def set_documents(self, doc_ids: list[str]) -> None:
        self._check(self.documents_list, set(doc_ids))

    def _problem(self, options: ExportOptions) -> str | None:
        """Why these choices cannot be exported (said inline), or None."""
        if self._loaded is None:
            return None
        if not options.documents:
            return self.tr("Check at least one article.")
        if options.format == "compare" and len(options.documents) < 2:
            return self.tr("A comparison needs two or more articles: check another one.")
        return None

    def _on_choice_changed(self, *_args: Any) -> None:
        if self._restoring:
            return
        self._update_visibility()
        self._save_choices()
        self._preview_timer.start()

    def _update_visibility(self) -> None:
        fmt = self.format_combo.currentData()
        self.group_label.setVisible(fmt == "markdown")
        self.group_combo.setVisible(fmt == "markdown")
        self.by_label.setVisible(fmt == "compare")
        self.by_combo.setVisible(fmt == "compare")
        problem = self._problem(self.options())
        self.documents_note.setText(problem or "")
        self.documents_note.setVisible(bool(problem))

    # -- remembered choices ------------------------------------------------------------------
    def _value(self, key: str, default: str) -> str:
        return self._settings.text(f"{_SETTINGS_GROUP}/{key}", default)

    def _list_value(self, key: str) -> list[str] | None:
        return self._settings.strings(f"{_SETTINGS_GROUP}/{key}")

    def _restore_choices(self, current_document: str | None) -> None:
        for combo, key in (
            (self.format_combo, "format"),
            (self.script_combo, "script"),
            (self.group_combo, "group_by"),
            (self.by_combo, "by"),
        ):
            index = combo.findData(self._value(key, ""))
            if index >= 0:
                combo.setCurrentIndex(index)
        if current_document is not None:
            # The script is the one being read (the remembered one only with no article open).
            index = self.script_combo.findData(self._services.current_view(current_document))
            if index >= 0:
                self.script_combo.setCurrentIndex(index)
        self.originals_check.setChecked(self._value("originals", "true") != "false")
        docs = self._list_value("documents")
        known = {d.id for d in self._documents}
        if docs is None or not (set(docs) & known):
            docs = [current_document] if current_document else [d.id for d in self._documents]
            if self.format_combo.currentData() == "compare":
                docs = list(known)
        elif len(docs) == 1 and current_document and self.format_combo.currentData() != "compare":
            # One article exported last time: this time, the one being read (a set of several
            # is kept, as chosen).
            docs = [current_document]
        self._check(self.documents_list, set(docs))
        self._check(self.colors_list, set(self._list_value("colors") or []))
        self._wanted_tags = set(self._list_value("tags") or [])

    def _save_choices(self) -> None:
        options = self.options()
        for key, value in (
            ("format", options.format),
            ("script", options.script),
            ("group_by", options.group_by),
            ("by", options.by),
            ("originals", "true" if options.originals else "false"),
        ):
            self._settings.set_value(f"{_SETTINGS_GROUP}/{key}", value)
        self._settings.set_strings(f"{_SETTINGS_GROUP}/documents", options.documents)
        self._settings.set_strings(f"{_SETTINGS_GROUP}/colors", options.colors)
        if self._loaded is not None:
            self._wanted_tags = set(options.tags)
            self._settings.set_strings(f"{_SETTINGS_GROUP}/tags", options.tags)

    # -- loading and rendering ---------------------------------------------------------------
    def _load(self) -> None:
        store = self._services.store()
        documents = self._documents
        self.status_label.setText(self.tr("Reading the annotations…"))
        self._store_error = self._services.store_error if store is None else None
        self._runner.run(
            "load",
            lambda: load(store, documents),
            self._on_loader_finished,
            on_error=self._on_loader_failed,
        )

    def _on_annotations_changed(self, _doc_id: str) -> None:
        if not self._closed:
            self._load()

    def _on_loader_finished(self, loaded: object) -> None:
        assert isinstance(loaded, Loaded)
        self._loaded = loaded
        self._restoring = True
        try:
            self._label_colors(dict(loaded.source.color_meanings))
            self.tags_list.clear()
            for name, count in loaded.tags:
                item = QListWidgetItem(f"{name}  ({count})", self.tags_list)
                item.setData(Qt.ItemDataRole.UserRole, name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = name in self._wanted_tags
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._restoring = False
        self._update_visibility()
        self._on_preview_timer_timeout()

    def _on_loader_failed(self, error: Exception) -> None:
        self._show_status(
            self.tr("The annotations could not be read: %1").replace("%1", str(error)), True
        )

    def _on_preview_timer_timeout(self) -> None:
        if self._loaded is None:
            return
        options = self.options()
        problem = self._problem(options)
        if problem is not None:
            self._rendered = None
            self.preview.setPlainText("")
            self._show_status(problem, True)
            self._set_ready(False)
            self.preview_updated.emit()
            return
        source = self._loaded.source
        self._set_ready(False)
        self._runner.run(
            "render",
            lambda: render(options, source),
            self._on_renderer_finished,
            on_error=self._on_renderer_failed,
        )

    def _on_renderer_finished(self, rendered: object) -> None:
        assert isinstance(rendered, Rendered)
        if rendered.options != self.options():
            self._preview_timer.start()  # the choices changed meanwhile
            return
        self._rendered = rendered
        text = rendered.text
        shown = text if len(text) <= PREVIEW_LIMIT else text[:PREVIEW_LIMIT]
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setPlainText(shown)
        self.preview.verticalScrollBar().setValue(scroll)
        status = self.tr("Annotations in this export: %1.").replace("%1", str(rendered.count))
        if rendered.omitted:
            status += " " + self.tr(
                "Left out %n text(s) with no matching annotation.", "", rendered.omitted
            )
        gone = self._loaded.gone if self._loaded is not None else {}
        if gone and rendered.options.format not in ("csl-json", "bibtex"):
            status += " " + self.tr(
                "%n annotation(s) kept for texts no longer in the library (%1) cannot be "
                "exported: import a text again with its id to bring them back.",
                "",
                sum(gone.values()),
            ).replace("%1", ", ".join(gone))
        if rendered.options.format == "json":
            status += " " + (
                self.tr("Creator: %1.").replace("%1", rendered.creator)
                if rendered.creator
                else self.tr("No creator set (meipi config creator NAME).")
            )
        if len(text) > PREVIEW_LIMIT:
            status += " " + self.tr(
                "The preview shows the beginning; Save and Copy take the whole export."
            )
        if self._store_error:
            status += " " + self.tr("The annotation database could not be opened: %1").replace(
                "%1", self._store_error
            )
        self._show_status(status, bool(self._store_error))
        self._set_ready(True)
        self.preview_updated.emit()

    def _on_renderer_failed(self, error: Exception) -> None:
        self._rendered = None
        self.preview.setPlainText("")
        if isinstance(error, MeipiError):
            self._show_status(str(error), True)
        else:
            self._show_status(
                self.tr("The export could not be made: %1").replace("%1", repr(error)), True
            )
        self._set_ready(False)
        self.preview_updated.emit()

    def _show_status(self, text: str, problem: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("problem", problem)
        color = self.palette().color(self.foregroundRole())
        self.status_label.setStyleSheet("color: #c0392b;" if problem else f"color: {color.name()};")

    def _set_ready(self, ready: bool) -> None:
        self.copy_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def status_text(self) -> str:
        return self.status_label.text()

    def is_current(self) -> bool:
        """Whether the preview shows the current choices (nothing pending)."""
        return (
            self._rendered is not None
            and self._rendered.options == self.options()
            and not self._preview_timer.isActive()
            and not self._runner.is_busy("render")
        )

    # -- Save and Copy -----------------------------------------------------------------------
    def _current_export(self) -> tuple[ExportOptions, ExportSource] | None:
        if self._loaded is None:
            return None
        options = self.options()
        if self._problem(options) is not None:
            return None
        return options, self._loaded.source

    def _on_copy_button_clicked(self) -> None:
        current = self._current_export()
        if current is None:
            return
        options, source = current
        if self._rendered is not None and self._rendered.options == options:
            text = self._rendered.text
        else:
            try:
                text = render_export(options, source)
            except MeipiError as exc:
                show_message(self, self.tr("Cannot Copy"), str(exc))
                return
        QGuiApplication.clipboard().setText(text)
        self._show_status(self.tr("Copied to the clipboard."), False)
        self.export_copied.emit()

    def _on_save_button_clicked(self) -> None:
        current = self._current_export()
        if current is None:
            return
        options, source = current
        folder = self._value("folder", str(Path.home()))
        suggested = str(Path(folder) / suggested_filename(options))
        export_format = formats.get(options.format)
        path = ask_save_path(
            self,
            self.tr("Save Export"),
            suggested,
            _translated(export_format.file_filter),
            export_format.extension,
        )
        if path is None:
            return
        try:
            # The file dialog asked before replacing a file; the database, its backups and
            # devices are refused as on the command line.
            check_target(path, db=self._services.db_path, force=True)
            write_export(options, source, path)
        except MeipiError as exc:
            show_message(self, self.tr("Cannot Save the Export"), str(exc))
            return
        except OSError as exc:
            show_message(
                self,
                self.tr("Cannot Save the Export"),
                self.tr("%1 could not be written (%2); nothing was saved.")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        self._settings.set_value(f"{_SETTINGS_GROUP}/folder", str(path.parent))
        self._show_status(self.tr("Saved to %1.").replace("%1", str(path)), False)
        self.export_saved.emit(str(path))

    # -- closing -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shutdown()
        super().closeEvent(event)

    def _shutdown(self) -> None:
        self._preview_timer.stop()
        self._runner.shutdown()
        self._settings.sync()
        self._closed = True

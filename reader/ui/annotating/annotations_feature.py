"""Annotating in the window: wires the store to the reading pane, the sidebar, the margin notes,
the tag manager and the colour meanings, and adds their menu, toolbar and context-menu actions.

Installed once by ``MainWindow`` after the text is first painted (``install_annotations``), so
nothing here costs startup time. Everything goes through the window's public attributes
(``reading_view``, ``services``, ``toolbar``, ``menuBar()``, ``statusBar()``) and the window's
signals; nothing in the window knows what an annotation is.

Data flows one way: a user action writes to the store (``undo.Writer``, one transaction) and
is pushed on the undo history; ``Services.annotations_changed`` (our own write, or the watcher
seeing another process's) reloads the records once; the list model updates the rows that
changed; the highlight layer and the margin redraw from it. Offsets stay canonical throughout:
the reading pane maps them into whatever view (script) is shown, so highlights stay on their
words when the view changes.

Signals:
    records_loaded(): the annotations were (re)read from the store and everything redrawn.
    edit_failed(str): a write was refused (the message says what to do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox, QToolTip

from reader.errors import MeipiError
from reader.store.records import COLORS
from reader.ui.annotating.annotation_models import (
    AnnotationListModel,
    color_label,
    highlight_color,
    shown_meanings,
    swatch_icon,
)
from reader.ui.annotating.margin import MarginNotes
from reader.ui.annotating.note_editor import AnnotationDialog, Draft
from reader.ui.annotating.sidebar import Sidebar
from reader.ui.annotating.undo import CreateCommand, DeleteCommand, EditCommand, History, Writer
from reader.ui.reading.selection import ChineseSelection

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord, TagInfo
    from reader.ui.window.main_window import MainWindow

LAYER = "annotations"
FLASH_LAYER = "annotation-flash"
HOVER_LAYER = "annotation-hover"
FLASH_MS = 900
SIDEBAR_WIDTH = 320
MARGIN_SETTING = "annotations/margin_collapsed"
SCOPE_SETTING = "annotations/scope"


def install_annotations(window: MainWindow) -> AnnotationsFeature:
    """Add annotating to ``window`` (once); returns the feature."""
    return AnnotationsFeature(window)


class AnnotationsFeature(QObject):
    records_loaded = Signal()
    edit_failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.view = window.reading_view
        self.writer = Writer(self.services)
        self.history = History(self)
        self.history.failed.connect(self._on_history_failed)
        self.model = AnnotationListModel(self._quote_for, self, labels_for=self._page_labels)
        self.tags: list[TagInfo] = []
        self.meanings: dict[str, str] = {}
        self._doc_records: list[AnnotationRecord] = []
        self._notes: list[AnnotationRecord] = []
        self._notes_of: list[AnnotationRecord] | None = None
        self._formats: dict[tuple[str | None, bool], QTextCharFormat] = {}
        self.dialog: AnnotationDialog | None = None
        self.quiet = False  # True: refusals only in the status bar and edit_failed (tests)
        self._tag_manager: QObject | None = None
        self._color_meanings: QObject | None = None

        self.selection = ChineseSelection(self.view)
        self.selection.selection_changed.connect(self._on_selection_changed)
        self.view.cursorPositionChanged.connect(self._on_selection_changed)

        self.sidebar = Sidebar(self.model, self._document_title)
        self.sidebar.annotation_activated.connect(self._on_sidebar_annotation_activated)
        self.sidebar.edit_requested.connect(self._on_sidebar_edit_requested)
        self.sidebar.delete_requested.connect(self._on_sidebar_delete_requested)
        self.dock = QDockWidget(self.tr("Annotations"), window)
        self.dock.setObjectName("annotationsDock")
        self.dock.setWidget(self.sidebar)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        # Where the reader left it last time (the window restored its layout before this dock
        # existed), else on the right.
        if not window.restoreDockWidget(self.dock):
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            # Made after the window was shown: a new dock must be shown by hand.
            self.dock.show()
            window.resizeDocks([self.dock], [SIDEBAR_WIDTH], Qt.Orientation.Horizontal)

        self.margin = MarginNotes(self.view, self._doc_notes)
        self.margin.note_clicked.connect(self._on_margin_note_clicked)
        self.margin.note_hovered.connect(self._on_margin_note_hovered)
        self.margin.note_save_requested.connect(self._on_margin_note_save_requested)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._on_flash_timer_timeout)

        # The margin collapsed or not, this article or all: remembered between sessions.
        from reader.ui.window.settings import ReaderSettings

        self._settings = ReaderSettings.default()
        self.margin.set_collapsed(self._settings.flag(MARGIN_SETTING, False))
        self.sidebar.set_all_articles(self._settings.text(SCOPE_SETTING, "document") == "all")
        self.margin.collapsed_changed.connect(self._on_margin_collapsed_changed)
        self.sidebar.filters_changed.connect(self._on_sidebar_filters_changed)

        self._build_actions()
        self._build_menu()
        self._viewport = self.view.viewport()
        # Hovering a highlight lights its note: moves must arrive with no button pressed.
        self._viewport.setMouseTracking(True)
        self._viewport.installEventFilter(self)
        window.installEventFilter(self)  # a note still being typed is saved before closing

        self.services.annotations_changed.connect(self._on_annotations_changed)
        self.services.view_changed.connect(self._on_view_changed)
        self.services.glossary_changed.connect(self._on_glossary_changed)
        self.services.store_failed.connect(self._on_store_failed)
        window.document_opened.connect(self._on_document_opened)
        window.theme_applied.connect(self._on_theme_applied)

        doc = window.current_document()
        self.sidebar.set_current_document(doc.id if doc else None)
        self.sync_texts()
        self.refresh()
        self._on_selection_changed()

    # -- reading the store -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read every annotation, tag and colour meaning again; update what shows them."""
        self._refresh_timer.stop()
        try:
            # Plain sqlite3 until the first write (startup budget, issue 10): see Services.
            read = self.services.read_annotations()
        except MeipiError as exc:
            self._report(str(exc))
            return
        if read is None:
            return
        records, tags, meanings = read
        meanings = shown_meanings(meanings)
        self.tags = tags
        self.meanings = meanings
        self.model.set_meanings(meanings)
        self.model.set_records(records)
        self.sidebar.tags.set_tags(tags)
        self.sidebar.colors.set_meanings(meanings)
        self.sidebar.tag_view.expandAll()
        self.sidebar.update_counts()  # once, for all the rows that changed
        self._update_action_texts()
        self._redraw()
        self.records_loaded.emit()

    def records(self, document: str | None = None) -> list[AnnotationRecord]:
        records = self.model.records()
        return records if document is None else [r for r in records if r.document == document]

    def record(self, annotation_id: str) -> AnnotationRecord | None:
        row = self.model.row_of(annotation_id)
        return self.model.record(row) if row >= 0 else None

    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    def _on_annotations_changed(self, _doc_id: str) -> None:
        self._refresh_timer.start()

    def _on_glossary_changed(self) -> None:
        self.model.refresh_quotes(None)

    def _on_view_changed(self, doc_id: str, _view_id: str) -> None:
        self.model.refresh_quotes(doc_id)
        self.margin.relayout()

    def _on_document_opened(self, doc_id: str) -> None:
        self.sidebar.set_current_document(doc_id)
        if self.sync_texts():
            self.refresh()
        else:
            self._redraw()

    def sync_texts(self) -> bool:
        """Re-anchor the annotations of every text that changed since they were made (an
        edited text of one's own), as the command line does, so highlights stay on their
        words; what cannot be placed is kept as an orphan and said. True when any moved."""
        try:
            stale = self.services.stale_documents()
            if not stale:
                return False
            from reader.ops.annotations import sync_document

            reports = self.writer.call(lambda store: [sync_document(store, d) for d in stale])
        except MeipiError as exc:
            self.window.statusBar().showMessage(str(exc), 15000)
            return False
        orphans = sum(len(r.orphans) for r in reports)
        if orphans:
            self.window.statusBar().showMessage(
                self.tr(
                    "The text of %1 changed: %2 annotation(s) could not be placed again and "
                    "are kept, marked as not found in the text, in the sidebar."
                )
                .replace("%1", ", ".join(d.id for d in stale))
                .replace("%2", str(orphans)),
                15000,
            )
        return True

    def _on_theme_applied(self, _theme_id: str) -> None:
        self._formats.clear()
        self._redraw()

    def _on_store_failed(self, message: str) -> None:
        # The window offers what to do (restore a backup); here it is only said once more.
        self.window.statusBar().showMessage(message, 15000)

    def _quote_for(self, record: AnnotationRecord) -> str:
        doc = self.services.library.documents.get(record.document)
        view_id = self.services.current_view(record.document)
        if doc is None or record.orphaned or view_id == "original":
            return record.quote
        view = self.services.view(doc, view_id)
        start, end = view.to_view(record.start, record.end)
        return view.text[start:end]

    def _page_labels(self, record: AnnotationRecord) -> tuple[str, str]:
        # (Imported here: the export package is not needed to show the window.)
        from reader.export.citing import passage_labels

        return passage_labels(record, self.services.library.documents.get(record.document))

    def _document_title(self, doc_id: str) -> str:
        doc = self.services.library.documents.get(doc_id)
        return doc.title if doc else doc_id

    # -- drawing -----------------------------------------------------------------------------
    def _format(self, color: str | None) -> QTextCharFormat:
        dark = self.window.theme().dark
        fmt = self._formats.get((color, dark))
        if fmt is None:
            fmt = QTextCharFormat()
            if color is None:
                # A note without colour: a dashed underline marks its words (dotted ones are
                # the script views' substitution marks).
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(QColor(self.window.theme().muted))
            else:
                fmt.setBackground(QColor(highlight_color(color, dark)))
            self._formats[(color, dark)] = fmt
        return fmt

    def _redraw(self) -> None:
        """The highlight layer and the margin, from the records of the open article (one
        layer update for all of them)."""
        doc = self.window.current_document()
        self._doc_records = (
            [r for r in self.records(doc.id) if not r.orphaned] if doc is not None else []
        )
        formats = {c: self._format(c) for c in {r.color for r in self._doc_records}}
        self.view.set_layer(LAYER, [(r.start, r.end, formats[r.color]) for r in self._doc_records])
        self.margin.relayout()

    def _doc_notes(self) -> list[AnnotationRecord]:
        """The open article's notes (in text order), made once per redraw: the margin asks on
        every scroll."""
        if self._notes_of is not self._doc_records:
            self._notes = [r for r in self._doc_records if r.note]
            self._notes_of = self._doc_records
        return self._notes

    def flash(self, annotation_id: str) -> None:
        record = self.record(annotation_id)
        if record is None:
            return
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self.window.theme().accent))
        fmt.setForeground(QColor(self.window.theme().paper))
        self.view.set_layer(FLASH_LAYER, [(record.start, record.end, fmt)])
        self._flash_timer.start()

    def _on_flash_timer_timeout(self) -> None:
        self.view.set_layer(FLASH_LAYER, [])

    # -- going to a passage ------------------------------------------------------------------
    def go_to(self, annotation_id: str) -> None:
        """Show the passage (opening its article), scroll it into view and flash it."""
        record = self.record(annotation_id)
        if record is None:
            return
        doc = self.window.current_document()
        if doc is None or doc.id != record.document:
            self.window.open_document(record.document)
        rects = self.view.range_rects(record.start, record.end)
        height = self.view.viewport().height()
        if not rects or rects[0].top() < 0 or rects[-1].bottom() > height:
            self.view.scroll_to_offset(record.start)
        self.margin.set_active(annotation_id)
        self.sidebar.select(annotation_id)
        self.flash(annotation_id)

    def _on_sidebar_annotation_activated(self, annotation_id: str) -> None:
        self.go_to(annotation_id)

    def _on_margin_note_clicked(self, annotation_id: str) -> None:
        self.sidebar.select(annotation_id)
        self.flash(annotation_id)

    def _on_margin_note_hovered(self, annotation_id: str) -> None:
        record = self.record(annotation_id) if annotation_id else None
        if record is None:
            self.view.set_layer(HOVER_LAYER, [])
            return
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(self.window.theme().accent))
        self.view.set_layer(HOVER_LAYER, [(record.start, record.end, fmt)])

    # -- what the user points at -------------------------------------------------------------
    def annotations_at(self, offset: int) -> list[AnnotationRecord]:
        """The open article's annotations covering canonical ``offset``, shortest first."""
        found = [r for r in self._doc_records if r.start <= offset < r.end]
        return sorted(found, key=lambda r: r.end - r.start)

    def target(self) -> AnnotationRecord | None:
        """The annotation an edit applies to: the one the selection is exactly, else the one
        around the selection's start, else the sidebar's current one."""
        selected = self.view.selected_range()
        if selected is not None:
            for r in self._doc_records:
                if (r.start, r.end) == selected:
                    return r
            around = [r for r in self.annotations_at(selected[0]) if r.end >= selected[1]]
            return around[0] if around else None
        under = self.annotation_at_cursor() if self.view.hasFocus() else None
        if under is not None:
            return under
        current = self.sidebar.current_id()
        return self.record(current) if current else None

    def annotation_at_cursor(self) -> AnnotationRecord | None:
        """The (shortest) annotation the reading pane's text cursor is in, its ends included."""
        content = self.view.content()
        if content is None:
            return None
        position = self.view.textCursor().position()
        for qt in (position, position - 1):
            if qt < 0:
                continue
            under = self.annotations_at(content.positions.canonical_offset(qt))
            if under:
                return under[0]
        return None

    def _on_selection_changed(self) -> None:
        has_selection = self.view.selected_range() is not None
        for action in self.color_actions.values():
            action.setEnabled(has_selection)
        targeted = self.target() is not None  # (looked for once: it scans the article's)
        self.note_action.setEnabled(has_selection or targeted)
        self.tags_action.setEnabled(has_selection or targeted)
        self.delete_action.setEnabled(targeted)

    # -- editing -----------------------------------------------------------------------------
    def highlight(self, color: str) -> AnnotationRecord | None:
        """Highlight the selection in ``color`` (recolouring it when it is an annotation)."""
        selected = self.view.selected_range()
        if selected is None:
            return None
        existing = next((r for r in self._doc_records if (r.start, r.end) == selected), None)
        if existing is not None:
            return self.save(existing, Draft(color, existing.tags, existing.note))
        return self.create(selected[0], selected[1], Draft(color, (), None))

    def create(self, start: int, end: int, draft: Draft) -> AnnotationRecord | None:
        """A new annotation on the open article's canonical ``[start, end)``; None when the
        database refused it (the reason is reported, the selection kept)."""
        doc = self.window.current_document()
        if doc is None or self._refuse_blank(doc.text[start:end]):
            return None
        from reader.ops.annotations import annotate

        try:
            record = self.writer.call(
                lambda store: annotate(
                    store, doc, start, end, color=draft.color, tags=draft.tags, note=draft.note
                ),
                doc.id,
            )
        except MeipiError as exc:
            self._report(str(exc))
            return None
        self.history.push(CreateCommand(self.writer, self.tr("Annotate"), record))
        self.view.setTextCursor(self.view.cursor_for(end, end))
        self.refresh()
        # The new annotation is the current one: Ctrl+T / Ctrl+Alt+M go on with it.
        self.sidebar.select(record.id)
        self._on_selection_changed()
        return record

    def _refuse_blank(self, passage: str) -> bool:
        """True, said in the status bar, when ``passage`` is only white space (a double-click
        on a space selects one): there is nothing to mark or to quote."""
        if passage.strip():
            return False
        self.window.statusBar().showMessage(
            self.tr("Only white space is selected; select the words to annotate."), 8000
        )
        return True

    def save(self, record: AnnotationRecord, draft: Draft) -> AnnotationRecord | None:
        """Change an annotation's colour, tags and note; None when refused (reported)."""
        try:
            self._write_edit(record, draft)
        except MeipiError as exc:
            self._report(str(exc))
            return None
        return self.record(record.id)

    def _write_edit(self, record: AnnotationRecord, draft: Draft) -> None:
        from reader.ops.annotations import edit as edit_annotation

        edit = self.writer.call(
            lambda store: edit_annotation(
                store, record.id, color=draft.color, tags=list(draft.tags), note=draft.note
            ),
            record.document,
        )
        self.history.push(
            EditCommand(self.writer, self.tr("Edit Annotation"), edit.before, edit.after)
        )
        self.refresh()

    def delete(self, annotation_id: str) -> bool:
        record = self.record(annotation_id)
        if record is None:
            return False
        from reader.ops.annotations import delete

        try:
            removed = self.writer.call(lambda store: delete(store, annotation_id), record.document)
        except MeipiError as exc:
            self._report(str(exc))
            return False
        self.history.push(DeleteCommand(self.writer, self.tr("Delete Annotation"), removed))
        self.refresh()
        self.window.statusBar().showMessage(
            self.tr("Annotation deleted — %1 undoes it.").replace(
                "%1", self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            ),
            5000,
        )
        return True

    def undo(self) -> None:
        if self.history.undo():
            self.refresh()

    def redo(self) -> None:
        if self.history.redo():
            self.refresh()

    def _on_history_failed(self, message: str) -> None:
        self._report(message)

    def _report(self, message: str) -> None:
        """A refused write: said in the status bar and a message box; nothing typed is lost."""
        self.window.statusBar().showMessage(message, 15000)
        self.edit_failed.emit(message)
        if not self.quiet:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Not Saved"),
                message,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    # -- the annotation dialog ---------------------------------------------------------------
    def edit_dialog(self, focus: str = "note") -> AnnotationDialog | None:
        """The dialog for the target annotation, or for a new one on the selection."""
        record = self.target()
        selected = self.view.selected_range()
        if record is None and selected is None:
            return None
        doc = self.window.current_document()
        if (
            record is None
            and doc is not None
            and selected is not None
            and self._refuse_blank(doc.text[selected[0] : selected[1]])
        ):
            return None
        if record is not None:
            quote = self._quote_for(record)
            dialog = AnnotationDialog(
                quote,
                color=record.color,
                tags=record.tags,
                note=record.note,
                known_tags=self.tag_names(),
                meanings=self.meanings,
                parent=self.window,
            )
        else:
            assert selected is not None and doc is not None
            dialog = AnnotationDialog(
                self.view.textCursor().selectedText().replace("\u2029", "\n"),
                color=None if focus == "note" else "yellow",
                tags=(),
                note=None,
                known_tags=self.tag_names(),
                meanings=self.meanings,
                parent=self.window,
            )
        target_id = record.id if record is not None else None
        span = selected

        def on_save(draft: object) -> None:
            assert isinstance(draft, Draft)
            self._on_dialog_save_requested(dialog, target_id, span, draft)

        dialog.save_requested.connect(on_save)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        (dialog.tags_edit if focus == "tags" else dialog.note_edit).setFocus()
        self.dialog = dialog
        self._place_beside_passage(dialog, (record.start, record.end) if record else selected)
        dialog.open()
        return dialog

    def _place_beside_passage(self, dialog: AnnotationDialog, span: tuple[int, int] | None) -> None:
        rects = self.view.range_rects(*span) if span else []
        if rects:
            box = rects[0]
            for rect in rects[1:]:
                box = box.united(rect)
            # Beside the column rather than over its other lines: the text stays readable.
            column = self.view.column_rect()
            box.setLeft(min(box.left(), column.left()))
            box.setRight(max(box.right(), column.right()))
            viewport = self.view.viewport()
            shown = viewport.rect().intersected(box.toRect()) or box.toRect()
            dialog.place_beside(shown.translated(viewport.mapToGlobal(QPoint(0, 0))))

    def _on_dialog_finished(self, _result: int) -> None:
        # Closed (and deleted on close): nothing of it may be used any more.
        self.dialog = None

    def _on_dialog_save_requested(
        self,
        dialog: AnnotationDialog,
        target_id: str | None,
        span: tuple[int, int] | None,
        draft: Draft,
    ) -> None:
        from reader.ops.annotations import annotate

        record = self.record(target_id) if target_id else None
        doc = self.window.current_document()
        if target_id and record is None and span is None:
            # Deleted meanwhile (another window, the command line): keep what was typed.
            message = self.tr(
                "This annotation was deleted meanwhile, so your changes were not saved. "
                "Copy your note, then select the passage and annotate it again."
            )
            dialog.show_error(message)
            self.edit_failed.emit(message)
            return
        try:
            if record is not None:
                self._write_edit(record, draft)
            elif span is not None and doc is not None:
                created = self.writer.call(
                    lambda store: annotate(
                        store,
                        doc,
                        span[0],
                        span[1],
                        color=draft.color,
                        tags=draft.tags,
                        note=draft.note,
                    ),
                    doc.id,
                )
                self.history.push(CreateCommand(self.writer, self.tr("Annotate"), created))
                self.view.setTextCursor(self.view.cursor_for(span[1], span[1]))
                self.refresh()
                self.sidebar.select(created.id)
        except MeipiError as exc:
            dialog.show_error(str(exc))
            self.edit_failed.emit(str(exc))
            return
        dialog.accept()

    def _on_sidebar_edit_requested(self, annotation_id: str) -> None:
        self.go_to(annotation_id)
        record = self.record(annotation_id)
        if record is not None:
            self.view.select_range(record.start, record.end)
            self.edit_dialog()

    def _on_sidebar_delete_requested(self, annotation_id: str) -> None:
        self.delete(annotation_id)

    def _on_margin_note_save_requested(self, annotation_id: str, note: str) -> None:
        record = self.record(annotation_id)
        if record is None:
            message = self.tr(
                "This annotation was deleted meanwhile, so your note was not saved. "
                "Copy it before closing the editor."
            )
            self.margin.show_error(annotation_id, message)
            self.edit_failed.emit(message)
            return
        try:
            self._write_edit(record, Draft(record.color, record.tags, note or None))
        except MeipiError as exc:
            self.margin.show_error(annotation_id, str(exc))
            self.edit_failed.emit(str(exc))
            return
        self.margin.finish_editing(annotation_id)

    # -- actions and menus -------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, keys: list[str] | None = None, *, in_text: bool = False
    ) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        if in_text:
            # Keys that type text elsewhere (1–5, Delete) act only in the reading pane.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        else:
            self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.color_actions: dict[str, QAction] = {}
        for i, color in enumerate(COLORS):
            action = self._action(
                color, lambda _c=False, c=color: self.highlight(c), [str(i + 1)], in_text=True
            )
            action.setIcon(swatch_icon(color, 16))
            self.color_actions[color] = action
        self.note_action = self._action(
            self.tr("Add or Edit &Note…"), lambda: self.edit_dialog("note"), ["Ctrl+Alt+M"]
        )
        self.tags_action = self._action(
            self.tr("&Tags…"), lambda: self.edit_dialog("tags"), ["Ctrl+T"]
        )
        self.delete_action = self._action(
            self.tr("&Delete Annotation"), self._on_delete_action, ["Del"], in_text=True
        )
        # Delete, and the platform's own delete keys (Backspace on a Mac keyboard).
        delete_keys = [QKeySequence("Del")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Delete):
            if key not in delete_keys:
                delete_keys.append(key)
        self.delete_action.setShortcuts(delete_keys)
        self.undo_action = self._action(self.tr("&Undo"), self.undo, ["Ctrl+Z"])
        self.redo_action = self._action(self.tr("&Redo"), self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.history.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.history.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.history.stack.undoTextChanged.connect(self._on_undo_text_changed)
        self.history.stack.redoTextChanged.connect(self._on_redo_text_changed)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.sidebar_action = self.dock.toggleViewAction()
        self.sidebar_action.setText(self.tr("Annotations &Sidebar"))
        self.sidebar_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.sidebar_action.triggered.connect(self._on_sidebar_action_triggered)
        self.window.addAction(self.sidebar_action)
        self.margin_action = self._action(
            self.tr("&Margin Notes"), self._on_margin_action, ["Ctrl+Alt+N"]
        )
        self.margin_action.setCheckable(True)
        self.margin_action.setChecked(not self.margin.collapsed())
        self.tag_manager_action = self._action(
            self.tr("Ta&g Manager…"), self.show_tag_manager, ["Ctrl+Shift+T"]
        )
        self.color_meanings_action = self._action(
            self.tr("&Colour Meanings…"), self.show_color_meanings
        )
        self.caret_action = self._action(
            self.tr("&Caret Browsing (select with the keyboard)"), self._on_caret_action, ["F7"]
        )
        self.caret_action.setCheckable(True)
        self._update_action_texts()

    def _update_action_texts(self) -> None:
        for color, action in self.color_actions.items():
            meaning = self.meanings.get(color, "")
            label = self.tr("Highlight %1").replace("%1", color_label(color))
            action.setText(f"{label} — {meaning}" if meaning else label)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")

    def _on_undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(self.tr("&Undo %1").replace("%1", text).strip())

    def _on_redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(self.tr("&Redo %1").replace("%1", text).strip())

    def _build_menu(self) -> None:
        window = self.window
        self.menu = QMenu(self.tr("&Annotate"), window)
        self.menu.setObjectName("annotateMenu")
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        # Undo and redo head the window's Edit menu, whatever other features put there.
        existing = window.edit_menu.actions()
        if existing:
            window.edit_menu.insertActions(existing[0], [self.undo_action, self.redo_action])
            window.edit_menu.insertSeparator(existing[0])
        else:
            window.edit_menu.addActions([self.undo_action, self.redo_action])
            self.menu.addSeparator()
        self.menu.addActions(list(self.color_actions.values()))
        self.menu.addSeparator()
        self.menu.addActions([self.note_action, self.tags_action, self.delete_action])
        self.menu.addSeparator()
        self.menu.addActions(
            [
                self.sidebar_action,
                self.margin_action,
                self.tag_manager_action,
                self.color_meanings_action,
            ]
        )
        self.menu.addSeparator()
        self.menu.addAction(self.caret_action)
        window.toolbar.addSeparator()
        window.toolbar.addActions(list(self.color_actions.values()))
        window.toolbar.addAction(self.note_action)
        self.note_action.setIcon(swatch_icon("none", 16))

    def _on_delete_action(self) -> None:
        record = self.target()
        if record is not None:
            self.delete(record.id)

    def _on_sidebar_action_triggered(self, checked: bool) -> None:
        if checked:
            self.dock.raise_()
            self.sidebar.search.setFocus()

    def _on_margin_action(self, checked: bool) -> None:
        self.margin.set_collapsed(not checked)

    def _on_margin_collapsed_changed(self, collapsed: bool) -> None:
        self.margin_action.setChecked(not collapsed)
        self._settings.set_flag(MARGIN_SETTING, collapsed)
        self._settings.sync()

    def _on_sidebar_filters_changed(self) -> None:
        scope = "all" if self.sidebar.proxy.document() is None else "document"
        if self._settings.text(SCOPE_SETTING, "document") != scope:
            self._settings.set_value(SCOPE_SETTING, scope)
            self._settings.sync()

    def _on_caret_action(self, checked: bool) -> None:
        self.selection.set_caret_browsing(checked)

    def show_tag_manager(self) -> QObject:
        from reader.ui.annotating.tag_manager import TagManager

        if self._tag_manager is None:
            self._tag_manager = TagManager(self, self.window)
        manager = self._tag_manager
        assert isinstance(manager, TagManager)
        manager.reload()
        manager.show()
        manager.raise_()
        return manager

    def show_color_meanings(self) -> QObject:
        from reader.ui.annotating.color_meanings import ColorMeaningsDialog

        dialog = ColorMeaningsDialog(self, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._color_meanings = dialog
        dialog.open()
        return dialog

    # -- the context menu in the text --------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Close and not self.save_pending():
                event.ignore()  # the note stays on screen with the reason; nothing is lost
                return True
            return False
        if watched is not self._viewport:
            return False
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            self.context_menu(event.pos()).exec(event.globalPos())
            return True
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            # A highlight under the pointer lights its note in the margin.
            under = self.annotations_at(self.view.offset_at(event.position().toPoint()))
            self.margin.set_hovered(under[0].id if under and under[0].note else None)
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if self.view.selected_range() is None:
                # A click on a highlight makes it the current annotation (sidebar, margin).
                under = self.annotations_at(self.view.offset_at(event.position().toPoint()))
                if under:
                    self.sidebar.select(under[0].id)
                    self.margin.set_active(under[0].id)
                    self._on_selection_changed()
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            views = getattr(self.window, "views_feature", None)
            substitution_at = getattr(views, "substitution_at", None)
            if callable(substitution_at) and substitution_at(event.pos()) is not None:
                return False  # the script views explain their substitution
            under = self.annotations_at(self.view.offset_at(event.pos()))
            if under:
                QToolTip.showText(event.globalPos(), self.tooltip_for(under[0]), self.view)
                return True
        return super().eventFilter(watched, event)

    def save_pending(self) -> bool:
        """Save what is still being typed (a margin note, the annotation dialog), as leaving
        it would; False when that was refused (the text stays on screen, with the reason)."""
        editor = self.margin.editor
        if editor is not None and editor.is_modified():
            self._on_margin_note_save_requested(editor.annotation_id, editor.toPlainText())
            if self.margin.editor is not None:
                return False
        dialog = self.dialog
        if dialog is not None and dialog.isVisible() and dialog.is_modified():
            dialog.save_requested.emit(dialog.draft())
            if dialog.isVisible():  # refused: it stays open, saying why
                return False
        return True

    def tooltip_for(self, record: AnnotationRecord) -> str:
        parts = [self.meanings.get(record.color or "", "") if record.color else self.tr("Note")]
        if record.tags:
            parts.append(" ".join(f"#{t}" for t in record.tags))
        head = " · ".join(p for p in parts if p)
        return f"{head}\n{record.note}" if record.note else head

    def context_menu(self, point: QPoint) -> QMenu:
        """The reading pane's menu at a viewport point: annotating first, then Qt's own."""
        if self.view.selected_range() is None:
            under = self.annotations_at(self.view.offset_at(point))
            if under:
                self.sidebar.select(under[0].id)
        self._on_selection_changed()
        # The script views' menu (a substitution's veto…) when the point is on one.
        views = getattr(self.window, "views_feature", None)
        base = getattr(views, "context_menu_at", None)
        menu = base(point) if callable(base) else None
        if not isinstance(menu, QMenu):
            menu = self.view.createStandardContextMenu(point)
        standard = menu.actions()
        ours = QMenu(menu)
        ours.addActions(list(self.color_actions.values()))
        ours.addSeparator()
        ours.addActions([self.note_action, self.tags_action, self.delete_action])
        ours.addSeparator()
        for action in standard:
            menu.removeAction(action)
        menu.addActions([*ours.actions(), *standard])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

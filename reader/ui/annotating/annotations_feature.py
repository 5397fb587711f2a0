"""Annotating in the window: wires the store to the reading pane, the sidebar, the margin notes,
the tag manager and the colour meanings. The writes (each through ``reader.ops``, pushed on the
undo history) are :mod:`~reader.ui.annotating.annotation_edits`'s; the actions, the Annotate
menu, the toolbar's colours and the context menu are
:mod:`~reader.ui.annotating.annotation_menus`'s.

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

What the list model holds follows the sidebar's scope: the open text's annotations ("This
article"), or every text's ("All articles"), read as :mod:`~reader.ui.annotating.annotation_reads`
says (on a worker thread when many), then kept current by the window's own edits.

Over 600 lines as one job: the one place where the store, the pane, the sidebar and the margin
meet (loading, reloading and redrawing the records in every scope); the writes, the menus and
the models are in the modules named above.

Signals:
    records_loaded(): the annotations were (re)read from the store and everything redrawn.
    all_loaded(): every text's annotations were read (the "All articles" scope is filled).
    edit_failed(str): a write was refused (the message says what to do).
"""

from __future__ import annotations

import bisect
from itertools import compress
from operator import attrgetter, not_, sub
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QMouseEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import QToolTip

from reader.documents import shared_titles
from reader.errors import MeipiError
from reader.ui.annotating.annotation_menus import AnnotationMenus
from reader.ui.annotating.annotation_models import AnnotationListModel
from reader.ui.annotating.annotation_reads import AnnotationReads
from reader.ui.annotating.annotation_target import AnnotationTarget
from reader.ui.annotating.margin import MarginNotes
from reader.ui.annotating.palette import highlight_color
from reader.ui.annotating.sidebar import Sidebar
from reader.ui.reading.selection import ChineseSelection
from reader.ui.window.settings import MARGIN_COLLAPSED

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader.store.records import AnnotationRecord, TagInfo
    from reader.ui.annotating.annotation_edits import AnnotationEdits
    from reader.ui.annotating.undo import History, Writer
    from reader.ui.window.main_window import MainWindow

_ORPHANED, _COLOR, _NOTE = attrgetter("orphaned"), attrgetter("color"), attrgetter("note")
_START, _END = attrgetter("start"), attrgetter("end")


def _order(r: AnnotationRecord) -> tuple[str, int, int, str, str]:
    """Text order, as the store and the list model list annotations."""
    return (r.document, r.start, r.end, r.created, r.id)


LAYER = "annotations"
FLASH_LAYER = "annotation-flash"
HOVER_LAYER = "annotation-hover"
FLASH_MS = 900
MARGIN_SETTING = MARGIN_COLLAPSED
SCOPE_SETTING = "annotations/scope"


def install_annotations(window: MainWindow) -> AnnotationsFeature:
    """Add annotating to ``window`` (once); returns the feature."""
    return AnnotationsFeature(window)


class AnnotationsFeature(QObject):
    records_loaded = Signal()
    all_loaded = Signal()
    edit_failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.services = window.services
        self._shared: tuple[int, frozenset[str]] | None = None  # texts counted, titles shared
        self.view = window.reading_view
        # The store's writer and the undo history (``undo``): made at the first write, undo
        # or redo, not as the window gets ready (startup time: issue 22).
        self._writer: Writer | None = None
        self._history: History | None = None
        self.model = AnnotationListModel(self._quote_for, self, labels_for=self._page_labels)
        self.tags: list[TagInfo] = []
        self.meanings: dict[str, str] = {}
        self._doc_records: list[AnnotationRecord] = []
        self._drawn_document: str | None = None  # whose annotations _doc_records are
        self._doc_starts: list[int] = []  # their starts (ascending), made when first needed
        self._doc_longest = 0
        self._doc_starts_of: list[AnnotationRecord] | None = None
        self._notes: list[AnnotationRecord] = []
        self._notes_of: list[AnnotationRecord] | None = None
        self._formats: dict[tuple[str | None, bool], QTextCharFormat] = {}
        self.quiet = False  # True: refusals only in the status bar and edit_failed (tests)
        # Which annotation Note, Tags and Delete act on (annotation_target).
        self.pointing = AnnotationTarget(self)
        self._tag_manager: QObject | None = None
        self._color_meanings: QObject | None = None
        # Every text's annotations are in the model (else only the open text's); a read of
        # them on a worker thread is under way (the edits made meanwhile, applied again to
        # what it brings).
        # What the model holds (the open text's, or every text's), read on a worker thread
        # when many (annotation_reads).
        self.reads = AnnotationReads(self)
        # Writing to the store, through reader.ops and the undo history (annotation_edits):
        # made at the first write or when a text's annotations must be placed again.
        self._edits: AnnotationEdits | None = None

        self.selection = ChineseSelection(self.view)
        self.selection.selection_changed.connect(self._on_selection_changed)
        self.view.cursorPositionChanged.connect(self._on_selection_changed)

        # Made in its dock (see Sidebar): moved there, all of it was polished and laid out again.
        self.sidebar = Sidebar(self.model, self._document_title, window.annotations_dock)
        self.sidebar.annotation_activated.connect(self._on_sidebar_annotation_activated)
        self.sidebar.edit_requested.connect(self._on_sidebar_edit_requested)
        self.sidebar.delete_requested.connect(self._on_sidebar_delete_requested)
        # The window made the dock before its first paint, where the reader left it (or on
        # the right), titled with this class's translation of "Annotations".
        self.dock = window.annotations_dock
        self.dock.setWidget(self.sidebar)

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
        self.sidebar.scope_changed.connect(self.reads.scope_changed)

        # The actions, the Annotate menu, the toolbar's colours and the context menu.
        self.menus = AnnotationMenus(self)
        self._viewport = self.view.viewport()
        # Hovering a highlight lights its note: moves must arrive with no button pressed.
        self._viewport.setMouseTracking(True)
        self._viewport.installEventFilter(self)
        window.add_close_guard(self._save_pending)  # a note being typed is saved first

        self.services.annotations_changed.connect(self._on_annotations_changed)
        self.services.view_changed.connect(self._on_view_changed)
        self.services.glossary_changed.connect(self._on_glossary_changed)
        self.services.store_failed.connect(self._on_store_failed)
        window.document_opened.connect(self._on_document_opened)
        window.theme_applied.connect(self._on_theme_applied)

        doc = window.current_document()
        self.sidebar.set_current_document(doc.id if doc else None)
        self.services.read_first(doc.id if doc else "")
        self._sync_texts()
        self.refresh()
        self._on_selection_changed()

    @property
    def edits(self) -> AnnotationEdits:
        """The writes: highlights, notes, tags, deletes, undo and redo (``annotation_edits``)."""
        if self._edits is None:
            from reader.ui.annotating.annotation_edits import AnnotationEdits

            self._edits = AnnotationEdits(self)
        return self._edits

    def _sync_texts(self) -> bool:
        """Place again the annotations of the texts changed since they were made (through
        ``edits``, made only when there are any); True when any moved."""
        try:
            stale = self.services.stale_documents()
        except MeipiError as exc:
            self.window.statusBar().showMessage(str(exc), 15000)
            return False
        if not stale:
            return False
        return self.edits.sync_texts(stale)

    def _on_margin_note_save_requested(self, annotation_id: str, note: str) -> None:
        self.edits.save_margin_note(annotation_id, note)

    def _save_pending(self) -> bool:
        return self.edits.save_pending()

    @property
    def writer(self) -> Writer:
        """One store write per user action (``undo.Writer``)."""
        if self._writer is None:
            from reader.ui.annotating.undo import Writer

            self._writer = Writer(self.services)
        return self._writer

    @property
    def history(self) -> History:
        """The undo stack of annotation and tag edits; Edit ▸ Undo and Redo follow it."""
        if self._history is None:
            from reader.ui.annotating.undo import History

            self._history = History(self)
            self._history.failed.connect(self._on_history_failed)
            self.menus.follow(self._history)
        return self._history

    # -- reading the store -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the annotations shown, every tag and colour meaning again; update what shows
        them (``AnnotationReads.refresh``)."""
        self._refresh_timer.stop()
        self.reads.refresh()

    @property
    def holds_all(self) -> bool:
        """Every text's annotations are in the model (else only the open text's)."""
        return self.reads.holds_all

    @property
    def loading_all(self) -> bool:
        """Every text's annotations are being read on a worker thread."""
        return "all" in self.reads.reading

    def apply(self, put: Sequence[AnnotationRecord] = (), gone: Sequence[str] = ()) -> None:
        """The window's own write made or changed the annotations ``put`` and deleted those of
        the ids ``gone``: only their rows, the counts and the highlights are updated (the tags
        read again when a tagged one came or went), where :meth:`refresh` reads the
        annotations again. Without every text's in the model, only the open text's are put."""
        self._refresh_timer.stop()
        before = [self.record(i) for i in gone]
        before += [self.record(r.id) for r in put]
        unknown = any(b is None for b in before[: len(gone)])  # a delete in a text not held
        self.reads.note_applied(put, gone)
        if not self.holds_all:
            doc = self.window.current_document()
            doc_id = doc.id if doc is not None else None
            put = [r for r in put if r.document == doc_id]
        self.model.drop(gone)
        self.model.put(put)
        if self._drawing_open_text():
            self._patch_drawn([b for b in before if b is not None], put)
        else:
            self._redraw()
        if unknown or any(r is not None and r.tags for r in (*before, *put)):
            try:
                from reader.ops.tags import list_tags

                store = self.services.store()
                if store is not None:
                    self.tags = list_tags(store)
                    self.sidebar.tags.set_tags(self.tags)
                    self.sidebar.tag_view.expandAll()
            except MeipiError as exc:
                self.edits.report(str(exc))
        self.sidebar.update_counts()
        self.records_loaded.emit()

    def records(self, document: str | None = None) -> list[AnnotationRecord]:
        return self.model.records(document)

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
        self._shared = None
        self.sidebar.set_current_document(doc_id)
        if self._sync_texts():
            self.refresh()
        elif self.holds_all:
            self._redraw()
        else:
            self.reads.open_text(doc_id)

    def _on_theme_applied(self, _theme_id: str) -> None:
        self._formats.clear()
        self._redraw()

    def _on_store_failed(self, _message: str) -> None:
        # The window's dialog says what is wrong and what to do (the message is the command
        # line's, with its --db advice); the status bar only keeps saying the consequence.
        self.window.statusBar().showMessage(
            (
                self.tr(
                    "Nothing you annotate can be saved: Meipi could not open %1 (check that you "
                    "may write to its folder)."
                )
                if self.services.place_unwritable()
                else self.tr("Nothing you annotate can be saved: Meipi could not open %1.")
            ).replace("%1", str(self.services.db_path)),
            15000,
        )

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
        """The text's title, with its id when another text bears it too (titles counted again
        when the number of texts changes or a text is opened: Text Details opens it again)."""
        documents = self.services.library.documents
        if self._shared is None or self._shared[0] != len(documents):
            self._shared = (len(documents), shared_titles(documents.values()))
        doc = documents.get(doc_id)
        if doc is None:
            return doc_id
        return f"{doc.title} ({doc.id})" if doc.title in self._shared[1] else doc.title

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
        records = self.records(doc.id) if doc is not None else []
        # Looped over in C (map, compress, zip): 100,000 annotations in milliseconds.
        records = list(compress(records, map(not_, map(_ORPHANED, records))))
        self._doc_records = records
        self._drawn_document = doc.id if doc is not None else None
        colors = list(map(_COLOR, records))
        formats = {c: self._format(c) for c in set(colors)}
        starts, ends = map(_START, records), map(_END, records)
        self.view.set_layer(LAYER, zip(starts, ends, map(formats.__getitem__, colors), strict=True))
        self.margin.relayout()

    def _drawing_open_text(self) -> bool:
        """Whether the highlights drawn are the open text's (else another's, or none)."""
        doc = self.window.current_document()
        return doc is not None and self._drawn_document == doc.id

    def _patch_drawn(
        self, old: Sequence[AnnotationRecord], new: Sequence[AnnotationRecord]
    ) -> None:
        """The open text's annotations ``old`` were changed into or replaced by ``new`` (an
        edit of the window's own): only they are taken out of and put in the highlights, the
        notes and the starts looked up under the pointer, in their places in text order — a
        redraw of 100,000 for each one was a tenth of a second."""
        doc_id = self._drawn_document
        records = self._doc_records
        starts = self._doc_starts if self._doc_starts_of is records else None
        notes = self._notes if self._notes_of is records else None
        changes: list[tuple[int, tuple[int, int, QTextCharFormat] | None]] = []
        for r in old:
            if r.document != doc_id or r.orphaned:
                continue
            at = bisect.bisect_left(records, _order(r), key=_order)
            if at >= len(records) or records[at].id != r.id:
                continue
            del records[at]
            if starts is not None:
                del starts[at]
            if notes is not None and r.note:
                i = bisect.bisect_left(notes, _order(r), key=_order)
                if i < len(notes) and notes[i].id == r.id:
                    del notes[i]
            changes.append((at, None))  # the highlights are in the records' order
        for r in new:
            if r.document != doc_id or r.orphaned:
                continue
            at = bisect.bisect_left(records, _order(r), key=_order)
            records.insert(at, r)
            if starts is not None:
                starts.insert(at, r.start)
                self._doc_longest = max(self._doc_longest, r.end - r.start)
            if notes is not None and r.note:
                notes.insert(bisect.bisect_left(notes, _order(r), key=_order), r)
            changes.append((at, (r.start, r.end, self._format(r.color))))
        if notes is not None and any(r.note for r in (*old, *new)):
            self._notes = list(notes)  # a new list: the margin places the notes anew
        if not self.view.edit_layer(LAYER, changes):
            self._redraw()
            return
        self.margin.relayout()

    def _doc_notes(self) -> list[AnnotationRecord]:
        """The open article's notes (in text order), made once per redraw: the margin asks on
        every scroll."""
        if self._notes_of is not self._doc_records:
            self._notes = list(compress(self._doc_records, map(_NOTE, self._doc_records)))
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
            # On a text whose annotations are not held (``meipi open --annotation``).
            try:
                record = self.services.find_annotation(annotation_id)
            except MeipiError as exc:
                self.edits.report(str(exc))
                return
        if record is None:
            return
        doc = self.window.current_document()
        if doc is None or doc.id != record.document:
            self.window.open_document(record.document)
            doc = self.window.current_document()
            if doc is None or doc.id != record.document:
                return  # its text is gone from the library: the status bar said so
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
    def _starting_near(self, offset: int) -> list[AnnotationRecord]:
        """The open article's annotations that may cover canonical ``offset`` (those starting
        at most the longest one's length before it), in text order: found by bisection, as
        the cursor moves among 100,000 annotations."""
        if self._doc_starts_of is not self._doc_records:
            records = self._doc_records
            self._doc_starts = list(map(_START, records))
            ends = map(_END, records)
            self._doc_longest = max(map(sub, ends, self._doc_starts), default=0)
            self._doc_starts_of = records
        first = bisect.bisect_left(self._doc_starts, offset - self._doc_longest)
        return self._doc_records[first : bisect.bisect_right(self._doc_starts, offset)]

    def annotation_on(self, start: int, end: int) -> AnnotationRecord | None:
        """The open article's (first) annotation on exactly canonical ``[start, end)``."""
        return next(
            (r for r in self._starting_near(start) if (r.start, r.end) == (start, end)), None
        )

    def annotations_at(self, offset: int) -> list[AnnotationRecord]:
        """The open article's annotations covering canonical ``offset``, shortest first."""
        found = [r for r in self._starting_near(offset) if r.start <= offset < r.end]
        return sorted(found, key=lambda r: r.end - r.start)

    def target(self) -> AnnotationRecord | None:
        """The annotation an edit applies to (see ``annotation_target``)."""
        return self.pointing.target()

    def _on_selection_changed(self) -> None:
        has_selection = self.view.selected_range() is not None
        # The colours: for the selection, or for the highlight a context menu was opened on.
        colorable = has_selection or self.pointing.menu_record() is not None
        for action in self.menus.color_actions.values():
            action.setEnabled(colorable)
        targeted = self.target() is not None  # (looked for once: it scans the article's)
        self.menus.note_action.setEnabled(has_selection or targeted)
        self.menus.tags_action.setEnabled(has_selection or targeted)
        self.menus.delete_action.setEnabled(targeted)

    def _on_history_failed(self, message: str) -> None:
        self.edits.report(message)

    def _on_sidebar_edit_requested(self, annotation_id: str) -> None:
        self.go_to(annotation_id)
        record = self.record(annotation_id)
        if record is not None:
            self.view.select_range(record.start, record.end)
            self.edits.edit_dialog()

    def _on_sidebar_delete_requested(self, annotation_id: str) -> None:
        self.edits.delete(annotation_id)

    def _on_margin_collapsed_changed(self, collapsed: bool) -> None:
        self.menus.margin_action.setChecked(not collapsed)
        self._settings.set_flag(MARGIN_SETTING, collapsed)
        self._settings.sync()

    def _on_sidebar_filters_changed(self) -> None:
        scope = "all" if self.sidebar.proxy.document() is None else "document"
        if self._settings.text(SCOPE_SETTING, "document") != scope:
            self._settings.set_value(SCOPE_SETTING, scope)
            self._settings.sync()

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is not self._viewport:
            return False
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            self.menus.context_menu(event.pos()).exec(event.globalPos())
            self.pointing.clear_menu()  # (its action, if one was chosen, has run)
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

    def tooltip_for(self, record: AnnotationRecord) -> str:
        parts = [self.meanings.get(record.color or "", "") if record.color else self.tr("Note")]
        if record.tags:
            parts.append(" ".join(f"#{t}" for t in record.tags))
        head = " · ".join(p for p in parts if p)
        return f"{head}\n{record.note}" if record.note else head

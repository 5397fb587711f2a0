"""Margin notes beside the text, like comments in a word processor.

The margin is a strip at the right of the reading pane (between the page and the scroll bar).
Each note sits level with the first line of its passage; when notes crowd, the later ones are
pushed down so none overlaps another. A thin line links a note to its passage; hovering or
clicking a note marks its passage. A long note shows its first lines and "more…"; a click opens
it whole, with "less" under it, and a click on it again (or Escape) folds it. An opened note is
never taller than the pane: one longer scrolls within its card (the wheel over it), and it is
lifted so that its end is on screen, the notes above moving up with it (never covered). A
double-click (or Enter)
edits the note in place: Ctrl+Enter saves, Escape cancels; a refused save keeps the editor open
with the text as typed.
Collapsed, the margin is a narrow strip with a mark level with each note.

Only the notes near the visible part of the text are laid out, so a long article with many
notes costs no more than the screen it shows.

Over 600 lines as one job: one painted widget whose layout (where each card sits, how tall,
opened or folded, scrolled within), painting, pointer and keys all read the same cards; the
editor laid over a card moves with that layout.

Signals:
    note_clicked(str): a note was clicked (its annotation id).
    note_hovered(str): the pointer is over a note ('' when it left every note).
    note_save_requested(str, str): save this note text for the annotation.
    collapsed_changed(bool): the margin was collapsed or expanded.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QWidget

from reader.store.records import NO_COLOR
from reader.ui.annotating.palette import SWATCHES
from reader.ui.reading.reading_view import ReadingView, margin_room
from reader.ui.window.painting import fill_rect

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord
    from reader.ui.annotating.note_editor import NoteEdit

GAP = 6
PAD = 6
MAX_LINES = 3  # lines of a note shown until it is opened (a click)
LOOK_BEHIND = 12  # notes above the screen considered, so stacking pushes visible ones down


class Card:
    # A plain class: made as the window gets ready, where a dataclass cost ~0.3 ms to create.
    __slots__ = (
        "anchor_y",
        "clipped",
        "opened",
        "record",
        "rect",
        "scroll",
        "scroll_range",
        "text",
    )

    def __init__(
        self,
        record: AnnotationRecord,
        anchor_y: float,
        rect: QRectF,
        text: str,
        clipped: bool = False,
        opened: bool = False,
        scroll: float = 0.0,
        scroll_range: float = 0.0,
    ) -> None:
        self.record = record
        self.anchor_y = anchor_y  # the passage's first line, viewport y
        self.rect = rect  # in margin coordinates
        self.text = text  # the note as typed (Markdown)
        self.clipped = clipped  # longer than the card shows: a click opens it whole
        self.opened = opened  # a long note opened whole: "less" under it, a click folds it
        self.scroll = scroll  # how far its text is scrolled within the card
        self.scroll_range = scroll_range  # how far it can be (0: the card shows it all)


def render_note(note: str, font: QFont, width: float) -> QTextDocument:
    """A note's Markdown as rich text, ``width`` wide. Safely: HTML in the note is shown as
    typed, never interpreted (no images fetched, no markup injected)."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setMarkdown(
        note,
        QTextDocument.MarkdownFeature.MarkdownDialectGitHub
        | QTextDocument.MarkdownFeature.MarkdownNoHTML,
    )
    document.setTextWidth(width)
    return document


def line_ends(document: QTextDocument) -> list[tuple[float, float]]:
    """Where each of ``document``'s lines ends: its bottom (y, from the document's top) and
    the right end of its text (x)."""
    layout = document.documentLayout()
    ends: list[tuple[float, float]] = []
    block = document.begin()
    while block.isValid():
        lines = block.layout()
        box = layout.blockBoundingRect(block)
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            ends.append(
                (
                    box.top() + line.y() + line.height(),
                    box.left() + line.x() + line.naturalTextWidth(),
                )
            )
        block = block.next()
    return ends


def lines_bottom(document: QTextDocument, count: int) -> tuple[float, int]:
    """Where ``document``'s first ``count`` lines end (y, from its top), and how many lines it
    has in all."""
    ends = line_ends(document)
    return (ends[min(count, len(ends)) - 1][0] if ends and count > 0 else 0.0), len(ends)


class MarginNotes(QWidget):
    note_clicked = Signal(str)
    note_hovered = Signal(str)
    note_save_requested = Signal(str, str)
    collapsed_changed = Signal(bool)

    def __init__(self, view: ReadingView, notes: Callable[[], list[AnnotationRecord]]) -> None:
        super().__init__(view)
        self.setObjectName("marginNotes")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(self.tr("Margin notes"))
        self.view = view
        self._notes = notes
        self._collapsed = False
        self.cards: list[Card] = []
        self._active: str | None = None
        self._opened: str | None = None  # the note shown whole (a click on it again folds it)
        self._inner_scroll = 0.0  # how far the opened note is scrolled within its card
        self._hovered: str | None = None  # the pointer is on this note
        self._text_hovered: str | None = None  # the pointer is on this note's words
        self.editor: NoteEdit | None = None
        self._geometry: dict[tuple[object, ...], tuple[float, float, str, bool, bool, float]] = {}
        self._rendered: dict[tuple[str, str, int], QTextDocument] = {}
        self._sorted: list[AnnotationRecord] = []
        self._starts: list[int] = []
        self._sorted_of: list[AnnotationRecord] | None = None
        self.error_label: QLabel | None = None
        view.installEventFilter(self)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        view.content_rendered.connect(self._on_content_rendered)
        self._apply_margins()
        self.show()

    # -- geometry ----------------------------------------------------------------------------
    def margin_width(self) -> int:
        # The margin's room is kept whether or not the article has notes yet: the column
        # never reflows when the first note appears (only when the reader folds the margin).
        return margin_room(self.view.width(), self._collapsed, self.view.typography().em())

    def _apply_margins(self) -> None:
        width = self.margin_width()
        if self.view.viewportMargins().right() != width:
            self.view.setViewportMargins(0, 0, width, 0)
        self._place()

    def _place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.setGeometry(
            viewport.right() + 1, viewport.top(), self.margin_width(), viewport.height()
        )
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind == QEvent.Type.KeyPress
            and watched is self.view
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self._folds_on_escape()
        ):
            self.fold()  # Escape in the text folds the note opened beside it
            return True
        if kind == QEvent.Type.Resize and watched is self._viewport:
            self._geometry.clear()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Show) and watched is self.view:
            self._geometry.clear()
            self._apply_margins()
            self.relayout()
        return super().eventFilter(watched, event)

    def _folds_on_escape(self) -> bool:
        card = self.card(self._opened) if self._opened is not None else None
        return card is not None and card.opened

    def collapsed(self) -> bool:
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self._geometry.clear()
        self._apply_margins()
        self.relayout()
        self.collapsed_changed.emit(collapsed)

    # -- layout ------------------------------------------------------------------------------
    def _on_scrolled(self, _value: int) -> None:
        self.relayout()

    def _font(self) -> QFont:
        font = QFont(self.view.typography().font(0.8))
        return font

    def _on_content_rendered(self) -> None:
        # A new document: its layout tells when positions move (laid out further, or again).
        layout = self.view.document().documentLayout()
        layout.documentSizeChanged.connect(self._on_document_size_changed)
        self._geometry.clear()
        self.relayout()

    def _on_document_size_changed(self) -> None:
        self._geometry.clear()

    def relayout(self) -> None:
        """Place the notes near the screen level with their passages, never overlapping.

        Where a passage sits in the document, and a note's height and shown text, are kept
        until the text is laid out again: scrolling only moves them."""
        self.cards = []
        content = self.view.content()
        if content is None:
            self.update()
            return
        source = self._notes()
        if source is not self._sorted_of:
            # Sorted (and their starts listed) once per list of notes, not on every scroll.
            self._sorted = sorted(source, key=attrgetter("start", "end"))  # keyed in C
            self._starts = list(map(attrgetter("start"), self._sorted))
            self._sorted_of = source
        notes = self._sorted
        if bool(notes) != getattr(self, "_has_notes", True):
            self._has_notes = bool(notes)
            self._geometry.clear()
            self._apply_margins()  # the margin opens (or folds away) before notes are placed
        if notes:
            self._place_cards(notes)
        self._place_editor()
        self.update()

    def _place_cards(self, notes: list[AnnotationRecord]) -> None:
        """The cards of the notes near the screen (``relayout``; none without notes, where
        the two hit tests of the screen's ends were made for nothing at each scroll)."""
        height = self.view.viewport().height()
        column = self.view.column_rect()
        top_offset = self.view.offset_at(QPoint(int(column.left()) + 2, 2))
        bottom_offset = self.view.offset_at(QPoint(int(column.right()) - 2, max(2, height - 2)))
        first = bisect.bisect_left(self._starts, top_offset)
        first = max(0, first - LOOK_BEHIND)
        dy = self.view.verticalScrollBar().value()
        width = self.margin_width()
        previous_bottom = -1e9
        lifted: int | None = None  # the opened note's card, lifted to end on screen
        for record in notes[first:]:
            if record.start > bottom_offset:
                break
            full = record.id == self._opened
            key = (record.id, record.start, record.note, full, width)
            geometry = self._geometry.get(key)
            if geometry is None:
                geometry = self._measure(record, full, dy)
                if geometry is None:
                    continue
                self._geometry[key] = geometry
            doc_top, card_height, text, clipped, long, folded = geometry
            anchor_y = doc_top - dy
            y = max(anchor_y, previous_bottom + GAP)
            opened = full and long
            scroll = scroll_range = 0.0
            if full:
                # Never taller than the pane (a longer note scrolls within its card), and
                # lifted so that its end is on screen; the notes above move up with it.
                room = max(height - 2 * GAP, folded)
                if card_height > room:
                    scroll_range = card_height - room
                    card_height = room
                    scroll = self._inner_scroll = min(self._inner_scroll, scroll_range)
                y = min(y, height - GAP - card_height)
                lifted = len(self.cards)
            rect = QRectF(4, y, width - 8, card_height)
            self.cards.append(
                Card(record, anchor_y, rect, text, clipped, opened, scroll, scroll_range)
            )
            previous_bottom = rect.bottom()
        if lifted is not None:
            for upper, lower in zip(
                reversed(self.cards[:lifted]), reversed(self.cards[1 : lifted + 1]), strict=True
            ):
                if upper.rect.bottom() + GAP > lower.rect.top():
                    upper.rect.moveBottom(lower.rect.top() - GAP)

    def _inner_width(self) -> int:
        return max(40, self.margin_width() - 2 * PAD - 12)

    def rendered(self, record: AnnotationRecord) -> QTextDocument:
        """The note of ``record`` as rich text at the card's width (made once per text)."""
        width = self._inner_width()
        key = (record.id, record.note or "", width)
        document = self._rendered.get(key)
        if document is None:
            if len(self._rendered) > 200:
                self._rendered.clear()
            document = self._rendered[key] = render_note(record.note or "", self._font(), width)
        return document

    def _measure(
        self, record: AnnotationRecord, full: bool, dy: int
    ) -> tuple[float, float, str, bool, bool, float] | None:
        """(passage top in document coordinates, card height, the note, whether clipped,
        whether longer than the lines a folded card shows, the card's height folded)."""
        rects = self.view.range_rects(record.start, min(record.end, record.start + 1))
        if not rects:
            return None
        metrics = QFontMetrics(self._font())
        document = self.rendered(record)
        height = document.size().height()
        # Cut after its third line by the lines themselves (a line of Chinese is taller than
        # the Latin font's spacing: three such lines were called cut, and their last was).
        shown, lines = lines_bottom(document, MAX_LINES)
        long = lines > MAX_LINES
        more = metrics.lineSpacing() if long else 0  # room for the "more" (or "less") line
        folded = shown + more + 2 * PAD
        limit = (height if full else shown if long else height) + more + 2 * PAD
        return rects[0].top() + dy, limit, record.note or "", not full and long, long, folded

    def card(self, annotation_id: str) -> Card | None:
        return next((c for c in self.cards if c.record.id == annotation_id), None)

    def card_at(self, point: QPointF) -> Card | None:
        return next((c for c in self.cards if c.rect.contains(point)), None)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        theme = self.view.typography().theme
        fill_rect(painter, self.rect(), QColor(theme.paper))
        if self._sorted or self._collapsed:  # no rule beside an article without notes
            painter.setPen(QPen(QColor(theme.rule), 1))
            painter.drawLine(0, 0, 0, self.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._collapsed:
            for card in self.cards:
                color = QColor(SWATCHES[card.record.color or NO_COLOR])
                painter.setBrush(color)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(QPointF(self.width() / 2, card.anchor_y + 8), 4, 4)
            painter.end()
            return
        font = self._font()
        painter.setFont(font)
        for card in self.cards:
            linked = card.record.id in (self._active, self._hovered, self._text_hovered)
            color = QColor(SWATCHES[card.record.color or NO_COLOR])
            # The link to the passage: from the margin's edge at the passage to the card.
            link = QColor(color)
            link.setAlpha(230 if linked else 110)
            painter.setPen(QPen(link, 1.6 if linked else 1.0))
            painter.drawLine(
                QPointF(0, card.anchor_y + 8), QPointF(card.rect.left(), card.rect.top() + 8)
            )
            background = QColor(theme.panel if not linked else theme.hover)
            painter.setBrush(background)
            painter.setPen(QPen(QColor(theme.rule), 1))
            painter.drawRoundedRect(card.rect, 4, 4)
            painter.fillRect(
                QRectF(card.rect.left(), card.rect.top() + 2, 3, card.rect.height() - 4), color
            )
            text_rect = card.rect.adjusted(PAD + 4, PAD, -PAD, -PAD)
            more = QFontMetrics(font).lineSpacing() if card.clipped or card.opened else 0
            shown = text_rect.adjusted(0, 0, 0, -more)
            self._paint_note(painter, card.record, shown, theme.ink, card.scroll)
            if card.scroll_range > 0:
                # Where in its text the card is: a thin bar at its right edge.
                share = shown.height() / (shown.height() + card.scroll_range)
                bar = QRectF(card.rect.right() - 4, shown.top(), 2, shown.height() * share)
                bar.moveTop(
                    shown.top() + (shown.height() - bar.height()) * card.scroll / card.scroll_range
                )
                painter.fillRect(bar, QColor(theme.rule))
            if card.clipped or card.opened:
                painter.setPen(QColor(theme.accent))
                painter.drawText(
                    text_rect.adjusted(0, text_rect.height() - more, 0, 0),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    self.tr("more…") if card.clipped else self.tr("less"),
                )
        painter.end()

    def _paint_note(
        self, painter: QPainter, record: AnnotationRecord, rect: QRectF, ink: str, scroll: float
    ) -> None:
        document = self.rendered(record)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = context.palette
        palette.setColor(QPalette.ColorRole.Text, QColor(ink))
        context.palette = palette
        context.clip = QRectF(0, scroll, rect.width(), rect.height())
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.topLeft() - QPointF(0, scroll))
        document.documentLayout().draw(painter, context)
        painter.restore()

    # -- pointer and keys --------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        card = self.card_at(event.position())
        hovered = card.record.id if card else None
        if hovered != self._hovered:
            self._hovered = hovered
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if card else Qt.CursorShape.ArrowCursor
            )
            self.note_hovered.emit(hovered or "")
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.note_hovered.emit("")
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._collapsed:
            self.set_collapsed(False)
            return
        card = self.card_at(event.position())
        if card is not None:
            if card.opened:
                self.fold()  # a click on an opened note folds it again
            else:
                self.set_active(card.record.id)
                self.open(card.record.id)
            self.note_clicked.emit(card.record.id)
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Over an opened note that scrolls within its card: its text moves, until its end
        # (or start) is reached; anywhere else the text beside scrolls.
        card = self.card_at(event.position())
        if card is not None and card.scroll_range > 0:
            step = -event.angleDelta().y() / 120 * 3 * QFontMetrics(self._font()).lineSpacing()
            scroll = min(max(card.scroll + step, 0.0), card.scroll_range)
            if scroll != card.scroll:
                self._inner_scroll = scroll
                self.relayout()
                event.accept()
                return
        event.ignore()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        card = self.card_at(event.position())
        if card is not None:
            self.edit(card.record.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ids = [c.record.id for c in self.cards]
        if not ids:
            super().keyPressEvent(event)
            return
        at = ids.index(self._active) if self._active in ids else -1
        if event.key() == Qt.Key.Key_Down:
            self.set_active(ids[min(at + 1, len(ids) - 1)])
            self.note_clicked.emit(self._active or "")
        elif event.key() == Qt.Key.Key_Up:
            self.set_active(ids[max(at - 1, 0)])
            self.note_clicked.emit(self._active or "")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and at >= 0:
            self.edit(ids[at])
        elif event.key() == Qt.Key.Key_Escape and self._folds_on_escape():
            self.fold()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._active is None and self.cards:
            self.set_active(self.cards[0].record.id)
        super().focusInEvent(event)

    def set_active(self, annotation_id: str | None) -> None:
        """Make this the current note, opened whole."""
        if annotation_id != self._active:
            self._active = annotation_id
            self._opened = annotation_id
            self._inner_scroll = 0.0
            self.relayout()

    def open(self, annotation_id: str) -> None:
        """Show this note whole (its card scrolls within itself when taller than the pane)."""
        if annotation_id != self._opened:
            self._opened = annotation_id
            self._inner_scroll = 0.0
            self.relayout()

    def fold(self) -> None:
        """Fold the opened note back to its first lines (it stays the current note)."""
        if self._opened is not None:
            self._opened = None
            self._inner_scroll = 0.0
            self.relayout()

    def opened(self) -> str | None:
        """The note shown whole, if any."""
        return self._opened

    def set_hovered(self, annotation_id: str | None) -> None:
        """The pointer is on this note's passage in the text: the note lights up."""
        if annotation_id != self._text_hovered:
            self._text_hovered = annotation_id
            self.update()

    def hovered(self) -> str | None:
        """The note lit by the pointer: on the note itself, or on its words in the text."""
        return self._hovered or self._text_hovered

    def active(self) -> str | None:
        return self._active

    # -- editing in place --------------------------------------------------------------------
    def edit(self, annotation_id: str) -> NoteEdit | None:
        """Open the in-place editor on a note (expanding the margin if collapsed)."""
        if self._collapsed:
            self.set_collapsed(False)
        self.set_active(annotation_id)
        card = self.card(annotation_id)
        if card is None:
            return None
        if self.editor is not None:
            if self.editor.annotation_id == annotation_id:
                self.editor.setFocus()
                return self.editor
            if self.editor.is_modified():
                # Keep what was typed in the other note: save it first.
                self.note_save_requested.emit(self.editor.annotation_id, self.editor.toPlainText())
                if self.editor is not None:
                    return self.editor
            else:
                self._close_editor()
        # The editors' module (its dialog classes and their enums) when a note is first edited.
        from reader.ui.annotating.note_editor import NoteEdit

        editor = NoteEdit(annotation_id, card.record.note or "", self)
        editor.setFont(self._font())
        editor.save_requested.connect(self._on_editor_save_requested)
        editor.cancel_requested.connect(self._on_editor_cancel_requested)
        self.editor = editor
        self._place_editor()
        editor.show()
        editor.setFocus()
        return editor

    def _place_editor(self) -> None:
        if self.editor is None:
            return
        card = self.card(self.editor.annotation_id)
        top = card.rect.top() if card is not None else 4
        height = max(120, int(card.rect.height()) if card else 120)
        self.editor.setGeometry(4, int(top), self.margin_width() - 8, height)
        if self.error_label is not None:
            self.error_label.setGeometry(
                4,
                int(top) + height + 2,
                self.margin_width() - 8,
                self.error_label.sizeHint().height() * 3,
            )

    def _on_editor_save_requested(self, text: str) -> None:
        if self.editor is not None:
            self.note_save_requested.emit(self.editor.annotation_id, text)

    def _on_editor_cancel_requested(self) -> None:
        if self.editor is None:
            return
        if self.editor.is_modified():
            from PySide6.QtWidgets import QMessageBox

            self.editor.autosave = False
            answer = QMessageBox.question(
                self,
                self.tr("Discard Changes"),
                self.tr("Discard the changes to this note?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                if self.editor is not None:
                    self.editor.autosave = True
                    self.editor.setFocus()
                return
        self._close_editor()

    def show_error(self, annotation_id: str, message: str) -> None:
        """The save was refused: the editor stays, as typed, with the reason under it."""
        if self.editor is None or self.editor.annotation_id != annotation_id:
            return
        self.editor.error = message
        self.editor.autosave = False  # retried with Ctrl+Enter, not by every click elsewhere
        self.editor.setStyleSheet("QPlainTextEdit { border: 2px solid #b2432b; }")
        if self.error_label is None:
            self.error_label = QLabel(self)
            self.error_label.setObjectName("marginNoteError")
            self.error_label.setWordWrap(True)
            self.error_label.setStyleSheet("color: #b2432b;")
        self.error_label.setText(message)
        self.error_label.show()
        self._place_editor()
        self.editor.setFocus()

    def finish_editing(self, annotation_id: str) -> None:
        if self.editor is not None and self.editor.annotation_id == annotation_id:
            self._close_editor()

    def _close_editor(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
        if self.error_label is not None:
            self.error_label.hide()
        self.view.setFocus()

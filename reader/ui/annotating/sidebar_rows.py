"""One row of the annotations sidebar, as ``AnnotationDelegate`` paints it: a colour bar, the
quote on up to two lines (broken as a typesetter breaks Chinese), a line of page · meaning ·
tags, and as much of the note as the row has room for. Every row is as high as the others, so
the list lays out 100,000 rows from one size."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.store.records import NO_COLOR, AnnotationRecord
from reader.ui.annotating.annotation_models import (
    PAGE_LABELS_ROLE,
    RECORD_ROLE,
    AnnotationListModel,
)
from reader.ui.annotating.margin import line_ends, render_note
from reader.ui.annotating.palette import SWATCHES, note_only_label

Index = QModelIndex | QPersistentModelIndex
PAD = 8
BAR = 4

ELLIPSIS = "…"


class NotePreview:
    """What a sidebar row shows of a note (``AnnotationDelegate.note_preview``): the rendered
    note, how many of its lines are shown and how many it has, their height, and where "…"
    goes (the last shown line's end and bottom) when more follows. (A plain class: the module
    is imported while the window gets ready, where each dataclass costs half a millisecond.)"""

    __slots__ = ("document", "height", "lines", "more", "total")

    def __init__(
        self, document: QTextDocument, lines: int, total: int, height: float, more: QPointF | None
    ) -> None:
        self.document, self.lines, self.total = document, lines, total
        self.height, self.more = height, more


class _FontSet:
    """The sidebar rows' fonts for one list font: body, small, italic small, their metrics and
    line heights (made once, not at each row's paint)."""

    def __init__(
        self,
        body: QFont,
        small: QFont,
        italic: QFont,
        body_metrics: QFontMetrics,
        small_metrics: QFontMetrics,
    ) -> None:
        self.key = body.key()
        self.body, self.small, self.italic = body, small, italic
        self.body_metrics, self.small_metrics = body_metrics, small_metrics
        self.line = AnnotationDelegate._line(body)
        self.small_line = AnnotationDelegate._line(small)


def split_first_line(quote: str, font: QFont, width: int) -> tuple[str, str]:
    """``quote``'s first line at ``width`` and the rest, broken where a typesetter would: between
    ideographs but never before closing punctuation (，。」…) or after opening (「（…), and at a
    space in Latin text — anywhere only when a single word is wider than the line."""
    layout = QTextLayout(quote, font)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(text_option)
    layout.beginLayout()
    line = layout.createLine()
    end = len(quote)
    if line.isValid():
        line.setLineWidth(width)
        end = line.textStart() + line.textLength()
    layout.endLayout()
    return quote[:end], quote[end:]


class AnnotationDelegate(QStyledItemDelegate):
    """One annotation: a colour bar, two lines of quote, a line of page · meaning · tags, and
    the start of the note."""

    def __init__(
        self,
        model: AnnotationListModel,
        document_title: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._document_title = document_title
        self.show_documents = False
        self._size: tuple[str, QSize] | None = None
        self._notes: dict[tuple[str, str, int], QTextDocument] = {}
        # Per font (its key): the body and small fonts, their metrics and line heights.
        self._font_sets: dict[str, _FontSet] = {}
        # Per row shown (its record, quote, width, fonts and what the details line says): the
        # quote's two lines and the details line as drawn, so a repaint (each filter, each
        # scroll step) only draws.
        self._texts: dict[tuple[object, ...], tuple[str, str, str]] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        fonts = self._font_set(option.font)
        return fonts.body, fonts.small

    def _font_set(self, font: QFont) -> _FontSet:
        key = font.key()
        fonts = self._font_sets.get(key)
        if fonts is None:
            body = QFont(font)
            small = QFont(font)
            small.setPointSizeF(max(7.0, body.pointSizeF() * 0.86))
            italic = QFont(small)
            italic.setItalic(True)
            fonts = self._font_sets[key] = _FontSet(
                body, small, italic, QFontMetrics(body), QFontMetrics(small)
            )
        return fonts

    @staticmethod
    def _line(font: QFont) -> int:
        """A line's height: room for Chinese glyphs, taller than the Latin font's spacing."""
        metrics = QFontMetrics(font)
        return int(max(metrics.lineSpacing(), metrics.height()) * 1.3)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Every row the same height (room for two lines of quote, the details and the start
        of a note), so the list lays 10,000 rows out without asking each one."""
        body, small = self._fonts(option)
        key = body.key()
        if self._size is None or self._size[0] != key:
            height = self._line(body) * 2 + self._line(small) * 2 + 2 * PAD
            self._size = (key, QSize(0, height))
        return self._size[1]

    def meta_line(self, index: Index) -> str:
        record = index.data(RECORD_ROLE)
        if record is None:
            return ""
        first, last = index.data(PAGE_LABELS_ROLE)
        page = (
            self.tr("p. %1").replace("%1", first)
            if first == last
            else self.tr("pp. %1–%2").replace("%1", first).replace("%2", last)
        )
        parts = [page]
        meaning = self._model.meanings().get(record.color or "", "")
        if record.color is None:
            parts.append(note_only_label())
        elif meaning:
            parts.append(meaning)
        if record.tags:
            parts.append(" ".join(f"#{t}" for t in record.tags))
        if self.show_documents:
            parts.insert(0, self._document_title(record.document))
        if record.orphaned:
            parts.append(self.tr("(not found in the text)"))
        return " · ".join(parts)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        record = index.data(RECORD_ROLE)
        if record is None:
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            from PySide6.QtWidgets import QStyle  # made with the first row painted (startup)

            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        rect: QRect = option.rect
        palette = option.palette
        text_color = palette.color(palette.ColorRole.Text)
        muted = palette.color(palette.ColorRole.PlaceholderText)
        color = QColor(SWATCHES[record.color or NO_COLOR])
        if record.color is None:
            painter.setPen(QPen(color, 2, Qt.PenStyle.DotLine))
            painter.drawLine(
                rect.left() + PAD // 2 + 1,
                rect.top() + PAD,
                rect.left() + PAD // 2 + 1,
                rect.bottom() - PAD,
            )
        else:
            painter.fillRect(
                QRect(rect.left() + PAD // 2, rect.top() + PAD, BAR, rect.height() - 2 * PAD),
                color,
            )
        fonts = self._font_set(option.font)
        left = rect.left() + PAD + BAR + 4
        width = max(20, rect.right() - PAD - left)
        y = rect.top() + PAD
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The quote: one line, or two with the second elided.
        painter.setFont(fonts.body)
        painter.setPen(text_color)
        line = fonts.line
        first, rest, meta = self._laid_out(index, record, fonts, width)
        painter.drawText(QRect(left, y, width, line), align, first)
        y += line
        if rest:
            painter.drawText(QRect(left, y, width, line), align, rest)
            y += line
        painter.setFont(fonts.small)
        small_line = fonts.small_line
        painter.setPen(muted)
        painter.drawText(QRect(left, y, width, small_line), align, meta)
        y += small_line
        if record.note:
            room = QRect(left, y, width, rect.bottom() - y)
            self._paint_note(painter, record.note, fonts, room, text_color)
        painter.restore()

    def note_preview(self, note: str, font: QFont, width: int, height: float) -> NotePreview:
        """``note`` rendered as the margin renders it (HTML shown as typed), ``width`` wide
        with room for "…" at a line's end: as many whole lines as ``height`` holds (at least
        one), and where the "…" goes when more of the note follows."""
        ellipsis_width = QFontMetrics(font).horizontalAdvance(ELLIPSIS)
        document = self.note_document(note, font, max(20, width - ellipsis_width))
        ends = line_ends(document)
        shown = [end for end in ends if end[0] <= height + 0.5] or ends[:1]
        bottom, right = shown[-1] if shown else (0.0, 0.0)
        more = QPointF(right, bottom) if len(shown) < len(ends) else None
        return NotePreview(document, len(shown), len(ends), bottom, more)

    def _paint_note(
        self, painter: QPainter, note: str, fonts: _FontSet, room: QRect, color: QColor
    ) -> None:
        """The note under the details: two lines below a one-line quote, one below two."""
        italic = fonts.italic
        preview = self.note_preview(note, italic, room.width(), room.height() - PAD)
        painter.save()
        painter.setFont(italic)
        painter.setPen(color)
        painter.translate(room.left(), room.top())
        clip = QRectF(0, 0, room.width(), preview.height)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        context.palette.setColor(QPalette.ColorRole.Text, color)
        painter.setClipRect(clip)
        preview.document.documentLayout().draw(painter, context)
        if preview.more is not None:
            painter.setClipping(False)
            line = QFontMetrics(italic).height()
            box = QRectF(preview.more.x(), preview.more.y() - line, room.width(), line)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), ELLIPSIS
            )
        painter.restore()

    def _laid_out(
        self, index: Index, record: AnnotationRecord, fonts: _FontSet, width: int
    ) -> tuple[str, str, str]:
        """The quote's first line, the rest elided to one line, and the details line elided,
        as drawn at ``width`` (made once per row, width, font and details)."""
        quote = str(index.data(Qt.ItemDataRole.DisplayRole) or "").replace("\n", " ")
        meta = self.meta_line(index)
        key = (record, quote, meta, width, fonts.key)
        texts = self._texts.get(key)
        if texts is None:
            first, rest = split_first_line(quote, fonts.body, width)
            elide = Qt.TextElideMode.ElideRight
            texts = (
                first,
                fonts.body_metrics.elidedText(rest, elide, width) if rest else "",
                fonts.small_metrics.elidedText(meta, elide, width),
            )
            if len(self._texts) > 512:
                self._texts.clear()
            self._texts[key] = texts
        return texts

    def note_document(self, note: str, font: QFont, width: int) -> QTextDocument:
        """The note rendered (the margin's ``render_note``), kept for the rows on screen."""
        key = (note, font.key(), width)
        document = self._notes.get(key)
        if document is None:
            if len(self._notes) > 256:
                self._notes.clear()
            document = self._notes[key] = render_note(note, font, width)
        return document

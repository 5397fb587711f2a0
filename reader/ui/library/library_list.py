"""The library: every article as title, then author · venue · year, to switch articles.

``LibraryModel`` is a real list model over the loaded documents; ``LibraryList`` is the view with
a two-line delegate.

Signals (LibraryList):
    document_activated(str): the reader picked an article (its id).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTextBoundaryFinder,
    Signal,
)
from PySide6.QtGui import (
    QCursor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.documents import Document, shared_titles
from reader.ui.window.painting import fill_rect
from reader.ui.window.viewports import own_viewport

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent  # (a hint: the class is made at the first key)

_Index = QModelIndex | QPersistentModelIndex

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
AUTHORS_ROLE = Qt.ItemDataRole.UserRole + 2
VENUE_ROLE = Qt.ItemDataRole.UserRole + 3
YEAR_ROLE = Qt.ItemDataRole.UserRole + 4
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 5


# Wrapped, from the left: the title's flags for QFontMetrics.boundingRect (made once: an enum
# operation costs a Python call per row of a library of thousands).
_TITLE_FLAGS = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)


def detail_line(doc: Document, title_shared: bool = False) -> str:
    """``author · venue issue · year`` with whatever the metadata has, then the text's id when
    that is nothing or another text bears the same title (``title_shared``): the line tells
    every text apart."""
    meta = doc.meta
    venue = " ".join(p for p in (meta.venue, meta.issue) if p)
    parts = ["、".join(meta.authors), venue, meta.year or ""]
    if title_shared or not any(parts):
        parts.append(doc.id)
    return " · ".join(p for p in parts if p)


class LibraryModel(QAbstractListModel):
    """One row per document, in library order, or as an arrangement (the Library dock's filter
    and sort, ``reader.ui.library.library_panel``) picks and orders them."""

    def __init__(self, documents: list[Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all = list(documents)
        self._docs = self._all  # the rows shown
        self._shared = shared_titles(self._all)
        self._arrange: Callable[[list[Document]], list[Document]] | None = None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        meta = doc.meta
        if role == Qt.ItemDataRole.DisplayRole:
            return doc.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                doc.title,
                *([meta.english_title] if meta.english_title else []),
                detail_line(doc, doc.title in self._shared),
            ]
            return "\n".join(lines)
        if role == DOC_ID_ROLE:
            return doc.id
        if role == AUTHORS_ROLE:
            return "、".join(meta.authors)
        if role == VENUE_ROLE:
            return meta.venue or ""
        if role == YEAR_ROLE:
            return meta.year or ""
        if role == DETAIL_ROLE:
            return detail_line(doc, doc.title in self._shared)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    def row_of(self, doc_id: str) -> int:
        for row, doc in enumerate(self._docs):
            if doc.id == doc_id:
                return row
        return -1

    def title(self, row: int) -> str:
        return self._docs[row].title

    def document(self, row: int) -> Document:
        return self._docs[row]

    def set_documents(self, documents: list[Document]) -> None:
        self.beginResetModel()
        self._all = list(documents)
        self._shared = shared_titles(self._all)
        self._docs = self._arrange(self._all) if self._arrange is not None else self._all
        self.endResetModel()

    def shown_ids(self) -> list[str]:
        """The ids of the rows shown, in their order."""
        return [doc.id for doc in self._docs]

    def documents(self) -> list[Document]:
        """Every document, shown or not, in library order."""
        return self._all

    def set_arrangement(self, arrange: Callable[[list[Document]], list[Document]] | None) -> None:
        """Show the documents ``arrange`` picks from every document, in its order (``None``:
        every one, in library order); applied again when the documents change."""
        self.beginResetModel()
        self._arrange = arrange
        self._docs = arrange(self._all) if arrange is not None else self._all
        self.endResetModel()


def without_widow(text: str, font: QFont, width: int) -> str:
    """``text`` as wrapped at ``width``, with a line break put in where Qt's wrapping would leave
    one character alone on the last line (一帶一路框架下中俄之潛在競合關 / 係): the character
    before it goes down too, as a typesetter would set it. Text that fits, or ends well, is
    returned as it is."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts: list[int] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) < 2 or len(text[starts[-1] :].strip()) != 1:
        return text
    cut = starts[-1] - 1
    while cut > starts[-2] and text[cut - 1].isspace():
        cut -= 1
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    finder.setPosition(cut)
    if cut <= starts[-2] or not finder.isAtBoundary():
        return text
    return text[:cut].rstrip() + "\n" + text[cut:]


class _TwoLineDelegate(QStyledItemDelegate):
    """The title in the list font, a little larger; below it, the details smaller and muted."""

    _PAD = 8
    KEPT_WHEN_LAID_OUT = 64  # rows whose title's box is kept when only laid out

    def __init__(self, parent: QWidget | None = None, model: LibraryModel | None = None) -> None:
        super().__init__(parent)
        self._view = parent if isinstance(parent, QListView) else None
        self._model = model
        # A library of thousands: each row's title measured once per font and width (Qt asks
        # every row's size when it lays the list out, and again on each layout).
        # (Kept for the rows painted, a screenful at a time; the rows only laid out keep
        # their heights alone, below.)
        self._sizes: dict[tuple[str, int, str], tuple[QRect, str]] = {}
        self._metrics: dict[str, QFontMetrics] = {}
        self._details: dict[str, int] = {}
        # Each row's height by width, then by title, for the font the list has (forgotten
        # when it changes): a filter lays thousands of rows out again, asking each its size.
        # Heights alone, at the last two widths (the list's, with its scroll bar and
        # without): with 3,000 texts, QSize objects held ~1.5 MB, and each title's box and
        # a key naming the font another ~2 MB (issue 22).
        self._hints: dict[int, dict[str, int]] = {}

    def forget_sizes(self) -> None:
        """The list's font changed: its rows' sizes are measured again."""
        self._hints.clear()

    def _title_font(self, font: QFont) -> QFont:
        # Regular weight, a little larger, in the text colour above the muted details: a bold
        # title loaded the interface font's bold face for the list alone (3 MB of memory;
        # issue 22).
        title = QFont(font)
        title.setPointSizeF(font.pointSizeF() * 1.08)
        return title

    def _title_rect(self, font: QFont, width: int, text: str) -> tuple[QRect, str]:
        """The title's box at ``width`` and the title as drawn (no character alone on its
        last line)."""
        rect, shown = self._title_sized(font, font.key(), width, text)
        return QRect(rect), shown

    def _title_sized(
        self, font: QFont, font_key: str, width: int, text: str, keep: bool = True
    ) -> tuple[QRect, str]:
        # (The cached box itself, not a copy; the font's key given: a library of thousands
        # is measured row by row, and each call to Qt costs. ``keep``: the box is kept for
        # painting; a row only laid out keeps its height, in ``_hints``.)
        width = max(40, width)
        key = (font_key, width, text)
        sized = self._sizes.get(key)
        if sized is None:
            metrics = self._metrics.get(font_key)
            if metrics is None:
                metrics = self._metrics[font_key] = QFontMetrics(self._title_font(font))
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000), _TITLE_FLAGS, text)
            shown = text
            if rect.height() > metrics.height() * 1.5:  # wrapped: check the last line
                shown = without_widow(text, self._title_font(font), width)
                if shown != text:
                    rect = metrics.boundingRect(QRect(0, 0, width, 10_000), _TITLE_FLAGS, shown)
            rect.setHeight(int(rect.height() * 1.3))
            sized = (rect, shown)
            if keep:
                if len(self._sizes) > 2_000:
                    self._sizes.clear()
                self._sizes[key] = sized
        return sized

    def _inner_width(self, option: QStyleOptionViewItem) -> int:
        width = self._view.viewport().width() if self._view is not None else 240
        return width - 2 * self._PAD - 4

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        # (The title from the model itself: through index.data() each of thousands of rows
        # cost a call from Qt into Python.)
        model = self._model
        title = model.title(index.row()) if model is not None else str(index.data())
        width = self._inner_width(option)
        heights = self._hints.get(width)
        if heights is None:
            while len(self._hints) >= 2:  # the oldest width goes
                del self._hints[next(iter(self._hints))]
            heights = self._hints[width] = {}
        height = heights.get(title)
        if height is None:
            font: QFont = option.font
            font_key = font.key()
            # The first rows laid out keep their boxes too (a small library's every row, and
            # the rows a list shows first, are then measured once, not again when painted).
            keep = len(self._sizes) < self.KEPT_WHEN_LAID_OUT
            box = self._title_sized(font, font_key, width, title, keep)[0]
            height = box.height() + self._detail_height(font, font_key) + 3 * self._PAD
            heights[title] = height
        return QSize(0, height)

    def _detail_height(self, font: QFont, key: str | None = None) -> int:
        # The primary (Latin) font's metrics understate CJK glyphs from the fallback family.
        if key is None:
            key = font.key()
        height = self._details.get(key)
        if height is None:
            height = self._details[key] = int(QFontMetrics(self._detail_font(font)).height() * 1.35)
        return height

    @staticmethod
    def _detail_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.86))
        return small

    def _states(self, index: _Index) -> tuple[bool, bool]:
        """Whether the row is selected, and whether the pointer is over it — asked of the view,
        not of the option's state: reading that makes PySide create QStyle's class with its
        dozens of enums (~0.4 MB and ~4 ms, for a list that needs two of their values)."""
        view = self._view
        if view is None:
            return False, False
        selection = view.selectionModel()
        selected = selection is not None and selection.isSelected(index)
        viewport = view.viewport()
        pointer = viewport.mapFromGlobal(QCursor.pos())
        hovered = viewport.underMouse() and view.indexAt(pointer).row() == index.row()
        return selected, hovered

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected, hovered = self._states(index)
        painter.save()
        if selected:
            fill_rect(painter, rect, palette.color(QPalette.ColorRole.Highlight))
        elif hovered:
            fill_rect(painter, rect, palette.color(QPalette.ColorRole.AlternateBase))
        inner = rect.adjusted(self._PAD + 4, self._PAD, -self._PAD, -self._PAD)
        title_font = self._title_font(opt.font)
        painter.setFont(title_font)
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        title_rect, title = self._title_rect(opt.font, inner.width(), str(index.data()))
        title_rect.moveTopLeft(inner.topLeft())
        painter.drawText(
            title_rect,
            int(
                Qt.TextFlag.TextWordWrap
                | Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextDontClip
            ),
            title,
        )
        detail_font = self._detail_font(opt.font)
        painter.setFont(detail_font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        detail_metrics = QFontMetrics(detail_font)
        detail = detail_metrics.elidedText(
            str(index.data(DETAIL_ROLE)), Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(
            QRect(
                inner.left(),
                title_rect.bottom() + self._PAD // 2,
                inner.width(),
                self._detail_height(opt.font),
            ),
            int(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextDontClip
            ),
            detail,
        )
        painter.restore()


class LibraryList(QListView):
    """The list of articles."""

    document_activated = Signal(str)
    up_from_top = Signal()  # Up on the first row (the panel moves to its filter field)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)  # (PySide would create every widget class to name Qt's own)
        self.setObjectName("library")
        self.setModel(model)
        self._model = model
        self._delegate = _TwoLineDelegate(self, model)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        # Rows wrap to the list's width, however narrow the dock: nothing to scroll sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Library"))
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        # The open article, marked again when the rows change (a filter, a sort, a reload)
        # and it is among them.
        self._open: str | None = None
        model.modelReset.connect(self._on_model_reset)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # (Here, not in an event filter of the panel's: that ran Python for each of the
        # list's events, a dozen before the window was ready.)
        if (
            event.key() == Qt.Key.Key_Up
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.currentIndex().row() <= 0
        ):
            self.up_from_top.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._delegate.forget_sizes()
        super().changeEvent(event)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._open = str(current.data(DOC_ID_ROLE))
            self.document_activated.emit(self._open)

    def _on_model_reset(self) -> None:
        if self._open is not None:
            self.show_document(self._open)

    def show_document(self, doc_id: str) -> None:
        """Mark ``doc_id`` as the current article without announcing it again."""
        self._open = doc_id
        row = self._model.row_of(doc_id)
        if row < 0:
            return
        index = self._model.index(row, 0)
        if self.currentIndex() == index:
            return
        blocked = self.selectionModel().blockSignals(True)
        try:
            self.selectionModel().setCurrentIndex(
                index, self.selectionModel().SelectionFlag.ClearAndSelect
            )
        finally:
            self.selectionModel().blockSignals(blocked)
        self.viewport().update()

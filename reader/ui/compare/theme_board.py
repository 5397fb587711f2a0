"""The theme board of compare mode: every tag with its count in each of the two articles (a
theme found in only one of them is marked), the passages of the chosen theme in two columns, one
per article, with next / previous, and the theme's memo.

``ThemeTableModel`` (themes × counts) and ``PassageListModel`` (one article's passages of a
theme) are real item models, in :mod:`~reader.ui.compare.themes` with the themes themselves.
``PassageColumn`` is one article's list with its stepping buttons;
``ThemeBoard`` holds the theme table, the memo editor and both columns (the compare window lays
the columns out under their panes). A theme includes its children (``地區`` counts
``地區/中亞``), as every tag filter in Meipi does; tags are matched by folding (中亚 is 中亞).

Signals (ThemeBoard):
    theme_chosen(str): a theme was chosen (its folding key; ``''`` when none is).
    themes_reloaded(): counts and passages were read again from the store.

Signals (PassageColumn):
    passage_activated(int): the reader picked or stepped to a passage (its row).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Document, Library
from reader.folding import fold_key
from reader.ui.annotating.margin import render_note
from reader.ui.compare.theme_memo import ThemeMemoEditor
from reader.ui.compare.themes import (
    COUNT_ROLE,
    HEADER_ROLE,
    KEY_ROLE,
    RECORD_ROLE,
    SIDES,
    Index,
    PassageListModel,
    ThemeRow,
    ThemeTableModel,
    build_themes,
    short_label,
    theme_passages,
)
from reader.ui.window.wrapping_label import WrappingLabel

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord
    from reader.ui.window.services import Services


# ---------------------------------------------------------------------------------------------
# Drawing a passage


NOTE_LINES = 3  # a passage's note shows this many lines at most


def passage_document(header: str, note: str | None, font: QFont, width: float) -> QTextDocument:
    """A passage row: its page and quote as typed, then its note rendered as the margin renders
    it (Markdown; HTML in the note shown as typed, never interpreted)."""
    if note:
        document = render_note(note, font, width)
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.insertBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.insertText(header, QTextCharFormat())
    else:
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        document.setPlainText(header)
        document.setTextWidth(width)
    return document


class PassageDelegate(QStyledItemDelegate):
    """A passage row with its note's Markdown rendered (as in the margin)."""

    MARGIN = 4

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        rec = index.data(RECORD_ROLE)
        width = max(40, option.rect.width() - 2 * self.MARGIN)
        header = str(index.data(HEADER_ROLE) or "")
        return passage_document(header, rec.note if rec is not None else None, option.font, width)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        if widget is not None and isinstance(widget, QAbstractItemView):
            opt.rect = QRect(0, 0, widget.viewport().width(), 0)
        document = self._document(opt, index)
        height = document.size().height()
        if document.blockCount() > 1:  # a long note shows its first lines (its tooltip has all)
            header = document.begin().layout().boundingRect().height()
            line = QFontMetrics(opt.font).lineSpacing()
            height = min(height, header + NOTE_LINES * line)
        return QSize(int(document.idealWidth()), int(height) + 2 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = self._document(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left() + self.MARGIN, opt.rect.top() + self.MARGIN)
        clip = QRectF(0, 0, opt.rect.width() - self.MARGIN, opt.rect.height() - self.MARGIN)
        painter.setClipRect(clip)
        context.clip = clip
        document.documentLayout().draw(painter, context)
        painter.restore()


# ---------------------------------------------------------------------------------------------
# Widgets

MIN_BOARD_WIDTH = 230


class PassageColumn(QWidget):
    """One article's passages of the theme, with previous / next."""

    passage_activated = Signal(int)

    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"passageColumn{side}")
        self.model = PassageListModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("passageColumnTitle")
        self.position_label = QLabel(self)
        self.position_label.setObjectName("passagePosition")
        self.previous_button = QToolButton(self)
        self.previous_button.setText(self.tr("◀ Previous"))
        self.previous_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.list = QListView(self)
        self.list.setObjectName("passageList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(PassageDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(2)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.empty_label = WrappingLabel(self.list.viewport())
        self.empty_label.setObjectName("passageListEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)  # drawn muted
        # Placed whenever the list's viewport changes size: the column's own resize comes
        # before its children's when it is sized before it is shown (X11), and a scroll bar
        # or a splitter resizes the list alone.
        self.list.viewport().installEventFilter(self)
        self._article = ""
        self._theme = ""

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.position_label)
        head.addWidget(self.previous_button)
        head.addWidget(self.next_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(3)
        column.addLayout(head)
        column.addWidget(self.list, 1)

        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.list.activated.connect(self._on_list_activated)
        self.list.clicked.connect(self._on_list_activated)
        self._update_position()

    def set_title(self, text: str, article: str = "") -> None:
        self.title.setText(text)
        self._article = article or text
        self._update_position()

    def set_theme_name(self, name: str) -> None:
        """The theme shown (for what an empty list says)."""
        self._theme = name
        self._update_position()

    def set_passages(
        self,
        records: Sequence[AnnotationRecord],
        doc: Document | None = None,
        *,
        keep_current: bool = False,
    ) -> None:
        """Show these passages (of ``doc``, whose page labels they cite); with
        ``keep_current``, the passage stepped to stays chosen (quietly: the pane does not move)
        when it is still among them."""
        current = self.current_record() if keep_current else None
        self.model.set_passages(records, doc)
        if current is not None:
            row = next((i for i, r in enumerate(records) if r.id == current.id), -1)
            if row >= 0:
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        self._update_position()

    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def current_record(self) -> AnnotationRecord | None:
        row = self.current_row()
        value = self.model.index(row).data(RECORD_ROLE) if row >= 0 else None
        return value

    def set_current(self, row: int) -> None:
        """Select ``row`` and announce it (the pane scrolls there)."""
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        self._update_position()
        self.passage_activated.emit(row)

    def step(self, delta: int) -> int:
        """The next (``+1``) or previous (``-1``) passage, round the end; -1 when none."""
        count = self.model.rowCount()
        if not count:
            return -1
        row = self.current_row()
        row = (0 if delta > 0 else count - 1) if row < 0 else (row + delta) % count
        self.set_current(row)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.list.viewport():
            self._place_empty_label()
        return super().eventFilter(watched, event)

    def _place_empty_label(self) -> None:
        # Centred in the list, never shorter than its lines (or they show as fragments).
        room = self.list.viewport().rect().adjusted(12, 4, -12, -4)
        needed = self.empty_label.needed_height(room.width())
        if needed > room.height():
            room.setTop(max(0, room.center().y() - needed // 2))
            room.setHeight(needed)
        self.empty_label.setGeometry(room)

    def _update_position(self) -> None:
        count = self.model.rowCount()
        self.empty_label.setVisible(count == 0)
        row = self.current_row()
        self.previous_button.setEnabled(count > 0)
        self.next_button.setEnabled(count > 0)
        if not count:
            self.position_label.setText(self.tr("no passages"))
            self.empty_label.setText(
                self.tr("%1 is not among the themes of %2.")
                .replace("%1", self._theme)
                .replace("%2", self._article)
                if self._theme
                else self.tr("Choose a theme to see its passages here.")
            )
        elif row < 0:
            self.position_label.setText(self.tr("%1 passages").replace("%1", str(count)))
        else:
            self.position_label.setText(
                self.tr("%1 of %2").replace("%1", str(row + 1)).replace("%2", str(count))
            )
        self._place_empty_label()

    def _on_previous_button_clicked(self) -> None:
        self.step(-1)

    def _on_next_button_clicked(self) -> None:
        self.step(1)

    def _on_list_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.set_current(index.row())


class ThemeBoard(QWidget):
    """The theme table and the memo; owns the two passage columns."""

    theme_chosen = Signal(str)
    themes_reloaded = Signal()

    def __init__(self, services: Services, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("themeBoard")
        self._services = services
        self._library = library
        self._doc_ids: tuple[str, str] | None = None
        self._records: list[AnnotationRecord] = []
        self._theme_key = ""
        self._theme_name = ""

        self.model = ThemeTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(COUNT_ROLE)
        self.proxy.setFilterKeyColumn(ThemeTableModel.COL_THEME)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.heading = QLabel(self.tr("Themes"), self)
        self.heading.setObjectName("themeBoardHeading")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter themes"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter themes"))
        self.table = QTableView(self)
        self.table.setObjectName("themeTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ThemeTableModel.COL_THEME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ThemeTableModel.COL_THEME, QHeaderView.ResizeMode.Stretch)
        for col in (ThemeTableModel.COL_LEFT, ThemeTableModel.COL_RIGHT, ThemeTableModel.COL_ONLY):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.status = WrappingLabel(self)
        self.status.setObjectName("themeBoardStatus")
        self.status.setWordWrap(True)

        self.memo = ThemeMemoEditor(services, self)
        self.columns = (PassageColumn(0), PassageColumn(1))

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.filter_edit)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.status)
        # Wide enough for its table and its messages on a few lines (squeezed to a sliver,
        # they wrapped a word a line and were cut).
        self.setMinimumWidth(MIN_BOARD_WIDTH)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.memo)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.splitter)

        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.memo.memo_saved.connect(self._on_memo_saved)
        services.annotations_changed.connect(self._on_annotations_changed)

    # -- what is compared --------------------------------------------------------------------
    def documents(self) -> tuple[str, str] | None:
        return self._doc_ids

    def set_documents(self, left: str, right: str) -> None:
        """Compare these two articles (counts and passages read again)."""
        self._doc_ids = (left, right)
        self.reload()

    def reload(self) -> None:
        """Read tags, annotations and memos of the two articles from the store."""
        if self._doc_ids is None:
            return
        docs = [self._library.documents.get(d) for d in self._doc_ids]
        labels = [
            short_label(d) if d else doc_id for d, doc_id in zip(docs, self._doc_ids, strict=True)
        ]
        if labels[0] == labels[1] and self._doc_ids[0] != self._doc_ids[1]:
            labels = [f"{label} ({d})" for label, d in zip(labels, self._doc_ids, strict=True)]
        for column, doc, label in zip(self.columns, docs, labels, strict=True):
            column.set_title(f"{label}〈{doc.title}〉" if doc else label, label)
        rows: list[ThemeRow] = []
        self._records = []
        store = self._services.store()
        if store is None:
            self.status.setText(self._services.store_error or self.tr("No database."))
        else:
            from reader.errors import MeipiError
            from reader.ops.notes import themes

            try:
                tags, self._records, memos = themes(store, list(set(self._doc_ids)))
            except MeipiError as exc:
                self.status.setText(str(exc))
            else:
                rows = build_themes(tags, self._records, self._doc_ids, memos)
                self.status.setText(
                    self.tr("No tags yet: tag passages in either article to compare them.")
                    if not rows
                    else ""
                )
        self.model.set_themes(rows, (labels[0], labels[1]))
        # Keep the chosen theme (by key) and each column's passage, when they are still there.
        if self._theme_key and self.model.row_of(self._theme_key) >= 0:
            self._select_key(self._theme_key)
            self._show_passages(keep_current=True)
        else:
            self._set_theme("", "")
        self.themes_reloaded.emit()

    # -- choosing ----------------------------------------------------------------------------
    def current_theme(self) -> str:
        """The chosen theme's folding key ('' when none)."""
        return self._theme_key

    def current_theme_name(self) -> str:
        return self._theme_name

    def choose_theme(self, spelling: str) -> bool:
        """Choose a theme by any spelling (中亚 is 中亞); False when no such tag."""
        key = fold_key(spelling.strip()).strip("/")
        if self.model.row_of(key) < 0:
            return False
        self._select_key(key)
        return True

    def passages(self, side: int) -> list[AnnotationRecord]:
        return self.columns[side].model.records()

    def _select_key(self, key: str) -> None:
        source = self.model.index(self.model.row_of(key), 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # hidden by the filter
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(source)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        key = current.data(KEY_ROLE)
        source = self.proxy.mapToSource(current)
        row = self.model.themes()[source.row()]
        if key != self._theme_key:
            self._set_theme(row.key, row.name)

    def _set_theme(self, key: str, name: str) -> None:
        self._theme_key, self._theme_name = key, name
        self.memo.set_theme(name or None)
        self._show_passages()
        self.theme_chosen.emit(key)

    def _show_passages(self, *, keep_current: bool = False) -> None:
        for side, column in zip(SIDES, self.columns, strict=True):
            column.set_theme_name(self._theme_name)
            if self._theme_key and self._doc_ids is not None:
                doc_id = self._doc_ids[side]
                column.set_passages(
                    theme_passages(self._records, doc_id, self._theme_key),
                    self._library.documents.get(doc_id),
                    keep_current=keep_current,
                )
            else:
                column.set_passages([])

    # -- slots -------------------------------------------------------------------------------
    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def _on_memo_saved(self, _tag: str) -> None:
        # The ✎ mark and the tooltip follow the memo (no need to read passages again).
        store = self._services.store()
        if store is None or self._doc_ids is None:
            return
        from reader.errors import MeipiError
        from reader.ops.notes import themes

        try:
            tags, _none, memos = themes(store, None)
        except MeipiError:
            return
        rows = build_themes(tags, self._records, self._doc_ids, memos)
        key = self._theme_key
        headers = (
            self.model.headerData(ThemeTableModel.COL_LEFT, Qt.Orientation.Horizontal),
            self.model.headerData(ThemeTableModel.COL_RIGHT, Qt.Orientation.Horizontal),
        )
        self.model.set_themes(rows, (str(headers[0]), str(headers[1])))
        if key and self.model.row_of(key) >= 0:
            self._select_key(key)

    def _on_annotations_changed(self, _doc_id: str) -> None:
        self.reload()
        self.memo.reload_if_unchanged()


def next_shortcuts(side: int) -> tuple[QKeySequence, QKeySequence]:
    """Keys for next / previous passage: F7 / Shift+F7 on the left, F8 / Shift+F8 on the right."""
    key = "F7" if side == 0 else "F8"
    return QKeySequence(key), QKeySequence(f"Shift+{key}")

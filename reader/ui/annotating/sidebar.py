"""The annotations sidebar: the open article's annotations in text order (or every article's),
each with its quote in the current view's script, colour (and its meaning), tags, page and the
start of its note (each row painted by ``sidebar_rows``); filters by colour, tag (a parent
includes its children) and free text (script-insensitive, over quotes, notes and tags), each
with counts.

The sidebar only shows and asks: it never writes. Activating a row (click, Enter) asks to go
to the passage; F2 / Delete ask to edit / delete it.

Signals:
    annotation_activated(str): go to this annotation's passage (its id).
    edit_requested(str): edit this annotation.
    delete_requested(str): delete this annotation.
    filters_changed(): the filters (or the scope) changed.
    scope_changed(bool): the reader chose every article's annotations (True) or the open
        one's: the feature reads what the scope shows (every article's on a worker thread,
        while ``set_loading(True)`` says so in place of the count).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.annotating.annotation_models import (
    RECORD_ROLE,
    AnnotationFilterProxy,
    AnnotationListModel,
)
from reader.ui.annotating.sidebar_rows import AnnotationDelegate
from reader.ui.annotating.tag_models import ColorModel, TagTreeModel
from reader.ui.window.viewports import own_viewport
from reader.ui.window.whole_rows import ChineseRowDelegate, fit_rows

TAG_ROWS = 5  # the Tags box shows this many whole rows (more scroll)


class AnnotationList(QListView):
    """The list: Enter goes to the passage, F2 edits, Delete deletes."""

    activated_id = Signal(str)
    edit_id = Signal(str)
    delete_id = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)  # (PySide would create every widget class to name Qt's own)

    def current_id(self) -> str | None:
        record = self.currentIndex().data(RECORD_ROLE)
        return record.id if record is not None else None

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent):
            current = self.current_id()
            key = event.key()
            if current and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activated_id.emit(current)
                return
            if current and key == Qt.Key.Key_F2:
                self.edit_id.emit(current)
                return
            if current and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_id.emit(current)
                return
            super().keyPressEvent(event)


class _WrappingList(QListView):
    """A list laid out left to right, wrapping, as high as its rows: a narrow sidebar puts
    the colours on more rows instead of cutting the last one off."""

    def updateGeometries(self) -> None:
        super().updateGeometries()
        height = self.contentsSize().height() + 2 * self.frameWidth()
        if height > 2 * self.frameWidth() and height != self.height():
            self.setFixedHeight(height)


class Sidebar(QWidget):
    annotation_activated = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)
    filters_changed = Signal()
    scope_changed = Signal(bool)

    def __init__(
        self,
        model: AnnotationListModel,
        document_title: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotationSidebar")
        self.model = model
        self.proxy = AnnotationFilterProxy(self)
        self.proxy.setSourceModel(model)
        self._current_document: str | None = None
        self._loading = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("This article"), "document")
        self.scope.addItem(self.tr("All articles"), "all")
        self.scope.setAccessibleName(self.tr("Which annotations"))
        self.scope.currentIndexChanged.connect(self._on_scope_current_index_changed)
        top.addWidget(self.scope, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("annotationCount")
        top.addWidget(self.count_label)
        layout.addLayout(top)

        search_row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("annotationFilter")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Filter quotes, notes and tags…"))
        self.search.setAccessibleName(self.tr("Filter annotations"))
        self.search.textChanged.connect(self._on_search_text_changed)
        search_row.addWidget(self.search, 1)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear every filter"))
        self.clear_button.clicked.connect(self.clear_filters)
        search_row.addWidget(self.clear_button)
        layout.addLayout(search_row)

        # Each widget made in the parent it is shown in: one made elsewhere and moved was
        # polished again at each move (the colours laid out five times as the window got
        # ready, the sidebar made before its dock).
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        filters = QWidget(self.splitter)
        self.colors = ColorModel(self)
        self.color_view = _WrappingList(filters)
        self.color_view.setObjectName("colorFilter")
        self.color_view.setModel(self.colors)
        self.color_view.setAccessibleName(self.tr("Filter by colour"))
        self.color_view.setFlow(QListView.Flow.LeftToRight)
        self.color_view.setWrapping(True)
        self.color_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.color_view.setSpacing(1)
        self.color_view.setUniformItemSizes(False)
        self.color_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.colors.dataChanged.connect(self._on_colors_data_changed)

        self.tags = TagTreeModel(self, checkable=True)
        self.tag_view = QTreeView(filters)
        self.tag_view.setObjectName("tagFilter")
        self.tag_view.setModel(self.tags)
        self.tag_view.setAccessibleName(self.tr("Filter by tag"))
        self.tag_view.setHeaderHidden(True)
        self.tag_view.setRootIsDecorated(True)
        self.tag_view.setUniformRowHeights(True)
        self.tag_view.setItemDelegate(ChineseRowDelegate(self.tag_view))
        self.tag_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The tag takes the width its count leaves (the count's column stretched: a tag was
        # cut to "Energy …" beside blank space). The count is as wide as its digits (the
        # view's measure: the hidden header's "Annotations" would count in the header's).
        header = self.tag_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        # (Once for a run of changes: new counts come as one signal per parent tag.)
        self._tag_width_timer = QTimer(self)
        self._tag_width_timer.setSingleShot(True)
        self._tag_width_timer.setInterval(0)
        self._tag_width_timer.timeout.connect(self._on_tag_width_timer_timeout)
        for changed in (self.tags.modelReset, self.tags.dataChanged, self.tags.layoutChanged):
            changed.connect(self._tag_width_timer.start)
        self.tags.dataChanged.connect(self._on_tags_data_changed)
        self.tags.modelReset.connect(self.tag_view.expandAll)
        self.tags.modelReset.connect(self.fit_tag_rows)

        self.list = AnnotationList(self.splitter)
        self.list.setObjectName("annotationList")
        self.list.setAccessibleName(self.tr("Annotations"))
        self.list.setModel(self.proxy)
        self.delegate = AnnotationDelegate(model, document_title, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Every row as high as the others (the delegate's sizeHint): the list lays out a
        # filter's rows, 100,000 of them too, from one size, without asking each row's
        # (issue 22). It lays them out in one pass: in batches, the rows on screen were drawn
        # only once every batch was laid out.
        self.list.setUniformItemSizes(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu_requested)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.activated_id.connect(self.annotation_activated)
        self.list.edit_id.connect(self.edit_requested)
        self.list.delete_id.connect(self.delete_requested)

        filters_layout = QVBoxLayout(filters)
        filters_layout.setContentsMargins(0, 0, 0, 0)
        filters_layout.setSpacing(2)
        filters_layout.addWidget(QLabel(self.tr("Colours"), filters))
        filters_layout.addWidget(self.color_view)
        filters_layout.addWidget(QLabel(self.tr("Tags"), filters))
        filters_layout.addWidget(self.tag_view)
        filters_layout.addStretch(1)
        self.fit_tag_rows()
        self.splitter.addWidget(filters)
        self.splitter.addWidget(self.list)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 400])
        layout.addWidget(self.splitter, 1)

        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._on_proxy_rows_changed)
        model.dataChanged.connect(self._on_proxy_rows_changed)
        # Rows arrive in runs (one signal each): the counts are made once they all arrived.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self.update_counts)
        self.update_counts()

    def _on_tag_width_timer_timeout(self) -> None:
        # The count with the most digits sets the width (digits are as wide as one another):
        # measuring every row's, Qt's resizeColumnToContents, cost 27 ms a change at 3,600 tags.
        keys = self.tags.keys()
        if keys:
            widest = self.tags.index_of(max(keys, key=self.tags.count_of), 1)
            self.tag_view.header().resizeSection(1, self.tag_view.sizeHintForIndex(widest).width())

    def fit_tag_rows(self) -> None:
        """The Tags box: a whole number of rows high (the last one was cut)."""
        fit_rows(self.tag_view, TAG_ROWS)

    # -- scope and filters ---------------------------------------------------------------------
    def set_current_document(self, doc_id: str | None) -> None:
        self._current_document = doc_id
        if self.scope.currentData() == "document":
            self.proxy.set_document(doc_id)
        self.update_counts()

    def set_all_articles(self, all_articles: bool) -> None:
        self.scope.setCurrentIndex(1 if all_articles else 0)

    def all_articles(self) -> bool:
        """Whether every article's annotations are shown (else the open one's)."""
        return bool(self.scope.currentData() == "all")

    def set_loading(self, loading: bool) -> None:
        """Every article's annotations are being read (said in place of the count)."""
        self._loading = loading
        self.update_counts()

    def _on_scope_current_index_changed(self, _index: int) -> None:
        everything = self.all_articles()
        self.delegate.show_documents = everything
        self.proxy.set_document(None if everything else self._current_document)
        self._filters_changed()
        self.scope_changed.emit(everything)

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._filters_changed()

    def _on_colors_data_changed(self, *_args: object) -> None:
        checked = self.colors.checked()
        if set(checked) != self.proxy.colors():
            self.proxy.set_colors(checked)
            self._filters_changed()

    def _on_tags_data_changed(self, *_args: object) -> None:
        checked = self.tags.checked()
        if set(checked) != self.proxy.tag_keys():
            self.proxy.set_tags(checked)
            self._filters_changed()

    def set_text_filter(self, text: str) -> None:
        self.search.setText(text)

    def set_color_filter(self, colors: list[str]) -> None:
        self.colors.set_checked(colors)

    def set_tag_filter(self, keys: list[str]) -> None:
        self.tags.set_checked(keys)

    def clear_filters(self) -> None:
        self.search.clear()
        self.colors.set_checked([])
        self.tags.set_checked([])

    def _filters_changed(self) -> None:
        self.update_counts()
        self.filters_changed.emit()

    def _on_proxy_rows_changed(self, *_args: object) -> None:
        self._counts_timer.start()

    def update_counts(self) -> None:
        """The counts beside colours and tags, and how many annotations are shown."""
        self._counts_timer.stop()
        counts = self.proxy.counts()
        self.colors.set_counts(counts.colors)
        self.tags.set_counts(counts.tags)
        shown, total = self.proxy.rowCount(), counts.total
        if self._loading:
            self.count_label.setText(self.tr("Reading…"))
            return
        self.count_label.setText(
            self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total))
            if shown != total
            else self.tr("%n annotation(s)", "", total)
        )

    # -- the list ------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        """The ids shown, in order."""
        return [
            self.proxy.index(row, 0).data(RECORD_ROLE).id for row in range(self.proxy.rowCount())
        ]

    def select(self, annotation_id: str) -> None:
        row = self.model.row_of(annotation_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row))
        if index.isValid():
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def current_id(self) -> str | None:
        return self.list.current_id()

    def _on_list_clicked(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE)
        if record is not None:
            self.annotation_activated.emit(record.id)

    def _on_list_context_menu_requested(self, point: QPoint) -> None:
        index = self.list.indexAt(point)
        record = index.data(RECORD_ROLE)
        if record is None:
            return
        menu = QMenu(self)
        go = QAction(self.tr("&Go to Passage"), menu)
        go.setShortcut(QKeySequence(Qt.Key.Key_Return))
        go.triggered.connect(lambda: self.annotation_activated.emit(record.id))
        edit = QAction(self.tr("&Edit…"), menu)
        edit.setShortcut(QKeySequence(Qt.Key.Key_F2))
        edit.triggered.connect(lambda: self.edit_requested.emit(record.id))
        delete = QAction(self.tr("&Delete"), menu)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.triggered.connect(lambda: self.delete_requested.emit(record.id))
        menu.addActions([go, edit, delete])
        menu.exec(self.list.viewport().mapToGlobal(point))

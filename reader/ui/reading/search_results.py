"""Search across all articles: the hits listed by article, each with its page and context, in a
dock; clicking one asks to open the article there.

:class:`SearchResultsModel` is a two-level tree: an article (its title and hit count), then its
hits (context with the hit, page). ``MATCH_ROLE`` gives a hit's ``reader.search.Match``.

Signals (SearchResultsPanel):
    match_activated(object): a hit was clicked or activated (the ``Match``).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Library, shared_titles
from reader.search import Match

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
DOC_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex
LEAD_CHARS = 6
_TOP = 0xFFFFFFFF  # internal id of an article row (a hit row holds its article's row)


class SearchResultsModel(QAbstractItemModel):
    """Articles with hits, and under each its hits, in text order."""

    COL_CONTEXT, COL_PAGE = range(2)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._groups: list[tuple[str, list[Match]]] = []
        self._shared: frozenset[str] = frozenset()  # titles two articles with hits bear
        self.query = ""

    def set_matches(self, query: str, matches: list[Match]) -> None:
        """Replace the results (``matches`` grouped by document, as ``reader.search.search``
        gives them)."""
        self.beginResetModel()
        self.query = query
        groups: dict[str, list[Match]] = {}
        for m in matches:
            groups.setdefault(m.document, []).append(m)
        self._groups = list(groups.items())
        self._shared = shared_titles(self._library.documents[d] for d in groups)
        self.endResetModel()

    def replace_document(self, doc_id: str, matches: list[Match]) -> None:
        """The same hits of one article presented afresh (after a view switch)."""
        for row, (group_id, old) in enumerate(self._groups):
            if group_id == doc_id and len(old) == len(matches):
                self._groups[row] = (doc_id, matches)
                if matches:
                    parent = self.index(row, 0)
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(len(matches) - 1, 1, parent)
                    )
                return

    def total(self) -> int:
        return sum(len(ms) for _, ms in self._groups)

    def documents(self) -> list[str]:
        return [doc_id for doc_id, _ in self._groups]

    def matches(self, doc_id: str | None = None) -> list[Match]:
        return [m for d, ms in self._groups if doc_id in (None, d) for m in ms]

    def index_of(self, match: Match) -> QModelIndex:
        for row, (doc_id, ms) in enumerate(self._groups):
            if doc_id == match.document:
                for child, m in enumerate(ms):
                    if (m.start, m.end) == (match.start, match.end):
                        return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    # -- the model -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(int(index.internalId()), 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            doc_id, ms = self._groups[index.row()]
            if role == DOC_ROLE:
                return doc_id
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                if index.column() == self.COL_CONTEXT:
                    title = self._library.documents[doc_id].title
                    if title in self._shared:  # two articles of one title: their ids tell
                        title = f"{title} · {doc_id}"
                    return self.tr("%1 (%2)").replace("%1", title).replace("%2", str(len(ms)))
                return None
            return None
        doc_id, ms = self._groups[int(index.internalId())]
        m = ms[index.row()]
        if role == MATCH_ROLE:
            return m
        if role == DOC_ROLE:
            return doc_id
        if index.column() == self.COL_PAGE:
            if role == Qt.ItemDataRole.DisplayRole:
                # The printed label (``p. i`` in an imported PDF's front matter).
                label = self._library.documents[doc_id].label_of(m.start)
                return self.tr("p. %1").replace("%1", label)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        # A few characters before the hit, so a narrow list still shows the hit itself.
        before = m.before[-LEAD_CHARS:]
        lead = "…" if len(before) < len(m.before) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{lead}{before}{m.text}{m.after}"
        if role == HTML_ROLE:
            e = html.escape
            return f"{lead}{e(before)}<b><u>{e(m.text)}</u></b>{e(m.after)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{m.before}【{m.text}】{m.after}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_CONTEXT:
                return self.tr("Hit")
            if section == self.COL_PAGE:
                return self.tr("Page")
        return None


class _ContextDelegate(QStyledItemDelegate):
    """Draws a hit's context with the hit itself in bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        markup = index.data(HTML_ROLE)
        if not isinstance(markup, str):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setHtml(markup)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        top = max(0.0, (rect.height() - doc.size().height()) / 2)
        painter.translate(0, top)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), int(size.height() * 1.15))


class SearchResultsPanel(QDockWidget):
    """The dock listing all-articles hits."""

    match_activated = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Search Results"), parent)
        self.setObjectName("searchResultsDock")
        self.model = SearchResultsModel(library, self)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(body)
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeView(body)
        self.tree.setObjectName("searchResults")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegateForColumn(SearchResultsModel.COL_CONTEXT, _ContextDelegate(self))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(
            SearchResultsModel.COL_CONTEXT, self.tree.header().ResizeMode.Stretch
        )
        self.tree.header().setSectionResizeMode(
            SearchResultsModel.COL_PAGE, self.tree.header().ResizeMode.ResizeToContents
        )
        column.addWidget(self.summary)
        column.addWidget(self.tree, 1)
        self.setWidget(body)
        self.tree.clicked.connect(self._on_tree_clicked)
        self.tree.activated.connect(self._on_tree_clicked)
        self.model.modelReset.connect(self._on_model_reset)

    def set_matches(self, query: str, matches: list[Match]) -> None:
        self.model.set_matches(query, matches)

    def set_searching(self, query: str) -> None:
        self.summary.setText(self.tr("Searching all articles for “%1”…").replace("%1", query))

    def _on_model_reset(self) -> None:
        self.tree.expandAll()
        total = self.model.total()
        docs = len(self.model.documents())
        if not self.model.query:
            self.summary.setText("")
        elif total == 0:
            self.summary.setText(self.tr("“%1” is in no article.").replace("%1", self.model.query))
        else:
            hits = self.tr("1 hit") if total == 1 else self.tr("%1 hits").replace("%1", str(total))
            where = (
                self.tr("in 1 article")
                if docs == 1
                else self.tr("in %1 articles").replace("%1", str(docs))
            )
            self.summary.setText(
                self.tr("“%1”: %2 %3")
                .replace("%1", self.model.query)
                .replace("%2", hits)
                .replace("%3", where)
            )

    def _on_tree_clicked(self, index: QModelIndex) -> None:
        match = index.data(MATCH_ROLE)
        if isinstance(match, Match):
            self.match_activated.emit(match)

"""The outline: a dock listing the open article's headings, nested by level, in the script the
text is shown in. The section being read is marked (it follows the scrolling); clicking a
heading brings it to the top of the page.

Installed after the first paint (``install_outline``), with a View menu entry to show or hide
it.

Signals:
    heading_activated(int): a heading was clicked (its canonical offset).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QTreeView, QWidget

from reader.ui.reading.reading_view import ReadingView
from reader.ui.window.viewports import own_viewport
from reader.ui.window.whole_rows import ChineseRowDelegate

if TYPE_CHECKING:
    from reader.ui.window.main_window import MainWindow

OFFSET_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlinePanel(QTreeView):
    """The headings of the content shown in ``view``."""

    heading_activated = Signal(int)

    def __init__(self, view: ReadingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)  # (PySide would create every widget class to name Qt's own)
        self.setObjectName("outline")
        self.setAccessibleName(self.tr("Outline"))
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setItemDelegate(ChineseRowDelegate(self))  # rows tall enough for the headings
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.view = view
        self._starts: list[int] = []  # canonical starts of the headings, in text order
        self._items: list[QStandardItem] = []
        self._current: QStandardItem | None = None  # the section being read
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)
        view.content_rendered.connect(self.refresh)
        view.position_changed.connect(self._on_position_changed)
        self.refresh()

    def refresh(self) -> None:
        """List the headings of what the view shows now."""
        self.model_.clear()
        self._starts, self._items, self._current = [], [], None
        content = self.view.content()
        if content is None:
            return
        parents: list[tuple[int, QStandardItem]] = []  # (level, item): the open branches
        branches: list[QStandardItem] = []  # the headings with headings under them
        for canonical, shown in zip(content.doc.blocks, content.blocks, strict=True):
            if canonical.kind != "heading":
                continue
            title = " ".join(content.text[shown.start : shown.end].split())
            item = QStandardItem(title)
            item.setToolTip(title)
            item.setData(canonical.start, OFFSET_ROLE)
            level = max(1, canonical.level)
            while parents and parents[-1][0] >= level:
                parents.pop()
            if parents:
                parent = parents[-1][1]
                if not parent.hasChildren():
                    branches.append(parent)
                parent.appendRow(item)
            else:
                self.model_.invisibleRootItem().appendRow(item)
            parents.append((level, item))
            self._starts.append(canonical.start)
            self._items.append(item)
        # Each branch opened (expandAll laid every row out there and then, asking each row's
        # height, and again when the list was shown or scrolled).
        for branch in branches:
            self.setExpanded(branch.index(), True)
        self._on_position_changed(self.view.first_visible_offset())

    def headings(self) -> list[tuple[str, int]]:
        """(title, canonical offset) of every heading, in text order."""
        return [(item.text(), start) for item, start in zip(self._items, self._starts, strict=True)]

    def current_heading(self) -> str | None:
        """The heading of the section being read (marked in the list), if any."""
        return self._current.text() if self._current is not None else None

    def _on_position_changed(self, offset: int) -> None:
        at = bisect.bisect_right(self._starts, offset) - 1
        item = self._items[at] if at >= 0 else None
        if item is self._current:
            return
        self._current = item
        if item is not None:
            # Marked by the selection alone: a bold row made the interface draw a second CJK
            # face (Noto Sans CJK Bold, ~3-5 MB mapped) as soon as a section was reached.
            self.setCurrentIndex(item.index())
            self.scrollTo(item.index())
        else:
            self.clearSelection()

    def _on_clicked(self, index: QModelIndex) -> None:
        offset = index.data(OFFSET_ROLE)
        if isinstance(offset, int):
            self.view.scroll_to_offset(offset)
            self.heading_activated.emit(offset)


class OutlineFeature(QObject):
    """The outline dock on a main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("outlineFeature")
        self.dock = QDockWidget(self.tr("Outline"), window)
        self.dock.setObjectName("outlineDock")
        self.panel = OutlinePanel(window.reading_view, self.dock)
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        # Where the reader left it last time (the window restored its layout before this dock
        # existed), else under the library.
        if not window.restoreDockWidget(self.dock):
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
            window.splitDockWidget(window.library_dock, self.dock, Qt.Orientation.Vertical)
            self.dock.show()  # made after the window was shown: shown by hand
        self.action = self.dock.toggleViewAction()
        self.action.setText(self.tr("&Outline"))
        self.action.setShortcut(self.tr("Ctrl+Shift+O"))
        window.view_menu.insertAction(window.view_script_section, self.action)


def install_outline(window: MainWindow) -> OutlineFeature:
    return OutlineFeature(window)

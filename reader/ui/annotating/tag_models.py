"""Item models of the sidebar's filters and the tag manager: ``TagTreeModel`` shows the tags
nested by ``/`` with how many annotations carry each (children included); ``ColorModel`` the
five colours and "no colour" with their meanings and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QObject,
    Qt,
)

from reader.store.records import COLORS, NO_COLOR
from reader.ui.annotating.annotation_models import COLOR_ROLE, Index
from reader.ui.annotating.palette import color_label, note_only_label, swatch_icon

if TYPE_CHECKING:
    from reader.store.records import TagInfo


class _TagNode:
    def __init__(self, name: str, key: str, parent: _TagNode | None) -> None:
        self.name = name  # the full spelling (a/b/c), as first typed
        self.key = key
        self.parent = parent
        self.children: list[_TagNode] = []
        self.info: TagInfo | None = None  # None: only a parent of real tags

    @property
    def label(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    def row(self) -> int:
        siblings = self.parent.children if self.parent else []
        return siblings.index(self)


TAG_KEY_ROLE = Qt.ItemDataRole.UserRole + 20


TAG_NAME_ROLE = Qt.ItemDataRole.UserRole + 21


TAG_COLOR_ROLE = Qt.ItemDataRole.UserRole + 22


TAG_COUNT_ROLE = Qt.ItemDataRole.UserRole + 23


class TagTreeModel(QAbstractItemModel):
    """Tags nested by ``/``: column 0 the last level's name, column 1 the count.

    Counts come from ``set_counts`` (key → annotations, children included) when given, else
    from the tags' own counts. ``checkable`` adds check boxes (the sidebar's tag filter).

    Signals: ``checked_changed()`` (inherited ``dataChanged`` also fires).
    """

    def __init__(self, parent: QObject | None = None, *, checkable: bool = False) -> None:
        super().__init__(parent)
        self._root = _TagNode("", "", None)
        self._nodes: dict[str, _TagNode] = {}
        self._counts: dict[str, int] | None = None
        self._checked: set[str] = set()
        self._checkable = checkable
        self._tag_colors: dict[str, str] = {}
        self._shown: dict[tuple[str, int], dict[int, Any]] = {}  # per cell: role -> value

    # -- building ------------------------------------------------------------------------------
    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        keys = sorted(t.key for t in tags)
        infos = {t.key: t for t in tags}
        if keys == sorted(k for k, n in self._nodes.items() if n.info is not None) and all(
            self._nodes[k].name == infos[k].name for k in keys
        ):
            # Same tree: only details and counts change.
            for key in keys:
                self._nodes[key].info = infos[key]
            self._emit_all_changed()
            return
        self.beginResetModel()
        self._shown.clear()
        self._root = _TagNode("", "", None)
        self._nodes = {}
        for info in sorted(tags, key=lambda t: t.key):
            node = self._ensure(info.name, info.key)
            node.info = info
        self._checked &= set(self._nodes)
        self.endResetModel()

    def _ensure(self, name: str, key: str) -> _TagNode:
        if key in self._nodes:
            return self._nodes[key]
        names = name.split("/")
        keys = key.split("/")
        parent = self._root
        if len(keys) > 1:
            parent = self._ensure("/".join(names[:-1]), "/".join(keys[:-1]))
        node = _TagNode(name, key, parent)
        parent.children.append(node)
        self._nodes[key] = node
        return node

    def set_counts(self, counts: dict[str, int] | None) -> None:
        if counts != self._counts:
            self._counts = counts
            self._emit_all_changed()

    def _emit_all_changed(self) -> None:
        self._shown.clear()

        def walk(node: _TagNode) -> None:
            if node.children:
                first = self.createIndex(0, 0, node.children[0])
                last = self.createIndex(len(node.children) - 1, 1, node.children[-1])
                self.dataChanged.emit(first, last)
                for child in node.children:
                    walk(child)

        walk(self._root)

    # -- reading -------------------------------------------------------------------------------
    def node(self, index: Index) -> _TagNode | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _TagNode) else None

    def index_of(self, key: str, column: int = 0) -> QModelIndex:
        node = self._nodes.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), column, node)

    def keys(self) -> list[str]:
        return sorted(self._nodes)

    def name_of(self, key: str) -> str | None:
        node = self._nodes.get(key)
        return node.name if node else None

    def count_of(self, key: str) -> int:
        node = self._nodes.get(key)
        if node is None:
            return 0
        if self._counts is not None:
            return self._counts.get(key, 0)
        return node.info.count if node.info else 0

    def subtree_keys(self, key: str) -> list[str]:
        return [k for k in self._nodes if k == key or k.startswith(key + "/")]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column > 1 or row < 0:
            return QModelIndex()
        node = self.node(parent) if parent.isValid() else self._root
        if node is None or row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row(), 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            node = self.node(parent)
            return len(node.children) if node else 0
        return len(self._root.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        # Asked a dozen roles per cell at each paint (every filter changes the counts):
        # answered from what each cell shows, made once per change.
        key = (node.key, index.column())
        roles = self._shown.get(key)
        if roles is None:
            roles = self._shown[key] = self._roles(node, index.column())
        return roles.get(role)

    def _roles(self, node: _TagNode, column: int) -> dict[int, Any]:
        description = node.info.description if node.info else None
        color = node.info.color if node.info else None
        roles: dict[int, Any] = {
            Qt.ItemDataRole.DisplayRole: (
                node.label if column == 0 else str(self.count_of(node.key))
            ),
            Qt.ItemDataRole.ToolTipRole: (
                f"{node.name}\n{description}" if description else node.name
            ),
            TAG_KEY_ROLE: node.key,
            TAG_NAME_ROLE: node.name,
            TAG_COLOR_ROLE: color,
            TAG_COUNT_ROLE: self.count_of(node.key),
        }
        if column == 0 and color:
            roles[Qt.ItemDataRole.DecorationRole] = swatch_icon(color)
        if column == 1:
            roles[Qt.ItemDataRole.TextAlignmentRole] = int(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        if self._checkable and column == 0:
            checked = node.key in self._checked
            roles[Qt.ItemDataRole.CheckStateRole] = (
                Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            )
        return roles

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(node.key)
        else:
            self._checked.discard(node.key)
        self._shown.clear()
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Tag") if section == 0 else self.tr("Annotations")
        return None

    def checked(self) -> list[str]:
        return sorted(self._checked)

    def set_checked(self, keys: Iterable[str]) -> None:
        """Check these tags (and no other): only the tags whose check changed are told."""
        wanted = set(keys) & set(self._nodes)
        changed = sorted(wanted ^ self._checked)
        self._checked = wanted
        if changed:
            self._shown.clear()
        for key in changed:
            index = self.index_of(key)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])


class ColorModel(QAbstractListModel):
    """The five colours and "no colour" (note only): meaning, swatch, count, and a check box
    (the sidebar's colour filter)."""

    def __init__(self, parent: QObject | None = None, *, checkable: bool = True) -> None:
        super().__init__(parent)
        self._colors = (*COLORS, NO_COLOR)
        self._meanings: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._checked: set[str] = set()
        self._checkable = checkable
        self._shown: list[dict[int, Any]] | None = None  # per colour: role -> what it shows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._colors)

    def color_at(self, row: int) -> str:
        return self._colors[row]

    def label(self, color: str) -> str:
        if color == NO_COLOR:
            return note_only_label()
        # Before the meanings are read (or when the database cannot be), the colour's name.
        return self._meanings.get(color) or color_label(color)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._colors):
            return None
        # Asked a dozen roles per colour at each layout and paint (every filter changes the
        # counts): answered from what each colour shows, made once per change.
        if self._shown is None:
            self._shown = [self._roles(color) for color in self._colors]
        return self._shown[index.row()].get(role)

    def _roles(self, color: str) -> dict[int, Any]:
        roles: dict[int, Any] = {
            Qt.ItemDataRole.DisplayRole: (
                self.tr("%1 (%2)")
                .replace("%1", self.label(color))
                .replace("%2", str(self._counts.get(color, 0)))
            ),
            Qt.ItemDataRole.DecorationRole: swatch_icon(color),
            Qt.ItemDataRole.ToolTipRole: color_label(color),
            COLOR_ROLE: color,
        }
        if self._checkable:
            on = color in self._checked
            roles[Qt.ItemDataRole.CheckStateRole] = (
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            )
        return roles

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        color = self._colors[index.row()]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(color)
        else:
            self._checked.discard(color)
        self._shown = None
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def checked(self) -> list[str]:
        return [c for c in self._colors if c in self._checked]

    def set_checked(self, colors: Iterable[str]) -> None:
        """Check these colours (and no other): only the colours whose check changed are
        told."""
        wanted = set(colors)
        changed = [
            row
            for row, color in enumerate(self._colors)
            if (color in wanted) != (color in self._checked)
        ]
        self._checked = wanted
        if changed:
            self._shown = None
        for row in changed:
            self.dataChanged.emit(
                self.index(row), self.index(row), [Qt.ItemDataRole.CheckStateRole]
            )

    def set_meanings(self, meanings: dict[str, str]) -> None:
        if meanings != self._meanings:
            self._meanings = dict(meanings)
            self._all_changed()

    def set_counts(self, counts: dict[str, int]) -> None:
        if counts != self._counts:
            self._counts = dict(counts)
            self._all_changed()

    def _all_changed(self) -> None:
        self._shown = None
        self.dataChanged.emit(self.index(0), self.index(len(self._colors) - 1))

"""The tag manager: every tag, nested by ``/``, with how many annotations carry it (children
included); rename, merge and delete — each saying first how many annotations it touches, each
undoable — and a colour and description per tag.

Signals:
    changed(str): a change was written (the message says what it did).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.errors import MeipiError
from reader.folding import fold_key
from reader.store.records import COLORS
from reader.tags import matches as tag_matches
from reader.ui.annotating.palette import color_label, swatch_icon
from reader.ui.annotating.tag_models import TAG_KEY_ROLE, TAG_NAME_ROLE, TagTreeModel
from reader.ui.annotating.undo import TagCommand, TagDetailsCommand

if TYPE_CHECKING:
    from reader.ui.annotating.annotations_feature import AnnotationsFeature


class _MergeDialog(QInputDialog):
    """An input dialog whose OK waits for a tag to be chosen or typed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.textValueChanged.connect(self._on_text_value_changed)

    def ok_button(self) -> QPushButton | None:
        box = self.findChild(QDialogButtonBox)  # made when the dialog is first shown
        return box.button(QDialogButtonBox.StandardButton.Ok) if box is not None else None

    def _on_text_value_changed(self, text: str) -> None:
        button = self.ok_button()
        if button is not None:
            button.setEnabled(bool(text.strip()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._on_text_value_changed(self.textValue())

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and not self.textValue().strip():
            return  # Return with nothing chosen merges nowhere
        super().done(result)


class TagManager(QDialog):
    changed = Signal(str)

    def __init__(self, feature: AnnotationsFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagManager")
        self.setWindowTitle(self.tr("Tags"))
        self.feature = feature
        self.model = TagTreeModel(self)
        layout = QVBoxLayout(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("tagTree")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName(self.tr("Tags"))
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.model.modelReset.connect(self.tree.expandAll)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton(self.tr("&Rename…"), self)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.merge_button = QPushButton(self.tr("&Merge Into…"), self)
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.color_button = QPushButton(self.tr("&Colour"), self)
        color_menu = QMenu(self.color_button)
        for color in (*COLORS, None):
            action = QAction(
                swatch_icon(color or "none"),
                color_label(color) if color else self.tr("No colour"),
                color_menu,
            )
            action.triggered.connect(lambda _c=False, c=color: self._on_color_chosen(c))
            color_menu.addAction(action)
        self.color_button.setMenu(color_menu)
        self.describe_button = QPushButton(self.tr("Descri&ption…"), self)
        self.describe_button.clicked.connect(self._on_describe_clicked)
        for button in (
            self.rename_button,
            self.merge_button,
            self.delete_button,
            self.color_button,
            self.describe_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        self.status.setObjectName("tagManagerStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_F2), self._on_rename_clicked),
            (QKeySequence(QKeySequence.StandardKey.Delete), self._on_delete_clicked),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
        # Undo and redo work here too (the same history as the window's Edit menu).
        self.addActions([feature.menus.undo_action, feature.menus.redo_action])
        feature.records_loaded.connect(self.reload)
        self.resize(460, 480)
        self.reload()

    # -- contents ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.set_tags(self.feature.tags)
        self.model.set_counts(self.subtree_counts())
        self.tree.expandAll()

    def _tag_lists(self) -> list[tuple[str, ...]]:
        """Every annotation's tags, of every text (the window holds only the open text's
        annotations): read from the database, not the annotations themselves."""
        try:
            return self.feature.services.tag_lists()
        except MeipiError as exc:
            self.feature.edits.report(str(exc))
            return []

    def subtree_counts(self) -> dict[str, int]:
        """Per tag key (and parent key), how many annotations carry it or a child."""
        counts: dict[str, int] = {}
        for tags in self._tag_lists():
            keys: set[str] = set()
            for tag in tags:
                parts = fold_key(tag).split("/")
                keys.update("/".join(parts[: i + 1]) for i in range(len(parts)))
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def touched(self, name: str) -> int:
        """How many annotations a change to ``name`` (and its children) touches."""
        key = fold_key(name)
        return sum(
            1 for tags in self._tag_lists() if any(tag_matches(fold_key(t), [key]) for t in tags)
        )

    def selected_name(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        name = index.siblingAtColumn(0).data(TAG_NAME_ROLE)
        return str(name) if name else None

    def select(self, name: str) -> None:
        index = self.model.index_of(fold_key(name))
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def tag_info(self, name: str) -> tuple[str | None, str | None]:
        key = fold_key(name)
        info = next((t for t in self.feature.tags if t.key == key), None)
        return (info.color, info.description) if info else (None, None)

    # -- changes (also called directly, e.g. by tests) ---------------------------------------
    def rename(self, name: str, new_name: str, *, merge: bool = False) -> bool:
        return self._change("merge" if merge else "rename", name, new_name)

    def merge(self, name: str, into: str) -> bool:
        return self._change("merge", name, into)

    def delete(self, name: str) -> bool:
        return self._change("delete", name, None)

    def _change(self, kind: str, name: str, new_name: str | None) -> bool:
        from reader.ops.tags import change as change_tag

        try:
            tags_before, change = self.feature.writer.call(
                lambda store: change_tag(store, kind, name, new_name)
            )
        except MeipiError as exc:
            self._say(str(exc), error=True)
            return False
        count = change.annotations
        if kind == "delete":
            text = self.tr("Delete Tag %1").replace("%1", name)
            message = self.tr("Deleted %1 from %n annotation(s) (they are kept).", "", count)
        elif kind == "merge":
            text = self.tr("Merge Tag %1 Into %2").replace("%1", name).replace("%2", new_name or "")
            message = self.tr("Merged %1 into %3 on %n annotation(s).", "", count)
        else:
            text = self.tr("Rename Tag %1 to %2").replace("%1", name).replace("%2", new_name or "")
            message = self.tr("Renamed %1 to %3 on %n annotation(s).", "", count)
        self.feature.history.push(
            TagCommand(self.feature.writer, text, kind, name, new_name, tags_before, change.before)
        )
        undo_keys = self.feature.menus.undo_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        said = (
            (message.replace("%1", name).replace("%3", new_name or ""))
            + " "
            + self.tr("(%1 undoes it.)").replace("%1", undo_keys)
        )
        self._say(said)
        self.feature.refresh()
        if new_name:
            self.select(new_name)
        self.changed.emit(said)
        return True

    def set_color(self, name: str, color: str | None) -> bool:
        before = self.tag_info(name)
        after = (color, before[1])
        return self._details(name, before, after, self.tr("Tag Colour"))

    def set_description(self, name: str, description: str | None) -> bool:
        before = self.tag_info(name)
        after = (before[0], description)
        return self._details(name, before, after, self.tr("Tag Description"))

    def _details(
        self,
        name: str,
        before: tuple[str | None, str | None],
        after: tuple[str | None, str | None],
        text: str,
    ) -> bool:
        from reader.ops.tags import set_details

        try:
            self.feature.writer.call(
                lambda store: set_details(store, name, color=after[0], description=after[1])
            )
        except MeipiError as exc:
            self._say(str(exc), error=True)
            return False
        self.feature.history.push(TagDetailsCommand(self.feature.writer, text, name, before, after))
        self.feature.refresh()
        return True

    def _say(self, message: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b2432b;" if error else "")
        self.status.setText(message)

    # -- buttons -----------------------------------------------------------------------------
    def _on_rename_clicked(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        new_name, ok = QInputDialog.getText(
            self,
            self.tr("Rename Tag"),
            self.tr(
                "New name for %1 (%n annotation(s); tags under it follow):", "", self.touched(name)
            ).replace("%1", name),
            text=name,
        )
        if not ok or not new_name.strip() or new_name.strip() == name:
            return
        exists = self.model.index_of(fold_key(new_name.strip())).isValid()
        if exists and fold_key(new_name) != fold_key(name):
            answer = QMessageBox.question(
                self,
                self.tr("Merge Tags"),
                self.tr(
                    "%1 already exists. Merge %2 into it (%n annotation(s))?",
                    "",
                    self.touched(name),
                )
                .replace("%1", new_name.strip())
                .replace("%2", name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.merge(name, new_name.strip())
            return
        self.rename(name, new_name.strip())

    def merge_dialog(self, name: str) -> _MergeDialog | None:
        """The dialog asking which tag to merge ``name`` into: the other tags to choose from,
        none chosen yet, and OK only once one is (Return never merges into a tag the reader
        did not pick)."""
        others = [t.name for t in self.feature.tags if fold_key(t.name) != fold_key(name)]
        if not others:
            return None
        dialog = _MergeDialog(self)
        dialog.setWindowTitle(self.tr("Merge Tag"))
        dialog.setLabelText(
            self.tr("Merge %1 (%n annotation(s)) into:", "", self.touched(name)).replace("%1", name)
        )
        dialog.setComboBoxItems(others)
        dialog.setComboBoxEditable(True)
        dialog.setTextValue("")
        return dialog

    def _on_merge_clicked(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        dialog = self.merge_dialog(name)
        if dialog is None:
            return
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        target = dialog.textValue().strip()
        dialog.deleteLater()
        if accepted and target:
            self.merge(name, target)

    def _on_delete_clicked(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete Tag"),
            self.tr(
                "Remove the tag %1 (and any tag under it) from %n annotation(s)? "
                "The annotations stay; Undo puts the tag back.",
                "",
                self.touched(name),
            ).replace("%1", name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(name)

    def _on_color_chosen(self, color: str | None) -> None:
        name = self.selected_name()
        if name is not None:
            self.set_color(name, color)

    def _on_describe_clicked(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Tag Description"),
            self.tr("What %1 means:").replace("%1", name),
            text=self.tag_info(name)[1] or "",
        )
        if ok:
            self.set_description(name, text.strip() or None)

    def current_key(self) -> str | None:
        index: QModelIndex = self.tree.currentIndex()
        key = index.siblingAtColumn(0).data(TAG_KEY_ROLE) if index.isValid() else None
        return str(key) if key else None

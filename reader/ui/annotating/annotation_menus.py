"""Annotating's actions and menus: a colour for each highlight key (1–5), Note (6 too), Tags,
Delete, Undo and Redo at the head of the Edit menu, the Annotate menu, the toolbar's colours, the
sidebar, margin, tag manager, colour meanings and caret-browsing toggles, and the reading pane's
context menu. Only where each action is offered, its keys and its label live here; what it does
is :class:`~reader.ui.annotating.annotations_feature.AnnotationsFeature`'s and
:class:`~reader.ui.annotating.annotation_edits.AnnotationEdits`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QKeySequence,
)
from PySide6.QtWidgets import QMenu

from reader.store.records import COLORS
from reader.ui.annotating.palette import color_label, swatch_icon
from reader.ui.window.labels import shown_label

if TYPE_CHECKING:
    from reader.ui.annotating.annotations_feature import AnnotationsFeature
    from reader.ui.annotating.undo import History


class AnnotationMenus(QObject):
    """The actions and menus of one window's annotating (``feature.menus``)."""

    def __init__(self, feature: AnnotationsFeature) -> None:
        super().__init__(feature)
        self.feature = feature
        self.window = feature.window
        self.view = feature.view
        self._build_actions()
        self._build_menu()

    def _action(
        self, text: str, slot: object, keys: list[str] | None = None, *, in_text: bool = False
    ) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        if in_text:
            # Keys that type text elsewhere (1–5, Delete) act only in the reading pane.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        else:
            self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.color_actions: dict[str, QAction] = {}
        for i, color in enumerate(COLORS):
            action = self._action(
                color,
                lambda _c=False, c=color: self.feature.edits.highlight(c),
                [str(i + 1)],
                in_text=True,
            )
            action.setIcon(swatch_icon(color, 16))
            self.color_actions[color] = action
        self.note_action = self._action(
            self.tr("Add or Edit &Note…"),
            lambda: self.feature.edits.edit_dialog("note"),
            ["Ctrl+Alt+M"],
        )
        # 6, beside the five colours' keys, as the sixth button beside the five colours: a
        # note (with no colour, when the passage is new). In the reading pane only, as 1–5.
        self.note_key_action = self._action(
            self.tr("Add or Edit &Note…"),
            lambda: self.feature.edits.edit_dialog("note"),
            ["6"],
            in_text=True,
        )
        self.tags_action = self._action(
            self.tr("&Tags…"), lambda: self.feature.edits.edit_dialog("tags"), ["Ctrl+T"]
        )
        self.delete_action = self._action(
            self.tr("&Delete Annotation"), self._on_delete_action, ["Del"], in_text=True
        )
        # Delete, and the platform's own delete keys (Backspace on a Mac keyboard).
        delete_keys = [QKeySequence("Del")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Delete):
            if key not in delete_keys:
                delete_keys.append(key)
        self.delete_action.setShortcuts(delete_keys)
        self.undo_action = self._action(
            self.tr("&Undo"), lambda: self.feature.edits.undo(), ["Ctrl+Z"]
        )
        self.redo_action = self._action(
            self.tr("&Redo"), lambda: self.feature.edits.redo(), ["Ctrl+Shift+Z", "Ctrl+Y"]
        )
        # (Enabled, and named after what they undo, once the history is made: see follow.)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.sidebar_action = self.feature.dock.toggleViewAction()
        self.sidebar_action.setText(self.tr("Annotations &Sidebar"))
        self.sidebar_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.sidebar_action.triggered.connect(self._on_sidebar_action_triggered)
        self.window.addAction(self.sidebar_action)
        self.margin_action = self._action(
            self.tr("&Margin Notes"), self._on_margin_action, ["Ctrl+Alt+N"]
        )
        self.margin_action.setCheckable(True)
        self.margin_action.setChecked(not self.feature.margin.collapsed())
        self.tag_manager_action = self._action(
            self.tr("Ta&g Manager…"), self.feature.show_tag_manager, ["Ctrl+Shift+T"]
        )
        self.color_meanings_action = self._action(
            self.tr("&Colour Meanings…"), self.feature.show_color_meanings
        )
        self.caret_action = self._action(
            self.tr("Ca&ret Browsing (select with the keyboard)"), self._on_caret_action, ["F7"]
        )
        self.caret_action.setCheckable(True)
        self.update_texts()

    def update_texts(self) -> None:
        for color, action in self.color_actions.items():
            meaning = self.feature.meanings.get(color, "")
            label = self.tr("Highlight %1").replace("%1", color_label(color))
            action.setText(f"{label} — {meaning}" if meaning else label)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})")
        # The sixth button's tip names its key beside the colours' (and its own shortcut).
        label = shown_label(self.note_action.text())
        keys = self.note_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.note_action.setToolTip(f"{label} (6, {keys})")

    def follow(self, history: History) -> None:
        """Undo and Redo follow ``history`` (made at the first edit, undo or redo)."""
        history.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        history.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        history.stack.undoTextChanged.connect(self._on_undo_text_changed)
        history.stack.redoTextChanged.connect(self._on_redo_text_changed)
        self.undo_action.setEnabled(history.stack.canUndo())
        self.redo_action.setEnabled(history.stack.canRedo())

    def _on_undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(self.tr("&Undo %1").replace("%1", text).strip())

    def _on_redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(self.tr("&Redo %1").replace("%1", text).strip())

    def _build_menu(self) -> None:
        window = self.window
        self.menu = QMenu(self.tr("&Annotate"), window)
        self.menu.setObjectName("annotateMenu")
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        # Undo and redo head the window's Edit menu, whatever other features put there.
        existing = window.edit_menu.actions()
        if existing:
            window.edit_menu.insertActions(existing[0], [self.undo_action, self.redo_action])
            window.edit_menu.insertSeparator(existing[0])
        else:
            window.edit_menu.addActions([self.undo_action, self.redo_action])
            self.menu.addSeparator()
        self.menu.addActions(list(self.color_actions.values()))
        self.menu.addSeparator()
        self.menu.addActions([self.note_action, self.tags_action, self.delete_action])
        self.menu.addSeparator()
        self.menu.addActions(
            [
                self.sidebar_action,
                self.margin_action,
                self.tag_manager_action,
                self.color_meanings_action,
            ]
        )
        self.menu.addSeparator()
        self.menu.addAction(self.caret_action)
        window.toolbar.addSeparator()
        window.toolbar.addActions(list(self.color_actions.values()))
        window.toolbar.addAction(self.note_action)
        self.note_action.setIcon(swatch_icon("none", 16))

    def _on_delete_action(self) -> None:
        record = self.feature.target()
        if record is not None:
            self.feature.edits.delete(record.id)

    def _on_sidebar_action_triggered(self, checked: bool) -> None:
        if checked:
            self.feature.dock.raise_()
            self.feature.sidebar.search.setFocus()

    def _on_margin_action(self, checked: bool) -> None:
        self.feature.margin.set_collapsed(not checked)

    def _on_caret_action(self, checked: bool) -> None:
        self.feature.selection.set_caret_browsing(checked)

    def context_menu(self, point: QPoint) -> QMenu:
        """The reading pane's menu at a viewport point: annotating first, then Qt's own."""
        pointed = None
        if self.view.selected_range() is None:
            # What the menu acts on: the annotation under the click, or none (not the text
            # cursor's, nor the sidebar's current one, which may be pages away).
            under = self.feature.annotations_at(self.view.offset_at(point))
            if under:
                pointed = self.feature.pointing.drawn_on_top(under)
                self.feature.sidebar.select(pointed.id)
                self.feature.flash(pointed.id)  # which passage the menu's items act on
        self.feature.pointing.set_menu(pointed)
        self.feature._on_selection_changed()
        # The script views' menu (a substitution's veto…) when the point is on one.
        views = getattr(self.window, "views_feature", None)
        base = getattr(views, "context_menu_at", None)
        menu = base(point) if callable(base) else None
        if not isinstance(menu, QMenu):
            menu = self.view.createStandardContextMenu(point)
        standard = menu.actions()
        ours = QMenu(menu)
        ours.addActions(list(self.color_actions.values()))
        ours.addSeparator()
        ours.addActions([self.note_action, self.tags_action, self.delete_action])
        ours.addSeparator()
        for action in standard:
            menu.removeAction(action)
        menu.addActions([*ours.actions(), *standard])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Closed without a choice, or with one (its action runs right after the menu hides).
        menu.aboutToHide.connect(
            lambda: QTimer.singleShot(0, self.feature, self.feature.pointing.clear_menu)
        )
        return menu

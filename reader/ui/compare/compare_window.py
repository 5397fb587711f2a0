"""The compare window: the :class:`~reader.ui.compare.theme_board.ThemeBoard` (themes, memo)
beside the :class:`~reader.ui.compare.compare_view.CompareView` (two panes), each article's
passage column under its pane, wired together: choosing a theme highlights its passages in both
panes and goes to the first of each; a passage picked or stepped to is scrolled into view and
marked. The two articles, their views, scrolling together and the layout are remembered (group
``compare`` of the settings file).

Made by :class:`~reader.ui.compare.compare_feature.CompareFeature` the first time compare mode is
opened (this module is imported then, not as the main window gets ready).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from reader.store.records import AnnotationRecord
    from reader.ui.compare.compare_view import CompareView, TypographyFor
    from reader.ui.compare.theme_board import ThemeBoard
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.settings import ReaderSettings

THEME_LAYER = "compare-theme"
CURRENT_LAYER = "compare-current"

# Passage backgrounds: every passage of the theme, and the one stepped to (light, dark).
THEME_BACKGROUND = ("#f6e3a6", "#5c4d1f")
CURRENT_BACKGROUND = ("#f0c35a", "#8a6a1c")


# A NamedTuple, not a frozen dataclass (made in one call).
class CompareState(NamedTuple):
    """What compare mode remembers between sessions."""

    documents: tuple[str | None, str | None]
    views: tuple[str | None, str | None]
    sync: bool
    geometry: QByteArray | None
    splitter: QByteArray | None


class CompareWindow(QMainWindow):
    """The compare window: theme board | two panes, passage columns under their panes."""

    def __init__(self, main: MainWindow, typography: TypographyFor) -> None:
        from reader.ui.compare.compare_view import CompareView
        from reader.ui.compare.theme_board import ThemeBoard, next_shortcuts

        super().__init__(main, Qt.WindowType.Window)
        self.setObjectName("compareWindow")
        self.setWindowTitle(self.tr("Compare Articles — Meipi"))
        self._main = main
        services = main.services
        library = services.library
        self.view: CompareView = CompareView(library, services, typography)
        self.board: ThemeBoard = ThemeBoard(services, library)
        for pane, column in zip(self.view.panes, self.board.columns, strict=True):
            pane.set_footer(column)
            column.model.set_renderer(self._renderer(pane.side))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.board)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 1100])
        self.setCentralWidget(self.splitter)
        self.resize(1480, 860)
        # Never larger than the screen: the far side's controls must stay reachable.
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(min(1480, room.width() - 40), min(860, room.height() - 60))

        menu = self.menuBar().addMenu(self.tr("&Compare"))
        self.step_actions: dict[tuple[int, int], QAction] = {}
        names = (self.tr("left"), self.tr("right"))
        for side in (0, 1):
            keys = next_shortcuts(side)
            for delta, key, text in (
                (1, keys[0], self.tr("&Next Passage (%1)")),
                (-1, keys[1], self.tr("&Previous Passage (%1)")),
            ):
                action = QAction(text.replace("%1", names[side]), self)
                action.setShortcut(key)
                action.triggered.connect(
                    lambda _c=False, s=side, d=delta: self.board.columns[s].step(d)
                )
                self.addAction(action)
                menu.addAction(action)
                self.step_actions[(side, delta)] = action
        menu.addSeparator()
        self.sync_action = QAction(self.tr("&Scroll Together"), self)
        self.sync_action.setCheckable(True)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.sync_action.toggled.connect(self.view.set_sync_scrolling)
        self.view.sync_toggled.connect(self.sync_action.setChecked)
        menu.addAction(self.sync_action)
        self.filter_action = QAction(self.tr("&Find Theme"), self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+F"))
        self.filter_action.triggered.connect(self._on_filter_action_triggered)
        menu.addAction(self.filter_action)
        menu.addSeparator()
        # The main window's zoom and font work here too (and both windows follow them).
        for action in (main.zoom_in_action, main.zoom_out_action, main.zoom_reset_action):
            menu.addAction(action)
            self.addAction(action)
            action.triggered.connect(self._on_typography_action_triggered)
        for action in main.font_actions.values():
            action.triggered.connect(self._on_typography_action_triggered)
        menu.addSeparator()
        self.close_action = QAction(self.tr("&Close"), self)
        self.close_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_action.triggered.connect(self.close)
        menu.addAction(self.close_action)
        for action in (self.sync_action, self.filter_action, self.close_action):
            self.addAction(action)

        self.board.theme_chosen.connect(self._on_board_theme_chosen)
        self.board.themes_reloaded.connect(self._on_board_themes_reloaded)
        self.board.memo.save_failed.connect(self._on_memo_save_failed)
        for pane, column in zip(self.view.panes, self.board.columns, strict=True):
            pane.document_changed.connect(self._on_pane_document_changed)
            pane.view_changed.connect(lambda _v, side=pane.side: self._on_pane_view_changed(side))
            column.passage_activated.connect(
                lambda row, side=pane.side: self._on_passage_activated(side, row)
            )

    # -- API ---------------------------------------------------------------------------------
    def set_documents(
        self, left: str, right: str, views: tuple[str | None, str | None] = (None, None)
    ) -> None:
        self.view.set_documents(left, right, views)
        self.board.set_documents(left, right)

    # -- remembered between sessions (the settings file, group "compare") -------------------
    def _settings(self) -> ReaderSettings:
        from reader.ui.window.settings import ReaderSettings

        return ReaderSettings.default()

    def saved_state(self) -> CompareState:
        from reader.views import VIEW_IDS

        qs = self._settings()

        def text(key: str) -> str | None:
            return qs.text(f"compare/{key}") or None

        views = [text(f"{side}_view") for side in ("left", "right")]
        geometry = qs.saved_layout("compare/geometry")
        splitter = qs.saved_layout("compare/splitter")
        return CompareState(
            (text("left"), text("right")),
            (
                views[0] if views[0] in VIEW_IDS else None,
                views[1] if views[1] in VIEW_IDS else None,
            ),
            qs.flag("compare/sync"),
            geometry,
            splitter,
        )

    def restore_layout(self, state: CompareState) -> None:
        if state.geometry is not None:
            self.restoreGeometry(state.geometry)
        if state.splitter is not None:
            self.splitter.restoreState(state.splitter)
        self.view.set_sync_scrolling(state.sync)

    def save_state(self) -> None:
        """Remember the two articles, their views, scrolling together and the layout."""
        qs = self._settings()
        for name, pane in zip(("left", "right"), self.view.panes, strict=True):
            qs.set_value(f"compare/{name}", pane.document_id() or "")
            qs.set_value(f"compare/{name}_view", pane.view_id())
        qs.set_flag("compare/sync", self.view.sync_scrolling())
        qs.set_value("compare/geometry", self.saveGeometry())
        qs.set_value("compare/splitter", self.splitter.saveState())
        qs.sync()  # a settings file that cannot be written is not worth a word here

    def choose_theme(self, spelling: str) -> bool:
        return self.board.choose_theme(spelling)

    def retypeset(self) -> None:
        self.view.retypeset()
        self._highlight()

    def flush_memo(self) -> bool:
        """Save the memo now; False (with the memo and a message on screen) when refused."""
        return self.board.memo.flush()

    # -- wiring ------------------------------------------------------------------------------
    def _renderer(self, side: int) -> Callable[[AnnotationRecord], str]:
        pane = self.view.panes[side]

        def render(record: AnnotationRecord) -> str:
            if record.orphaned:
                return record.quote
            return pane.shown_quote(record.start, record.end, record.quote)

        return render

    def _dark(self) -> int:
        return 1 if self._main.theme().dark else 0

    def _highlight(self) -> None:
        """The chosen theme's passages in each pane, and the one stepped to."""
        from reader.ui.reading.reading_view import char_format

        dark = self._dark()
        everyone = char_format(THEME_BACKGROUND[dark])
        current = char_format(CURRENT_BACKGROUND[dark], underline=self._main.theme().accent)
        for pane, column in zip(self.view.panes, self.board.columns, strict=True):
            length = len(doc.text) if (doc := pane.document()) is not None else 0
            ranges = [
                (r.start, r.end, everyone)
                for r in column.model.records()
                if not r.orphaned and r.end <= length
            ]
            pane.reading_view.set_layer(THEME_LAYER, ranges)
            chosen = column.current_record()
            marked = []
            if chosen is not None and not chosen.orphaned and chosen.end <= length:
                marked = [(chosen.start, chosen.end, current)]
            pane.reading_view.set_layer(CURRENT_LAYER, marked)

    def _on_board_theme_chosen(self, key: str) -> None:
        self._highlight()
        if key:
            for column in self.board.columns:
                if column.model.rowCount():
                    column.set_current(0)

    def _on_board_themes_reloaded(self) -> None:
        self._highlight()

    def _on_passage_activated(self, side: int, row: int) -> None:
        record = self.board.columns[side].current_record()
        if record is None or record.orphaned:
            self._highlight()
            return
        view = self.view.panes[side].reading_view
        view.scroll_to_offset(record.start)
        # A few lines of what comes before stay in view: the passage a quarter of the way down.
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() - view.viewport().height() // 4)
        self._highlight()

    def _on_pane_document_changed(self, _doc_id: str) -> None:
        left, right = (p.document_id() for p in self.view.panes)
        if left is not None and right is not None and self.board.documents() != (left, right):
            self.board.set_documents(left, right)

    def _on_pane_view_changed(self, side: int) -> None:
        self.board.columns[side].model.set_renderer(self._renderer(side))
        if side == 0:  # themes in the left pane's script's order, as the exports sort them
            self.board.model.set_sort_script(self.view.panes[0].view_id())
            self.board.proxy.invalidate()

    def _on_memo_save_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _on_typography_action_triggered(self) -> None:
        self.retypeset()

    def _on_filter_action_triggered(self) -> None:
        self.board.filter_edit.setFocus()
        self.board.filter_edit.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing only hides the window: an unsaved memo stays in it (and is tried again).
        self.save_state()
        self.flush_memo()
        super().closeEvent(event)

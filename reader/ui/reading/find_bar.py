"""Find in the open article (Ctrl+F) and across all articles.

:class:`FindBar` is the strip under the text: the query, "3 of 7", previous / next, an "All
articles" toggle and a close button. :class:`Finder` does the work: it searches the open article
in its current view (script-, width- and case-insensitive, with the glossary's equivalences —
``reader.search``), off the UI thread, and draws every hit as a layer of the reading pane, the
current one stronger. Hits are canonical ranges, so they stay on their words when the view
changes; the all-articles results are listed in
:class:`reader.ui.reading.search_results.SearchResultsPanel`.

Signals (FindBar):
    query_edited(str): the query was typed.
    next_requested(), previous_requested(), close_requested()
    all_articles_toggled(bool)

Signals (Finder):
    hits_changed(): the open article's hits were found afresh (or cleared).
    current_changed(int): the current hit changed (its index, -1 for none).
    results_changed(): the all-articles results were listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader.ui.window.theme import search_hit_format

if TYPE_CHECKING:
    from reader.documents import Document
    from reader.search import Match
    from reader.ui.reading.search_results import SearchResultsPanel
    from reader.ui.reading.views_feature import ViewsFeature
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.workers import Runner

HITS_LAYER = "find-hits"
CURRENT_LAYER = "find-current"
TYPING_DELAY_MS = 140  # search once the reader pauses typing


class _QueryEdit(QLineEdit):
    """The query line: Enter / Shift+Enter for next / previous, Esc to close."""

    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    query_edited = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()
    all_articles_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        self.label = QLabel(self.tr("Find:"), self)
        self.edit = _QueryEdit(self)
        self.edit.setObjectName("findQuery")
        self.edit.setPlaceholderText(self.tr("一带一路, 一帶一路, ＮＡＴＯ… any script"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.label.setBuddy(self.edit)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(90)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.setToolTip(self.tr("Previous hit (Shift+Enter, Shift+F3)"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip(self.tr("Next hit (Enter, F3)"))
        self.all_articles = QCheckBox(self.tr("&All articles"), self)
        self.all_articles.setToolTip(self.tr("List the hits in every article"))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.all_articles)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        self.edit.textEdited.connect(self.query_edited)
        self.edit.next_requested.connect(self.next_requested)
        self.edit.previous_requested.connect(self.previous_requested)
        self.edit.close_requested.connect(self.close_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.previous_button.clicked.connect(self.previous_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.all_articles.toggled.connect(self.all_articles_toggled)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_requested)

    def query(self) -> str:
        return self.edit.text()

    def set_count(self, text: str, found: bool = True) -> None:
        self.count.setText(text)
        self.count.setProperty("notFound", not found)


class Finder(QObject):
    hits_changed = Signal()
    current_changed = Signal(int)
    results_changed = Signal()

    def __init__(self, window: MainWindow, views: ViewsFeature) -> None:
        super().__init__(window)
        self.window = window
        self.views = views
        self.services = window.services
        self.reading_view = window.reading_view
        self.matches: list[Match] = []
        self.current = -1
        self._searched: tuple[str, str, str] | None = None  # (doc id, query, glossary version)
        self._target: tuple[str, int, int] | None = None  # a hit to make current once found
        self._results_panel: SearchResultsPanel | None = None
        self._results_key: tuple[str, str] | None = None

        # The bar and its toolbar are made when first wanted (Ctrl+F, a search): hidden until
        # then, they were built, polished and laid out as the window got ready.
        self._bar: FindBar | None = None
        self._toolbar: QToolBar | None = None

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self._on_typing_timeout)

        self._take_actions()
        window.document_opened.connect(self._on_document_opened)
        window.theme_applied.connect(self._on_theme_applied)
        views.view_switched.connect(self._on_view_switched)
        self.services.glossary_changed.connect(self._on_glossary_changed)

    @property
    def runner(self) -> Runner:
        """The views feature's worker lanes (``find`` and ``find-all`` here)."""
        return self.views.runner

    @property
    def bar(self) -> FindBar:
        if self._bar is None:
            self._build_bar()
            assert self._bar is not None
        return self._bar

    @property
    def toolbar(self) -> QToolBar:
        if self._toolbar is None:
            self._build_bar()
            assert self._toolbar is not None
        return self._toolbar

    def _build_bar(self) -> None:
        window = self.window
        bar = self._bar = FindBar(window)
        toolbar = self._toolbar = QToolBar(self.tr("Find"), window)
        toolbar.setObjectName("findToolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.addWidget(bar)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, toolbar)
        toolbar.setVisible(False)
        # The toolbar's own toggle would let the window's context menu show an empty bar.
        toolbar.toggleViewAction().setVisible(False)
        bar.query_edited.connect(self._on_bar_query_edited)
        bar.next_requested.connect(self._on_bar_next_requested)
        bar.previous_requested.connect(self._on_bar_previous_requested)
        bar.close_requested.connect(self._on_bar_close_requested)
        bar.all_articles_toggled.connect(self._on_bar_all_articles_toggled)

    def _take_actions(self) -> None:
        """The Edit menu's actions, made by the views feature before this object (which is
        made when one of them is first used)."""
        views = self.views
        self.find_action = views.find_action
        self.find_next_action = views.find_next_action
        self.find_previous_action = views.find_previous_action
        self.search_all_action = views.search_all_action

    # -- opening and closing -----------------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar with the query selected (a short selection in the text becomes it)."""
        self.toolbar.setVisible(True)
        cursor = self.reading_view.textCursor()
        selected = cursor.selectedText() if cursor.hasSelection() else ""
        if selected and len(selected) <= 40 and "\u2029" not in selected:
            self.bar.edit.setText(selected)
            self._search_now()
        self.bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.bar.edit.selectAll()

    def open_all_articles(self) -> None:
        self.open_bar()
        self.bar.all_articles.setChecked(True)

    def close_bar(self) -> None:
        """Hide the bar and clear the hits (the all-articles list stays until the next search)."""
        self._typing.stop()
        self.runner.cancel("find")
        if self._bar is not None and self._toolbar is not None:
            self._toolbar.setVisible(False)
            self._bar.edit.clear()
        self._set_matches([], None)
        self.reading_view.setFocus()

    def is_open(self) -> bool:
        return self._toolbar is not None and self._toolbar.isVisible()

    # -- searching -----------------------------------------------------------------------------
    def _on_bar_query_edited(self, _text: str) -> None:
        self._typing.start()

    def _on_typing_timeout(self) -> None:
        self._search_now()

    def _search_now(self) -> None:
        self._typing.stop()
        self.search(self.bar.query())

    def search(self, query: str, keep_current: bool = False) -> None:
        """Find ``query`` in the open article (off the UI thread); then the hits are drawn."""
        doc = self.window.current_document()
        if doc is None:
            return
        if not query.strip():
            self.runner.cancel("find")
            self._set_matches([], None)
            self._search_all(query)
            return
        glossary = self.services.glossary()
        view_id = self.services.current_view(doc.id)
        key = (doc.id, query, glossary.version + "|" + str(glossary.equivalences))
        keep = (
            self.matches[self.current]
            if keep_current and 0 <= self.current < len(self.matches)
            else None
        )
        self.bar.set_count(self.tr("Searching…"))

        def run() -> list[Match]:
            from reader.search import search_document

            return search_document(doc, query, view_id=view_id, glossary=glossary)

        self.runner.run(
            "find",
            run,
            lambda found: self._on_found(doc, key, found, keep),
            self._on_search_failed,
            message=self.tr("Searching…"),
        )
        self._search_all(query)

    def _on_found(
        self, doc: Document, key: tuple[str, str, str], found: list[Match], keep: Match | None
    ) -> None:
        if self.window.current_document() is not doc:
            return
        self._searched = key
        target = None
        if self._target is not None and self._target[0] == doc.id:
            target = self._target[1:]
            self._target = None
        elif keep is not None:
            target = (keep.start, keep.end)
        self._set_matches(found, target)

    def _on_search_failed(self, message: str) -> None:
        self._set_matches([], None)
        self.bar.set_count(message, False)

    def _set_matches(self, matches: list[Match], target: tuple[int, int] | None) -> None:
        self.matches = matches
        self.hits_changed.emit()
        fmt = search_hit_format(self.window.theme())
        self.reading_view.set_layer(HITS_LAYER, [(m.start, m.end, fmt) for m in matches])
        if not matches:
            self.current = -1
            self.reading_view.set_layer(CURRENT_LAYER, [])
            bar = self._bar
            if bar is not None:  # (not made yet: nothing searched, nothing to say)
                query = bar.query().strip()
                elsewhere = bar.all_articles.isChecked()
                # With "All articles" on, the list may hold hits the open article has not.
                missing = self.tr("Not in this article") if elsewhere else self.tr("Not found")
                bar.set_count(missing if query else "", not query)
            self.current_changed.emit(-1)
            return
        index = 0
        if target is not None:
            index = next(
                (i for i, m in enumerate(matches) if (m.start, m.end) == target),
                next((i for i, m in enumerate(matches) if m.start >= target[0]), 0),
            )
        else:
            top = self.reading_view.first_visible_offset()
            index = next((i for i, m in enumerate(matches) if m.start >= top), 0)
        self.set_current(index)

    def set_current(self, index: int, reveal: bool = True) -> None:
        if not self.matches:
            return
        self.current = index % len(self.matches)
        m = self.matches[self.current]
        fmt = search_hit_format(self.window.theme(), current=True)
        self.reading_view.set_layer(CURRENT_LAYER, [(m.start, m.end, fmt)])
        self.bar.set_count(
            self.tr("%1 of %2")
            .replace("%1", str(self.current + 1))
            .replace("%2", str(len(self.matches)))
        )
        if reveal:
            self.reveal(m.start, m.end)
        self.current_changed.emit(self.current)

    def reveal(self, start: int, end: int) -> None:
        """Scroll so the range is in view (a third of the way down), unless it is already."""
        rv = self.reading_view
        height = rv.viewport().height()
        rects = rv.range_rects(start, end)
        if rects and rects[0].top() >= 0 and rects[-1].bottom() <= height:
            return
        rv.scroll_to_offset(start)
        bar = rv.verticalScrollBar()
        bar.setValue(max(0, bar.value() - height // 3))

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        doc = self.window.current_document()
        query = self.bar.query()
        if doc is None:
            return
        if not self.is_open():
            self.open_bar()
        pending = self._typing.isActive() or self.runner.is_busy("find")
        if pending or self._searched is None or self._searched[:2] != (doc.id, query):
            self._search_now()
            return
        if self.matches:
            self.set_current(self.current + step)

    def _on_bar_next_requested(self) -> None:
        self.next_hit()

    def _on_bar_previous_requested(self) -> None:
        self.previous_hit()

    def _on_bar_close_requested(self) -> None:
        self.close_bar()

    # -- following the window ------------------------------------------------------------------
    def _on_document_opened(self, _doc_id: str) -> None:
        self._searched = None
        # The previous article's hits are ranges of its text, not of this one.
        self.matches = []
        self.current = -1
        self.reading_view.set_layer(HITS_LAYER, [])
        self.reading_view.set_layer(CURRENT_LAYER, [])
        if self.is_open() and self.bar.query().strip():
            self.search(self.bar.query())
        else:
            self._set_matches([], None)

    def _on_view_switched(self, doc_id: str, view_id: str) -> None:
        # The hits are canonical ranges: the layers already follow. Their text and context as
        # the new view shows them are presented afresh (and the listed results too).
        doc = self.window.current_document()
        if doc is None or doc.id != doc_id:
            return
        glossary = self.services.glossary()
        if self.matches:
            from reader.search import matches_in_view

            self.matches = matches_in_view(doc, self.matches, view_id, glossary)
        panel = self._results_panel
        if panel is not None and panel.model.matches(doc_id):
            from reader.search import matches_in_view

            panel.model.replace_document(
                doc_id, matches_in_view(doc, panel.model.matches(doc_id), view_id, glossary)
            )

    def _on_glossary_changed(self) -> None:
        if self.is_open() and self.bar.query().strip():
            self.search(self.bar.query(), keep_current=True)

    def _on_theme_applied(self, _theme: str) -> None:
        if self.matches:
            current = self.current
            self._set_matches(self.matches, None)
            self.set_current(current, reveal=False)

    def _hit_color(self) -> QColor:
        return search_hit_format(self.window.theme()).background().color()

    def _current_color(self) -> QColor:
        return search_hit_format(self.window.theme(), current=True).background().color()

    # -- all articles --------------------------------------------------------------------------
    @property
    def results_panel(self) -> SearchResultsPanel:
        if self._results_panel is None:
            from reader.ui.reading.search_results import SearchResultsPanel

            panel = SearchResultsPanel(self.services.library, self.window)
            # Under the library: the list of articles, then where the query is in them.
            self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
            if not self.window.library_dock.isFloating():
                self.window.splitDockWidget(
                    self.window.library_dock, panel, Qt.Orientation.Vertical
                )
            panel.match_activated.connect(self._on_match_activated)
            panel.visibilityChanged.connect(self._on_panel_visibility_changed)
            self._results_panel = panel
        return self._results_panel

    def _on_bar_all_articles_toggled(self, checked: bool) -> None:
        if checked:
            self.results_panel.show()
            self._results_key = None
            self._search_all(self.bar.query())
        elif self._results_panel is not None:
            self._results_panel.hide()

    def _on_panel_visibility_changed(self, visible: bool) -> None:
        if not visible and self.bar.all_articles.isChecked() and self.window.isVisible():
            self.bar.all_articles.setChecked(False)

    def _search_all(self, query: str) -> None:
        if not self.bar.all_articles.isChecked():
            return
        panel = self.results_panel
        query = query.strip()
        if not query:
            self.runner.cancel("find-all")
            panel.set_matches("", [])
            self.results_changed.emit()
            return
        glossary = self.services.glossary()
        docs = list(self.services.library)
        views = {d.id: self.services.current_view(d.id) for d in docs}
        panel.set_searching(query)

        def run() -> list[Match]:
            from reader import search_index
            from reader.search import search_document

            try:  # the persistent index (built here, off the UI thread, the first time)
                return search_index.search_documents(docs, query, views.__getitem__, glossary)
            except search_index.Unavailable:  # missing, damaged, busy: the same hits, slower
                pass
            found: list[Match] = []
            for doc in docs:
                found += search_document(doc, query, view_id=views[doc.id], glossary=glossary)
            return found

        self.runner.run(
            "find-all",
            run,
            lambda found: self._on_all_found(query, found),
            self._on_search_failed,
            message=self.tr("Searching all articles…"),
        )

    def _on_all_found(self, query: str, found: list[Match]) -> None:
        self.results_panel.set_matches(query, found)
        self.results_changed.emit()

    def _on_match_activated(self, match: Match) -> None:
        """Open the hit's article and make the hit current there."""
        doc = self.window.current_document()
        if doc is not None and doc.id == match.document:
            for i, m in enumerate(self.matches):
                if (m.start, m.end) == (match.start, match.end):
                    self.set_current(i)
                    return
        if doc is None or doc.id != match.document:
            self._target = (match.document, match.start, match.end)
            self.window.open_document(match.document)  # the search runs again there
        fmt = search_hit_format(self.window.theme(), current=True)
        self.reading_view.set_layer(CURRENT_LAYER, [(match.start, match.end, fmt)])
        self.reveal(match.start, match.end)

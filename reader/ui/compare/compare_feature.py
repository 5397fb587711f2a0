"""Compare mode: two articles side by side, theme by theme, in a window of its own.

``install_compare(window, typography)`` is the main window's one hook (after the first paint): it
adds View ▸ Compare Articles (Ctrl+Shift+M). The compare window
(:class:`~reader.ui.compare.compare_window.CompareWindow`) and everything in it are imported and
built the first time that action is used, so nothing here weighs on start-up. Memos are saved
before the main window closes; when that is refused, the close is stopped once and the compare
window shows the memo and why.

Signals (CompareFeature):
    window_opened(): the compare window was shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from reader.ui.compare.compare_window import CompareWindow
    from reader.ui.reading.typesetting import ReadingContent, Typography
    from reader.ui.window.main_window import MainWindow


class CompareFeature(QObject):
    window_opened = Signal()

    def __init__(
        self, main: MainWindow, typography: Callable[[ReadingContent | None], Typography]
    ) -> None:
        super().__init__(main)
        self.setObjectName("compareFeature")
        self._main = main
        self._typography = typography
        self._window: CompareWindow | None = None
        self._close_warned = False
        self.action = QAction(self.tr("&Compare Articles…"), main)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.action.setStatusTip(
            self.tr("Read two articles side by side and compare them theme by theme.")
        )
        self.action.triggered.connect(self._on_action_triggered)
        main.addAction(self.action)
        main.view_menu.insertAction(main.view_script_section, self.action)
        main.theme_applied.connect(self._on_theme_applied)
        main.add_close_guard(self._may_close)

    @property
    def window(self) -> CompareWindow | None:
        return self._window

    def open(self, left: str | None = None, right: str | None = None) -> CompareWindow:
        """Show the compare window (built on first use); ``left``/``right`` choose articles."""
        ids = self._main.services.library.ids()
        current = self._main.current_document()
        if self._window is None:
            from reader.ui.compare.compare_window import CompareWindow

            self._window = CompareWindow(self._main, self._typography)
            # Where the reader left compare mode last time, when those articles still exist.
            saved = self._window.saved_state()
            saved_docs = [d if d in ids else None for d in saved.documents]
            first = left or saved_docs[0] or (current.id if current is not None else ids[0])
            second = right or saved_docs[1] or next((i for i in ids if i != first), first)
            self._window.set_documents(first, second, saved.views)
            self._window.restore_layout(saved)
        else:
            # The library may have changed meanwhile (a text imported or removed).
            panes = self._window.view.panes
            for pane in panes:
                pane.fill_articles()
            shown = [pane.document_id() for pane in panes]
            kept = [d if d in ids else None for d in shown]
            one = left or kept[0] or (current.id if current is not None else ids[0])
            other = right or kept[1] or next((i for i in ids if i != one), one)
            if [one, other] != shown:
                self._window.set_documents(one, other)
        self._window.retypeset()
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()
        self.window_opened.emit()
        return self._window

    def _on_action_triggered(self) -> None:
        if not self._main.services.library.ids():
            self._main.statusBar().showMessage(self.tr("No articles to compare."), 5000)
            return
        self.open()

    def _on_theme_applied(self, _theme_id: str) -> None:
        if self._window is not None:
            self._window.retypeset()

    def _may_close(self) -> bool:
        """The main window is closing: the compare window's state and memo are saved first."""
        if self._window is not None:
            self._window.save_state()
        if self._window is not None and not self._window.flush_memo() and not self._close_warned:
            # A memo could not be saved: keep everything open once, showing it and why.
            self._close_warned = True
            self._window.show()
            self._window.raise_()
            return False
        return True


def install_compare(
    main: MainWindow, typography: Callable[[ReadingContent | None], Typography]
) -> CompareFeature:
    """Add compare mode to the main window (View ▸ Compare Articles, Ctrl+Shift+M)."""
    existing = main.findChild(CompareFeature, "compareFeature")
    if isinstance(existing, CompareFeature):
        return existing
    return CompareFeature(main, typography)


def compare_feature(main: QObject) -> CompareFeature | None:
    """The compare feature installed on a main window, if any."""
    found = main.findChild(CompareFeature, "compareFeature")
    return found if isinstance(found, CompareFeature) else None

"""The window's side of ``meipi bench``: real (offscreen) windows driven and timed, and the bare
Qt window the startup budgets are measured against. Plain numbers come back; the budgets, the
table and everything outside Qt stay in ``reader.bench.run`` (the core never imports Qt)."""

from __future__ import annotations

import gc
import os
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QThreadPool,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from reader.shelf import open_library
from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.typesetting import ReadingContent
from reader.ui.window.main_window import MainWindow
from reader.ui.window.services import Services
from reader.ui.window.settings import ReaderSettings

# A bare QMainWindow + QTextEdit showing the same text (run as a script of its own): what the
# cold start and memory of Meipi's window are measured against.
_BARE_TEMPLATE = textwrap.dedent(
    """
    import sys, time, resource
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

    class Edit(QTextEdit):
        # "paint" once the text has been painted, as Meipi's reading pane reports it (after
        # its own paintEvent), not when the paint event arrives.
        done = False
        def paintEvent(self, event):
            super().paintEvent(event)
            DRAW
            if not self.done:
                self.done = True
                print("paint", time.time(), flush=True)
                print("cpu", time.process_time(), flush=True)
                QTimer.singleShot(0, AFTER_PAINT)

    text = open(sys.argv[1], encoding="utf-8").read()
    app = QApplication(sys.argv[:1])
    win = QMainWindow()
    edit = Edit()
    edit.setPlainText(text)
    win.setCentralWidget(edit)
    win.resize(1200, 800)
    DESK
    def finish():
        # VmHWM: this process's own peak (ru_maxrss would carry over the parent's).
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            for line in open("/proc/self/status"):
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1])
        except OSError:
            pass
        print("rss", rss, flush=True)
        app.quit()

    win.show()
    app.exec()
    """
)


def _bare(draw: str = "", desk: str = "", after_paint: str = "finish") -> str:
    return (
        _BARE_TEMPLATE.replace("        DRAW\n", draw)
        .replace("AFTER_PAINT", after_paint)
        .replace("DESK\n", desk or "\n")
    )


BARE_SCRIPT = _bare()
_DRAW_ONE_PAGE_NUMBER = (
    "        from PySide6.QtGui import QColor, QPainter\n"
    "        painter = QPainter(self.viewport())\n"
    "        painter.setPen(QColor('#8a6d3b'))\n"
    "        painter.drawText(8, 20, 'p. 1')\n"
    "        painter.end()\n"
)
# The least a reading desk costs in PySide, measured beside the bare window (issue 22): the same
# window whose pane also draws one thing of its own, as any reading pane that marks a page number
# or a highlight does (a QPainter on the viewport, a pen of a colour, a line of text) — PySide
# makes the enum classes of every type a call may take on the first such call, and setPen weighs
# an overload taking a Qt.PenStyle, so the whole Qt namespace (95 classes), which a bare window
# never pays — and that, once painted, also makes the widgets Meipi's window shows when it is
# ready: menus with their shortcuts, a toolbar, the Library, Outline and Annotations docks with
# their (empty) lists, filters and colour boxes, a status bar; no text of Meipi's and no data.
DESK_BARE_SCRIPT = _bare(
    _DRAW_ONE_PAGE_NUMBER,
    textwrap.dedent(
        """
        def build_desk():
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
            from PySide6.QtWidgets import (
                QCheckBox, QComboBox, QDockWidget, QGridLayout, QGroupBox, QLabel, QLineEdit,
                QListView, QPushButton, QToolBar, QToolButton, QTreeView, QVBoxLayout, QWidget,
            )

            def dock(title, widget, area):
                holder = QDockWidget(title, win)
                holder.setWidget(widget)
                win.addDockWidget(area, holder)

            def listed(view, rows):
                model = QStandardItemModel(view)
                for row in rows:
                    model.appendRow(QStandardItem(row))
                view.setModel(model)
                return view

            left = Qt.DockWidgetArea.LeftDockWidgetArea
            library = QWidget()
            column = QVBoxLayout(library)
            for widget in (QLineEdit(), QComboBox(), QLabel("2 texts")):
                column.addWidget(widget)
            titles = ["一帶一路框架下中俄之潛在競合關係", "中俄兩國之戰略利益分歧"]
            column.addWidget(listed(QListView(), titles))
            dock("Library", library, left)
            headings = ["壹、前言", "貳、平等互利的中俄關係發展"]
            dock("Outline", listed(QTreeView(), headings), left)
            side = QWidget()
            column = QVBoxLayout(side)
            for widget in (QComboBox(), QLabel("0 annotations"), QLineEdit()):
                column.addWidget(widget)
            column.addWidget(QPushButton("Clear"))
            colours = QGroupBox("Colours")
            grid = QGridLayout(colours)
            for i in range(6):
                grid.addWidget(QCheckBox("Important (0)"), i // 2, i % 2)
            column.addWidget(colours)
            column.addWidget(listed(QListView(), []))
            column.addWidget(listed(QListView(), []))
            dock("Annotations", side, Qt.DockWidgetArea.RightDockWidgetArea)
            toolbar = QToolBar("Toolbar", win)
            win.addToolBar(toolbar)
            toolbar.addWidget(QComboBox())
            for name in ("File", "Edit", "View", "Go", "Annotate", "Help"):
                menu = win.menuBar().addMenu(name)
                for i in range(8):
                    action = QAction(f"{name} {i}", win)
                    action.setShortcut(QKeySequence(f"Ctrl+Shift+{i}"))
                    menu.addAction(action)
                    toolbar.addAction(action) if i < 2 else None
            toolbar.addWidget(QToolButton())
            for text in ("Page 1", "Zoom 100%", "0%"):
                win.statusBar().addPermanentWidget(QLabel(text))
            QTimer.singleShot(0, desk_ready)

        def desk_ready():
            print("ready", time.time(), flush=True)
            print("cpu_ready", time.process_time(), flush=True)
            finish()
        """
    ),
    after_paint="build_desk",
)


def qt_app() -> QApplication:
    """The application, offscreen unless a platform was chosen, without the offscreen
    platform's notices about window hints (noise in a report)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    from reader.ui.window.app import application

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    return application()


def wait(predicate: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.perf_counter() + seconds
    while not predicate():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window did not get there in time")
        QApplication.processEvents()


def _window(data: Path, db: Path | None = None) -> MainWindow:
    """A window on the texts of ``data`` (and the database ``db``), shown and fully ready."""
    qt_app()
    os.environ["MEIPI_DATA_DIR"] = str(data)
    library = open_library()  # as the window reads it (a library of thousands: its shelf)
    services = Services(db, library) if db is not None else None
    window = MainWindow(
        library, ReaderSettings.default(), FontCatalog.from_system(), services=services
    )
    window.resize(1200, 800)
    window.show()
    if db is None:
        QApplication.processEvents()
    else:
        wait(
            lambda: (
                window.is_fully_ready and getattr(window, "annotations_feature", None) is not None
            )
        )
    return window


def _closed(window: MainWindow) -> None:
    """Close and delete ``window`` with what it holds: the bench's later rows run in this
    process, and a window left alive (a library's annotations, its timers) slowed them."""
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def view_switch_times(runs: int, data: Path) -> tuple[list[float], list[float]]:
    """Seconds to convert, map and re-render lian-obor in another view: the first time (every
    cache forgotten), and after the first."""
    from reader import script, script_engine

    window = _window(data)
    doc = window.services.library.get("lian-obor")
    views = ["zh-Hans-CN", "zh-Hant-TW", "zh-Hans", "zh-Hant-HK"]

    def switch(view_id: str) -> None:
        view = script.document_view(doc, view_id, None)
        window.show_content(ReadingContent.from_view(doc, view))
        QApplication.processEvents()

    def forget_everything() -> None:
        script.clear_caches()
        with script_engine._converters_lock:
            script_engine._converters.clear()
            script_engine._stages.clear()
        window.show_content(ReadingContent.original(doc))
        QApplication.processEvents()

    first: list[float] = []
    for i in range(runs):
        forget_everything()
        gc.collect()
        t0 = time.perf_counter()
        switch(views[i % len(views)])
        first.append(time.perf_counter() - t0)
    warm: list[float] = []
    for i in range(runs * 4):
        t0 = time.perf_counter()
        if i % 2:
            window.show_content(ReadingContent.original(doc))
            QApplication.processEvents()
        else:
            switch("zh-Hans-CN")
        warm.append(time.perf_counter() - t0)
    _closed(window)
    return first, warm


@dataclass
class LargeTimes:
    opened: list[float] = field(default_factory=list)
    by_tag: list[float] = field(default_factory=list)
    by_text: list[float] = field(default_factory=list)


def _annotations_drawn(window: MainWindow) -> int:
    layer = window.reading_view._layers.get("annotations")
    return len(layer.ranges) if layer is not None else 0


def _settled(window: MainWindow) -> None:
    """Wait until nothing else works in the window: the open text laid out to its end and the
    words warmed up (jieba and the dictionary load on a worker thread, which holds the GIL in
    turns), so a filter's time is the filter's own."""
    words = window.annotations_feature.selection.words
    if words is not None:
        words.warm_up()
        # Its jobs are quiet (they never make the runner busy): wait for their pool itself.
        app = QApplication.instance()
        pool = app.findChild(QThreadPool, "wordsWarmUpPool") if app is not None else None
        for _ in range(3):  # the words, then the dictionary
            if pool is not None:
                pool.waitForDone(300_000)
            QApplication.processEvents()
    pacer = window.reading_view.pacer
    wait(lambda: pacer is None or pacer.done(), 300)
    QApplication.processEvents()


class _Painted(QObject):
    """Whether the sidebar's list has painted its rows (or its emptiness) since ``reset``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.sidebar = window.annotations_feature.sidebar
        self.sidebar.list.viewport().installEventFilter(self)
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            laid_out = self.sidebar.list.indexAt(QPoint(2, 2)).isValid()
            self.painted = self.painted or laid_out or self.sidebar.proxy.rowCount() == 0
        return False


def _filter_timer(window: MainWindow) -> Callable[[Callable[[], None]], float]:
    """A function timing a sidebar filter from no filter: seconds from ``apply()`` until the
    list has painted the rows it shows (a paint before they were laid out does not count)."""
    _settled(window)
    sidebar = window.annotations_feature.sidebar
    watch = _Painted(window)

    def timed(apply: Callable[[], None]) -> float:
        sidebar.clear_filters()
        watch.painted = False
        sidebar.list.viewport().update()
        wait(lambda: watch.painted)
        QApplication.processEvents()
        gc.collect()
        watch.painted = False
        t0 = time.perf_counter()
        apply()
        wait(lambda: watch.painted)
        return time.perf_counter() - t0

    return timed


def sidebar_filter_times(window: MainWindow, runs: int) -> tuple[list[float], list[float]]:
    """Seconds to filter the sidebar by a tag and by text (``_filter_timer``)."""
    sidebar = window.annotations_feature.sidebar
    timed = _filter_timer(window)
    by_tag: list[float] = []
    by_text: list[float] = []
    for _ in range(runs):
        by_tag.append(timed(lambda: sidebar.set_tag_filter(["能源"])))
        by_text.append(timed(lambda: sidebar.set_text_filter("筆記 12")))
    sidebar.clear_filters()
    return by_tag, by_text


def large_window_times(runs: int, data: Path, db: Path, doc_id: str, count: int) -> LargeTimes:
    """Seconds to open ``doc_id`` until its ``count`` annotations are drawn, and to filter the
    sidebar by a tag and by text."""
    window = _window(data, db)
    times = LargeTimes()
    for _ in range(runs):
        window.open_document("lian-obor")
        QApplication.processEvents()
        gc.collect()
        t0 = time.perf_counter()
        window.open_document(doc_id)
        wait(lambda: _annotations_drawn(window) >= count)
        QApplication.processEvents()
        times.opened.append(time.perf_counter() - t0)
    times.by_tag, times.by_text = sidebar_filter_times(window, runs)
    _closed(window)
    return times


def many_annotations_filter_times(
    runs: int, data: Path, db: Path, doc_id: str, count: int
) -> tuple[list[float], list[float]]:
    """With ``doc_id`` open and its ``count`` annotations drawn, seconds to filter the sidebar
    by a tag and by text (``sidebar_filter_times``)."""
    window = _window(data, db)
    window.open_document(doc_id)
    wait(lambda: _annotations_drawn(window) >= count, 600)
    times = sidebar_filter_times(window, runs)
    _closed(window)
    return times


def library_open_times(data: Path, db: Path, doc_ids: list[str], count: int) -> list[float]:
    """Seconds to open each of ``doc_ids`` but the first (texts of a library of thousands,
    each opened for the first time) until its ``count`` annotations are drawn; the first is
    opened untimed, as the window's first opening readies what every opening shares."""
    window = _window(data, db)

    def drawn() -> int:
        layer = window.reading_view._layers.get("annotations")
        return len(layer.ranges) if layer is not None else 0

    times = []
    for doc_id in doc_ids:
        QApplication.processEvents()
        gc.collect()
        t0 = time.perf_counter()
        window.open_document(doc_id)
        wait(lambda: drawn() >= count)
        QApplication.processEvents()
        times.append(time.perf_counter() - t0)
    _closed(window)
    return times[1:]


def five_hundred_times(
    runs: int, data: Path, db: Path, doc_id: str
) -> tuple[list[float], list[float]]:
    """Seconds for a view switch of ``doc_id`` with its annotations drawn, and for a sidebar
    text filter."""
    from reader import script

    window = _window(data, db)
    window.open_document(doc_id)
    QApplication.processEvents()
    services = window.services
    doc = services.library.get(doc_id)
    switches: list[float] = []
    for i in range(runs * 2):
        view_id = "zh-Hans-CN" if i % 2 == 0 else "original"
        t0 = time.perf_counter()
        view = script.document_view(doc, view_id, services.glossary())
        window.show_content(ReadingContent.from_view(doc, view))
        services.set_current_view(doc.id, view_id)
        QApplication.processEvents()
        switches.append(time.perf_counter() - t0)
    sidebar = window.annotations_feature.sidebar
    timed = _filter_timer(window)
    filters = [timed(lambda: sidebar.set_text_filter("能源")) for _ in range(runs)]
    _closed(window)
    return switches, filters


class _ListPainted(QObject):
    """Whether the library's list has painted its rows since ``painted`` was set False."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.view = window.library_list
        self.view.viewport().installEventFilter(self)
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            laid_out = self.view.indexAt(QPoint(2, 2)).isValid()
            self.painted = self.painted or laid_out or self.view.model().rowCount() == 0
        return False


# Typed into the Library dock's filter one keystroke at a time, then cleared (Esc): Simplified
# characters for the library's Traditional titles, so the folded keys are what matches.
LIBRARY_FILTER_TYPED = "图书馆 29"


def library_filter_times(runs: int, data: Path) -> tuple[list[float], list[float]]:
    """Over the library of ``data``, seconds from a filter's change until the list has painted
    the rows it shows: each keystroke of ``LIBRARY_FILTER_TYPED``, and
    clearing the filter (every text shown again). The first run, which folds every text's key
    once, is not counted."""
    window = _window(data)
    wait(lambda: window.is_fully_ready)
    panel = window.library_list.parentWidget()
    from reader.ui.library.library_panel import LibraryPanel

    assert isinstance(panel, LibraryPanel)
    watch = _ListPainted(window)

    def timed(text: str) -> float:
        QApplication.processEvents()
        gc.collect()
        watch.painted = False
        t0 = time.perf_counter()
        panel.filter.setText(text)  # filters at once (no pause between keystrokes)
        wait(lambda: watch.painted)
        return time.perf_counter() - t0

    typed: list[float] = []
    cleared: list[float] = []
    for run in range(runs + 1):
        keys = [timed(LIBRARY_FILTER_TYPED[:n]) for n in range(1, len(LIBRARY_FILTER_TYPED) + 1)]
        shown, total = panel.model.rowCount(), len(panel.model.documents())
        if not 0 < shown < total:
            raise RuntimeError(f"the filter showed {shown} of {total} texts: nothing measured")
        clear = timed("")
        if run:
            typed += keys
            cleared.append(clear)
    _closed(window)
    return typed, cleared

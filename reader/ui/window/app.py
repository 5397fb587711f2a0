"""Starting the window: the QApplication, translations, settings and fonts, then the window.

Kept lean on purpose: the budget is Meipi's text painted within twice a bare QTextEdit's first
paint, so nothing heavy (SQLAlchemy, OpenCC) is imported before the first paint; later services
load from ``MainWindow.reading_view.first_painted`` or a ``QTimer.singleShot(0, …)``.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from reader.ui.reading.fonts import FontCatalog
from reader.ui.window import resources
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings

if TYPE_CHECKING:
    from reader.documents import Library


class WindowConfig:
    """What the window is started with: plain values (the command line makes one from its
    options in ``reader.commands.window``; the window never imports the command line).

    A plain class: made before the first paint, where a dataclass cost ~0.3 ms to create."""

    def __init__(
        self,
        db: Path,
        stderr: TextIO | None = None,
        _library: Library | None = None,
        gc_threshold: tuple[int, int, int] | None = None,
    ) -> None:
        self.db = db  # the database named by --db / $MEIPI_DB / the data directory
        self.stderr = stderr if stderr is not None else sys.stderr
        self._library = _library
        # The collector's thresholds to go back to once the window is fully ready (the
        # command line makes it collect less often while the window starts).
        self.gc_threshold = gc_threshold

    def library(self) -> Library:
        """The texts (loaded once, listed when first asked for: the window reads the text it
        shows first from its file and lists the library after the first paint); problems with
        a text are said on ``stderr`` when it is listed."""
        if self._library is None:
            from reader.shelf import OpeningLibrary

            def say(listed: Library) -> None:
                for problem in listed.problems:
                    print(problem, file=self.stderr)

            self._library = OpeningLibrary(on_listed=say)
        return self._library


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with Meipi's names and translations."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Palette-driven themes (dark, sepia) look the same everywhere only with Fusion. Chosen on
    # the command line Qt reads, not with setStyle(), which hands back the QStyle and so makes
    # PySide create its class and enums before the first paint (~9 ms).
    args = argv if argv is not None else sys.argv[:1]
    app = QApplication([*args, "-style", "Fusion"])
    app.setApplicationName("Meipi")
    app.setApplicationDisplayName("Meipi")
    app.setOrganizationName("Meipi")
    app.setDesktopFileName("meipi")
    app.setWindowIcon(resources.icon("meipi"))
    install_translations(app, interface_language(ReaderSettings.default().language()))
    return app


# The languages the interface is translated into (resources/translations/meipi_<code>.qm).
TRANSLATED = ("zh_TW", "zh_CN")


def interface_language(choice: str, system: QLocale | None = None) -> str:
    """The language the window is shown in: ``en``, ``zh_TW`` or ``zh_CN``.

    ``choice`` is the setting (View ▸ Language); ``system`` follows the system locale, any
    Traditional Chinese one (Taiwan, Hong Kong, Macau, ``zh_Hant``) as ``zh_TW``, any other
    Chinese one as ``zh_CN``, every other language as English."""
    if choice in (*TRANSLATED, "en"):
        return choice
    locale = system if system is not None else QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    traditional = locale.script() == QLocale.Script.TraditionalChineseScript or (
        locale.script() != QLocale.Script.SimplifiedChineseScript
        and locale.territory()
        in (QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macau)
    )
    return "zh_TW" if traditional else "zh_CN"


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Meipi's strings (``resources/translations/meipi_<language>.qm``) and Qt's own for the
    standard dialogs and buttons (``qtbase_<language>.qm``, shipped with PySide6), for a
    translated ``language``; for English, only Meipi's plurals ("1 annotation", "2
    annotations": the code writes "%n annotation(s)")."""
    installed: list[QTranslator] = []
    ours = str(resources.resource_path("translations"))
    if language == "en":
        catalogs = [("meipi", ours)]
    elif language in TRANSLATED:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogs = [("qtbase", qt_dir), ("meipi", ours)]
    else:
        return installed
    for name, directory in catalogs:
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def create_window(ctx: WindowConfig) -> MainWindow:
    from reader.ui.window.services import Services

    library = ctx.library()
    # The database named by --db / $MEIPI_DB / the data directory (ctx.db says which).
    services = Services(ctx.db, library)
    return MainWindow(
        library, ReaderSettings.default(), FontCatalog.from_system(), services=services
    )


def _close_on_signals(app: QApplication, window: MainWindow) -> None:
    """Ctrl+C in the terminal, or a session ending (SIGTERM), closes the window as its close
    button would, so the place and the layout are saved; a note the database refuses is kept
    in a file (said on stderr) and the window goes at once, asking nothing."""

    def close(_signum: int, _frame: object) -> None:
        if not window.close():
            # A note being typed was refused by the database (its dialog says why), and the
            # session will not wait: keep it in a file rather than lose it, then close the
            # editors without the question about discarding it (no one would answer it, and
            # the logout would wait for it; Qt's quit closes every window, asking each).
            _rescue(window)
            feature = getattr(window, "annotations_feature", None)
            if feature is not None:
                feature.edits.drop_pending()
            window.close()
        app.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close)
    # Python runs signal handlers only between bytecodes: wake it up now and then.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def _rescue(window: MainWindow) -> None:
    from reader import paths
    from reader.errors import MeipiError

    feature = getattr(window, "annotations_feature", None)
    if feature is None:
        return
    try:
        kept = feature.edits.rescue_pending(paths.data_dir() / "unsaved")
    except (MeipiError, OSError) as exc:
        # Nowhere to write it: the session's log (stderr) keeps it, the last place left.
        print(
            f"meipi: a note being typed could not be saved or kept in a file ({exc}); "
            f"here it is:\n{feature.edits.pending_markdown() or ''}",
            file=sys.stderr,
        )
        return
    if kept is not None:
        print(
            f"meipi: a note being typed could not be saved to the database; it is kept in {kept}.",
            file=sys.stderr,
        )


def peak_memory_kib() -> int:
    """This process's own peak resident memory, KiB: ``VmHWM`` (reset by exec, unlike
    ``ru_maxrss``, which on Linux carries over the parent's peak), else ``ru_maxrss``; 0 where
    neither exists (Windows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _report_for_benchmark(app: QApplication, window: MainWindow) -> None:
    """``MEIPI_BENCH_REPORT=1`` (set by ``meipi bench``): print the wall-clock time of the first
    paint and of being fully ready, the CPU time used by then, and the peak memory, then
    quit."""
    import time

    def painted() -> None:
        print("paint", time.time(), flush=True)
        print("cpu", time.process_time(), flush=True)

    def ready() -> None:
        print("ready", time.time(), flush=True)
        print("cpu_ready", time.process_time(), flush=True)
        # Peak memory is for the window with two articles opened once (the budget's "both"):
        # with a library of thousands, the same reading, not every text in it. Each opened in
        # an event of its own, as a reader's clicks are: the event loop runs between them (it
        # deletes the document an article replaces; opened in one go, all three stayed).
        current = window.current_document()
        ids = [doc.id for doc in list(window.services.library)[:2]]
        if current is not None:
            ids.append(current.id)

        def open_next() -> None:
            if ids:
                window.open_document(ids.pop(0))
                QTimer.singleShot(0, open_next)
                return
            print("rss", peak_memory_kib(), flush=True)
            QTimer.singleShot(0, app.quit)

        open_next()

    window.reading_view.first_painted.connect(painted)
    window.fully_ready.connect(ready)


def _already_open(app: QApplication, ctx: WindowConfig) -> int:
    """Another window has this database open: say so (one window per database keeps two
    windows from undoing each other's edits)."""
    from PySide6.QtWidgets import QMessageBox

    from reader.store.window_lock import window_holder

    holder = window_holder(ctx.db)
    who = (
        app.translate("app", " (process %1)").replace("%1", str(holder.pid))
        if holder is not None and holder.pid
        else ""
    )
    text = (
        app.translate(
            "app",
            "Meipi is already open on %1%2. Switch to that window, or close it and start Meipi "
            "again.",
        )
        .replace("%1", str(ctx.db))
        .replace("%2", who)
    )
    print(f"meipi: {text}", file=ctx.stderr)
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        QMessageBox.information(None, app.translate("app", "Meipi is already open"), text)
    return 1


def _hand_over(ctx: WindowConfig) -> bool:
    """A ``meipi open`` (or a meipi:// link) that found no window started this one, and a
    window starting meanwhile took the lock: the place goes to that window (which waits for it
    until it listens), as if it had been open already. True when it was delivered."""
    from reader.ui.window.open_channel import take_pending

    place = take_pending()
    if place is None:
        return False
    from reader.open_request import send

    if not send(ctx.db, place):
        return False
    print("Shown in the open Meipi window.", file=ctx.stderr)
    return True


def run_app(ctx: WindowConfig) -> int:
    from reader import crashlog

    # A native crash (Qt, SQLite) leaves every thread's stack in crash.log (idempotent: the
    # `meipi` entry point has usually enabled it already).
    crashlog.enable("window")
    app = application()
    from reader.store.window_lock import acquire_window_lock

    lock = acquire_window_lock(ctx.db)
    if lock is None:
        if _hand_over(ctx):
            return 0
        return _already_open(app, ctx)
    window = create_window(ctx)
    threshold = ctx.gc_threshold
    if threshold is not None:
        import gc

        def collect_as_before() -> None:
            # What the start made lives as long as the window: frozen (gc.freeze), the
            # collector never scans it again, and its first pass is over the objects made
            # since, not the whole start (~6.5 ms right after ready). (A cycle of the start
            # that is dropped later stays unfreed: the first text's few, once.)
            gc.freeze()
            gc.set_threshold(*threshold)

        window.fully_ready.connect(collect_as_before)
    # Held until the application quits (the OS drops it, too, if the process dies).
    app.aboutToQuit.connect(lock.release)
    from reader.ui.window.database_dialog import connect_offers

    connect_offers(window, window.services)

    def listen_for_open() -> None:
        # `meipi open` and meipi:// links reach this window. After the first paint: nothing of
        # it is needed to show the text (a `meipi open` meanwhile waits for the channel; see
        # reader.open_request.send).
        from reader.ui.window.open_channel import listen

        listen(window, ctx.db)

    window.reading_view.first_painted.connect(lambda: QTimer.singleShot(0, window, listen_for_open))
    if os.environ.get("MEIPI_BENCH_REPORT"):
        _report_for_benchmark(app, window)
    app.aboutToQuit.connect(window.save_state)
    _close_on_signals(app, window)
    window.show()
    return app.exec()

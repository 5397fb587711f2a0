"""The window's services: the annotation store, the user's glossary, script views, and the
current view of each article — shared by every feature of the window, created once, passed in.

Nothing heavy is imported here at module level (startup budget): the store opens on first use,
after the text is painted. Until something writes (or a dialog
needs the store), reads go through ``reader.store.quick`` (plain ``sqlite3``, the same checks as
``open_store``), so the window shows its annotations without importing SQLAlchemy.

Annotations are read a text at a time (``read_annotations(doc_id)``): a library of thousands
holds 100,000 of them, which the window reads whole only when the reader asks for every
article's (``records_reader()``, a function for a worker thread).

Signals:
    store_failed(str): the database could not be opened (the message says what to do).
    glossary_changed(): the glossary changed (here or in another process); views must redraw.
    annotations_changed(str): annotations of a document changed ('' when unknown, e.g. another
        process wrote to the database).
    view_changed(str, str): the view (script) of a document changed (document id, view id).
    texts_changed(): the user's texts folder changed (``meipi import`` in another process).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from reader.documents import Document, Library

if TYPE_CHECKING:
    from reader.glossary import Glossary
    from reader.script import View
    from reader.store import Store
    from reader.store.quick import Snapshot
    from reader.store.records import AnnotationRecord, TagInfo
    from reader.store.sqlite_file import Watcher

    AnnotationData = tuple[list[AnnotationRecord], list[TagInfo], dict[str, str]]

WATCH_INTERVAL_MS = 1000
# A text with more annotations than this has them read on a worker thread (100,000 on one text
# took two seconds of the window's thread); fewer are read at once, where they are asked for.
LARGE_TEXT = 10_000
T = TypeVar("T")


class Services(QObject):
    store_failed = Signal(str)
    glossary_changed = Signal()
    annotations_changed = Signal(str)
    view_changed = Signal(str, str)
    texts_changed = Signal()

    def __init__(self, db_path: Path, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)  # (a str from a caller that has one still works)
        self.library = library
        self._store: Store | None = None
        # Set by close(): a write that comes after (a note saved as the window closes) opens
        # the store for itself and closes it again, so nothing stays open behind a closed window.
        self._closed = False
        self._store_error: str | None = None
        self._store_exception: Exception | None = None
        self._glossary: Glossary | None = None
        self._watcher: Watcher | None = None
        self._snapshot: Snapshot | None = None
        # The texts whose annotations the next snapshot reads (the open one's; None: all).
        self._snapshot_documents: tuple[str, ...] | None = ()
        self._views: dict[str, str] = {}
        # The window read "no database yet" (its views show nothing); once a read finds the
        # database another process made, the next tick tells every view, whichever read found
        # it first (a warm-up asking for the glossary must not swallow the news).
        self._saw_no_database = False
        self._database_appeared = False
        # How many annotations the database held when last read (the restore offer says it).
        self.annotations_seen: int | None = None
        # The user's texts as the library was listed: a window lists a library of thousands
        # after its first paint (reader.shelf.OpeningLibrary), and so looks at their files
        # then (3,000 of them took ~12 ms).
        self._texts_seen: tuple[tuple[str, int, int], ...] | None = None
        from reader.shelf import OpeningLibrary

        if isinstance(library, OpeningLibrary):
            library.when_listed(lambda _listed: self.note_texts_changed())
        else:
            self.note_texts_changed()
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._on_watch_timer_timeout)

    # -- the store -----------------------------------------------------------------------------
    @property
    def store_error(self) -> str | None:
        return self._store_error

    @property
    def store_exception(self) -> Exception | None:
        """Why the store was refused (e.g. reader.store.db.DatabaseRefused), if it was."""
        return self._store_exception

    def place_unwritable(self) -> bool:
        """Whether the database cannot be written where it is (its folder missing or not
        writable, or the file not writable): what to check, when the store was refused. (Asks
        the system, without opening the file: one door to the database.)"""
        if self.db_path is None:
            return False
        folder = self.db_path.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            return True
        return self.db_path.exists() and not os.access(self.db_path, os.W_OK)

    def store(self) -> Store | None:
        """The open store, opening it on first use; None (and ``store_failed``) if refused."""
        if self._store is not None:
            return self._store
        if self._store_error is not None:
            return None
        from reader.errors import MeipiError
        from reader.store import open_store

        try:
            self._store = open_store(self.db_path)
        except MeipiError as exc:
            self._store_error = str(exc)
            self._store_exception = exc
            self.store_failed.emit(self._store_error)
            return None
        self._close_quick_watcher()
        import sqlite3

        if not self._closed:  # after the window closed only a write opens it, then closes it
            with contextlib.suppress(sqlite3.Error):  # none now: the next tick reads again
                self._watcher = self._store.watcher()
            self._watch_timer.start()
        return self._store

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    def snapshot(self) -> Snapshot | None:
        """The database read through plain ``sqlite3`` (no SQLAlchemy), while the store is not
        open; None when there is no database yet, when the store is open (use it), or when the
        file was refused (``store_failed`` was emitted, as ``store()`` would)."""
        if self._store is not None or self._store_error is not None:
            return None
        if self._snapshot is not None:
            return self._snapshot  # until the watcher, or our own write, says it changed
        snapshot = self._read_snapshot() if self.db_path.exists() else None
        if self._store is not None or self._store_error is not None:
            return None
        if snapshot is None:
            self._saw_no_database = True
        elif self._saw_no_database:
            self._saw_no_database = False
            self._database_appeared = True
        if snapshot is not None and self._watcher is None and not self._closed:
            import sqlite3

            from reader.store.sqlite_file import Watcher

            # A watcher that cannot start now (the database busy) is tried again next tick.
            with contextlib.suppress(sqlite3.Error):
                self._watcher = Watcher(snapshot.uri)
        if not self._closed:  # a read after the window closed watches nothing
            self._watch_timer.start()
        # Kept: opening an article asks which texts changed, and reading 10,000 annotations
        # again for that would cost a quarter of a second each time.
        self._snapshot = snapshot
        return snapshot

    def _read_snapshot(self) -> Snapshot | None:
        # Only where there is a database: without one (a first start) nothing is read, and
        # neither sqlite3 nor the quick reader is imported before the window is ready.
        from reader.errors import MeipiError
        from reader.store.quick import NeedsStore, read_snapshot

        try:
            return read_snapshot(self.db_path, self._snapshot_documents, most=LARGE_TEXT)
        except NeedsStore:
            self.store()  # an older schema: open_store upgrades it
        except MeipiError as exc:
            self._store_error = str(exc)
            self._store_exception = exc
            self.store_failed.emit(self._store_error)
        return None

    def read_first(self, document: str) -> None:
        """The text whose annotations the database's first read brings with it (the open
        one's: whatever asks first, a check of the texts or the annotations, reads once)."""
        if self._snapshot is None:
            self._snapshot_documents = (document,)

    def read_annotations(
        self, document: str | None, *, records: bool = True
    ) -> AnnotationData | None:
        """The annotations of ``document`` (None: of every text) in text order (none when not
        ``records``), every tag and colour meaning; None when the store is refused. Through
        ``snapshot()`` while the store is not open, else through the store."""
        from reader.store.records import DEFAULT_MEANINGS

        if self._store is None and self._store_error is None:
            wanted = None if document is None else (document,)
            if self._snapshot is None or document is not None:
                self._snapshot_documents = wanted  # (the next snapshot's too)
            snapshot = self.snapshot()
            if snapshot is not None:
                if self._glossary is None:
                    self._glossary = snapshot.glossary()
                self.annotations_seen = snapshot.total
                if not records:
                    read: list[AnnotationRecord] = []
                elif snapshot.documents == wanted:
                    read = snapshot.annotations()
                else:
                    from reader.store.quick import read_records

                    read = read_records(self.db_path, wanted)
                return read, snapshot.tags(), snapshot.color_meanings()
            if self._store is None and self._store_error is None:
                return [], [], dict(DEFAULT_MEANINGS)  # no database yet
        store = self.store()
        if store is None:
            return None
        from reader.ops.annotations import window_data

        wanted_list = [] if not records else None if document is None else [document]
        read, tags, meanings, total = window_data(store, wanted_list)
        self.annotations_seen = total
        return read, tags, meanings

    def annotation_count(self, document: str) -> int:
        """How many annotations ``document`` has (0 without a database, or refused)."""
        if self._store_error is not None:
            return 0
        if self._store is None:
            snapshot = self.snapshot()
            if snapshot is None and self._store is None:  # (snapshot() may open the store)
                return 0
            if snapshot is not None and (document in snapshot.counts or not snapshot.total):
                return snapshot.counts.get(document, 0)
        from reader.store.quick import read_counts

        return read_counts(self.db_path, [document]).get(document, 0)

    def records_reader(self, document: str | None = None) -> Callable[[], list[AnnotationRecord]]:
        """A function reading the annotations of ``document`` (None: of every text), in text
        order, through its own plain ``sqlite3`` connection: for a worker thread (100,000 of
        them take a second or two). The database was read (and checked whole) before."""
        from reader.store.quick import read_records

        path = self.db_path
        wanted = None if document is None else [document]
        return lambda: read_records(path, wanted)

    def find_annotation(self, annotation_id: str) -> AnnotationRecord | None:
        """One annotation, whichever text it is on (None: there is none of that id)."""
        if self._store_error is not None:
            return None
        from reader.store.quick import read_records

        found = read_records(self.db_path, ids=[annotation_id])
        return found[0] if found else None

    def tag_lists(self) -> list[tuple[str, ...]]:
        """Every tagged annotation's tags (names), of every text: what counting annotations
        per tag needs, without reading the annotations themselves."""
        if self._store_error is not None:
            return []
        from reader.store.quick import read_tag_lists

        return read_tag_lists(self.db_path)

    def stale_documents(self) -> list[Document] | None:
        """The texts changed since their annotations were made (to re-anchor through the
        store); None when the store is refused or read-only."""
        if self._store is None and self._store_error is None:
            snapshot = self.snapshot()
            if snapshot is not None:
                return None if snapshot.read_only else snapshot.stale_documents(self.library)
            if self._store is None and self._store_error is None:
                return []
        store = self.store()
        if store is None or store.read_only:
            return None
        from reader.ops.annotations import stale

        return stale(store, list(self.library))

    def _close_quick_watcher(self) -> None:
        watcher = self._watcher
        if watcher is not None:
            with contextlib.suppress(Exception):
                watcher.close()
            self._watcher = None

    def reset_store(self) -> None:
        """Forget a refusal (after the user restored a backup) so the next use tries again."""
        self.close()
        self._closed = False
        self._store_error = None
        self._store_exception = None

    def close(self, *, final: bool = True) -> None:
        """Close the store and the watcher. ``final`` (the window is closing): a write that
        still comes closes them again after itself; not final (a restore about to move the
        files), the window goes on using them afterwards."""
        self._closed = final
        self._watch_timer.stop()
        self._snapshot = None
        if self._store is None:
            self._close_quick_watcher()
        if self._store is not None:
            store, self._store = self._store, None
            from reader.errors import MeipiError

            # Closing makes a backup when one is due; failing that loses nothing.
            with contextlib.suppress(MeipiError):
                watcher, self._watcher = self._watcher, None
                if watcher is not None:
                    watcher.close()
                store.close()

    @staticmethod
    def _texts_signature() -> tuple[tuple[str, int, int], ...]:
        """Names, sizes and times of the user's texts: cheap to compare every second."""
        from reader import paths
        from reader.documents import TEXT_SUFFIX

        folder = paths.user_texts_dir()
        try:
            entries = [
                (e.name, e.stat().st_size, e.stat().st_mtime_ns)
                for e in os.scandir(folder)
                if e.name.endswith(TEXT_SUFFIX)
            ]
        except OSError:
            return ()
        return tuple(sorted(entries))

    def note_texts_changed(self) -> None:
        """The window changed the texts itself (import dialog): no need to tell it again."""
        self._texts_seen = self._texts_signature()

    def _on_watch_timer_timeout(self) -> None:
        texts = self._texts_signature() if self._texts_seen is not None else None
        if texts is not None and texts != self._texts_seen:
            self._texts_seen = texts
            self.texts_changed.emit()
        if self._database_appeared:
            self._database_appeared = False
            self.annotations_changed.emit("")
            self.glossary_changed.emit()
        watcher = self._watcher
        if watcher is None and self._store is not None:
            import sqlite3

            with contextlib.suppress(sqlite3.Error):  # it could not start with the store
                self._watcher = self._store.watcher()
            return
        if watcher is None:
            if self._store is None and self._store_error is None and self.db_path.exists():
                # Another process made the database since the window's first read.
                self._snapshot = None
                self.snapshot()
                self._database_appeared = False  # said here and now
                self.annotations_changed.emit("")
                self.glossary_changed.emit()
            return
        try:
            changed = watcher.changed()
        except Exception:  # a watcher failing must never take the window down
            return
        if changed:
            self._glossary = None
            self._snapshot = None
            self.annotations_changed.emit("")
            self.glossary_changed.emit()

    # -- the window's one writer ---------------------------------------------------------------
    def write(
        self,
        op: Callable[[Store], T],
        *,
        document: str = "",
        glossary: bool = False,
        announce: bool = True,
    ) -> T:
        """Run ``op`` (a use case of ``reader.ops``, given the store) as the window's own write:
        the one way the window changes the database. Raises ``MeipiError`` (a message for the
        user) when the database is refused; nothing was written then. After the commit the
        watcher is told the commit is ours (so it never comes back a second later as another
        process's change) and the views are told now: ``glossary_changed`` for a glossary
        edit, else ``annotations_changed(document)`` (neither when not ``announce``: a theme
        memo, whose editor says it was saved)."""
        from reader.errors import EnvironmentFailure

        store = self.store()
        if store is None:
            # In the window's words: the refusal itself (the command line's, with its --db
            # advice) was explained by the dialog when the file was first refused.
            raise EnvironmentFailure(
                (
                    self.tr(
                        "Not saved: Meipi could not open %1, which holds your notes. Check that "
                        "its folder exists and that you may write to it, then try again."
                    )
                    if self.place_unwritable()
                    else self.tr("Not saved: Meipi could not open %1, which holds your notes.")
                ).replace("%1", str(self.db_path))
            )
        try:
            result = op(store)
        finally:
            if self._closed:
                self.close()
        if not announce:
            self._absorb_own_commit()
        elif glossary:
            self.notify_glossary_changed()
        else:
            self.notify_annotations_changed(document)
        return result

    def _absorb_own_commit(self) -> None:
        """The watcher is told the commit just made is ours: it reports only other
        processes' changes."""
        watcher = self._watcher
        if watcher is not None:
            with contextlib.suppress(Exception):
                watcher.changed()

    def notify_annotations_changed(self, doc_id: str) -> None:
        """Our own edit: tell every view now (the watcher would only see other processes)."""
        self._snapshot = None
        self._absorb_own_commit()
        self.annotations_changed.emit(doc_id)

    # -- the glossary and views ----------------------------------------------------------------
    def glossary(self) -> Glossary:
        if self._glossary is None:
            from reader.glossary import EMPTY

            if self._store is None and self._store_error is None:
                snapshot = self.snapshot()
                if snapshot is not None:
                    self._glossary = snapshot.glossary()
                    return self._glossary
                if self._store is None and self._store_error is None:
                    return EMPTY  # no database yet: nothing to read
            store = self.store()
            if store is None:
                return EMPTY
            from reader.ops.glossary import load

            self._glossary = load(store)
        return self._glossary

    def notify_glossary_changed(self) -> None:
        """Our own glossary edit: every view follows now, and the watcher is told the commit
        is ours (it would otherwise refresh everything again a second later)."""
        self._glossary = None
        self._snapshot = None
        self._absorb_own_commit()
        self.glossary_changed.emit()

    def current_view(self, doc_id: str) -> str:
        return self._views.get(doc_id, "original")

    def set_current_view(self, doc_id: str, view_id: str) -> None:
        if self._views.get(doc_id, "original") != view_id:
            self._views[doc_id] = view_id
            self.view_changed.emit(doc_id, view_id)
        else:
            self._views[doc_id] = view_id

    def view(self, doc: Document, view_id: str | None = None) -> View:
        """A script view of ``doc`` with the user's glossary (cached by reader.script)."""
        from reader.script import document_view

        return document_view(doc, view_id or self.current_view(doc.id), self.glossary())

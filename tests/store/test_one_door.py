"""One door to the database: while this process may hold an SQLite connection, nothing in it
opens the database file, its ``-wal`` or its ``-shm`` but SQLite (issue 14).

The checklist: sqlite.org's "How To Corrupt An SQLite Database File", item by item, against
every path that opens Meipi's database (the window's first read ``store/quick.py``, its watcher
``sqlite_file.Watcher``, the ORM store ``store/db.py``, backups, restore, ``meipi check``, the
window lock ``store/window_lock.py``), and what covers each.

Each hazard (section of that page), then what covers it in Meipi:

1.1 Writing through a descriptor that was closed and reused by SQLite.
    Meipi never writes the database through a descriptor of its own; only SQLite does. Tests:
    ``test_the_command_line_opens_only_through_sqlite``, ``test_no_python_open_of_the_database_
    in_the_store_modules``, ``tests/ui/window/test_window_one_door.py``.
1.2 Copying the file during a transaction (backup or restore).
    Backups use SQLite's backup API from a live connection and ``integrity_check`` the copy
    (``backup.make_backup``; test_backup.py). Restore runs under the window lock
    (test_window_lock.py) and replaces the file by rename, never by copying onto it; it reads
    the live file only through SQLite (``test_restore_opens_the_database_only_through_sqlite``).
1.3 Deleting a hot journal (``-wal``).
    Nothing deletes a ``-wal``. Refusing a file with a pending log checks it read-only, so the
    log is neither checkpointed nor removed
    (``test_newer_version_only_in_the_log_is_refused_and_the_log_kept``); restore moves the logs
    aside *with* their database (restore's own tests).
1.4 Pairing a database with another database's journal.
    Restore renames ``-wal``/``-shm`` with the old database and puts them back on any failure
    (restore's tests); nothing else renames them.
2.1 File systems with broken locks (network file systems).
    Out of Meipi's hands; the data folder is local by default (platformdirs).
2.2 POSIX locks dropped by ``close()`` of any other descriptor of the file (issue 14's bug).
    Header checks are asked of SQLite (``check_connection``); Python only ``stat``s the file
    (``inspect_file``). Guarded by the audit hook here (the command line) and in
    ``tests/ui/window/test_window_one_door.py`` (the window's real startup: first read, watcher,
    store); the data loss itself by ``tests/ui/window/test_window_torture.py`` (the window and
    ``meipi annotate`` processes writing at once, kill -9).
2.3 Two copies of SQLite in one process.
    The window never loads Qt's SQL module (which brings its own SQLite):
    ``test_the_window_loads_no_second_sqlite`` in ``tests/ui/window/test_window_one_door.py``.
2.4 Processes using different locking schemes.
    Every opener uses Python's ``sqlite3`` and the default unix VFS (no ``vfs=`` in any URI):
    ``test_every_uri_uses_the_default_vfs``.
2.5 Renaming or unlinking the file while in use.
    Only ``db._create`` (a brand-new file, linked in before any connection to it) and restore
    (every connection closed first, refused while a window is open) rename it;
    ``SQLITE_READONLY_DBMOVED`` is reported as a moved file (test_errors.py).
2.6 Several links to one database.
    The temporary name ``_create`` links from is removed at once and never opened again;
    restore's hard link to the old file is made with no connection open (restore's tests).
2.7 A connection carried across ``fork()``.
    Meipi never forks with a connection open: each command is its own process; tests that fork
    (``helpers.run_forked``, test_crash.py) open their stores in the child.
3.1 Disks that ignore sync requests.
    Out of Meipi's hands (WAL limits the damage; backups are verified).
3.2 Sync disabled by a PRAGMA.
    Every writing connection runs ``synchronous=FULL`` (``db._make_engine``, ``db._create``):
    ``test_every_writer_syncs_fully``; creation and backups ``fsync`` the file and its folder.
4   Flash that is not power-safe, fake-capacity USB sticks.
    Out of Meipi's hands; ``meipi check`` verifies the database and the newest backup.
5   Memory corruption (stray pointers into mapped pages).
    Pure Python; no ``mmap_size`` is set.
6   Operating-system problems (old Linux threads, QNX mmap, a damaged file system).
    Out of Meipi's hands; ``meipi check`` runs ``integrity_check`` and reports damage as such.
7   SQLite configuration mistakes.
    Defaults kept; only busy timeout, foreign keys, ``trusted_schema=OFF``, ``synchronous=FULL``.
8   Bugs in SQLite.
    The interpreter's SQLite; the torture test's ``integrity_check`` would show one.
"""

from __future__ import annotations

import inspect
import re
import sqlite3
from pathlib import Path

import pytest

from reader.store import db as dbmod
from reader.store import open_store, quick, sqlite_file
from reader.store.quick import read_snapshot
from reader.store.sqlite_file import Watcher
from tests.cli_helpers import meipi
from tests.door_guard import watching

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def annotated(db_file: Path) -> Path:
    for quote in ("一帶一路", "中俄"):
        r = meipi("annotate", "lian-obor", "--quote", quote, "--occurrence", "1", "--note", quote)
        assert r.code == 0, r.err
    return db_file


def test_the_guard_sees_an_open_after_a_connect(annotated: Path) -> None:
    """The guard itself can fail: the old header check (``open``, read 100 bytes, ``close``)
    while a connection is open is caught, and an open before any connection is not."""
    with watching(annotated) as guard:
        with annotated.open("rb") as fh:
            fh.read(100)
        conn = sqlite3.connect(annotated)
        try:
            with Path(str(annotated) + "-wal").open("ab"):
                pass
        finally:
            conn.close()
    assert guard.opens_before == 1 and guard.connects == 1
    with pytest.raises(AssertionError, match="one door"):
        guard.assert_clean()


def test_the_command_line_opens_only_through_sqlite(annotated: Path) -> None:
    """While a connection is open (a window's watcher), each command runs its whole path (open,
    checks, write, close, backup, check) without a Python ``open`` of the database or its logs."""
    snapshot = read_snapshot(annotated)
    assert snapshot is not None
    watcher = Watcher(snapshot.uri)
    try:
        with watching(annotated, connected=True) as guard:
            for argv in (
                ["annotate", "hsu-divergence", "--quote", "中俄", "--occurrence", "1"],
                ["annotations", "--json"],
                ["list"],
                ["backup"],
                ["check"],
            ):
                r = meipi(*argv)
                assert r.code == 0, (argv, r)
            assert read_snapshot(annotated) is not None
            store = open_store(annotated)
            store.close(backup=False)
        assert watcher.changed()
    finally:
        watcher.close()
    guard.assert_clean()
    assert guard.connects > 5


def test_no_python_open_of_the_database_in_the_store_modules() -> None:
    """Belt and braces for the audit: the modules that open the database hold no ``open(`` on
    it (the lock file and backups are other files)."""
    for module in (sqlite_file, quick, dbmod):
        source = inspect.getsource(module)
        assert not re.search(r"\bopen\(\s*(path|db|self\.path)\b", source), module.__name__
        assert ".read_bytes()" not in source and '.open("rb")' not in source, module.__name__


def test_every_uri_uses_the_default_vfs(annotated: Path) -> None:
    store = open_store(annotated)
    try:
        snapshot = read_snapshot(annotated)
        assert snapshot is not None
        uris = [store.uri, snapshot.uri]
    finally:
        store.close(backup=False)
    for uri in uris:
        assert "vfs=" not in uri and uri.startswith("file:"), uri


def test_every_writer_syncs_fully(annotated: Path) -> None:
    store = open_store(annotated)
    try:
        with store.engine.connect() as conn:
            sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    finally:
        store.close(backup=False)
    assert (sync, str(mode).lower()) == (2, "wal")  # FULL


def test_restore_opens_the_database_only_through_sqlite(annotated: Path) -> None:
    """``meipi restore`` (no window open, so it may run) reads the live file only through
    SQLite: its counts and checks connect; the swap itself is links and renames."""
    assert meipi("backup").code == 0
    r = meipi("annotate", "hsu-divergence", "--quote", "中俄", "--occurrence", "1")
    assert r.code == 0
    with watching(annotated) as guard:
        restored = meipi("restore")
        assert restored.code == 0, restored.err
        assert meipi("annotations", "--json").code == 0
    guard.assert_clean()

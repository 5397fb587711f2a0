"""Opening the annotation database: refuse what is not ours, upgrade what is old, and make every
write a short ``BEGIN IMMEDIATE`` transaction.

API (for the command line and the window)::

    store = open_store(path)              # Store; DatabaseRefused (an EnvironmentFailure)
                                          # with .path and .reason when the file is refused
    with store.writing() as session:      # BEGIN IMMEDIATE (retried while locked), COMMIT at exit
        annotations.create_annotation(session, doc, start, end, ...)
    with store.reading() as session:      # a consistent read (deferred BEGIN), nothing written
        rows = annotations.list_annotations(session)
    watcher = store.watcher()             # watcher.changed(): did any connection commit since?
    store.close()                         # verified backup when the newest is a day old

One engine and one session factory per store; the caller owns the session, one per user action.
A refused file is offered back with ``backup.newest_backup(path)`` and ``backup.restore(path)``
(which moves the file aside with its ``-wal`` and ``-shm``); errors from SQLite arrive as
:class:`~reader.errors.EnvironmentFailure` in words (disk full, read-only, busy, damaged).

Opening, in order, before SQLite ever sees the file:

* **absent**: a new database is built in a temporary file beside it (schema, ``application_id``,
  ``user_version``), then linked into place, so the path never holds a half-made database. As a
  consequence an *existing zero-byte file* is never one of ours (SQLite would call it a new, empty
  database): it is refused as truncated, never written to.
* the file is only ``stat``-ed in Python (never opened: one door, see ``sqlite_file``): an
  empty file, a folder or a device is refused before SQLite sees it.
* then SQLite opens it and, inside a read transaction, tells whether it is a SQLite file at all
  (``SQLITE_NOTADB``; a truncated or damaged one: ``SQLITE_CORRUPT``), checks
  ``application_id``, ``user_version`` (newer than this Meipi: refused), ``quick_check`` and that
  the tables are exactly those of that schema version (unknown tables: a foreign file). Refused
  files are closed again; SQLite removes the ``-wal``/``-shm`` it made, and the main file is not
  written. When a log is pending (a process died or is running), that check runs on a read-only
  connection, so refusing never checkpoints the log into the file. Busy, full, read-only and I/O
  errors are said as such (``translate``), never as damage.
* an older schema is upgraded by the ordered steps of ``MIGRATIONS``, all in one transaction,
  after a verified backup.

Every connection: WAL, ``synchronous=FULL``, foreign keys on, ``trusted_schema=OFF``, a busy
timeout. A database whose file or folder is not writable opens read-only (``immutable=1`` when
it has no pending log, since SQLite cannot make its ``-shm`` there); every edit then raises
:class:`~reader.errors.EnvironmentFailure` with a clear message and nothing is changed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from reader.errors import EnvironmentFailure, MeipiError
from reader.fsync import fsync_folder, fsync_path
from reader.store.sqlite_file import (  # noqa: F401  (re-exported: the store's file-level API)
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    SQLITE_MAGIC,
    DatabaseRefused,
    Watcher,
    _newer,
    _tables,
    _uri,
    _writable,
    apply_migrations,
    check_connection,
    expected_tables,
    file_identity,
    inspect_file,
    one_line,
    read_only_message,
    refusal_message,
    translate,
)

BUSY_TIMEOUT_MS = 3000
BEGIN_ATTEMPTS = 3


class Store:
    """An open annotation database. See the module docstring for the API."""

    def __init__(self, path: Path, uri: str, read_only: bool) -> None:
        self.path = path
        self.uri = uri
        self.read_only = read_only
        self.engine: Engine = _make_engine(uri, read_only)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._watchers: list[Watcher] = []
        self.wrote = False
        # Which file the engine's connections are on: a restore (from another process too)
        # renames a backup over the path, and a connection made before keeps writing to the old
        # file, kept aside. Every transaction checks (a ``stat``, never an ``open``) and moves
        # to the file now at the path.
        self._file = file_identity(path)
        self._reopen_lock = threading.Lock()

    # -- transactions

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session in one consistent read transaction; nothing it does is committed."""
        self._follow_replacement()
        session = self.sessions()
        try:
            yield session
        except (DBAPIError, sqlite3.Error) as exc:
            raise translate(exc, self.path) from exc
        finally:
            session.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in a ``BEGIN IMMEDIATE`` transaction, committed when the block ends
        (rolled back whole when it raises)."""
        if self.read_only:
            raise EnvironmentFailure(read_only_message(self.path))
        session = self._begin_immediate()
        if self._replaced():
            # Holding the write lock on the old file: a restore renamed another file over the
            # path (it holds that lock while it does). Write to the file at the path instead.
            session.rollback()
            session.close()
            self._follow_replacement()
            session = self._begin_immediate()
        try:
            yield session
            session.commit()
            self.wrote = True
        except (DBAPIError, sqlite3.Error) as exc:
            session.rollback()
            raise translate(exc, self.path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _begin_immediate(self) -> Session:
        for attempt in range(BEGIN_ATTEMPTS):
            session = self.sessions()
            try:
                session.connection(execution_options={"meipi_write": True})
                return session
            except DBAPIError as exc:
                session.close()
                name = str(getattr(exc.orig, "sqlite_errorname", ""))
                if not name.startswith("SQLITE_BUSY") or attempt == BEGIN_ATTEMPTS - 1:
                    raise translate(exc, self.path) from exc
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    # -- a database replaced under the store (``meipi restore`` from another process)

    def _replaced(self) -> bool:
        return file_identity(self.path) != self._file

    def _follow_replacement(self) -> None:
        """When another file is now at the path (a restore), close every pooled connection to
        the old one and open the new one with the same checks as ``open_store``."""
        if not self._replaced():
            return
        with self._reopen_lock:
            if not self._replaced():
                return
            if file_identity(self.path) is None:
                raise EnvironmentFailure(
                    f"{self.path} was removed while Meipi had it open; nothing was written. "
                    "Put the database back (or run meipi restore), then try again."
                )
            old = self.engine
            self.engine = _make_engine(self.uri, self.read_only)
            self.sessions = sessionmaker(self.engine, expire_on_commit=False)
            old.dispose()
            self._file = file_identity(self.path)
            try:
                _prepare(self)
            except (DBAPIError, sqlite3.Error) as exc:
                raise translate(exc, self.path) from exc
            for w in self._watchers:
                w.follow()

    # -- change notification

    def watcher(self) -> Watcher:
        w = Watcher(self.uri)
        self._watchers.append(w)
        return w

    # -- closing

    def close(self, *, backup: bool = True) -> str | None:
        """Close; then, when due (none yet, or the newest a day old), make a verified backup.
        Returns a warning when that backup failed (the data itself is safe)."""
        from reader.store import backup as backups

        warning = None
        try:
            for w in self._watchers:
                with contextlib.suppress(sqlite3.Error):
                    w.close()
            self._watchers.clear()
            if backup and not self.read_only and backups.backup_due(self.path):
                try:
                    backups.make_backup(self.path, source_uri=self.uri)
                except MeipiError as exc:
                    warning = f"The automatic backup failed: {exc}"
        finally:
            # Every pooled connection closed, whatever happened above.
            self.engine.dispose()
        return warning

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _make_engine(uri: str, read_only: bool) -> Engine:
    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA trusted_schema = OFF")
            if not read_only:
                conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine(
        "sqlite+pysqlite://", creator=connect, poolclass=QueuePool, pool_size=2, max_overflow=6
    )

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_conn: Any, record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get("meipi_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _raw(conn: Any) -> sqlite3.Connection:
    """The sqlite3 connection under an engine connection (for PRAGMAs outside SQLAlchemy's
    transaction handling)."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def open_store(path: Path | str, *, create: bool = True) -> Store:
    """Open (or, when absent and ``create``, make) the database at ``path``.

    Raises :class:`DatabaseRefused` for a file that is not a sound Meipi database of this or an
    older version, :class:`EnvironmentFailure` when the file cannot be made or read.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise EnvironmentFailure(f"There is no database at {path} yet.")
        _create(path)
    inspect_file(path)
    read_only = not _writable(path)
    wal = Path(str(path) + "-wal")
    if read_only and not (wal.exists() and wal.stat().st_size > 0):
        uri = _uri(path, "immutable=1")
    else:
        uri = _uri(path, "mode=ro" if read_only else "mode=rw")
    store = Store(path, uri, read_only)
    try:
        _prepare(store)
    except (DBAPIError, sqlite3.Error) as exc:
        store.engine.dispose()
        raise translate(exc, path) from exc
    except BaseException:
        store.engine.dispose()
        raise
    return store


def _prepare(store: Store) -> None:
    """What every open (and a reopen after a restore) does: check the file, upgrade an older
    schema, make the journal WAL."""
    version = _verify_open(store)
    if version < SCHEMA_VERSION:
        _migrate(store, version)
    if not store.read_only:
        with store.engine.connect() as conn:
            raw = _raw(conn)
            mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                # A restored backup is a rollback-journal file; make it WAL again.
                raw.execute("PRAGMA journal_mode = WAL")


@contextlib.contextmanager
def _verifying_connection(store: Store) -> Iterator[sqlite3.Connection]:
    """The connection that checks the file. With a pending log (a process died, or is
    running), a read-only one: if the file is then refused, closing it must not checkpoint the
    log into the main file, as the last read-write connection would."""
    wal, shm = Path(str(store.path) + "-wal"), Path(str(store.path) + "-shm")
    if not store.read_only and wal.exists() and wal.stat().st_size > 0 and shm.exists():
        conn = sqlite3.connect(_uri(store.path, "mode=ro"), uri=True, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            yield conn
        finally:
            conn.close()
        return
    with store.engine.connect() as engine_conn:
        yield _raw(engine_conn)


def _verify_open(store: Store) -> int:
    """Check, in one read transaction, what only SQLite can tell: version, pages, tables."""
    path = store.path
    try:
        with _verifying_connection(store) as raw:
            return check_connection(raw, path)
    except (sqlite3.Error, DBAPIError) as exc:
        # Damage only by SQLite's error name (CORRUPT/NOTADB), never by the class.
        raise translate(exc, path) from exc


def _migrate(store: Store, version: int) -> None:
    if store.read_only:
        raise EnvironmentFailure(
            f"{store.path} uses an older schema ({version}) and is read-only, so Meipi cannot "
            "upgrade it. Make the file and its folder writable, then try again."
        )
    from reader.store.backup import make_backup

    make_backup(store.path, source_uri=store.uri)
    with store.engine.connect() as conn:
        raw = _raw(conn)
        try:
            raw.execute("BEGIN IMMEDIATE")
            # Another process may have upgraded it meanwhile.
            now = raw.execute("PRAGMA user_version").fetchone()[0]
            apply_migrations(raw, now)
            raw.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                raw.execute("ROLLBACK")
            raise translate(exc, store.path) from exc
        # Put the new version into the main file's header, where openers read it first.
        with contextlib.suppress(sqlite3.Error):
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _create(path: Path) -> None:
    """Build a new database beside ``path`` and link it into place only when complete."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Never user data: a half-made schema from a creation that was interrupted (an old
        # one only: a young one may be another process creating the database right now).
        sweep_stale(folder.glob(f".{path.name}.new-*"))
        tmp = folder / f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            apply_migrations(conn, 0)
            conn.execute("COMMIT")
        finally:
            conn.close()
        fsync_path(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            if not path.exists():
                os.replace(tmp, path)
        tmp.unlink(missing_ok=True)
        fsync_folder(folder)
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    except OSError as exc:
        raise EnvironmentFailure(
            f"Meipi cannot create its database at {path} ({exc.strerror or exc}). Check that "
            "the folder is writable and the disk has space, or choose another with --db."
        ) from exc


STALE_AFTER = 600.0  # seconds before a temporary file is taken for an interrupted one


def sweep_stale(candidates: Iterator[Path]) -> None:
    """Remove temporary files older than ``STALE_AFTER``."""
    now = time.time()
    for candidate in candidates:
        with contextlib.suppress(OSError):
            if now - candidate.stat().st_mtime > STALE_AFTER:
                candidate.unlink()

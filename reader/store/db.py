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
* the 100-byte header is read in Python: not SQLite, a wrong page size, another application's
  ``application_id``, a file shorter than the page count its header records (truncated), or a
  ``user_version`` newer than this Meipi's: refused, the file left byte for byte as it was.
* then SQLite opens it and, inside a read transaction, checks ``user_version``, ``quick_check``
  and that the tables are exactly those of that schema version (unknown tables: a foreign file).
  Refused files are closed again; SQLite removes the ``-wal``/``-shm`` it made, and the main file
  is not written. When a log is pending (a process died or is running), that check runs on a
  read-only connection, so refusing never checkpoints the log into the file.
* an older schema is upgraded by the ordered steps of ``MIGRATIONS``, all in one transaction,
  after a verified backup.

Every connection: WAL, ``synchronous=FULL``, foreign keys on, ``trusted_schema=OFF``, a busy
timeout. A database whose file or folder is not writable opens read-only (``immutable=1`` when
it has no pending log, since SQLite cannot make its ``-shm`` there); every edit then raises
:class:`~reader.errors.EnvironmentFailure` with a clear message and nothing is changed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from reader.errors import EnvironmentFailure, MeipiError

APPLICATION_ID = 0x4D455049  # "MEPI"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000
BEGIN_ATTEMPTS = 3

# Ordered schema steps: (version reached, what it adds, statements). Never edit a released step;
# add a new one. A new database runs them all, an old one the steps it lacks.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "documents, annotations, tags, glossary, colour meanings",
        (
            """CREATE TABLE documents (
                id TEXT NOT NULL PRIMARY KEY,
                sha256 TEXT NOT NULL,
                snapshot TEXT NOT NULL,
                pages TEXT NOT NULL,
                title TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE annotations (
                id TEXT NOT NULL PRIMARY KEY,
                document_id TEXT NOT NULL REFERENCES documents (id),
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                quote TEXT NOT NULL,
                prefix TEXT NOT NULL,
                suffix TEXT NOT NULL,
                color TEXT,
                note TEXT,
                created TEXT NOT NULL,
                updated TEXT NOT NULL,
                orphaned BOOLEAN NOT NULL DEFAULT 0,
                CHECK (start >= 0 AND "end" > start)
            )""",
            "CREATE INDEX ix_annotations_document_id ON annotations (document_id)",
            """CREATE TABLE tags (
                id INTEGER NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                "key" TEXT NOT NULL UNIQUE
            )""",
            """CREATE TABLE annotation_tags (
                annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
                tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                PRIMARY KEY (annotation_id, tag_id)
            )""",
            "CREATE INDEX ix_annotation_tags_tag_id ON annotation_tags (tag_id)",
            """CREATE TABLE color_meanings (
                color TEXT NOT NULL PRIMARY KEY,
                meaning TEXT NOT NULL
            )""",
            """CREATE TABLE glossary_keeps (
                phrase TEXT NOT NULL PRIMARY KEY,
                created TEXT NOT NULL
            )""",
            """CREATE TABLE glossary_equivalences (
                id INTEGER NOT NULL PRIMARY KEY,
                a TEXT NOT NULL,
                b TEXT NOT NULL,
                "key" TEXT NOT NULL UNIQUE,
                created TEXT NOT NULL
            )""",
            """CREATE TABLE glossary_conversions (
                original TEXT NOT NULL PRIMARY KEY,
                replacement TEXT NOT NULL,
                created TEXT NOT NULL
            )""",
        ),
    ),
    (
        2,
        "a colour and description per tag; memos per theme for the comparison",
        (
            "ALTER TABLE tags ADD COLUMN color TEXT",
            "ALTER TABLE tags ADD COLUMN description TEXT",
            """CREATE TABLE theme_memos (
                tag_key TEXT NOT NULL PRIMARY KEY,
                tag_name TEXT NOT NULL,
                body TEXT NOT NULL,
                created TEXT NOT NULL,
                updated TEXT NOT NULL
            )""",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


@functools.cache
def expected_tables(version: int) -> frozenset[str]:
    """The tables a database of schema ``version`` has (built in memory from the steps)."""
    conn = sqlite3.connect(":memory:")
    try:
        apply_migrations(conn, 0, version)
        return _tables(conn)
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> frozenset[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return frozenset(r[0] for r in rows)


def apply_migrations(conn: sqlite3.Connection, current: int, target: int = SCHEMA_VERSION) -> None:
    """Run the steps after ``current`` up to ``target`` on ``conn`` (the caller's transaction)."""
    for version, _what, statements in MIGRATIONS:
        if current < version <= target:
            for statement in statements:
                conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {target}")


# ---------------------------------------------------------------------------------------------
# Refusing


class DatabaseRefused(EnvironmentFailure):
    """The file is not a database Meipi may write to; it was left exactly as it was."""

    def __init__(self, path: Path, reason: str, advice: str | None = None) -> None:
        self.path = path
        self.reason = reason
        super().__init__(refusal_message(path, reason, advice))


def refusal_message(path: Path, reason: str, advice: str | None = None) -> str:
    """Two sentences: what is wrong (the file was left untouched), and what to do."""
    from reader.store.backup import describe_backup, newest_backup

    first = f"{path} {reason}, so Meipi left it untouched."
    backup = newest_backup(path)
    if advice and backup is not None:
        return (
            f"{first} {advice.rstrip('.')}, or run `meipi restore` to restore the newest "
            f"verified backup, {describe_backup(backup)}."
        )
    if advice:
        return f"{first} {advice}"
    if backup is not None:
        return (
            f"{first} Run `meipi restore` to restore the newest verified backup, "
            f"{describe_backup(backup)} (the damaged file is kept, renamed)."
        )
    return (
        f"{first} No verified backup exists: keep the file for recovery, and use --db (or move "
        "the file away) to start a new database."
    )


def _header_problem(path: Path) -> tuple[str, str | None] | None:
    """Why the file's own bytes rule it out, before SQLite opens it; None when they do not."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise EnvironmentFailure(
            f"{path} cannot be read ({exc.strerror or exc}). Check its permissions."
        ) from exc
    if size == 0:
        return "is empty (0 bytes; Meipi never leaves an empty database, so it was truncated)", None
    if len(header) < 100 or header[:16] != SQLITE_MAGIC:
        return "is not a SQLite database (it is damaged or another kind of file)", None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "is damaged (its header records an impossible page size)", None
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        return (
            "is not a Meipi database (it is another application's SQLite file)",
            "Use --db to choose your Meipi database.",
        )
    wal = Path(str(path) + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if not wal_pending:
        # Only meaningful without a log: a live checkpoint may be extending the file.
        pages = int.from_bytes(header[28:32], "big")
        count_valid = pages > 0 and header[24:28] == header[92:96]
        if size % page_size or (count_valid and size < pages * page_size):
            return "is truncated (shorter than the pages its header records)", None
        version = int.from_bytes(header[60:64], "big")
        if version > SCHEMA_VERSION:
            return _newer(version)
    return None


def one_line(messages: str | list[str], limit: int = 120) -> str:
    """SQLite's (possibly multi-line) report, shortened to one line for a message."""
    lines = messages if isinstance(messages, list) else [messages]
    parts = [
        p.strip()
        for m in lines
        for p in str(m).splitlines()
        if p.strip() and not p.startswith("***")
    ]
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _newer(version: int) -> tuple[str, str]:
    return (
        f"was written by a newer Meipi (schema {version}; this one reads up to {SCHEMA_VERSION})",
        "Update Meipi to open it.",
    )


def inspect_file(path: Path) -> None:
    """Raise :class:`DatabaseRefused` if the header rules the file out (re-read once, briefly
    later, so a write caught mid-way by another process is not mistaken for damage)."""
    problem = _header_problem(path)
    if problem is not None:
        time.sleep(0.05)
        problem = _header_problem(path)
    if problem is not None:
        raise DatabaseRefused(path, *problem)


# ---------------------------------------------------------------------------------------------
# Errors from SQLite, in words


def translate(exc: BaseException, path: Path) -> MeipiError:
    """A SQLite error as one or two sentences saying what happened and what to do."""
    orig = getattr(exc, "orig", None) or exc
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    text = one_line(str(orig))
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return EnvironmentFailure(
            f"The disk holding {path} is full, so the change was not saved (nothing was half "
            "written). Free some space and try again."
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return EnvironmentFailure(read_only_message(path))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return EnvironmentFailure(
            f"The database {path} stayed busy (another program is writing to it), so the "
            "change was not saved. Try again in a moment."
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return DatabaseRefused(path, f"is damaged (SQLite: {text})")
    return EnvironmentFailure(
        f"The database {path} could not be used ({text}). Check the disk and the file's "
        "permissions, then try again."
    )


def read_only_message(path: Path) -> str:
    return (
        f"The database {path} is read-only (the file or its folder is not writable), so the "
        "change was not saved. Make both writable, then try again."
    )


# ---------------------------------------------------------------------------------------------
# The store


def _writable(path: Path) -> bool:
    if not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK):
        return False
    return all(
        not p.exists() or os.access(p, os.W_OK)
        for p in (Path(str(path) + "-wal"), Path(str(path) + "-shm"))
    )


class Watcher:
    """Notices commits by any other connection (another process, or this store's own pool),
    cheaply, through ``PRAGMA data_version`` on a connection of its own."""

    def __init__(self, uri: str) -> None:
        self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self._last = self._version()

    def _version(self) -> int:
        row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def changed(self) -> bool:
        """True when something was committed since the last call (or since creation)."""
        now = self._version()
        changed = now != self._last
        self._last = now
        return changed

    def close(self) -> None:
        self._conn.close()


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

    # -- transactions

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session in one consistent read transaction; nothing it does is committed."""
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

        for w in self._watchers:
            w.close()
        self._watchers.clear()
        warning = None
        if backup and not self.read_only and backups.backup_due(self.path):
            try:
                backups.make_backup(self.path, source_uri=self.uri)
            except MeipiError as exc:
                warning = f"The automatic backup failed: {exc}"
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
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        if not read_only:
            conn.execute("PRAGMA synchronous = FULL")
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


def _uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?{mode}"


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
        version = _verify_open(store)
        if version < SCHEMA_VERSION:
            _migrate(store, version)
        if not read_only:
            with store.engine.connect() as conn:
                raw = _raw(conn)
                mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    # A restored backup is a rollback-journal file; make it WAL again.
                    raw.execute("PRAGMA journal_mode = WAL")
    except (DBAPIError, sqlite3.Error) as exc:
        store.engine.dispose()
        raise translate(exc, path) from exc
    except BaseException:
        store.engine.dispose()
        raise
    return store


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
            raw.execute("BEGIN")
            try:
                app_id = raw.execute("PRAGMA application_id").fetchone()[0]
                version = raw.execute("PRAGMA user_version").fetchone()[0]
                if app_id != APPLICATION_ID:
                    raise DatabaseRefused(
                        path, "is not a Meipi database (another application's SQLite file)"
                    )
                if version > SCHEMA_VERSION:
                    raise DatabaseRefused(path, *_newer(version))
                check = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
                if check != ["ok"]:
                    raise DatabaseRefused(path, f"is damaged (SQLite: {one_line(check)})")
                tables = _tables(raw)
            finally:
                raw.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            path, f"is damaged or unreadable (SQLite: {one_line(str(exc))})"
        ) from exc
    except DBAPIError as exc:
        raise DatabaseRefused(
            path, f"is damaged or unreadable (SQLite: {one_line(str(exc.orig))})"
        ) from exc
    expected = expected_tables(version)
    if tables != expected:
        unknown = sorted(tables - expected)
        if unknown:
            raise DatabaseRefused(
                path,
                f"holds tables Meipi does not know ({', '.join(unknown)}),"
                " so it is not a Meipi database",
            )
        raise DatabaseRefused(
            path, f"is damaged (tables missing: {', '.join(sorted(expected - tables))})"
        )
    return int(version)


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
        _fsync(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            if not path.exists():
                os.replace(tmp, path)
        tmp.unlink(missing_ok=True)
        _fsync_dir(folder)
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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        _fsync(folder)

"""The annotation database as a file, without SQLAlchemy: the schema steps, the checks that
refuse what is not ours, SQLite's errors in words, the change watcher, and the read-only
connection the window's first read goes through (``reader.store.quick``).

``reader.store.db`` builds the SQLAlchemy store on these (and re-exports them); this module
imports only ``sqlite3``, so a window can read its annotations before SQLAlchemy is loaded.

One door: nothing here (nor anywhere in Meipi) opens the database, its ``-wal`` or its ``-shm``
except SQLite. POSIX advisory locks belong to the process, so a plain ``open()``/``close()`` of
the file drops every lock this process's SQLite connections hold, and other processes' commits
are lost (sqlite.org, "How To Corrupt An SQLite Database File", 2.2). What used to be read from
the 100-byte header is asked of SQLite (``PRAGMA application_id``/``user_version``, its own
``SQLITE_NOTADB``/``SQLITE_CORRUPT`` for a foreign, truncated or damaged file); Python only
``stat``s the file (an empty file, a folder or a device is refused before SQLite sees it).
``tests/core/store/test_one_door.py`` holds the audit against that list.

Only corruption is called damage: an error is classified by SQLite's error name
(``SQLITE_CORRUPT``/``SQLITE_NOTADB``), never by its class (busy, locked, full, read-only and
I/O errors are ``sqlite3.OperationalError``, a ``DatabaseError`` too).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sqlite3
import stat
from collections.abc import Collection
from pathlib import Path

from reader.errors import EnvironmentFailure, MeipiError

APPLICATION_ID = 0x4D455049  # "MEPI"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 3000


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
    (
        3,
        "vocabulary: words looked up in the dictionary, with their sentence and page",
        (
            """CREATE TABLE vocabulary (
                id INTEGER PRIMARY KEY,
                document_id TEXT NOT NULL,
                word TEXT NOT NULL,
                traditional TEXT NOT NULL,
                simplified TEXT NOT NULL,
                pinyin TEXT NOT NULL,
                definition TEXT NOT NULL,
                sentence TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                page TEXT NOT NULL,
                created TEXT NOT NULL,
                updated TEXT NOT NULL
            )""",
            "CREATE INDEX vocabulary_document ON vocabulary (document_id, start)",
        ),
    ),
    (
        4,
        "a citekey per text; settings the exports use (the W3C creator, a bibliography)",
        (
            "ALTER TABLE documents ADD COLUMN citekey TEXT",
            """CREATE TABLE settings (
                "key" TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
    (
        5,
        "the citekey each text was given when it entered the library, kept from then on",
        (
            """CREATE TABLE generated_citekeys (
                document_id TEXT NOT NULL PRIMARY KEY,
                citekey TEXT NOT NULL UNIQUE
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
    """Refuse what can be told from the file's ``stat`` alone, before SQLite opens it: an empty
    file (SQLite would take it for a new database; Meipi never leaves one), a folder or a device.
    Never opens the file (see the module docstring): the rest is asked of SQLite, by
    :func:`check_connection`."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise EnvironmentFailure(f"There is no database at {path}.") from None
    except OSError as exc:
        raise EnvironmentFailure(
            f"{path} cannot be read ({exc.strerror or exc}). Check its permissions."
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseRefused(
            path,
            "is not a regular file (a folder or a device), so not a Meipi database",
            "Use --db to choose your Meipi database.",
        )
    if info.st_size == 0:
        raise DatabaseRefused(
            path, "is empty (0 bytes; Meipi never leaves an empty database, so it was truncated)"
        )


# ---------------------------------------------------------------------------------------------
# Errors from SQLite, in words

DAMAGE_ERRORS = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
# Below this much free space an I/O error is most likely the disk being full (SQLite reports a
# full disk as SQLITE_FULL when a write fails, but as an I/O error when growing its -shm).
_NEARLY_FULL = 1 << 20


def error_name(exc: BaseException) -> str:
    """SQLite's (extended) error name of ``exc`` — a ``sqlite3.Error`` or SQLAlchemy's wrapper
    of one (``DBAPIError.orig``); '' when it carries none."""
    orig = getattr(exc, "orig", None) or exc
    return str(getattr(orig, "sqlite_errorname", "") or "")


def is_damage(exc: BaseException) -> bool:
    """True only for SQLite's own verdict that the file is not a sound database."""
    return error_name(exc).startswith(DAMAGE_ERRORS)


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL
    except OSError:
        return False


def full_disk_message(path: Path) -> str:
    return (
        f"The disk holding {path} is full, so Meipi stopped (nothing was saved, nothing half "
        "written: the database is as it was). Free some space on that disk and try again."
    )


def translate(exc: BaseException, path: Path) -> MeipiError:
    """A SQLite error as one or two sentences saying what happened and what to do. Only
    ``SQLITE_CORRUPT``/``SQLITE_NOTADB`` become :class:`DatabaseRefused` (damaged); every other
    error says what it is (full, I/O, read-only, busy, cannot open) and is an
    :class:`~reader.errors.EnvironmentFailure` (exit 1)."""
    orig = getattr(exc, "orig", None) or exc
    name = error_name(exc)
    text = one_line(str(orig))
    if name.startswith("SQLITE_NOTADB"):
        return DatabaseRefused(
            path, f"is not a SQLite database (it is damaged or another kind of file; {text})"
        )
    if name.startswith("SQLITE_CORRUPT"):
        return DatabaseRefused(path, f"is damaged (SQLite: {text})")
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and _disk_full(path)):
        return EnvironmentFailure(full_disk_message(path))
    if name.startswith("SQLITE_IOERR"):
        return EnvironmentFailure(
            f"Reading or writing {path} failed: the disk reported an input/output error "
            f"(SQLite: {text}), so Meipi stopped without saving. Check that the disk is still "
            "connected and has free space, then try again; `meipi check` tells whether the "
            "database is sound."
        )
    if name == "SQLITE_READONLY_DBMOVED":
        return EnvironmentFailure(
            f"The database {path} was moved or replaced while Meipi had it open, so the change "
            "was not saved. Try again (a new start opens the file now at that path)."
        )
    if name.startswith("SQLITE_READONLY"):
        return EnvironmentFailure(read_only_message(path))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return EnvironmentFailure(
            f"The database {path} stayed busy (another program is using it), so Meipi stopped "
            "and nothing was changed. Try again in a moment."
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return EnvironmentFailure(
            f"The database {path} cannot be opened (SQLite: {text}). Check that it and its "
            "folder exist and that you may read and write them."
        )
    if name.startswith("SQLITE_NOMEM"):
        return EnvironmentFailure(
            f"Meipi ran out of memory using {path}, so the change was not saved. Close other "
            "programs and try again."
        )
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
        self._uri = uri
        self._path = _path_of(uri)
        self._file = file_identity(self._path)
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            self._last = int(conn.execute("PRAGMA data_version").fetchone()[0])
        except BaseException:
            conn.close()
            raise
        return conn

    def follow(self) -> bool:
        """When another file is now at the path (a restore renamed a backup over it), watch
        that one; True when it moved."""
        now = file_identity(self._path)
        if now == self._file or now is None:
            return False
        conn = self._connect()
        self._conn.close()
        self._conn, self._file = conn, now
        return True

    def _version(self) -> int:
        row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def changed(self) -> bool:
        """True when something was committed since the last call (or since creation), or
        another file was put at the path (a restore)."""
        if self.follow():
            return True
        now = self._version()
        changed = now != self._last
        self._last = now
        return changed

    def close(self) -> None:
        self._conn.close()


def _uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?{mode}"


def _path_of(uri: str) -> Path:
    """The file a ``file:`` URI made by :func:`_uri` names."""
    from urllib.parse import unquote, urlsplit

    return Path(unquote(urlsplit(uri).path))


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` now (device and inode, by ``stat``: never opened), or None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def check_connection(
    raw: sqlite3.Connection, path: Path, reads: Collection[str] | None = None
) -> int:
    """Check, in one read transaction on ``raw``, what only SQLite can tell: that it is a
    SQLite file at all, the application id, the schema version, ``quick_check`` and the tables
    of that version. ``reads``: a read that touches only these tables checks just them (and
    their indexes) — a whole ``quick_check`` reads every page, 0.15 s with 100,000 annotations,
    which a search that reads only the glossary paid at every run (issue 22).
    Returns the version; raises :class:`DatabaseRefused` for a file that is not
    a sound Meipi database (only SQLite's own ``SQLITE_NOTADB``/``SQLITE_CORRUPT`` count as
    damage), :class:`~reader.errors.EnvironmentFailure` for anything else that went wrong
    (busy, full, I/O, read-only: :func:`translate`)."""
    try:
        raw.execute("BEGIN")
        try:
            app_id = raw.execute("PRAGMA application_id").fetchone()[0]
            version = raw.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise DatabaseRefused(
                    path,
                    "is not a Meipi database (it is another application's SQLite file)",
                    "Use --db to choose your Meipi database.",
                )
            if version > SCHEMA_VERSION:
                raise DatabaseRefused(path, *_newer(version))
            tables = _tables(raw)
            if reads is None:
                check = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
            else:
                check = ["ok"]
                for table in sorted(set(reads) & tables):  # a missing one is refused below
                    check = [r[0] for r in raw.execute(f'PRAGMA quick_check("{table}")')]
                    if check != ["ok"]:
                        break
            if check != ["ok"]:
                raise DatabaseRefused(path, f"is damaged (SQLite: {one_line(check)})")
        finally:
            if raw.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    raw.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
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

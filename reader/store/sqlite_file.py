"""The annotation database as a file, without SQLAlchemy: the schema steps, the checks that
refuse what is not ours, SQLite's errors in words, the change watcher, and the read-only
connection the window's first read goes through (``reader.store.quick``).

``reader.store.db`` builds the SQLAlchemy store on these (and re-exports them); this module
imports only ``sqlite3``, so a window can read its annotations before SQLAlchemy is loaded.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
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


def _uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?{mode}"


def check_connection(raw: sqlite3.Connection, path: Path) -> int:
    """Check, in one read transaction on ``raw``, what only SQLite can tell: the application
    id, the schema version, ``quick_check`` and the tables of that version. Returns the
    version; raises :class:`DatabaseRefused`."""
    try:
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

"""The window's first read, through plain ``sqlite3``: the annotations, tags, colour meanings and
glossary as ``reader.store.annotations`` returns them, without importing SQLAlchemy (importing
it costs more than a bare Qt window takes to show its text: issue 10's startup budget).

API::

    snapshot = read_snapshot(path)   # None when there is no database yet (nothing to show);
                                     # DatabaseRefused as open_store would refuse the file;
                                     # NeedsStore when it must be upgraded first (open_store)
    snapshot.annotations()           # == annotations.list_annotations(s), same records
    read_snapshot(path, documents=["a"]).annotations()  # only those texts' (a library of
                                     # thousands: the window reads the open text's at start)
    snapshot.total, snapshot.counts  # how many annotations the database holds; per text asked
    snapshot.tags()                  # == annotations.list_tags(s)
    snapshot.color_meanings()        # == annotations.color_meanings(s)
    snapshot.glossary()              # == annotations.load_glossary(s)
    snapshot.stale_documents(docs)   # == annotations.stale_documents(s, docs)
    snapshot.uri                     # what reader.store.db.Watcher watches

    with reading(path) as reader:    # the same checks; one read transaction for a command
        reader.glossary(); reader.counts(); reader.annotations(documents=, tags=, colors=)
        reader.color_meanings(); reader.theme_memos_by_key(); reader.settings()
        reader.citekeys(); reader.stale_documents(docs)

The read-only commands (``list``, ``text``, ``search``, ``annotations``, ``export``) read through
``reading`` (``reader.ops.reading``), so they never import SQLAlchemy either (issue 22).

Everything is read in one read-only transaction, after the same checks as ``open_store``
(through SQLite only: the application id, the schema version, ``quick_check``, the tables);
nothing is written, created or upgraded here. Writes go through ``open_store``. The file is
never opened but by SQLite (``stat`` only), so calling this again while the window's watcher
and store hold connections is safe (see ``reader.store.sqlite_file``, "One door").
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.store.records import (
    COLORS,
    DEFAULT_MEANINGS,
    NO_COLOR,
    AnnotationRecord,
    TagInfo,
    _Pages,
)
from reader.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    _uri,
    _writable,
    check_connection,
    inspect_file,
    translate,
)

if TYPE_CHECKING:
    from reader.documents import Document
    from reader.glossary import Glossary


class NeedsStore(Exception):
    """The database is of an older schema: only ``open_store`` (which upgrades it) reads it."""


# A NamedTuple, not a frozen dataclass: read as the window gets ready, where a frozen dataclass
# cost ~0.6 ms to create.
class Snapshot(NamedTuple):
    """What the window shows first, read at one moment."""

    uri: str
    read_only: bool
    records: tuple[AnnotationRecord, ...]  # of ``documents`` (None: every text's)
    documents: tuple[str, ...] | None
    counts: dict[str, int]  # annotations per text, of the texts asked for (with any)
    total: int  # annotations in the database, of every text
    tag_infos: tuple[TagInfo, ...]
    meanings: dict[str, str]
    keeps: frozenset[str]
    conversions: tuple[tuple[str, str], ...]
    equivalences: tuple[tuple[str, str], ...]
    hashes: dict[str, str]

    def annotations(self) -> list[AnnotationRecord]:
        return list(self.records)

    def tags(self) -> list[TagInfo]:
        return list(self.tag_infos)

    def color_meanings(self) -> dict[str, str]:
        return dict(self.meanings)

    def glossary(self) -> Glossary:
        from reader.glossary import Glossary

        return Glossary(
            keeps=self.keeps, conversions=self.conversions, equivalences=self.equivalences
        )

    def stale_documents(self, docs: Iterable[Document]) -> list[Document]:
        stored = self.hashes
        return [d for d in docs if d.id in stored and stored[d.id] != d.sha256]


def connection_uri(path: Path) -> tuple[str, bool]:
    """The URI ``open_store`` would open ``path`` with, and whether it is read-only."""
    read_only = not _writable(path)
    wal = Path(str(path) + "-wal")
    if read_only and not (wal.exists() and wal.stat().st_size > 0):
        return _uri(path, "immutable=1"), True
    return _uri(path, "mode=ro" if read_only else "mode=rw"), read_only


def read_snapshot(
    path: Path | str, documents: Sequence[str] | None = None, most: int | None = None
) -> Snapshot | None:
    """Everything the window shows first, or None when there is no database yet; of the
    annotations only those of ``documents`` (None: every one), and none (``documents`` ())
    when they are more than ``most`` (the window reads so many on a worker thread)."""
    path = Path(path)
    if not path.exists():
        return None
    with _checked(path) as (conn, uri, read_only):
        return _read(conn, uri, read_only, documents, most)


def read_counts(path: Path | str, documents: Sequence[str] | None = None) -> dict[str, int]:
    """Annotations per text (of ``documents``; None: of every one), texts without any left
    out; {} when there is no database. Checked as :func:`read_records`."""
    path = Path(path)
    if not path.exists():
        return {}
    with _checked(path, whole=False) as (conn, _, _):
        return _counts(conn, documents)


def _counts(conn: sqlite3.Connection, documents: Sequence[str] | None = None) -> dict[str, int]:
    where = "" if documents is None else f"WHERE document_id IN ({','.join('?' * len(documents))})"
    rows = conn.execute(
        f"SELECT document_id, count(*) FROM annotations {where} GROUP BY document_id",
        tuple(documents or ()),
    )
    return {doc_id: int(n) for doc_id, n in rows}


def read_records(
    path: Path | str,
    documents: Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
) -> list[AnnotationRecord]:
    """The annotations of ``documents`` (None: every text's), or those of ``ids``, in text
    order, as ``list_annotations`` returns them; [] when there is no database. For a reader
    that made a :func:`read_snapshot` of this file first (which checked it whole): only the
    header and tables are checked here (a whole ``quick_check`` reads every page, 0.15 s with
    100,000 annotations, at every text opened); SQLite's errors still come in words. Any thread
    (its own connection)."""
    path = Path(path)
    if not path.exists():
        return []
    where: list[str] = []
    args: list[Any] = []
    if documents is not None:
        where.append(f"a.document_id IN ({','.join('?' * len(documents))})")
        args += documents
    if ids is not None:
        where.append(f"a.id IN ({','.join('?' * len(ids))})")
        args += ids
    with _checked(path, whole=False) as (conn, _, _):
        return _no_gc(lambda: list(_annotations(conn, " AND ".join(where), args)))


def read_tag_lists(path: Path | str) -> list[tuple[str, ...]]:
    """Every tagged annotation's tags (their names, in the annotation's order): what counting
    annotations per tag and parent needs, without reading the annotations (a library of
    thousands). [] when there is no database; checked as :func:`read_records`."""
    path = Path(path)
    if not path.exists():
        return []
    with _checked(path, whole=False) as (conn, _, _):
        return [tuple(names) for names in _tag_names(conn, "", ()).values()]


def _no_gc(make: Callable[[], list[AnnotationRecord]]) -> list[AnnotationRecord]:
    """``make()`` with the cyclic collector paused: thousands of acyclic records (as
    annotations.list_annotations does)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return make()
    finally:
        if was_enabled:
            gc.enable()


def _log_pending(path: Path) -> bool:
    """A log is pending (a process died, or is running): as in ``open_store``, the check then
    runs read-only, so a refused file's log is never checkpointed into it on close (stat only)."""
    wal, shm = Path(str(path) + "-wal"), Path(str(path) + "-shm")
    return wal.exists() and wal.stat().st_size > 0 and shm.exists()


@contextlib.contextmanager
def _checked(
    path: Path, *, tidy: bool = False, reads: Collection[str] | None = None, whole: bool = True
) -> Iterator[tuple[sqlite3.Connection, str, bool]]:
    """A read-only connection to ``path`` after ``open_store``'s checks, inside one read
    transaction; SQLite's errors (also those of the caller's reads) in words.

    ``tidy`` (a command's one read): a writable database is opened as ``open_store`` opens it,
    with writes refused by ``query_only``, so that SQLite, as the last connection to close,
    checkpoints and removes the ``-wal``/``-shm`` a read of a WAL database creates: a command
    that only reads leaves the folder as it found it (a damaged file too). The window's first
    read keeps ``mode=ro``: its own store opens right after and owns those files.
    ``whole`` False (the window's reads after its first): no ``quick_check``."""
    inspect_file(path)
    uri, read_only = connection_uri(path)
    if tidy and not read_only and not _log_pending(path):
        read_uri = uri
    else:
        # Read-only: this never writes, creates or checkpoints anything.
        read_uri = uri if "immutable=1" in uri else _uri(path, "mode=ro")
    try:
        conn = sqlite3.connect(
            read_uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = 1")
        version = check_connection(conn, path, reads if whole else frozenset())
        if reads is not None:  # the promise kept: a read of any other table is refused
            conn.set_authorizer(_only(frozenset(reads)))
        if version < SCHEMA_VERSION:
            raise NeedsStore(f"{path} is of schema {version}: open_store upgrades it")
        with _read_transaction(conn):
            yield conn, uri, read_only
    except sqlite3.Error as exc:
        # Damage only when SQLite says so (SQLITE_CORRUPT/NOTADB); busy, full, I/O: as such.
        raise translate(exc, path) from exc
    finally:
        conn.close()


@contextlib.contextmanager
def reading(path: Path | str, reads: Collection[str] | None = None) -> Iterator[Reader]:
    """One read of an existing database for a command: the checks of ``open_store``, then one
    read-only transaction. ``NeedsStore`` when it is of an older schema; refusals as
    ``open_store`` refuses. The caller checks that the file exists (none is created).
    ``reads``: the tables the caller will read (e.g. :data:`GLOSSARY_TABLES`), the only ones
    ``quick_check`` then checks."""
    with _checked(Path(path), tidy=True, reads=reads) as (conn, _, read_only):
        yield Reader(conn, read_only)


class Reader:
    """Reads of the commands, each what ``reader.store.annotations`` returns for the same
    question (the same records, in the same order)."""

    def __init__(self, conn: sqlite3.Connection, read_only: bool) -> None:
        self._conn = conn
        self.read_only = read_only

    def glossary(self) -> Glossary:
        from reader.glossary import Glossary

        keeps, conversions, equivalences = _glossary(self._conn)
        return Glossary(keeps=keeps, conversions=conversions, equivalences=equivalences)

    def counts(self) -> dict[str, int]:
        rows = self._conn.execute(
            "SELECT document_id, count(*) FROM annotations GROUP BY document_id"
        )
        return {doc_id: int(n) for doc_id, n in rows}

    def hashes(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT id, sha256 FROM documents"))

    def stale_documents(self, docs: Iterable[Document]) -> list[Document]:
        stored = self.hashes()
        return [d for d in docs if d.id in stored and stored[d.id] != d.sha256]

    def color_meanings(self) -> dict[str, str]:
        return _meanings(self._conn)

    def theme_memos_by_key(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT tag_key, body FROM theme_memos"))

    def settings(self) -> dict[str, str]:
        return dict(self._conn.execute('SELECT "key", value FROM settings'))

    def citekeys(self) -> dict[str, str]:
        """Every key kept: the user's, else the one generated when the text was added
        (``store.settings.kept_citekeys``)."""
        kept = dict(self._conn.execute("SELECT document_id, citekey FROM generated_citekeys"))
        rows = self._conn.execute("SELECT id, citekey FROM documents WHERE citekey IS NOT NULL")
        kept.update((doc_id, key) for doc_id, key in rows if key)
        return kept

    def annotations(
        self,
        *,
        documents: Sequence[str] | None = None,
        tags: Sequence[str] = (),
        colors: Sequence[str] = (),
    ) -> list[AnnotationRecord]:
        """``annotations.list_annotations`` with the same filters: documents, tags (a parent
        includes its children, ``reader.tags`` keys), colours (``none``: notes)."""
        where: list[str] = []
        args: list[Any] = []
        if documents is not None:
            wanted = list(documents)
            where.append(f"a.document_id IN ({','.join('?' * len(wanted))})")
            args += wanted
        if tags:
            from reader.tags import key as tag_key

            ors = []
            for spelling in tags:
                k = tag_key(spelling)
                ors.append('(t."key" = ? OR substr(t."key", 1, ?) = ?)')
                args += [k, len(k) + 1, k + "/"]
            where.append(
                "a.id IN (SELECT l.annotation_id FROM annotation_tags l JOIN tags t "
                f"ON t.id = l.tag_id WHERE {' OR '.join(ors)})"
            )
        if colors:
            wanted_colors = [c for c in colors if c != NO_COLOR]
            for c in wanted_colors:
                if c not in COLORS:
                    from reader.errors import InputError

                    raise InputError(f"Unknown colour {c!r}. Colours: {', '.join(COLORS)}.")
            conds = [f"a.color IN ({','.join('?' * len(wanted_colors))})"]
            args += wanted_colors
            if NO_COLOR in colors:
                conds.append("a.color IS NULL")
            where.append("(" + " OR ".join(conds) + ")")
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return list(_annotations(self._conn, " AND ".join(where), args))
        finally:
            if was_enabled:
                gc.enable()


@contextlib.contextmanager
def _read_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")


def _read(
    conn: sqlite3.Connection,
    uri: str,
    read_only: bool,
    documents: Sequence[str] | None,
    most: int | None = None,
) -> Snapshot:
    # Counted per text for the texts asked for only (a library of thousands: one), and in all.
    total = int(conn.execute("SELECT count(*) FROM annotations").fetchone()[0])
    counts = (
        {} if documents is None else {**dict.fromkeys(documents, 0), **_counts(conn, documents)}
    )
    wanted = total if documents is None else sum(counts.values())
    if most is not None and wanted > most:
        documents = ()
    if documents is None:
        records = tuple(_no_gc(lambda: list(_annotations(conn))))
    else:
        where = f"a.document_id IN ({','.join('?' * len(documents))})"
        records = tuple(_no_gc(lambda: list(_annotations(conn, where, documents))))
    tagged = dict(conn.execute("SELECT tag_id, count(*) FROM annotation_tags GROUP BY tag_id"))
    tags = tuple(
        TagInfo(name, key, color, description, tagged.get(tag_id, 0))
        for tag_id, name, key, color, description in conn.execute(
            'SELECT id, name, "key", color, description FROM tags ORDER BY "key"'
        )
    )
    meanings = _meanings(conn)
    keeps, conversions, equivalences = _glossary(conn)
    hashes = dict(conn.execute("SELECT id, sha256 FROM documents"))
    return Snapshot(
        uri,
        read_only,
        records,
        None if documents is None else tuple(documents),
        counts,
        total,
        tags,
        meanings,
        keeps,
        conversions,
        equivalences,
        hashes,
    )


def _meanings(conn: sqlite3.Connection) -> dict[str, str]:
    meanings = dict(DEFAULT_MEANINGS)
    for color, meaning in conn.execute("SELECT color, meaning FROM color_meanings"):
        if color in meanings:
            meanings[color] = meaning
    return meanings


def _only(
    tables: frozenset[str],
) -> Callable[[int, str | None, str | None, str | None, str | None], int]:
    def authorize(
        action: int, table: str | None, _b: str | None, _db: str | None, _trigger: str | None
    ) -> int:
        if action == sqlite3.SQLITE_READ and table not in tables:
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    return authorize


GLOSSARY_TABLES = frozenset({"glossary_keeps", "glossary_conversions", "glossary_equivalences"})


def _glossary(
    conn: sqlite3.Connection,
) -> tuple[frozenset[str], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    keeps = frozenset(r[0] for r in conn.execute("SELECT phrase FROM glossary_keeps"))
    conversions = tuple(
        (str(o), str(r))
        for o, r in conn.execute(
            "SELECT original, replacement FROM glossary_conversions ORDER BY original"
        )
    )
    equivalences = tuple(
        (str(a), str(b))
        for a, b in conn.execute("SELECT a, b FROM glossary_equivalences ORDER BY id")
    )
    return keeps, conversions, equivalences


def _tag_names(conn: sqlite3.Connection, where: str, args: Sequence[Any]) -> dict[str, list[str]]:
    """Per annotation (of those ``where`` selects, over ``annotations a``; all when empty), its
    tags' names in order; each name one string shared by every annotation carrying it."""
    tag_names: dict[int, str] = dict(conn.execute("SELECT id, name FROM tags"))
    grouped: dict[str, list[str]] = {}
    rows = (
        conn.execute(
            "SELECT l.annotation_id, l.tag_id FROM annotation_tags l JOIN annotations a "
            f"ON a.id = l.annotation_id WHERE {where} ORDER BY l.annotation_id, l.position",
            tuple(args),
        )
        if where
        else conn.execute(
            "SELECT annotation_id, tag_id FROM annotation_tags ORDER BY annotation_id, position"
        )
    )
    for annotation_id, tag_id in rows:
        names = grouped.get(annotation_id)
        if names is None:
            grouped[annotation_id] = [tag_names[tag_id]]
        else:
            names.append(tag_names[tag_id])
    return grouped


def _annotations(
    conn: sqlite3.Connection, where: str = "", args: Sequence[Any] = ()
) -> tuple[AnnotationRecord, ...]:
    grouped = _tag_names(conn, where, args)
    # Only the pages of the texts read (a library of thousands: the open text's).
    page_rows = (
        conn.execute(
            "SELECT id, pages FROM documents WHERE id IN (SELECT DISTINCT a.document_id "
            f"FROM annotations a WHERE {where})",
            tuple(args),
        )
        if where
        else conn.execute("SELECT id, pages FROM documents")
    )
    pages: dict[str, _Pages] = {doc_id: _Pages(stored or "[]") for doc_id, stored in page_rows}
    none: tuple[str, ...] = ()
    rows = conn.execute(
        'SELECT a.id, a.document_id, a.start, a."end", a.quote, a.prefix, a.suffix, a.color, '
        "a.note, a.created, a.updated, a.orphaned FROM annotations a"
        + (f" WHERE {where}" if where else "")
        + ' ORDER BY a.document_id, a.start, a."end", a.created, a.id',
        tuple(args),
    ).fetchall()
    out: list[AnnotationRecord] = []
    for r in rows:
        doc_pages = pages.get(r[1])
        if doc_pages is None:
            doc_pages = pages[r[1]] = _Pages("[]")
        names = grouped.get(r[0])
        values: tuple[Any, ...] = (
            *r[:7],
            doc_pages.span(r[2], r[3]),
            r[7],
            tuple(names) if names is not None else none,
            *r[8:11],
            bool(r[11]),
        )
        out.append(AnnotationRecord._make(values))
    return tuple(out)

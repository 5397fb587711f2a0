"""Verified rotating backups of the database *and* the user's texts, and restoring one.

A backup set is the database, copied with SQLite's backup API into a temporary file, switched to
a self-contained rollback journal and checked (``integrity_check``, Meipi's ``application_id``,
a schema this Meipi can read), plus a copy of the user's texts folder (``paths.user_texts_dir()``,
the files the annotations are anchored to) with a manifest of every file's size and SHA-256 and
the database copy's SHA-256. The texts part is written and re-read first, then renamed to its
final name, and only then the database part: a file under a backup name has always been
verified, and so has its texts folder. Backups live in ``paths.backups_dir(db)``
(``<stem>-backups/`` beside the database) as ``<stem>-YYYYMMDDTHHMMSSffffffZ.sqlite3`` with
``<that name>.texts/`` (``manifest.json`` and ``files/``) beside it. Older backups have no texts
folder: they still restore (the database only).

* ``make_backup(db)``: one now (``dest`` for ``meipi backup -o FILE``, texts in ``FILE.texts``);
  rotates the folder to ``KEEP`` — only after the new one is verified.
* ``backup_due(db)``: none yet, or the newest is ``INTERVAL`` old (``Store.close`` uses it).
* ``probe(db)``: what the file is *now*, through a fresh SQLite connection (never ``open()``),
  looked at twice with a short wait when it seems damaged or busy: only ``SQLITE_CORRUPT`` and
  ``SQLITE_NOTADB`` (by the error's ``sqlite_errorname``), a failed ``quick_check`` or missing
  tables are damage; busy, locked, I/O and permission errors are not.
* ``restore(db, source=None)``: every connection of this process must be closed first (the
  caller's duty: the window closes its store and watcher). Copies the backup beside the database,
  fsyncs and verifies the copy, stages the texts the same way, hard-links the current database to
  ``<db>.replaced-<stamp>`` and renames its ``-wal``/``-shm`` to that name's logs (a stale log
  beside the restored file would be replayed onto it), then ``os.replace``-s the copy onto the
  database and fsyncs the folder. The citekeys given, and the glossary entries, settings,
  colour meanings, theme memos and vocabulary words made since the backup are first carried
  into the copy (``reader.store.carry``: the backup's own values win). Any failure before
  that replace puts the logs back and
  removes the link: the live database is exactly as it was. Then the backup's texts are put
  back; a text that changed since is kept in ``texts.replaced-<stamp>/``; texts added since are
  left where they are. Nothing is deleted.

The live database is only ever read through SQLite (``probe``, ``count_newer``, the backup API);
backup *files* are read with ``open()``, but a backup that is the database itself is refused
before anything reads it.

Over 600 lines as one job, the database's safety: making, verifying, probing and restoring a
backup share the file layout, the manifest and the checks, and their callers (the store, the
commands, the window's database dialog) reach them as one module.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from reader.errors import EnvironmentFailure, InputError
from reader.fsync import fsync_folder, fsync_path
from reader.paths import backups_dir, user_texts_dir
from reader.store.carry import Carried, carry_entries

KEEP = 7
INTERVAL = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%S%fZ"
TEXTS_SUFFIX = ".texts"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
PROBE_WAIT = 0.25  # seconds between the two looks at a file that seems damaged or busy
PROBE_BUSY_MS = 1000
RESTORE_BUSY_MS = 5000  # how long a restore waits for a writer to finish its transaction
_CHUNK = 1 << 20


def _pattern(db: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db.stem) + r"-(\d{8}T\d{12}Z)\.sqlite3")


def list_backups(db: Path) -> list[Path]:
    """Backups of ``db`` (their database files), newest first."""
    folder = backups_dir(db)
    if not folder.is_dir():
        return []
    pattern = _pattern(db)
    found = [p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def newest_backup(db: Path) -> Path | None:
    backups = list_backups(db)
    return backups[0] if backups else None


def texts_of(backup: Path) -> Path:
    """The texts folder that belongs to the backup ``backup`` (absent for older backups)."""
    return backup.with_name(backup.name + TEXTS_SUFFIX)


def backup_time(path: Path) -> datetime | None:
    m = re.search(r"-(\d{8}T\d{12}Z)\.sqlite3$", path.name)
    if not m:
        return None
    return datetime.strptime(m.group(1), _STAMP).replace(tzinfo=UTC)


def describe_backup(path: Path) -> str:
    when = backup_time(path)
    return f"{path} ({when:%Y-%m-%d %H:%M} UTC)" if when else str(path)


def backup_due(db: Path, now: datetime | None = None) -> bool:
    newest = newest_backup(db)
    if newest is None:
        return True
    when = backup_time(newest)
    return when is None or (now or datetime.now(UTC)) - when >= INTERVAL


# ---------------------------------------------------------------------------------------------
# Verifying


def verify(path: Path) -> str | None:
    """What is wrong with ``path`` as a Meipi backup database, or None when it is sound.
    Read-only: the file is opened immutable, so nothing beside it is created. Never call it on
    the live database (it reads the header with ``open()``)."""
    from reader.store.sqlite_file import APPLICATION_ID, SCHEMA_VERSION, SQLITE_MAGIC

    try:
        with path.open("rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                return "it is not a SQLite database"
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True)
    except (OSError, sqlite3.Error) as exc:
        return f"it cannot be read ({exc})"
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            return "it is not a Meipi database"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            return f"it was written by a newer Meipi (schema {version})"
        check = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if check != ["ok"]:
            return f"integrity_check failed ({'; '.join(check[:3])})"
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            return f"foreign_key_check found {len(problems)} dangling references"
    except sqlite3.Error as exc:
        return f"it is damaged ({exc})"
    finally:
        conn.close()
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(folder: Path) -> dict[str, object]:
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise ValueError("its manifest is not one this Meipi reads")
    return data


def _entries(manifest: dict[str, object]) -> list[tuple[str, int, str]]:
    texts = manifest.get("texts")
    if not isinstance(texts, list):
        raise ValueError("its manifest lists no texts")
    out = []
    for entry in texts:
        rel = entry["path"]
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise ValueError(f"its manifest names a path outside it ({rel!r})")
        out.append((str(rel), int(entry["size"]), str(entry["sha256"])))
    return out


def verify_texts(backup: Path) -> str | None:
    """What is wrong with the texts part of the backup ``backup`` (every file present, of the
    size and SHA-256 its manifest records, and the database file the one the manifest names),
    or None when it is sound or the backup has no texts part (an older backup)."""
    folder = texts_of(backup)
    if not folder.exists():
        return None
    try:
        manifest = _manifest(folder)
        database = manifest.get("database")
        if isinstance(database, dict) and database.get("sha256") != _sha256(backup):
            return "its database file is not the one its manifest records"
        for rel, size, sha in _entries(manifest):
            copy = folder / "files" / rel
            if copy.stat().st_size != size or _sha256(copy) != sha:
                return f"the saved text {rel} does not match its manifest"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"its texts cannot be read ({exc})"
    return None


def verify_set(backup: Path) -> str | None:
    """What is wrong with the whole backup (database and texts), or None."""
    return verify(backup) or verify_texts(backup)


# ---------------------------------------------------------------------------------------------
# Making


def _user_texts(texts: Path) -> list[Path]:
    """The user's texts folder's regular files (not temporary ones), relative, sorted."""
    if not texts.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(texts):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():
                found.append(path.relative_to(texts))
    return sorted(found)


def _copy_file(source: Path, dest: Path) -> tuple[int, str]:
    """Copy, fsync, and return (size, SHA-256) of what was read."""
    digest = hashlib.sha256()
    size = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as src, dest.open("xb") as out:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def _write_texts(texts: Path, target: Path, database_sha: str) -> None:
    """The texts part of a backup, written to ``target`` (a new folder), re-read and checked."""
    target.mkdir(parents=True)
    entries: list[dict[str, str | int]] = []
    folders = {target}
    for rel in _user_texts(texts):
        size, sha = _copy_file(texts / rel, target / "files" / rel)
        entries.append({"path": rel.as_posix(), "size": size, "sha256": sha})
        folders.add((target / "files" / rel).parent)
    manifest = {
        "format": MANIFEST_FORMAT,
        "database": {"sha256": database_sha},
        "texts": entries,
    }
    with (target / MANIFEST).open("x", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    for folder in folders:
        fsync_folder(folder)


def make_backup(
    db: Path,
    dest: Path | None = None,
    *,
    source_uri: str | None = None,
    texts: Path | None = None,
) -> Path:
    """A verified copy of ``db`` at ``dest`` (default: a new name in the backups folder), with
    the user's texts folder (``texts``, default ``paths.user_texts_dir()``) beside it."""
    texts = texts if texts is not None else user_texts_dir()
    if dest is None:
        folder = backups_dir(db)
        stamp = datetime.now(UTC).strftime(_STAMP)
        dest = folder / f"{db.stem}-{stamp}.sqlite3"
        rotating = True
    else:
        folder = dest.parent
        rotating = False
        if dest.exists() or texts_of(dest).exists():
            existing = dest if dest.exists() else texts_of(dest)
            raise InputError(f"{existing} already exists; choose another name or remove it first.")
    from reader.store.db import sweep_stale

    uri = source_uri or f"{db.absolute().as_uri()}?mode=ro"
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    tmp = folder / f".{dest.name}.tmp-{token}"
    tmp_texts = folder / f".{dest.name}{TEXTS_SUFFIX}.tmp-{token}"
    final_texts = texts_of(dest)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if rotating:
            # Never a verified backup: an earlier copy interrupted before its rename.
            sweep_stale(folder.glob(".*.tmp-*"))
            _sweep_stale_folders(folder, db)
        src = sqlite3.connect(uri, uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        fsync_path(tmp)
        problem = verify(tmp)
        if problem is not None:
            raise EnvironmentFailure(
                f"The backup of {db} did not verify ({problem}); no backup was kept. Run "
                "`meipi check`."
            )
        _write_texts(texts, tmp_texts, _sha256(tmp))
        os.replace(tmp_texts, final_texts)
        os.replace(tmp, dest)
        fsync_folder(folder)
        problem = verify_texts(dest)
        if problem is not None:
            dest.unlink()  # a backup whose texts do not read back is no backup
            shutil.rmtree(final_texts, ignore_errors=True)
            raise EnvironmentFailure(
                f"The backup of the texts in {texts} did not verify ({problem}); no backup was "
                "kept. Check the disk."
            )
    except sqlite3.Error as exc:
        raise EnvironmentFailure(
            f"The backup of {db} failed ({exc}); no backup was kept. Check the disk space and "
            f"that {folder} is writable."
        ) from exc
    except OSError as exc:
        if not dest.exists():
            shutil.rmtree(final_texts, ignore_errors=True)
        raise EnvironmentFailure(
            f"The backup of {db} could not be written to {folder} ({exc.strerror or exc}). "
            "Check the disk space and the folder's permissions."
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        shutil.rmtree(tmp_texts, ignore_errors=True)
    if rotating:
        rotate(db)
    return dest


def _sweep_stale_folders(folder: Path, db: Path) -> None:
    """Texts folders of interrupted backups: temporary ones, and finished ones whose database
    file never followed (both only when old: another process may be writing one now)."""
    from reader.store.db import STALE_AFTER

    now = time.time()
    pattern = _pattern(db)
    for path in folder.iterdir():
        name = path.name
        orphan = name.endswith(TEXTS_SUFFIX) and pattern.fullmatch(name[: -len(TEXTS_SUFFIX)])
        temporary = name.startswith(".") and f"{TEXTS_SUFFIX}.tmp-" in name
        if not (orphan or temporary) or not path.is_dir():
            continue
        if orphan and path.with_name(name[: -len(TEXTS_SUFFIX)]).exists():
            continue
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(path)


def rotate(db: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` backups (with their texts); returns what was
    removed."""
    removed = []
    for old in list_backups(db)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            # The texts first: a texts folder alone is swept later; a database alone would
            # look like an older, database-only backup.
            if texts_of(old).exists():
                shutil.rmtree(texts_of(old))
            old.unlink()
            removed.append(old)
    return removed


# ---------------------------------------------------------------------------------------------
# Looking at the live database (through SQLite only)

State = Literal["missing", "sound", "damaged", "foreign", "newer", "busy", "unreadable"]
DAMAGE_ERRORS = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


@dataclass(frozen=True)
class Health:
    """What a database file is, as a fresh SQLite connection sees it.

    ``state``: missing (no file), sound, damaged (only corruption: SQLITE_CORRUPT/NOTADB, a
    failed ``quick_check``, missing tables, an empty file), foreign (another application's
    file, or not a file), newer (a newer Meipi's schema), busy (locked by another program),
    unreadable (any other error: I/O, permissions). ``reason`` completes "<path> …";
    ``annotations`` is how many it holds, when that could be read."""

    state: State
    reason: str
    annotations: int | None = None

    @property
    def damaged(self) -> bool:
        return self.state == "damaged"


def error_state(exc: BaseException) -> State:
    """damaged, busy or unreadable, by the SQLite error's name (never by its class:
    ``OperationalError`` — busy, locked, full, I/O — is a ``DatabaseError`` too)."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if name.startswith(DAMAGE_ERRORS):
        return "damaged"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "busy"
    return "unreadable"


def _live_uri(db: Path) -> str:
    """How to open the live database only to read it, leaving nothing behind: read-write (but
    never written) when no log is pending, so closing removes the ``-wal``/``-shm`` SQLite
    makes; read-only when a log is pending (closing must not checkpoint it into a file that may
    be damaged: the ``-wal``/``-shm`` exist already); immutable when it cannot be written."""
    base = db.absolute().as_uri()
    wal = Path(str(db) + "-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size > 0:
            return f"{base}?mode=ro"
    writable = os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)
    return f"{base}?mode=rw" if writable else f"{base}?immutable=1"


@contextlib.contextmanager
def _reading(uri: str) -> Iterator[sqlite3.Connection]:
    """A fresh connection in one read transaction (nothing written); always closed."""
    busy_ms = PROBE_BUSY_MS
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_ms / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
    finally:
        conn.close()


def _probe_once(db: Path) -> Health:
    from reader.store.sqlite_file import (
        APPLICATION_ID,
        SCHEMA_VERSION,
        _tables,
        expected_tables,
        one_line,
    )

    try:
        info = os.stat(db)
    except FileNotFoundError:
        return Health("missing", "does not exist")
    except OSError as exc:
        return Health("unreadable", f"cannot be read ({exc.strerror or exc})")
    if not stat.S_ISREG(info.st_mode):
        return Health("foreign", "is a folder or a device, not a Meipi database")
    if info.st_size == 0:
        return Health("damaged", "is empty (0 bytes; Meipi never leaves an empty database)")
    try:
        with _reading(_live_uri(db)) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = _tables(conn)
            count = None
            if "annotations" in tables:
                with contextlib.suppress(sqlite3.Error):
                    count = int(conn.execute("SELECT count(*) FROM annotations").fetchone()[0])
            if app_id != APPLICATION_ID and "annotations" not in tables:
                return Health(
                    "foreign", "is not a Meipi database (it is another application's SQLite file)"
                )
            if version > SCHEMA_VERSION:
                return Health("newer", f"was written by a newer Meipi (schema {version})", count)
            check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.Error as exc:
        state = error_state(exc)
        text = one_line(str(exc))
        reason = {
            "damaged": f"is damaged (SQLite: {text})",
            "busy": f"is busy: another program is using it (SQLite: {text})",
        }.get(state, f"cannot be read (SQLite: {text})")
        return Health(state, reason)
    if check != ["ok"]:
        return Health("damaged", f"is damaged (SQLite: {one_line(check)})", count)
    expected = expected_tables(version)
    if not expected <= tables:
        missing = ", ".join(sorted(expected - tables))
        return Health("damaged", f"is damaged (tables missing: {missing})", count)
    if tables - expected:
        # Meipi's mark with tables it never makes: damaged or tampered with, but Meipi's.
        unknown = ", ".join(sorted(tables - expected))
        return Health("damaged", f"holds tables Meipi does not know ({unknown})", count)
    return Health("sound", "is sound", count)


def probe(db: Path, *, wait: float | None = None) -> Health:
    """What ``db`` is now (see :class:`Health`). A file that looks damaged or busy is looked at
    again after ``wait`` seconds, with a new connection: a write caught mid-way by another
    process is never taken for damage."""
    wait = PROBE_WAIT if wait is None else wait
    health = _probe_once(db)
    if health.state in ("damaged", "busy", "unreadable") and wait > 0:
        time.sleep(wait)
        health = _probe_once(db)
    return health


def count_annotations(path: Path, *, immutable: bool = False) -> int | None:
    """How many annotations the database at ``path`` holds; None when it cannot be read.
    ``immutable`` only for backup files (nothing writes them)."""
    uri = f"{path.absolute().as_uri()}?immutable=1" if immutable else _live_uri(path)
    try:
        with _reading(uri) as conn:
            return int(conn.execute("SELECT count(*) FROM annotations").fetchone()[0])
    except sqlite3.Error:
        return None


def _updated(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT id, updated FROM annotations"))


def count_newer(db: Path, backup: Path) -> int | None:
    """How many annotations of ``db`` the backup lacks or holds in an older version (made or
    changed since it was taken); None when either cannot be read."""
    try:
        with _reading(f"{backup.absolute().as_uri()}?immutable=1") as conn:
            old = _updated(conn)
        with _reading(_live_uri(db)) as conn:
            now = _updated(conn)
    except sqlite3.Error:
        return None
    return sum(1 for key, updated in now.items() if key not in old or updated > old[key])


# ---------------------------------------------------------------------------------------------
# Restoring


@dataclass(frozen=True)
class Restored:
    """What a restore did. ``kept``: the previous database under its new name (None when
    there was none), ``moved_aside``: every file set aside (``kept`` and its logs); ``newer``:
    annotations of the previous file the backup lacks or holds older (None: unknown, e.g. it
    was damaged); ``texts``: whether the backup held texts; ``texts_restored``: how many were
    put back; ``texts_kept``: where texts that changed since were set aside (None: none);
    ``texts_replaced``: those set aside, each by its path in ``texts_kept``."""

    source: Path
    kept: Path | None
    moved_aside: tuple[Path, ...]
    newer: int | None
    texts: bool
    texts_restored: int
    texts_kept: Path | None
    # The glossary entries, settings … made since the backup, carried into the restored file
    # (``reader.store.carry``); None when the previous file could not be read.
    carried: Carried | None = field(default_factory=Carried)
    texts_replaced: tuple[str, ...] = ()


def is_same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_source(db: Path, source: Path) -> None:
    """InputError unless ``source`` can be a backup to restore onto ``db``: a regular file
    that is neither the database nor its logs. Nothing is opened."""
    try:
        info = os.stat(source)
    except OSError:
        raise InputError(
            f"{source} cannot be restored: it does not exist. Nothing was changed."
        ) from None
    for own in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        if is_same_file(source, own):
            raise InputError(
                f"{source} is the database itself{'' if own == db else ' (its log)'}, not a "
                "backup, so nothing was restored. Name a backup (`meipi check` lists them), or "
                "run `meipi restore` without a file for the newest one."
            )
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{source} cannot be restored: it is not a regular file. Nothing was changed."
        )


def choose_backup(db: Path, source: Path | None = None) -> Path:
    """``source`` if it verifies (with its texts), else the newest backup of ``db`` that does."""
    if source is not None:
        refuse_source(db, source)
        problem = verify_set(source)
        if problem is not None:
            raise InputError(f"{source} cannot be restored: {problem}. Nothing was changed.")
        return source
    candidates = list_backups(db)
    if not candidates:
        raise EnvironmentFailure(
            f"There is no backup of {db} in {backups_dir(db)}; nothing was changed."
        )
    for candidate in candidates:
        if verify_set(candidate) is None:
            return candidate
    raise EnvironmentFailure(
        f"None of the {len(candidates)} backups in {backups_dir(db)} verifies any more; "
        "nothing was changed."
    )


# Errors from os.link that mean "this file system has no hard links" (FAT, some shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV}


def _keep_old(db: Path, kept: Path) -> None:
    """``kept`` names the current database: a hard link, or (where the file system has none) a
    copy made with SQLite's backup API (the live file is never read with ``open()``)."""
    try:
        os.link(db, kept)
        return
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
    try:
        src = sqlite3.connect(_live_uri(db), uri=True)
        try:
            dst = sqlite3.connect(kept)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error:
        with contextlib.suppress(OSError):
            kept.unlink()
        raise
    fsync_path(kept)


@dataclass
class _Hold:
    """The live database's write lock (``BEGIN IMMEDIATE`` on ``writer``), so no other
    connection, in any process, commits while a restore swaps the files. With a log pending,
    ``reader`` (read-only) stays open until after ``writer`` closes: while any other connection
    is open SQLite does not checkpoint at close, so ending the hold never writes the log into
    the file (which may be damaged; a failed restore leaves it byte for byte as it was)."""

    writer: sqlite3.Connection
    reader: sqlite3.Connection | None


def _hold_writers(db: Path) -> _Hold | None:
    """Take the hold; None when the file is too damaged to lock (nothing can be written to it
    anyway). Busy past the timeout: refused, nothing changed."""
    from reader.store.sqlite_file import error_name, is_damage

    base = db.absolute().as_uri()
    reader: sqlite3.Connection | None = None
    if Path(str(db) + "-wal").exists():
        reader = sqlite3.connect(f"{base}?mode=ro", uri=True, isolation_level=None)
        with contextlib.suppress(sqlite3.Error):
            reader.execute("PRAGMA schema_version").fetchone()
    conn = sqlite3.connect(f"{base}?mode=rw", uri=True, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {RESTORE_BUSY_MS}")
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        conn.close()
        if reader is not None:
            reader.close()
        if is_damage(exc):
            return None
        if error_name(exc).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise EnvironmentFailure(
                f"{db} is busy: another Meipi is writing to it. Nothing was changed; try the "
                "restore again in a moment."
            ) from exc
        if error_name(exc).startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
            return None  # nobody can write to it either: nothing to hold off
        raise
    return _Hold(conn, reader)


def _release(held: _Hold | None) -> None:
    """End the hold. After the rename its connections are on the file kept aside: SQLite sees
    it was moved and neither checkpoints nor deletes the logs now at the path."""
    if held is None:
        return
    with contextlib.suppress(sqlite3.Error):
        held.writer.execute("ROLLBACK")
    for conn in (held.writer, held.reader):
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()


def _drop_own_logs(moved: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """The hold made a ``-wal``/``-shm`` where there was none; moved aside with the old file,
    an empty log holds nothing: removed, so only the old database is kept aside."""
    wal = next((aside for current, aside in moved if str(current).endswith("-wal")), None)
    with contextlib.suppress(OSError):
        if wal is None or wal.stat().st_size == 0:
            for _current, aside in moved:
                aside.unlink(missing_ok=True)
            return []
    return moved


def _carry_entries(live: Path, target: Path) -> Carried | None:
    """The user's entries made since the backup (glossary, settings …) and the citekeys given
    since into the restored copy (``reader.store.carry``), in one read of the live file and one
    write of the copy; None when the live file cannot be read at all. Failing to
    write the copy fails the restore (nothing changed)."""
    with contextlib.ExitStack() as stack:
        try:
            conn = stack.enter_context(_reading(_live_uri(live)))
        except sqlite3.Error:
            return None
        return carry_entries(conn, target)


def restore(db: Path, source: Path | None = None, *, texts: Path | None = None) -> Restored:
    """Put a verified backup (and its texts) in place of ``db``; the current files are kept
    under new names, never deleted. From counting what it sets aside to the rename it holds the
    live file's write lock, so no writer commits in between; a store open elsewhere follows the
    file at the path on its next transaction (``Store._follow_replacement``)."""
    texts = texts if texts is not None else user_texts_dir()
    chosen = choose_backup(db, source)
    has_texts = texts_of(chosen).is_dir()
    live = db.exists()
    newer: int | None = 0
    carried: Carried | None = Carried()
    stamp = datetime.now(UTC).strftime(_STAMP)
    token = secrets.token_hex(4)
    tmp = db.parent / f".{db.name}.restore-{token}"
    staged = texts.parent / f".{texts.name}.restore-{token}"
    kept: Path | None = None
    held: _Hold | None = None
    had_log = False
    linked = False
    moved: list[tuple[Path, Path]] = []
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(chosen, tmp)
        fsync_path(tmp)
        problem = verify(tmp)
        if problem is not None:
            raise EnvironmentFailure(
                f"The copy of {chosen} made beside {db} did not verify ({problem}); nothing "
                "was changed. Check the disk."
            )
        entries = _stage_texts(chosen, staged) if has_texts else []
        if live:
            # From here to the rename no writer may commit to the live file: what it held is
            # counted, kept aside whole, and a writer that waited writes to the restored file.
            had_log = Path(str(db) + "-wal").exists()
            held = _hold_writers(db)
            newer = count_newer(db, chosen)
            carried = _carry_entries(db, tmp)
            kept = db.parent / f"{db.name}.replaced-{stamp}"
            _keep_old(db, kept)
            linked = True
            # The logs go with it: a stale -wal beside the restored file would be replayed.
            for suffix in ("-wal", "-shm"):
                current = Path(str(db) + suffix)
                if current.exists():
                    aside = Path(str(kept) + suffix)
                    os.replace(current, aside)
                    moved.append((current, aside))
        os.replace(tmp, db)
        _release(held)
        if live and not had_log:
            moved = _drop_own_logs(moved)
    except BaseException as exc:
        # Before the replace: the live database must be exactly as it was (its logs back in
        # place before the hold ends, so closing never checkpoints a log that was moved).
        for current, aside in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(aside, current)
        _release(held)
        if linked and kept is not None:
            with contextlib.suppress(OSError):
                kept.unlink()
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        shutil.rmtree(staged, ignore_errors=True)
        if isinstance(exc, OSError):
            raise EnvironmentFailure(
                f"Restoring {chosen} to {db} failed ({exc.strerror or exc}); nothing was "
                "changed. Check the disk space and the folder's permissions."
            ) from exc
        if isinstance(exc, sqlite3.Error):
            raise EnvironmentFailure(
                f"Restoring {chosen} to {db} failed ({exc}); nothing was changed."
            ) from exc
        raise
    fsync_folder(db.parent)
    aside_paths = ((kept,) if kept is not None else ()) + tuple(a for _, a in moved)
    restored, texts_kept = (0, None)
    replaced: tuple[str, ...] = ()
    if has_texts:
        try:
            restored, texts_kept, replaced = _put_back_texts(entries, staged, texts, stamp)
        except OSError as exc:
            raise EnvironmentFailure(
                f"{db} was restored from {chosen}, but its texts could not all be put back "
                f"into {texts} ({exc.strerror or exc}); the backup's copies are in {staged}."
            ) from exc
        shutil.rmtree(staged, ignore_errors=True)
    return Restored(
        chosen, kept, aside_paths, newer, has_texts, restored, texts_kept, carried, replaced
    )


def _stage_texts(backup: Path, staged: Path) -> list[tuple[str, str]]:
    """The backup's texts copied to ``staged`` (beside the texts folder, same file system),
    each checked against the manifest. Returns (relative path, SHA-256) of each."""
    folder = texts_of(backup)
    try:
        entries = _entries(_manifest(folder))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EnvironmentFailure(
            f"The texts saved with {backup} cannot be read ({exc}); nothing was changed."
        ) from exc
    staged.mkdir(parents=True)
    for rel, size, sha in entries:
        got = _copy_file(folder / "files" / rel, staged / rel)
        if got != (size, sha):
            raise EnvironmentFailure(
                f"The saved text {rel} in {folder} changed since the backup was verified; "
                "nothing was changed. Check the disk."
            )
    return [(rel, sha) for rel, _size, sha in entries]


def _put_back_texts(
    entries: list[tuple[str, str]], staged: Path, texts: Path, stamp: str
) -> tuple[int, Path | None, tuple[str, ...]]:
    """Each staged text onto its place, unless the same text is already there; a different
    one there is kept in ``texts.replaced-<stamp>/`` first (a hard link, or a move). Returns
    how many were put, that folder (None: unused) and the paths kept in it."""
    aside = texts.parent / f"{texts.name}.replaced-{stamp}"
    put = 0
    replaced: list[str] = []
    folders: set[Path] = set()
    for rel, sha in entries:
        target = texts / rel
        if target.is_file() and _sha256(target) == sha:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            keep = aside / rel
            keep.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(target, keep)
            except OSError:
                shutil.copy2(target, keep)
                fsync_path(keep)
            replaced.append(rel)
            folders.add(keep.parent)
        os.replace(staged / rel, target)
        folders.add(target.parent)
        put += 1
    for folder in folders:
        fsync_folder(folder)
    return put, aside if replaced else None, tuple(replaced)

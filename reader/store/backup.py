"""Verified rotating backups, and restoring one.

A backup is made with SQLite's backup API into a temporary file, switched to a self-contained
rollback journal, checked (``integrity_check``, Meipi's ``application_id``, a schema this Meipi
can read), synced, and only then renamed to its final name: a file under a backup name has always
been verified. Backups live in ``paths.backups_dir(db)`` (``<stem>-backups/`` beside the
database) as ``<stem>-YYYYMMDDTHHMMSSffffffZ.sqlite3``.

* ``make_backup(db)``: one now (``dest`` for ``meipi backup -o FILE``); rotates the folder to
  ``KEEP`` — only after the new one is verified, so the last good backup is never rotated away.
* ``backup_due(db)``: none yet, or the newest is ``INTERVAL`` old (``Store.close`` uses it).
* ``restore(db, source=None)``: re-verifies the source (default: the newest backup that still
  verifies), moves the current database aside *with* its ``-wal`` and ``-shm`` (logs first: a
  stale log next to the restored file would be replayed onto it), then copies the backup in.
  Nothing is deleted.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.errors import EnvironmentFailure, InputError
from reader.fsync import fsync_folder, fsync_path
from reader.paths import backups_dir

KEEP = 7
INTERVAL = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%S%fZ"


def _pattern(db: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db.stem) + r"-(\d{8}T\d{12}Z)\.sqlite3")


def list_backups(db: Path) -> list[Path]:
    """Backups of ``db``, newest first."""
    folder = backups_dir(db)
    if not folder.is_dir():
        return []
    pattern = _pattern(db)
    found = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def newest_backup(db: Path) -> Path | None:
    backups = list_backups(db)
    return backups[0] if backups else None


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


def verify(path: Path) -> str | None:
    """What is wrong with ``path`` as a Meipi backup, or None when it is sound. Read-only: the
    file is opened immutable, so nothing beside it is created."""
    from reader.store.db import APPLICATION_ID, SCHEMA_VERSION, SQLITE_MAGIC

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


def make_backup(db: Path, dest: Path | None = None, *, source_uri: str | None = None) -> Path:
    """A verified copy of ``db`` at ``dest`` (default: a new name in the backups folder)."""
    if dest is None:
        folder = backups_dir(db)
        stamp = datetime.now(UTC).strftime(_STAMP)
        dest = folder / f"{db.stem}-{stamp}.sqlite3"
        rotating = True
    else:
        folder = dest.parent
        rotating = False
        if dest.exists():
            raise InputError(f"{dest} already exists; choose another name or remove it first.")
    from reader.store.db import sweep_stale

    uri = source_uri or f"{db.absolute().as_uri()}?mode=ro"
    tmp = folder / f".{dest.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if rotating:
            # Never a verified backup: an earlier copy interrupted before its rename.
            sweep_stale(folder.glob(".*.tmp-*"))
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
        os.replace(tmp, dest)
        fsync_folder(folder)
    except sqlite3.Error as exc:
        raise EnvironmentFailure(
            f"The backup of {db} failed ({exc}); no backup was kept. Check the disk space and "
            f"that {folder} is writable."
        ) from exc
    except OSError as exc:
        raise EnvironmentFailure(
            f"The backup of {db} could not be written to {folder} ({exc.strerror or exc}). "
            "Check the disk space and the folder's permissions."
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    if rotating:
        rotate(db)
    return dest


def rotate(db: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` backups; returns what was removed."""
    removed = []
    for old in list_backups(db)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed


@dataclass(frozen=True)
class Restored:
    source: Path
    moved_aside: tuple[Path, ...]


def restore(db: Path, source: Path | None = None) -> Restored:
    """Put a verified backup in place of ``db``; the current files are renamed, not deleted."""
    if source is not None:
        problem = verify(source) if source.exists() else "it does not exist"
        if problem is not None:
            raise InputError(f"{source} cannot be restored: {problem}. Nothing was changed.")
        chosen = source
    else:
        candidates = list_backups(db)
        if not candidates:
            raise EnvironmentFailure(
                f"There is no backup of {db} in {backups_dir(db)}; nothing was changed."
            )
        chosen = None
        for candidate in candidates:
            if verify(candidate) is None:
                chosen = candidate
                break
        if chosen is None:
            raise EnvironmentFailure(
                f"None of the {len(candidates)} backups in {backups_dir(db)} verifies any more; "
                "nothing was changed."
            )
    assert chosen is not None
    stamp = datetime.now(UTC).strftime(_STAMP)
    moved: list[Path] = []
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        # The logs first: a stale -wal beside the restored file would be replayed onto it.
        for suffix in ("-wal", "-shm", ""):
            current = Path(str(db) + suffix)
            if current.exists():
                aside = db.parent / f"{db.name}.replaced-{stamp}{suffix}"
                os.replace(current, aside)
                moved.append(aside)
        tmp = db.parent / f".{db.name}.restore-{secrets.token_hex(4)}"
        shutil.copyfile(chosen, tmp)
        fsync_path(tmp)
        os.replace(tmp, db)
        fsync_folder(db.parent)
    except OSError as exc:
        raise EnvironmentFailure(
            f"Restoring {chosen} to {db} failed ({exc.strerror or exc}); files moved aside so "
            f"far: {', '.join(map(str, moved)) or 'none'}."
        ) from exc
    return Restored(chosen, tuple(moved))

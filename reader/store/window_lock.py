"""One Meipi window per database: a lock the window holds for as long as it is open.

API (for the window, and for ``meipi restore``)::

    lock = acquire_window_lock(db_path)   # WindowLock, or None: another window has it open
    if lock is None:
        holder = window_holder(db_path)   # WindowHolder(pid, since) of that window, or None
        ...                               # "Meipi is already open on this database (pid N)"
                                          # — or bring it to the front through
                                          # window_channel(db_path) (a QLocalServer name)
    ...
    lock.release()                        # on close (also: ``with`` block; idempotent)

The lock is an exclusive OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<db>.window-lock`` beside the database — or, when that folder is not writable, on a file named
after the database's path in the temporary folder. The OS drops it when the process ends, however
it ends (``kill -9``, a crash, a power cut), so a stale lock never blocks: no pid test, no
timeout. The lock file is never deleted (deleting it could let two windows lock two different
files); it holds the holder's pid and start time, read only to word the message.

Only windows exclude each other: the store itself takes no part, so the command line keeps
reading and writing while a window is open (SQLite's own locking keeps that safe). The lock is
per open file, not per process: a second ``acquire_window_lock`` in the same process also gets
``None``. Its descriptor is not inherited by child processes.

``meipi restore`` takes the lock for the time of the restore, so it refuses while a window is
open ("close the Meipi window first") and no window opens half-way through it; a window that
restores from a backup itself does so under its own lock (``backup.restore``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from reader.digests import sha256_hex

SUFFIX = ".window-lock"
# Windows locks byte ranges and a locked range cannot be read by others: lock a byte far past
# the holder's note, so the note stays readable.
_LOCK_OFFSET = 1 << 20
ATTEMPTS = 3
RETRY_SECONDS = 0.02


# A NamedTuple, not a frozen dataclass: made as the window starts, where a frozen dataclass
# costs ~0.4 ms of compiling its generated methods.
class WindowHolder(NamedTuple):
    """The window that holds the lock: its process id and since when (ISO 8601 UTC), as far
    as it wrote them down (``None`` when not yet written)."""

    pid: int | None
    since: str | None


def lock_path(db_path: Path | str) -> Path:
    """``<db>.window-lock`` beside the database."""
    db = Path(db_path)
    return db.with_name(db.name + SUFFIX)


def _fallback_path(db_path: Path | str) -> Path:
    """Where the lock lives when the database's folder is not writable: named after the
    database's absolute path, in the temporary folder."""
    digest = sha256_hex(str(Path(db_path).absolute()).encode("utf-8"))[:24]
    return Path(tempfile.gettempdir()) / f"meipi-{digest}{SUFFIX}"


def window_channel(db_path: Path | str) -> str:
    """A name, stable for a database, for a local socket (``QLocalServer``) through which a
    second window can ask the first to come to the front."""
    digest = sha256_hex(str(Path(db_path).absolute()).encode("utf-8"))[:24]
    return f"meipi-window-{digest}"


def _open(path: Path, *, create: bool) -> int | None:
    """A descriptor of the lock file (read-write, or read-only when only that is allowed; a
    shared ``flock`` needs no write access), or None when it cannot be opened."""
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    with contextlib.suppress(OSError):
        return os.open(path, flags, 0o644)
    with contextlib.suppress(OSError):
        return os.open(path, os.O_RDONLY)
    return None


def _candidates(db_path: Path | str) -> list[Path]:
    """The lock files to use, in order: beside the database, then the fallback. A window uses
    the first it can open — and the fallback only when the database's folder cannot hold the
    lock, which is then true for every window on that database alike."""
    return [lock_path(db_path), _fallback_path(db_path)]


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        # A file system without locks: never refuse a window because of that.
        return True
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


class WindowLock:
    """The lock one window holds on one database: keep it for as long as the window is open
    and ``release()`` it when the window closes (forgetting it keeps the lock until the
    process ends, never less). ``held`` is False only when no lock file could be made at all
    (a window is not refused for that)."""

    def __init__(self, db_path: Path, path: Path, fd: int | None) -> None:
        self.db_path = db_path
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let another window open the database (safe to call twice)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> WindowLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"WindowLock({str(self.path)!r}, held={self.held})"


def _write_note(fd: int) -> None:
    """The holder's pid and start time, for the message another window shows."""
    # JSON written out by hand: a number and a timestamp need no escaping, and the window
    # takes its lock before its first paint, which then need not import json (~1.5 ms).
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    note = f'{{"pid": {os.getpid()}, "since": "{since}"}}'.encode("ascii")
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, note + b"\n")


def acquire_window_lock(db_path: Path | str) -> WindowLock | None:
    """Take the window lock of the database at ``db_path``: a :class:`WindowLock` to keep
    while the window is open, or ``None`` when another window (or a running ``meipi restore``)
    holds it — ask :func:`window_holder` who. Waits at most a few tens of milliseconds (so a
    passing :func:`window_holder` check is not mistaken for a window); never raises for an
    unusable folder (no lock can be taken there, and a window is not refused for it)."""
    db = Path(db_path)
    with contextlib.suppress(OSError):
        db.parent.mkdir(parents=True, exist_ok=True)
    for path in _candidates(db):
        fd = _open(path, create=True)
        if fd is None:
            continue
        for attempt in range(ATTEMPTS):
            if _try_lock(fd):
                _write_note(fd)
                return WindowLock(db, path, fd)
            if attempt < ATTEMPTS - 1:
                time.sleep(RETRY_SECONDS)
        os.close(fd)
        return None
    return WindowLock(db, lock_path(db), None)


def _read_note(path: Path) -> WindowHolder:
    import json  # only when another window holds the lock

    try:
        with path.open("rb") as fh:
            data = json.loads(fh.read(4096).decode("ascii"))
        pid = data.get("pid")
        since = data.get("since")
    except (OSError, ValueError, AttributeError):
        return WindowHolder(None, None)
    if not isinstance(pid, int) or not _alive(pid):
        # A note the holder could not write (a read-only lock file) is an earlier holder's.
        return WindowHolder(None, None)
    return WindowHolder(pid, since if isinstance(since, str) else None)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - no cheap check there; trust the note
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's process
    return True


def window_holder(db_path: Path | str) -> WindowHolder | None:
    """Who holds the window lock of the database at ``db_path``; ``None``: nobody (no window
    is open on it — any more: after a refused ``acquire_window_lock``, try again). Checks by
    trying the lock for an instant, so a stale file never fools it."""
    for path in _candidates(db_path):
        fd = _open(path, create=False)
        if fd is None:
            continue
        try:
            if _try_lock(fd):
                _unlock(fd)
                continue
        finally:
            os.close(fd)
        return _read_note(path)
    return None

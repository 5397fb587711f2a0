"""Writing an export: never onto what it must not replace, and all of it or nothing.

:func:`check_target` refuses (InputError, exit 2) the database, its -wal/-shm, its backups, a
folder, and anything that is not a regular file (a device, a pipe, a socket); an existing file
only with ``force``. It compares by ``stat`` (``reader.paths.protected_role``) and never opens
the database.

:func:`write_atomic` writes the content to a temporary file in the target's own directory (so
the rename cannot cross file systems), fsyncs it, then ``os.replace``s it over the target. An
existing file is replaced only when everything succeeded; on any failure the temporary file is
removed, the old file is untouched, and an :class:`EnvironmentFailure` (exit 1) says what went
wrong. The caller may word that advice (``advice``: an import says where its texts folder is).
With ``exclusive`` it never replaces anything: a target that exists, or appears while the
temporary file is written, is an :class:`InputError` and nothing is written (the temporary file
is hard-linked onto the target, which fails if the name is taken). New files get what the
user's umask gives; a replaced file keeps its permissions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from reader.errors import EnvironmentFailure, InputError
from reader.fsync import fsync_folder
from reader.paths import protected_role

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (reading it means setting it: done under a lock, restored at once)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


# What the system says when a folder takes no new file (/proc, /sys, some mounts): "No such
# file or directory" about a file that plainly exists reads as nonsense to a user.
_NO_NEW_FILES = (errno.ENOENT, errno.ENOTDIR, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP)


def _place_reason(exc: OSError, folder: Path, existed: bool) -> str:
    """Why the export could not be made in ``folder`` (the temporary file or the rename)."""
    if exc.errno in _NO_NEW_FILES:
        what = "it cannot be replaced there" if existed else "it cannot be written there"
        return f"the folder {folder} does not take new files, so {what}"
    return _reason(exc)


def _advice(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space or choose another place, then export again"
    return "choose a folder you can write to, then export again"


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(path: Path, *, db: Path | None, force: bool) -> None:
    """Refuse (InputError, nothing written) an export onto ``path`` when it is the database
    ``db``, one of its companion files or backups, not a regular file, or an existing file
    without ``force``."""
    path = Path(path)
    if db is not None:
        role = protected_role(path, db)
        if role is not None:
            raise InputError(
                f"{path} is {role}; an export never replaces it. Choose another file name."
            )
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # a new file (or an unreachable folder: write_atomic says which)
    kind = file_kind(mode)
    if kind == "a folder":
        raise InputError(f"{path} is a folder; give a file name to export to.")
    if kind is not None:
        raise InputError(
            f"{path} is {kind}, not a regular file; an export writes only to files. "
            "Choose a file name."
        )
    if not force:
        raise InputError(
            f"{path} already exists; nothing was written. Add --force to replace it, or "
            "choose another file name."
        )


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}
)


def _appeared(path: Path) -> InputError:
    return InputError(f"{path} already exists (it appeared meanwhile); nothing was written.")


def _link_new(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` only if ``path`` does not exist (FileExistsError otherwise)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: check, then rename (a narrow window remains).
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):
        tmp.unlink()  # the target is complete whether or not its second name goes


def write_atomic(
    path: Path,
    data: bytes | str,
    *,
    exclusive: bool = False,
    advice: Callable[[OSError], str] = _advice,
) -> None:
    """Replace ``path`` with ``data`` (text as UTF-8) atomically (EnvironmentFailure, no
    partial file, on error; its last words are ``advice(error)``).

    Refuses (InputError) a folder or a target that is not a regular file: ``os.replace`` would
    put a file where a device node or a pipe was. ``exclusive``: refuses (InputError) a target
    that exists or appears meanwhile, and never replaces it.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        mode: int | None = os.stat(path).st_mode
    except OSError:
        mode = None
    kind = file_kind(mode) if mode is not None else None
    if kind == "a folder":
        raise InputError(f"{path} is a folder; give a file name to export to.")
    if kind is not None:
        raise InputError(f"{path} is {kind}, not a regular file; an export writes only to files.")
    if exclusive and mode is not None:
        raise _appeared(path)
    existed = mode is not None
    folder = path.parent
    if not folder.is_dir():
        raise EnvironmentFailure(
            f"Cannot write {path}: the folder {folder} does not exist. Create it or choose "
            "another place."
        )
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        unchanged = " (the existing file is unchanged)" if existed else ""
        raise EnvironmentFailure(
            f"Cannot write {path}: {_place_reason(exc, folder, existed)}. Nothing was "
            f"written{unchanged}; {advice(exc)}."
        ) from None
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        keep = 0o666 & ~current_umask() if mode is None else mode & 0o777
        os.chmod(tmp, keep)
        if exclusive:
            _link_new(tmp, path)
        else:
            os.replace(tmp, path)
    except FileExistsError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _appeared(path) from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        unchanged = " (the existing file is unchanged)" if existed else ""
        raise EnvironmentFailure(
            f"Cannot write {path}: {_place_reason(exc, folder, existed)}. Nothing was "
            f"written{unchanged}; {advice(exc)}."
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(folder)

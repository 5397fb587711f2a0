"""Writing a file atomically: all of it, or nothing, and never a half-written export.

The content goes to a temporary file in the target's own directory (so the rename cannot cross
file systems), is flushed and fsynced, then ``os.replace``d over the target. An existing file is
replaced only when everything succeeded; on any failure the temporary file is removed and an
:class:`EnvironmentFailure` (exit 1) says what went wrong.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from reader.errors import EnvironmentFailure, InputError
from reader.fsync import fsync_folder


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return exc.strerror or str(exc)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (EnvironmentFailure, no partial file, on error)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name to export to.")
    folder = path.parent
    if not folder.is_dir():
        raise EnvironmentFailure(
            f"Cannot write {path}: the folder {folder} does not exist. Create it or choose "
            "another place."
        )
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
    except OSError:
        mode = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot write {path}: {_reason(exc)}. Choose a folder you can write to."
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise EnvironmentFailure(
            f"Cannot write {path}: {_reason(exc)}. Nothing was written; free some space or "
            "choose another place, then export again."
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(folder)

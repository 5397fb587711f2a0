"""Crash reports: a native crash (a segfault or abort in Qt, SQLite or Python itself) leaves the
Python stack of every thread in ``crash.log`` in the data directory, through ``faulthandler``.

``enable()`` is called once per process by the ``meipi`` entry point and the window. Each start
appends one line (time, version, pid, what was started), so a stack in the log can be told
apart from the starts that ended normally; the log is rotated to ``crash.log.1`` when it passes
``MAX_BYTES``. The file stays open for the life of the process on purpose (``faulthandler``
writes to its descriptor from a signal handler, where nothing can be opened); it is closed by
``atexit`` after ``faulthandler`` lets go of it, so no unclosed file is left at exit. Nothing
here may stop Meipi from starting: any failure leaves crash reports off.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import os
import time
from pathlib import Path
from typing import TextIO

LOG_NAME = "crash.log"
MAX_BYTES = 1 << 20

_handle: TextIO | None = None


def log_path() -> Path:
    from reader.paths import data_dir

    return data_dir() / LOG_NAME


def enable(what: str = "meipi") -> Path | None:
    """Send ``faulthandler``'s report of a fatal error to the crash log (idempotent). Returns
    the log's path, or None when it cannot be written (crash reports are then off)."""
    global _handle
    if _handle is not None:
        return Path(_handle.name)
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_size > MAX_BYTES:
                os.replace(path, path.with_name(LOG_NAME + ".1"))
        handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    except (OSError, ValueError):
        return None
    try:
        from reader import __version__

        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        what = "".join(c if c.isprintable() else "?" for c in what[:80])
        handle.write(f"{stamp} meipi {__version__} pid {os.getpid()} started: {what}\n")
        handle.flush()
        faulthandler.enable(file=handle, all_threads=True)
    except (OSError, ValueError, RuntimeError):
        handle.close()
        return None
    _handle = handle
    atexit.register(close)
    return path


def close() -> None:
    """Stop writing crash reports and close the log (registered with ``atexit``)."""
    global _handle
    handle, _handle = _handle, None
    if handle is None:
        return
    with contextlib.suppress(Exception):
        faulthandler.disable()
    with contextlib.suppress(OSError):
        handle.close()

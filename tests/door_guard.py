"""An audit-hook guard for the "one door" rule: once this process has called
``sqlite3.connect`` on a database, nothing in it may ``open()`` that database, its ``-wal`` or
its ``-shm`` (POSIX advisory locks belong to the process: closing any descriptor of the file
drops every lock SQLite holds on it, and other processes' commits are then lost).

Python's audit events say both: ``sqlite3.connect`` (the database, a path or a ``file:`` URI)
and ``open`` (any ``open()``/``io.open``/``os.open``). An audit hook cannot be removed, so one is
installed per process, on first use, and does nothing unless a guard is watching::

    with watching(db) as guard:
        ...                       # drive the window or the command line
    guard.assert_clean()          # fails with the stack of every forbidden open

SQLite's own opens happen in C and raise no ``open`` event: only Python's are seen.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

_lock = threading.Lock()
_installed = False
_active: DoorGuard | None = None
_inside = threading.local()


def _as_path(target: Any) -> str | None:
    """The absolute path a ``sqlite3.connect``/``open`` argument names, or None (a descriptor,
    ``:memory:``)."""
    if isinstance(target, int):
        return None
    try:
        text = os.fsdecode(target)
    except TypeError:
        return None
    if text.startswith("file:"):
        parts = urlsplit(text)
        text = unquote(parts.path)
    if not text or text == ":memory:":
        return None
    return os.path.realpath(text)


@dataclass
class DoorGuard:
    """Watches one database: ``connects`` counts ``sqlite3.connect`` calls on it,
    ``violations`` holds each ``open`` of it (or its logs) made after the first of them."""

    db: Path
    names: frozenset[str] = field(init=False)
    connects: int = 0
    opens_before: int = 0
    violations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        base = os.path.realpath(self.db)
        self.names = frozenset({base, base + "-wal", base + "-shm"})

    def _event(self, name: str, args: tuple[Any, ...]) -> None:
        if name == "sqlite3.connect":
            if _as_path(args[0]) == os.path.realpath(self.db):
                self.connects += 1
        elif name == "open":
            path = _as_path(args[0])
            if path is None or path not in self.names:
                return
            if self.connects == 0:
                self.opens_before += 1
                return
            stack = "".join(traceback.format_stack(limit=14)[:-3])
            self.violations.append(f"open({path!r}) after sqlite3.connect:\n{stack}")

    def assert_clean(self) -> None:
        assert self.connects > 0, "the guarded code never connected to the database"
        assert not self.violations, (
            f"{len(self.violations)} open() of the database or its logs while SQLite may hold "
            "locks on it (one door):\n" + "\n".join(self.violations[:5])
        )


def _hook(name: str, args: tuple[Any, ...]) -> None:
    guard = _active
    if guard is None or name not in ("open", "sqlite3.connect"):
        return
    if getattr(_inside, "busy", False):  # the guard's own opens (tracebacks read sources)
        return
    _inside.busy = True
    try:
        guard._event(name, args)
    finally:
        _inside.busy = False


@contextmanager
def watching(db: Path, *, connected: bool = False) -> Iterator[DoorGuard]:
    """Guard ``db`` for the block (every thread of the process). ``connected``: start as if
    a connection were already open (the caller holds one)."""
    global _installed, _active
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
        assert _active is None, "one guard at a time"
        guard = DoorGuard(db)
        guard.connects = 1 if connected else 0
        _active = guard
    try:
        yield guard
    finally:
        _active = None

"""The annotation store: one SQLite file (SQLAlchemy 2), no Qt.

``db`` opens, refuses and upgrades the file and runs every write in ``BEGIN IMMEDIATE``;
the operations a user action performs are one module per table family: ``documents``,
``tags``, ``annotations``, ``bulk`` (thousands at once), ``glossary`` and ``themes`` (colour
meanings and theme memos), over ``common`` (what they share); ``anchoring`` re-anchors
annotations when a text changed; ``backup`` makes and restores verified backups;
``window_lock`` keeps one window per database (``reader.bench.store_timing`` measures the
store for ``meipi bench``).
``sqlite_file`` holds what needs no SQLAlchemy (the schema steps, the checks that refuse a file,
SQLite's errors in words, the watcher; ``db`` re-exports it), ``records`` the plain values every
read returns, and ``quick`` the window's first read through plain ``sqlite3`` (the same checks
and records as ``open_store`` and ``annotations.list_annotations``, read-only), so a window is
fully ready before SQLAlchemy is imported (issue 10).

``Store`` and ``open_store`` are loaded on first use, so importing ``reader.store.window_lock``
(which a window checks before anything else) does not import SQLAlchemy.
"""

# (No ``from __future__ import annotations`` here: mypy would take it for the submodule
# ``reader.store.annotations``.)
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.store.db import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reader.store import db

        return getattr(db, name)
    raise AttributeError(f"module 'reader.store' has no attribute {name!r}")

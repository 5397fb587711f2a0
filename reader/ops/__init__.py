"""The use cases, once: what the command line and the window do to the store.

Each function takes an open :class:`reader.store.Store` and plain values, opens its own
transaction (``store.writing()`` for a change, ``store.reading()`` for a read) and returns
plain records (``reader.store.records``), never a session or an ORM row. The command line
(``reader.commands``) and the window (``reader.ui``, through its one writer in
``reader.ui.window.services``) both call these; neither opens a transaction of its own.

* :mod:`reader.ops.annotations` — annotate, edit, delete, restore (undo, import), list, find by
  id prefix, re-anchor changed texts.
* :mod:`reader.ops.tags` — list, rename, merge, delete, colour/description, undo of a change.
* :mod:`reader.ops.glossary` — read, add and remove entries.
* :mod:`reader.ops.notes` — colour meanings and theme memos.
* :mod:`reader.ops.exporting` — what an export reads (``source_from_store``), importing a
  ``--format json`` export (``import_records``).
* :mod:`reader.ops.backup` — backup, list, verify, restore (thin over ``reader.store.backup``).
* :func:`write` / :func:`read` — one transaction around a caller's own store functions (for the
  few window features not yet moved to a use case above).
"""

# (No ``from __future__ import annotations`` here: it would shadow the submodule
# ``reader.ops.annotations``.)
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from reader.store import Store

T = TypeVar("T")


def write(store: "Store", action: Callable[[Any], T]) -> T:
    """Run ``action(session)`` in one write transaction (all of it, or nothing)."""
    with store.writing() as s:
        return action(s)


def read(store: "Store", action: Callable[[Any], T]) -> T:
    """Run ``action(session)`` in one read transaction."""
    with store.reading() as s:
        return action(s)

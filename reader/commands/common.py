"""What every command that reads or writes annotations shares: the store for one command, the
texts re-anchored first, and the user's glossary. The work itself is in ``reader.ops``."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from reader.cli import Context
from reader.glossary import EMPTY, Glossary
from reader.ops import annotations as annotation_ops
from reader.ops import glossary as glossary_ops
from reader.store import Store, open_store


@contextlib.contextmanager
def opened(ctx: Context, *, create: bool) -> Iterator[Store]:
    """The store for one command; closing it may make the daily backup."""
    store = open_store(ctx.db, create=create)
    try:
        yield store
    finally:
        warning = store.close()
        if warning:
            print(f"meipi: warning: {warning}", file=ctx.stderr)


def sync_texts(store: Store, ctx: Context) -> None:
    """Re-anchor the annotations of every text that changed since they were made."""
    synced = annotation_ops.sync_texts(store, ctx.library())
    if synced.read_only_stale:
        names = ", ".join(synced.read_only_stale)
        print(
            f"meipi: warning: the text of {names} changed since it was annotated; the "
            "database is read-only, so positions were not updated.",
            file=ctx.stderr,
        )
    for doc_id, count in synced.orphans.items():
        print(
            f"meipi: the text of {doc_id} changed; {count} "
            "annotation(s) could not be placed again and are kept as orphans "
            '("orphaned": true).',
            file=ctx.stderr,
        )


def load_glossary(ctx: Context) -> Glossary:
    """The user's glossary (empty when there is no database yet; none is created)."""
    if not ctx.db.exists():
        return EMPTY
    with opened(ctx, create=False) as store:
        return glossary_ops.load(store)

"""What every command that reads or writes annotations shares: the store for one command, the
texts re-anchored first, and the user's glossary. The work itself is in ``reader.ops``."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.cli import Context
from reader.errors import visible
from reader.glossary import EMPTY, Glossary
from reader.wording import counted

if TYPE_CHECKING:
    from reader.store import Store

# The store (SQLAlchemy) is imported when a command opens it: the read-only commands read
# through reader.ops.reading and never import it (issue 22).


@contextlib.contextmanager
def opened(ctx: Context, *, create: bool) -> Iterator[Store]:
    """The store for one command; closing it may make the daily backup."""
    from reader.store import open_store

    store = open_store(ctx.db, create=create)
    try:
        yield store
    finally:
        warning = store.close()
        if warning:
            print(f"meipi: warning: {warning}", file=ctx.stderr)


def shown_tags(tags: tuple[str, ...] | list[str]) -> str:
    """Tags for people as they are stored (the spelling kept, ``#`` and spaces included),
    separated by commas as the window's tag field takes them; terminal controls escaped."""
    return ", ".join(visible(t, keep="") for t in tags)


def sync_texts(store: Store, ctx: Context) -> None:
    """Re-anchor the annotations of every text that changed since they were made."""
    from reader.ops import annotations as annotation_ops

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
            f"meipi: the text of {doc_id} changed; {counted(count, 'annotation')} "
            f"could not be placed again and {'is' if count == 1 else 'are'} kept as orphans "
            '("orphaned": true).',
            file=ctx.stderr,
        )


def load_glossary(ctx: Context) -> Glossary:
    """The user's glossary (empty when there is no database yet; none is created)."""
    if not ctx.db.exists():
        return EMPTY
    from reader.ops import reading

    with reading.reading(ctx.db, reading.GLOSSARY_TABLES) as reader:
        if reader is not None:
            return reading.glossary(reader)
    from reader.ops import glossary as glossary_ops

    with opened(ctx, create=False) as store:  # an older schema: the store upgrades it
        return glossary_ops.load(store)

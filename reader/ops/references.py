"""Use cases for citing: a text's citekey (the user's, else the generated one) and the
settings the exports read (``creator``, ``bibliography``). Plain values in and out, one
transaction each; the command line and the window both call these."""

from __future__ import annotations

from collections.abc import Sequence

from reader.documents import Document
from reader.export.citekeys import citekeys
from reader.store import Store
from reader.store import settings as stored


def citekey_of(store: Store | None, doc: Document, library: Sequence[Document]) -> str:
    """The citekey exports give ``doc``: the stored one, else the generated one."""
    keys: dict[str, str] = {}
    if store is not None:
        with store.reading() as s:
            keys = stored.citekeys(s)
    return citekeys(library, keys)[doc.id]


def stored_citekey(store: Store | None, doc: Document) -> str | None:
    """The key the user set for ``doc`` (None: it has the generated one)."""
    if store is None:
        return None
    with store.reading() as s:
        return stored.citekeys(s).get(doc.id)


def set_citekey(store: Store, doc: Document, key: str | None) -> None:
    """Store the user's citekey (None or empty: back to the generated one). InputError for a
    key Pandoc cannot read or another text's key."""
    with store.writing() as s:
        stored.set_citekey(s, doc, key)


def setting(store: Store | None, key: str) -> str | None:
    if store is None:
        return None
    with store.reading() as s:
        return stored.get_setting(s, key)


def set_setting(store: Store, key: str, value: str | None) -> None:
    with store.writing() as s:
        stored.set_setting(s, key, value)

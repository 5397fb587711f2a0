"""Use cases for citing: a text's citekey (the user's, else the one it was given when it
entered the library, kept for good: ``give_citekey``) and the
settings the exports read (``creator``, ``bibliography``). Plain values in and out, one
transaction each; the command line and the window both call these."""

from __future__ import annotations

from collections.abc import Sequence

from reader.documents import Document
from reader.export.citekeys import citekeys, new_citekey
from reader.store import Store
from reader.store import settings as stored


def citekey_of(store: Store | None, doc: Document, library: Sequence[Document]) -> str:
    """The citekey exports give ``doc``: the kept one (the user's, else the one it was given
    when it entered the library), else the one earlier versions generated over ``library``."""
    keys: dict[str, str] = {}
    if store is not None:
        with store.reading() as s:
            keys = stored.kept_citekeys(s)
    ids = {d.id for d in library}
    return citekeys([*library, *([] if doc.id in ids else [doc])], keys)[doc.id]


def given_citekey(store: Store | None, doc: Document, library: Sequence[Document]) -> str:
    """The key Meipi gave ``doc`` (the one exports use when the user sets none of their own)."""
    keys: dict[str, str] = {}
    if store is not None:
        with store.reading() as s:
            keys = stored.kept_citekeys(s)
            keys.pop(doc.id, None)
            generated = stored.generated_citekeys(s).get(doc.id)
            if generated:
                keys[doc.id] = generated
    ids = {d.id for d in library}
    return citekeys([*library, *([] if doc.id in ids else [doc])], keys)[doc.id]


def stored_citekey(store: Store | None, doc: Document) -> str | None:
    """The key the user set for ``doc`` (None: it has the generated one)."""
    if store is None:
        return None
    with store.reading() as s:
        return stored.citekeys(s).get(doc.id)


def keep_citekeys(store: Store, library: Sequence[Document]) -> None:
    """Keep, for good, the key every text of ``library`` without a kept key has had so far
    (one write): before a text is removed or its details are changed, which would
    change the keys earlier versions generated over the library (a removed twin took its
    letter with it, a changed author changed the key). A read-only database keeps nothing
    (as ``meipi import`` there): the removal or the change still goes ahead."""
    with store.reading() as s:
        kept = stored.kept_citekeys(s)
    if store.read_only or all(kept.get(d.id) for d in library):
        return
    with store.writing() as s:
        kept = stored.kept_citekeys(s)
        # A key given to a text whose user has set their own is still that text's (it comes
        # back when theirs is cleared), so no other text may be given it.
        current = citekeys(library, kept, stored.generated_citekeys(s).values())
        stored.keep_generated_citekeys(s, {k: v for k, v in current.items() if k not in kept})


def give_citekey(store: Store, library: Sequence[Document], doc: Document) -> str:
    """Give ``doc``, entering a library that held ``library`` (the texts before it was saved),
    its citekey for good (one transaction): first every text of ``library`` without a kept key
    keeps the key its exports have given it so far (a replaced text too), then ``doc``, when
    it is new, gets one that no other text has, Better BibTeX's letter at the end when needed.
    Returns its key."""
    with store.writing() as s:
        kept = stored.kept_citekeys(s)
        # Given keys hidden by the user's own are still taken (see keep_citekeys).
        given = set(stored.generated_citekeys(s).values())
        current = citekeys(library, kept, given)  # a replaced text keeps the key it had
        stored.keep_generated_citekeys(s, {k: v for k, v in current.items() if k not in kept})
        if kept.get(doc.id):  # the user's own key (--citekey), or a replaced text's
            return kept[doc.id]
        if doc.id in current:
            return current[doc.id]
        key = new_citekey(doc.meta, {*current.values(), *kept.values(), *given})
        stored.keep_generated_citekeys(s, {doc.id: key})
        return key


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

"""The user's glossary: equivalences for search, phrases kept unconverted, own conversions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.errors import InputError
from reader.glossary import Glossary
from reader.store import glossary as store_glossary

if TYPE_CHECKING:
    from reader.store import Store

KINDS = ("keep", "convert", "same")


def load(store: Store) -> Glossary:
    with store.reading() as s:
        return store_glossary.load_glossary(s)


def add_equivalence(store: Store, a: str, b: str) -> bool:
    """Declare two spellings one name; False when already declared."""
    with store.writing() as s:
        return store_glossary.add_equivalence(s, a, b)


def add_keep(store: Store, phrase: str) -> bool:
    """Never convert ``phrase``; False when already kept."""
    with store.writing() as s:
        return store_glossary.add_keep(s, phrase)


def add_conversion(store: Store, original: str, replacement: str) -> None:
    with store.writing() as s:
        store_glossary.add_conversion(s, original, replacement)


def add_entry(store: Store, kind: str, phrase: str, other: str = "") -> bool:
    """Add a ``keep``, ``convert`` or ``same`` entry (as the Glossary dialog lists them)."""
    if kind == "keep":
        return add_keep(store, phrase)
    if kind == "convert":
        add_conversion(store, phrase, other)
        return True
    if kind == "same":
        return add_equivalence(store, phrase, other)
    raise InputError(f"Unknown kind of glossary entry {kind!r} ({', '.join(KINDS)}).")


def drop(store: Store, entry: str) -> list[str]:
    """Remove what ``entry`` names (a kept phrase, a conversion's original, an equivalence as
    ``A=B`` or by either spelling); descriptions of what was removed."""
    with store.writing() as s:
        return store_glossary.drop_glossary_entry(s, entry)


def remove_entries(store: Store, entries: Iterable[tuple[str, str, str]]) -> None:
    """Remove entries given as ``(kind, phrase, other)``, in one transaction."""
    with store.writing() as s:
        for kind, phrase, other in entries:
            if kind == "keep":
                store_glossary.remove_keep(s, phrase)
            elif kind == "convert":
                store_glossary.remove_conversion(s, phrase)
            else:
                store_glossary.drop_glossary_entry(s, f"{phrase}={other}")


def remove_conversion(store: Store, original: str) -> bool:
    with store.writing() as s:
        return store_glossary.remove_conversion(s, original)

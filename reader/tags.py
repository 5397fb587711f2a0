"""The tag rules, once: how a tag is spelled when stored, its identity, nesting, and matching.

Every part of Meipi that stores, filters or groups tags asks this module: the store (and its
SQL), the sidebar's filter, ``meipi annotations --tag``, every export's ``--tag``, the theme
memos. So ``地區 / 中亞``, ``地区/中亚`` and ``地區／中亞`` are one tag everywhere.

* :func:`clean` — the stored spelling: ``/`` (or the full-width ``／``) separates levels, blanks
  around a level and empty levels are dropped (InputError when nothing is left).
* :func:`key` — the identity: the cleaned spelling folded (``reader.folding.fold_key``: width,
  case, Traditional/Simplified), so 中亚 is the tag 中亞 and Energy is energy.
* :func:`filter_key` — a filter as typed (None when it names no tag at all).
* :func:`matches` — a parent includes its children: ``地區`` matches ``地區/中亞``.
* :func:`parents` — a key and the keys of its parents (``a``, ``a/b``, ``a/b/c``).
* :func:`is_child` — ``child`` lies under ``parent`` (not the same key).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from reader.errors import InputError
from reader.folding import fold_key

SEPARATOR = "/"
_SPLIT = re.compile(r"[/／]")


@functools.lru_cache(maxsize=4096)
def clean(spelling: str) -> str:
    """A tag as it will be stored (InputError when the spelling has no character left)."""
    parts = [p.strip() for p in _SPLIT.split(spelling)]
    parts = [p for p in parts if p]
    if not parts:
        raise InputError(f"{spelling!r} is not a tag: a tag needs at least one character.")
    return SEPARATOR.join(parts)


@functools.lru_cache(maxsize=4096)
def key(spelling: str) -> str:
    """The identity of a tag: its cleaned spelling, folded."""
    return fold_key(clean(spelling))


def key_of_stored(name: str) -> str:
    """The key of a tag as a record carries it (stored clean; an unclean one cleaned first)."""
    try:
        return key(name)
    except InputError:
        return fold_key(name)


def filter_key(spelling: str) -> str | None:
    """The key a filter ``--tag SPELLING`` looks for; None when it names no tag."""
    try:
        return key(spelling)
    except InputError:
        return None


def filter_keys(spellings: Iterable[str]) -> frozenset[str]:
    """The keys of several filters (those naming no tag are left out)."""
    return frozenset(k for k in (filter_key(s) for s in spellings) if k is not None)


def matches(tag_key: str, wanted: Iterable[str]) -> bool:
    """True when ``tag_key`` is one of the ``wanted`` keys or a child of one."""
    return any(tag_key == w or tag_key.startswith(w + SEPARATOR) for w in wanted)


def is_child(child: str, parent: str) -> bool:
    """``child`` (a key) lies under ``parent`` (a key), at any depth."""
    return child.startswith(parent + SEPARATOR)


def parents(tag_key: str) -> list[str]:
    """The key itself and each of its parents' keys, outermost first."""
    parts = tag_key.split(SEPARATOR)
    return [SEPARATOR.join(parts[: i + 1]) for i in range(len(parts))]


def any_matches(tag_names: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether any of an annotation's stored tags matches the ``wanted`` keys."""
    keys = list(wanted)
    return any(matches(key_of_stored(t), keys) for t in tag_names)

"""Tags as Obsidian accepts them, and the mapping back to the user's spelling.

Obsidian reads ``#name`` as a tag only when ``name`` is made of Unicode letters and digits,
``_``, ``-`` and ``/`` (for nesting), and is not all digits. Meipi's tags are free text, so the
Markdown exports write each tag through this mapping (PRODUCT: "a documented, reversible
mapping"):

1. white space at either end is dropped, and every run of white space inside becomes ``-``
   (``中俄 關係`` → ``中俄-關係``);
2. every run of other characters that Obsidian does not accept becomes ``-`` (``C++`` → ``C-``,
   ``中俄（雙邊）`` → ``中俄-雙邊-``; ``a.b`` → ``a-b``);
3. ``/`` keeps nesting, but empty levels are dropped (``/a//b/`` → ``a/b``); a level never
   starts with ``-`` (``#hash`` → ``hash``); a ``_`` that is not between two letters or digits
   becomes ``-`` too (``_i_`` → ``i-``, ``a/_b`` → ``a/b``), so no Markdown reads emphasis;
4. a tag of digits only gets a ``_`` after it (``2014`` → ``2014_``); a tag with nothing left
   is ``tag``;
5. two different tags that come out the same in one export (Obsidian ignores case) are told
   apart by ``-2``, ``-3`` … in the order they first appear.

The export's front matter keeps the way back: ``meipi-tags: {mapped: original}`` for every tag
whose mapped name differs from what the user typed, so the mapping is reversible.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from reader.folding import fold_key

_SPACE = re.compile(r"\s+")
# Python's \w is Unicode letters, digits and "_": what Obsidian accepts, besides "-" and "/".
_NOT_TAG = re.compile(r"[^\w/-]+")
_LONE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
FALLBACK = "tag"


@functools.lru_cache(maxsize=4096)
def obsidian_tag(tag: str) -> str:
    """The tag as an Obsidian tag name (without the ``#``); see the module's rules."""
    name = unicodedata.normalize("NFC", tag).strip()
    name = _SPACE.sub("-", name)
    name = _NOT_TAG.sub("-", name)
    # "_" next to anything but a letter or digit could open emphasis ("#_i_", "#a-_i_" read as
    # <em>i</em> in CommonMark): there it becomes "-".
    name = _LONE_UNDERSCORE.sub("-", name)
    levels = [level.lstrip("-") for level in name.split("/")]
    name = "/".join(level for level in levels if level)
    if not name:
        return FALLBACK
    if all(c.isdigit() or c.isnumeric() or c == "/" for c in name):
        name += "_"
    return name


class TagNames:
    """The mapped names of the tags of one export, unique (ignoring case) within it."""

    def __init__(self, tags: Iterable[str] = ()) -> None:
        self._by_key: dict[str, str] = {}
        self._original: dict[str, str] = {}
        self._taken: set[str] = set()
        self._by_spelling: dict[str, str] = {}  # the answers, by exact spelling (asked often)
        for tag in tags:
            self.name(tag)

    def name(self, tag: str) -> str:
        """The Obsidian name of ``tag`` (a spelling of a known tag gets the same name)."""
        known = self._by_spelling.get(tag)
        if known is not None:
            return known
        self._by_spelling[tag] = name = self._name(tag)
        return name

    def _name(self, tag: str) -> str:
        key = fold_key(tag)
        found = self._by_key.get(key)
        if found is not None:
            return found
        base = obsidian_tag(tag)
        name = base
        number = 1
        while name.casefold() in self._taken:
            number += 1
            name = f"{base}-{number}"
        self._taken.add(name.casefold())
        self._by_key[key] = name
        self._original[name] = tag
        return name

    def names(self) -> list[str]:
        """Every mapped name, in the order the tags first appeared."""
        return list(self._original)

    def reverse_map(self) -> dict[str, str]:
        """``{mapped: original}`` for every tag whose mapped name is not what the user typed."""
        return {name: tag for name, tag in self._original.items() if name != tag}

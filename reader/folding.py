"""Folding for matching: NFKC (width), case folding, and character-level script folding
(Traditional and Simplified characters fold to one form, using OpenCC's own character tables).

``fold_key`` is the identity of a tag (中亞 = 中亚, Energy = energy).

``fold_text`` is what search matches on: the same rule applied to each *unit* of a text (a
character with the combining marks that follow it), with horizontal whitespace and invisible
format characters dropped, and an offset map from every folded character back to the unit it came
from. Folding changes lengths (``…`` → ``...``, ``ﬁ`` → ``fi``, a space → nothing), so the map is
what turns a hit in the folded text back into a range of the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from itertools import accumulate, chain, repeat
from pathlib import Path
from typing import Final


@functools.cache
def _char_map() -> dict[str, str]:
    """Traditional -> Simplified, one character to one character (first candidate), and the
    radicals of the CJK Radicals Supplement to their ideographs."""
    # Found without importing opencc: the window folds tags and quotes while showing 原文,
    # before any converter is needed (startup budget, issue 10).
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    origin = spec.origin if spec is not None else None
    if origin is None:
        raise ModuleNotFoundError("opencc is not installed")
    folder = Path(origin).resolve().parent / "dictionary"
    table: dict[str, str] = {}
    for name in ("TSCharacters.txt",):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            target = values.split(" ")[0] if values else ""
            if len(key) == 1 and len(target) == 1 and key != target:
                table.setdefault(key, target)
    # The CJK Radicals Supplement's forms some PDF producers write for ideographs (⻓ for 长):
    # NFKC folds the Kangxi Radicals (⽇ → 日) but not these.
    from reader.radicals import table as radical_table

    for code, ideograph in radical_table().items():
        if code < 0x2F00:
            table.setdefault(chr(code), ideograph)
    # Resolve chains (a variant that maps to a traditional form that maps on).
    for key, value in list(table.items()):
        seen = {key}
        while value in table and value not in seen:
            seen.add(value)
            value = table[value]
        table[key] = value
    return table


def fold_char(ch: str) -> str:
    """One character folded: NFKC, case folding, script folding (may be several characters)."""
    table = _char_map()
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        out.append(table.get(c, c))
    return "".join(out)


def fold_key(text: str) -> str:
    """The folded identity of a tag or query: NFKC, case folding, script folding."""
    table = _char_map()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", text).casefold())


@functools.cache
def _char_table() -> dict[int, str]:
    return {ord(k): v for k, v in _char_map().items()}


def fold_keys(texts: list[str]) -> list[str]:
    """``fold_key`` of each text, folded together in one pass (thousands of sidebar rows)."""
    if not texts:
        return []  # (the table is not built for nothing: 1 MB, ~9 ms of a window's start)
    joined = "\0".join(texts)
    folded = unicodedata.normalize("NFKC", joined).casefold().translate(_char_table())
    parts = folded.split("\0")
    if len(parts) != len(texts):  # a text held the separator: one by one
        return [fold_key(t) for t in texts]
    return parts


# ---------------------------------------------------------------------------------------------
# Folding with an offset map (search)


def _dropped(c: str) -> bool:
    """Characters search ignores: horizontal whitespace and invisible format characters
    (soft hyphen, zero-width space/joiner, BOM, variation selectors). ``\\n`` separates blocks
    and is kept, so a query never runs from one block into the next."""
    if c == "\n":
        return False
    if c.isspace():
        return True
    category = unicodedata.category(c)
    if category == "Cf":
        return True
    code = ord(c)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or code == 0x180B


def _attaches(c: str) -> bool:
    """Whether ``c`` belongs to the unit of the character before it (NFKC may compose them)."""
    code = ord(c)
    return unicodedata.combining(c) != 0 or 0x1160 <= code <= 0x11FF


@functools.cache
def _attaching_pattern() -> re.Pattern[str]:
    """Any character for which ``_attaches`` holds (combining marks live below U+20000)."""
    codes = [c for c in range(0x20000) if _attaches(chr(c))]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    body = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]")


def fold_string(text: str) -> str:
    """``fold_text(text).text`` without the map (cheaper for many short strings)."""
    if _attaching_pattern().search(text):
        return fold_text(text).text
    return "".join(map(fold_unit, text))


def _fold_unit_uncached(unit: str) -> str:
    table = _char_map()
    out = []
    for c in unicodedata.normalize("NFKC", unit).casefold():
        c = table.get(c, c)
        if not _dropped(c):
            out.append(c)
    return "".join(out)


_UNIT_CACHE: dict[str, str] = {}


def fold_unit(unit: str) -> str:
    """The folded form of one unit (a character, or a character and its combining marks)."""
    folded = _UNIT_CACHE.get(unit)
    if folded is None:
        folded = _fold_unit_uncached(unit)
        if len(unit) == 1:
            _UNIT_CACHE[unit] = folded
    return folded


class Folded:
    """A folded text and its map back to the text it was folded from.

    ``starts[i]``/``ends[i]`` are the source range of the unit that produced folded character
    ``i``; several folded characters may share one unit (``…`` → ``...``) and a unit may produce
    none (a space).

    A plain class, its fields final (the window folds as it gets ready, where a frozen
    dataclass cost ~0.6 ms to create); equal only to itself, as before.
    """

    __slots__ = ("ends", "offsets", "simple", "source_length", "starts", "text")

    def __init__(
        self,
        text: str,
        source_length: int,
        starts: array[int],
        ends: array[int],
        simple: bool = False,
        offsets: array[int] | None = None,
    ) -> None:
        self.text: Final = text
        self.source_length: Final = source_length
        self.starts: Final = starts
        self.ends: Final = ends
        # No unit gives more than one folded character: every folded range is aligned.
        self.simple: Final = simple
        # The other way: offsets[p] is the first folded character of a unit starting at or
        # after source offset p (length source_length + 1).
        self.offsets: Final = offsets if offsets is not None else array("i")

    def __len__(self) -> int:
        return len(self.text)

    def aligned(self, start: int, end: int) -> bool:
        """Whether folded ``[start, end)`` begins and ends on unit boundaries (a query that
        matched half of ``ﬁ`` or of ``…`` did not match a whole character of the source)."""
        if start >= end:
            return False
        starts = self.starts
        if start > 0 and starts[start - 1] == starts[start]:
            return False
        return not (end < len(self.text) and starts[end] == starts[end - 1])

    def to_folded(self, start: int, end: int) -> tuple[int, int]:
        """The folded range of the source range ``[start, end)`` (units starting inside it)."""
        return self.offsets[start], self.offsets[end]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source range of the non-empty folded range ``[start, end)``."""
        return self.starts[start], self.ends[end - 1]


class _FoldTable(dict[int, str]):
    """Code point -> the folded form of that one character, for ``str.translate``: a character
    is folded the first time a text holds it. One whose fold is not exactly one character (a
    space folds to nothing, ``…`` to ``...``), or that attaches to the character before it (a
    combining mark: the text is then folded by units), is recorded in ``_IRREGULAR``."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        folded = fold_unit(c)
        if _attaches(c):
            _IRREGULAR[c] = -1
        elif len(folded) != 1:
            _IRREGULAR[c] = len(folded)
        self[code] = folded
        return folded


_TABLE = _FoldTable()
# character -> its folded length, or -1 for a character that attaches to the one before it
_IRREGULAR: dict[str, int] = {}
# The pattern finding the irregular characters known so far, and how many it knows.
_irregular_pattern: tuple[int, re.Pattern[str] | None] = (0, None)
# 0, 1, 2, …: folded maps are slices of it (a slice is a copy at C speed; a map built one
# number at a time costs a millisecond per 12,000 characters). Made when first folded: the
# window imports this module before it is fully ready, and folds nothing by then (~3 ms).
_identity = array("i")


def counting(n: int) -> array[int]:
    """0, 1, 2, … up to at least ``n`` (shared: never change it; slice it)."""
    global _identity
    identity = _identity
    if len(identity) <= n:
        identity = _identity = array("i", range(max(n + 1, 2 * len(identity), 1 << 16)))
    return identity


def _irregular_in(text: str) -> list[tuple[int, int]]:
    """(offset, folded length) of each character of ``text`` whose fold is not one character
    (-1: a character that attaches to the one before it), once ``text`` went through
    ``_TABLE``."""
    global _irregular_pattern
    lengths = _IRREGULAR
    if len(text) < 256:  # a query, a tag, a word: no pattern compiled for it
        return [(i, lengths[c]) for i, c in enumerate(text) if c in lengths]
    count, pattern = _irregular_pattern
    if count != len(lengths):
        known = sorted(lengths)
        pattern = re.compile("[" + "".join(re.escape(c) for c in known) + "]") if known else None
        _irregular_pattern = (len(known), pattern)
    if pattern is None:
        return []
    return [(m.start(), lengths[m.group()]) for m in pattern.finditer(text)]


def fold_text(text: str) -> Folded:
    """Fold ``text`` for matching and keep the offset map (see the module docstring)."""
    n = len(text)
    folded = text.translate(_TABLE)
    irregular = _irregular_in(text)
    if any(size < 0 for _, size in irregular):
        return _fold_by_units(text)
    identity = counting(n + 1)
    if not irregular:
        every = identity[: n + 1]
        return Folded(folded, n, every[:n], every[1:], True, every)
    if all(size == 0 for _, size in irregular):
        # Characters fold to one character or to nothing (spaces): the maps are runs of
        # consecutive numbers between the dropped characters, each a slice of ``_identity``.
        starts, ends, offsets = array("i"), array("i"), array("i")
        begin = 0
        for dropped, (at, _) in enumerate(irregular):
            starts += identity[begin:at]
            ends += identity[begin + 1 : at + 1]
            offsets += identity[begin - dropped : at + 1 - dropped]
            begin = at + 1
        starts += identity[begin:n]
        ends += identity[begin + 1 : n + 1]
        offsets += identity[begin - len(irregular) : n + 1 - len(irregular)]
        return Folded(folded, n, starts, ends, True, offsets)
    # Per source character, how many folded characters it gives (NFKC expands at most 18).
    lengths = bytearray(b"\x01") * n
    for at, size in irregular:
        lengths[at] = size
    offsets = array("i", accumulate(lengths, initial=0))
    starts = array("i", chain.from_iterable(map(repeat, range(n), lengths)))
    ends = array("i", chain.from_iterable(map(repeat, range(1, n + 1), lengths)))
    return Folded(folded, n, starts, ends, max(lengths) <= 1, offsets)


def _fold_by_units(text: str) -> Folded:
    """The general case: combining marks fold together with the character they follow."""
    n = len(text)
    pieces: list[str] = []
    starts = array("i")
    ends = array("i")
    offsets = array("i")
    simple = True
    at = 0
    i = 0
    while i < n:
        j = i + 1
        while j < n and _attaches(text[j]):
            j += 1
        out = fold_unit(text[i:j])
        offsets.append(at)
        at += len(out)
        offsets.extend(repeat(at, j - i - 1))
        if out:
            simple = simple and len(out) == 1
            pieces.append(out)
            starts.extend(repeat(i, len(out)))
            ends.extend(repeat(j, len(out)))
        i = j
    offsets.append(at)
    return Folded("".join(pieces), n, starts, ends, simple, offsets)


def fold_query(query: str) -> str:
    """A query folded like the text it is matched against; line breaks are ignored too."""
    folded = query.translate(_TABLE)  # what fold_text gives, unless a character attaches
    if any(_IRREGULAR.get(c) == -1 for c in query):
        folded = fold_text(query).text
    return folded.replace("\n", "")

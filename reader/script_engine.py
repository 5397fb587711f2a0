"""The matcher behind the script views: opencc-python-reimplemented 0.1.7's output, with offsets.

``reader.script`` is the public face (views, maps, substitutions, glossary, cache); this module
only reproduces the library's conversion and says, for every stretch of the output, which stretch
of the input it came from.

What the library does (``opencc/opencc.py`` 0.1.7, pinned by ``tests/test_script.py``):

* ``convert`` splits the text with ``split_chars_re`` (whitespace runs and a fixed list of
  punctuation); separators are copied, every chunk between them is converted on its own.
* A configuration is a chain of *stages*; a stage is a *group* of dictionaries (a lone dictionary
  is a group of one). Each stage converts the whole chunk, which is then glued back into a plain
  string for the next stage (so a later stage re-segments what an earlier one produced).
* Within a group, the first dictionary is applied to the chunk: the longest key occurring anywhere
  in it is replaced (leftmost among equally long ones), then the same is done to the text left and
  right of it, recursively, until nothing matches. Text no key of that dictionary matched goes to
  the next dictionary of the group, and so on. Replaced text is never looked at again in that
  stage. A value with several candidates ("a b") gives its first.

The recursive longest-first search is the same as greedily accepting every occurrence of a key in
the order (length descending, position ascending) unless it overlaps one accepted before; and
because no key contains a separator (pinned by the tests; checked here, with an exact fallback),
chunks need not be cut out at all: the whole text is processed at once. Per dictionary an
Aho-Corasick automaton (``ahocorasick_rs``, in compiled code) finds every occurrence of its keys
of two or more characters, overlapping ones included, in one call; only a run of overlapping
occurrences is resolved in Python. Single-character keys are applied to the whole text at once:
the few characters of a variants table are found by a regular expression, a full character
table goes through ``str.translate``.

The result of a stage is a list of *blocks* ``(in_start, in_end, out_start, out_end)`` for every
replacement that is not one character to one character; everything between blocks maps one to
one. Stages compose by merging blocks that overlap in the intermediate text: the composed blocks
are the smallest spans whose conversion does not depend on what surrounds them (see
``reader.script`` for why converting a range of whole segments alone gives the same text).

Over 600 lines as one job: reproducing one library's conversion with offsets; the fast matcher
and the slow reference it is checked against (``reference_convert``) must read the same
dictionary data and block rules, so they stay side by side.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import threading
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice
from operator import add, ge, itemgetter, le, sub

import opencc
from ahocorasick_rs import AhoCorasick, Implementation, MatchKind
from opencc.opencc import OpenCC

LIBRARY_VERSION = "0.1.7"
# Bumped whenever this module's output or map could change (part of every cache key).
ENGINE_VERSION = f"opencc-python-reimplemented {LIBRARY_VERSION}; meipi-script-engine 2"

Block = tuple[int, int, int, int]

# The library's separators (copied from OpenCC.__init__; a test pins that they are equal).
SPLIT_CHARS_RE = OpenCC().split_chars_re

_DictData = tuple[int, int, dict[str, str]]


def _first(value: str) -> str:
    """The candidate the library uses: the first of a space-separated list."""
    parts = value.split(" ")
    return parts[0] if len(parts) > 1 else value


@dataclass
class _Dict:
    """One dictionary of a group, prepared for matching."""

    multi: dict[str, str]  # keys of >= 2 characters that can match -> first value
    finder: AhoCorasick | None  # every occurrence of a key of ``multi``: (index, start, end)
    values: list[str]  # the value of each key, by the finder's index
    singles: dict[str, str]  # one-character keys (not separators) -> first value


@dataclass
class _Stage:
    dicts: list[_Dict]
    table: dict[int, str]  # one-character keys with one-character values
    wide: dict[str, str]  # one-character keys whose value is not one character
    wide_finder: re.Pattern[str] | None
    # The characters ``table`` changes, found by a regular expression where they are few (a
    # variants table: the scan runs in C and only the hits cost Python time); None: translate.
    changes: dict[str, str]
    change_finder: re.Pattern[str] | None
    # Otherwise ``str.translate`` with an array: code point -> code point, up to the largest key
    # (what lies beyond is left alone, as a dictionary table would; an array answers without the
    # failed lookup a dictionary pays for every character it does not hold).
    codes: array[int] | None
    # Whether a dictionary after the first has keys to match, or the wide table does: then the
    # places earlier dictionaries took are tracked.
    track: bool


# Up to this many keys a phrase table's automaton is a DFA (faster to search, larger: about
# 1 MB for the tables of a Taiwan text's views).
DFA_KEYS = 5000

# Up to this many changed characters a table is applied by finding them (``_Stage.changes``);
# above it ``str.translate`` over the whole text is cheaper (most characters change there).
SPARSE_TABLE = 512


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _keys_with_separators(mapping: dict[str, str]) -> set[str]:
    """The keys holding a separator (one regular-expression pass over all keys at once)."""
    keys = list(mapping)
    joined = "\x00".join(keys)
    if not SPLIT_CHARS_RE.search(joined):
        return set()
    starts = [0]
    for key in keys:
        starts.append(starts[-1] + len(key) + 1)
    return {
        keys[bisect.bisect_right(starts, m.start()) - 1] for m in SPLIT_CHARS_RE.finditer(joined)
    }


def _prepare_stage(group: Sequence[_DictData]) -> _Stage:
    dicts: list[_Dict] = []
    blocked: set[str] = set()  # single-character keys of earlier dictionaries in the group
    table: dict[int, str] = {}
    wide: dict[str, str] = {}
    for _max_len, _min_len, mapping in group:
        multi: dict[str, str] = {}
        singles: dict[str, str] = {}
        with_separator = _keys_with_separators(mapping)
        for key, value in mapping.items():
            if key in with_separator:
                continue  # never inside a chunk (see values_add_separators)
            if len(key) == 1:
                singles[key] = _first(value)
            elif not blocked.intersection(key):
                # A key holding a character that an earlier dictionary of the group matches on
                # its own can never match: that character is taken first wherever it stands.
                multi[key] = _first(value)
        keys = list(multi)
        finder = None
        if keys:
            # A DFA searches faster but grows with the keys: for the smaller tables only.
            dfa = Implementation.DFA if len(keys) <= DFA_KEYS else None
            finder = AhoCorasick(keys, matchkind=MatchKind.Standard, implementation=dfa)
        dicts.append(_Dict(multi, finder, [multi[k] for k in keys], singles))
        for key, value in singles.items():
            if key in blocked:
                continue
            if len(value) == 1:
                table[ord(key)] = value
            else:
                wide[key] = value
        blocked.update(singles)
    wide_finder = re.compile(_char_class(set(wide))) if wide else None
    changes = {chr(k): v for k, v in table.items() if chr(k) != v}
    change_finder = None
    codes = None
    if changes and len(changes) <= SPARSE_TABLE:
        change_finder = re.compile(f"({_char_class(set(changes))})")
    elif changes:
        codes = array("I", range(max(table) + 1))
        for code, char in table.items():
            codes[code] = ord(char)
    with_keys = [i for i, d in enumerate(dicts) if d.finder is not None]
    track = bool(with_keys) and (with_keys[-1] > with_keys[0] or wide_finder is not None)
    return _Stage(dicts, table, wide, wide_finder, changes, change_finder, codes, track)


def _translate(stage: _Stage, text: str) -> str:
    """``text`` with every character of the stage's one-to-one table replaced."""
    if stage.codes is not None:
        return text.translate(stage.codes)
    if stage.change_finder is None:
        return text
    parts = stage.change_finder.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = map(stage.changes.__getitem__, parts[1::2])
    return "".join(parts)


def _candidates(d: _Dict, text: str) -> list[tuple[int, int, int]]:
    """Every occurrence ``(key index, start, end)`` of a key of ``d``, by end (the automaton
    reports them as it reads; sorted here should it ever not)."""
    assert d.finder is not None
    found = d.finder.find_matches_as_indexes(text, True)
    ends = list(map(itemgetter(2), found))
    if not all(map(le, ends, islice(ends, 1, None))):
        found.sort(key=itemgetter(2))
    return found


def _greedy(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The occurrences the library keeps: longest first (leftmost among equally long), each
    unless it overlaps one kept before; in order (by end, which for occurrences that do not
    overlap is by start).

    Which of a run of overlapping occurrences is kept depends only on that run: the runs are
    found with whole-list operations (by end, a run ends where no later occurrence starts before
    its last end), a lone occurrence is kept, only a longer run is sorted.
    """
    n = len(candidates)
    if n < 2:
        return candidates
    ends = list(map(itemgetter(2), candidates))
    # The earliest start from each occurrence on: a run ends where every later one starts at or
    # after its last end.
    firsts = list(accumulate(reversed(list(map(itemgetter(1), candidates))), min))
    firsts.reverse()
    begins = [0, *compress(range(1, n), map(ge, islice(firsts, 1, None), ends)), n]
    if len(begins) == n + 1:
        return candidates  # nothing overlaps
    keep = bytearray(n)
    for k, after in zip(begins, islice(begins, 1, None), strict=False):
        size = after - k
        if size == 1:
            keep[k] = 1
        elif size == 2:  # two that overlap: the longer, or the first of two as long
            a, b = candidates[k], candidates[k + 1]
            keep[k if a[2] - a[1] >= b[2] - b[1] else k + 1] = 1
        else:
            kept: list[tuple[int, int]] = []
            for j in sorted(range(k, after), key=lambda j: _longest_first(candidates[j])):
                _key, s, e = candidates[j]
                for x in kept:
                    if e > x[0] and s < x[1]:
                        break
                else:
                    kept.append((s, e))
                    keep[j] = 1
    return list(compress(candidates, keep))


def _longest_first(c: tuple[int, int, int]) -> tuple[int, int]:
    return c[1] - c[2], c[1]


def _stage_apply(stage: _Stage, text: str) -> tuple[str, list[Block]]:
    """One stage over the whole text: its output and its blocks."""
    n = len(text)
    # Per dictionary (and the wide characters): the starts, ends and values of its replacements.
    found: list[tuple[list[int], list[int], list[str]]] = []
    occupied: bytearray | None = bytearray(n) if stage.track else None
    for d in stage.dicts:
        if d.finder is None:
            continue
        candidates = _candidates(d, text)
        if occupied is not None and found:
            # Text an earlier dictionary of the group replaced is not looked at again.
            candidates = [c for c in candidates if occupied.find(1, c[1], c[2]) == -1]
        if not candidates:
            continue
        kept = _greedy(candidates)
        found.append(
            (
                list(map(itemgetter(1), kept)),
                list(map(itemgetter(2), kept)),
                list(map(d.values.__getitem__, map(itemgetter(0), kept))),
            )
        )
        if occupied is not None:
            for _key, i, end in kept:
                occupied[i:end] = b"\x01" * (end - i)
    if stage.wide_finder is not None:
        wide = [
            m.start()
            for m in stage.wide_finder.finditer(text)
            if occupied is None or not occupied[m.start()]
        ]
        if wide:
            values = [stage.wide[text[i]] for i in wide]
            found.append((wide, [i + 1 for i in wide], values))
    translated = _translate(stage, text)
    if not found:
        return translated, []
    if len(found) == 1:
        starts, ends, values = found[0]
    else:
        merged = sorted(t for f in found for t in zip(*f, strict=True))
        starts, ends, values = map(list, zip(*merged, strict=True))
    # Whole-list operations: the text between replacements, where each replacement lands.
    lengths = list(map(len, values))
    shifts = accumulate(map(sub, lengths, map(sub, ends, starts)), initial=0)
    out_starts = list(map(add, starts, shifts))
    blocks = list(zip(starts, ends, out_starts, map(add, out_starts, lengths), strict=True))
    pieces = [translated[ends[-1] :]] * (2 * len(starts) + 1)
    pieces[0:-1:2] = map(translated.__getitem__, map(slice, [0, *ends[:-1]], starts))
    pieces[1::2] = values
    return "".join(pieces), blocks


def compose(first: list[Block], second: list[Block]) -> list[Block]:
    """Blocks of ``first`` (a -> b) then ``second`` (b -> c) as blocks a -> c.

    Blocks that overlap in b are merged into one; everything else maps one to one. One pass
    over both lists (the reference port keeps the plainer two-pass version it is held to,
    ``_compose_stepwise``).
    """
    if not first:
        return second
    if not second:
        return first
    out: list[Block] = []
    append = out.append
    ia = ib = 0
    na, nb = len(first), len(second)
    da = db = 0  # (a - b) after the first-blocks passed; (c - b) after the second-blocks passed
    inf = (sys.maxsize,) * 4
    fa = first[0]
    sb = second[0]
    while ia < na or ib < nb:
        # The next block by its start in b opens a run; whatever starts before the run's end
        # joins it.
        if fa[2] <= sb[0]:
            s, e = fa[2], fa[3]
            a0, c0 = s + da, s + db
            da = fa[1] - e
            ia += 1
            fa = first[ia] if ia < na else inf
        else:
            s, e = sb[0], sb[1]
            a0, c0 = s + da, s + db
            db = sb[3] - e
            ib += 1
            sb = second[ib] if ib < nb else inf
        while True:
            if fa[2] < e:
                if fa[3] > e:
                    e = fa[3]
                da = fa[1] - fa[3]
                ia += 1
                fa = first[ia] if ia < na else inf
            elif sb[0] < e:
                if sb[1] > e:
                    e = sb[1]
                db = sb[3] - sb[1]
                ib += 1
                sb = second[ib] if ib < nb else inf
            else:
                break
        append((a0, e + da, c0, e + db))
    return out


class Converter:
    """One OpenCC configuration: ``convert(text) -> (output, blocks)``; thread-safe.

    ``prose=True``: the same configuration without the software-localisation entries of
    ``TWPhrases``/``TWPhrasesRev`` (``reader.lexicon.is_it_entry``): 建立 stays 建立.
    """

    def __init__(self, config: str, prose: bool = False) -> None:
        self.config = config
        self.prose = prose
        # Every configuration reads its dictionary files into one shared cache: the library
        # gives each instance its own, so t2s, tw2sp and tw2s would each hold TSPhrases and
        # TSCharacters (memory budget, issue 10). Callers hold _converters_lock.
        library = OpenCC()
        library.dict_cache = _shared_dictionaries
        library.conversion = config
        library._init_dict()
        # Below the public API (pinned by the tests): the chain the library itself converts with.
        chain: list[list[_DictData]] = library._dict_chain_data
        if prose:
            chain = [[_without_it(d) for d in group] for group in chain]
        self.chain = chain
        self.it_entries_dropped = sum(
            len(a[2]) - len(b[2])
            for ga, gb in zip(library._dict_chain_data, chain, strict=True)
            for a, b in zip(ga, gb, strict=True)
        )
        self.stages = [_shared_stage(group) for group in chain]
        self.exact_fast_path = not _values_add_separators(chain)

    def convert(self, text: str) -> tuple[str, list[Block]]:
        if not self.exact_fast_path:
            return reference_convert(text, self.chain)
        blocks: list[Block] = []
        for stage in self.stages:
            text, stage_blocks = _stage_apply(stage, text)
            blocks = compose(blocks, stage_blocks)
        return text, blocks

    @functools.cached_property
    def _char_candidates(self) -> list[dict[str, frozenset[str]]]:
        """Per stage: character -> every single-character candidate its tables list."""
        out: list[dict[str, frozenset[str]]] = []
        for group in self.chain:
            table: dict[str, frozenset[str]] = {}
            for _mx, min_len, mapping in group:
                if min_len > 1:
                    continue
                for key, value in mapping.items():
                    if len(key) == 1:
                        forms = frozenset(v for v in value.split(" ") if len(v) == 1)
                        old = table.get(key)
                        table[key] = forms if old is None else old | forms
            out.append(table)
        return out

    def char_reachable(self, original: str, shown: str) -> bool:
        """Whether a character-by-character conversion could turn ``original`` into ``shown``.

        Each character may stay or become any single-character candidate of the character tables
        of each stage in turn (every candidate, not only the first).
        """
        if len(original) != len(shown):
            return False
        reach = self._reach
        for a, b in zip(original, shown, strict=True):
            if a == b:
                continue
            forms = reach.get(a)
            if forms is None:
                found = {a}
                for stage in self._char_candidates:
                    found |= {c for x in found for c in stage.get(x, ())}
                forms = reach[a] = frozenset(found)
            if b not in forms:
                return False
        return True

    @functools.cached_property
    def _reach(self) -> dict[str, frozenset[str]]:
        return {}


def _shared_stage(group: Sequence[_DictData]) -> _Stage:
    """The prepared stage of ``group``, shared by every configuration with the same group (s2t,
    s2hk and s2twp all begin with STPhrases + STCharacters); callers hold _converters_lock."""
    key = tuple(id(d[2]) for d in group)
    cached = _stages.get(key)
    if cached is None:
        # The mappings are kept with the stage so that their ids stay theirs.
        cached = _stages[key] = ([d[2] for d in group], _prepare_stage(group))
    return cached[1]


def _values_add_separators(chain: list[list[_DictData]]) -> bool:
    """Whether any value that can be produced holds a separator character.

    The fast path relies on later stages never seeing a separator inside a chunk; with 0.1.7's
    dictionaries this never happens (the only values with one come from keys that hold one
    themselves, which never match).
    """
    for group in chain[:-1]:
        for _mx, _mn, mapping in group:
            for key, value in mapping.items():
                if not SPLIT_CHARS_RE.search(key) and SPLIT_CHARS_RE.search(_first(value)):
                    return True
    return False


_converters: dict[str, Converter] = {}
# Dictionary file -> (longest key, shortest key, mapping), as OpenCC reads them; read-only.
_shared_dictionaries: dict[str, _DictData] = {}
_prose_dictionaries: dict[int, _DictData] = {}  # id(shared data) -> without its IT entries
# ids of a group's mappings -> (those mappings, the group prepared for matching)
_stages: dict[tuple[int, ...], tuple[list[dict[str, str]], _Stage]] = {}
_converters_lock = threading.Lock()
PROSE_SUFFIX = "+prose"


def _without_it(d: _DictData) -> _DictData:
    """``d`` without its IT entries (the same object when it has none); callers hold the lock."""
    from pathlib import Path

    from reader.lexicon import is_it_entry

    cached = _prose_dictionaries.get(id(d))
    if cached is not None:
        return cached
    # The library keeps two equal tuples of one mapping (the chain's and its cache's).
    name = next((Path(k).name for k, v in _shared_dictionaries.items() if v[2] is d[2]), "")
    mapping = d[2]
    kept = {k: v for k, v in mapping.items() if not is_it_entry(name, k, v)}
    if len(kept) == len(mapping):
        out = d
    else:
        lengths = [len(k) for k in kept] or [1]
        out = (max(lengths), min(lengths), kept)
    _prose_dictionaries[id(d)] = out
    return out


def converter(config: str, prose: bool = False) -> Converter:
    """The shared converter for an OpenCC configuration name (loaded once); ``prose``: without
    the IT vocabulary."""
    key = config + PROSE_SUFFIX if prose else config
    with _converters_lock:
        conv = _converters.get(key)
        if conv is None:
            conv = _converters[key] = Converter(config, prose)
        return conv


def config_names() -> list[str]:
    from pathlib import Path

    folder = Path(opencc.__file__).resolve().parent / "config"
    return sorted(p.stem for p in folder.glob("*.json"))


# --- The reference: a line-by-line port of the library's algorithm that keeps offsets. ---------
# Slow and plain on purpose: the tests hold the fast path to it, block for block, and it is the
# fallback should a dictionary ever break the fast path's assumptions.


def _ref_match(
    s: str, lo: int, hi: int, d: _DictData, out: list[tuple[int, int, str | None]]
) -> None:
    """The library's ``create_parse_tree`` for one dictionary on ``s[lo:hi]`` (in order)."""
    max_len, min_len, mapping = d
    n = hi - lo
    length = min(n, max_len)
    while length >= min_len:
        for i in range(lo, hi - length + 1):
            key = s[i : i + length]
            if key in mapping:
                value = _first(mapping[key])
                if value:
                    if i > lo:
                        _ref_match(s, lo, i, d, out)
                    out.append((i, i + length, value))
                    if i + length < hi:
                        _ref_match(s, i + length, hi, d, out)
                    return
                # An empty value counts as no match at all for this piece (the library's
                # ``if (value)``); it cannot occur with 0.1.7's dictionaries.
                out.append((lo, hi, None))
                return
        length -= 1
    out.append((lo, hi, None))


def _ref_stage(s: str, group: Sequence[_DictData]) -> tuple[str, list[Block]]:
    pieces: list[tuple[int, int, str | None]] = [(0, len(s), None)] if s else []
    for d in group:
        nxt: list[tuple[int, int, str | None]] = []
        for lo, hi, value in pieces:
            if value is None:
                _ref_match(s, lo, hi, d, nxt)
            else:
                nxt.append((lo, hi, value))
        pieces = nxt
    out: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for lo, hi, value in pieces:
        if value is None:
            out.append(s[lo:hi])
            pos += hi - lo
        else:
            if hi - lo != 1 or len(value) != 1:
                blocks.append((lo, hi, pos, pos + len(value)))
            out.append(value)
            pos += len(value)
    return "".join(out), blocks


def _compose_stepwise(first: list[Block], second: list[Block]) -> list[Block]:
    """``compose`` in two passes (the reference's)."""
    if not first:
        return second
    if not second:
        return first
    merged: list[list[int]] = []
    # Both lists are sorted: sorting their concatenation merges two runs.
    spans = sorted([(b[2], b[3]) for b in first] + [(b[0], b[1]) for b in second])
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1][1] = e
        else:
            merged.append([s, e])
    out: list[Block] = []
    ia = ib = 0
    da = db = 0  # (a - b) after the first-blocks passed; (c - b) after the second-blocks passed
    na, nb = len(first), len(second)
    for s, e in merged:
        while ia < na and first[ia][3] <= s:
            da = first[ia][1] - first[ia][3]
            ia += 1
        while ib < nb and second[ib][1] <= s:
            db = second[ib][3] - second[ib][1]
            ib += 1
        a0, c0 = s + da, s + db
        while ia < na and first[ia][3] <= e:
            da = first[ia][1] - first[ia][3]
            ia += 1
        while ib < nb and second[ib][1] <= e:
            db = second[ib][3] - second[ib][1]
            ib += 1
        out.append((a0, e + da, c0, e + db))
    return out


def reference_convert(text: str, chain: list[list[_DictData]]) -> tuple[str, list[Block]]:
    """Chunk by chunk and stage by stage, exactly as the library does, keeping blocks."""
    out: list[str] = []
    blocks: list[Block] = []
    pos_in = 0
    pos_out = 0
    for i, part in enumerate(SPLIT_CHARS_RE.split(text)):
        if i % 2 == 0 and part:
            chunk = part
            chunk_blocks: list[Block] = []
            for group in chain:
                chunk, stage_blocks = _ref_stage(chunk, group)
                chunk_blocks = _compose_stepwise(chunk_blocks, stage_blocks)
            blocks.extend(
                (a + pos_in, b + pos_in, c + pos_out, d + pos_out) for a, b, c, d in chunk_blocks
            )
            out.append(chunk)
            pos_out += len(chunk)
        else:
            out.append(part)
            pos_out += len(part)
        pos_in += len(part)
    return "".join(out), blocks

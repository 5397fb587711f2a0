"""Meipi's own dictionary layers over OpenCC (no Qt, loaded lazily).

* **IT vocabulary** (``data/TWPhrasesIT.txt``, upstream OpenCC's list, Apache-2.0, see
  ``data/NOTICE``): which entries of opencc-python-reimplemented 0.1.7's merged ``TWPhrases`` /
  ``TWPhrasesRev`` are software-localisation vocabulary (建立→創建, 執行→運行, 整合→集成, 檢視→查看,
  區域性→局部, 核心→內核, 支持→支援, 聲明→宣告 …). Prose views leave them out.
* **The regional lexicon** (``data/lexicon.tsv``): names of people, places, organisations and
  treaties whose standard forms differ between Taiwan (``tw``), Hong Kong (``hk``) and the
  mainland (``cn``), each with the reference it was checked against. ``sources`` says from which
  regions' form an entry may convert: a form that is ambiguous in its own region (哈薩克 is
  Kazakhstan and the Kazakhs; 查德 is Chad and the tail of 理查德) is left out there.
* **Corrections** (``data/corrections.tsv``): table faults of the library (中俄关系 → 中俄關系) and
  character choices resolved by a context rule that is safe (仅系 → 僅係 …).

``reader.script`` applies them (see its docstring for the order); ``reader.search`` takes the
lexicon's forms as built-in equivalences.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ahocorasick_rs import AhoCorasick, Implementation, MatchKind

DATA = Path(__file__).resolve().parent / "data"
V = TypeVar("V")
LONG_TEXT = 50_000  # characters: PhraseMatcher searches these with a DFA
REGIONS = ("tw", "hk", "cn")
# The OpenCC commit the IT list was taken from (data/NOTICE).
IT_LIST_COMMIT = "839df94d2362d85ba7f9ef8e3fcfa397661542de"

# Script of a source text -> its region; view id -> the region it words things for.
SOURCE_REGION = {"zh-Hant-TW": "tw", "zh-Hant-HK": "hk", "zh-Hans": "cn"}
VIEW_REGION = {"zh-Hant-TW": "tw", "zh-Hant-HK": "hk", "zh-Hans-CN": "cn"}

# Direction of each OpenCC configuration's script conversion (corrections are per direction).
S2T_CONFIGS = frozenset({"s2t", "s2tw", "s2twp", "s2hk"})
T2S_CONFIGS = frozenset({"t2s", "tw2s", "tw2sp", "hk2s"})


@dataclass(frozen=True)
class Entry:
    """One name of the regional lexicon: its form per region ('' = not known / not used)."""

    kind: str  # person, country, place, organisation, treaty, term
    tw: str
    hk: str
    cn: str
    sources: frozenset[str]  # regions whose form is unambiguous enough to convert from
    reference: str
    line: int

    def form(self, region: str) -> str:
        return str(getattr(self, region))


@dataclass(frozen=True)
class Correction:
    """A fix of the library's output for a phrase of the source text."""

    direction: str  # s2t or t2s
    source: str
    target: str  # in OpenCC's standard script (Traditional: before the regional variants)
    kind: str  # bad-table, ambiguity
    configs: frozenset[str]  # empty: every configuration of the direction
    reference: str
    line: int

    def applies_to(self, config: str) -> bool:
        group = S2T_CONFIGS if self.direction == "s2t" else T2S_CONFIGS
        return config in group and (not self.configs or config in self.configs)


def _rows(name: str) -> list[tuple[int, list[str]]]:
    rows = []
    text = (DATA / name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((n, line.split("\t")))
    return rows


@functools.cache
def entries() -> tuple[Entry, ...]:
    """Every lexicon entry, in file order."""
    out = []
    for n, cols in _rows("lexicon.tsv"):
        if len(cols) != 6:
            raise ValueError(f"lexicon.tsv line {n}: expected 6 columns, got {len(cols)}")
        kind, tw, hk, cn, sources, reference = (c.strip() for c in cols)
        regions = frozenset(sources.split(",")) if sources else frozenset(REGIONS)
        out.append(Entry(kind, tw, hk, cn, regions, reference, n))
    return tuple(out)


@functools.cache
def corrections() -> tuple[Correction, ...]:
    out = []
    for n, cols in _rows("corrections.tsv"):
        if len(cols) != 6:
            raise ValueError(f"corrections.tsv line {n}: expected 6 columns, got {len(cols)}")
        direction, source, target, kind, configs, reference = (c.strip() for c in cols)
        wanted = frozenset(configs.split(",")) if configs else frozenset()
        out.append(Correction(direction, source, target, kind, wanted, reference, n))
    return tuple(out)


@functools.cache
def region_map(source_region: str, view_region: str) -> dict[str, str]:
    """Source-region form -> view-region form for every entry that converts that way."""
    if source_region == view_region:
        return {}
    out: dict[str, str] = {}
    for e in entries():
        a, b = e.form(source_region), e.form(view_region)
        if a and b and a != b and source_region in e.sources and len(a) >= 2:
            out.setdefault(a, b)
    return out


@functools.cache
def withheld(source_region: str, view_region: str) -> frozenset[str]:
    """Source-region forms never converted as names (ambiguous there: 哈薩克, 查德), so that not
    even the library's own name tables convert them; their characters still convert."""
    if source_region == view_region:
        return frozenset()
    converted = region_map(source_region, view_region)
    return frozenset(
        a
        for e in entries()
        if (a := e.form(source_region))
        and len(a) >= 2
        and source_region not in e.sources
        and e.form(view_region)
        and a not in converted  # another entry converts it (斯威士兰: 史瓦帝尼, not 史瓦濟蘭)
    )


@functools.cache
def equivalence_groups() -> tuple[tuple[str, ...], ...]:
    """The spellings of each name (for search): the forms of an entry in the regions that may
    convert from it (an ambiguous form — 哈薩克, 查德, 沙特 for Sartre — joins no group)."""
    groups = []
    for e in entries():
        forms = tuple(dict.fromkeys(f for r in REGIONS if (f := e.form(r)) and r in e.sources))
        if len(forms) > 1:
            groups.append(forms)
    return tuple(groups)


@functools.cache
def it_pairs() -> frozenset[tuple[str, str]]:
    """(mainland form, Taiwan form) of every IT entry (every Taiwan candidate listed)."""
    out = set()
    for line in (DATA / "TWPhrasesIT.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.strip().partition("\t")
        for value in values.split(" "):
            if key and value:
                out.add((key, value))
    return frozenset(out)


def is_it_entry(file_name: str, key: str, value: str) -> bool:
    """Whether the 0.1.7 dictionary entry ``key -> value`` of ``file_name`` is IT vocabulary."""
    pairs = it_pairs()
    candidates = value.split(" ")
    if file_name == "TWPhrases.txt":
        return any((key, v) in pairs for v in candidates)
    if file_name == "TWPhrasesRev.txt":
        return any((v, key) in pairs for v in candidates)
    return False


class PhraseMatcher(Generic[V]):
    """Leftmost-longest, non-overlapping occurrences of a set of keys of two or more characters
    (an Aho-Corasick automaton in compiled code, ``ahocorasick_rs``: one call per text)."""

    def __init__(self, keys: dict[str, V]) -> None:
        self.keys = {k: v for k, v in keys.items() if len(k) >= 2}
        ordered = list(self.keys)
        self.values = [self.keys[k] for k in ordered]  # by the automaton's index
        self.finder: AhoCorasick | None = None
        if ordered:
            self.finder = AhoCorasick(ordered, matchkind=MatchKind.LeftmostLongest)
        self._ordered = ordered
        # For long texts, a DFA of the same keys (a third faster to search, but about 1 MB
        # more, so built only when a long text is searched: issue 22, memory at start-up).
        self._dfa: AhoCorasick | None = None

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, V]]:
        """``(start, end, value)`` of each occurrence in ``text[lo:hi]``, in order."""
        values = self.values
        return [(s, e, values[i]) for i, s, e in self.find_indexed(text, lo, hi)]

    def find_indexed(
        self, text: str, lo: int = 0, hi: int | None = None
    ) -> list[tuple[int, int, int]]:
        """``(index into values, start, end)`` of each occurrence in ``text[lo:hi]``, in order."""
        finder = self.finder
        if finder is None:
            return []
        hi = len(text) if hi is None else hi
        if hi - lo >= LONG_TEXT:
            if self._dfa is None:
                self._dfa = AhoCorasick(
                    self._ordered,
                    matchkind=MatchKind.LeftmostLongest,
                    implementation=Implementation.DFA,
                )
            finder = self._dfa
        if lo == 0 and hi == len(text):
            return finder.find_matches_as_indexes(text)
        found = finder.find_matches_as_indexes(text[lo:hi])
        return [(i, s + lo, e + lo) for i, s, e in found]

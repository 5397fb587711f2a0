"""Script views with exact offset maps (no Qt).

A view's text is exactly what opencc-python-reimplemented 0.1.7's ``OpenCC(config).convert(text)``
returns (``reader.script_engine`` reproduces it and records where every piece came from), plus
the user's glossary. Every view position is anchored to the canonical (original) text:

* **Segments** partition both texts in step: a segment is the smallest canonical span whose
  converted text does not depend on what surrounds it — a phrase the dictionaries replaced
  (composed across all stages of the configuration: tw2sp turns 區域性 into 局部 in its first
  stage and the second re-segments the result, so 區域性 → 局部 is one segment), a glossary
  phrase, or else one character. Converting any range of whole segments on its own gives exactly
  the text those segments have in the view (the library's longest-first search never lets a match
  straddle the edge of a range of whole segments; the tests check this on random texts).
* ``to_view(start, end)``: a canonical range -> the view range of the whole segments that cover
  it. ``to_canonical(vstart, vend)``: a view range -> the smallest canonical range of whole
  segments covering it (selecting 局 in 局部 covers 區域性). An empty range (a point) maps to
  the start of the segment it falls in, so points map monotonically and boundaries exactly.
* **Substitutions**: the segments whose wording changed beyond a character-for-character
  conversion — the window underlines them and shows the original. A dictionary segment is one
  when its length changed (區域性 → 局部, 喬治亞 → 格鲁吉亚), or when it has several characters and
  at least one of them became a character that no character table of the configuration offers
  for it (軟體 → 软件). A phrase-table entry that only picks between a character's listed
  forms (乾燥 → 干燥) is a character conversion, not a substitution; nor is any one-to-one
  character. Every glossary conversion that changes the text is one (``source="glossary"``).

**The glossary rule** (``reader.glossary.Glossary``): the canonical text is scanned left to right
for the glossary's phrases — kept phrases and the keys of the user's own conversions — taking at
each position the longest phrase that starts there (a phrase both kept and converted counts as
converted). Each occurrence found is one segment: a kept phrase is shown as it stands, a converted
one as the user's text. The stretches between occurrences are converted by the library each on
its own, exactly as if the occurrences were separators. So a view with a glossary equals
``convert(stretch₀) + shown₀ + convert(stretch₁) + …``. Phrases match the canonical text exactly
(in its own script); a conversion to nothing is ignored. The user's conversions apply in every
view except 原文 (which is always the canonical text), including views whose configuration is the
identity; kept phrases only matter where something converts.

Conversions are cached per (text, configuration, glossary version, engine version): the text
itself is part of the key (Python caches a string's hash, so a repeated lookup costs nothing more
than hashing a digest would, and two different texts can never collide).

Over 600 lines as one job: a script view's text and its exact map back to the canonical text;
the plan of layers, the glossary matching, the assembly of segments and the cache all build or
serve that one ``ConvertedText``, and splitting them would only spread its invariant over files.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import statistics
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from operator import add, ge
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.glossary import Glossary
from reader.script_engine import (
    ENGINE_VERSION,
    LIBRARY_VERSION,
    SPLIT_CHARS_RE,
    Block,
    Converter,
    converter,
)

if TYPE_CHECKING:
    from reader.documents import Document
    from reader.lexicon import PhraseMatcher

__all__ = [
    "DEFAULT_SETTINGS",
    "ENGINE_VERSION",
    "LIBRARY_VERSION",
    "ConvertedText",
    "Plan",
    "ScriptSettings",
    "Segment",
    "Substitution",
    "View",
    "clear_cache",
    "clear_caches",
    "convert_text",
    "document_view",
    "measure_conversion",
    "plan_for",
    "warm_up",
]


class Segment(NamedTuple):
    canon_start: int
    canon_end: int
    view_start: int
    view_end: int


class Substitution(NamedTuple):
    """A phrase whose wording changed: where it is in the view and in the canonical text."""

    view_start: int
    view_end: int
    canon_start: int
    canon_end: int
    original: str
    converted: str
    # The layer that made it: "opencc" (the library's phrase tables), "lexicon" (the regional
    # lexicon), "correction" (a fix of a table fault), "glossary" (the user's own conversion),
    # "ambiguity" (left as the library has it, but the character's form depends on meaning).
    source: str = "opencc"

    @property
    def regional(self) -> bool:
        """Regional wording (a name or word the region says differently), as against a fix of
        characters, the user's own wording or a mark."""
        return self.source in ("opencc", "lexicon")


class ConvertedText:
    """A converted text and its two-way map to the text it was converted from.

    Only the segments that are not one character to one character are stored (``_cs``… below,
    sorted); between them positions map one to one.
    """

    def __init__(
        self,
        source: str,
        text: str,
        blocks: list[Block],
        config: str | None,
        glossary_spans: dict[int, str] | None = None,
    ) -> None:
        self.source = source
        self.text = text
        self.config = config
        self._cs = [b[0] for b in blocks]
        self._ce = [b[1] for b in blocks]
        self._vs = [b[2] for b in blocks]
        self._ve = [b[3] for b in blocks]
        # index of a stored segment -> the layer that made it when not the library:
        # "keep"/"convert" (the glossary), "lexicon", "correction"
        self._glossary = glossary_spans or {}
        self._ambiguous: list[Substitution] = []

    # --- mapping ----------------------------------------------------------------------------
    @staticmethod
    def _floor(
        p: int, starts: list[int], ends: list[int], o_starts: list[int], o_ends: list[int]
    ) -> int:
        i = bisect.bisect_right(starts, p) - 1
        if i < 0:
            return p
        if p < ends[i]:
            return o_starts[i]
        return p - ends[i] + o_ends[i]

    @staticmethod
    def _ceil(
        p: int, starts: list[int], ends: list[int], o_starts: list[int], o_ends: list[int]
    ) -> int:
        """The end of the segment holding position ``p - 1`` (``p`` an exclusive end > 0)."""
        i = bisect.bisect_right(starts, p - 1) - 1
        if i < 0:
            return p
        if p - 1 < ends[i]:
            return o_ends[i]
        return p - ends[i] + o_ends[i]

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Canonical range -> view range of the whole segments covering it (a point: a point)."""
        start, end = _clamp(start, end, len(self.source))
        vs = self._floor(start, self._cs, self._ce, self._vs, self._ve)
        if end == start:
            return vs, vs
        return vs, self._ceil(end, self._cs, self._ce, self._vs, self._ve)

    def to_canonical(self, vstart: int, vend: int) -> tuple[int, int]:
        """View range -> smallest canonical range of whole segments covering it."""
        vstart, vend = _clamp(vstart, vend, len(self.text))
        cs = self._floor(vstart, self._vs, self._ve, self._cs, self._ce)
        if vend == vstart:
            return cs, cs
        return cs, self._ceil(vend, self._vs, self._ve, self._cs, self._ce)

    def view_point(self, pos: int) -> int:
        return self.to_view(pos, pos)[0]

    def canonical_point(self, vpos: int) -> int:
        return self.to_canonical(vpos, vpos)[0]

    # --- segments ---------------------------------------------------------------------------
    @property
    def identity(self) -> bool:
        """True when the view is the canonical text, position for position."""
        return not self._cs and self.text == self.source

    def stored_segments(self) -> list[Segment]:
        """The segments that are not one character to one character, in order."""
        return [
            Segment(a, b, c, d)
            for a, b, c, d in zip(self._cs, self._ce, self._vs, self._ve, strict=True)
        ]

    def iter_segments(self) -> Iterator[Segment]:
        """Every segment, in order (one-character segments included: O(length))."""
        c = v = 0
        for a, b, s, e in zip(self._cs, self._ce, self._vs, self._ve, strict=True):
            while c < a:
                yield Segment(c, c + 1, v, v + 1)
                c += 1
                v += 1
            yield Segment(a, b, s, e)
            c, v = b, e
        while c < len(self.source):
            yield Segment(c, c + 1, v, v + 1)
            c += 1
            v += 1

    @cached_property
    def segments(self) -> list[Segment]:
        return list(self.iter_segments())

    @cached_property
    def substitutions(self) -> list[Substitution]:
        """Every segment whose wording changed beyond a character-for-character conversion,
        tagged with the layer that made it."""
        out: list[Substitution] = []
        # The character tables are the same with or without the IT vocabulary: the prose
        # converter (the one the views load) answers for both.
        reachable = converter(self.config, prose=True).char_reachable if self.config else None
        marks = self._glossary
        src, txt = self.source, self.text
        for i, (a, b, s, e) in enumerate(zip(self._cs, self._ce, self._vs, self._ve, strict=True)):
            kind = marks.get(i) if marks else None
            if kind in ("keep", "script"):
                continue
            if kind is not None:
                if src[a:b] != txt[s:e]:
                    origin = "glossary" if kind == "convert" else kind
                    out.append(Substitution(s, e, a, b, src[a:b], txt[s:e], origin))
                continue
            if b - a != e - s:
                out.append(Substitution(s, e, a, b, src[a:b], txt[s:e]))
            elif b - a > 1 and reachable is not None:
                original, shown = src[a:b], txt[s:e]
                if not reachable(original, shown):
                    out.append(Substitution(s, e, a, b, original, shown))
        return out

    @property
    def ambiguities(self) -> list[Substitution]:
        """Characters left as the library has them although their form depends on meaning
        (系/係/繫 in a Traditional view of a Simplified text), for the window to mark."""
        return self._ambiguous

    def layer_counts(self) -> dict[str, int]:
        """How many substitutions each layer made (and how many ambiguities are marked)."""
        counts: dict[str, int] = {}
        for sub in [*self.substitutions, *self._ambiguous]:
            counts[sub.source] = counts.get(sub.source, 0) + 1
        return counts

    @cached_property
    def kept(self) -> list[Segment]:
        """The occurrences of the glossary's kept phrases (shown unconverted)."""
        return [
            Segment(self._cs[i], self._ce[i], self._vs[i], self._ve[i])
            for i, kind in sorted(self._glossary.items())
            if kind == "keep"
        ]

    def substitution_at(self, vpos: int) -> Substitution | None:
        """The substitution whose view span holds the character at ``vpos``, if any."""
        subs = self.substitutions
        i = bisect.bisect_right(self._substitution_starts, vpos) - 1
        if i >= 0 and vpos < subs[i].view_end:
            return subs[i]
        return None

    @cached_property
    def _substitution_starts(self) -> list[int]:
        return [s.view_start for s in self.substitutions]


class View(ConvertedText):
    """A document in one script view."""

    def __init__(self, converted: ConvertedText, view_id: str, doc_id: str) -> None:
        for name in (
            "source",
            "text",
            "config",
            "_cs",
            "_ce",
            "_vs",
            "_ve",
            "_glossary",
            "_ambiguous",
        ):
            setattr(self, name, getattr(converted, name))
        self._base = converted
        self.view_id = view_id
        self.doc_id = doc_id

    # Computed once per cached conversion, not once per view object.
    @property
    def segments(self) -> list[Segment]:
        return self._base.segments

    @property
    def substitutions(self) -> list[Substitution]:
        return self._base.substitutions

    @property
    def kept(self) -> list[Segment]:
        return self._base.kept

    def substitution_at(self, vpos: int) -> Substitution | None:
        return self._base.substitution_at(vpos)


def _clamp(start: int, end: int, n: int) -> tuple[int, int]:
    if end < start:
        raise ValueError(f"range ends before it starts: {start}..{end}")
    return min(max(start, 0), n), min(max(end, 0), n)


# --- conversion -----------------------------------------------------------------------------


def _glossary_pattern(phrases: list[str]) -> re.Pattern[str]:
    # Longest first, so at each position the first alternative that matches is the longest.
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return re.compile("|".join(re.escape(p) for p in ordered))


class Plan(NamedTuple):
    """What a view applies to a text: the OpenCC configuration and Meipi's layers."""

    config: str | None
    source_region: str | None = None  # the lexicon applies when both regions are set and differ
    view_region: str | None = None
    it_vocabulary: bool = True  # False: OpenCC's IT-only entries left out (prose)
    mainland_quotes: bool = False  # 「」『』 -> “”‘’
    corrections: bool = False  # fixes of the library's table faults (reader.lexicon)

    @property
    def lexicon(self) -> bool:
        return bool(
            self.source_region and self.view_region and self.source_region != self.view_region
        )


@dataclass(frozen=True)
class ScriptSettings:
    """A reader's choices for a text's views (the window stores them per text)."""

    it_vocabulary: bool = False  # "this is a software manual": OpenCC's IT entries on
    mainland_quotes: bool = True  # 「」『』 shown as “”‘’ in 简体（大陆用语）


DEFAULT_SETTINGS = ScriptSettings()
QUOTES = str.maketrans("「」『』", "“”‘’")
# A kept phrase converts with its configuration's script alone (no vocabulary tables).
KEEP_CONFIG = {"tw2sp": "tw2s", "s2twp": "s2tw"}
# Characters whose Traditional form depends on the meaning; where no phrase decided, the view is
# marked "left alone" (系: 系/係/繫).
AMBIGUOUS_S2T = "系"
AMBIGUOUS_PATTERN = re.compile(f"[{AMBIGUOUS_S2T}]")


def plan_for(view_id: str, source_script: str, settings: ScriptSettings | None = None) -> Plan:
    """The layers of ``view_id`` for a source in ``source_script`` (see the module docstring)."""
    from reader.lexicon import SOURCE_REGION, VIEW_REGION
    from reader.views import config_for

    settings = settings or DEFAULT_SETTINGS
    if view_id == "original":
        return Plan(None)
    return Plan(
        config_for(view_id, source_script),
        SOURCE_REGION.get(source_script),
        VIEW_REGION.get(view_id),
        settings.it_vocabulary,
        settings.mainland_quotes and view_id == "zh-Hans-CN",
        True,
    )


@functools.cache
def _layer_matcher(
    config: str | None, source_region: str | None, view_region: str | None, fixes: bool
) -> PhraseMatcher[tuple[str, str, str]]:
    """One matcher over the corrections and the lexicon of a plan (corrections first)."""
    from reader.lexicon import PhraseMatcher, corrections, region_map

    found: dict[str, tuple[str, str]] = {}
    if config and fixes:
        variant = {"s2tw": "t2tw", "s2twp": "t2tw", "s2hk": "t2hk"}.get(config)
        for c in corrections():
            if c.applies_to(config):
                target = converter(variant).convert(c.target)[0] if variant else c.target
                found.setdefault(c.source, (target, "correction"))
    guards: dict[str, str] = {}
    if source_region and view_region and source_region != view_region:
        from reader.folding import fold_key
        from reader.lexicon import withheld

        for a in withheld(source_region, view_region):
            found.setdefault(a, ("", "script"))

        for a, b in region_map(source_region, view_region).items():
            if a in found:
                continue
            found[a] = (b, "lexicon")
            # A source form that begins the target form (艾森豪 / 艾森豪威尔, 厄瓜多 / 厄瓜多尔):
            # where the author already wrote the target form, nothing is converted.
            fa, fb = fold_key(a), fold_key(b)
            if len(fb) > len(fa) and fb.startswith(fa):
                guards[a] = fb
    return PhraseMatcher({k: (v, o, guards.get(k, "")) for k, (v, o) in found.items()})


def _mainland_quotes(text: str) -> str:
    """``text.translate(QUOTES)``, four quick scans instead of a lookup per character."""
    return text.replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")


def _convert_uncached(
    text: str, plan: Plan, glossary: Glossary | None, reuse_whole: bool = True
) -> ConvertedText:
    """``reuse_whole``: the stretches between the layers' phrases are cut out of one conversion
    of the whole text wherever both their edges are segment edges of it (converting a range of
    whole segments alone gives exactly its text in the whole; the tests hold this path to the
    plain one, which converts every stretch alone)."""
    config = plan.config
    # An empty phrase or an empty replacement is ignored: every segment has text on both sides,
    # so segment boundaries correspond one to one.
    conversions = {k: v for k, v in glossary.conversions if k and v} if glossary else {}
    keeps = set(glossary.keeps) if (glossary and config) else set()
    keeps.discard("")
    phrases = [*conversions, *keeps]
    conv = converter(config, prose=not plan.it_vocabulary) if config else None
    quotes = plan.mainland_quotes
    matcher = (
        _layer_matcher(config, plan.source_region, plan.view_region, plan.corrections)
        if config
        else None
    )
    if matcher is not None and matcher.finder is None:
        matcher = None

    def finish(out: str) -> str:
        return _mainland_quotes(out) if quotes else out

    if not phrases and matcher is None:
        if conv is None:
            return ConvertedText(text, finish(text), [], None)
        whole, whole_blocks = conv.convert(text)
        result = ConvertedText(text, finish(whole), whole_blocks, config)
        result._ambiguous = _ambiguities(result)
        return result

    # Kept phrases and withheld names convert with the configuration's script alone (once per
    # distinct phrase: names recur).
    script_conv = converter(KEEP_CONFIG.get(config, config), prose=True) if config else None
    in_script_memo: dict[str, str] = {}

    def in_script(phrase: str) -> str:
        shown = in_script_memo.get(phrase)
        if shown is None:
            shown = script_conv.convert(phrase)[0] if script_conv is not None else phrase
            shown = in_script_memo[phrase] = finish(shown)
        return shown

    # First the layers' phrases, in order: (start, end, shown, kind).
    spans: list[tuple[int, int, str, str]] = []
    finished: dict[str, str] = {}

    def stretch(lo: int, hi: int) -> None:
        if lo >= hi or matcher is None:
            return
        prev = lo
        values = matcher.values
        for key, start, end in matcher.find_indexed(text, lo, hi):
            if start < prev:
                continue
            shown, kind, guard = values[key]
            if guard and _spells(text, start, hi, guard):
                # The author wrote the target form: its characters convert, nothing else.
                end = start + len(guard)
                kind = "script"
            if kind == "script":
                shown = in_script(text[start:end])
            elif quotes:
                done = finished.get(shown)
                if done is None:
                    done = finished[shown] = finish(shown)
                shown = done
            spans.append((start, end, shown, kind))
            prev = end

    prev = 0
    if phrases:
        for m in _glossary_pattern(phrases).finditer(text):
            start, end = m.span()
            stretch(prev, start)
            phrase = m.group()
            if phrase in conversions:
                spans.append((start, end, conversions[phrase], "convert"))
            else:
                spans.append((start, end, in_script(phrase), "keep"))
            prev = end
    stretch(prev, len(text))

    # Then the text between them, converted by the library as if each were a separator.
    if reuse_whole and conv is not None:
        out, out_blocks = conv.convert(text)
        entire = _Whole(finish(out), out_blocks)
        assembled = entire.around(spans)
        if assembled is None:
            assembled = _assemble(text, spans, conv, finish, entire)
    else:
        assembled = _assemble(text, spans, conv, finish, None)
    pieces, blocks, marks = assembled
    result = ConvertedText(text, "".join(pieces), blocks, config, marks)
    result._ambiguous = _ambiguities(result)
    return result


def _assemble(
    text: str,
    spans: list[tuple[int, int, str, str]],
    conv: Converter | None,
    finish: Callable[[str], str],
    entire: _Whole | None,
) -> tuple[list[str], list[Block], dict[int, str]]:
    """The view's pieces, blocks and marks: each stretch between the layers' ``spans``
    converted alone — or, with ``entire``, cut out of it as far as its edges allow."""
    pieces: list[str] = []
    blocks: list[Block] = []
    marks: dict[int, str] = {}
    pos_out = 0

    def alone(lo: int, hi: int) -> None:
        nonlocal pos_out
        if lo >= hi:
            return
        part_blocks: list[Block] = []
        if conv is None:
            out = text[lo:hi]
        else:
            out, part_blocks = conv.convert(text[lo:hi])
        shift_out = pos_out
        blocks.extend((a + lo, b + lo, c + shift_out, d + shift_out) for a, b, c, d in part_blocks)
        pieces.append(finish(out))
        pos_out += len(out)

    def plain(lo: int, hi: int) -> None:
        nonlocal pos_out
        widest = entire.widest(text, lo, hi) if entire is not None else None
        if widest is None:
            alone(lo, hi)
            return
        assert entire is not None
        a, b, va, vb = widest
        alone(lo, a)
        out, cut_blocks = entire.cut(a, b, va, vb, pos_out)
        blocks.extend(cut_blocks)
        pieces.append(out)
        pos_out += vb - va
        alone(b, hi)

    # The stretches' edges, located in the whole at once: [bounds[2k], bounds[2k + 1]) is the
    # stretch before span k.
    bounds = [0, *[p for start, end, _shown, _kind in spans for p in (start, end)], len(text)]
    if entire is not None:
        ended, outs, edges = entire.locate(bounds)
        whole_out, whole_blocks = entire.out, entire.blocks
    for k in range(len(spans) + 1):
        lo, hi = bounds[2 * k], bounds[2 * k + 1]
        if lo < hi:
            if entire is not None and edges[2 * k] and edges[2 * k + 1]:
                va, vb = outs[2 * k], outs[2 * k + 1]
                pieces.append(whole_out[va:vb])
                i, j = ended[2 * k], ended[2 * k + 1]  # the whole's blocks within
                if i < j:
                    shift = pos_out - va
                    if shift:
                        blocks.extend(
                            [(s, e, x + shift, y + shift) for s, e, x, y in whole_blocks[i:j]]
                        )
                    else:
                        blocks.extend(whole_blocks[i:j])
                pos_out += vb - va
            else:
                plain(lo, hi)
        if k < len(spans):
            start, end, shown, kind = spans[k]
            marks[len(blocks)] = kind
            blocks.append((start, end, pos_out, pos_out + len(shown)))
            pieces.append(shown)
            pos_out += len(shown)
    return pieces, blocks, marks


class _Whole:
    """One conversion of a whole text (its output finished), from which stretches are cut."""

    def __init__(self, out: str, blocks: list[Block]) -> None:
        self.out = out
        self.blocks = blocks
        self.cs = [b[0] for b in blocks]
        self.ends = [b[1] for b in blocks]
        self.firsts = [*self.cs, sys.maxsize]  # where the k-th block starts (past the last: never)
        # (output - input) after the first k blocks
        self.offsets = [0, *(b[3] - b[1] for b in blocks)]

    def edge(self, p: int) -> int | None:
        """The output position of input position ``p``, or None when ``p`` is inside a
        segment (not an edge)."""
        i = bisect.bisect_right(self.cs, p) - 1
        if i < 0:
            return p
        block = self.blocks[i]
        if p == block[0]:
            return block[2]
        if p < block[1]:
            return None
        return p - block[1] + block[3]

    def widest(self, text: str, lo: int, hi: int) -> tuple[int, int, int, int] | None:
        """The widest ``[a, b)`` in ``[lo, hi)`` to cut out of the whole for a stretch converted
        on its own, and its output positions: ``[lo, hi)`` itself when both are edges; else
        from its first separator and/or to after its last (the library converts the text
        between separators on its own, and no table phrase holds one, so a separator is an edge
        of every conversion). None: no such range (the stretch is converted alone)."""
        if not self.blocks:
            return lo, hi, lo, hi
        a, b = lo, hi
        va = self.edge(lo)
        if va is None:
            m = SPLIT_CHARS_RE.search(text, lo, hi)
            if m is None:
                return None
            a = m.start()
            va = self.edge(a)
        vb = self.edge(hi)
        if vb is None:
            last = None
            for start in (max(a, hi - 256), a):
                for m in SPLIT_CHARS_RE.finditer(text, start, hi):
                    last = m
                if last is not None:
                    break
            if last is None:
                return None
            b = last.end()
            vb = self.edge(b)
        if va is None or vb is None:
            return None  # never: a separator's edges are edges
        return a, b, va, vb

    def locate(self, points: list[int]) -> tuple[list[int], list[int], list[bool]]:
        """For each of the sorted ``points``: how many blocks end at or before it, its output
        position, and whether it is an edge (it is unless the next block starts before it)."""
        ended = list(map(bisect.bisect_right, repeat(self.ends), points))
        outs = list(map(add, points, map(self.offsets.__getitem__, ended)))
        edges = list(map(ge, map(self.firsts.__getitem__, ended), points))
        return ended, outs, edges

    def around(
        self, spans: list[tuple[int, int, str, str]]
    ) -> tuple[list[str], list[Block], dict[int, str]] | None:
        """The view's pieces, blocks and marks with whole-list operations, when the whole has no
        blocks (every position is an edge, the same in the output); else None."""
        if self.blocks:
            return None
        if not spans:
            return [self.out], [], {}
        starts, ends, shown, kinds = map(list, zip(*spans, strict=True))
        out_text = self.out
        pieces = [out_text[ends[-1] :]] * (2 * len(spans) + 1)
        pieces[0:-1:2] = map(out_text.__getitem__, map(slice, [0, *ends[:-1]], starts))
        pieces[1::2] = shown
        lengths = list(map(len, shown))
        grown = map(operator.sub, lengths, map(operator.sub, ends, starts))
        view_starts = list(map(add, starts, accumulate(grown, initial=0)))
        view_ends = map(add, view_starts, lengths)
        blocks = list(zip(starts, ends, view_starts, view_ends, strict=False))
        return pieces, blocks, dict(enumerate(kinds))

    def cut(self, a: int, b: int, va: int, vb: int, pos_out: int) -> tuple[str, list[Block]]:
        """The output of ``[a, b)`` (edges whose output positions are ``va``, ``vb``) and its
        blocks, output positions from ``pos_out``."""
        cs = self.cs
        i = bisect.bisect_left(cs, a)
        j = bisect.bisect_left(cs, b, i)
        if i == j:
            return self.out[va:vb], []
        shift = pos_out - va
        return self.out[va:vb], [(s, e, x + shift, y + shift) for s, e, x, y in self.blocks[i:j]]


def _spells(text: str, start: int, hi: int, folded: str) -> bool:
    """Whether ``text`` at ``start`` (before ``hi``) reads ``folded`` once folded."""
    from reader.folding import fold_key

    end = start + len(folded)
    return end <= hi and fold_key(text[start:end]) == folded


def _ambiguities(result: ConvertedText) -> list[Substitution]:
    """Characters of a Simplified source whose Traditional form depends on the meaning, which
    no phrase (of OpenCC, the corrections or the glossary) decided: left as the library has them,
    and marked."""
    from reader.lexicon import S2T_CONFIGS

    if result.config not in S2T_CONFIGS:
        return []
    out = []
    src, txt, cs, ce = result.source, result.text, result._cs, result._ce
    for m in AMBIGUOUS_PATTERN.finditer(src):
        p = m.start()
        i = bisect.bisect_right(cs, p) - 1
        if i >= 0 and p < ce[i]:
            continue  # inside a phrase: decided there
        v = result.view_point(p)
        out.append(Substitution(v, v + 1, p, p + 1, src[p], txt[v], "ambiguity"))
    return out


_CACHE_SIZE = 24
_cache: OrderedDict[tuple[str, Plan, str, str], ConvertedText] = OrderedDict()
_cache_lock = threading.Lock()


def clear_caches() -> None:
    """Forget every cached conversion (the dictionaries stay loaded)."""
    with _cache_lock:
        _cache.clear()


clear_cache = clear_caches


def convert_text(
    text: str, config: str | Plan | None, glossary: Glossary | None = None
) -> ConvertedText:
    """``text`` converted with an OpenCC configuration (``None``: identity) and the glossary.

    A configuration name alone is the library's conversion exactly (every table, IT entries
    included; no lexicon, corrections or quotes); a :class:`Plan` adds Meipi's layers."""
    plan = config if isinstance(config, Plan) else Plan(config)
    version = glossary.version if glossary is not None and not _glossary_empty(glossary) else ""
    key = (text, plan, version, ENGINE_VERSION)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    result = _convert_uncached(text, plan, glossary if version else None)
    with _cache_lock:
        _cache[key] = result
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def _glossary_empty(glossary: Glossary) -> bool:
    return not (glossary.keeps or glossary.conversions)


def document_view(
    doc: Document,
    view_id: str,
    glossary: Glossary | None = None,
    settings: ScriptSettings | None = None,
) -> View:
    """``doc`` in the script view ``view_id`` (see ``reader.views``) with Meipi's layers and the
    text's ``settings``; 原文 ignores the glossary."""
    from reader.views import check_view

    check_view(view_id)
    if view_id == "original":
        return View(convert_text(doc.text, None, None), view_id, doc.id)
    plan = plan_for(view_id, doc.meta.script, settings)
    return View(convert_text(doc.text, plan, glossary), view_id, doc.id)


def warm_up(source_scripts: tuple[str, ...] = ("zh-Hant-TW",)) -> None:
    """Load the dictionaries of every view of those source scripts (for a background thread at
    start-up, so the first switch to a view pays only for the conversion)."""
    from reader.views import CONFIGS

    for view_id, per_source in CONFIGS.items():
        for script, config in per_source.items():
            if config and script in source_scripts:
                conv = converter(config, prose=True)  # what the views convert with
                conv.char_reachable("甲", "乙")  # builds the character tables too
                convert_text("甲", plan_for(view_id, script))  # the lexicon and corrections


# --- measurement ----------------------------------------------------------------------------


def measure_conversion(text: str, config: str, repeat: int = 5) -> dict[str, Any]:
    """Timings (seconds, median of ``repeat``) for the benchmark: the library's bare
    ``convert()`` against ours with the map, cold (nothing cached but the dictionaries) and warm
    (the conversion cache), plus the one-time cost of loading our dictionaries.

    Ours is the view as the reader sees it: the view that uses ``config`` for a Taiwan text
    (tw2sp: 简体（大陆用语）) with every layer — IT vocabulary out, lexicon, corrections, quotes
    (``ours_engine_s``: the library layer alone, for comparison)."""
    from opencc import OpenCC

    from reader import script_engine

    def median(fn: Any) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    from reader.views import CONFIGS

    view_id = next((v for v, per in CONFIGS.items() if per.get("zh-Hant-TW") == config), None)
    view_id = view_id or next(v for v, per in CONFIGS.items() if config in per.values())
    source = next(sc for sc, c in CONFIGS[view_id].items() if c == config)
    plan = plan_for(view_id, source)
    with script_engine._converters_lock:
        script_engine._converters.pop(config, None)
        script_engine._converters.pop(config + script_engine.PROSE_SUFFIX, None)
        script_engine._stages.clear()
    _layer_matcher.cache_clear()
    t0 = time.perf_counter()
    converter(config)
    convert_text("建立", plan)  # the prose tables, the lexicon and the corrections
    load = time.perf_counter() - t0

    library = OpenCC(config)
    library.convert("")  # dictionaries loaded outside the timing
    bare = median(lambda: library.convert(text))

    def cold() -> None:
        clear_caches()
        convert_text(text, plan).to_view(0, 0)

    def engine_only() -> None:
        clear_caches()
        convert_text(text, config).to_view(0, 0)

    ours_cold = median(cold)
    ours_engine = median(engine_only)
    convert_text(text, plan)
    ours_warm = median(lambda: convert_text(text, plan))
    view = convert_text(text, plan)
    return {
        "config": config,
        "view": view_id,
        "characters": len(text),
        "library_convert_s": bare,
        "ours_cold_s": ours_cold,
        "ours_engine_s": ours_engine,
        "ours_warm_s": ours_warm,
        "ours_load_dictionaries_s": load,
        "speedup": bare / ours_cold if ours_cold else None,
        "segments_stored": len(view._cs),
        "substitutions": len(view.substitutions),
        "layers": view.layer_counts(),
        "engine": ENGINE_VERSION,
    }

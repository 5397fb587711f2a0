"""Re-anchoring annotations when a document's text changed.

An annotation is anchored by canonical offsets *and* by its quote with 32 characters of prefix
and suffix. When the text differs from the snapshot the annotations were made on, each anchor is
placed again, in order of confidence:

1. **mapped**: the old offsets carried through a diff of old and new text (diff-match-patch)
   still cover exactly the quote;
2. **exact**: the quote occurs in the new text; among several occurrences the one whose
   surroundings best match the stored prefix and suffix, then the one nearest the mapped
   position, wins — a short quote (under 12 characters: a name, a term, which recur) only
   when at least 4 characters of its stored context surround it;
3. **fuzzy**: the quote's head and tail are found approximately near the mapped position
   (``match_main``, Bitap) and the text between them is similar enough to the quote; failing
   that, the stored prefix and suffix bracket a passage similar enough to the quote;
4. otherwise the annotation is an **orphan**: kept with its quote, note and tags, flagged, never
   deleted (and tried again whenever the text changes).

Pure functions over strings; the store applies the placements (``annotations.sync_document``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from reader.radicals import unify

CONTEXT = 32
SIMILARITY = 0.75  # of a fuzzily placed passage to the stored quote (1 - edits / length)
DISTINCTIVE = 12  # a quote this long is placed on its own; a shorter one needs context:
MIN_CONTEXT = 4  # characters of the stored prefix and suffix found around it


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    anchor: Anchor | None  # None: an orphan
    how: str  # "mapped", "exact", "fuzzy" or "orphan"


def anchor_at(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]`` with its context."""
    return Anchor(
        start,
        end,
        text[start:end],
        text[max(0, start - CONTEXT) : start],
        text[end : end + CONTEXT],
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


class _Placer:
    def __init__(self, old_text: str, new_text: str) -> None:
        self.new = new_text
        # The text as compared with a quote: a radical some PDFs write for an ideograph (⽇ for
        # 日) is the ideograph, so a text imported again with its radicals mapped keeps every
        # annotation where it was (the mapping keeps offsets).
        self.new_key = unify(new_text)[0]
        self.dmp = diff_match_patch()
        self.dmp.Diff_Timeout = 2.0
        self.diffs = self.dmp.diff_main(old_text, new_text, False)
        self.dmp.Match_Threshold = 0.35
        self.dmp.Match_Distance = max(1000, len(new_text) // 4)

    def _map(self, offset: int) -> int:
        return int(self.dmp.diff_xIndex(self.diffs, offset))

    def _similarity(self, a: str, b: str) -> float:
        if not a and not b:
            return 1.0
        diffs = self.dmp.diff_main(a, b, False)
        distance = int(self.dmp.diff_levenshtein(diffs))
        return 1.0 - distance / max(len(a), len(b))

    def place(self, anchor: Anchor) -> Placement:
        new = self.new
        hint = min(max(self._map(anchor.start), 0), len(new))
        end_hint = min(max(self._map(anchor.end), hint), len(new))
        quote, key = anchor.quote, self.new_key
        quote_key = unify(quote)[0]
        if quote and key[hint:end_hint] == quote_key:
            return Placement(anchor_at(new, hint, end_hint), "mapped")
        # Text inserted right at an edge of the passage: the diff leaves it inside the span.
        if quote and key[hint : hint + len(quote)] == quote_key:
            return Placement(anchor_at(new, hint, hint + len(quote)), "mapped")
        if quote and end_hint >= len(quote) and key[end_hint - len(quote) : end_hint] == quote_key:
            return Placement(anchor_at(new, end_hint - len(quote), end_hint), "mapped")
        exact = self._exact(anchor, hint)
        if exact is not None:
            return Placement(anchor_at(new, exact, exact + len(anchor.quote)), "exact")
        fuzzy = self._fuzzy(anchor, hint)
        if fuzzy is not None:
            return Placement(anchor_at(new, *fuzzy), "fuzzy")
        return Placement(None, "orphan")

    def _context_score(self, anchor: Anchor, start: int, end: int) -> int:
        """How many characters of the stored prefix and suffix surround ``[start, end)``."""
        before, after = self.new[max(0, start - CONTEXT) : start], self.new[end : end + CONTEXT]
        # At the very start or end of the text, agreeing there counts as full context.
        left = CONTEXT if before == anchor.prefix else _common_suffix(before, anchor.prefix)
        right = CONTEXT if after == anchor.suffix else _common_prefix(after, anchor.suffix)
        return left + right

    def _credible(self, anchor: Anchor, start: int, end: int) -> bool:
        """A short quote (a name, a term) recurs: placing it needs some of its surroundings."""
        if len(anchor.quote) >= DISTINCTIVE or not (anchor.prefix or anchor.suffix):
            return True
        return self._context_score(anchor, start, end) >= MIN_CONTEXT

    def _exact(self, anchor: Anchor, hint: int) -> int | None:
        quote, new = anchor.quote, self.new
        if not quote:
            return None
        best: tuple[int, int, int] | None = None  # (-context score, distance, position)
        pos = new.find(quote)
        while pos != -1:
            score = self._context_score(anchor, pos, pos + len(quote))
            key = (-score, abs(pos - hint), pos)
            if best is None or key < best:
                best = key
            pos = new.find(quote, pos + 1)
        if best is None or not self._credible(anchor, best[2], best[2] + len(quote)):
            return None
        return best[2]

    def _accept(self, anchor: Anchor, start: int, end: int) -> tuple[int, int] | None:
        quote = anchor.quote
        if not 0 <= start < end <= len(self.new):
            return None
        if not 0.5 <= (end - start) / max(1, len(quote)) <= 1.5:
            return None
        if self._similarity(quote, self.new[start:end]) < SIMILARITY:
            return None
        return (start, end) if self._credible(anchor, start, end) else None

    def _match(self, pattern: str, loc: int) -> int:
        loc = min(max(loc, 0), len(self.new))
        try:
            return int(self.dmp.match_main(self.new, pattern, loc))
        except ValueError:
            return -1

    def _fuzzy(self, anchor: Anchor, hint: int) -> tuple[int, int] | None:
        quote = anchor.quote
        bits = self.dmp.Match_MaxBits
        if quote:
            head = quote[:bits]
            start = self._match(head, hint)
            if start != -1:
                tail = quote[-bits:]
                tail_at = self._match(tail, start + len(quote) - len(tail))
                end = tail_at + len(tail) if tail_at != -1 else start + len(quote)
                found = self._accept(anchor, start, end)
                if found:
                    return found
        # The surroundings survived but the passage itself changed.
        if anchor.prefix and anchor.suffix:
            before = anchor.prefix[-bits:]
            p = self._match(before, hint - len(before))
            if p != -1:
                start = p + len(before)
                after = anchor.suffix[:bits]
                s = self._match(after, start + len(quote))
                if s != -1:
                    return self._accept(anchor, start, s)
        return None


def reanchor(old_text: str, new_text: str, anchors: Sequence[Anchor]) -> list[Placement]:
    """Where each anchor made on ``old_text`` lies in ``new_text`` (one placement per anchor)."""
    placer = _Placer(old_text, new_text)
    return [placer.place(a) for a in anchors]

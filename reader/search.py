"""Search that ignores script, width, case and regional wording.

A query is folded (``reader.folding.fold_text``: NFKC, case folding, character-level
Traditional→Simplified folding, whitespace ignored) and matched two ways:

(a) against the folded text of every script view of the document, each hit mapped back through
    that view's offset map — so 格鲁吉亚, which the 简体（大陆用语） view shows, finds 喬治亞;
(b) against the folded canonical text, through the fold's own offset map.

The regional lexicon's spellings of one name (普京 = 普丁 = 普京, ``reader.lexicon``) and the user's
glossary equivalences widen the query into its variants before matching.
Hits are canonical ranges, merged when several ways find the same place, in text order; each is
then presented in the requested view (its range, text and context there) with its page.

Folded texts are built once per (document text, view, glossary version) and cached, so repeated
queries cost a few string searches over already-folded text.

For the window's find bar: :func:`search_document` (one document, hits in a view),
:func:`matches_in_view` (the same hits after a view switch), :func:`search` (several documents,
hits grouped by document in library order).

Over 600 lines as one job: finding a query's places in folded texts; the query's variants, the
per-document indexes and the library-wide search all share the fold and the ``SearchIndex``
they match against.
"""

from __future__ import annotations

import itertools
import statistics
import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, NamedTuple, Protocol

from reader.documents import Document, Library
from reader.errors import InputError
from reader.folding import Folded, fold_query, fold_text
from reader.glossary import EMPTY, Glossary
from reader.views import VIEW_IDS, check_view

# Characters of context on each side of a hit (never across a block break).
CONTEXT = 20
# A query with several glossary spellings in it expands to at most this many variants.
MAX_VARIANTS = 64
# How many folded texts (document × view) stay cached.
CACHE_SIZE = 48

CANONICAL = "folded"  # the name of way (b)
# Window widths kept per view (see SearchIndex); longer queries search the whole view.
WINDOW_MARGINS = (0, 1, 3, 7, 15, 31)
# Separates windows; a folded text holding it is searched whole.
SENTINEL = "\x00"


class ViewLike(Protocol):
    """What search needs of a script view (``reader.script.View``)."""

    @property
    def text(self) -> str: ...

    def to_view(self, start: int, end: int) -> tuple[int, int]: ...

    def to_canonical(self, start: int, end: int) -> tuple[int, int]: ...

    def stored_segments(self) -> Sequence[SegmentLike]: ...


class SegmentLike(Protocol):
    """A stretch of canonical text and what a view shows for it (``reader.script.Segment``)."""

    @property
    def canon_start(self) -> int: ...

    @property
    def canon_end(self) -> int: ...

    @property
    def view_start(self) -> int: ...

    @property
    def view_end(self) -> int: ...


class Match(NamedTuple):
    """One place a query was found (fields in the order of the contract's JSON).

    ``start``/``end`` are canonical offsets; ``view_start``/``view_end``, ``text``, ``before`` and
    ``after`` are in the view the search was made for; ``page`` is the printed page of ``start``.
    A named tuple because a one-character query can find thousands of places.
    """

    document: str
    start: int
    end: int
    view_start: int
    view_end: int
    page: int
    text: str
    before: str
    after: str

    def to_json(self) -> dict[str, Any]:
        """The contract's search match object."""
        return self._asdict()


# ---------------------------------------------------------------------------------------------
# Queries and the glossary


def _equivalence_classes(glossary: Glossary) -> dict[str, frozenset[str]]:
    """Folded spelling -> every folded spelling declared the same name (transitively)."""
    parent: dict[str, str] = dict(_lexicon_parent())

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in glossary.equivalences:
        fa, fb = fold_query(a), fold_query(b)
        if fa and fb and fa != fb:
            parent[root(fa)] = root(fb)
    groups: dict[str, set[str]] = {}
    for spelling in parent:
        groups.setdefault(root(spelling), set()).add(spelling)
    return {s: frozenset(groups[root(s)]) for s in parent}


_LEXICON_PARENT: dict[str, str] | None = None


def _lexicon_parent() -> dict[str, str]:
    """The regional lexicon's spellings as a union-find forest (普京 = 普丁 = 普京 out of the box;
    built once, copied per query so that the user's equivalences join it)."""
    global _LEXICON_PARENT
    if _LEXICON_PARENT is None:
        _LEXICON_PARENT = lexicon_parent()
    return _LEXICON_PARENT


def use_lexicon_parent(parent: dict[str, str]) -> None:
    """Take :func:`lexicon_parent` as it was built before (``reader.search_index`` keeps it in
    its cache, made under a signature of the lexicon's data and of this code): reading the
    lexicon and folding its spellings cost a command-line search a tenth of its time."""
    global _LEXICON_PARENT
    _LEXICON_PARENT = parent


def lexicon_parent() -> dict[str, str]:
    """:func:`_lexicon_parent` built from the lexicon."""
    from reader.lexicon import equivalence_groups

    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for group in equivalence_groups():
        folded = [f for f in dict.fromkeys(fold_query(g) for g in group) if f]
        for other in folded[1:]:
            ra, rb = root(folded[0]), root(other)
            if ra != rb:
                parent[ra] = rb
    return {x: root(x) for x in parent}


def check_query(query: str) -> str:
    """The folded query; raises :class:`InputError` when it is empty once spaces are ignored."""
    folded = fold_query(query)
    if not folded:
        raise InputError("The search query is empty; give a word or phrase to find.")
    return folded


def query_variants(query: str, glossary: Glossary | None = None) -> list[str]:
    """The folded query, then the folded spellings the glossary makes equivalent to it.

    Each place where a declared spelling occurs in the query (longest first, left to right) may be
    replaced by any spelling of its class: 普京訪華 with 普京 = 普丁 gives 普京访华 and 普丁访华.
    Raises :class:`InputError` when the query is empty once spaces are ignored.
    """
    folded = check_query(query)
    classes = _equivalence_classes(glossary or EMPTY)
    if not classes:
        return [folded]
    spellings = sorted(classes, key=len, reverse=True)
    options: list[list[str]] = []
    literal = 0
    i = 0
    while i < len(folded):
        spelling = next((s for s in spellings if folded.startswith(s, i)), None)
        if spelling is None:
            i += 1
            continue
        options.append([folded[literal:i]])
        options.append([spelling, *sorted(classes[spelling] - {spelling})])
        i += len(spelling)
        literal = i
    options.append([folded[literal:]])
    variants = [
        "".join(parts) for parts in itertools.islice(itertools.product(*options), MAX_VARIANTS)
    ]
    return list(dict.fromkeys(variants))


# ---------------------------------------------------------------------------------------------
# Indexes: a folded text and its way back to canonical offsets


class SearchIndex:
    """The folded form of one text of a document (its canonical text, or one view's text).

    A view's index also keeps *windows*: the stretches of its folded text around the places
    where it folds differently from the canonical text (a phrase the view rewords, a character
    that folds to something else). Anywhere else the view finds exactly what the folded
    canonical text finds, so a short query looks only inside the windows; windows are kept
    for a few widths (a query of folded length ``L`` needs ``L - 1`` characters each side).
    """

    def __init__(
        self,
        name: str,
        source: str,
        view: ViewLike | None = None,
        canonical: Folded | None = None,
    ) -> None:
        self.name = name
        self.view = view
        self.folded: Folded = fold_text(source)
        # margin -> (window text, window starts in it, the same starts in folded text), built
        # the first time a query of that length comes
        self._windows: dict[int, tuple[str, array[int], array[int]]] = {}
        # Restored from the cache for one search (``restored``): windows are not built (see
        # ``_windowed_occurrences``), only the occurrences found are checked.
        self._once = False
        self._regions: array[int] | None = None  # folded (start, end) pairs, flattened
        # the regions' starts in order, and how far the regions up to each one reach
        self._reach: tuple[array[int], array[int]] | None = None  # regions' starts, ends
        if view is not None and canonical is not None and SENTINEL not in self.folded.text:
            self._regions = self._folded_regions(
                _differing_view_ranges(canonical, view, self.folded)
            )

    @classmethod
    def restored(
        cls, name: str, folded: Folded, view: ViewLike | None, regions: array[int] | None
    ) -> SearchIndex:
        """An index as it was built (``reader.search_index`` keeps what ``find`` reads: the folded
        text and its map, the view's way back to canonical offsets, the differing regions)."""
        index = cls.__new__(cls)
        index.name = name
        index.view = view
        index.folded = folded
        index._windows = {}
        index._regions = regions
        index._reach = None
        index._once = True
        return index

    def _folded_regions(self, view_ranges: list[tuple[int, int]]) -> array[int]:
        """View ranges -> folded (start, end) pairs, flattened, in order and disjoint
        (overlapping ones merged; a range folding to nothing is dropped)."""
        offsets = self.folded.offsets
        out = array("i")
        for vs, ve in sorted(view_ranges):
            fs, fe = offsets[vs], offsets[ve]
            if fs >= fe:
                continue
            if out and fs < out[-1]:
                out[-1] = max(out[-1], fe)
            else:
                out.append(fs)
                out.append(fe)
        return out

    def _near_regions(self, needle: str, margin: int) -> bool:
        """Whether some occurrence of ``needle`` in the folded text (overlapping ones too)
        meets a region's window (``margin`` characters each side). An occurrence the windows
        hold is one, so when none meets a window, the windows find nothing."""
        text = self.folded.text
        i = text.find(needle)
        if i == -1:
            return False
        if self._reach is None:
            # in order and disjoint (``_folded_regions``): the ends are in order too
            regions = self._regions or array("i")
            self._reach = (regions[::2], regions[1::2])
        starts, reach = self._reach
        size = len(needle)
        while i != -1:
            # the regions starting before the occurrence's end (and its margin) reach past
            # its start (less the margin)?
            k = bisect_left(starts, i + size + margin)
            if k and reach[k - 1] + margin > i:
                return True
            i = text.find(needle, i + 1)
        return False

    def _windowed_occurrences(self, needle: str, margin: int) -> list[int]:
        """What ``_window_occurrences`` finds in the windows of ``margin`` (the occurrences
        lying wholly in a window, leftmost first, none overlapping the one before), found
        in the whole folded text and each checked against the regions near it: a search
        across a library matches each view once, and building its windows costs more than
        the search (a view of 12,000 characters has about a thousand regions)."""
        text, size = self.folded.text, len(needle)
        if self._reach is None:
            regions = self._regions or array("i")
            self._reach = (regions[::2], regions[1::2])
        starts, ends = self._reach
        aligned = None if self.folded.simple else self.folded.aligned
        out: list[int] = []
        i = text.find(needle)
        while i != -1:
            j = i + size
            if _covered(starts, ends, i, j, margin) and (aligned is None or aligned(i, j)):
                out.append(i)
                i = text.find(needle, j)
            else:
                i = text.find(needle, i + 1)
        return out

    def _window_text(self, regions: array[int], margin: int) -> tuple[str, array[int], array[int]]:
        """The folded text around ``regions`` (``margin`` characters each side, overlapping or
        touching windows merged, in the regions' order), joined by ``SENTINEL``; with each
        window's start in it and in the folded text."""
        text = self.folded.text
        size = len(text)
        # Comprehensions and accumulate rather than one loop: a view of 12,000 characters has
        # about a thousand regions, and a search across a library restores thousands of views.
        ws = [fs - margin if fs > margin else 0 for fs in regions[::2]]
        we = [fe + margin if fe + margin < size else size for fe in regions[1::2]]
        if not ws:
            return "", array("i"), array("i")
        reach = list(accumulate(we, max))  # how far the window holding each region reaches
        firsts = [0, *(k for k, (w, r) in enumerate(zip(ws[1:], reach, strict=False), 1) if w > r)]
        lasts = [k - 1 for k in firsts[1:]]
        lasts.append(len(ws) - 1)
        starts = [ws[k] for k in firsts]
        ends = [reach[k] for k in lasts]
        pieces = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        # arrays, not lists: a long reworded text has 100,000 windows
        window_starts = array(
            "i",
            accumulate(
                (b - a + len(SENTINEL) for a, b in zip(starts, ends, strict=True)), initial=0
            ),
        )
        window_starts.pop()
        return SENTINEL.join(pieces), window_starts, array("i", starts)

    def find(self, folded_query: str) -> list[tuple[int, int]]:
        """Canonical ranges of the non-overlapping whole-unit occurrences of ``folded_query``
        (for a view: those that may differ from what the folded canonical text finds)."""
        size = len(folded_query)
        margin = next((m for m in WINDOW_MARGINS if m >= size - 1), None)
        if margin is None or self._regions is None or SENTINEL in folded_query:
            positions = _occurrences(self.folded, self.folded.text, folded_query)
        elif not self._near_regions(folded_query, margin):
            return []  # no window can hold it: none is built (a search across a library)
        elif self._once:
            positions = self._windowed_occurrences(folded_query, margin)
        else:
            windows = self._windows.get(margin)
            if windows is None:
                windows = self._windows[margin] = self._window_text(self._regions, margin)
            positions = _window_occurrences(self.folded, windows, folded_query)
        starts, ends = self.folded.starts, self.folded.ends
        hits = [(starts[i], ends[i + size - 1]) for i in positions]
        if self.view is not None:
            to_canonical = self.view.to_canonical
            hits = [to_canonical(s, e) for s, e in hits]
        return hits


def _covered(starts: array[int], ends: array[int], i: int, j: int, margin: int) -> bool:
    """Whether ``[i, j)`` lies wholly in the windows of the regions ``starts``/``ends`` (in
    order and disjoint): each region with ``margin`` characters each side, windows that
    overlap or touch joined into one."""
    k = bisect_right(ends, i - margin)  # the first region whose window reaches past i
    cover = i
    while k < len(starts):
        window_start = starts[k] - margin
        if window_start > cover or window_start >= j:
            return False
        cover = max(cover, ends[k] + margin)
        if cover >= j:
            return True
        k += 1
    return False


def _occurrences(folded: Folded | None, haystack: str, needle: str) -> list[int]:
    """Start positions of the non-overlapping occurrences of ``needle``; with ``folded``, only
    those that begin and end on whole units of the source."""
    find = haystack.find
    size = len(needle)
    out: list[int] = []
    i = find(needle)
    if folded is None or folded.simple:
        while i != -1:
            out.append(i)
            i = find(needle, i + size)
        return out
    starts = folded.starts
    last = len(haystack)
    while i != -1:
        j = i + size
        # Folded.aligned, inlined: this loop runs once per occurrence.
        if (i == 0 or starts[i - 1] != starts[i]) and (j == last or starts[j] != starts[j - 1]):
            out.append(i)
            i = find(needle, j)
        else:
            i = find(needle, i + 1)
    return out


def _window_occurrences(
    folded: Folded, windows: tuple[str, array[int], array[int]], needle: str
) -> list[int]:
    """Like :func:`_occurrences` in the folded text, but only inside the windows."""
    window_text, window_starts, folded_starts = windows
    find = window_text.find
    size = len(needle)
    simple = folded.simple
    out: list[int] = []
    i = find(needle)
    while i != -1:
        k = bisect_right(window_starts, i) - 1
        p = folded_starts[k] + i - window_starts[k]
        if simple or folded.aligned(p, p + size):
            out.append(p)
            i = find(needle, i + size)
        else:
            i = find(needle, i + 1)
    return out


def _differing_view_ranges(
    canonical: Folded, view: ViewLike, shown: Folded
) -> list[tuple[int, int]]:
    """View ranges whose fold may differ from the fold of the canonical text they show.

    ``canonical`` and ``shown`` are the folded canonical and view texts. Between the view's
    stored segments, canonical and view characters correspond one to one; a stretch whose
    folds differ is halved until the differing characters are found (slices compare at C
    speed, so a long identical stretch costs one comparison), and a short one is compared
    character by character: only the characters that fold differently are flagged (a range
    flagged in excess would make ``reader.search_index`` decompress a view for a word that
    merely stands next to a reworded one — 着重 in 着重在能源 — so a common word decompressed
    the views of hundreds of texts). A differing character is never missed.
    """
    c_offsets, c_text = canonical.offsets, canonical.text
    v_offsets, v_text = shown.offsets, shown.text
    out: list[tuple[int, int]] = []

    def same(c0: int, c1: int, v0: int, v1: int) -> bool:
        return c_text[c_offsets[c0] : c_offsets[c1]] == v_text[v_offsets[v0] : v_offsets[v1]]

    def one_to_one(c0: int, c1: int, v0: int) -> None:
        while c0 < c1:
            if same(c0, c1, v0, v0 + c1 - c0):
                return
            if c1 - c0 <= 8:
                # Each run of differing characters as one range (fewer ranges for the search
                # of a document to look around: one range per character cost it a third more).
                start = -1
                for k in range(c1 - c0 + 1):
                    differs = k < c1 - c0 and not same(c0 + k, c0 + k + 1, v0 + k, v0 + k + 1)
                    if differs and start < 0:
                        start = k
                    elif not differs and start >= 0:
                        if out and out[-1][1] == v0 + start:
                            out[-1] = (out[-1][0], v0 + k)  # joins the run just before
                        else:
                            out.append((v0 + start, v0 + k))
                        start = -1
                return
            mid = (c0 + c1) // 2
            one_to_one(c0, mid, v0)
            c0, v0 = mid, v0 + mid - c0

    c = v = 0
    for seg in view.stored_segments():
        one_to_one(c, seg.canon_start, v)
        if not same(seg.canon_start, seg.canon_end, seg.view_start, seg.view_end):
            out.append((seg.view_start, seg.view_end))
        c, v = seg.canon_end, seg.view_end
    one_to_one(c, canonical.source_length, v)
    return out


_CACHE: OrderedDict[tuple[str, str, str, str], SearchIndex | None] = OrderedDict()
_LOCK = threading.RLock()


def clear_caches() -> None:
    """Forget every folded text (benchmarks measure a cold build with this)."""
    with _LOCK:
        _CACHE.clear()


def _document_view(doc: Document, view_id: str, glossary: Glossary) -> ViewLike:
    from reader.script import document_view

    view: ViewLike = document_view(doc, view_id, glossary)
    return view


def _cached(key: tuple[str, str, str, str], build: Any) -> SearchIndex | None:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    index: SearchIndex | None = build()
    with _LOCK:
        _CACHE[key] = index
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return index


def canonical_index(doc: Document) -> SearchIndex:
    """Way (b): the folded canonical text (no glossary affects it)."""
    index = _cached((doc.text, "", CANONICAL, ""), lambda: SearchIndex(CANONICAL, doc.text))
    assert index is not None
    return index


def view_index(doc: Document, view_id: str, glossary: Glossary) -> SearchIndex | None:
    """Way (a) for one view, or ``None`` when the view shows exactly the canonical text (way (b)
    already covers it)."""

    def build() -> SearchIndex | None:
        view = _document_view(doc, view_id, glossary)
        if view.text == doc.text:
            return None
        return SearchIndex(view_id, view.text, view, canonical_index(doc).folded)

    return _cached((doc.text, doc.meta.script, view_id, glossary.version), build)


def document_indexes(doc: Document, glossary: Glossary | None = None) -> list[SearchIndex]:
    """Every distinct folded text of ``doc``: the canonical one, then each view that differs."""
    glossary = glossary or EMPTY
    indexes = [canonical_index(doc)]
    seen = {indexes[0].folded.text}
    for view_id in VIEW_IDS:
        if view_id == "original":
            continue
        index = view_index(doc, view_id, glossary)
        if index is not None and index.folded.text not in seen:
            seen.add(index.folded.text)
            indexes.append(index)
    return indexes


# ---------------------------------------------------------------------------------------------
# Matching


def find_places(
    doc: Document, query: str, glossary: Glossary | None = None
) -> list[tuple[int, int]]:
    """Canonical ranges where ``query`` (or a glossary spelling of it) is found, in text order.

    Where several ways find one place it is listed once: the folded canonical text's own hit
    wins (it is exact: 亞 is 亞, not the whole 喬治亞 that the 简体（大陆用语） view shows as
    格鲁吉亚), and a view adds only the places the canonical text cannot find.
    """
    glossary = glossary or EMPTY
    return places_in(document_indexes(doc, glossary), query_variants(query, glossary))


def places_in(indexes: Sequence[SearchIndex], variants: Sequence[str]) -> list[tuple[int, int]]:
    """:func:`find_places` over a document's indexes (the folded canonical text first, then each
    view that differs) for the folded ``variants`` of a query (``reader.search_index`` restores
    the indexes from its cache and calls this, so both ways find exactly the same places)."""
    if len(variants) == 1:
        # One folded needle in one text: already in order and non-overlapping.
        places = indexes[0].find(variants[0])
    else:
        exact: set[tuple[int, int]] = set()
        for variant in variants:
            exact.update(indexes[0].find(variant))
        places = _leftmost_widest(exact)
    extra: set[tuple[int, int]] = set()
    for index in indexes[1:]:
        for variant in variants:
            extra.update(index.find(variant))
    if not extra:
        return places
    starts = [s for s, _ in places]
    added = []
    for s, e in _leftmost_widest(extra):
        k = bisect_right(starts, s) - 1
        if k >= 0 and places[k][1] > s:
            continue
        if k + 1 < len(places) and places[k + 1][0] < e:
            continue
        added.append((s, e))
    return sorted(places + added)


def _leftmost_widest(found: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping ranges: leftmost first, the widest of those starting together; a range
    overlapping one already taken is left out (an overlapping repeat is not shown twice)."""
    places: list[tuple[int, int]] = []
    last_start = last_end = -1
    for s, e in sorted(found):
        if s >= last_end:
            places.append((s, e))
            last_start, last_end = s, e
        elif s == last_start:  # same start, wider (sorted): it replaces the narrower one
            places[-1] = (s, e)
            last_end = e
    return places


def _present(
    doc: Document, places: Iterable[tuple[int, int]], view_id: str, glossary: Glossary
) -> list[Match]:
    """Matches for canonical places, with range, text and context in view ``view_id``."""
    text = doc.text
    to_view: Callable[[int, int], tuple[int, int]] | None = None
    if view_id != "original":
        view = _document_view(doc, view_id, glossary)
        text, to_view = view.text, view.to_view
    page_starts = [p.start for p in doc.pages]
    page_numbers = [p.number for p in doc.pages] or [doc.meta.first_page]
    doc_id = doc.id
    rfind, find = text.rfind, text.find
    size = len(text)
    matches: list[Match] = []
    new = tuple.__new__  # Match(...) without the keyword parsing: thousands of hits for 的
    for start, end in places:
        vs, ve = to_view(start, end) if to_view is not None else (start, end)
        lo = vs - CONTEXT
        line = rfind("\n", lo if lo > 0 else 0, vs) + 1
        if line > lo:
            lo = line
        hi = ve + CONTEXT
        line = find("\n", ve, hi)
        if line != -1:
            hi = line
        elif hi > size:
            hi = size
        page = page_numbers[max(0, bisect_right(page_starts, start) - 1)]
        matches.append(
            new(Match, (doc_id, start, end, vs, ve, page, text[vs:ve], text[lo:vs], text[ve:hi]))
        )
    return matches


def search_document(
    doc: Document, query: str, *, view_id: str = "original", glossary: Glossary | None = None
) -> list[Match]:
    """Every place of ``query`` in ``doc``, presented in view ``view_id``, in text order."""
    check_view(view_id)
    glossary = glossary or EMPTY
    return _present(doc, find_places(doc, query, glossary), view_id, glossary)


def matches_in_view(
    doc: Document, matches: Iterable[Match], view_id: str, glossary: Glossary | None = None
) -> list[Match]:
    """The same hits presented in another view (the find bar after a view switch)."""
    check_view(view_id)
    places = [(m.start, m.end) for m in matches if m.document == doc.id]
    return _present(doc, places, view_id, glossary or EMPTY)


def _documents(
    library_or_docs: Library | Document | Iterable[Document], ids: Sequence[str] | None
) -> list[Document]:
    if isinstance(library_or_docs, Document):
        available = {library_or_docs.id: library_or_docs}
    elif isinstance(library_or_docs, Library):
        available = dict(library_or_docs.documents)
    else:
        available = {d.id: d for d in library_or_docs}
    if not ids:
        return list(available.values())
    library = Library(available, [])
    return [library.get(doc_id) for doc_id in dict.fromkeys(ids)]


def search(
    library_or_docs: Library | Document | Iterable[Document],
    query: str,
    *,
    docs: Sequence[str] | None = None,
    view_id: str = "original",
    glossary: Glossary | None = None,
) -> list[Match]:
    """Search several documents: matches grouped by document (library order, or the order of
    ``docs``), in text order within each. Unknown ids, views and empty queries raise
    :class:`InputError`."""
    check_view(view_id)
    glossary = glossary or EMPTY
    query_variants(query, glossary)  # an empty query is an error even with no documents
    matches: list[Match] = []
    for doc in _documents(library_or_docs, docs):
        matches.extend(search_document(doc, query, view_id=view_id, glossary=glossary))
    return matches


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass(frozen=True)
class SearchTiming:
    """Milliseconds. ``build_ms``: every index of the document built cold (the folded texts
    and view windows; a view conversion not already cached by ``reader.script`` is included).
    ``query_ms``/``query_cpu_ms``: median wall-clock and CPU time of a query on the built
    indexes (CPU time is what the machine's other work does not inflate)."""

    characters: int
    build_ms: float
    query_ms: float
    query_cpu_ms: float
    matches: int


def measure_search(
    doc: Document,
    query: str,
    *,
    view_id: str = "original",
    glossary: Glossary | None = None,
    repeat: int = 5,
) -> SearchTiming:
    """Time ``search_document`` on ``doc`` (clears this module's caches first)."""
    glossary = glossary or EMPTY
    clear_caches()
    t0 = time.perf_counter()
    document_indexes(doc, glossary)
    build = time.perf_counter() - t0
    walls, cpus = [], []
    matches: list[Match] = []
    for _ in range(max(1, repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        matches = search_document(doc, query, view_id=view_id, glossary=glossary)
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - t0)
    return SearchTiming(
        characters=len(doc.text),
        build_ms=build * 1000,
        query_ms=statistics.median(walls) * 1000,
        query_cpu_ms=statistics.median(cpus) * 1000,
        matches=len(matches),
    )

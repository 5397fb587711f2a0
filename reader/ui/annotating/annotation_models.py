"""Item models over the annotation store, for the sidebar, the tag manager and the filters.

``AnnotationListModel`` holds every annotation (all articles, in text order) as plain
``AnnotationRecord`` values and is updated incrementally: an edit of the window's own puts or
drops only its rows (``put``, ``drop``: 100,000 annotations stay cheap to keep current); a
refresh (another process's change) inserts, removes or changes only the rows that differ. The
folded texts of the text filter are made while the window is idle, a slice at a time. What the
filters and counts are made from (each field as a column, where each article's rows are, the
counts with no filter) follows a row put or dropped instead of being made again, and the proxy
says a row that came or went as such: an edit among 100,000 annotations costs milliseconds.
``AnnotationFilterProxy`` narrows it to one article, some colours, some tags (a parent includes
its children) and a free text matched script-insensitively (``reader.folding.fold_key`` on both
sides) over quotes, notes and tags. The tag tree and the colour list are
:mod:`~reader.ui.annotating.tag_models`'s; the colours themselves
:mod:`~reader.ui.annotating.palette`'s.

Over 600 lines as one job, the sidebar's list: the filter proxy reads the list model's rows,
revision and per-row facets directly to stay incremental, so the two are kept side by side.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import accumulate, chain, compress, islice, repeat
from operator import attrgetter, contains, eq, is_, ne
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QMetaObject,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
)

from reader.store.records import COLORS, NO_COLOR
from reader.ui.annotating.palette import swatch_icon

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord

Index = QModelIndex | QPersistentModelIndex


_FOLDED = attrgetter("folded")
_RECORD = attrgetter("record")
_IS_NONE = partial(is_, None)
FOLD_SLICE = 1000  # rows folded at a time while the window is idle (~15 ms)
_HAS = frozenset.__contains__


# Roles of AnnotationListModel.
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLOR_ROLE = Qt.ItemDataRole.UserRole + 3
TAGS_ROLE = Qt.ItemDataRole.UserRole + 4
NOTE_ROLE = Qt.ItemDataRole.UserRole + 5
PAGES_ROLE = Qt.ItemDataRole.UserRole + 6
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 7
MEANING_ROLE = Qt.ItemDataRole.UserRole + 8
ORPHANED_ROLE = Qt.ItemDataRole.UserRole + 9
PAGE_LABELS_ROLE = Qt.ItemDataRole.UserRole + 10  # printed labels of the first and last page


# Plain classes and a tuple, not dataclasses nor NamedTuples: made as the window gets ready,
# where Python 3.11 compiles each generated method of a dataclass (0.3-0.8 ms a class) and
# makes a NamedTuple's class in ~0.15 ms.
class ListRow:
    __slots__ = ("color", "facets", "folded", "quote", "record", "tag_keys")  # 100,000 rows

    def __init__(
        self,
        record: AnnotationRecord,
        quote: str | None = None,
        folded: str | None = None,
        tag_keys: tuple[str, ...] = (),
        facets: frozenset[str] = frozenset(),
        color: str = NO_COLOR,
    ) -> None:
        self.record = record
        self.quote = quote  # in the current view's script, computed when first shown
        self.folded = folded  # quote (both scripts), note and tags, folded for filtering
        self.tag_keys = tag_keys
        # Every tag key with its parents (a/b/c: a, a/b, a/b/c): what a tag filter and the
        # tag counts look at, made once per row, so filtering is a set test per row.
        self.facets = facets
        self.color = color


class Filter(tuple[str | None, frozenset[str], frozenset[str], tuple[str, ...]]):
    """What the sidebar shows: an article (None: all), colours, tag keys, folded words. (A
    tuple, compared and hashed as one; its class made in a tenth of a NamedTuple's time.)"""

    __slots__ = ()

    def __new__(
        cls,
        document: str | None = None,
        colors: frozenset[str] = frozenset(),
        tags: frozenset[str] = frozenset(),
        words: tuple[str, ...] = (),
    ) -> Filter:
        return tuple.__new__(cls, (document, colors, tags, words))

    def __getnewargs__(self) -> tuple[str | None, frozenset[str], frozenset[str], tuple[str, ...]]:
        return (self[0], self[1], self[2], self[3])  # (copied and pickled by its values)

    @property
    def document(self) -> str | None:
        return self[0]

    @property
    def colors(self) -> frozenset[str]:
        return self[1]

    @property
    def tags(self) -> frozenset[str]:
        return self[2]

    @property
    def words(self) -> tuple[str, ...]:
        return self[3]


class Counts(tuple[dict[str, int], dict[str, int], int, int]):
    """Per colour and per tag key (children included), how many annotations the other filters
    let through (what choosing it would show); how many pass every filter; how many the
    article has in all. (A tuple, compared as one, as Filter.)"""

    __slots__ = ()

    def __new__(
        cls, colors: dict[str, int], tags: dict[str, int], shown: int, total: int
    ) -> Counts:
        return tuple.__new__(cls, (colors, tags, shown, total))

    def __getnewargs__(self) -> tuple[dict[str, int], dict[str, int], int, int]:
        return (self[0], self[1], self[2], self[3])

    @property
    def colors(self) -> dict[str, int]:
        return self[0]

    @property
    def tags(self) -> dict[str, int]:
        return self[1]

    @property
    def shown(self) -> int:
        return self[2]

    @property
    def total(self) -> int:
        return self[3]


class AnnotationListModel(QAbstractListModel):
    """Every annotation, in text order (document, start, end, created, id), one per row.

    ``quote_for(record)`` gives the quote as it reads in the article's current view;
    ``labels_for(record)`` the printed labels of its first and last page (``i``, ``45``),
    else the stored page numbers are shown.
    """

    def __init__(
        self,
        quote_for: Callable[[AnnotationRecord], str] | None = None,
        parent: QObject | None = None,
        labels_for: Callable[[AnnotationRecord], tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[ListRow] = []
        self._quote_for = quote_for
        self._labels_for = labels_for
        self._meanings: dict[str, str] = {}
        self._spans: dict[str, tuple[int, int]] | None = None  # document -> its rows
        # Per article (None: all), the counts with no filter — per colour and per tag key
        # with its parents — kept across a row put or dropped (one edit among 100,000), where
        # the filtered counts are made again from the rows.
        self._plain: dict[str | None, tuple[Counter[str], Counter[str]]] = {}
        self._memos: dict[tuple[object, ...], Any] = {}
        self._memo_revision = -1
        self._columns: dict[str, list[Any]] = {}
        self._columns_revision = -1
        # (revision, first, end, the rows' folded texts joined by NULs, where each starts, the
        # texts)
        self._haystack: tuple[int, int, int, str, list[int], list[str]] | None = None
        # (revision, first, end, words, their rows counted from first): the last text filter
        self._last_text: tuple[int, int, int, tuple[str, ...], list[int]] | None = None
        self.revision = 0  # changes whenever rows, their quotes or their order change
        self._fold_timer: QTimer | None = None
        self._fold_from = 0  # the rows before it were folded by _fold_later's slices

    # -- reading -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.row_data(index.row(), role)

    def row_data(self, row: int, role: int) -> Any:
        """``data()`` of ``row`` (which exists), without making its index."""
        record = self._rows[row].record
        if role == Qt.ItemDataRole.DisplayRole:
            return self.quote(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.note or self.quote(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch_icon(record.color or NO_COLOR)
        if role == RECORD_ROLE:
            return record
        if role == ID_ROLE:
            return record.id
        if role == COLOR_ROLE:
            return record.color
        if role == TAGS_ROLE:
            return list(record.tags)
        if role == NOTE_ROLE:
            return record.note
        if role == PAGES_ROLE:
            return list(record.pages)
        if role == PAGE_LABELS_ROLE:
            if self._labels_for is not None:
                return self._labels_for(record)
            return str(record.pages[0]), str(record.pages[1])
        if role == DOCUMENT_ROLE:
            return record.document
        if role == MEANING_ROLE:
            return self._meanings.get(record.color or "", "")
        if role == ORPHANED_ROLE:
            return record.orphaned
        return None

    def record(self, row: int) -> AnnotationRecord:
        return self._rows[row].record

    def records(self, document: str | None = None) -> list[AnnotationRecord]:
        """Every annotation, or ``document``'s, in text order."""
        first, end = self.rows_of(document)
        return list(map(_RECORD, self._rows[first:end]))

    def row_of(self, annotation_id: str) -> int:
        ids: list[str] = self._column("id")
        try:
            return ids.index(annotation_id)
        except ValueError:
            return -1

    def quote(self, row: int) -> str:
        entry = self._rows[row]
        if entry.quote is None:
            entry.quote = self._quote_for(entry.record) if self._quote_for else entry.record.quote
        return entry.quote

    def folded(self, row: int) -> str:
        entry = self._rows[row]
        if entry.folded is None:
            self._fold([row])
        assert entry.folded is not None
        return entry.folded

    def _fold(self, rows: Iterable[int]) -> None:
        """The folded texts of these rows (not folded yet), folded in one pass."""
        missing = list(rows)
        texts = []
        for i in missing:
            r = self._rows[i].record
            quote = self.quote(i)
            parts = (
                (r.quote, quote, r.note or "", *r.tags)
                if quote != r.quote
                else (r.quote, r.note or "", *r.tags)
            )
            texts.append("\n".join(parts))
        from reader.folding import fold_keys  # (not needed before the first row)

        for i, folded in zip(missing, fold_keys(texts), strict=True):
            self._rows[i].folded = folded

    def _column(self, name: str) -> list[Any]:
        """One field of every row, in row order (``id``, ``document``, ``color``, ``facets``,
        ``folded``), made once per change of rows. Filters and counts run over these lists
        with ``map``, ``compress`` and ``Counter``, which loop in C: no Python statement per
        row, so 100,000 annotations filter in milliseconds."""
        if self._columns_revision != self.revision:
            self._columns = {}
            self._columns_revision = self.revision
        column = self._columns.get(name)
        if column is None:
            if name == "folded":
                column = list(map(_FOLDED, self._rows))
                if None in column:
                    self._fold(i for i, text in enumerate(column) if text is None)
                    column = list(map(_FOLDED, self._rows))
            elif name in ("id", "document"):
                column = list(map(attrgetter("record." + name), self._rows))
            else:
                column = list(map(attrgetter(name), self._rows))
            self._columns[name] = column
        return column

    def tag_keys(self, row: int) -> tuple[str, ...]:
        return self._rows[row].tag_keys

    def rows_of(self, document: str | None) -> tuple[int, int]:
        """The rows of ``document`` (None: all), as a range [first, end): rows are in text
        order, so each article's are together."""
        if document is None:
            return 0, len(self._rows)
        if self._spans is None:
            documents: list[str] = self._column("document")
            # Where each run of one article's rows starts: found in C, one step per article.
            starts = list(compress(range(len(documents)), map(ne, documents, [None, *documents])))
            ends = [*starts[1:], len(documents)] if starts else []
            spans: dict[str, tuple[int, int]] = {}
            for first, end in zip(starts, ends, strict=True):
                doc = documents[first]
                spans[doc] = (spans.get(doc, (first, end))[0], end)
            self._spans = spans
        return self._spans.get(document, (0, 0))

    def _text_rows(self, first: int, end: int, words: tuple[str, ...]) -> list[int]:
        """The rows in [first, end) whose folded text holds every word: the rows of the rarest
        word, then of those the rows holding the next word, and so on."""
        if self._haystack is None or self._haystack[:3] != (self.revision, first, end):
            texts = self._column("folded")[first:end]
            # Where each text starts in the texts joined (its length and the NUL after it).
            starts = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=0))
            self._haystack = (self.revision, first, end, "\0".join(texts), starts, texts)
        joined, starts, texts = self._haystack[3], self._haystack[4], self._haystack[5]
        if not words or not texts:
            return []
        last = self._last_text
        rest: list[str]
        if (
            last is not None
            and last[:3] == (self.revision, first, end)
            and all(any(old in word for word in words) for old in last[3])
        ):
            # Typing on (能 → 能源): every row holding these words held the last ones too.
            rows, rest = last[4], list(words)
        else:
            # The rarest word first (as counted in a sample of the texts): the others are
            # then looked for only in its rows.
            sample = joined[: max(len(joined) // 16, 4096)]
            head, *rest = sorted(words, key=lambda word: (sample.count(word), -len(word)))
            # In about one row in eight, or more, by the sample: tested row by row.
            common = sample.count(head) * 8 * len(joined) > len(sample) * len(texts)
            rows = _rows_holding(head, texts, joined, starts, common)
        for word in rest:
            rows = list(compress(rows, map(contains, map(texts.__getitem__, rows), repeat(word))))
        self._last_text = (self.revision, first, end, words, rows)
        return list(map(first.__add__, rows)) if first else rows

    def _memo(self, key: tuple[object, ...], make: Callable[[], Any]) -> Any:
        """What ``make`` gives, kept until the rows change or ``counts`` moves on to a filter
        that does not share it."""
        if self._memo_revision != self.revision or len(self._memos) > 64:
            self._memos = {}
            self._memo_revision = self.revision
        if key not in self._memos:
            self._memos[key] = make()
        return self._memos[key]

    def matching(self, wanted: Filter) -> list[int]:
        """The rows passing every filter, in order."""
        if not wanted.words:
            self._last_text = None  # the text cleared: typing starts anew
        result: list[int] = self._memo(("matching", wanted), lambda: self._matching(wanted))
        return result

    def _facet_rows(self, facet: str) -> list[int]:
        """The rows (ascending) of one colour (``color:yellow``) or one tag key, its children
        included (``tag:地区``): one pass in C over the rows, kept until the rows change."""
        made: list[int] = self._memo(("facet rows", facet), lambda: self._make_facet_rows(facet))
        return made

    def _make_facet_rows(self, facet: str) -> list[int]:
        kind, _, value = facet.partition(":")
        if kind == "color":
            colors: list[str] = self._column("color")
            return list(compress(range(len(colors)), map(eq, colors, repeat(value))))
        facets: list[frozenset[str]] = self._column("facets")
        return list(compress(range(len(facets)), map(_HAS, facets, repeat(value))))

    def _gather(self, prefix: str, keys: frozenset[str], first: int, end: int) -> list[int]:
        """The rows in [first, end) of any of these colours or tags, ascending."""
        found = []
        for key in keys:
            rows = self._facet_rows(prefix + key)
            found.append(rows[bisect.bisect_left(rows, first) : bisect.bisect_left(rows, end)])
        if len(found) == 1:
            return found[0]
        return sorted(set().union(*found))

    def _matching(self, wanted: Filter) -> list[int]:
        first, end = self.rows_of(wanted.document)
        colors, tags, words = wanted.colors, wanted.tags, wanted.words
        if not colors and not tags:
            if not words:
                return list(range(first, end))
            return self._text_rows(first, end, words)
        if tags:
            rows = self._gather("tag:", tags, first, end)
            if colors:
                color_of = self._column("color").__getitem__
                rows = list(compress(rows, map(colors.__contains__, map(color_of, rows))))
        else:
            rows = self._gather("color:", colors, first, end)
        if words:
            folded_of = self._column("folded").__getitem__
            for word in words:
                rows = list(compress(rows, map(contains, map(folded_of, rows), repeat(word))))
        return rows

    def accepts(self, row: int, wanted: Filter) -> bool:
        entry = self._rows[row]
        if wanted.document is not None and entry.record.document != wanted.document:
            return False
        if wanted.colors and entry.color not in wanted.colors:
            return False
        if wanted.tags and wanted.tags.isdisjoint(entry.facets):
            return False
        return not wanted.words or all(w in self.folded(row) for w in wanted.words)

    def counts(self, wanted: Filter) -> Counts:
        """The counts beside each colour (what the other filters let through, by colour) and
        each tag, and how many pass: from the rows each facet's other filters let through."""
        doc, colors, tags, words = wanted.document, wanted.colors, wanted.tags, wanted.words
        if not colors and not tags and not words:
            return self._plain_counts(doc)
        first, end = self.rows_of(wanted.document)
        tagged = self.matching(Filter(doc, frozenset(), tags, words))
        colored = self.matching(Filter(doc, colors, frozenset(), words))

        def by_color() -> dict[str, int]:
            counted = dict.fromkeys((*COLORS, NO_COLOR), 0)
            counted.update(Counter(map(self._column("color").__getitem__, tagged)))
            return counted

        def by_tag() -> dict[str, int]:
            facets_of = self._column("facets").__getitem__
            return dict(Counter(chain.from_iterable(map(facets_of, colored))))

        color_counts = self._memo(("colors", doc, tags, words), by_color)
        tag_counts = self._memo(("tags", doc, colors, words), by_tag)
        shown = len(self.matching(wanted))
        # Kept for the next filter: only what it can share with this one (choosing a tag keeps
        # the tag counts); a filter chosen again is worked out again.
        everything = Filter(doc)
        keep = {
            *(k for k in self._memos if k[0] == "facet rows"),
            # What no filter shows, and its counts: clearing the filters is quick too.
            ("matching", everything),
            ("colors", doc, frozenset(), ()),
            ("tags", doc, frozenset(), ()),
            ("matching", wanted),
            ("matching", Filter(doc, frozenset(), tags, words)),
            ("matching", Filter(doc, colors, frozenset(), words)),
            ("colors", doc, tags, words),
            ("tags", doc, colors, words),
        }
        self._memos = {k: v for k, v in self._memos.items() if k in keep}
        return Counts(color_counts, tag_counts, shown, end - first)

    def _plain_counts(self, document: str | None) -> Counts:
        """The counts with no filter but the article: kept between edits (``_count``)."""
        kept = self._plain.get(document)
        if kept is None:
            first, end = self.rows_of(document)
            colors = Counter(self._column("color")[first:end])
            facets_of = self._column("facets").__getitem__
            tags = Counter(chain.from_iterable(map(facets_of, range(first, end))))
            kept = self._plain[document] = (colors, tags)
        colors, tags = kept
        counted = dict.fromkeys((*COLORS, NO_COLOR), 0)
        counted.update(colors)
        total = colors.total()
        return Counts(counted, {k: n for k, n in tags.items() if n}, total, total)

    def _count(self, row: ListRow, step: int) -> None:
        """A row came (``step`` 1) or went (-1): the counts kept follow."""
        for document, (colors, tags) in self._plain.items():
            if document is None or document == row.record.document:
                colors[row.color] += step
                for facet in row.facets:
                    tags[facet] += step

    # -- changing ------------------------------------------------------------------------------
    def _changed(self, at: int | None = None, step: int = 0, document: str = "") -> None:
        """Rows, their quotes or their order changed: whatever was made from them is made
        again when next asked for. ``at``: only a row of ``document`` came (``step`` 1) or
        went (-1) there, and the rows of each article are moved, not listed again."""
        if at is not None and self._columns_revision == self.revision:
            # The columns made follow the row (filters and counts over 100,000 after an edit).
            for name, column in self._columns.items():
                if step < 0:
                    del column[at]
                    continue
                row = self._rows[at]
                if name in ("id", "document"):
                    value = getattr(row.record, name)
                elif name == "folded":
                    value = self.folded(at)
                else:
                    value = getattr(row, name)
                if step:
                    column.insert(at, value)
                else:
                    column[at] = value
            self._columns_revision = self.revision + 1
        if at is None or self._spans is None:
            self._spans = None
        elif step:
            spans = self._spans
            first, end = spans.get(document, (at, at))
            for doc, (a, b) in spans.items():
                if a >= end:
                    spans[doc] = (a + step, b + step)
            if end - first + step > 0:
                spans[document] = (first, end + step)
            else:
                del spans[document]
        self.revision += 1

    @staticmethod
    def rows_for(records: Sequence[AnnotationRecord]) -> list[ListRow]:
        """The rows of ``records``, for :meth:`set_records`: made on a worker thread (no Qt
        here), as 100,000 of them take a third of a second."""
        return [_row_of(r) for r in records]

    def set_records(
        self, records: Sequence[AnnotationRecord], rows: Sequence[ListRow] | None = None
    ) -> None:
        """Make the rows ``records`` (in text order), touching only the rows that changed;
        ``rows``: theirs, made beforehand (``rows_for``)."""
        self._changed()
        self._plain = {}
        new_by_id = {r.id: r for r in records}

        key = _order
        # 1. Rows gone, or moved (re-anchored): removed, in runs from the bottom.
        doomed = [
            i
            for i, row in enumerate(self._rows)
            if row.record.id not in new_by_id or key(new_by_id[row.record.id]) != key(row.record)
        ]
        while doomed:
            last = doomed.pop()
            first = last
            while doomed and doomed[-1] == first - 1:
                first = doomed.pop()
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self._changed()
            self.endRemoveRows()
        # 2. What is left is in the new order: walk both, inserting runs, noting changes.
        changed: list[int] = []
        pending: list[int] = []  # of records
        j = 0  # the next surviving row; pending records go in before it

        def made(k: int) -> ListRow:
            return rows[k] if rows is not None else self._make_row(records[k])

        def flush(at: int) -> int:
            if not pending:
                return at
            self.beginInsertRows(QModelIndex(), at, at + len(pending) - 1)
            self._rows[at:at] = [made(k) for k in pending]
            self._changed()
            self.endInsertRows()
            at += len(pending)
            pending.clear()
            return at

        for k, record in enumerate(records):
            if j < len(self._rows) and self._rows[j].record.id == record.id:
                j = flush(j)
                if self._rows[j].record != record:
                    self._rows[j] = made(k)
                    self._changed()
                    changed.append(j)
                j += 1
            else:
                pending.append(k)
        flush(j)
        # Folded while the window is idle: the first text filter is fast.
        self._fold_later()
        self._changed()
        self._plain = {}
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first), self.index(last))

    def put(self, records: Iterable[AnnotationRecord]) -> None:
        """Add these annotations, or change them (the same id), each in its place in text
        order: only their rows are inserted, moved or changed (one made, changed or undone in
        the window), not every row compared as :meth:`set_records` does."""
        for record in records:
            row = self.row_of(record.id)
            if row >= 0 and _order(self._rows[row].record) == _order(record):
                if self._rows[row].record != record:
                    self._count(self._rows[row], -1)
                    self._rows[row] = self._make_row(record)
                    self._count(self._rows[row], 1)
                    self.folded(row)
                    self._changed(row, 0, record.document)
                    self.dataChanged.emit(self.index(row), self.index(row))
                continue
            if row >= 0:
                self._remove(row)
            at = bisect.bisect_left(self._rows, _order(record), key=_row_order)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, self._make_row(record))
            self._count(self._rows[at], 1)
            self.folded(at)
            self._changed(at, 1, record.document)
            self.endInsertRows()

    def drop(self, annotation_ids: Iterable[str]) -> None:
        """Remove these annotations' rows (ids not shown are ignored)."""
        for annotation_id in annotation_ids:
            row = self.row_of(annotation_id)
            if row >= 0:
                self._remove(row)

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self._rows.pop(row)
        self._count(gone, -1)
        self._changed(row, -1, gone.record.document)
        self.endRemoveRows()

    def _make_row(self, record: AnnotationRecord) -> ListRow:
        return _row_of(record)

    def _fold_later(self) -> None:
        """Fold the rows not folded yet a slice at a time while the window is idle, so the
        first text filter finds them folded without a first load (or a change of view) that
        freezes the window folding 100,000 at once; a filter asked for before the slices are
        done folds the rest itself (``_column``)."""
        if self._fold_timer is None:
            self._fold_timer = QTimer(self)
            self._fold_timer.setSingleShot(True)
            self._fold_timer.setInterval(0)
            self._fold_timer.timeout.connect(self._fold_slice)
        self._fold_from = 0
        self._fold_timer.start()

    def _fold_slice(self) -> None:
        first, end = self._fold_from, min(self._fold_from + FOLD_SLICE, len(self._rows))
        self._fold_from = end
        missing = list(
            compress(range(first, end), map(_IS_NONE, map(_FOLDED, self._rows[first:end])))
        )
        if missing:
            self._fold(missing)
        if end < len(self._rows) and self._fold_timer is not None:
            self._fold_timer.start()

    def refresh_quotes(self, document: str | None = None) -> None:
        """The view of ``document`` (None: every article) changed: quotes read anew."""
        self._changed()
        first, end = self.rows_of(document)
        for row in self._rows[first:end]:
            row.quote = None
            row.folded = None
        self._fold_later()
        if first < end:
            self.dataChanged.emit(
                self.index(first), self.index(end - 1), [Qt.ItemDataRole.DisplayRole]
            )

    def set_meanings(self, meanings: dict[str, str]) -> None:
        if meanings != self._meanings:
            self._meanings = dict(meanings)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0), self.index(len(self._rows) - 1), [MEANING_ROLE]
                )

    def meanings(self) -> dict[str, str]:
        return dict(self._meanings)


@functools.lru_cache(maxsize=4096)
def _tag_facets(tags: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The keys of a record's stored tags, and every key with its parents: made once per set
    of tags (a few hundred among 100,000 annotations), each row sharing them."""
    # (reader.tags and reader.folding: imported with the first row or filter, not with the
    # window, which gets ready on a first start with no annotation.)
    from reader import tags as tags_rule

    keys = tuple(tags_rule.key_of_stored(t) for t in tags)
    facets: set[str] = set()
    for key in keys:
        facets.update(tags_rule.parents(key))
    return keys, frozenset(facets)


def _row_of(record: AnnotationRecord) -> ListRow:
    keys, facets = _tag_facets(record.tags)
    return ListRow(record, tag_keys=keys, facets=facets, color=record.color or NO_COLOR)


def _order(r: AnnotationRecord) -> tuple[str, int, int, str, str]:
    """Where an annotation's row goes: text order, as the store lists them."""
    return (r.document, r.start, r.end, r.created, r.id)


def _row_order(row: ListRow) -> tuple[str, int, int, str, str]:
    return _order(row.record)


def _rows_holding(
    word: str, texts: list[str], joined: str, starts: list[int], common: bool
) -> list[int]:
    """The rows of ``texts`` (joined by NULs in ``joined``, each starting at ``starts``)
    holding ``word``. A word in few rows is found where it is in the joined texts by a regular
    expression, each place mapped to its row in C (``map``, ``bisect``); a ``common`` one, or
    one found more often than expected, is tested row by row (in C too), which costs less once
    a word is in more than about one row in eight: the 筆記 of every third note over 100,000
    annotations."""
    first = 0
    rows: list[int] = []
    if not common:
        enough = len(texts) // 6 + 1
        found = re.compile(re.escape(word)).finditer(joined)
        places = list(map(re.Match.start, islice(found, enough)))
        # bisect_right - 1: the row a place is in; dict.fromkeys: each row once, in order.
        rows = list(dict.fromkeys(map(bisect.bisect_right, repeat(starts), places)))
        rows = list(map((-1).__add__, rows))
        if len(places) < enough:
            return rows
        first = rows.pop() if rows else 0  # tested again below, with the rows after it
    tested = compress(range(first, len(texts)), map(contains, texts[first:], repeat(word)))
    return rows + list(tested)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row numbers, as (first, last)."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


class AnnotationFilterProxy(QStringListModel):
    """The sidebar's view of the annotations: an article (or all), colours, tags, free text.

    A list view asks its model for the index of every row each time it lays itself out (to see
    whether the row is hidden), so the rows shown are kept by Qt, as a ``QStringListModel`` of
    as many (empty) strings as rows shown: those questions are answered in C++, and Python is
    asked only for the data of the rows on screen (the source row of each is in ``_rows``). A
    list of 100,000 annotations lays itself out in a few milliseconds instead of a Python call
    per row.

    Filtering runs over keys each row made once (its colour, its tags with their parents, its
    folded text) in one pass, not through a Python call per row from Qt. A filter change, and
    the source's inserts and removals, move the rows in one layout change, the current row and
    the selection kept when they still show; the source's changes come through as the same
    changes of the rows shown.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = Filter()
        self._source: AnnotationListModel | None = None
        self._rows: list[int] = []  # source rows shown, ascending
        self._counts: tuple[tuple[int, Filter], Counts] | None = None
        self._connections: list[QMetaObject.Connection] = []
        # The rows shown once rows inserted or removed are (``insertRows``/``removeRows``):
        # taken when Qt says they were, before anyone else hears it (the first connection).
        self._pending: list[int] | None = None
        self.rowsInserted.connect(self._take_pending)
        self.rowsRemoved.connect(self._take_pending)

    # -- the source ----------------------------------------------------------------------------
    def setSourceModel(self, source_model: QAbstractItemModel) -> None:
        if not isinstance(source_model, AnnotationListModel):
            raise TypeError("AnnotationFilterProxy filters an AnnotationListModel")
        for connection in self._connections:
            QObject.disconnect(connection)
        self.beginResetModel()
        self._source = source_model
        self._connections = [
            source_model.modelAboutToBeReset.connect(self.beginResetModel),
            source_model.modelReset.connect(self._on_source_reset),
            source_model.layoutAboutToBeChanged.connect(self.beginResetModel),
            source_model.layoutChanged.connect(self._on_source_reset),
            source_model.rowsRemoved.connect(self._on_rows_removed),
            source_model.rowsInserted.connect(self._on_rows_inserted),
            source_model.dataChanged.connect(self._on_data_changed),
        ]
        self._rows = source_model.matching(self._filter)
        self._resize(len(self._rows))
        self.endResetModel()

    def sourceModel(self) -> AnnotationListModel | None:
        return self._source

    def source(self) -> AnnotationListModel:
        assert self._source is not None
        return self._source

    def _resize(self, count: int) -> None:
        """As many rows in Qt's list as ``count``, added or taken at the end without a signal:
        only ever inside a reset or a layout change, which tell the views."""
        have = QStringListModel.rowCount(self)
        if count == have:
            return
        blocked = self.blockSignals(True)
        try:
            if count > have:
                self.insertRows(have, count - have)
            else:
                self.removeRows(count, have - count)
        finally:
            self.blockSignals(blocked)

    def _on_source_reset(self) -> None:
        self._rows = self.source().matching(self._filter)
        self._resize(len(self._rows))
        self.endResetModel()

    def _on_rows_removed(self, parent: Index, first: int, last: int) -> None:
        rows = self.source().matching(self._filter)
        old, shift = self._rows, first - last - 1
        lo, hi = bisect.bisect_left(old, first), bisect.bisect_right(old, last)
        if (
            lo < hi
            and len(rows) == len(old) - (hi - lo)
            and rows[:lo] == old[:lo]
            and rows[lo:] == list(map(shift.__add__, old[hi:]))
        ):
            # Only rows shown went (an annotation deleted among 100,000): said as such, and
            # the list and its current row follow without laying out every row. Until Qt has
            # said so, the rows shown are the old ones where they are now (the source removed
            # its rows before telling; the removed ones show nothing).
            self._rows = [*old[:lo], *repeat(-1, hi - lo), *rows[lo:]]
            self._pending = rows
            self.removeRows(lo, hi - lo)
            return
        self._show(rows, first, last, shift)

    def _on_rows_inserted(self, parent: Index, first: int, last: int) -> None:
        rows = self.source().matching(self._filter)
        old, shift = self._rows, last - first + 1
        lo = bisect.bisect_left(old, first)
        hi = bisect.bisect_left(rows, last + 1)  # the new rows shown are rows[lo:hi]
        if (
            lo < hi
            and len(rows) == len(old) + (hi - lo)
            and rows[:lo] == old[:lo]
            and rows[hi:] == list(map(shift.__add__, old[lo:]))
        ):
            # Only rows shown came (an annotation added among 100,000): as for removals.
            self._rows = [*old[:lo], *rows[hi:]]
            self._pending = rows
            self.insertRows(lo, hi - lo)
            return
        self._show(rows, first, first - 1, shift)

    def _take_pending(self, *_args: object) -> None:
        if self._pending is not None:
            self._rows, self._pending = self._pending, None

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        rows = self.source().matching(self._filter)
        if rows != self._rows:
            self._show(rows)
            return
        lo = bisect.bisect_left(self._rows, top.row())
        hi = bisect.bisect_right(self._rows, bottom.row())
        if lo < hi:
            self.dataChanged.emit(self.index(lo, 0), self.index(hi - 1, 0), roles)

    def _refilter(self) -> None:
        if self._source is not None:
            self._show(self._source.matching(self._filter))

    def _show(self, rows: list[int], first: int = 0, last: int = -1, shift: int = 0) -> None:
        """Show the source ``rows`` (ascending). After the source's rows [first, last] were
        removed, or rows were inserted before ``first`` (``last`` < ``first``), the source rows
        after them moved by ``shift``; the rows shown, the current row and the selection follow
        their annotations in one layout change, or in none when no row shown came or went."""
        old = self._rows

        def now(source_row: int) -> int:
            """Where an old source row is now (-1: removed)."""
            if source_row < first:
                return source_row
            return -1 if source_row <= last else source_row + shift

        # Rows shown [lo, hi) were removed from the source (none when inserting).
        lo, hi = bisect.bisect_left(old, first), bisect.bisect_right(old, last)
        if lo >= hi and rows == (
            old if not shift else [*old[:lo], *map(shift.__add__, old[max(lo, hi) :])]
        ):
            self._rows = rows  # the same annotations in the same rows
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        after = []
        for index in before:
            source_row = now(old[index.row()]) if 0 <= index.row() < len(old) else -1
            at = bisect.bisect_left(rows, source_row)
            kept = source_row >= 0 and at < len(rows) and rows[at] == source_row
            after.append(self.createIndex(at, index.column()) if kept else QModelIndex())
        self._rows = rows
        # Rows added before the persistent indexes move to them, taken after (Qt would drop
        # the indexes on rows taken).
        if len(rows) > len(old):
            self._resize(len(rows))
        self.changePersistentIndexList(before, after)
        self._resize(len(rows))
        self.layoutChanged.emit()

    # -- the model: rowCount and index are QStringListModel's ----------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows) or self._source is None:
            return None
        source_row = self._rows[row]
        return self._source.row_data(source_row, role) if source_row >= 0 else None

    def itemData(self, index: Index) -> dict[int, Any]:
        source_index = self.mapToSource(index)
        return self.source().itemData(source_index) if source_index.isValid() else {}

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False  # the sidebar only shows: edits go through reader.ops

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        row = proxy_index.row()
        if self._source is None or not proxy_index.isValid() or not 0 <= row < len(self._rows):
            return QModelIndex()
        return self._source.index(self._rows[row], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        at = bisect.bisect_left(self._rows, row)
        if at < len(self._rows) and self._rows[at] == row:
            return self.index(at, source_index.column())
        return QModelIndex()

    # -- the filters ---------------------------------------------------------------------------
    def _set(self, wanted: Filter) -> None:
        if wanted != self._filter:
            self._filter = wanted
            self._refilter()

    def set_document(self, document: str | None) -> None:
        self._set(Filter(document, self._filter.colors, self._filter.tags, self._filter.words))

    def document(self) -> str | None:
        return self._filter.document

    def set_colors(self, colors: Iterable[str]) -> None:
        f = self._filter
        self._set(Filter(f.document, frozenset(colors), f.tags, f.words))

    def colors(self) -> frozenset[str]:
        return self._filter.colors

    def set_tags(self, tags: Iterable[str]) -> None:
        """Tag spellings (any script); a parent includes its children."""
        from reader import tags as tags_rule

        wanted = tags_rule.filter_keys(tags)
        f = self._filter
        self._set(Filter(f.document, f.colors, wanted, f.words))

    def tag_keys(self) -> frozenset[str]:
        return self._filter.tags

    def set_text(self, text: str) -> None:
        from reader.folding import fold_key

        folded = fold_key(text.strip()) if text.strip() else ""
        f = self._filter
        self._set(Filter(f.document, f.colors, f.tags, tuple(folded.split())))

    def text(self) -> str:
        return " ".join(self._filter.words)

    def accepts(self, row: int) -> bool:
        """Whether source ``row`` passes the filters."""
        return self.source().accepts(row, self._filter)

    def counts(self) -> Counts:
        """The counts for the current filters (made once per filter and change of rows)."""
        source = self.source()
        key = (source.revision, self._filter)
        if self._counts is None or self._counts[0] != key:
            self._counts = (key, source.counts(self._filter))
        return self._counts[1]

    def color_counts(self) -> dict[str, int]:
        """Per colour (and ``none``), how many annotations the other filters let through."""
        return dict(self.counts().colors)

    def tag_counts(self) -> dict[str, int]:
        """Per tag key, and per parent key (children included, each annotation once), how
        many annotations the other filters let through."""
        return dict(self.counts().tags)

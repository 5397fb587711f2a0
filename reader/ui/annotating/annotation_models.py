"""Item models over the annotation store, for the sidebar, the tag manager and the filters.

``AnnotationListModel`` holds every annotation (all articles, in text order) as plain
``AnnotationRecord`` values and is updated incrementally: a refresh after an edit inserts,
removes or changes only the rows that differ, so 500 annotations stay cheap to keep current.
``AnnotationFilterProxy`` narrows it to one article, some colours, some tags (a parent includes
its children) and a free text matched script-insensitively (``reader.folding.fold_key`` on both
sides) over quotes, notes and tags. ``TagTreeModel`` shows tags nested by ``/``; ``ColorModel``
the five colours and "no colour" with their meanings and counts.

Colours: the swatches and the highlight backgrounds (light and dark paper) are defined here, the
one table the highlight layer, the margin and the sidebar draw from.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractProxyModel,
    QCoreApplication,
    QMetaObject,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from reader import tags as tags_rule
from reader.folding import fold_key, fold_keys
from reader.store.records import COLORS, DEFAULT_MEANINGS, NO_COLOR

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord, TagInfo

Index = QModelIndex | QPersistentModelIndex


# Swatches (buttons, sidebar bars) and highlight backgrounds on light and dark paper.
SWATCHES = {
    "yellow": "#e0a800",
    "green": "#2e9e5b",
    "blue": "#3b7dd8",
    "pink": "#d9468f",
    "purple": "#8458d6",
    NO_COLOR: "#8e8a82",
}
HIGHLIGHTS_LIGHT = {
    "yellow": "#fbe38e",
    "green": "#c4ecc9",
    "blue": "#c9def7",
    "pink": "#f8cde2",
    "purple": "#e1d5f7",
}
HIGHLIGHTS_DARK = {
    "yellow": "#5e4e14",
    "green": "#24503a",
    "blue": "#26456b",
    "pink": "#5f2a48",
    "purple": "#463468",
}


def color_label(color: str) -> str:
    """The colour's name, translated (its meaning is the user's, see ``color_meanings``)."""
    names = {
        "yellow": QCoreApplication.translate("Colors", "Yellow"),
        "green": QCoreApplication.translate("Colors", "Green"),
        "blue": QCoreApplication.translate("Colors", "Blue"),
        "pink": QCoreApplication.translate("Colors", "Pink"),
        "purple": QCoreApplication.translate("Colors", "Purple"),
        NO_COLOR: QCoreApplication.translate("Colors", "No colour"),
    }
    return names.get(color, color)


# The meanings a new database starts with (reader.store.records.DEFAULT_MEANINGS), for lupdate.
_MEANINGS_FOR_LUPDATE = (
    QT_TRANSLATE_NOOP("ColorMeanings", "Important"),
    QT_TRANSLATE_NOOP("ColorMeanings", "Agree"),
    QT_TRANSLATE_NOOP("ColorMeanings", "Background"),
    QT_TRANSLATE_NOOP("ColorMeanings", "Question"),
    QT_TRANSLATE_NOOP("ColorMeanings", "To quote"),
)


def shown_meanings(meanings: dict[str, str]) -> dict[str, str]:
    """The colour meanings as the window shows them: a meaning the reader never changed from
    the store's (English) default in the interface's language, the reader's own as written."""
    return {
        color: QCoreApplication.translate("ColorMeanings", meaning)
        if DEFAULT_MEANINGS.get(color) == meaning
        else meaning
        for color, meaning in meanings.items()
    }


def highlight_color(color: str, dark: bool) -> str:
    return (HIGHLIGHTS_DARK if dark else HIGHLIGHTS_LIGHT)[color]


@functools.lru_cache(maxsize=64)
def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A colour's round swatch (made once per colour and size: lists ask on every paint)."""
    return _swatch_icon(color, size)


def _swatch_icon(color: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(SWATCHES[color]).darker(120))
    painter.setBrush(QColor(SWATCHES[color]) if color != NO_COLOR else QColor(0, 0, 0, 0))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    icon = QIcon(pixmap)
    # Disabled (no selection yet), the colour still shows, only fainter.
    faint = QPixmap(size, size)
    faint.fill(Qt.GlobalColor.transparent)
    painter = QPainter(faint)
    painter.setOpacity(0.45)
    painter.drawPixmap(0, 0, pixmap)
    painter.end()
    icon.addPixmap(faint, QIcon.Mode.Disabled)
    return icon


tag_matches = tags_rule.matches  # a parent includes its children (reader.tags)


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


@dataclass
class _Row:
    record: AnnotationRecord
    quote: str | None = None  # in the current view's script, computed when first shown
    folded: str | None = None  # quote (both scripts), note and tags, folded for filtering
    tag_keys: tuple[str, ...] = field(default_factory=tuple)
    # Every tag key with its parents (a/b/c: a, a/b, a/b/c): what a tag filter and the tag
    # counts look at, made once per row, so filtering is a set test per row.
    facets: frozenset[str] = frozenset()
    color: str = NO_COLOR


@dataclass(frozen=True)
class Filter:
    """What the sidebar shows: an article (None: all), colours, tag keys, folded words."""

    document: str | None = None
    colors: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()


@dataclass
class Counts:
    """Per colour and per tag key (children included), how many annotations the other filters
    let through (what choosing it would show); how many pass every filter; how many the
    article has in all."""

    colors: dict[str, int]
    tags: dict[str, int]
    shown: int
    total: int


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
        self._rows: list[_Row] = []
        self._quote_for = quote_for
        self._labels_for = labels_for
        self._meanings: dict[str, str] = {}
        self._spans: dict[str, tuple[int, int]] | None = None  # document -> its rows
        self._memos: dict[tuple[object, ...], Any] = {}
        self._memo_revision = -1
        # (revision, first, end, the rows' folded texts joined by NULs, where each starts, the
        # texts)
        self._haystack: tuple[int, int, int, str, list[int], list[str]] | None = None
        self.revision = 0  # changes whenever rows, their quotes or their order change

    # -- reading -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        record = row.record
        if role == Qt.ItemDataRole.DisplayRole:
            return self.quote(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.note or self.quote(index.row())
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

    def records(self) -> list[AnnotationRecord]:
        return [r.record for r in self._rows]

    def row_of(self, annotation_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.record.id == annotation_id:
                return i
        return -1

    def quote(self, row: int) -> str:
        entry = self._rows[row]
        if entry.quote is None:
            entry.quote = self._quote_for(entry.record) if self._quote_for else entry.record.quote
        return entry.quote

    def folded(self, row: int) -> str:
        entry = self._rows[row]
        if entry.folded is None:
            self._fold(range(row, row + 1))
        assert entry.folded is not None
        return entry.folded

    def _fold(self, rows: Iterable[int]) -> None:
        """The folded texts of these rows, those not made yet, folded in one pass."""
        missing = [i for i in rows if self._rows[i].folded is None]
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
        for i, folded in zip(missing, fold_keys(texts), strict=True):
            self._rows[i].folded = folded

    def tag_keys(self, row: int) -> tuple[str, ...]:
        return self._rows[row].tag_keys

    def rows_of(self, document: str | None) -> tuple[int, int]:
        """The rows of ``document`` (None: all), as a range [first, end): rows are in text
        order, so each article's are together."""
        if document is None:
            return 0, len(self._rows)
        if self._spans is None:
            spans: dict[str, tuple[int, int]] = {}
            for i, row in enumerate(self._rows):
                doc = row.record.document
                first = spans.get(doc, (i, i))[0]
                spans[doc] = (first, i + 1)
            self._spans = spans
        return self._spans.get(document, (0, 0))

    def _text_rows(self, first: int, end: int, words: tuple[str, ...]) -> list[int]:
        """The rows in [first, end) whose folded text holds every word. A rare first word is
        found with ``str.find`` in the rows' folded texts joined (made once per change of rows);
        a common one by a test per row, which is cheaper once a word is in many rows (a note
        word such as 筆記 over 10,000 annotations: half the time). Later words test only the
        rows left."""
        if self._haystack is None or self._haystack[:3] != (self.revision, first, end):
            self._fold(range(first, end))
            texts = [row.folded or "" for row in self._rows[first:end]]
            starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
            self._haystack = (self.revision, first, end, "\0".join(texts), starts, texts)
        joined, starts, texts = self._haystack[3], self._haystack[4], self._haystack[5]
        if not words or not texts:
            return []
        head, *rest = words
        rows: list[int]
        if joined.count(head) * 8 < len(texts):
            hits: list[int] = []
            at = joined.find(head)
            while at != -1:
                row = bisect.bisect_right(starts, at) - 1
                hits.append(row)
                following = starts[row + 1] if row + 1 < len(starts) else len(joined)
                at = joined.find(head, following)
            rows = hits
        else:
            rows = [i for i, text in enumerate(texts) if head in text]
        for word in rest:
            rows = [i for i in rows if word in texts[i]]
        return [first + row for row in rows]

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
        result: list[int] = self._memo(("matching", wanted), lambda: self._matching(wanted))
        return result

    def _facet_rows(self) -> dict[str, list[int]]:
        """Each tag key (parents included) and each colour → its rows, ascending: made once per
        change of rows, so a tag or colour filter gathers its rows instead of testing each."""
        made: dict[str, list[int]] = self._memo(("facet rows",), self._make_facet_rows)
        return made

    def _make_facet_rows(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, row in enumerate(self._rows):
            index.setdefault("color:" + row.color, []).append(i)
            for key in row.facets:
                index.setdefault("tag:" + key, []).append(i)
        return index

    def _gather(self, prefix: str, keys: frozenset[str], first: int, end: int) -> set[int]:
        index = self._facet_rows()
        found: set[int] = set()
        for key in keys:
            rows = index.get(prefix + key, [])
            found.update(rows[bisect.bisect_left(rows, first) : bisect.bisect_left(rows, end)])
        return found

    def _matching(self, wanted: Filter) -> list[int]:
        first, end = self.rows_of(wanted.document)
        colors, tags, words = wanted.colors, wanted.tags, wanted.words
        if not colors and not tags:
            return self._text_rows(first, end, words) if words else list(range(first, end))
        found: set[int] | None = None
        if tags:
            found = self._gather("tag:", tags, first, end)
        if colors:
            by_color = self._gather("color:", colors, first, end)
            found = by_color if found is None else found & by_color
        if words:
            assert found is not None
            found &= set(self._text_rows(first, end, words))
        return sorted(found or ())

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
        first, end = self.rows_of(wanted.document)
        doc, colors, tags, words = wanted.document, wanted.colors, wanted.tags, wanted.words
        rows = self._rows
        tagged = self.matching(Filter(doc, frozenset(), tags, words))
        colored = self.matching(Filter(doc, colors, frozenset(), words))

        def by_color() -> dict[str, int]:
            counted = dict.fromkeys((*COLORS, NO_COLOR), 0)
            counted.update(Counter(rows[i].color for i in tagged))
            return counted

        def by_tag() -> dict[str, int]:
            return dict(Counter(chain.from_iterable(rows[i].facets for i in colored)))

        color_counts = self._memo(("colors", doc, tags, words), by_color)
        tag_counts = self._memo(("tags", doc, colors, words), by_tag)
        shown = len(self.matching(wanted))
        # Kept for the next filter: only what it can share with this one (choosing a tag keeps
        # the tag counts); a filter chosen again is worked out again.
        keep = {
            ("facet rows",),
            ("matching", wanted),
            ("matching", Filter(doc, frozenset(), tags, words)),
            ("matching", Filter(doc, colors, frozenset(), words)),
            ("colors", doc, tags, words),
            ("tags", doc, colors, words),
        }
        self._memos = {k: v for k, v in self._memos.items() if k in keep}
        return Counts(color_counts, tag_counts, shown, end - first)

    # -- changing ------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._spans = None
        self.revision += 1

    def set_records(self, records: Sequence[AnnotationRecord]) -> None:
        """Make the rows ``records`` (in text order), touching only the rows that changed."""
        self._changed()
        new_by_id = {r.id: r for r in records}

        def key(r: AnnotationRecord) -> tuple[str, int, int, str, str]:
            return (r.document, r.start, r.end, r.created, r.id)

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
            self.endRemoveRows()
        # 2. What is left is in the new order: walk both, inserting runs, noting changes.
        changed: list[int] = []
        pending: list[AnnotationRecord] = []
        j = 0  # the next surviving row; pending records go in before it

        def flush(at: int) -> int:
            if not pending:
                return at
            self.beginInsertRows(QModelIndex(), at, at + len(pending) - 1)
            self._rows[at:at] = [self._make_row(r) for r in pending]
            self.endInsertRows()
            at += len(pending)
            pending.clear()
            return at

        for record in records:
            if j < len(self._rows) and self._rows[j].record.id == record.id:
                j = flush(j)
                if self._rows[j].record != record:
                    self._rows[j] = self._make_row(record)
                    changed.append(j)
                j += 1
            else:
                pending.append(record)
        flush(j)
        # Folded now, in one pass, for the rows that are new: the first text filter is fast.
        self._fold(range(len(self._rows)))
        self._changed()
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first), self.index(last))

    def _make_row(self, record: AnnotationRecord) -> _Row:
        keys = tuple(tags_rule.key_of_stored(t) for t in record.tags)
        facets: set[str] = set()
        for key in keys:
            facets.update(tags_rule.parents(key))
        return _Row(record, tag_keys=keys, facets=frozenset(facets), color=record.color or NO_COLOR)

    def refresh_quotes(self, document: str | None = None) -> None:
        """The view of ``document`` (None: every article) changed: quotes read anew."""
        self._changed()
        first, end = self.rows_of(document)
        for row in self._rows[first:end]:
            row.quote = None
            row.folded = None
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


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted row numbers, as (first, last)."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


class AnnotationFilterProxy(QAbstractProxyModel):
    """The sidebar's view of the annotations: an article (or all), colours, tags, free text.

    Filtering runs over keys each row made once (its colour, its tags with their parents, its
    folded text) in one pass, not through a Python call per row from Qt: a filter over 10,000
    annotations is a few milliseconds. A filter change moves the rows in one layout change (the
    current row kept when it still shows); the source's inserts, removals and changes come
    through as the same, for the rows shown.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = Filter()
        self._rows: list[int] = []  # source rows shown, ascending
        self._removing: tuple[int, int] | None = None
        self._counts: tuple[tuple[int, Filter], Counts] | None = None
        self._connections: list[QMetaObject.Connection] = []

    # -- the source ----------------------------------------------------------------------------
    def setSourceModel(self, source_model: QAbstractItemModel) -> None:
        if not isinstance(source_model, AnnotationListModel):
            raise TypeError("AnnotationFilterProxy filters an AnnotationListModel")
        for connection in self._connections:
            QObject.disconnect(connection)
        self.beginResetModel()
        super().setSourceModel(source_model)
        self._connections = [
            source_model.modelAboutToBeReset.connect(self.beginResetModel),
            source_model.modelReset.connect(self._on_source_reset),
            source_model.layoutAboutToBeChanged.connect(self.beginResetModel),
            source_model.layoutChanged.connect(self._on_source_reset),
            source_model.rowsAboutToBeRemoved.connect(self._on_rows_about_to_be_removed),
            source_model.rowsRemoved.connect(self._on_rows_removed),
            source_model.rowsInserted.connect(self._on_rows_inserted),
            source_model.dataChanged.connect(self._on_data_changed),
        ]
        self._rows = source_model.matching(self._filter)
        self.endResetModel()

    def source(self) -> AnnotationListModel:
        model = self.sourceModel()
        assert isinstance(model, AnnotationListModel)
        return model

    def _on_source_reset(self) -> None:
        self._rows = self.source().matching(self._filter)
        self.endResetModel()

    def _on_rows_about_to_be_removed(self, parent: Index, first: int, last: int) -> None:
        lo = bisect.bisect_left(self._rows, first)
        hi = bisect.bisect_right(self._rows, last)
        self._removing = (lo, hi)
        if lo < hi:
            self.beginRemoveRows(QModelIndex(), lo, hi - 1)

    def _on_rows_removed(self, parent: Index, first: int, last: int) -> None:
        lo, hi = self._removing or (0, 0)
        self._removing = None
        count = last - first + 1
        self._rows = self._rows[:lo] + [r - count for r in self._rows[hi:]]
        if lo < hi:
            self.endRemoveRows()

    def _on_rows_inserted(self, parent: Index, first: int, last: int) -> None:
        count = last - first + 1
        at = bisect.bisect_left(self._rows, first)
        head, tail = self._rows[:at], [r + count for r in self._rows[at:]]
        self._rows = head + tail  # the rows shown, renumbered: nothing shown moved yet
        source = self.source()
        new = [r for r in range(first, last + 1) if source.accepts(r, self._filter)]
        if new:
            self.beginInsertRows(QModelIndex(), at, at + len(new) - 1)
            self._rows = head + new + tail
            self.endInsertRows()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        first, last = top.row(), bottom.row()
        source = self.source()
        lo = bisect.bisect_left(self._rows, first)
        hi = bisect.bisect_right(self._rows, last)
        shown = set(self._rows[lo:hi])
        if any(source.accepts(r, self._filter) != (r in shown) for r in range(first, last + 1)):
            self._refilter()
        elif lo < hi:
            self.dataChanged.emit(self.index(lo, 0), self.index(hi - 1, 0), roles)

    def _refilter(self) -> None:
        rows = self.source().matching(self._filter) if self.sourceModel() is not None else []
        if rows == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        before = self.persistentIndexList()
        after = []
        for index in before:
            source_row = old[index.row()] if 0 <= index.row() < len(old) else -1
            at = bisect.bisect_left(rows, source_row)
            kept = source_row >= 0 and at < len(rows) and rows[at] == source_row
            after.append(self.createIndex(at, index.column()) if kept else QModelIndex())
        self._rows = rows
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # -- the model -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Asked once per row each time the list lays itself out: kept to the least work.
        if column == 0 and 0 <= row < len(self._rows) and not parent.isValid():
            return self.createIndex(row, 0)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        model = self.sourceModel()
        row = proxy_index.row()
        if model is None or not proxy_index.isValid() or not 0 <= row < len(self._rows):
            return QModelIndex()
        return model.index(self._rows[row], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        at = bisect.bisect_left(self._rows, row)
        if at < len(self._rows) and self._rows[at] == row:
            return self.createIndex(at, source_index.column())
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
        wanted = tags_rule.filter_keys(tags)
        f = self._filter
        self._set(Filter(f.document, f.colors, wanted, f.words))

    def tag_keys(self) -> frozenset[str]:
        return self._filter.tags

    def set_text(self, text: str) -> None:
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


class _TagNode:
    def __init__(self, name: str, key: str, parent: _TagNode | None) -> None:
        self.name = name  # the full spelling (a/b/c), as first typed
        self.key = key
        self.parent = parent
        self.children: list[_TagNode] = []
        self.info: TagInfo | None = None  # None: only a parent of real tags

    @property
    def label(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    def row(self) -> int:
        siblings = self.parent.children if self.parent else []
        return siblings.index(self)


TAG_KEY_ROLE = Qt.ItemDataRole.UserRole + 20
TAG_NAME_ROLE = Qt.ItemDataRole.UserRole + 21
TAG_COLOR_ROLE = Qt.ItemDataRole.UserRole + 22
TAG_COUNT_ROLE = Qt.ItemDataRole.UserRole + 23


class TagTreeModel(QAbstractItemModel):
    """Tags nested by ``/``: column 0 the last level's name, column 1 the count.

    Counts come from ``set_counts`` (key → annotations, children included) when given, else
    from the tags' own counts. ``checkable`` adds check boxes (the sidebar's tag filter).

    Signals: ``checked_changed()`` (inherited ``dataChanged`` also fires).
    """

    def __init__(self, parent: QObject | None = None, *, checkable: bool = False) -> None:
        super().__init__(parent)
        self._root = _TagNode("", "", None)
        self._nodes: dict[str, _TagNode] = {}
        self._counts: dict[str, int] | None = None
        self._checked: set[str] = set()
        self._checkable = checkable
        self._tag_colors: dict[str, str] = {}

    # -- building ------------------------------------------------------------------------------
    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        keys = sorted(t.key for t in tags)
        infos = {t.key: t for t in tags}
        if keys == sorted(k for k, n in self._nodes.items() if n.info is not None) and all(
            self._nodes[k].name == infos[k].name for k in keys
        ):
            # Same tree: only details and counts change.
            for key in keys:
                self._nodes[key].info = infos[key]
            self._emit_all_changed()
            return
        self.beginResetModel()
        self._root = _TagNode("", "", None)
        self._nodes = {}
        for info in sorted(tags, key=lambda t: t.key):
            node = self._ensure(info.name, info.key)
            node.info = info
        self._checked &= set(self._nodes)
        self.endResetModel()

    def _ensure(self, name: str, key: str) -> _TagNode:
        if key in self._nodes:
            return self._nodes[key]
        names = name.split("/")
        keys = key.split("/")
        parent = self._root
        if len(keys) > 1:
            parent = self._ensure("/".join(names[:-1]), "/".join(keys[:-1]))
        node = _TagNode(name, key, parent)
        parent.children.append(node)
        self._nodes[key] = node
        return node

    def set_counts(self, counts: dict[str, int] | None) -> None:
        if counts != self._counts:
            self._counts = counts
            self._emit_all_changed()

    def _emit_all_changed(self) -> None:
        def walk(node: _TagNode) -> None:
            if node.children:
                first = self.createIndex(0, 0, node.children[0])
                last = self.createIndex(len(node.children) - 1, 1, node.children[-1])
                self.dataChanged.emit(first, last)
                for child in node.children:
                    walk(child)

        walk(self._root)

    # -- reading -------------------------------------------------------------------------------
    def node(self, index: Index) -> _TagNode | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _TagNode) else None

    def index_of(self, key: str, column: int = 0) -> QModelIndex:
        node = self._nodes.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row(), column, node)

    def keys(self) -> list[str]:
        return sorted(self._nodes)

    def name_of(self, key: str) -> str | None:
        node = self._nodes.get(key)
        return node.name if node else None

    def count_of(self, key: str) -> int:
        node = self._nodes.get(key)
        if node is None:
            return 0
        if self._counts is not None:
            return self._counts.get(key, 0)
        return node.info.count if node.info else 0

    def subtree_keys(self, key: str) -> list[str]:
        return [k for k in self._nodes if k == key or k.startswith(key + "/")]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column > 1 or row < 0:
            return QModelIndex()
        node = self.node(parent) if parent.isValid() else self._root
        if node is None or row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row(), 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            node = self.node(parent)
            return len(node.children) if node else 0
        return len(self._root.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label if column == 0 else str(self.count_of(node.key))
        if role == Qt.ItemDataRole.ToolTipRole:
            description = node.info.description if node.info else None
            return f"{node.name}\n{description}" if description else node.name
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            color = node.info.color if node.info else None
            return swatch_icon(color) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and column == 0:
            checked = node.key in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == TAG_KEY_ROLE:
            return node.key
        if role == TAG_NAME_ROLE:
            return node.name
        if role == TAG_COLOR_ROLE:
            return node.info.color if node.info else None
        if role == TAG_COUNT_ROLE:
            return self.count_of(node.key)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(node.key)
        else:
            self._checked.discard(node.key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Tag") if section == 0 else self.tr("Annotations")
        return None

    def checked(self) -> list[str]:
        return sorted(self._checked)

    def set_checked(self, keys: Iterable[str]) -> None:
        self._checked = set(keys) & set(self._nodes)
        self._emit_all_changed()


class ColorModel(QAbstractListModel):
    """The five colours and "no colour" (note only): meaning, swatch, count, and a check box
    (the sidebar's colour filter)."""

    def __init__(self, parent: QObject | None = None, *, checkable: bool = True) -> None:
        super().__init__(parent)
        self._colors = (*COLORS, NO_COLOR)
        self._meanings: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._checked: set[str] = set()
        self._checkable = checkable

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._colors)

    def color_at(self, row: int) -> str:
        return self._colors[row]

    def label(self, color: str) -> str:
        if color == NO_COLOR:
            return self.tr("Note only")
        return self._meanings.get(color) or color

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._colors):
            return None
        color = self._colors[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("%1 (%2)")
                .replace("%1", self.label(color))
                .replace("%2", str(self._counts.get(color, 0)))
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch_icon(color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return color_label(color)
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable:
            on = color in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == COLOR_ROLE:
            return color
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        color = self._colors[index.row()]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(color)
        else:
            self._checked.discard(color)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def checked(self) -> list[str]:
        return [c for c in self._colors if c in self._checked]

    def set_checked(self, colors: Iterable[str]) -> None:
        self._checked = set(colors)
        self._all_changed()

    def set_meanings(self, meanings: dict[str, str]) -> None:
        if meanings != self._meanings:
            self._meanings = dict(meanings)
            self._all_changed()

    def set_counts(self, counts: dict[str, int]) -> None:
        if counts != self._counts:
            self._counts = dict(counts)
            self._all_changed()

    def _all_changed(self) -> None:
        self.dataChanged.emit(self.index(0), self.index(len(self._colors) - 1))

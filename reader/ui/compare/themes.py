"""The themes of compare mode as data and item models: a theme per tag (its children included,
matched by folding) with its count in each article (``build_themes``, no Qt), one article's
passages of a theme (``theme_passages``), and the models the theme board shows them through —
``ThemeTableModel`` (themes × counts) and ``PassageListModel`` (one article's passages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QFont,
)
from PySide6.QtWidgets import (
    QWidget,
)

from reader.documents import Document
from reader.export.citing import passage_labels
from reader.folding import fold_key
from reader.ui.annotating.margin import render_note

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord, TagInfo


Index = QModelIndex | QPersistentModelIndex


KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the theme's folding key


ONLY_IN_ROLE = Qt.ItemDataRole.UserRole + 2  # 0 / 1: found only in that side; -1 both; None neither


COUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # numeric sort value


MEMO_ROLE = Qt.ItemDataRole.UserRole + 4  # the memo's text ('' when none)


RECORD_ROLE = Qt.ItemDataRole.UserRole + 10  # the AnnotationRecord


START_ROLE = Qt.ItemDataRole.UserRole + 11  # canonical start


END_ROLE = Qt.ItemDataRole.UserRole + 12  # canonical end


QUOTE_ROLE = Qt.ItemDataRole.UserRole + 13  # the canonical quote


SHOWN_QUOTE_ROLE = Qt.ItemDataRole.UserRole + 14  # the quote in the pane's script


HEADER_ROLE = Qt.ItemDataRole.UserRole + 15  # page and quote, without the note


SIDES = (0, 1)


@dataclass(frozen=True)
class ThemeRow:
    name: str  # the tag as first spelled
    key: str  # its folding key
    counts: tuple[int, int]  # passages in the left and right article (children included)
    memo: str = ""

    @property
    def only_in(self) -> int | None:
        """0 or 1 when found in only that article, -1 in both, None in neither."""
        left, right = self.counts
        if left and right:
            return -1
        if left:
            return 0
        if right:
            return 1
        return None


def in_theme(record_keys: Sequence[str], theme_key: str) -> bool:
    """A parent theme includes its children: ``地區`` matches ``地區/中亞``."""
    return any(k == theme_key or k.startswith(theme_key + "/") for k in record_keys)


def build_themes(
    tags: Sequence[TagInfo],
    records: Sequence[AnnotationRecord],
    doc_ids: tuple[str, str],
    memos: dict[str, str],
) -> list[ThemeRow]:
    """Every tag (parents before children) with its count in each article and its memo."""
    keyed = [(r.document, [fold_key(t) for t in r.tags]) for r in records]
    memo_by_key = {fold_key(name): body for name, body in memos.items()}
    rows: list[ThemeRow] = []
    for tag in tags:
        counts = tuple(
            sum(1 for doc, keys in keyed if doc == doc_id and in_theme(keys, tag.key))
            for doc_id in doc_ids
        )
        rows.append(
            ThemeRow(tag.name, tag.key, (counts[0], counts[1]), memo_by_key.get(tag.key, ""))
        )
    return rows


def theme_passages(
    records: Sequence[AnnotationRecord], doc_id: str, theme_key: str
) -> list[AnnotationRecord]:
    """The passages of a theme in one article, in text order."""
    return [
        r
        for r in records
        if r.document == doc_id and in_theme([fold_key(t) for t in r.tags], theme_key)
    ]


def short_label(doc: Document) -> str:
    """A column label: the authors, else the title."""
    return "、".join(doc.meta.authors) or doc.title or doc.id


class ThemeTableModel(QAbstractTableModel):
    """One row per theme: its name, its count in each article, and where only it is found."""

    COL_THEME, COL_LEFT, COL_RIGHT, COL_ONLY = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ThemeRow] = []
        self._labels = ("", "")
        self.sort_script = "original"  # themes sort by zhuyin, or by pinyin in 简体 views

    def set_sort_script(self, script: str) -> None:
        """Sort themes as the exports do in ``script`` (reader.export.pronounce)."""
        if script != self.sort_script:
            self.layoutAboutToBeChanged.emit()
            self.sort_script = script
            self.layoutChanged.emit()

    def set_themes(self, rows: Sequence[ThemeRow], labels: tuple[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = labels
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def themes(self) -> list[ThemeRow]:
        return list(self._rows)

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 4:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Theme"), *self._labels, self.tr("Found only in"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in (self.COL_LEFT, self.COL_RIGHT):
            return self.tr("Passages in %1").replace("%1", self._labels[section - 1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        only = row.only_in
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_THEME:
                return f"{row.name}  ✎" if row.memo.strip() else row.name
            if col in (self.COL_LEFT, self.COL_RIGHT):
                return str(row.counts[col - 1])
            if only in SIDES:
                assert only is not None
                return self.tr("only %1").replace("%1", self._labels[only])
            return self.tr("neither") if only is None else ""
        if role == COUNT_ROLE:
            if col in (self.COL_LEFT, self.COL_RIGHT):
                return row.counts[col - 1]
            if col == self.COL_ONLY:
                return -2 if only is None else only
            from reader.export.pronounce import theme_sort_text

            return theme_sort_text(row.name, self.sort_script)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_LEFT, self.COL_RIGHT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col in (self.COL_THEME, self.COL_ONLY):
            if only in SIDES:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.name]
            if only in SIDES:
                assert only is not None
                lines.append(self.tr("Found only in %1.").replace("%1", self._labels[only]))
            elif only is None:
                lines.append(self.tr("Found in neither article."))
            if row.memo.strip():
                lines.append(self.tr("Memo: %1").replace("%1", row.memo.strip()[:200]))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.COL_THEME:
            return row.name
        if role == KEY_ROLE:
            return row.key
        if role == ONLY_IN_ROLE:
            return only
        if role == MEMO_ROLE:
            return row.memo
        return None


class PassageListModel(QAbstractListModel):
    """One article's passages of the chosen theme: page, quote (in the pane's script), note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: list[AnnotationRecord] = []
        self._shown: list[str] = []
        self._labels: list[tuple[str, str]] = []
        self._render: Callable[[AnnotationRecord], str] = lambda r: r.quote

    def set_passages(
        self, records: Sequence[AnnotationRecord], doc: Document | None = None
    ) -> None:
        """Show ``records`` (passages of ``doc``, whose printed page labels they cite: ``p. i``
        in an imported PDF's front matter; the stored page numbers without it)."""
        self.beginResetModel()
        self._records = list(records)
        self._shown = [self._render(r) for r in self._records]
        self._labels = [passage_labels(r, doc) for r in self._records]
        self.endResetModel()

    def set_renderer(self, render: Callable[[AnnotationRecord], str]) -> None:
        """How a quote reads in the pane's script (the quotes are redrawn)."""
        self._render = render
        if self._records:
            self._shown = [render(r) for r in self._records]
            self.dataChanged.emit(self.index(0), self.index(len(self._records) - 1))

    def records(self) -> list[AnnotationRecord]:
        return list(self._records)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def _header(self, rec: AnnotationRecord, shown: str, label: tuple[str, str]) -> str:
        """A passage's page and quote (and whether its passage changed), without the note."""
        first, last = label
        page = (
            self.tr("p. %1").replace("%1", first)
            if first == last
            else self.tr("pp. %1–%2").replace("%1", first).replace("%2", last)
        )
        text = f"{page}　「{shown}」"
        if rec.orphaned:
            text += " " + self.tr("(its passage changed)")
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        rec, shown = self._records[index.row()], self._shown[index.row()]
        label = self._labels[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._header(rec, shown, label)
            if rec.note:
                note = " ".join(note_plain_text(rec.note).split())
                text += "\n" + (note if len(note) <= 120 else note[:119] + "…")
            return text
        if role == HEADER_ROLE:
            return self._header(rec, shown, label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n\n".join(p for p in (shown, rec.note or "", "  ".join(rec.tags)) if p)
        if role == RECORD_ROLE:
            return rec
        if role == START_ROLE:
            return rec.start
        if role == END_ROLE:
            return rec.end
        if role == QUOTE_ROLE:
            return rec.quote
        if role == SHOWN_QUOTE_ROLE:
            return shown
        return None


def note_plain_text(note: str) -> str:
    """A note's Markdown as the reader sees it (the margin's rendering), as plain text."""
    return render_note(note, QFont(), 10_000).toPlainText()

"""The Library dock: a filter field and a sort above the list of articles, to find a text among
thousands (issue 22), as a scholar finds one in Zotero's or calibre's library.

The filter's rule is ``reader.library_filter`` (every term in a field: title, English title,
author, venue, issue, year, id; folded, so 战略 finds 戰略); each text's folded key is made once
per library, when a filter first needs it. The sort is the library's order, or title, author or
date (newest first) compared as a Chinese reader expects: Qt's collator (ICU) in the interface's
language, stroke order for Traditional Chinese (zh_TW), pinyin for Simplified (zh_CN), and
pinyin for the English interface too (an English-language library of Chinese titles is ordered
by their pinyin romanisation; ICU's root order is by code point, which to a reader is none).
The sort is remembered in the settings.

Keys in the filter field: Esc clears it, Enter opens the first match and moves into the list,
Down moves into the list (Up on the list's first row comes back). View ▸ Filter Library
(Ctrl+L) shows the dock and puts the cursor in the field. Ctrl+PgUp / Ctrl+PgDn follow the list
as it is filtered and sorted.
"""

from __future__ import annotations

from functools import cmp_to_key
from typing import TYPE_CHECKING

from PySide6.QtCore import QCollator, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Document
from reader.ui.library.library_list import LibraryList, LibraryModel
from reader.ui.window.settings import ReaderSettings

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent  # (a hint: the class is made at the first key)

SORTS = ("library", "title", "author", "date")
SORT_SETTING = "library/sort"
FILTER_SHORTCUT = "Ctrl+L"


def collator(language: str) -> QCollator:
    """Qt's collator for sorting titles and names in ``language`` (``en``, ``zh_TW`` or
    ``zh_CN``): stroke order for zh_TW, pinyin otherwise (see the module's note); numbers by
    value (文件 2 before 文件 10), case ignored."""
    made = QCollator(QLocale("zh_TW" if language == "zh_TW" else "zh_CN"))
    made.setNumericMode(True)
    made.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return made


class Arrangement:
    """The filter and sort over a model's documents (``LibraryModel.set_arrangement``). The
    folded keys and each sort's order are made once for a list of documents (a new list, after
    a text is imported or removed, makes them again); a keystroke is one pass over the keys."""

    def __init__(self, language: str) -> None:
        self.terms: list[str] = []
        self.sort = "library"
        self._language = language
        self._collator: QCollator | None = None
        self._docs: list[Document] | None = None  # the documents the keys and orders are of
        self._keys: list[str] | None = None
        self._orders: dict[str, list[int]] = {}

    def __call__(self, docs: list[Document]) -> list[Document]:
        if docs is not self._docs:
            self._docs, self._keys, self._orders = docs, None, {}
        hits: list[int] | None = None
        if self.terms:
            from reader.library_filter import filter_keys, matching

            if self._keys is None:
                self._keys = filter_keys([d.meta for d in docs])
            hits = matching(self._keys, self.terms)
        if self.sort == "library":
            rows: list[int] | range = hits if hits is not None else range(len(docs))
        else:
            order = self._order(docs)
            if hits is None:
                rows = order
            else:
                chosen = bytearray(len(docs))
                for i in hits:
                    chosen[i] = 1
                rows = [i for i in order if chosen[i]]
        return [docs[i] for i in rows]

    def _order(self, docs: list[Document]) -> list[int]:
        order = self._orders.get(self.sort)
        if order is not None:
            return order
        if self._collator is None:
            self._collator = collator(self._language)
        by_text = cmp_to_key(self._collator.compare)
        metas = [d.meta for d in docs]
        order = sorted(range(len(docs)), key=lambda i: by_text(metas[i].title))
        if self.sort == "author":  # the first author's name; texts without one last
            order.sort(
                key=lambda i: (
                    not metas[i].authors,
                    by_text(metas[i].authors[0] if metas[i].authors else ""),
                )
            )
        elif self.sort == "date":  # newest first; undated texts last
            order.sort(key=lambda i: metas[i].date or "", reverse=True)
        self._orders[self.sort] = order
        return order


class _FilterField(QLineEdit):
    """The filter's line: Esc clears it; Enter and Down are the panel's."""

    entered = Signal()
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
        elif key == Qt.Key.Key_Down:
            self.down.emit()
        else:
            super().keyPressEvent(event)


class LibraryPanel(QWidget):
    """The dock's widget: the filter field, the sort and the count, then the list (or, when
    nothing matches, a line saying so)."""

    def __init__(
        self,
        model: LibraryModel,
        settings: ReaderSettings,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.model = model
        self._settings = settings
        self.arrangement = Arrangement(language)

        self.filter = _FilterField(self)
        self.filter.setObjectName("libraryFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by title, author, venue, year…"))
        self.filter.setAccessibleName(self.tr("Filter the library"))
        self.filter.setToolTip(
            self.tr(
                "Every word must appear in a title, author, venue, issue, year or id "
                "(Traditional and Simplified alike). Esc clears; Enter opens the first match."
            )
        )
        # Filtered at each keystroke, without a pause: a keystroke over 3,000 texts is a pass
        # over their keys and the list's layout (``meipi bench``: well under 50 ms).
        self.filter.textChanged.connect(self.apply)
        self.filter.entered.connect(self._on_filter_entered)
        self.filter.down.connect(self._on_filter_down)

        self.sort = QComboBox(self)
        self.sort.setObjectName("librarySort")
        for sort, label in (
            ("library", self.tr("Library order")),
            ("title", self.tr("Title")),
            ("author", self.tr("Author")),
            ("date", self.tr("Newest first")),
        ):
            self.sort.addItem(label, sort)
        self.sort.setAccessibleName(self.tr("Sort the library"))
        self.sort.setToolTip(self.tr("Sort the library"))
        self.count = QLabel(self)
        self.count.setObjectName("libraryCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.empty = QLabel(self)
        self.empty.setObjectName("libraryEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setContentsMargins(8, 16, 8, 8)
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        top = QVBoxLayout()
        top.setContentsMargins(6, 0, 6, 0)
        top.setSpacing(4)
        top.addWidget(self.filter)
        row = QHBoxLayout()
        row.addWidget(self.sort)
        row.addStretch(1)
        row.addWidget(self.count)
        top.addLayout(row)
        layout.addLayout(top)
        # The list made in its place: one moved into the panel laid its 3,000 rows out then,
        # at a new widget's width of 100 pixels (~100 ms of a window's start).
        self.list = LibraryList(model, self)
        self.list.up_from_top.connect(self._on_list_up_from_top)  # back to the filter
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)

        self.model.modelReset.connect(self._update_count)

        self.focus_action = QAction(self.tr("Filter Li&brary"), self)
        self.focus_action.setShortcut(QKeySequence(FILTER_SHORTCUT))
        self.focus_action.triggered.connect(self.focus_filter)

        saved = settings.text(SORT_SETTING, "library", SORTS)
        self.sort.setCurrentIndex(SORTS.index(saved))
        self.sort.currentIndexChanged.connect(self._on_sort_current_index_changed)
        if saved != "library":  # (not apply(): its scrolling would lay the rows out now)
            self.arrangement.sort = saved
            self.model.set_arrangement(self.arrangement)
        else:
            self._update_count()

    # -- filtering ---------------------------------------------------------------------------
    def apply(self) -> None:
        """Show the texts the filter and sort pick, the open one still selected if shown."""
        # The filter's rule (and search's folding under it) is imported at the first
        # keystroke, not as the window gets ready (~0.7 ms).
        from reader.library_filter import query_terms

        self.arrangement.terms = query_terms(self.filter.text())
        plain = not self.arrangement.terms and self.arrangement.sort == "library"
        self.model.set_arrangement(None if plain else self.arrangement)
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)
        else:
            self.list.scrollToTop()

    def set_sort(self, sort: str) -> None:
        self.sort.setCurrentIndex(SORTS.index(sort))

    def _on_sort_current_index_changed(self, index: int) -> None:
        sort = SORTS[index]
        self._settings.set_value(SORT_SETTING, sort)
        self.arrangement.sort = sort
        self.apply()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.documents())
        if self.arrangement.terms:
            self.count.setText(
                self.tr("%1 of %2").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
            )
        else:
            self.count.setText(
                self.tr("1 text") if total == 1 else self.tr("%1 texts").replace("%1", f"{total:,}")
            )
        nothing = shown == 0 and total > 0
        if nothing:
            self.empty.setText(
                self.tr("No text matches “%1”.\nEsc clears the filter.").replace(
                    "%1", self.filter.text().strip()
                )
            )
        self.empty.setVisible(nothing)
        self.list.setVisible(not nothing)

    # -- keys --------------------------------------------------------------------------------
    def _on_list_up_from_top(self) -> None:
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_filter(self) -> None:
        """Show the dock and put the cursor in the filter field, its text selected."""
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _on_filter_entered(self) -> None:
        if self.model.rowCount() > 0:
            self.list.setCurrentIndex(self.model.index(0, 0))  # opens it
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_filter_down(self) -> None:
        if self.model.rowCount() == 0:
            return
        if not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))  # opens it, as Down in the list
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

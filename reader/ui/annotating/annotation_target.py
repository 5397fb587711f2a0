"""Which annotation an edit applies to — Add or Edit Note, Tags, Delete — when the reader has
not selected it exactly: what they point at, never one pages away (a right-click on plain text
deleted the sidebar's current annotation, unseen, with its note).

- a selection: the annotation it is exactly, else the one around its start;
- the reading pane's context menu: the annotation under the click (of overlapping ones, the one
  drawn on top), flashed while the menu opens, or none; its colours recolour that one;
- keys in the reading pane: the annotation at its text cursor;
- else the sidebar's current annotation, while its row has the keyboard or its passage is on
  screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.store.records import AnnotationRecord

if TYPE_CHECKING:
    from reader.ui.annotating.annotations_feature import AnnotationsFeature


class AnnotationTarget:
    def __init__(self, feature: AnnotationsFeature) -> None:
        self._feature = feature
        self._view = feature.view
        # While the reading pane's context menu is open: the annotation it was opened on.
        self._menu: tuple[AnnotationRecord | None] | None = None

    @property
    def menu_open(self) -> bool:
        return self._menu is not None

    def menu_record(self) -> AnnotationRecord | None:
        """The annotation the open context menu was opened on (None: none, or no menu)."""
        return self._menu[0] if self._menu is not None else None

    def drawn_on_top(self, under: list[AnnotationRecord]) -> AnnotationRecord:
        """Of overlapping annotations, the one the reader sees where they overlap: the layer
        draws them in text order, so the one starting last (of those starting together, the
        later in that order) covers the others. (The shortest was taken: a right-click on a
        purple stretch deleted the pink highlight under it.)"""
        latest = max(r.start for r in under)
        last = [r for r in under if r.start == latest]
        if len(last) == 1:
            return last[0]
        drawn = self._feature._doc_records
        return max(last, key=lambda r: drawn.index(r) if r in drawn else -1)

    def target(self) -> AnnotationRecord | None:
        """The annotation an edit applies to, by the rules above (None: none)."""
        selected = self._view.selected_range()
        if selected is not None:
            exact = self._feature.annotation_on(*selected)
            if exact is not None:
                return exact
            around = [r for r in self._feature.annotations_at(selected[0]) if r.end >= selected[1]]
            return around[0] if around else None
        if self._menu is not None:
            return self._menu[0]
        under = self.at_cursor() if self._view.hasFocus() else None
        if under is not None:
            return under
        current = self._feature.sidebar.current_id()
        record = self._feature.record(current) if current else None
        if record is None:
            return None
        if self._feature.sidebar.list.hasFocus() or self._on_screen(record):
            return record
        return None

    def _on_screen(self, record: AnnotationRecord) -> bool:
        height = self._view.viewport().height()
        rects = self._view.range_rects(record.start, record.end)
        return any(r.bottom() >= 0 and r.top() <= height for r in rects)

    def set_menu(self, record: AnnotationRecord | None) -> None:
        """The reading pane's context menu is open on ``record`` (None: on no annotation):
        what its Note, Tags and Delete act on when nothing is selected."""
        self._menu = (record,)

    def clear_menu(self) -> None:
        if self._menu is not None:
            self._menu = None
            self._feature._on_selection_changed()  # the actions' states without the menu

    def at_cursor(self) -> AnnotationRecord | None:
        """The (shortest) annotation the reading pane's text cursor is in, its ends included."""
        content = self._view.content()
        if content is None:
            return None
        position = self._view.textCursor().position()
        for qt in (position, position - 1):
            if qt < 0:
                continue
            under = self._feature.annotations_at(content.positions.canonical_offset(qt))
            if under:
                return under[0]
        return None

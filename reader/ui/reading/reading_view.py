"""The reading pane: a document's blocks typeset in a centred column, the printed page numbers in
the left margin, and every position expressed as a canonical offset.

What is shown is a :class:`~reader.ui.reading.typesetting.ReadingContent` — the canonical text,
or a script view's text with its blocks and pages mapped into it — so a script switcher only
builds another content and calls :meth:`ReadingView.set_content`. Offsets in and out of this
widget are canonical code points; :class:`reader.ui.reading.offsets.PositionMap` is the only
conversion to Qt positions. The document is built in :mod:`~reader.ui.reading.typesetting` and
laid out in the background by :mod:`~reader.ui.reading.layout_pacer`.

Over 600 lines as one job: the widget itself — scrolling and the reading position, the column
and its justification near the screen, highlight layers, hit-testing and the page margin —
every part of it reading and moving the same viewport and layout state.

Signals:
    position_changed(int): the canonical offset of the first visible character changed (the
        user scrolled, or a new content, size or zoom moved the text).
    content_rendered(): the ``QTextDocument`` was rebuilt (new content, theme, font or zoom);
        overlays keyed on canonical offsets re-apply themselves (highlight layers already do).
    first_painted(): the text was painted for the first time (startup work that can wait —
        the store, converters — starts from here; the benchmark times it).
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Callable, Iterable
from itertools import islice
from operator import itemgetter, le, sub

from PySide6.QtCore import (
    QPoint,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.ui.reading.justify import (
    Justifier,
    ensure_laid_out,
    is_justified,
    needs_filling,
    utf16_units,
)
from reader.ui.reading.layout_pacer import LayoutPacer
from reader.ui.reading.offsets import PositionMap
from reader.ui.reading.typesetting import (
    ReadingContent,
    Typography,
    build_document,
)
from reader.ui.window.viewports import own_viewport

TOP_PAD = 10  # pixels between the viewport's top and the first visible line

# The margin notes' column at the right of the pane (``reader.ui.annotating.margin``), kept
# whether or not the article has notes, so the text never reflows when the first one appears.
MARGIN_WIDTH = 250
MARGIN_MIN_WIDTH = 170
MARGIN_COLLAPSED_WIDTH = 16
# The text's side room (page numbers on the left, air on the right), in ems of the text.
LEFT_EM, RIGHT_EM = 3.2, 1.2
# The narrowest column the pane keeps, in ems: the docks give way before the text does.
NARROWEST_COLUMN_EM = 14
# The column the margin notes leave at the least (ems); a narrower pane folds them to their
# strip, as the reader can (a window half a laptop screen wide kept 8 characters a line).
MARGIN_LEAVES_EM = 20


def margin_room(view_width: int, collapsed: bool, em: float) -> int:
    """The margin notes' width in a pane ``view_width`` wide whose text's em is ``em``
    (``collapsed``, or too narrow a pane for notes beside a column of 20 ems: a narrow strip)."""
    if collapsed or view_width - MARGIN_MIN_WIDTH < (MARGIN_LEAVES_EM + LEFT_EM + RIGHT_EM) * em:
        return MARGIN_COLLAPSED_WIDTH
    return int(min(MARGIN_WIDTH, max(MARGIN_MIN_WIDTH, view_width * 0.26)))


SHORT_TEXT = 60_000  # characters: laid out at once when a paragraph must be justified


def page_mark(
    label: str, number: str, width_of: Callable[[str], float], side: float, em: float
) -> tuple[str, float]:
    """The page mark for the side room ``side`` wide, and where it starts: ``label`` ("p. 62",
    "第 62 页") ending 1.2 em before the text; where it would not fit (a long label, a narrow
    pane) the printed number alone, nearer the text if need be — never cut off at the pane's
    edge, and never over the text while the number fits beside it."""
    pad = 0.25 * em
    right = side - 1.2 * em
    for text in (label, number):
        width = width_of(text)
        if right - width >= pad:
            return text, right - width
    return number, max(0.0, side - 0.35 * em - width_of(number))


def _line_x(line: QTextLine, position: int) -> float:
    """The x of a cursor before ``position`` (PySide returns ``(x, position)``)."""
    result: object = line.cursorToX(position)
    x = result[0] if isinstance(result, tuple) else result
    assert isinstance(x, (int, float))
    return float(x)


# Above this many ranges in all layers, only those near the screen become extra selections
# (QTextEdit paints every extra selection it holds for every block it draws, and each one's
# cursor lays the text out down to it): scrolling brings the others in.
NEAR_LIMIT = 300
# Layers drawn first, under the others whatever the order they were first set in: the script
# view's substitution marks (a dotted underline a highlight covers), then the find bar's hits.
LAYER_ORDER = ("script-substitutions", "find-hits", "find-current")
NEAR_SCREENS = 1.0  # how far above and below the viewport, in viewport heights


class _Layer:
    # A plain class (made before the first paint: a dataclass cost ~0.4 ms to create).
    def __init__(self) -> None:
        # (start, end, the index of its format in ``formats``): plain ints, which the cyclic
        # collector stops following, where 100,000 tuples each holding a PySide format made
        # every collection slow (the highlights of 100,000 annotations: 65-145 ms to make,
        # instead of 11, and as much again at each collection after).
        self.ranges: list[tuple[int, int, int]] = []
        self.formats: list[QTextCharFormat] = []
        self._starts: list[int] | None = None  # canonical starts, ascending (made when needed)
        self._order: list[int] | range = []  # range indices in that order
        self._longest = 0
        self._in_order = False  # the ranges were given in order of their starts (_order: 0, 1…)

    def set(self, ranges: Iterable[tuple[int, int, QTextCharFormat]]) -> None:
        paused = gc.isenabled()
        gc.disable()  # the given tuples hold formats: made and dropped unwalked
        try:
            given = list(ranges)
            formats = list(map(itemgetter(2), given))
            unique = dict(zip(map(id, formats), formats, strict=True))
            self.formats = list(unique.values())
            number = dict(zip(unique, range(len(unique)), strict=True))
            self.ranges = list(
                zip(
                    map(itemgetter(0), given),
                    map(itemgetter(1), given),
                    map(number.__getitem__, map(id, formats)),
                    strict=True,
                )
            )
            del given, formats
        finally:
            if paused:
                gc.enable()
        self._starts = None

    def _index(self) -> list[int]:
        """The starts in ascending order (made once per ``set``)."""
        if self._starts is None:
            # In C (map, sorted on a list's __getitem__): 100,000 ranges in milliseconds.
            starts = list(map(itemgetter(0), self.ranges))
            self._in_order = all(map(le, starts, islice(starts, 1, None)))
            if self._in_order:  # as highlights come, in text order: nothing to sort
                self._order = range(len(starts))
                self._starts = starts
            else:
                self._order = sorted(range(len(starts)), key=starts.__getitem__)
                self._starts = list(map(starts.__getitem__, self._order))
            self._longest = max(map(sub, map(itemgetter(1), self.ranges), starts), default=0)
        return self._starts

    def edit(self, changes: Iterable[tuple[int, tuple[int, int, QTextCharFormat] | None]]) -> bool:
        """Apply ``changes`` one after the other: ``(i, None)`` takes range ``i`` out,
        ``(i, (start, end, format))`` puts one in at ``i`` (an annotation added among
        100,000, the others not made again). False when the ranges are not in order of their
        starts or a change would break that order: the caller sets the layer whole (it may
        be half edited)."""
        starts = self._index()
        if not self._in_order:
            return False
        ranges = self.ranges
        for i, given in changes:
            if given is None:
                if not 0 <= i < len(ranges):
                    return False
                del ranges[i], starts[i]
                continue
            start, end, fmt = given
            if not 0 <= i <= len(ranges) or not (
                (i == 0 or starts[i - 1] <= start) and (i == len(starts) or start <= starts[i])
            ):
                return False
            number = next((n for n, f in enumerate(self.formats) if f is fmt), None)
            if number is None:
                number = len(self.formats)
                self.formats.append(fmt)
            ranges.insert(i, (start, end, number))
            starts.insert(i, start)
            self._longest = max(self._longest, end - start)
        self._order = range(len(ranges))
        return True

    def near(self, lo: int, hi: int) -> list[int]:
        """Indices (ascending: the drawing order) of the ranges meeting canonical [lo, hi]."""
        self._starts = self._index()
        first = bisect.bisect_left(self._starts, lo - self._longest)
        last = bisect.bisect_right(self._starts, hi)
        ranges, order = self.ranges, self._order
        return sorted(i for i in order[first:last] if ranges[i][1] >= lo)


class ReadingView(QTextBrowser):
    """A read-only, typeset view of one :class:`ReadingContent`."""

    position_changed = Signal(int)
    content_rendered = Signal()
    first_painted = Signal()

    def __init__(self, typography: Typography, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_viewport()
        self.setObjectName("readingView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        # Selectable by mouse only: no blinking caret in a page one reads; the keys scroll.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: shown only as needed, a text about one screen long made it come and go
        # for ever (with the bar the column is narrower and re-laid out in steps, and its first
        # steps are shorter than the screen, so the bar went, the column widened, and again),
        # thousands of re-layouts a minute in a Compare pane, the window busy and flickering.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._typo = typography
        self._content: ReadingContent | None = None
        self._document: QTextDocument | None = None  # the last one built (owned by the view)
        self._anchor = 0
        self._repositioning = 0
        self._layers: dict[str, _Layer] = {}
        self._page_marks: dict[int, tuple[float, float, float] | None] | None = None
        self._page_qt: list[int] = []
        self._page_info: list[tuple[int, bool, str]] = []  # number, at a block's start, label
        self._rule_qt: list[tuple[int, str]] = []
        self._side = 0.0
        # The page marks as last painted, by index: their text and where it starts.
        self.page_marks_drawn: dict[int, tuple[str, float]] = {}
        self._right = 0.0
        self._painted = False
        self._justify_after_paint = False  # the text laid out and justified after the paint
        self._clamping = False
        self._reanchor_pending = False
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._near: tuple[object, ...] | None = None  # what the extra selections hold now
        self.pacer: LayoutPacer | None = None
        self.justifier: Justifier | None = None
        self._justify_pending = False
        self._justify_wide_pending = False
        self._near_pending = False
        self.verticalScrollBar().rangeChanged.connect(self._on_range_changed)

    def _own_viewport(self) -> None:
        """A viewport made in Python (``reader.ui.window.viewports``), with what a QTextBrowser
        adds to Qt's own."""
        viewport = own_viewport(self)
        viewport.setMouseTracking(True)
        viewport.setAcceptDrops(True)  # (a file dropped on the text goes to the window)
        # Qt's first document measures on the viewport Qt made (deleted by setViewport).
        self.document().documentLayout().setPaintDevice(viewport)

    # -- content -----------------------------------------------------------------------------
    def content(self) -> ReadingContent | None:
        return self._content

    @property
    def positions(self) -> PositionMap | None:
        return self._content.positions if self._content else None

    def typography(self) -> Typography:
        return self._typo

    def set_content(
        self, content: ReadingContent, anchor: int = 0, typography: Typography | None = None
    ) -> None:
        """Show ``content`` with the canonical offset ``anchor`` at the top (in ``typography``
        when given: one render for a view switch that also changes the font)."""
        if typography is not None:
            self._typo = typography
        self._content = content
        self._anchor = max(0, min(anchor, len(content.doc.text)))
        self._render()

    def set_typography(self, typography: Typography) -> None:
        """New font, size or colours; the passage at the top stays at the top."""
        if typography == self._typo:
            return
        self._typo = typography
        if self._content is not None:
            self._render()
        else:
            self.viewport().update()

    def _render(self) -> None:
        assert self._content is not None
        self._repositioning += 1
        try:
            document = build_document(self._content, self._typo)
            # The column's margins before the view lays the text out: one layout, not two.
            self._side = -1.0
            self._right = -1.0
            self._update_column(document)
            # Owned by the view, and the one it replaces deleted: Qt's setDocument() deletes
            # only a document parented to its internal control, so every article opened kept
            # its whole laid-out text (1.5-2 MB each) until the window closed.
            # (Qt's own first one it deletes itself.) Which one is ours is kept here: asking
            # the replaced document for its parent() makes PySide look up the Python class of
            # a QObject, which creates every QObject class of every Qt module loaded, each
            # with its enums (some 40 ms at startup).
            replaced = self._document
            document.setParent(self)
            # No page size yet: the layout setDocument() makes does not lay the whole text out
            # at the default page size (as one line a block) only to lay it out again at the
            # view's width a moment later (~10 ms for an article, before the first paint).
            document.setPageSize(QSizeF(0, 0))
            self.setDocument(document)
            self._document = document
            if replaced is not None:
                replaced.deleteLater()
            document.documentLayout().documentSizeChanged.connect(self._on_document_resized)
            # (Held until the first paint: nothing but the screen is laid out before it.)
            self.pacer = LayoutPacer(document, held=not self._painted)
            self.pacer.finished.connect(self._justify_near)
            self.pacer.finished.connect(self._layers_moved)  # (all drawn once all laid out)
            self.justifier = Justifier(document)
            self._page_marks = None
            self._index_marks()
            self._apply_layers()
        finally:
            self._repositioning -= 1
        self._apply_anchor()
        self.content_rendered.emit()

    # -- the column ---------------------------------------------------------------------------
    def _update_column(self, document: QTextDocument | None = None) -> None:
        em = self._typo.em()
        if not self.minimumWidth():
            # Never narrower than a column of 14 ems (of the first text's size: zooming does
            # not resize the pane, which would move the passage at the top) with its side
            # room and the margin's strip.
            narrowest = (NARROWEST_COLUMN_EM + LEFT_EM + RIGHT_EM) * em + MARGIN_COLLAPSED_WIDTH
            self.setMinimumWidth(round(narrowest) + self.verticalScrollBar().sizeHint().width())
        width = self.viewport().width()
        # Page numbers need room on the left only; on the right a little air is enough (margin
        # notes have their own column beside the pane). Extra width centres the column.
        left_min, right_min = LEFT_EM * em, RIGHT_EM * em
        column = min(self._typo.column_em * em, max(width - left_min - right_min, 4 * em))
        if width - column >= 2 * left_min:
            side = right = (width - column) / 2  # room enough: centred
        else:
            side, right = left_min, max(right_min, width - left_min - column)
        if abs(side - self._side) < 0.5 and abs(right - self._right) < 0.5:
            return
        self._side, self._right = side, right
        if document is None and self.justifier is not None:
            self.justifier.reset()  # before the lines break anew at the new width
        root = (document or self.document()).rootFrame()
        fmt = root.frameFormat()
        fmt.setLeftMargin(side)
        fmt.setRightMargin(right)
        fmt.setTopMargin(1.5 * em)
        fmt.setBottomMargin(5 * em)
        root.setFrameFormat(fmt)
        self._page_marks = None
        if document is None and self.pacer is not None:
            self.pacer.restart()

    def column_rect(self) -> QRectF:
        """The text column in viewport coordinates (full height): margins lie either side."""
        return QRectF(
            self._side,
            0,
            self.viewport().width() - self._side - self._right,
            self.viewport().height(),
        )

    # -- positions ----------------------------------------------------------------------------
    def _line_top(self, qt_pos: int) -> tuple[float, float, float] | None:
        """Document coordinates of the line holding Qt position ``qt_pos``: (top, height, x)."""
        block = self.document().findBlock(qt_pos)
        if not block.isValid():
            return None
        rect = self.document().documentLayout().blockBoundingRect(block)
        layout = block.layout()
        rel = qt_pos - block.position()
        line = layout.lineForTextPosition(rel)
        if not line.isValid():
            return rect.top(), rect.height(), rect.left()
        x = _line_x(line, rel)
        return rect.top() + line.y(), line.height(), rect.left() + x

    def _hit(self, point: QPoint) -> int:
        """The Qt position at a viewport point. Qt lays long texts out in steps, and a hit test
        beyond what is laid out answers from estimates; asking again, which lays the text out
        down to the point, settles it. The layout is asked directly, never through a
        ``QTextCursor``: above the first line (the page's top margin) Qt answers the end of the
        text until all of it is laid out, and a cursor put there would lay out all of a
        1M-character text; a point there is taken as the first line's."""
        document = self.document()
        layout = document.documentLayout()
        top = layout.blockBoundingRect(document.firstBlock()).top()
        at = QPointF(
            point.x() + self.horizontalScrollBar().value(),
            max(top, point.y() + self.verticalScrollBar().value()),
        )
        fuzzy = Qt.HitTestAccuracy.FuzzyHit
        position = layout.hitTest(at, fuzzy)
        for _ in range(4):
            again = layout.hitTest(at, fuzzy)
            if again == position:
                break
            position = again
        return max(0, position)

    def first_visible_offset(self) -> int:
        """The canonical offset of the first character at the top of the view."""
        if self._content is None:
            return 0
        position = self._hit(QPoint(int(self._side) + 2, TOP_PAD + 2))
        return self._content.positions.canonical_offset(position)

    def reading_position(self) -> int:
        """The position to remember: where the reader is (stable across re-layouts)."""
        return self._anchor

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding canonical ``offset`` is the first line in view."""
        if self._content is None:
            return
        self._anchor = max(0, min(offset, len(self._content.doc.text)))
        self._apply_anchor()

    def _apply_anchor(self, settled: bool = False) -> None:
        """Scroll the anchor back to the top (``settled``: after the scroll range changed,
        as it does at every step of laying out a long text)."""
        if self._content is None:
            return
        self._repositioning += 1
        value = self.verticalScrollBar().value()
        try:
            line = self._line_top(self._content.positions.qt_position(self._anchor))
            if line is not None:
                bar = self.verticalScrollBar()
                # The beginning is the top of the page, margin included.
                top = max(0, 0 if self._anchor == 0 else int(line[0]) - TOP_PAD)
                if top > bar.maximum():
                    # Laid out this far only just now: the scroll range catches up when Qt
                    # reports the new size; until then, make room for the place asked for.
                    bar.setMaximum(top)
                bar.setValue(top)
            self._justify_near()
        finally:
            self._repositioning -= 1
        if not settled or self.verticalScrollBar().value() != value:
            # (Unmoved after a step of the layout, nothing on screen changed: Qt repaints what
            # a layout or a format change touches itself. A full repaint at every step of a
            # long text cost the window ~10 ms each, while the reader was filtering, typing.)
            self.viewport().update()
        self.position_changed.emit(self.first_visible_offset())

    def _on_range_changed(self, minimum: int, maximum: int) -> None:
        # The text was laid out again (shown, resized, laid out in steps). If the value is out
        # of the new range, the scroll bar clamps it right after this signal: no move of the
        # reader's. Once the layout settles, the anchor goes back to the top unless the reader
        # scrolls first.
        value = self.verticalScrollBar().value()
        self._clamping = not minimum <= value <= maximum
        if not self._reanchor_pending:
            self._reanchor_pending = True
            QTimer.singleShot(0, self, self._on_range_settled)

    def _on_range_settled(self) -> None:
        if self._reanchor_pending:
            self._reanchor_pending = False
            self._apply_anchor(settled=True)

    def _justify_near(self, wide: bool = False) -> None:
        """Justify the paragraphs on screen before they are painted, and those from a screen
        above to two below right after (``wide``); those further away when they come near."""
        if self.justifier is None or self._content is None:
            return
        if not self.isVisible():
            # Not shown yet: no width to break lines at (a hidden view lays its text out at
            # none); shown, it justifies what is on screen (showEvent).
            return
        document = self.document()
        stepping = False  # Qt is laying the text out in steps, not to its end yet
        if not document.lastBlock().layout().lineCount():
            # Not laid out to the end yet. A short text is laid out now, or before the first
            # paint only as far as the screen; a long one is justified once the pacer has laid
            # it out.
            if document.characterCount() > SHORT_TEXT:
                return
            if not self._painted or self._justify_after_paint:
                # Before the first paint: the text is laid out as far as the screen (as a bare
                # QTextEdit lays it out), and to its end, the lines below justified, after what
                # the first paint starts (the window installs its features first: the lines off
                # screen can wait). Lines on screen that Qt would justify badly are filled now.
                self._justify_after_paint = True
                if not self._filling_on_screen():
                    return
                stepping = True
            else:
                ensure_laid_out(document.lastBlock())
        viewport = self.viewport()
        reach = viewport.height() if wide else 0
        first = self._hit(QPoint(0, -reach))
        last = self._hit(QPoint(viewport.width(), viewport.height() + reach))
        if self.justifier.justify_range(first, last) and stepping:
            # A change of format above the step Qt's layout has reached ends its steps there:
            # the paragraphs below would stay unlaid for good (no lines, no height, asked for
            # in vain). Laid out again from the top in steps, the lines on screen filled (the
            # layout of a screen or two, where laying it all out cost the whole text's).
            document.setPageSize(document.pageSize())
        if stepping:
            return  # the lines off screen are justified after the paint (_justify_after_paint)
        if not wide and not self._justify_wide_pending:
            self._justify_wide_pending = True
            QTimer.singleShot(0, self, self._on_justify_wide_due)

    def _filling_on_screen(self) -> bool:
        """Whether a justified paragraph on screen holds a line the justifier would fill (a
        Latin word or a space: see ``reader.ui.reading.justify``), judged from its text."""
        viewport = self.viewport()
        first = self._hit(QPoint(0, 0))
        last = self._hit(QPoint(viewport.width(), viewport.height()))
        block = self.document().findBlock(first)
        while block.isValid() and block.position() <= last:
            if is_justified(block):
                text = utf16_units(block.text())
                if needs_filling(text, 0, len(text)):
                    return True
            block = block.next()
        return False

    def _on_justify_after_paint(self) -> None:
        self._justify_after_paint = False
        self._justify_near(wide=True)

    def _on_justify_wide_due(self) -> None:
        self._justify_wide_pending = False
        self._justify_near(wide=True)

    def _on_scrolled(self, _value: int) -> None:
        self._justify_near()
        if self._near is not None:
            self._apply_layers(force=False)  # ranges scrolled into view are drawn before paint
        if self._clamping:
            self._clamping = False
            return
        if self._repositioning or self._content is None:
            return
        self._reanchor_pending = False
        offset = self.first_visible_offset()
        self._anchor = offset
        self.position_changed.emit(offset)

    def _on_document_resized(self) -> None:
        # More of the text was laid out (Qt lays long texts out in steps, and on demand): the
        # scroll range follows, and _on_range_changed puts the anchor back once it settles.
        self._page_marks = None
        self._layers_moved()
        if not self._justify_pending:
            self._justify_pending = True
            QTimer.singleShot(0, self, self._on_justify_due)

    def _on_justify_due(self) -> None:
        self._justify_pending = False
        self._justify_near()

    def _top_offset(self) -> int:
        """The canonical offset of the top line's last character (a line where a page begins
        counts as the new page, as its margin number says)."""
        assert self._content is not None
        position = self._hit(QPoint(int(self._side) + 2, TOP_PAD + 2))
        block = self.document().findBlock(position)
        line = block.layout().lineForTextPosition(position - block.position())
        if line.isValid() and line.textLength() > 0:
            position = block.position() + line.textStart() + line.textLength() - 1
        return self._content.positions.canonical_offset(position)

    def current_page(self) -> int:
        """The number of the page at the top of the view (it orders pages; what the page
        says is :meth:`current_label`)."""
        if self._content is None:
            return 1
        return self._content.doc.page_of(self._top_offset())

    def current_label(self) -> str:
        """The printed label of the page at the top of the view ("i", "S12", "45")."""
        if self._content is None:
            return "1"
        return self._content.doc.label_of(self._top_offset())

    def progress(self) -> float:
        """How far through the text the reader is, 0.0 to 1.0: the canonical offset of the
        first visible character over the text's length (0% at the top, whatever the screen
        holds; counted in characters, so it holds while Qt is still laying a long text out),
        and 1.0 once scrolled to the very end."""
        if self._content is None or not self._content.doc.text:
            return 0.0
        bar = self.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum() and self._layout_done():
            return 1.0  # scrolled to the very end: the whole text has been read
        return min(1.0, self.first_visible_offset() / len(self._content.doc.text))

    def _layout_done(self) -> bool:
        return bool(self.document().lastBlock().layout().lineCount())

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting the canonical range ``[start, end)``."""
        assert self._content is not None
        qstart, qend = self._content.positions.to_qt(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qstart)
        cursor.setPosition(qend, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def select_range(self, start: int, end: int) -> None:
        self.setTextCursor(self.cursor_for(start, end))

    def selected_range(self) -> tuple[int, int] | None:
        """The canonical range of the selection, or None."""
        cursor = self.textCursor()
        if self._content is None or not cursor.hasSelection():
            return None
        return self._content.positions.to_canonical(cursor.selectionStart(), cursor.selectionEnd())

    def offset_at(self, point: QPoint) -> int:
        """The canonical offset of the character at a viewport point."""
        if self._content is None:
            return 0
        return self._content.positions.canonical_offset(self._hit(point))

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per line of the canonical range, in viewport coordinates (for margin
        notes placed level with their passage)."""
        if self._content is None or end <= start:
            return []
        qstart, qend = self._content.positions.to_qt(start, end)
        dy = self.verticalScrollBar().value()
        rects: list[QRectF] = []
        block = self.document().findBlock(qstart)
        layout = self.document().documentLayout()
        while block.isValid() and block.position() <= qend:
            brect = layout.blockBoundingRect(block)
            lay = block.layout()
            for i in range(lay.lineCount()):
                line = lay.lineAt(i)
                a = block.position() + line.textStart()
                b = a + line.textLength()
                lo, hi = max(a, qstart), min(b, qend)
                if lo >= hi:
                    continue
                x1 = _line_x(line, lo - block.position())
                x2 = _line_x(line, hi - block.position())
                rects.append(
                    QRectF(brect.left() + x1, brect.top() + line.y() - dy, x2 - x1, line.height())
                )
            block = block.next()
        return rects

    # -- highlight layers ---------------------------------------------------------------------
    def set_layer(self, name: str, ranges: Iterable[tuple[int, int, QTextCharFormat]]) -> None:
        """Replace the named layer of formatted canonical ranges (search hits, highlights…);
        layers are drawn in ``LAYER_ORDER``, then in the order they were first set, and survive
        re-rendering. Any number
        of ranges: beyond ``NEAR_LIMIT`` in all, those near the screen are drawn, and the view
        draws the others as they scroll into view."""
        layer = self._layers.get(name)
        if layer is None:
            layer = self._layers[name] = _Layer()
            # Bottom to top: the layers of LAYER_ORDER in its order, then the others in the
            # order they were first set (the features make theirs at first use: an order by
            # history differed from one session to the next).
            rank = {n: i for i, n in enumerate(LAYER_ORDER)}
            order = sorted(self._layers, key=lambda n: rank.get(n, len(rank)))
            self._layers = {n: self._layers[n] for n in order}
        layer.set(ranges)
        self._apply_layers()

    def edit_layer(
        self, name: str, changes: Iterable[tuple[int, tuple[int, int, QTextCharFormat] | None]]
    ) -> bool:
        """Take ranges out of the named layer and put others in by their places in it (see
        ``_Layer.edit``), the rest untouched (one highlight among 100,000); False when it
        cannot (no such layer, or its ranges not in order of their starts): then set the
        layer whole."""
        layer = self._layers.get(name)
        if layer is None or not layer.edit(changes):
            return False
        self._apply_layers()
        return True

    def drawn_ranges(self, name: str) -> list[tuple[int, int]]:
        """The canonical ranges of a layer that are drawn now (every one, or those near the
        screen when the layers are large)."""
        layer = self._layers.get(name)
        if layer is None:
            return []
        span = self._near_span()
        indices = range(len(layer.ranges)) if span is None else layer.near(*span)
        return [layer.ranges[i][:2] for i in indices]

    def _near_span(self) -> tuple[int, int] | None:
        """The canonical range from a screen above the viewport to a screen below it, or None
        when the layers are small enough to draw whole and the text is laid out. (Drawing a
        range makes Qt lay the text out down to it: a returning reader's highlights laid out the
        whole article as the window got ready, ~20 ms; the rest are drawn as the layout, paced
        after the first paint, reaches them, and all at once when it is done.)"""
        if self._content is None:
            return None
        count = sum(len(x.ranges) for x in self._layers.values())
        if count == 0 or (count <= NEAR_LIMIT and self._layout_done()):
            return None
        viewport = self.viewport()
        reach = int(viewport.height() * NEAR_SCREENS)
        value = self.verticalScrollBar().value()
        top = self._hit(QPoint(0, max(-value, -reach)))
        bottom = self._hit(QPoint(viewport.width(), viewport.height() + reach))
        start, end = self._content.positions.to_canonical(top, max(top, bottom))
        return start, end

    def _layers_moved(self) -> None:
        """The text was laid out further or again: what is near the screen may have changed."""
        if self._near is not None and not self._near_pending:
            self._near_pending = True
            QTimer.singleShot(0, self, self._on_layers_moved)

    def _on_layers_moved(self) -> None:
        self._near_pending = False
        if self._near is not None:
            self._apply_layers(force=False)

    def _apply_layers(self, force: bool = True) -> None:
        """The layers as extra selections (``force`` False: only if what is near the screen
        changed, as when scrolling)."""
        if self._content is None:
            return
        span = self._near_span()
        chosen = [
            (layer, range(len(layer.ranges)) if span is None else layer.near(*span))
            for layer in self._layers.values()
        ]
        if span is None:
            key: tuple[object, ...] | None = None
        else:
            key = tuple((id(layer.ranges), tuple(indices)) for layer, indices in chosen)
            if not force and key == self._near:
                return
        self._near = key
        selections: list[QTextEdit.ExtraSelection] = []
        for layer, indices in chosen:
            for i in indices:
                start, end, f = layer.ranges[i]
                fmt = layer.formats[f]
                cursors = [self.cursor_for(start, end)]
                if span is not None:
                    cursors = self._per_block(cursors[0])
                for cursor in cursors:
                    sel = QTextEdit.ExtraSelection()
                    sel.cursor = cursor
                    sel.format = fmt
                    selections.append(sel)
        self.setExtraSelections(selections)

    def _per_block(self, cursor: QTextCursor) -> list[QTextCursor]:
        """A selection cut at block boundaries (drawn the same): Qt measures a selection that
        spans blocks by laying out the whole text, which a long one need not be yet."""
        document = self.document()
        qstart, qend = cursor.selectionStart(), cursor.selectionEnd()
        block = document.findBlock(qstart)
        if not block.isValid() or qend <= block.position() + block.length() - 1:
            return [cursor]
        pieces: list[QTextCursor] = []
        while block.isValid() and block.position() < qend:
            a = max(qstart, block.position())
            b = min(qend, block.position() + block.length() - 1)
            if a < b:
                piece = QTextCursor(document)
                piece.setPosition(a)
                piece.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                pieces.append(piece)
            block = block.next()
        return pieces

    # -- the margin: page numbers -------------------------------------------------------------
    def _index_marks(self) -> None:
        """Where pages begin and notes and back matter start, as Qt positions (no layout)."""
        self._page_qt = []
        self._page_info = []
        self._rule_qt = []
        if self._content is None:
            return
        positions = self._content.positions
        starts = {b.start for b in self._content.blocks}
        for page in self._content.pages:
            self._page_qt.append(positions.shown_to_qt(page.start))
            self._page_info.append((page.number, page.start in starts, page.printed))
        previous = ""
        for block in self._content.blocks:
            if block.kind in ("note", "backmatter") and previous != block.kind:
                self._rule_qt.append((positions.shown_to_qt(block.start), block.kind))
            previous = block.kind

    def _mark_geometry(self, index: int) -> tuple[float, float, float] | None:
        """(top, height, x) in document coordinates of page start ``index`` (cached until the
        text is laid out again)."""
        if self._page_marks is None:
            self._page_marks = {}
        if index not in self._page_marks:
            self._page_marks[index] = self._line_top(self._page_qt[index])
        return self._page_marks[index]

    def _visible_positions(self, y0: float, y1: float) -> tuple[int, int]:
        """The Qt positions from the start of the block at viewport y ``y0`` to the position at
        ``y1``: only this much of a long text needs laying out to paint the margin. Asked of
        the layout (``_hit``), not through a cursor: a cursor at a point in the page's top
        margin laid the whole text out before the first paint (~6 ms for an article)."""
        width = self.viewport().width()
        top = self._hit(QPoint(int(self._side) + 2, max(0, int(y0))))
        bottom = self._hit(QPoint(width - int(self._right) - 2, int(y1)))
        return self.document().findBlock(top).position(), bottom

    def page_mark_positions(self) -> dict[int, float]:
        """Page number → the viewport y where its number is painted, for every page (this lays
        out the whole text; painting only looks at the visible ones)."""
        dy = self.verticalScrollBar().value()
        marks: dict[int, float] = {}
        for i, (number, _, _label) in enumerate(self._page_info):
            geometry = self._mark_geometry(i)
            if geometry is not None:
                marks[number] = geometry[0] - dy
        return marks

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._content is None:
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_margin(painter, event.rect().top(), event.rect().bottom())
        finally:
            painter.end()
        if not self._painted:
            self._painted = True
            if self.pacer is not None:
                self.pacer.release()
            self.first_painted.emit()  # what it starts is queued before the lines below
            if self._justify_after_paint:
                QTimer.singleShot(0, self, self._on_justify_after_paint)

    def _paint_margin(self, painter: QPainter, y0: float, y1: float) -> None:
        em = self._typo.em()
        first_qt, last_qt = self._visible_positions(y0 - 2 * em, y1 + 2 * em)
        dy = self.verticalScrollBar().value()
        font = QFont(self._typo.font(0.72))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        accent = QColor(self._typo.theme.accent)
        tick = QColor(accent)
        tick.setAlpha(150)
        lo = bisect.bisect_left(self._page_qt, first_qt)
        hi = bisect.bisect_right(self._page_qt, last_qt)
        for i in range(lo, hi):
            geometry = self._mark_geometry(i)
            if geometry is None:
                continue
            top, height, x = geometry
            _number, at_block_start, printed = self._page_info[i]
            y = top - dy
            label = self.tr("p. %1").replace("%1", printed)
            text, left = page_mark(label, printed, metrics.horizontalAdvance, self._side, em)
            self.page_marks_drawn[i] = (text, left)
            baseline = y + metrics.ascent() + max(0.0, (em - metrics.height()) / 2)
            painter.setPen(accent)
            painter.drawText(QPointF(left, baseline + em * 0.15), text)
            # A hairline where the printed page begins, between two characters.
            if not at_block_start:
                painter.setPen(QPen(tick, 1.2))
                painter.drawLine(QPointF(x - 1, y + 1), QPointF(x - 1, y + min(height, em * 1.3)))
        self._paint_rules(painter, dy, first_qt, last_qt)

    def _paint_rules(self, painter: QPainter, dy: float, first_qt: int, last_qt: int) -> None:
        """A short rule above the note and the back matter, which stand apart from the body."""
        em = self._typo.em()
        color = QColor(self._typo.theme.muted)
        color.setAlpha(140)
        painter.setPen(QPen(color, 1.0))
        for qt_pos, kind in self._rule_qt:
            if not first_qt <= qt_pos <= last_qt:
                continue
            line = self._line_top(qt_pos)
            if line is None:
                continue
            if kind == "backmatter":
                y = line[0] - dy - 1.6 * em
                mid = self.viewport().width() / 2
                painter.drawLine(QPointF(mid - 3 * em, y), QPointF(mid + 3 * em, y))
            else:
                y = line[0] - dy - 0.8 * em
                painter.drawLine(QPointF(self._side, y), QPointF(self._side + 6 * em, y))

    # -- Qt events ----------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._repositioning += 1
        try:
            super().resizeEvent(event)
            if self._content is not None:
                self._update_column()
        finally:
            self._repositioning -= 1
        self._page_marks = None
        self._apply_anchor()
        self._layers_moved()

    def showEvent(self, event: QShowEvent) -> None:
        # QTextEdit scrolls its (hidden) text cursor into view on the first show: not the
        # reader's move.
        self._repositioning += 1
        try:
            super().showEvent(event)
        finally:
            self._repositioning -= 1
        self._apply_anchor()


def char_format(
    background: str | None = None, *, underline: str | None = None, tooltip: str | None = None
) -> QTextCharFormat:
    """A format for :meth:`ReadingView.set_layer`: a background and/or a dotted underline."""
    fmt = QTextCharFormat()
    if background:
        fmt.setBackground(QColor(background))
    if underline:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(underline))
    if tooltip:
        fmt.setToolTip(tooltip)
    return fmt

"""Justified Chinese lines that never space out the letters of a Latin word.

Qt justifies a line by adding space at its "justification points": after every letter or digit
when the line has no Latin word space, or only at the word spaces when it has one. A line of
Chinese with ``Thinking`` or ``1996`` in it and no space comes out as ``T h i n k i n g``; a
line with ``New Thinking`` puts all its slack into one word space.

:class:`Justifier` lays out such lines itself: it gives the line's slack to the gaps that are
not inside a Latin word (between Chinese characters, around punctuation, at spaces) as letter
spacing on the character before each gap, so Qt finds nothing left to add. Lines of Chinese
alone are left to Qt, which spaces them between characters as a typesetter would. Only the
characters' formats change, never the text: every position stays where it was.

:func:`letter_spaced_words` measures the result (the tests and the report use it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
    QTextLine,
)

EPSILON = 0.15  # pixels of slack left to Qt: less than any eye sees, never an overflow
MIN_SLACK = 1.0  # pixels: a line with less room to spare is not spaced at all
# The most space a gap may take, in ems of the block's font: a line that would need more (a few
# Chinese characters before a web address that cannot break) is set ragged instead.
LOOSEST_GAP_EM = 0.5


def is_latin(char: str) -> bool:
    """A letter or digit of a word written with spaces (Latin, Cyrillic, Greek, digits…), not
    a Chinese character or a full-width form."""
    code = ord(char)
    if code >= 0x2E80 and not 0xFB00 <= code <= 0xFB4F:
        return False
    return char.isalnum()


def _joined(a: str, b: str) -> bool:
    """Whether no space may come between ``a`` and ``b``: inside a Latin word, or inside a
    run of Latin letters and ASCII marks (``https://www.gov.cn/``, ``t20241023_3925740``)."""
    if is_latin(a) and is_latin(b):
        return True
    return (is_latin(a) or _ascii_mark(a)) and (is_latin(b) or _ascii_mark(b))


def _ascii_mark(char: str) -> bool:
    return "!" <= char <= "~" and not char.isalnum() and char not in "([{" and char not in ")]}"


def utf16_units(text: str) -> list[str]:
    """``text`` indexed as Qt indexes it: one entry per UTF-16 unit (an astral character twice)."""
    if all(ord(c) <= 0xFFFF for c in text):
        return list(text)
    return [c for c in text for _ in range(2 if ord(c) > 0xFFFF else 1)]


def needs_filling(units: list[str], start: int, end: int) -> bool:
    """Whether Qt would justify the line ``units[start:end]`` badly: it holds a Latin word of
    two or more letters, or a space."""
    for i in range(start, end):
        char = units[i]
        if char.isspace():
            return True
        if i + 1 < end and _joined(char, units[i + 1]):
            return True
    return False


def gaps(units: list[str], start: int, end: int) -> list[int]:
    """The positions in ``[start, end - 1)`` after which space may be added: all but those
    inside a Latin word, inside an astral character and inside a run of Latin letters and
    ASCII marks such as a web address."""
    points: list[int] = []
    for i in range(start, end - 1):
        a, b = units[i], units[i + 1]
        if _joined(a, b):
            continue
        if a == b and ord(a) > 0xFFFF:
            continue  # the first half of a surrogate pair
        points.append(i)
    return points


def runs(points: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive positions as ``[start, end)`` ranges."""
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        yield points[i], points[j] + 1
        i = j + 1


def _visible_end(units: list[str], line: QTextLine) -> int:
    end = line.textStart() + line.textLength()
    while end > line.textStart() and units[end - 1].isspace():
        end -= 1
    return end


def _spacing_format(spacing: float) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
    fmt.setFontLetterSpacing(spacing)
    return fmt


class Justifier:
    """Fills the lines of justified blocks that Qt would justify badly (see the module)."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        # Block number -> the width its lines were justified for (a block whose width has
        # changed since, by any path — a resize, a scroll bar appearing — is done again).
        self._done: dict[int, float] = {}
        self._touched: set[int] = set()  # block numbers holding spacing

    def reset(self) -> None:
        """The column's width is about to change: every line breaks anew. The spacing put in
        goes (so it cannot move line breaks), and blocks are justified again when shown."""
        document = self._document
        if self._touched:
            cursor = QTextCursor(document)
            cursor.beginEditBlock()
            for number in sorted(self._touched):
                self._clear(cursor, document.findBlockByNumber(number))
            cursor.endEditBlock()
        self._touched.clear()
        self._done.clear()

    @staticmethod
    def _clear(cursor: QTextCursor, block: QTextBlock) -> None:
        if block.isValid() and block.length() > 1:
            _unset_spacing(cursor, block, 0, block.length() - 1)

    def justify_range(self, first: int, last: int) -> bool:
        """Justify the blocks holding Qt positions ``first`` to ``last`` (those not done yet at
        their present width); whether a format changed."""
        document = self._document
        changed = False
        block = document.findBlock(first)
        while block.isValid() and block.position() <= last:
            number = block.blockNumber()
            if number not in self._done or self._done[number] != _width(block):
                if number in self._touched:
                    cursor = QTextCursor(document)
                    self._clear(cursor, block)
                    self._touched.discard(number)
                    changed = True
                changed = self.justify_block(block) or changed
            block = block.next()
        return changed

    def justify_block(self, block: QTextBlock) -> bool:
        """Fill the lines of ``block`` that need it; whether any was (its formats changed)."""
        self._done[block.blockNumber()] = _width(block)
        if not is_justified(block):
            return False
        ensure_laid_out(block)
        layout = block.layout()
        count = layout.lineCount()
        if count < 2:
            return False
        units = utf16_units(block.text())
        loosest: float | None = None  # pixels, once a line needs it
        lines: list[tuple[int, int, list[int], float]] = []  # start, end, gaps, room
        spacings: list[float] = []
        for i in range(count - 1):  # the last line of a paragraph is never justified
            line = layout.lineAt(i)
            start = line.textStart()
            end = _visible_end(units, line)
            if end - start < 2 or not needs_filling(units, start, end):
                continue
            # A line that is all web address is set ragged, as a typesetter sets one: its
            # slack goes after its last character, where nobody sees it, not between its
            # dots and slashes (www . beijing . gov . cn).
            points = gaps(units, start, end) or [end - 1]
            slack = line.width() - line.naturalTextWidth() - EPSILON
            if slack < MIN_SLACK or not points:
                # A line all but full is left as Qt sets it (a fraction of a pixel, unseen):
                # spacing it splits its runs, which can widen it past its room and move a
                # character to the next line, leaving this one far too loose.
                continue
            if len(points) > 1 or points[0] != end - 1:
                if loosest is None:
                    em = QFontMetricsF(block.charFormat().font()).horizontalAdvance("中")
                    loosest = LOOSEST_GAP_EM * em
                if slack / len(points) > loosest:
                    # (圖片來源：https://www.beijing.gov.cn/…: the five characters would
                    # stand a character apart. Set ragged, as the address alone is.
                    points = [end - 1]
            lines.append((start, end, points, line.width() - EPSILON))
            spacings.append(_floor64(slack / len(points)))
        if not lines:
            return False
        # Splitting a line into runs of different formats can change its width a little
        # (kerning across the cut): measured, and the spacing taken down where it overflows.
        # Qt's own line breaking can still find a spaced line a little too wide (the last
        # glyph's bearing): a line that no longer ends where it did is spaced less, and at
        # last not at all, so no character moves to the next line and leaves it loose.
        for attempt in range(5):
            self._apply(block, lines, spacings)
            widths = _free_widths(block, [(start, end) for start, end, _, _ in lines])
            ends = _line_ends(block)
            over = False
            for i, (start, end, points, room) in enumerate(lines):
                if spacings[i] <= 0:
                    continue
                if widths[i] > room:
                    less = math.ceil((widths[i] - room) / len(points) * 64) / 64
                    spacings[i] = max(0.0, spacings[i] - less)
                    over = True
                elif start in ends and ends[start] < end:
                    spacings[i] = 0.0 if attempt >= 2 else _floor64(spacings[i] / 2)
                    over = True
            if not over:
                break
        self._touched.add(block.blockNumber())
        return True

    def _apply(
        self,
        block: QTextBlock,
        lines: list[tuple[int, int, list[int], float]],
        spacings: list[float],
    ) -> None:
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        base = block.position()
        for (_, _, points, _), spacing in zip(lines, spacings, strict=True):
            for a, b in runs(points):
                if spacing <= 0:
                    _unset_spacing(cursor, block, a, b)  # as Qt set it: no runs split
                    continue
                cursor.setPosition(base + a)
                cursor.setPosition(base + b, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(_spacing_format(spacing))
        cursor.endEditBlock()


def is_justified(block: QTextBlock) -> bool:
    """Whether ``block`` is set justified (the body's paragraphs, not titles or headings)."""
    alignment = block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    return bool(alignment == Qt.AlignmentFlag.AlignJustify)


def _unset_spacing(cursor: QTextCursor, block: QTextBlock, start: int, end: int) -> None:
    """No letter spacing property at all on ``block``'s units ``start`` to ``end`` (a format
    merged with spacing 0 would still split the line's runs)."""
    base = block.position()
    pieces: list[tuple[int, int, QTextCharFormat]] = []
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        lo = max(start, fragment.position() - base)
        hi = min(end, fragment.position() - base + fragment.length())
        fmt = fragment.charFormat()
        if lo < hi and fmt.hasProperty(QTextFormat.Property.FontLetterSpacing):
            fmt.clearProperty(QTextFormat.Property.FontLetterSpacing)
            fmt.clearProperty(QTextFormat.Property.FontLetterSpacingType)
            pieces.append((lo, hi, fmt))
        fragments += 1
    for lo, hi, fmt in pieces:
        cursor.setPosition(base + lo)
        cursor.setPosition(base + hi, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def _line_ends(block: QTextBlock) -> dict[int, int]:
    """Where each of ``block``'s lines ends, by where it starts (units)."""
    ensure_laid_out(block)
    layout = block.layout()
    ends: dict[int, int] = {}
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        ends[line.textStart()] = line.textStart() + line.textLength()
    return ends


def _width(block: QTextBlock) -> float:
    """The width of ``block``'s lines (laying it out if need be)."""
    ensure_laid_out(block)
    layout = block.layout()
    return layout.lineAt(layout.lineCount() - 1).width() if layout.lineCount() else -1.0


def ensure_laid_out(block: QTextBlock) -> None:
    """Lay ``block`` out if Qt has not yet (it lays long texts out in steps; asking for a
    block's rectangle lays the text out to the block's start, not through it)."""
    if block.layout().lineCount() or block.length() <= 1:
        return
    layout = block.document().documentLayout()
    following = block.next()
    if following.isValid():
        layout.blockBoundingRect(following)
    else:
        # Far below any text, yet within Qt's fixed-point range (26.6 bits: ~33M pixels).
        layout.hitTest(QPointF(0, 3e7), Qt.HitTestAccuracy.FuzzyHit)


def _floor64(value: float) -> float:
    """Rounded down to Qt's 1/64 px: Qt rounds to nearest, which could widen a line past its
    room (and break it elsewhere)."""
    return max(0.0, math.floor(value * 64) / 64)


def _free_line(block: QTextBlock) -> tuple[QTextLayout, QTextLine]:
    """``block`` set on one unbroken line in its formats (nothing justified)."""
    layout = QTextLayout(block.text(), block.charFormat().font())
    formats: list[QTextLayout.FormatRange] = []
    fragments = block.begin()
    while not fragments.atEnd():
        fragment = fragments.fragment()
        item = QTextLayout.FormatRange()
        item.start = fragment.position() - block.position()
        item.length = fragment.length()
        item.format = fragment.charFormat()
        formats.append(item)
        fragments += 1
    layout.setFormats(formats)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e7)
    layout.endLayout()
    return layout, line  # the line lives as long as its layout


def _free_widths(block: QTextBlock, spans: list[tuple[int, int]]) -> list[float]:
    """The widths of ``spans`` of ``block`` set on one unbroken line, in its formats."""
    _layout, line = _free_line(block)
    return [_line_x(line, end) - _line_x(line, start) for start, end in spans]


# A NamedTuple, not a frozen dataclass: made before the first paint (startup: see theme.Theme).
class SpacedWord(NamedTuple):
    """A Latin word set wider than its letters: ``grown`` extra pixels between them."""

    block: int
    word: str
    grown: float


def _line_x(line: QTextLine, position: int) -> float:
    result: object = line.cursorToX(position)
    x = result[0] if isinstance(result, tuple) else result
    assert isinstance(x, (int, float))
    return float(x)


def letter_spaced_words(document: QTextDocument, tolerance: float = 0.5) -> list[SpacedWord]:
    """Every Latin word (two letters or more, on one line) whose letters stand more than
    ``tolerance`` pixels further apart than the font sets them, in the laid-out document."""
    found: list[SpacedWord] = []
    block = document.firstBlock()
    while block.isValid():
        ensure_laid_out(block)
        units = utf16_units(block.text())
        lay = block.layout()
        free: tuple[QTextLayout, QTextLine] | None = None
        for i in range(lay.lineCount()):
            line = lay.lineAt(i)
            start, end = line.textStart(), line.textStart() + line.textLength()
            j = start
            while j < end:
                if not is_latin(units[j]):
                    j += 1
                    continue
                k = j
                while k < end and is_latin(units[k]):
                    k += 1
                if k - j >= 2:
                    if free is None:
                        free = _free_line(block)
                    natural = _line_x(free[1], k - 1) - _line_x(free[1], j)
                    laid = _line_x(line, k - 1) - _line_x(line, j)
                    if laid - natural > tolerance:
                        word = "".join(units[j:k])
                        found.append(SpacedWord(block.blockNumber(), word, laid - natural))
                j = k
        block = block.next()
    return found

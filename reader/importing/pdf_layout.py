"""From a PDF's characters and their boxes to blocks with pages: pure Python, no PDFium.

Per page: characters grouped into lines in the order PDFium gives them (a line is horizontal or
vertical by how its characters advance); running headers and footers dropped by position and
repetition (a line in the top or bottom band of the page whose text, numbers aside, comes back
at the same height on another page, or a bare page number there), and each page's printed number
taken from them (the number standing alone that goes up by one from page to page, never a
volume, issue or year a header repeats); the rest put in reading order (full-width lines, then
each column top to bottom, left column first, split at a gutter no line crosses; vertical
columns right to left). Lines become blocks where indentation, a gap, a short last line, a
change of size or a heading says so; headings by size, or by weight and the numbering patterns
:mod:`reader.ingest` knows, or at the body's size and weight by a Chinese section numbering
(壹、 一、 （一） 第一章) on a short line standing alone; a first page set all at one size finds
its title, English title and authors as the plain-text import does; footnotes (small lines at
the foot of a column) become ``note`` blocks placed after the block they interrupt;
``圖1``/``表1`` lines become captions. Lines are joined without a space between CJK characters
(within a line, a space drawn between them stays: U+3000 where it is about an em wide); a hyphen
ending a line between two letters (PDFium marks them all soft) is taken out where it cut a word:
see :func:`cut_word`.

Over 600 lines as one job: one layout pipeline (characters → lines → reading order → blocks →
headings) whose steps share the ``Line`` model and the page geometry; each step is a function of
its own.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.importing.pdf_extract import GENERATED, HYPHEN, PdfPage
from reader.ingest import AFFILIATION_HINTS, CAPTION_HINTS, heading_style, is_cjk, rank_levels
from reader.radicals import unified

RADICAL = 8  # a character flag of the layout's own: a radical written for an ideograph, mapped
BAND = 0.11  # the top and bottom of a page where running headers and footers live
_PAGE_NUMBER = re.compile(r"^[-–—\s·•|]*(\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})[-–—\s·•|]*$")
# A page number worded around: "第 12 頁", "12 / 180", "Page 12", "p. 12 of 180".
_WORDED_PAGE_NUMBER = re.compile(
    r"^(?:第\s*(\d{1,4})\s*[頁页]|(\d{1,4})\s*/\s*\d{1,4}|(?:page|p\.)\s*(\d{1,4})"
    r"(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
# A number in a running header that these name as something else: a volume, an issue, a year,
# a month or day, a number of a series ("第 62 卷", "Vol. 62", "No. 3", "2023 年").
_NAMED_AFTER = re.compile(r"\s*[卷期年月日號号輯辑屆届冊册版集]")
_NAMED_BEFORE = re.compile(r"(?:vol|no|nr|issue|issn|第)\.?\s*$", re.IGNORECASE)
_PAGE_AFTER = re.compile(r"\s*[頁页]")
EMAIL = re.compile(r"\s*[(（<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)）>]?")
_SPACE = re.compile(" ")
# Dot leaders (". . . ." or "......", or an ellipsis run) and a page number or label at the end.
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*\S{1,8}$|(?:…\s?){2,}\s*\S{1,8}$|(?:·\s?){4,}\s*\S{1,8}$")
_BARE_NUMBER = re.compile(r"^(\d{1,3})\s+(\S)")
# After a number, these make it a quantity or a date, not a heading's number ("2 月", "3 %").
_NOT_AFTER_NUMBER = "%％億亿萬万千百元年月日倍個个名位次.．"
_SECTION_NAMES = frozenset(
    ("目錄", "目录", "目次", "contents", "tableofcontents", "摘要", "abstract", "前言", "引言")
)
_DECIMAL_STYLE = (6, 1)  # reader.ingest's rank of decimal numbering, depth 1
# The first characters of the Chinese section numberings reader.ingest knows (第一章, 壹、, 一、,
# （一）): only a line beginning with one is matched against them.
_SECTION_NUMBER_START = frozenset("第壹貳參叁肆伍陸柒捌玖拾一二三四五六七八九十（(")
_SENTENCE_END = "。！？!?」』”"
_PARAGRAPH_END = "。！？!?」』”."
# A line ending in one of these is a sentence or a list's item, not a heading (reader.ingest's).
_NOT_HEADING_END = "。！？；，、：」』）)”.!?;,"
# Characters a line may not begin with (closing brackets and quotes, pauses, stops), and those
# it may not end with (opening brackets and quotes).
_NO_LINE_START = frozenset("、。，．：；？！」』）》〉】〕｝〗〙〛’”…‥・·%％),.:;?!]}")
_NO_LINE_END = frozenset("「『（《〈【〔｛〖〘〚‘“([{")
_CAPTION = re.compile(r"^(圖|图|表|Figure|Fig\.|Table)\s*[0-9０-９一二三四五六七八九十]+")
_HYPHENS = "-\u00ad\u2010"  # a line may end in one where a word was cut
_LETTERS_START = re.compile(r"[^\W\d_]+")
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"  # Latin letters
_LATIN_END = re.compile(f"[{_LATIN}]+$")
_LATIN_START = re.compile(f"[{_LATIN}]+")
_WORD = re.compile(f"[{_LATIN}]+(?:-[{_LATIN}]+)*")


def is_bad_character(ch: str) -> bool:
    """A character a font without a Unicode mapping leaves: U+FFFD, private use, control, or a
    noncharacter (U+FFFE is PDFium's own marker; none is ever text)."""
    if ch == "\ufffd":
        return True
    code = ord(ch)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return True
    category = unicodedata.category(ch)
    return category in ("Co", "Cs") or (category == "Cc" and ch not in "\t\n\r\f")


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    weight: int
    flags: int
    # 1: PDFium made a space up here, 2: the PDF has one, 3: the PDF has an ideographic space
    space_before: int = 0
    # First on a line of a page whose producer writes its own word spaces (LibreOffice, Word:
    # even the one a line breaks at), and none came before it: the line break cut a word
    # ("Thinki|ng"), so the lines join without a space.
    glued: bool = False
    # Left and right of the box it stands in (its advance): its ink (x0, x1) may fill only a
    # part (卜, 丨). NaN where unknown.
    ax0: float = math.nan
    ax1: float = math.nan

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _median(values: list[float]) -> float:
    """``statistics.median`` of a non-empty list, without its checks and conversions."""
    ordered = sorted(values)
    n = len(ordered)
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class Line:
    page: int  # PDF page index, from 0
    chars: list[Char]
    vertical: bool = False
    kind: str = "body"  # body, note, caption, running
    _text: str | None = field(default=None, repr=False)
    # Offsets of each character within text (spaces between words are not characters).
    _positions: list[int] = field(default_factory=list, repr=False)
    # The box around the characters and their median font size: plain attributes (the
    # layout reads them hundreds of thousands of times), worked out again by changed().
    x0: float = field(default=0.0, init=False)
    y0: float = field(default=0.0, init=False)
    x1: float = field(default=0.0, init=False)
    y1: float = field(default=0.0, init=False)
    size: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self._measure()

    def changed(self) -> None:
        """Characters were added: work out again what comes from them."""
        self._text = None
        self._measure()

    def _measure(self) -> None:
        chars = self.chars
        if not chars:
            return
        self.x0 = min([c.x0 for c in chars])
        self.y0 = min([c.y0 for c in chars])
        self.x1 = max([c.x1 for c in chars])
        self.y1 = max([c.y1 for c in chars])
        self.size = _median([c.size for c in chars])

    @property
    def bold(self) -> bool:
        return sum(1 for c in self.chars if c.weight >= 600) > len(self.chars) / 2

    @property
    def text(self) -> str:
        if self._text is None:
            out: list[str] = []
            positions: list[int] = []
            length = 0
            usual: float | None = None  # measured at the first space (most lines have none)
            raised = self._superscripts()
            for i, c in enumerate(self.chars):
                if i and c.space_before:
                    before = self.chars[i - 1]
                    prev = before.ch
                    # A made-up space needs a real gap (PDFium also makes them up where a
                    # producer merely split a run: "20 14").
                    if usual is None:
                        usual = self._usual_gap()
                    extra = _gap(before, c, self.vertical) - usual
                    if is_cjk(prev) and is_cjk(c.ch):
                        space = _cjk_space(prev, c, extra)
                    else:
                        real = c.space_before >= 2 or extra > 0.15 * c.size
                        leader = prev == "." == c.ch and c.space_before == 1  # dot leaders
                        space = " " if real and not leader else ""
                    if space:
                        out.append(space)
                        length += 1
                if i in raised and i - 1 not in raised:
                    out.append("[")  # a footnote reference, marked as the Markdown reader does
                    length += 1
                positions.append(length)
                out.append(c.ch)
                length += len(c.ch)
                if i in raised and i + 1 not in raised:
                    out.append("]")
                    length += 1
            self._text = "".join(out)
            self._positions = positions
        return self._text

    def _superscripts(self) -> set[int]:
        """Indexes of the digits set small and raised inside a horizontal line: footnote
        references (not at the line's start, where a note prints its own number)."""
        if self.vertical or len(self.chars) < 3:
            return set()
        size = self.size
        small = [c.ch.isdigit() and c.size < 0.8 * size for c in self.chars]
        if not any(small[1:]):
            return set()
        baseline = _median([c.y0 for c in self.chars if c.size >= 0.9 * size])
        raised: set[int] = set()
        i = 1
        while i < len(self.chars):
            if not (small[i] and self.chars[i].y0 > baseline + 0.2 * size):
                i += 1
                continue
            end = i
            while end + 1 < len(self.chars) and small[end + 1]:
                end += 1
            # After Chinese text or punctuation, not after a letter or a digit (an exponent:
            # "i²") nor inside brackets (a citation the text prints as "[1]").
            before = self.chars[i - 1].ch
            after = self.chars[end + 1].ch if end + 1 < len(self.chars) else ""
            marks = is_cjk(before) or (
                unicodedata.category(before).startswith("P") and before not in "[(（〔【"
            )
            closes = after in ("]", "）", ")", "〕", "】") or after.isalnum()
            if marks and (is_cjk(after) or not closes):
                raised.update(range(i, end + 1))
            i = end + 1
        return raised

    def _usual_gap(self) -> float:
        """The median gap between neighbouring characters (justified CJK lines spread them; a
        line of two Chinese characters has only its own gap: a heading set wide, 前　言, is
        前言)."""
        chars = self.chars
        if len(chars) == 2 and _ideographic(chars[0].ch) and _ideographic(chars[1].ch):
            return max(0.0, _gap(chars[0], chars[1], self.vertical))
        if len(chars) < 3:
            return 0.0
        vertical = self.vertical
        gaps = [_gap(a, b, vertical) for a, b in itertools.pairwise(chars)]
        if not self.vertical and is_leader_line(self):
            # Dot leaders are spread out: the gaps between words are measured without them.
            chars = self.chars
            gaps = [g for i, g in enumerate(gaps) if chars[i].ch != "." and chars[i + 1].ch != "."]
            if not gaps:
                return 0.0
        return max(0.0, _median(gaps))

    @property
    def positions(self) -> list[int]:
        _ = self.text
        return self._positions


def _ideographic(ch: str) -> bool:
    """A CJK letter (not punctuation): set in a box one em square, its ink anywhere inside."""
    return is_cjk(ch) and unicodedata.category(ch)[0] == "L"


def _gap(a: Char, b: Char, vertical: bool) -> float:
    """The gap between neighbouring characters ``a`` and ``b`` of a line. Across two CJK
    letters, between the boxes they stand in (their advances): their ink says nothing (卜, 丨
    or 一 leave most of their box empty, so a gap to their ink is no gap between the
    characters). Else, and where the advances are unknown, between their ink."""
    if not vertical and _ideographic(a.ch) and _ideographic(b.ch):
        gap = b.ax0 - a.ax1
        if gap == gap:  # not NaN
            return gap
    return a.y0 - b.y1 if vertical else b.x0 - a.x1


def _cjk_space(prev: str, c: Char, extra: float) -> str:
    """The space between two CJK characters of a line (``extra``: how much wider their gap is
    than the line's usual one): an ideographic space the PDF writes; else, between two letters
    (punctuation's ink sits at one side of its box, so its gap says nothing), U+3000 for a gap
    about an em wide and a space for a narrower one a reader still sees. PDFium also makes up
    spaces where a producer merely split a run, or spread a justified line evenly: none."""
    if c.space_before == 3:
        return "\u3000"
    if not (unicodedata.category(prev)[0] == "L" and unicodedata.category(c.ch)[0] == "L"):
        return ""
    if extra >= 0.6 * c.size:
        return "\u3000"
    return " " if extra > 0.15 * c.size else ""


def page_chars(page: PdfPage) -> tuple[list[Char], int, int]:
    """The page's visible characters (with whether a space came before each), the number of
    non-space characters, and how many of those are unreadable. A radical some producers write
    for an ideograph (⽇ for 日) becomes the ideograph (:mod:`reader.radicals`), flagged
    ``RADICAL``."""
    text, flags, boxes, sizes, weights = page.text, page.flags, page.boxes, page.sizes, page.weights
    advances = page.advances if len(page.advances) == 2 * len(text) else None
    # Does the producer write its own word spaces? (TeX does not: PDFium makes them all up.)
    made_up = sum(1 for m in _SPACE.finditer(text) if flags[m.start()] & GENERATED)
    writes_spaces = text.count(" ") - made_up > made_up
    chars: list[Char] = []
    append = chars.append
    space = 0
    visible = bad = 0
    # Text drawn off the page is not seen: Qt draws a line cut by a page break on both pages,
    # the second time above the page's top.
    left, bottom, right, top = page.box or (-math.inf, -math.inf, math.inf, math.inf)
    line_break = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if ch in "\r\n":
                space = max(space, 1)
                line_break = True
            else:
                space = max(space, 1 if flags[i] & GENERATED else 3 if ch == "\u3000" else 2)
            continue
        k = 4 * i
        x0, y0, x1, y1 = boxes[k], boxes[k + 1], boxes[k + 2], boxes[k + 3]
        if not (left <= (x0 + x1) / 2 <= right and bottom <= (y0 + y1) / 2 <= top):
            continue
        visible += 1
        # Printable characters are neither control, surrogate nor private use (only U+FFFD is
        # bad among them): the category is looked up for the rest only.
        if (ch == "\ufffd") if ch.isprintable() else is_bad_character(ch):
            bad += 1
            continue
        glued = writes_spaces and line_break and space == 1
        size = sizes[i] or max(1.0, y1 - y0)
        flag = flags[i]
        if "\u2e80" <= ch <= "\u2fdf" and (ideograph := unified(ch)) != ch:
            ch, flag = ideograph, flag | RADICAL  # a producer wrote 日 as ⽇ (KANGXI RADICAL SUN)
        if advances is None:
            append(Char(ch, x0, y0, x1, y1, size, weights[i], flag, space, glued))
        else:
            ax0, ax1 = advances[2 * i], advances[2 * i + 1]
            append(Char(ch, x0, y0, x1, y1, size, weights[i], flag, space, glued, ax0, ax1))
        space = 0
        line_break = False
    return chars, visible, bad


def _lines(page_index: int, chars: list[Char]) -> list[Line]:
    """Characters into lines, in content order: a line goes on while each character follows the
    last one across (horizontal) or down (vertical)."""
    lines: list[Line] = []
    current: list[Char] = []
    orientation: str | None = None
    for c in chars:
        if not current:
            current, orientation = [c], None
            continue
        p = current[-1]
        size = max(p.size, c.size, 1.0)
        dx = (c.x0 + c.x1 - p.x0 - p.x1) / 2
        dy = (c.y0 + c.y1 - p.y0 - p.y1) / 2
        # Across: the same baseline, the next character close by (a column's gutter is wider
        # than any space between words, even justified ones).
        gap = c.x0 - p.x1
        across = (
            abs(dy) < 0.55 * size
            and -0.3 * size < dx
            and gap < (2.0 * size if c.space_before else 0.6 * size)
        )
        down = abs(dx) < 0.55 * size and -3 * size < dy < -0.2 * size
        if across and orientation in (None, "h"):
            orientation = "h"
            current.append(c)
        elif down and orientation in (None, "v") and not c.space_before:
            orientation = "v"
            current.append(c)
        else:
            lines.append(Line(page_index, current, orientation == "v"))
            current, orientation = [c], None
    if current:
        lines.append(Line(page_index, current, orientation == "v"))
    return _merge_split_lines(lines)


def _merge_split_lines(lines: list[Line]) -> list[Line]:
    """A superscript or a run emitted out of order can cut a line in two: join pieces of one
    baseline that touch."""
    merged: list[Line] = []
    for line in lines:
        if merged and not line.vertical and not merged[-1].vertical:
            prev = merged[-1]
            size = max(prev.size, line.size)
            same_row = abs(line.y0 - prev.y0) < 0.5 * size or abs(line.y1 - prev.y1) < 0.5 * size
            if same_row and 0 <= line.x0 - prev.x1 < 1.5 * size:
                prev.chars.extend(line.chars)
                prev.changed()
                continue
        merged.append(line)
    return merged


def _key(text: str) -> str:
    """A running header or footer is the same line on every page but for its numbers."""
    compact = re.sub(r"\s+", "", text)
    return re.sub(r"\d+|^[ivxlcdm]+$|^[IVXLCDM]+$", "#", compact)


def edge_numbers(text: str) -> list[tuple[str, bool]]:
    """The numbers a header or footer line prints that may be its page's number, each with
    whether it stands alone as one: the whole line ("12", "- 12 -", "xii", "第 12 頁",
    "12 / 180"), or followed by 頁. Numbers a header names as something else (a volume, an
    issue, a year: "第 62 卷", "Vol. 62", "2023 年") are none; other numbers of a line
    count only apart from its words (between spaces, or at its start or end)."""
    text = text.strip()
    m = _PAGE_NUMBER.match(text) or _WORDED_PAGE_NUMBER.match(text)
    if m:
        return [(next(g for g in m.groups() if g), True)]
    found: list[tuple[str, bool]] = []
    for m in _DIGITS.finditer(text):
        number, start, end = m.group(), m.start(), m.end()
        if len(number) > 4:
            continue
        before, after = text[:start], text[end:]
        if _PAGE_AFTER.match(after):
            found.append((number, True))  # "第 12 頁" inside a longer line
            continue
        if _NAMED_AFTER.match(after) or _NAMED_BEFORE.search(before):
            continue
        if (start == 0 or text[start - 1].isspace()) or (end == len(text) or text[end].isspace()):
            found.append((number, False))
    return found


def _edge_lines(lines: list[Line]) -> list[tuple[Line, str]]:
    """The two outermost rows at the top and at the bottom of a page that stand apart from the
    text next to them (a running header is set off by more than the text's line spacing)."""
    rows = _rows([ln for ln in lines if not ln.vertical]) if lines else []
    found: list[tuple[Line, str]] = []
    for edge, ordered in (("top", rows), ("bottom", rows[::-1])):
        for i, line in enumerate(ordered[:3]):
            inner = next((o for o in ordered[i + 1 :] if _apart(line, o, edge)), None)
            gap = (
                (line.y0 - inner.y1 if edge == "top" else inner.y0 - line.y1)
                if inner is not None
                else math.inf
            )
            if gap >= 0.55 * line.size or _PAGE_NUMBER.match(line.text.strip()):
                found.append((line, edge))
            else:
                break
    return found


def _apart(line: Line, other: Line, edge: str) -> bool:
    """Whether ``other`` lies below (top edge) or above (bottom edge) ``line``, not beside it."""
    if edge == "top":
        return other.y1 <= line.y0 + 0.3 * line.size
    return other.y0 >= line.y1 - 0.3 * line.size


def mark_running(pages: Sequence[PdfPage], lines_by_page: list[list[Line]]) -> list[str | None]:
    """Mark running headers, footers and page numbers (``kind = "running"``); returns, per page,
    the number they print (or None)."""
    candidates: list[tuple[int, Line, str, float]] = []
    for page, lines in zip(pages, lines_by_page, strict=True):
        height = page.height or 842.0
        for line, edge in _edge_lines(lines):
            if edge == "top" and line.y1 >= height * (1 - BAND):
                candidates.append((page.index, line, "top", line.y1))
            elif edge == "bottom" and line.y0 <= height * BAND:
                candidates.append((page.index, line, "bottom", line.y0))
    by_key: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for index, line, edge, y in candidates:
        by_key.setdefault((_key(line.text), edge), []).append((index, y))
    running: list[tuple[int, Line, str]] = []
    for index, line, edge, y in candidates:
        text = line.text.strip()
        bare_number = _PAGE_NUMBER.match(text) is not None
        repeated = any(
            other != index and abs(other_y - y) < 8 for other, other_y in by_key[(_key(text), edge)]
        )
        if bare_number or (repeated and len(pages) >= 2):
            line.kind = "running"
            running.append((index, line, edge))
    # By position: a short line at the very height where other pages have their running
    # header or footer is one too (journals alternate two headers; a short article may print
    # each only once).
    running_at = [(index, edge, y) for index, line, edge, y in candidates if line.kind == "running"]
    for index, line, edge, y in candidates:
        if line.kind == "running" or len(line.text) > 40:
            continue
        if any(i != index and e == edge and abs(y - ry) < 2.5 for i, e, ry in running_at):
            line.kind = "running"
            running.append((index, line, edge))
    return _page_numbers(len(pages), running)


def _page_numbers(count: int, running: list[tuple[int, Line, str]]) -> list[str | None]:
    """Per page, the number its running lines print as its page number (or None): the one
    that goes up by one from page to page. A number a running line repeats unchanged on
    every page it is on (a volume, a year) is never one."""
    found: list[list[tuple[str, bool]]] = [[] for _ in range(count)]
    numbers_of: dict[tuple[str, str], list[tuple[int, list[tuple[str, bool]]]]] = {}
    for index, line, edge in running:
        numbers = edge_numbers(line.text)
        numbers_of.setdefault((_key(line.text), edge), []).append((index, numbers))
    for seen in numbers_of.values():
        pages = {index for index, _ in seen}
        # The numbers that never change where this header is (on two pages or more).
        constant: set[str] = set()
        if len(pages) >= 2:
            per_page = [{n for n, _ in numbers} for _, numbers in seen]
            constant = set.intersection(*per_page)
        for index, numbers in seen:
            found[index] += [(n, alone) for n, alone in numbers if alone or n not in constant]
    # Each page votes for the difference between the numbers it prints and its place: the
    # difference most pages share (numbers standing alone break ties) is the pages' own.
    votes: Counter[int] = Counter()
    alone_votes: Counter[int] = Counter()
    for index, numbers in enumerate(found):
        votes.update({int(n) - index for n, _ in numbers if n.isdecimal()})
        alone_votes.update({int(n) - index for n, alone in numbers if alone and n.isdecimal()})
    best = max(votes, key=lambda d: (votes[d], alone_votes[d]), default=None)
    chosen: list[str | None] = []
    for index, numbers in enumerate(found):
        fits = (n for n, _ in numbers if n.isdecimal() and int(n) - index == best)
        chosen.append(next(fits, None) or next((n for n, alone in numbers if alone), None))
    return chosen


def reading_order(lines: list[Line]) -> list[Line]:
    """Lines of one page in reading order: columns found by a gutter no line crosses."""
    body = [ln for ln in lines if ln.kind != "running"]
    vertical = [ln for ln in body if ln.vertical]
    horizontal = [ln for ln in body if not ln.vertical]
    if sum(len(ln.chars) for ln in vertical) > sum(len(ln.chars) for ln in horizontal):
        top = max(ln.y1 for ln in vertical)
        above = [ln for ln in horizontal if ln.y0 >= top]
        below = [ln for ln in horizontal if ln.y0 < top]
        columns = sorted(vertical, key=lambda ln: (-ln.x1, -ln.y1))
        return _columns(above) + columns + _columns(below)
    return _columns(horizontal) + sorted(vertical, key=lambda ln: (-ln.x1, -ln.y1))


def _rows(lines: list[Line]) -> list[Line]:
    """Top to bottom, and left to right within a row: lines whose middles are within half a
    line of each other share a row (a page number in another font sits a little higher)."""
    by_top = sorted(lines, key=lambda ln: -(ln.y0 + ln.y1) / 2)
    out: list[Line] = []
    row: list[Line] = []
    for line in by_top:
        middle = (line.y0 + line.y1) / 2
        if row and abs((row[0].y0 + row[0].y1) / 2 - middle) > 0.5 * max(line.size, 1.0):
            out += sorted(row, key=lambda ln: ln.x0)
            row = []
        row.append(line)
    return out + sorted(row, key=lambda ln: ln.x0)


def _columns(lines: list[Line]) -> list[Line]:
    if len(lines) < 4:
        return _rows(lines)
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    width = right - left
    if width <= 0:
        return lines
    narrow = [ln for ln in lines if ln.x1 - ln.x0 < 0.6 * width]
    gutter = _gutter(narrow, left, right)
    ordered = _rows(lines)
    if gutter is None:
        return _join_rows(ordered)
    out: list[Line] = []
    left_col: list[Line] = []
    right_col: list[Line] = []
    for line in ordered:
        if line.x0 < gutter < line.x1:  # full width: ends the columns above it
            out += _join_rows(left_col) + _join_rows(right_col) + [line]
            left_col, right_col = [], []
        elif line.x1 <= gutter:
            left_col.append(line)
        else:
            right_col.append(line)
    return out + _join_rows(left_col) + _join_rows(right_col)


def _join_rows(lines: list[Line]) -> list[Line]:
    """Pieces of one row of one column are one line, read left to right with a space between
    (a table of contents' entry and its page number, a label and its value)."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.vertical
            and not line.vertical
            and prev.page == line.page
            and line.x0 >= prev.x1
            and abs((prev.y0 + prev.y1) / 2 - (line.y0 + line.y1) / 2)
            < 0.5 * max(prev.size, line.size, 1.0)
        ):
            first = line.chars[0]
            first.space_before = 2
            joined = Line(prev.page, [*prev.chars, *line.chars], False, prev.kind)
            out[-1] = joined
            continue
        out.append(line)
    return out


def _gutter(lines: list[Line], left: float, right: float) -> float | None:
    """An x between 30% and 70% of the text's width that (almost) no line crosses, with lines
    on both sides: a title or an author line centred across both columns may cross it."""
    if len(lines) < 4:
        return None
    width = right - left
    step = max(0.5, width / 400)
    xs: list[float] = []
    x = left + 0.3 * width
    while x <= left + 0.7 * width:
        xs.append(x)
        x += step
    # Crossings per sample by a difference array: each line adds one to the samples strictly
    # inside it.
    delta = [0] * (len(xs) + 1)
    for line in lines:
        lo = bisect.bisect_right(xs, line.x0)
        hi = bisect.bisect_left(xs, line.x1)
        if lo < hi:
            delta[lo] += 1
            delta[hi] -= 1
    samples: list[tuple[float, int]] = []
    running = 0
    for x, change in zip(xs, delta, strict=False):
        running += change
        samples.append((x, running))
    fewest = min(count for _, count in samples)
    if fewest > max(2, len(lines) // 8):
        return None
    # The longest run of samples with the fewest crossings; its middle is the gutter.
    best: tuple[float, float] | None = None
    run: list[float] = []
    for x, count in [*samples, (math.inf, fewest + 1)]:
        if count == fewest:
            run.append(x)
            continue
        if run and (best is None or run[-1] - run[0] > best[1] - best[0]):
            best = (run[0], run[-1])
        run = []
    assert best is not None
    middle = (best[0] + best[1]) / 2
    # A column holds text: page numbers flush right (a table of contents' section rows) do
    # not make one.
    text_lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln.text.strip())]
    on_left = sum(1 for ln in text_lines if ln.x1 <= middle)
    on_right = sum(1 for ln in text_lines if ln.x0 >= middle)
    return middle if on_left >= 3 and on_right >= 3 else None


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass
class Piece:
    """A line's place in a block: where its characters went (for the page view's boxes)."""

    line: Line
    offset: int  # where the line's text begins within the block's text
    dropped_hyphen: bool = False


@dataclass
class PdfBlock:
    kind: str
    level: int
    pieces: list[Piece] = field(default_factory=list)
    text: str = ""
    style: tuple[int, int] | None = None

    @property
    def first_page(self) -> int:
        return self.pieces[0].line.page

    def add(self, line: Line, words: _Words | None = None) -> None:
        piece_text = line.text
        if self.text:
            last = self.pieces[-1].line
            if _ends_in_soft_hyphen(last, line) and (
                last.chars[-1].ch == "\u00ad"
                or cut_word(self.text[:-1], piece_text, words.counts if words else None)
            ):
                # A word cut at the line end: whole again, the hyphen (no character of the
                # text now) left out of where the page data places characters.
                self.text = self.text[:-1]
                self.pieces[-1].dropped_hyphen = True
            elif not (is_cjk(self.text[-1]) or is_cjk(piece_text[:1])) and not (
                line.vertical or last.vertical
            ):
                # A number wrapped inside Chinese text ("2|012") takes no space.
                digits = self.text[-1].isdigit() and piece_text[:1].isdigit()
                # A word cut at the line end by a producer that writes its own spaces.
                # (Only inside Chinese text: in English lines it may just have left out the space.)
                cut = (
                    line.chars[0].glued
                    and self.text[-1].isalnum()
                    and piece_text[:1].isalnum()
                    and (_has_cjk(last) or _has_cjk(line) or _mostly_cjk(self.text))
                )
                # A hyphen or slash joins what it stands between (China-|Russia, and/|or),
                # unless it stands alone (a dash: "as a dash -|and") or is suspended (the
                # line break stood for a space: "short-|and long-term").
                joins = (
                    self.text[-1] in "-/"
                    and not self.text[-2:-1].isspace()
                    and not (self.text[-1] == "-" and suspended(piece_text))
                )
                if not joins and not (digits and _mostly_cjk(self.text)) and not cut:
                    self.text += " "
        self.pieces.append(Piece(line, len(self.text), False))
        self.text += piece_text


def _has_cjk(line: Line) -> bool:
    return any(is_cjk(c.ch) for c in line.chars)


def _mostly_cjk(text: str) -> bool:
    sample = text[-200:]
    return sum(1 for c in sample if is_cjk(c)) * 2 > len(sample)


def body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        for c in line.chars:
            sizes[round(c.size * 2) / 2] += 1
    return sizes.most_common(1)[0][0] if sizes else 10.0


def classify(lines: list[Line], size: float, page_height: float) -> None:
    """Notes (small lines at the foot of a page, from a numbered line down) and captions."""
    in_note = False
    for line in lines:
        if line.kind == "running":
            continue
        text = line.text.strip()
        small = line.size < 0.92 * size
        low = line.y0 < page_height * 0.45
        if _CAPTION.match(text) or (small and any(h in text for h in CAPTION_HINTS)):
            line.kind = "caption"
            in_note = False
            continue
        if small and low and not line.vertical and (in_note or text[:1].isdigit()):
            line.kind = "note"
            in_note = True
            continue
        in_note = False


def is_leader_line(line: Line) -> bool:
    """A table of contents' entry: dot leaders, then a page number or label at the end."""
    raw = "".join(c.ch for c in line.chars)  # not line.text: its spaces depend on this
    return _LEADERS.search(raw) is not None


def _starts_block(prev: Line | None, line: Line, geometry: dict[int, tuple[float, float]]) -> bool:
    if prev is None or prev.kind != line.kind:
        return True
    if is_leader_line(prev) or is_leader_line(line):
        return True  # each entry of a table of contents is a line of its own
    size = max(line.size, 1.0)
    if abs(prev.size - line.size) > 0.15 * size:
        return True
    if line.vertical != prev.vertical:
        return True
    if _ends_in_soft_hyphen(prev, line) and _LETTERS_START.match(line.text):
        return False  # a word cut at the line end goes on: no paragraph ends inside a word
    if line.kind == "note":
        # A note begins with its number; anything else continues the note above.
        return line.text[:1].isdigit() and line.chars[0].size < prev.chars[-1].size + 0.01
    if line.vertical:
        top = geometry.get(id(line), (line.y1, line.y0))[0]
        indented = line.y1 < top - 0.8 * size
        short = prev.y0 > geometry.get(id(prev), (prev.y1, prev.y0))[1] + 1.5 * size
        return indented or short
    left, _right = geometry.get(id(line), (line.x0, line.x1))
    indented = line.x0 > left + 0.8 * size
    prev_left, prev_right = geometry.get(id(prev), (prev.x0, prev.x1))
    room = prev_right - prev.x1  # what the line left empty at its end
    short = room > 1.5 * size and (
        (prev.x0 <= prev_left + 0.5 * size and room > _first_word_width(line) + 0.5 * size)
        or prev.text.rstrip()[-1:] in "。！？!?.」』”)）"
    )
    same_column = abs(prev_left - left) < 2 * size and prev.page == line.page
    gap = same_column and (prev.y0 - line.y1) > 1.2 * size
    return indented or short or gap


def _ends_in_soft_hyphen(prev: Line, line: Line) -> bool:
    """Whether ``prev`` ends in a hyphen after a letter that PDFium marked soft (it marks every
    one it sees end a line before a letter), or that ends a page (PDFium never sees a line go
    on to the next page)."""
    last = prev.chars[-1]
    if last.ch not in _HYPHENS or len(prev.chars) < 2 or not prev.chars[-2].ch.isalpha():
        return False
    return bool(last.flags & HYPHEN) or prev.page != line.page


# Words that form compounds with a hyphen (self-evident, non-linear, twenty-first): a hyphen
# after one at a line's end stays unless the text writes the word whole elsewhere.
# fmt: off
COMPOUND_HEADS = frozenset((
    "self", "non", "post", "pre", "co", "re", "anti", "multi", "cross", "so", "well", "long",
    "short", "state", "half", "mid", "semi", "quasi", "ex", "all", "full", "ill", "vice",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand",
))
# Endings hyphenation leaves for the next line (state-|ment, self-|less): no second word.
_SUFFIXES = frozenset((
    "ment", "ments", "ness", "less", "ful", "fully", "ing", "ings", "est", "er", "ers", "ed",
    "ly", "ity", "ities", "ism", "isms", "ist", "ists",
))
# fmt: on
# A hyphen before one of these left its word's second half to the next word (short- and
# long-term, pre- or post-war): a suspended hyphen.
_SUSPENDING = frozenset(("and", "or", "to", "nor"))
_ADDRESS = re.compile(r"/|@|\bdoi\b|\bwww\.", re.IGNORECASE)


def suspended(after: str) -> bool:
    """Whether a line's text ``after`` begins with a word that a suspended hyphen before it
    leaves its second half to ("and long-term"), not one of a compound ("and-roll")."""
    word = _LATIN_START.match(after)
    return (
        word is not None
        and word.group().casefold() in _SUSPENDING
        and after[word.end() : word.end() + 1] != "-"
    )


def cut_word(before: str, after: str, words: Counter[str] | None = None) -> bool:
    """Whether the hyphen between ``before`` (a line's text up to its final hyphen) and
    ``after`` (the next line's) cut a word in two: as a careful reader decides, keeping the
    hyphen printed wherever the text leaves it in doubt (a kept hyphen is seen; a wrong join
    silently breaks search and quotes). ``words``: how often each word and hyphenated compound
    comes in the text's lines, case folded, the two halves of a line-end cut not counted.

    Kept whatever the text says elsewhere: a hyphen with anything but a Latin letter on either
    side (COVID-|19, 中國-|俄羅斯, post-|冷戰); in an address (the word before or after holds
    /, @, doi or www.: a URL, a DOI, an e-mail address); a suspended hyphen (before and, or,
    to, nor: short-|and long-term); after a single letter (e-|mail: no hyphenation cuts there).
    Else as the text writes the word elsewhere: whole (joined) or hyphenated (kept), the more
    often; kept if as often. Else kept before a capital unless both halves are all capitals
    (US-|China, Sino-|Russian; but OP-|TIONAL is cut) and after a capitalized word (Beijing-|
    based, Soviet-|era); joined before an ending (state-|ment, self-|less); kept after a word
    that forms compounds (:data:`COMPOUND_HEADS`: self-|evident, twenty-|first, re-|examine)
    and when both halves are words of the text on their own. Else the word was cut (man-|
    agement, inter-|national)."""
    head = _LATIN_END.search(before)
    tail = _LATIN_START.match(after)
    if head is None or tail is None:
        return False
    if head.start() and before[head.start() - 1].isalnum():
        return False  # a digit or a letter of another script in the word before
    if tail.end() < len(after) and after[tail.end()].isalnum():
        return False  # ... or after
    first, second = head.group(), tail.group()
    last_token = before.rsplit(None, 1)[-1] if before.strip() else ""
    next_token = after.split(None, 1)[0] if after.strip() else ""
    if _ADDRESS.search(last_token) or _ADDRESS.search(next_token):
        return False
    if suspended(after) or len(first) == 1:
        return False
    if words is not None:
        whole = words[(first + second).casefold()]
        hyphenated = words[f"{first}-{second}".casefold()]
        if whole or hyphenated:
            return whole > hyphenated
    if not (first.isupper() and second.isupper()) and (first[0].isupper() or second[0].isupper()):
        return False
    if second.casefold() in _SUFFIXES:
        return True
    if first.casefold() in COMPOUND_HEADS:
        return False
    return not (words is not None and words[first.casefold()] and words[second.casefold()])


class _Words:
    """The words and hyphenated compounds of the text's lines (in Latin letters), counted the
    first time a hyphen at a line's end asks (most texts have none). The two halves of a word
    a line end may have cut (``man-|agement``) are not counted: they are in doubt."""

    def __init__(self, ordered: list[list[Line]]) -> None:
        self._ordered = ordered
        self._counts: Counter[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            counts: Counter[str] = Counter()
            after_cut = False
            for lines in self._ordered:
                for line in lines:
                    if line.kind == "running":
                        continue
                    text = line.text
                    found = list(_WORD.finditer(text))
                    if after_cut and found and found[0].start() == 0:
                        found = found[1:]  # the second half of a word cut at the line above
                    after_cut = text[-1:] in _HYPHENS
                    if after_cut and found and found[-1].end() == len(text) - 1:
                        found = found[:-1]  # the first half
                    counts.update(m.group().casefold() for m in found)
            self._counts = counts
        return self._counts


def _first_word_width(line: Line) -> float:
    """How wide the line's first word is (up to its first space; a CJK character is a word of
    its own): a line left short because that word did not fit after it (a long URL wrapped
    to the next line) does not end its paragraph."""
    chars = line.chars
    if not chars or line.vertical:
        return 0.0
    # A line breaker keeps together what may not be parted: an opening bracket or quote with
    # what follows it (「（North」), and the word before with the punctuation that may not begin
    # a line (「係」、」, 「米，」); carried on together, they leave the line above short.
    end = 0
    while end < len(chars) - 1 and chars[end].ch in _NO_LINE_END:
        end += 1
    if is_cjk(chars[end].ch):
        end += 1
    else:
        end += 1
        while end < len(chars) and not chars[end].space_before and not is_cjk(chars[end].ch):
            end += 1
    while end < len(chars) and chars[end].ch in _NO_LINE_START and not chars[end].space_before:
        end += 1
    return chars[end - 1].x1 - chars[0].x0


def _column_geometry(page_lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Per line: the left and right edge of its column (horizontal lines: the most common
    start and end of the column's lines), or the top and bottom of its region (vertical)."""
    geometry: dict[int, tuple[float, float]] = {}
    horizontal = [ln for ln in page_lines if not ln.vertical and ln.kind != "running"]
    if horizontal:
        left = min(ln.x0 for ln in horizontal)
        right = max(ln.x1 for ln in horizontal)
        gutter = _gutter(horizontal, left, right) if len(horizontal) >= 4 else None
        columns: dict[str, list[Line]] = {}
        for line in horizontal:
            if gutter is None:
                column = "all"
            elif line.x0 < gutter < line.x1:
                geometry[id(line)] = (line.x0, line.x1)
                continue
            else:
                column = "left" if line.x1 <= gutter else "right"
            columns.setdefault(column, []).append(line)
        for lines in columns.values():
            starts = Counter(round(ln.x0) for ln in lines)
            ends = Counter(round(ln.x1) for ln in lines)
            edge_left = float(starts.most_common(1)[0][0])
            edge_right = float(max(x for x, n in ends.items() if n >= ends.most_common(1)[0][1]))
            for line in lines:
                geometry[id(line)] = (edge_left, edge_right)
    vertical = [ln for ln in page_lines if ln.vertical]
    if vertical:
        top = max(ln.y1 for ln in vertical)
        bottom = min(ln.y0 for ln in vertical)
        for line in vertical:
            geometry[id(line)] = (top, bottom)
    return geometry


def build_blocks(ordered: list[list[Line]], size: float) -> list[PdfBlock]:
    """Ordered lines of every page into blocks; notes after the block they interrupt."""
    blocks: list[PdfBlock] = []
    current: PdfBlock | None = None
    pending_notes: list[PdfBlock] = []
    prev: Line | None = None
    words = _Words(ordered)
    # Every page's column edges stay known: the last line of a page is judged against its own
    # page's column when the next page begins (a short last line ends its paragraph there too).
    geometry: dict[int, tuple[float, float]] = {}
    for page_lines in ordered:
        geometry.update(_column_geometry(page_lines))
        for line in page_lines:
            if line.kind == "running":
                continue
            if line.kind == "note":
                note_prev = pending_notes[-1].pieces[-1].line if pending_notes else None
                if pending_notes and not _starts_block(note_prev, line, geometry):
                    pending_notes[-1].add(line, words)
                else:
                    note = PdfBlock("note", 0)
                    note.add(line, words)
                    pending_notes.append(note)
                continue
            heading = _heading(line, size, prev, geometry)
            if (
                current is None
                or heading
                or _starts_block(prev, line, geometry)
                or (current.kind == "heading")
            ):
                if current is not None:
                    blocks.append(current)
                    blocks.extend(pending_notes)
                    pending_notes = []
                kind = "caption" if line.kind == "caption" else "paragraph"
                current = PdfBlock("heading" if heading else kind, 1 if heading else 0)
                if heading:
                    text = line.text.strip()
                    current.style = heading_style(text) or (
                        _bare_numbered(text) if line.bold else None
                    )
            current.add(line, words)
            prev = line
    if current is not None:
        blocks.append(current)
    blocks.extend(pending_notes)
    kept = [b for b in blocks if b.text.strip()]
    _unnumbered_headings(kept, size)
    return kept


def _unnumbered_headings(blocks: list[PdfBlock], size: float) -> None:
    """A short Chinese line standing alone at the body's size, without a sentence's end, between
    a finished paragraph (or a heading) and a paragraph of running text is a heading, as in
    plain text (the rule :mod:`reader.ingest` applies to a line of its own)."""
    for i in range(1, len(blocks) - 1):
        block, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
        if block.kind != "paragraph" or len(block.pieces) != 1:
            continue
        text = block.text.strip()
        if len(text) > 30 or text[-1] in _NOT_HEADING_END or not any(is_cjk(c) for c in text):
            continue
        if text[-1].isdigit() or is_leader_line(block.pieces[0].line):
            continue  # a table of contents' entry and its page
        if _block_size(block) < 0.92 * size or after.kind != "paragraph" or len(after.text) <= 40:
            continue
        if before.kind == "heading" or (
            before.kind == "paragraph" and before.text.rstrip()[-1:] in _PARAGRAPH_END
        ):
            block.kind, block.level = "heading", 1


def _heading(
    line: Line, size: float, prev: Line | None, geometry: dict[int, tuple[float, float]]
) -> bool:
    """A heading: set larger than the body; bold and numbered; or, at the body's size and
    weight, a Chinese section heading standing alone (:func:`_section_heading`)."""
    text = line.text.strip()
    if not text or len(text) > 40 or text.endswith(("。", "，", "；")) or line.kind != "body":
        return False
    if line.vertical:
        return False
    if line.size >= 1.12 * size:
        return True
    if line.bold:
        if is_leader_line(line):
            return False
        return heading_style(text) is not None or _bare_numbered(text) is not None
    return (
        text[0] in _SECTION_NUMBER_START
        and not is_leader_line(line)
        and _section_heading(text, line, prev, geometry)
    )


def _section_heading(
    text: str, line: Line, prev: Line | None, geometry: dict[int, tuple[float, float]]
) -> bool:
    """A line numbered as a Chinese section (第一章, 第一節, 壹、, 一、, （一）: the plain-text
    import's numbering rule, :func:`reader.ingest.heading_style`) that stands alone: short (it
    leaves room at the end of its column, so no paragraph wraps on through it) and after a line
    that ended its sentence or its block. ("1." and "1.1" need bold or a larger size here: at
    the body's size they number lists as often as sections.)"""
    style = heading_style(text)
    if style is None or style >= _DECIMAL_STYLE:
        return False
    _left, right = geometry.get(id(line), (line.x0, line.x1))
    if right - line.x1 <= 1.5 * max(line.size, 1.0):
        return False
    last = prev.text.rstrip()[-1:] if prev is not None else ""
    if prev is None or (last and last in _SENTENCE_END):
        return True
    return _starts_block(prev, line, geometry)


def _bare_numbered(text: str) -> tuple[int, int] | None:
    """The style of a bold line numbered "12 如何…？" (a number and a space, as FAQs and
    some journals number their questions or sections): a decimal heading of depth 1."""
    m = _BARE_NUMBER.match(text)
    if m is None or m.group(2) in _NOT_AFTER_NUMBER:
        return None
    return _DECIMAL_STYLE


def level_headings(blocks: list[PdfBlock], size: float) -> None:
    """Levels: numbering styles ranked as :mod:`reader.ingest` does; unnumbered headings by
    size (larger is higher)."""
    styles = [b.style for b in blocks if b.kind == "heading" and b.style is not None]
    levels = rank_levels(styles)
    # Unnumbered headings set larger than every numbered one ("A 基本概念" over "1 什麼是…？")
    # are the level above them.
    numbered = [_block_size(b) for b in blocks if b.kind == "heading" and b.style is not None]
    plain = [_block_size(b) for b in blocks if b.kind == "heading" and b.style is None]
    below = 1 if numbered and plain and min(plain) > max(numbered) + 0.5 else 0
    for block in blocks:
        if block.kind != "heading":
            continue
        if block.style is not None:
            block.level = levels[block.style] + below
        else:
            block.level = 1


def _block_size(block: PdfBlock) -> float:
    return statistics.mean(p.line.size for p in block.pieces)


def front_matter(blocks: list[PdfBlock], size: float) -> None:
    """On the first page, before the body begins: the largest line is the title (with none
    larger than the body, :func:`_plain_title`), then a Latin subtitle, short names (authors)
    and affiliations."""
    if not blocks:
        return
    first_page = blocks[0].first_page
    head = [b for b in blocks[:8] if b.first_page == first_page and b.kind != "note"]
    if not head:
        return
    biggest = max(head, key=_block_size)
    plain = _block_size(biggest) < 1.25 * size or len(biggest.text) > 80
    title = _plain_title(head, size) if plain else biggest
    if title is None:
        return
    title.kind, title.level = "title", 0
    start = blocks.index(title)
    # Right under a Chinese title set at the body's size, a Latin line is its English title
    # (as in plain text).
    english = plain and any(is_cjk(c) for c in title.text)
    for block in blocks[start + 1 : start + 6]:
        text = block.text.strip()
        if block.kind == "heading" and block.style is not None:
            break
        if "".join(text.split()).casefold() in _SECTION_NAMES:
            break  # the body (or its table of contents) begins
        latin = not any(is_cjk(c) for c in text) and any(c.isalpha() for c in text)
        if (
            latin
            and len(text) < 200
            and block.kind in ("heading", "paragraph")
            and (english or statistics.mean(p.line.size for p in block.pieces) > size)
        ):
            block.kind, block.level = "subtitle", 0
        elif any(h in text for h in AFFILIATION_HINTS) and len(text) <= 40:
            split = byline(block)
            if split is None:
                block.kind, block.level = "affiliation", 0
            else:
                at = blocks.index(block)
                blocks[at : at + 1] = split
        elif (len(text) <= 12 and not text.endswith(("。", "."))) or (
            len(text) <= 40 and EMAIL.search(text)
        ):
            if len(block.pieces) != 1:
                break
            block.kind, block.level = "author", 0
        else:
            break
        english = False


# What a name never holds and an affiliation ends with: the words of institutions and their
# parts (a single 系, 所, 院… as in 政治學系, 歷史語言研究所, 中央研究院).
_INSTITUTION_WORDS = (
    *AFFILIATION_HINTS,
    "公司", "系", "所", "院", "部", "會", "会", "局", "處", "处", "室", "廳", "厅", "館", "馆",
    "校", "社", "組", "组", "科", "署", "團", "团",
)  # fmt: skip
# Titles an affiliation may end with (國立政治大學外交學系教授).
_TITLES = (
    "教授", "研究員", "研究员", "講師", "讲师", "博士", "博士生", "碩士生", "硕士生", "研究生",
    "主任", "院長", "院长", "所長", "所长", "系主任", "助理", "學者", "学者", "記者", "记者",
    "編輯", "编辑",
)  # fmt: skip
_NAMES = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff]{2,4}(?:[、，,][\u3400-\u9fff\uf900-\ufaff]{2,4})*"
)


def _is_name(part: str) -> bool:
    """Whether ``part`` prints Chinese names: two to four ideographs each, none holding a word
    of an institution (北京大學 is no name)."""
    return bool(_NAMES.fullmatch(part)) and not any(w in part for w in _INSTITUTION_WORDS)


def byline(block: PdfBlock) -> list[PdfBlock] | None:
    """A first-page line printing names, a space after each, then an affiliation
    (「陳小華　王大明　國立測試大學政治學系」) as an author block per name and an affiliation
    block; None for any other block. Strict, as a wrong split makes a university an author:
    each name two to four ideographs (a list of them joined by 、 is one block) holding no word
    of an institution, and the affiliation ends with one (大學, 學系, 研究所, 中心, 院…) or a
    title (教授, 研究員…). A university and its department (北京大學　國際關係學院) or a
    sentence (研究指出 臺灣大學生多數支持) is none."""
    if len(block.pieces) != 1:
        return None
    line = block.pieces[0].line
    text = line.text
    spans = [m.span() for m in re.finditer(r"[^ \u3000]+", text)]
    names = 0
    while names < len(spans) - 1 and _is_name(text[slice(*spans[names])]):
        names += 1
    rest = text[spans[names][0] :] if names else ""
    if not (names and rest.endswith(_INSTITUTION_WORDS + _TITLES)):
        return None
    parts = []
    pieces = [("author", *span) for span in spans[:names]] + [
        ("affiliation", spans[names][0], len(text))
    ]
    for kind, start, end in pieces:
        chars = [c for c, p in zip(line.chars, line.positions, strict=True) if start <= p < end]
        part = PdfBlock(kind, 0)
        part.add(Line(line.page, chars, line.vertical, line.kind))
        parts.append(part)
    return parts


def _plain_title(head: list[PdfBlock], size: float) -> PdfBlock | None:
    """The title of a first page set all at the body's size: as the plain-text import finds
    it, the first short line before the body begins (before the first numbered heading, a
    long paragraph or a finished sentence), not smaller than the body (a running header left
    on a one-page PDF) and not a caption."""
    for block in head:
        text = block.text.strip()
        if block.kind == "heading" and block.style is not None:
            return None
        if block.kind not in ("paragraph", "heading") or _block_size(block) < 0.92 * size:
            continue
        if len(text) > 40 or text[-1:] in _SENTENCE_END or text.endswith(("。", ".")):
            return None
        if any(h in text for h in CAPTION_HINTS):
            continue
        return block
    return None

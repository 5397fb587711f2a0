"""Cleaning PDF-extracted (and other plain) text into a Document.

Two layouts (:func:`detect_layout`; the shipped seeds are ``pdf``):

* ``pdf``: every line is followed by an empty line (the double-spacing artefact): empty lines go,
  lines of only spaces/NBSPs are the real vertical gaps and separate blocks, and a new page shows
  as a line that begins with a single space right after a non-empty line (the space goes).
* ``plain``: empty lines separate blocks; blank lines padding a page's top or bottom do not.

In both, a form feed starts a page, and a page break is a page boundary, never a paragraph break
(in plain text, unless the page's last line ended a sentence and no indentation says otherwise).

* Running headers, mastheads and page numbers: lines equal to the venue, lines that are the
  venue followed by volume/issue/date (parsed into metadata), lines of digits only, short lines
  that repeat on several pages, and lines at the top or bottom of pages that repeat, numbers
  aside, on at least half of them (``- 3 -``, ``第 3 頁``, a journal's running header).
* Blocks: indented documents start paragraphs at indentation; when most lines end a sentence,
  each line is a paragraph; PDF extractions otherwise end a block at a line with trailing space.
  Whatever the rest says, the short lines above the text's first blank line (title, author,
  date …) are a block each, unless one ends a sentence; a line ending in a colon runs on (title:
  subtitle); and lines wrapped mid-sentence (a line ending in ，、；…, or lines of one width with
  commas) are one paragraph, the body's first (:func:`_front_lines`).
* Headings: 第一編/章/節, 壹、, 一、, （一）, 1. / 1.1 / 1.1.1 — the levels are the numbering styles
  the document uses, outermost first (壹、 above （一）; 一、 above （一） when there is no 壹、).
* Line breaks inside a block are joined: no space between CJK characters, one space between Latin
  words where the source had one (in plain text, wherever a line was wrapped). NBSP becomes a
  space and runs of spaces collapse to one.
* NFC, so CJK compatibility ideographs (U+F99A 連 …) become the unified characters.

Nothing else is dropped: every other character of the source ends up in exactly one block.

Over 600 lines as one job: one cleaning pipeline (pages, running headers, blank lines,
headings, paragraphs) whose steps share the line model and the hints; each step is a function
of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from reader.documents import (
    BlockDraft,
    Document,
    Metadata,
    MetadataOverrides,
    assemble,
    is_date,
)

_WS = " \t\u00a0\u3000\u2002\u2003\u2009"
# Numbered heading styles, outermost first. A document's levels are the styles it actually uses,
# ranked in this order (so 壹、 above （一）, or 一、 above （一） when there is no 壹、).
_HEADING_STYLES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^第[一二三四五六七八九十百零〇0-9]+[編篇部]"), 0),
    (re.compile(r"^第[一二三四五六七八九十百零〇0-9]+章"), 1),
    (re.compile(r"^第[一二三四五六七八九十百零〇0-9]+[節节]"), 2),
    (re.compile(r"^[壹貳參叁肆伍陸柒捌玖拾]+[、．.]"), 3),
    (re.compile(r"^[一二三四五六七八九十]+[、．]"), 4),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 5),
)
# 1. / 1、 / 1.1 / 1.1.1 — but not 3.5 億 or 12.5% (numbers inside a sentence).
_DECIMAL_HEADING = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)([.．、]?)\s*(.)")
_NOT_AFTER_NUMBER = "%％億亿萬万千百元年月日倍個个名位次.．"
_DECIMAL_RANK = 6
_SENTENCE_END = "。！？；，、：」』）)”.!?;,"
# A line ending in one of these may end a paragraph.
_PARAGRAPH_END = "。！？!?」』”."
_CAPTION_HINTS = ("圖片來源", "資料來源：", "图片来源")
_NOTE_PREFIXES = ("編按", "编按", "按：", "註：", "注：", "作者按", "Editor's note")
# A date on a line of its own in the front matter: 2019年6月, 2019年6月5日, 2019-06, 2019.6.5.
_DATE_LINE = re.compile(
    r"(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?|[-./](\d{1,2})(?:[-./](\d{1,2}))?)"
)


def date_line(text: str) -> str | None:
    """``text`` as a date Meipi keeps (YYYY, YYYY-MM, YYYY-MM-DD) when the line is only a date,
    a real one (2019年6月 -> 2019-06; 2024年2月30日 is none)."""
    found = _DATE_LINE.fullmatch(text.strip())
    if found is None:
        return None
    month, day = found.group(2) or found.group(4), found.group(3) or found.group(5)
    date = "-".join([found.group(1), *(f"{int(v):02d}" for v in (month, day) if v)])
    return date if is_date(date) else None


_AFFILIATION_HINTS = (
    "大學",
    "大学",
    "研究所",
    "研究院",
    "學院",
    "学院",
    "教授",
    "研究員",
    "研究员",
    "University",
    "Institute",
    "中心",
    "基金會",
    "基金会",
    "學系",
    "学系",
)
_MASTHEAD_ISSUE = re.compile(r"No\.?\s*(\d+)|第\s*(\d+)\s*期")
_MASTHEAD_VOLUME = re.compile(r"Vol\.?\s*(\d+)\s*,?\s*|第\s*(\d+)\s*卷\s*", re.IGNORECASE)
_MASTHEAD_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$")


def _is_cjk(ch: str) -> bool:
    if not ch:
        return False
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x2FDF
        or 0x3000 <= cp <= 0x303F
        or 0x3040 <= cp <= 0x30FF
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    )


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(c) and unicodedata.category(c).startswith("L") for c in text)


def _clean_inline(text: str) -> str:
    """NBSP and other spaces become one ordinary space; ends stripped."""
    out = re.sub(f"[{_WS}]+", " ", text)
    return out.strip(" ")


@dataclass
class Line:
    raw: str
    page: int  # PDF page, from 1
    page_start: bool = False  # the first line of its page
    # A line of the text's opening lines (title, author …) that ends its block whatever the
    # layout's other rules say: see :func:`_front_lines`.
    ends_block: bool = False
    # Its block goes on to the next line whatever the layout's other rules say (wrapped prose at
    # the top, a title ending in a colon): see :func:`_front_lines`.
    runs_on: bool = False
    # The first line of wrapped prose at the top: the body begins here, there is no front matter.
    prose_top: bool = False
    _cleaned: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        # Cached per raw value: long texts ask for it many times.
        if self._cleaned is None or self._cleaned[0] != self.raw:
            self._cleaned = (self.raw, _clean_inline(self.raw))
        return self._cleaned[1]

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def indented(self) -> bool:
        return len(self.raw) - len(self.raw.lstrip(_WS)) >= 2

    @property
    def trailing_space(self) -> bool:
        return bool(self.raw) and self.raw[-1] in _WS


@dataclass
class Cleaned:
    """The importer's result: metadata guesses, the document, and what was dropped."""

    document: Document
    dropped: list[str] = field(default_factory=list)
    pdf_pages: int = 1


@dataclass(frozen=True)
class Hints(MetadataOverrides):
    """What the caller knows: the text's metadata (anything left ``None`` is guessed; the id,
    script and first page have defaults) and how the extracted text is laid out."""

    id: str = "imported"
    script: str = "zh-Hant-TW"
    first_page: int = 1
    # PDF pages from this one on are the publisher's colophon (back matter).
    backmatter_from_page: int | None = None
    # "pdf" (every line followed by an empty line, as in the seeds) or "plain" (empty lines
    # separate blocks); :func:`detect_layout` tells them apart.
    layout: str = "pdf"


def _normalize(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return text.removeprefix("\ufeff")


# East Asian wide and fullwidth characters (the ranges that matter for Chinese text).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


def _width(text: str) -> int:
    """Columns the line takes: two for a wide character, one otherwise."""
    return len(text) + len(_WIDE.findall(text))


def detect_layout(raw: str) -> str:
    """``"pdf"`` for the double spacing PDF extraction leaves (as in the seeds): nearly every
    line followed by an empty line, and most lines cut at the full width of the page, so few
    end a sentence. Otherwise ``"plain"``, where empty lines are real."""
    pieces = _normalize(raw).replace("\f", "\n").split("\n")
    filled = [i for i, piece in enumerate(pieces) if piece.strip(_WS)]
    if len(filled) < 8:
        return "plain"
    followed = sum(1 for i in filled if i + 1 < len(pieces) and pieces[i + 1] == "")
    # Single-line paragraphs separated by empty lines look double spaced too, but their lines
    # end sentences and vary in length; PDF lines are cut wherever the page width ends.
    ends = sum(1 for i in filled if pieces[i].rstrip(_WS)[-1:] in _PARAGRAPH_END)
    widths = sorted(_width(pieces[i].strip(_WS)) for i in filled)
    full_width = widths[int(len(widths) * 0.9)] * 0.8
    full = sum(1 for w in widths if w >= full_width)
    if followed >= 0.75 * len(filled) and ends < 0.5 * len(filled) and full >= 0.5 * len(filled):
        return "pdf"
    return "plain"


def split_pages(raw: str, layout: str = "pdf") -> list[Line]:
    """Lines with their PDF page. In the ``pdf`` layout empty lines are artefacts (removed) and a
    single leading space after a non-empty line starts a page (the space is removed); in the
    ``plain`` layout empty lines are kept as blank lines. A form feed starts a page in both."""
    text = _normalize(raw)
    pdf = layout == "pdf"
    lines: list[Line] = []
    page = 1
    prev_raw: str | None = None
    new_page_pending = True
    for piece in text.split("\n"):
        while "\f" in piece:
            before, _, piece = piece.partition("\f")
            if before:
                lines.append(Line(before, page, new_page_pending))
                new_page_pending = False
            page += 1
            new_page_pending = True
        raw_line = piece
        if raw_line == "":
            if not pdf:
                lines.append(Line("", page))
            prev_raw = raw_line
            continue
        page_break = (
            pdf
            and prev_raw is not None
            and prev_raw != ""
            and raw_line.startswith(" ")
            and not raw_line.startswith("  ")
            and bool(lines)
        )
        if page_break:
            page += 1
            raw_line = raw_line[1:]
            new_page_pending = True
        lines.append(Line(raw_line, page, new_page_pending))
        new_page_pending = False
        prev_raw = piece
    opening = _front_lines(text.split("\n"), pdf)
    for index in opening.ends:
        lines[index].ends_block = True
    for index in opening.runs_on:
        lines[index].runs_on = True
    if opening.prose:
        lines[opening.runs_on[0]].prose_top = True
    return lines


# A line ending in one of these stops mid-sentence; a title, a name or a date never ends so.
_MID_SENTENCE = "，、；…⋯"
# Marks inside lines of one width that make them wrapped prose (a title rarely holds one).
_CLAUSE_MARKS = "，；。！？"


class _Opening(NamedTuple):
    ends: list[int]  # lines that end their block
    runs_on: list[int]  # lines whose block goes on to the next line
    prose: bool  # the lines are wrapped prose (runs_on holds all but the last)


def _hard_wrapped(opening: list[str]) -> bool:
    """Lines cut at one width: three or more, all but the last at least eight wide characters wide
    and within two wide characters (or an eighth) of each other, the last no wider, and commas in
    them (a title and a subtitle of one width have none)."""
    widths = [_width(text) for text in opening[:-1]]
    if len(widths) < 2 or min(widths) < 16:
        return False
    return (
        max(widths) - min(widths) <= max(4, max(widths) // 8)
        and _width(opening[-1]) <= max(widths) + 2
        and any(c in _CLAUSE_MARKS for text in opening for c in text)
    )


def _front_lines(pieces: list[str], pdf: bool) -> _Opening:
    """The opening lines that are front matter, one block each: the lines above the text's first
    blank line (title, author, affiliation, date …), when there are two or more and every one is
    short (at most 40 characters, or Latin) and none ends a sentence. Decided by these lines
    alone, never by statistics over the body, so a body cannot glue a title to its author.
    The lines, however long, are wrapped prose, one paragraph, when they are :func:`_hard_wrapped`
    or, when none ends a sentence, one but the last stops mid-sentence (ends in ，、；…); other
    lines ending a sentence are left to the layout's rules (a title, then a paragraph). A wrapped
    English title stays one block (of consecutive Latin lines only the last ends it), and so do a
    title ending in a colon and its subtitle. Returns indices into the lines
    :func:`split_pages` makes from these pieces (the leading empty pieces it skips in the ``pdf``
    layout, keeps in ``plain``)."""
    none = _Opening([], [], False)
    first = next((i for i, piece in enumerate(pieces) if piece.strip(_WS)), None)
    if first is None:
        return none
    end = first
    while end < len(pieces) and pieces[end].strip(_WS):
        end += 1
    opening = [_clean_inline(piece) for piece in pieces[first:end]]
    if (
        end == len(pieces)  # not followed by a blank line
        or len(opening) < 2
        or any("\f" in piece for piece in pieces[first:end])
        # In the pdf layout a line starting with one space after another line is a page break.
        or (
            pdf
            and any(p.startswith(" ") and not p.startswith("  ") for p in pieces[first + 1 : end])
        )
    ):
        return none
    offset = sum(1 for piece in pieces[:first] if piece or not pdf)
    last = len(opening) - 1
    ends_sentence = any(text[-1] in _PARAGRAPH_END for text in opening)
    if _hard_wrapped(opening) or (
        not ends_sentence and any(text[-1] in _MID_SENTENCE for text in opening[:-1])
    ):
        return _Opening([offset + last], [offset + i for i in range(last)], True)
    if ends_sentence or any(len(text) > 40 and not _is_latin_line(text) for text in opening):
        return none
    runs_on = [i for i, text in enumerate(opening[:-1]) if text[-1] in "：:"]
    ends = [
        i
        for i, text in enumerate(opening)
        if i not in runs_on
        and (i == last or not (_is_latin_line(text) and _is_latin_line(opening[i + 1])))
    ]
    return _Opening([offset + i for i in ends], [offset + i for i in runs_on], False)


def _masthead(text: str, venue: str | None) -> tuple[str | None, str | None, str | None] | None:
    """If ``text`` is a masthead (venue + issue/date), return (venue, issue, date)."""
    issue_m = _MASTHEAD_ISSUE.search(text)
    date_m = _MASTHEAD_DATE.search(text)
    if not (issue_m or date_m):
        return None
    volume_m = _MASTHEAD_VOLUME.search(text)
    head = text[: min(m.start() for m in (issue_m, date_m, volume_m) if m)].strip()
    if venue and head != venue:
        return None
    if not head or len(head) > 20 or any(c in head for c in "。，；"):
        return None
    # Everything in the line must be venue, issue or date: otherwise it is body text.
    rest = text
    for m in (issue_m, date_m, volume_m):
        if m:
            rest = rest.replace(m.group(0), "")
    if rest.replace(head, "", 1).strip():
        return None
    issue = None
    if issue_m:
        issue = f"No. {issue_m.group(1)}" if issue_m.group(1) else f"第{issue_m.group(2)}期"
        if volume_m:
            issue = (
                f"Vol. {volume_m.group(1)}, {issue}"
                if volume_m.group(1)
                else f"第{volume_m.group(2)}卷{issue}"
            )
    elif volume_m:
        issue = f"Vol. {volume_m.group(1)}" if volume_m.group(1) else f"第{volume_m.group(2)}卷"
    date = f"{int(date_m.group(1)):04d}-{int(date_m.group(2)):02d}" if date_m else None
    return head, issue, date


def _drop_artifacts(lines: list[Line], hints: Hints) -> tuple[list[Line], list[str], Hints]:
    """Remove running headers, mastheads and page numbers; learn venue/issue/date from them."""
    venue, issue, date = hints.venue, hints.issue, hints.date
    pages = {ln.page for ln in lines}
    # Short lines repeated on several pages are running headers or footers.
    counts = Counter(ln.text for ln in lines if ln.text and len(ln.text) <= 30)
    pages_of_text: dict[str, set[int]] = {}
    for ln in lines:
        if counts.get(ln.text, 0) >= 2:
            pages_of_text.setdefault(ln.text, set()).add(ln.page)
    repeated = {
        t
        for t, on in pages_of_text.items()
        if len(pages) >= 3 and len(on) >= max(2, len(pages) // 2)
    }
    # Lines at the top or bottom of a page that repeat, numbers aside, on about half the pages
    # or more: running headers and footers, page numbers and "第 3 頁" among them. (Journals
    # alternate their name and the article's title on even and odd pages, and the first page
    # often has neither.)
    edges = _page_edges(lines)
    edge_pages: dict[str, set[int]] = {}
    for index in edges:
        text = lines[index].text
        if len(text) <= 60 and "。" not in text:
            edge_pages.setdefault(_repetition_key(text), set()).add(lines[index].page)
    running = {
        key
        for key, on in edge_pages.items()
        if len(pages) >= 2 and len(on) >= max(2, (len(pages) - 1) // 2)
    }
    opening_page = min(pages, default=1)
    kept: list[Line] = []
    dropped: list[str] = []
    for index, ln in enumerate(lines):
        text = ln.text
        if not text:
            kept.append(ln)
            continue
        mast = _masthead(text, venue)
        standalone = _standalone(lines, index)
        if mast and standalone:
            venue = venue or mast[0]
            issue = issue or mast[1]
            date = date or mast[2]
            dropped.append(text)
            continue
        first_page = ln.page == opening_page
        if standalone and (
            text == venue or (text in repeated and not first_page) or _PAGE_NUMBER.match(text)
        ):
            dropped.append(text)
            continue
        # On the first page a line like the running header is more likely the title itself.
        if index in edges and (
            (_repetition_key(text) in running and not first_page)
            or (len(pages) >= 2 and _PAGE_NUMBER.match(text))
        ):
            dropped.append(text)
            continue
        kept.append(ln)
    if hints.layout == "plain":
        kept = _drop_blanks_at_page_edges(kept)
    # Each page starts at its first remaining line with text (a dropped header or a blank line
    # must not take the page mark with it).
    seen: set[int] = set()
    for ln in kept:
        ln.page_start = not ln.blank and ln.page not in seen
        if ln.page_start:
            seen.add(ln.page)
    return kept, dropped, replace(hints, venue=venue, issue=issue, date=date)


def _repetition_key(text: str) -> str:
    """A running header or footer is the same line on every page but for its numbers."""
    return re.sub(r"\d+", "#", text)


def _page_edges(lines: list[Line]) -> set[int]:
    """Indices of the first two and the last two lines with text on each page."""
    by_page: dict[int, list[int]] = {}
    for index, ln in enumerate(lines):
        if not ln.blank:
            by_page.setdefault(ln.page, []).append(index)
    edges: set[int] = set()
    for indices in by_page.values():
        edges.update(indices[:2])
        edges.update(indices[-2:])
    return edges


def _drop_blanks_at_page_edges(lines: list[Line]) -> list[Line]:
    """Blank lines that only pad a page's top or bottom say nothing about paragraphs."""
    pages_with_text = [ln.page for ln in lines if not ln.blank]
    kept: list[Line] = []
    seen_text = 0
    for ln in lines:
        if not ln.blank:
            seen_text += 1
            kept.append(ln)
            continue
        before = pages_with_text[seen_text - 1] if seen_text else None
        after = pages_with_text[seen_text] if seen_text < len(pages_with_text) else None
        if before is not None and after is not None and before == after == ln.page:
            kept.append(ln)
    return kept


def _standalone(lines: list[Line], index: int) -> bool:
    """A line that is a block on its own: a blank line (or the edge) before it and after it,
    or it starts or ends a page."""
    before = index == 0 or lines[index - 1].blank or lines[index].page_start
    after = (
        index + 1 == len(lines)
        or lines[index + 1].blank
        or lines[index + 1].page_start
        or lines[index].trailing_space
    )
    return before and after


def _heading_style(text: str) -> tuple[int, int] | None:
    """The numbering style of a heading line, as a sortable (rank, depth), or None."""
    if len(text) > 40 or text.endswith("。"):
        return None
    for pattern, rank in _HEADING_STYLES:
        if pattern.match(text):
            return rank, 0
    m = _DECIMAL_HEADING.match(text)
    if m:
        numbers, terminator, following = m.groups()
        depth = numbers.count(".") + 1
        if (
            (depth > 1 or terminator)
            and not following.isdigit()
            and (following not in _NOT_AFTER_NUMBER)
        ):
            return _DECIMAL_RANK, depth
    return None


def _heading_level(text: str) -> int | None:
    """Whether a line is a numbered heading (its level is decided per document: see
    :func:`_rank_levels`); the number here is only a default."""
    style = _heading_style(text)
    return None if style is None else 1


def _rank_levels(styles: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Heading levels from the numbering styles a document uses: outermost style is level 1."""
    return {style: level for level, style in enumerate(sorted(set(styles)), start=1)}


@dataclass
class _Group:
    lines: list[Line]
    # In plain text a line break between two Latin words is a space (the text was wrapped);
    # in PDF extraction only a trailing space says so (URLs and words cut by the width join).
    plain: bool = False

    def join(self) -> tuple[str, list[tuple[int, int]]]:
        """The block text, and (offset, PDF page) for each page that begins inside it."""
        text = ""
        marks: list[tuple[int, int]] = []
        prev: Line | None = None
        for ln in self.lines:
            piece = ln.text
            if prev is not None and text and piece:
                left, right = text[-1], piece[0]
                spaced = prev.trailing_space or (self.plain and left not in "/-")
                if spaced and not _is_cjk(left) and not _is_cjk(right):
                    text += " "
            if ln.page_start:
                marks.append((len(text), ln.page))
            text += piece
            prev = ln
        return text, marks


def _group_lines(lines: list[Line], layout: str = "pdf") -> list[_Group]:
    """Lines into blocks. Blank lines and headings always separate. Indented documents start
    paragraphs at indentation. When most lines end a sentence, each line is a paragraph. Other
    PDF extractions end a block at a line with trailing space; other plain texts only at blank
    lines, or at a page break right after the end of a sentence."""
    plain = layout == "plain"
    filled = [ln for ln in lines if not ln.blank]
    indent_mode = sum(1 for ln in filled if ln.indented) >= 3
    sentence_ends = sum(1 for ln in filled if ln.text[-1] in _PARAGRAPH_END)
    # Or most of the text by length: a hand-written file's few short front lines (title,
    # author, date) do not end sentences, its long one-line paragraphs do (they were glued into
    # one title, 「中亚地区的大国博弈李明华2019年6月」).
    ending = sum(len(ln.text) for ln in filled if ln.text[-1] in _PARAGRAPH_END)
    unwrapped = ending >= 0.8 * sum(len(ln.text) for ln in filled)
    line_mode = (
        not indent_mode
        and len(filled) >= 3
        and (sentence_ends >= 0.6 * len(filled) or (plain and unwrapped))
    )
    # Wrapped plain text (pdftotext without layout): a paragraph's last line is short and ends
    # a sentence; a short line on its own without one is a title, an author or a heading.
    full_width = 0.0
    if plain and not indent_mode and not line_mode and len(filled) >= 8:
        widths = sorted(_width(ln.text) for ln in filled)
        if widths[int(len(widths) * 0.9)] >= 20:
            full_width = float(widths[int(len(widths) * 0.9)])
    groups: list[_Group] = []
    current: list[Line] = []

    def flush() -> None:
        nonlocal current
        if current:
            groups.append(_Group(current, plain))
            current = []

    for ln in lines:
        if ln.blank:
            flush()
            continue
        level = _heading_level(ln.text)
        if level is not None:
            flush()
            groups.append(_Group([ln], plain))
            continue
        sentence_done = bool(current) and current[-1].text[-1] in _PARAGRAPH_END
        if (indent_mode and ln.indented) or (
            plain and not indent_mode and ln.page_start and sentence_done
        ):
            flush()
        current.append(ln)
        if plain:
            # Front matter and other unindented lines in an indented document: one line each.
            ends_block = line_mode or (indent_mode and not current[0].indented)
            if full_width:
                width = _width(ln.text)
                ends_block = (width < 0.85 * full_width and ln.text[-1] in _PARAGRAPH_END) or (
                    len(current) == 1 and width < 0.6 * full_width
                )
        else:
            ends_block = line_mode or (
                ln.trailing_space and (not indent_mode or ln.text[-1] in "。！？」』）)”")
            )
            if indent_mode and not ends_block and ln.trailing_space and not current[0].indented:
                # Front matter and other unindented lines in an indented document: one each.
                ends_block = True
        if (ends_block and not ln.runs_on) or ln.ends_block:
            flush()
    flush()
    return groups


def _is_latin_line(text: str) -> bool:
    return not _has_cjk(text) and any(c.isalpha() for c in text)


def clean(raw: str, hints: Hints | None = None) -> Cleaned:
    """Turn PDF-extracted text into a Document (see the module docstring for the rules)."""
    hints = hints or Hints()
    layout = hints.layout
    lines = split_pages(raw, layout)
    pdf_pages = max((ln.page for ln in lines), default=1)
    lines, dropped, hints = _drop_artifacts(lines, hints)
    groups = _group_lines(lines, layout)

    front: list[_Group] = []
    body_start = 0
    for i, group in enumerate(groups):
        text = group.join()[0]
        if _heading_level(text) is not None or group.lines[0].indented or group.lines[0].prose_top:
            break
        is_caption = any(h in text for h in _CAPTION_HINTS)
        if len(text) > 40 and not is_caption and not _is_latin_line(text):
            break
        if front and not is_caption and text[-1] in _PARAGRAPH_END:
            break  # a sentence: the body has begun
        front.append(group)
        body_start = i + 1
    body = groups[body_start:]

    drafts: list[BlockDraft] = []
    title_block: list[BlockDraft] = []
    captions: list[BlockDraft] = []
    others: list[BlockDraft] = []
    title = hints.title
    english: list[_Group] = []
    authors: list[str] = []
    affiliation: str | None = None
    dated: str | None = None  # a date line's date
    title_found = False
    venue = hints.venue
    named_title_at = next(
        (i for i, g in enumerate(front) if title is not None and g.join()[0] == title), None
    )
    for index, group in enumerate(front):
        text, marks = group.join()
        draft = BlockDraft("paragraph", 0, text, marks)
        if any(h in text for h in _CAPTION_HINTS):
            draft.kind = "caption"
            captions.append(draft)
        elif named_title_at is not None and index < named_title_at:
            # Above the title the caller named: a short line is the column or journal's name
            # (a running header printed once), anything else a caption.
            if venue is None and len(text) <= 12 and text[-1] not in _SENTENCE_END:
                venue = text
                dropped.append(text)
                following = front[index + 1].lines[0]
                if marks and following.page == group.lines[0].page:
                    following.page_start = True  # the page now begins at the next line
                continue
            draft.kind = "caption"
            captions.append(draft)
        elif not title_found and (title is None or text == title):
            draft.kind = "title"
            title = text
            title_found = True
            title_block.append(draft)
        elif title_found and _is_latin_line(text) and not authors and _has_cjk(title or ""):
            english.append(group)
        elif any(h in text for h in _AFFILIATION_HINTS):
            draft.kind = "affiliation"
            affiliation = affiliation or text
            others.append(draft)
        elif title_found and date_line(text) is not None:
            # The text's date under its byline (it was taken for an author): shown as the
            # affiliation is, small under the names, and the text's date unless one was given.
            draft.kind = "affiliation"
            dated = dated or date_line(text)
            others.append(draft)
        elif len(text) <= 12 and text[-1] not in _PARAGRAPH_END:
            draft.kind = "author"
            authors.append(text)
            others.append(draft)
        elif not title_found:
            draft.kind = "caption"
            captions.append(draft)
        else:
            # Body text after the title: the front matter is over, and what follows keeps its
            # place (only a caption standing before the title moves after it).
            body = front[index:] + body
            break
    if english:
        merged = _Group([ln for g in english for ln in g.lines])
        # Consecutive Latin lines of one subtitle are one block, joined with a space.
        for ln in merged.lines[:-1]:
            if not ln.trailing_space:
                ln.raw += " "
        text, marks = merged.join()
        title_block.append(BlockDraft("subtitle", 0, text, marks))
    order = {"author": 0, "affiliation": 1}
    title_block.extend(sorted((d for d in others if d.kind in order), key=lambda d: order[d.kind]))
    rest_front = [d for d in others if d.kind not in order]
    drafts.extend(title_block)
    drafts.extend(captions)
    drafts.extend(rest_front)

    numbered: list[tuple[BlockDraft, tuple[int, int]]] = []
    for group in body:
        text, marks = group.join()
        pdf_page = group.lines[0].page
        style = _heading_style(text)
        if hints.backmatter_from_page is not None and pdf_page >= hints.backmatter_from_page:
            drafts.append(BlockDraft("backmatter", 0, text, marks))
        elif text.startswith(_NOTE_PREFIXES):
            drafts.append(BlockDraft("note", 0, text, marks))
        elif style is not None:
            drafts.append(BlockDraft("heading", 1, text, marks))
            numbered.append((drafts[-1], style))
        elif (
            len(text) <= 30
            and (group.lines[-1].trailing_space or layout == "plain")
            and len(group.lines) == 1
            and text[-1] not in _SENTENCE_END
            and _has_cjk(text)
        ):
            drafts.append(BlockDraft("heading", 1, text, marks))
        else:
            drafts.append(BlockDraft("paragraph", 0, text, marks))

    levels = _rank_levels([style for _, style in numbered])
    for draft, style in numbered:
        draft.level = levels[style]

    # PDF page → printed page.
    offset = hints.first_page - 1
    for draft in drafts:
        draft.page_marks = [(rel, page + offset) for rel, page in draft.page_marks]
    # The title block moves before a caption: the first page always starts at offset 0.
    if drafts and not drafts[0].page_marks:
        first = min((m[1] for d in drafts for m in d.page_marks), default=hints.first_page)
        drafts[0].page_marks.insert(0, (0, first))

    meta = Metadata(
        id=hints.id,
        title=title or (drafts[0].text if drafts else hints.id),
        english_title=hints.english_title
        or (
            title_block[1].text
            if len(title_block) > 1 and title_block[1].kind == "subtitle"
            else None
        ),
        authors=hints.authors if hints.authors is not None else tuple(authors),
        affiliation=hints.affiliation or affiliation,
        venue=venue,
        issue=hints.issue,
        date=hints.date or dated,
        publisher=hints.publisher,
        script=hints.script,
        first_page=hints.first_page,
        pdf_pages=pdf_pages,
        source=hints.source,
    )
    return Cleaned(assemble(meta, drafts, shipped=False), dropped, pdf_pages)


# What the PDF importer (reader.importing.pdf) shares with the cleaning of extracted text.
heading_style = _heading_style
rank_levels = _rank_levels
is_cjk = _is_cjk
CAPTION_HINTS = _CAPTION_HINTS
AFFILIATION_HINTS = _AFFILIATION_HINTS
NOTE_PREFIXES = _NOTE_PREFIXES

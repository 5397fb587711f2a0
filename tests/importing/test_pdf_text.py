"""The characters of an imported PDF's text, as a careful reader of the page reads them: a word
cut at a line end is one word again (PDFium reports every hyphen ending a line between two
letters as a soft one, U+FFFE, a real one as much as a cut word), a real hyphen stays; a space
drawn between Chinese characters on a line stays; no noncharacter reaches the text, and the
page data points at the very characters of the text."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import documents
from reader.importing import guess, read_source
from reader.importing.pdf import layout_pdf
from reader.importing.pdf_extract import PdfPage, extract
from reader.importing.pdf_layout import Char, Line, PdfBlock, byline, cut_word, page_chars
from tests.importing.pdf_helpers import DATA, pdf_source

# Every noncharacter: U+FDD0..U+FDEF and the last two code points of each plane.
NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    + "]"
)

HYPHENS = "ghostscript-hyphens"  # made by ps2pdf from ghostscript-hyphens.ps (beside it)


def test_words_cut_at_line_ends_are_whole_again_and_real_hyphens_stay() -> None:
    """ghostscript-hyphens.ps: "man-|agement" is "management" (and found by search), "friend-|
    ship" "friendship", "hyphen-|ated" (a short line) one paragraph; "China-|Russia" (a capital
    after it), "COVID-|19" (a digit) and "well-|known" (written "well-known" elsewhere in the
    text) keep their hyphen; a dash standing alone keeps its space; the word cut at the foot of
    page 1 is whole, page 2 beginning inside it."""
    doc = guess(pdf_source(HYPHENS)).document
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks] == [
        ("title", "Hyphens at Line Ends"),
        (
            "paragraph",
            "The library provides the parsing of abstract syntax notation and the careful and "
            "exact structures management for all of the data that travels through the shared "
            "pipelines along the long and busy China-Russia border, where the traders keep "
            "their well-known habit of checking every single record, a well-known practice of "
            "checking each one twice, which the profession regards as a sign of trust and "
            "friendship between the partners.",
        ),
        ("paragraph", "It has a hyphenated word at the end of a short line."),
        (
            "paragraph",
            "A real hyphen before a capital letter stays just where it is, as in the sources "
            "written in the many non-English languages, and a hyphen before a number stays as "
            "well, as in the reports on the spread of COVID-19 that the auditors read every "
            "week; and a dash that stands alone between words is kept as a dash - and the "
            "reading goes on down to the foot of the page, where one more long word is cut in "
            "two: the international trade that resumes after the page break, and the paragraph "
            "ends here.",
        ),
    ]
    assert [p.printed for p in doc.pages] == ["1", "2"]
    assert doc.text[doc.pages[1].start :].startswith("national trade")


@pytest.mark.parametrize(
    ("before", "after", "words", "cut"),
    [
        # Words cut in two (TeX's usual cuts): whole again.
        ("careful structures man", "agement, and", {}, True),
        ("the inter", "national order", {}, True),
        ("if an element is OP", "TIONAL and", {}, True),  # TeX cuts capitals too
        ("an ELE", "MENT of", {}, True),
        ("a sign of trust and friend", "ship between", {"friend-ship": 0}, True),
        # The text writes the word elsewhere: as it does.
        ("the Sino", "Russian treaty", {"sinorussian": 2, "sino-russian": 1}, True),
        ("asks us to re", "examine it", {"reexamine": 1}, True),
        ("the co", "operation of", {"cooperation": 2}, True),
        ("the Man", "agement of", {"management": 1}, True),  # a capitalized word cut
        ("every single record, a well", "known practice", {"well-known": 1}, False),
        ("the self", "evident case", {"self-evident": 1}, False),
        ("ab", "cdefg", {"abcdefg": 1, "ab-cdefg": 1}, False),  # as often both ways: kept
        # Not Latin letters on both sides: never joined.
        ("the spread of COVID", "19 that", {}, False),
        ("a dash ", "and", {}, False),
        ("中國", "俄羅斯的夥伴關係", {}, False),
        ("然而美", "中競爭仍", {}, False),
        ("討論所謂的 post", "冷戰時代", {}, False),
        ("以及中", "長期的合作", {}, False),
        ("the dé", "tente between", {}, True),  # Latin letters beyond ASCII are letters
        # Compounds a reader keeps: a capital after it (unless both halves are capitals) or
        # a capitalized word before it, an acronym.
        ("the long and busy China", "Russia border", {}, False),
        ("the many non", "English languages", {}, False),
        ("the Sino", "Russian partnership", {}, False),
        ("in the post", "Soviet space", {}, False),
        ("the view of US", "China relations", {}, False),
        ("the EU", "Russia summit", {}, False),
        ("the PRC", "Taiwan talks", {}, False),
        ("the state-owned and Beijing", "based firms", {}, False),
        ("the Soviet", "era archives", {}, False),
        # Lowercase compounds: a word that forms compounds before it...
        ("of the twenty", "first century", {}, False),
        ("asks us to re", "examine the", {}, False),
        ("examine the co", "operation that", {}, False),
        ("seemed self", "evident to", {}, False),
        ("to the so", "called realists", {}, False),
        ("of the long", "term view", {}, False),
        ("and the state", "owned firms", {}, False),
        ("the non", "linear case", {}, False),
        ("a well", "known habit", {}, False),
        ("the e", "mail archive", {}, False),  # one letter: no hyphenation cuts there
        ("the state", "ment of", {}, True),  # an ending, no second word
        ("a self", "less act", {}, True),
        # ... or both halves standalone words of the text.
        ("the book", "keeping of", {"book": 2, "keeping": 1}, False),
        ("the book", "keeping of", {"book": 2}, True),
        # Suspended hyphens.
        ("Effects of the short", "and long-term kind", {}, False),
        ("on pre", "and post-war trade", {}, False),
        ("full", "or part-time", {}, False),
        ("short", "to medium-term", {}, False),
        ("neither long", "nor short-term", {}, False),
        # Addresses: a URL, a DOI, an e-mail address.
        ("see https://example.org/belt", "road/report", {}, False),
        ("see example.org/belt", "road/report", {}, False),
        ("or doi:10.1000/abc", "def for", {}, False),
        ("write to mail@example", "domain.org", {}, False),
        ("at www.example", "site.org", {}, False),
        ("at the exam", "ple.org/path", {}, False),
    ],
)
def test_a_careful_reader_tells_a_cut_word_from_a_hyphenated_one(
    before: str, after: str, words: dict[str, int], cut: bool
) -> None:
    assert cut_word(before, after, Counter(words)) is cut


COMPOUNDS = "ghostscript-compounds"  # made by ps2pdf from ghostscript-compounds.ps (beside it)


def test_compounds_addresses_and_suspended_hyphens_keep_their_hyphen() -> None:
    """ghostscript-compounds.ps (a reviewer's lines): every compound broken at its hyphen reads
    as printed, with no other evidence in the text (Sino-Russian, twenty-first, re-examine,
    so-called, US-China, Beijing-based), and so do a URL and a DOI; a suspended hyphen keeps
    its hyphen and the space the line break stood for (short- and long-term); a word given
    hyphenated elsewhere (self-evident) stays so; the words TeX cut (manage-|ment, inter-|
    national across the page break) are whole."""
    doc = guess(pdf_source(COMPOUNDS)).document
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks][1:] == [
        (
            "paragraph",
            "The Sino-Russian partnership in the post-Soviet space of the twenty-first century "
            "asks us to re-examine the co-operation that seemed self-evident to the so-called "
            "realists of the long-term view of US-China relations and the state-owned and "
            "Beijing-based firms, see https://example.org/belt-road/report or "
            "doi:10.1000/abc-def for the management of the page end, and the international "
            "order.",
        ),
        (
            "paragraph",
            "Effects of the short- and long-term kind on pre- and post-war trade with the "
            "e-mail archive of the self-evident self-evident case.",
        ),
    ]
    assert "selfevident" not in doc.text and "shortand" not in doc.text


def test_a_hyphen_beside_chinese_stays(qapp: object, tmp_path: Path) -> None:
    """A hyphen ending a line before or after a Chinese character is never a cut word's: 中國-|
    俄羅斯, 美-|中, post-|冷戰 and 中-|長期 read as printed."""
    serif = "Noto Serif CJK TC"
    lines = [
        "本文探討中國-",
        "俄羅斯的夥伴關係，然而美-",
        "中競爭仍深刻影響討論所謂的 post-",
        "冷戰時代中俄兩國的關係，以及中-",
        "長期的合作前景與限制。",
    ]
    path = qt_cjk_pdf(tmp_path / "zh-hyphens.pdf", [(serif, 12, line) for line in lines], 8)
    doc = guess(read_source(path)).document
    assert "".join(lines) in doc.text.replace("\n", "")


def test_pdfium_reports_the_soft_hyphens_of_the_test_pdf() -> None:
    """What the test above stands on: PDFium's text of the Ghostscript PDF has U+FFFE where a
    line ends in a hyphen between letters, China-Russia too (so the marker alone cannot tell a
    real hyphen), and joins the two lines there without a line break."""
    text = "".join(page.text for page in extract((DATA / f"{HYPHENS}.pdf").read_bytes(), "x").pages)
    raw = re.sub(r"\s+", " ", text)
    for cut in ("man-agement", "China-Russia", "friend-ship", "COVID-19", "hyphen-ated"):
        assert cut in raw  # the worker hands the layout the hyphen drawn, flagged soft
    assert "\ufffe" not in text


_PDFS = [
    pytest.param(p.stem, marks=pytest.mark.slow) if p.stem == "bench-30" else p.stem
    for p in sorted(DATA.glob("*.pdf"))
    if p.stem != "user-password"
]


@pytest.mark.parametrize("name", _PDFS)
def test_no_noncharacter_and_the_page_data_points_at_every_character(name: str) -> None:
    """Each test PDF: no noncharacter in the text; each character the page data places is a
    character of the text, at one offset of its own (a dropped hyphen has none), and every
    character of the text but spaces and the footnote marks ``[1]`` is placed."""
    source = pdf_source(name)
    assert source.pdf is not None
    result = layout_pdf(source.pdf, name)
    text = result.built.document.text
    assert NONCHARACTER.search(text) is None
    offsets = [o for _page, placed, _boxes in result.page_data["lines"] for o in placed]  # type: ignore[attr-defined]
    assert len(offsets) == len(set(offsets))
    assert [o for o in offsets if not 0 <= o < len(text) or text[o].isspace()] == []
    placed = set(offsets)
    unplaced = {text[i] for i in range(len(text)) if i not in placed and not text[i].isspace()}
    assert unplaced <= {"[", "]"}


# (As a list: ``st.text`` leaves the noncharacters out.)
_CHARS = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "\x02"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_CHARS)
def test_no_noncharacter_survives_the_layout_of_a_page(text: str) -> None:
    """Whatever characters a PDF's fonts map to, a noncharacter is an unreadable character (like
    U+FFFD), never one of the text."""
    n = len(text)
    boxes = [v for i in range(n) for v in (10.0 * i, 100.0, 10.0 * i + 9, 110.0)]
    page = PdfPage(0, 595, 842, "", text, boxes, [10.0] * n, [400] * n, bytes(n), 0, 0.0)
    chars, _visible, _bad = page_chars(page)
    assert NONCHARACTER.search("".join(c.ch for c in chars)) is None


def test_every_pdf_a_test_imports_is_checked_for_noncharacters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The guard in tests/conftest.py wraps the PDF layout of every test: a PDF imported the
    way the app imports one, whose text comes out with a noncharacter (put there by a broken
    layout step), fails the test that imported it."""
    from reader.importing import pdf_layout

    real = pdf_layout.build_blocks

    def broken(*args: Any, **kwargs: Any) -> list[pdf_layout.PdfBlock]:
        blocks = real(*args, **kwargs)
        blocks[-1].text += "\ufffe"
        return blocks

    monkeypatch.setattr(pdf_layout, "build_blocks", broken)
    with pytest.raises(AssertionError, match=r"U\+FFFE in the text of a PDF"):
        guess(pdf_source(HYPHENS))


def _cjk_line(text: str, gaps: list[float], spaces: list[int], size: float = 12.0) -> Line:
    """A horizontal line of full-width characters ``size`` wide, ``gaps[i]`` before character
    ``i + 1``, with ``spaces[i]`` (Char.space_before) before it."""
    chars, x = [], 60.0
    for i, ch in enumerate(text):
        if i:
            x += gaps[i - 1]
        chars.append(
            Char(ch, x, 700.0, x + size, 700.0 + size, size, 400, 0, spaces[i - 1] if i else 0)
        )
        x += size
    return Line(0, chars)


@settings(max_examples=100, deadline=None)
@given(
    spread=st.floats(0.0, 8.0),
    spaces=st.lists(st.sampled_from([0, 1]), min_size=15, max_size=15),
)
def test_an_evenly_spread_chinese_line_has_no_space(spread: float, spaces: list[int]) -> None:
    """However far a justified line spreads its characters, the spaces PDFium makes up between
    them are none of the text."""
    line = _cjk_line("中俄兩國在北極地區的合作日益密切", [spread] * 15, spaces)
    assert line.text == "中俄兩國在北極地區的合作日益密切"


def test_the_space_drawn_between_chinese_characters_is_the_one_a_reader_sees() -> None:
    """One gap wider than the line's others: about an em, an ideographic space; a quarter of
    one, a space; a tenth, nothing (a producer split its run there). After punctuation, whose
    ink sits at one side of its box, the gap says nothing; a U+3000 the PDF writes stays."""
    text = "甲乙丙丁戊己庚"
    for extra, spaces, expected in [
        (12.0, 1, "甲乙丙\u3000丁戊己庚"),
        (3.0, 1, "甲乙丙 丁戊己庚"),
        (1.2, 1, "甲乙丙丁戊己庚"),
        (12.0, 0, "甲乙丙丁戊己庚"),  # PDFium saw no space there
        (1.2, 3, "甲乙丙\u3000丁戊己庚"),
    ]:
        gaps = [1.0, 1.0, 1.0 + extra, 1.0, 1.0, 1.0]
        line = _cjk_line(text, gaps, [0, 0, spaces, 0, 0, 0])
        assert line.text == expected, (extra, spaces)
        assert line.positions == [i + (i >= 3 and line.text != text) for i in range(7)]
    comma = _cjk_line("甲乙，丁戊", [1.0, 1.0, 8.0, 1.0], [0, 0, 1, 0])
    assert comma.text == "甲乙，丁戊"


def qt_cjk_pdf(path: Path, lines: list[tuple[str, int, str]], leading: int = 18) -> Path:
    """An A4 PDF drawn with QPainter at 72 dpi, as the tester drew theirs: each (font, pixel
    size, text) on a line of its own (``leading`` points below the last), the paragraph lines
    justified in a 432-point box."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    y = 90.0
    for family, size, text in lines:
        font = QFont(family)
        font.setPixelSize(size)
        painter.setFont(font)
        if len(text) > 30:
            flags = Qt.AlignmentFlag.AlignJustify | Qt.TextFlag.TextWordWrap
            box = painter.drawText(QRectF(60, y, 432, 400), flags, text)
            y += box.height() + 16
        else:
            painter.drawText(60, int(y), text)
            y += size + leading
    painter.end()
    del writer
    assert path.read_bytes().startswith(b"%PDF-")
    return path


def test_a_space_drawn_between_chinese_characters_stays(qapp: object, tmp_path: Path) -> None:
    """The tester's author line, 「陳小華　國立測試大學政治學系」 drawn by Qt (which writes no
    space: PDFium makes one up for the gap of one em): the ideographic space stays, and with it
    the author and the affiliation are told apart; so does one inside a paragraph. A narrower
    space drawn between Chinese characters stays a space; the spaces PDFium makes up where
    lines break are none of the text."""
    serif = "Noto Serif CJK TC"
    para = (
        "近年來，中俄兩國在北極地區的合作日益密切，從亞馬爾液化天然氣項目到北方海航道的開發，"
        "雙方皆投入大量資源。本文從地緣政治與能源安全的角度，分析中俄在北極的互動模式及其對區域"
        "秩序的影響，並探討美國與北歐國家的回應。"
    )
    spaced = "甲方 乙方的協議仍待批准，雙方在主權　資源分配與航道管理上的利益分歧將限制合作的深度。"
    path = qt_cjk_pdf(
        tmp_path / "zh.pdf",
        [
            ("Noto Sans CJK TC", 20, "中俄北極合作之研究"),
            (serif, 12, "陳小華　國立測試大學政治學系"),
            (serif, 12, para),
            (serif, 12, spaced),
        ],
    )
    doc = guess(read_source(path)).document
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks] == [
        ("title", "中俄北極合作之研究"),
        ("author", "陳小華"),
        ("affiliation", "國立測試大學政治學系"),
        ("paragraph", para),
        ("paragraph", spaced),
    ]
    assert doc.meta.authors == ("陳小華",)
    assert doc.meta.affiliation == "國立測試大學政治學系"


def test_an_ideographic_space_in_the_pdf_stays() -> None:
    """LibreOffice writes the U+3000 of 「远景论坛　第九十一期」 into the PDF: the running header
    that was dropped reads as printed."""
    preview = guess(pdf_source("libreoffice-sc"))
    assert "远景论坛　第九十一期" in preview.dropped


@pytest.mark.parametrize("name", ["hsu-divergence", "lian-obor"])
def test_justified_chinese_gains_no_space(qapp: object, tmp_path: Path, name: str) -> None:
    """A shipped article printed justified by Qt (the characters of a line spread evenly, more
    where a Latin word or a number went on to the next line): no space between two ideographs
    that the shipped text does not have."""
    from tests.importing.test_pdf_qt import print_pdf

    doc = documents.load_library().get(name)
    body = "".join(f'<p align="justify">{html.escape(doc.block_text(b))}</p>' for b in doc.blocks)
    got = guess(read_source(print_pdf(tmp_path / f"{name}.pdf", body))).document
    between = re.compile(r"(?<=[\u4e00-\u9fff])\s(?=[\u4e00-\u9fff])")
    assert len(got.text) > 1500
    assert len(between.findall(got.text)) == len(between.findall(doc.text))


def _byline_of(text: str) -> list[tuple[str, str]] | None:
    """What :func:`byline` makes of a first-page line printing ``text`` (U+3000 and spaces as
    the PDF writes them, a character 12 points wide)."""
    chars, x, space = [], 60.0, 0
    for ch in text:
        if ch in " \u3000":
            space, x = (3 if ch == "\u3000" else 2), x + (12.0 if ch == "\u3000" else 3.0)
            continue
        chars.append(Char(ch, x, 700.0, x + 12.0, 712.0, 12.0, 400, 0, space))
        space, x = 0, x + 12.0
    block = PdfBlock("paragraph", 0)
    block.add(Line(0, chars))
    assert block.text == text
    parts = byline(block)
    return None if parts is None else [(b.kind, b.text) for b in parts]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "陳小華　國立測試大學政治學系",
            [("author", "陳小華"), ("affiliation", "國立測試大學政治學系")],
        ),
        (
            "陳小華　王大明　國立測試大學政治學系",
            [("author", "陳小華"), ("author", "王大明"), ("affiliation", "國立測試大學政治學系")],
        ),
        (
            "陳小華 王大明 國立政治大學 外交學系 教授",
            [
                ("author", "陳小華"),
                ("author", "王大明"),
                ("affiliation", "國立政治大學 外交學系 教授"),
            ],
        ),
        ("歐陽小華　中央研究院", [("author", "歐陽小華"), ("affiliation", "中央研究院")]),
        (
            "陳小華、王大明　國立政治大學",
            [("author", "陳小華、王大明"), ("affiliation", "國立政治大學")],
        ),
        ("李明　副研究員", [("author", "李明"), ("affiliation", "副研究員")]),
        # A university and its department, a sentence: never a byline.
        ("北京大學　國際關係學院", None),
        ("清華大學 公共管理學院", None),
        ("研究指出 臺灣大學生多數支持", None),
        ("研究指出 臺灣大學生多數支持兩岸交流", None),
        ("本所　研究中心", None),
        ("政治學系　國立政治大學", None),
        ("陳小華國立測試大學政治學系", None),  # no space: nothing to split at
        ("陳小華　國立測試大學政治學系的研究", None),
        ("2023年9月　國立政治大學", None),
        ("Chen Xiaohua 國立政治大學", None),
    ],
)
def test_a_byline_is_split_only_where_names_then_an_affiliation_are_printed(
    text: str, parts: list[tuple[str, str]] | None
) -> None:
    """A first-page line 'name(s), space, affiliation' gives author and affiliation blocks only
    when each name is two to four ideographs with no affiliation word in it and what follows
    ends with one (大學, 學系, 研究院, 中心…) or a title (教授, 研究員…)."""
    assert _byline_of(text) == parts


def test_a_university_and_its_department_stay_one_affiliation(qapp: object, tmp_path: Path) -> None:
    """The reviewer's page: 王大明 alone, then 「北京大學　國際關係學院」: one author, one
    affiliation (not the author 北京大學); a first line that is a sentence is no author."""
    serif = "Noto Serif CJK TC"
    body = "本文探討中俄兩國在北極地區的合作模式與其影響，並分析雙方的利益分歧與合作的限制。"
    path = qt_cjk_pdf(
        tmp_path / "byline.pdf",
        [
            ("Noto Sans CJK TC", 20, "中俄北極合作之研究"),
            (serif, 12, "王大明"),
            (serif, 12, "北京大學　國際關係學院"),
            (serif, 12, body),
        ],
    )
    doc = guess(read_source(path)).document
    assert doc.meta.authors == ("王大明",)
    assert doc.meta.affiliation == "北京大學　國際關係學院"
    two = qt_cjk_pdf(
        tmp_path / "two.pdf",
        [
            ("Noto Sans CJK TC", 20, "中俄北極合作之研究"),
            (serif, 12, "陳小華　王大明　國立測試大學政治學系"),
            (serif, 12, body),
        ],
    )
    doc = guess(read_source(two)).document
    assert doc.meta.authors == ("陳小華", "王大明")
    assert doc.meta.affiliation == "國立測試大學政治學系"


def qt_spaced_pdf(path: Path, rows: list[list[tuple[str, float]]], size: int = 12) -> Path:
    """An A4 PDF drawn with QPainter at 72 dpi, as the reviewer drew theirs: each row a line 20
    points below the last, each (character, advance) drawn on its own and the pen moved on by
    the advance (letterspacing, as a producer that places every character does)."""
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont("Noto Serif CJK TC")
    font.setPixelSize(size)
    painter.setFont(font)
    y = 90.0
    for row in rows:
        x = 60.0
        for ch, advance in row:
            painter.drawText(int(x), int(y), ch)
            x += advance
        y += 20
    painter.end()
    del writer
    return path


def _evenly(text: str, step: float) -> list[tuple[str, float]]:
    return [(ch, step) for ch in text]


def test_letterspacing_makes_no_space_between_chinese_characters(
    qapp: object, tmp_path: Path
) -> None:
    """The reviewer's lines: a two-character heading set wide (前言, a character every 30 or 24
    points) is 前言, and search finds it; a line spread evenly (a character every 12.5 to 16
    points at 12) gains no space beside a narrow glyph (卜, 丨, 一 leave much of their box
    empty); a gap an em wider than the line's others is still a U+3000 there."""
    letters = "本項目的目的與日月川上一二三小卜人入八丨目標明日卜卜一丨"
    rows = [_evenly("前言", 30.0), _evenly("結論", 24.0)]
    rows += [_evenly(letters, step) for step in (12.5, 13.5, 14.5, 16.0)]
    wide = _evenly("甲乙丙丁戊己庚", 14.0)
    wide[2] = ("丙", 26.0)  # an em more after 丙
    rows.append(wide)
    path = qt_spaced_pdf(tmp_path / "spaced.pdf", rows)
    doc = guess(read_source(path)).document
    texts = [doc.block_text(b) for b in doc.blocks]
    assert texts[:2] == ["前言", "結論"]
    assert "".join(texts[2:]) == letters * 4 + "甲乙丙\u3000丁戊己庚"


def test_a_two_character_line_measures_its_gap_against_itself() -> None:
    """A line of two characters has no other gap to compare with: its own is the usual one
    (an ideographic space the PDF writes stays)."""
    assert _cjk_line("前言", [18.0], [1]).text == "前言"
    assert _cjk_line("前言", [18.0], [3]).text == "前\u3000言"


def test_a_narrow_glyph_is_measured_by_its_place_not_its_ink() -> None:
    """卜's ink fills a third of its box: the gap to its ink is no gap between the characters,
    whose boxes sit evenly one em apart."""
    chars = []
    for i, ch in enumerate("本項目小卜人入八目標明日"):
        x = 60.0 + 13.0 * i
        ink = (x + 4.0, x + 8.0) if ch == "卜" else (x + 0.5, x + 11.5)
        char = Char(ch, ink[0], 700.0, ink[1], 712.0, 12.0, 400, 0, 1 if i else 0)
        char.ax0, char.ax1 = x, x + 12.0
        chars.append(char)
    assert Line(0, chars).text == "本項目小卜人入八目標明日"

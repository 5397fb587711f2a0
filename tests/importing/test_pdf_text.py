"""The characters of an imported PDF's text, as a careful reader of the page reads them: a word
cut at a line end is one word again (PDFium reports every hyphen ending a line between two
letters as a soft one, U+FFFE, a real one as much as a cut word), a real hyphen stays; no
noncharacter reaches the text, and the page data points at the very characters of the text."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importing import guess
from reader.importing.pdf import layout_pdf
from reader.importing.pdf_extract import PdfPage, extract
from reader.importing.pdf_layout import cut_word, page_chars
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
        ("careful structures man", "agement, and", {}, True),
        ("if an element is OP", "TIONAL and", {}, True),  # TeX cuts capitals too
        ("the long and busy China", "Russia border", {}, False),
        ("the many non", "English languages", {}, False),
        ("the spread of COVID", "19 that", {}, False),
        ("a dash ", "and", {}, False),
        ("every single record, a well", "known practice", {"well-known": 1}, False),
        ("the Sino", "Russian treaty", {"sinorussian": 2, "sino-russian": 1}, True),
        ("a sign of trust and friend", "ship between", {"friend-ship": 0}, True),
    ],
)
def test_a_careful_reader_tells_a_cut_word_from_a_hyphenated_one(
    before: str, after: str, words: dict[str, int], cut: bool
) -> None:
    assert cut_word(before, after, Counter(words)) is cut


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


def test_every_pdf_a_test_imports_is_checked_for_noncharacters() -> None:
    """The guard in tests/conftest.py wraps the PDF layout of every test: a text with a
    noncharacter fails the test that imported it."""
    from reader.importing import pdf

    assert getattr(pdf.layout_pdf, "checks_noncharacters", False)

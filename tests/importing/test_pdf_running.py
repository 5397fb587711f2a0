"""Running headers and footers of PDFs drawn by Qt's ``QPainter`` (as a tester drew theirs): the
printed page number is the number that stands alone at the page's edge and goes up by one from
page to page, never the volume, issue or year a journal's running header repeats on every page;
a Chinese section heading at the top of a page starts its own block."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader import documents
from reader.importing import guess, read_source
from reader.importing.pdf_extract import extract
from reader.importing.pdf_layout import Char, Line, _page_numbers, edge_numbers
from reader.radicals import unify
from tests.cli_helpers import meipi
from tests.importing.pdf_helpers import squeeze

FONT = "Noto Serif CJK TC"
ARTICLE = (
    ("中俄能源合作的再檢視", "張三", "壹、前言"),
    (
        "俄羅斯與中國的能源合作始於一九九〇年代。普丁政府在二〇〇八年後加速東向政策，"
        "哈薩克與土庫曼的天然氣管線改變了中亞的能源版圖。",
        "貳、區域性合作",
        "區域性的多邊機制包括上海合作組織。喬治亞戰爭之後，俄方更重視與中國的戰略協調。",
    ),
    ("參、結論", "雙方的合作仍受制於價格分歧與互信不足。"),
)


def draw_pdf(
    path: Path,
    pages: tuple[tuple[str, ...], ...],
    headers: list[str | None],
    footers: list[str | None],
) -> Path:
    """An A4 PDF whose pages hold ``pages``' lines (12 pt, wrapped), a 9 pt running header
    and footer centred at the top and foot of each."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    centre = Qt.AlignmentFlag.AlignCenter
    for i, lines in enumerate(pages):
        if i:
            writer.newPage()
        painter.setFont(QFont(FONT, 9))
        if headers[i]:
            painter.drawText(QRectF(50, 20, 495, 20), centre, headers[i] or "")
        painter.setFont(QFont(FONT, 12))
        y = 80.0
        for line in lines:
            box = painter.drawText(QRectF(60, y, 475, 400), Qt.TextFlag.TextWordWrap, line)
            y += box.height() + 16
        painter.setFont(QFont(FONT, 9))
        if footers[i]:
            painter.drawText(QRectF(50, 800, 495, 20), centre, footers[i] or "")
    painter.end()
    del writer
    assert path.read_bytes().startswith(b"%PDF-")
    return path


def _labels(path: Path) -> list[str]:
    doc = guess(read_source(path)).document
    return [page.printed for page in doc.pages]


VOLUME = "問題與研究 第 62 卷第 3 期"


@pytest.mark.parametrize(
    ("header", "footer"),
    [
        (VOLUME, "{n}"),
        (VOLUME, "— {n} —"),
        (VOLUME, "- {n} -"),
        (VOLUME, "第 {n} 頁"),
        (VOLUME, "{n} / 180"),
        ("遠景論壇 2023 年 9 月", "{n}"),
        ("問題與研究 第62卷 第3期 2023年9月", "{n}"),
        ("問題與研究 62 卷 3 期", "{n}"),
        (VOLUME + "   {n}", None),  # the number in the running header, going up
    ],
)
def test_the_page_number_is_the_one_that_goes_up(
    qapp: object, tmp_path: Path, header: str, footer: str | None
) -> None:
    headers: list[str | None] = [header.format(n=101 + i) for i in range(3)]
    footers = [None if footer is None else footer.format(n=101 + i) for i in range(3)]
    path = draw_pdf(tmp_path / "article.pdf", ARTICLE, headers, footers)
    assert _labels(path) == ["101", "102", "103"]


def test_a_volume_in_the_header_is_no_page_number_even_without_one(
    qapp: object, tmp_path: Path
) -> None:
    """No page number printed: the volume the header repeats does not become one."""
    path = draw_pdf(tmp_path / "article.pdf", ARTICLE, [VOLUME] * 3, [None] * 3)
    assert _labels(path) == ["1", "2", "3"]


def test_a_one_page_pdf_takes_its_footer_not_its_volume(qapp: object, tmp_path: Path) -> None:
    pages = (ARTICLE[0] + ARTICLE[1],)
    path = draw_pdf(tmp_path / "article.pdf", pages, [VOLUME], ["101"])
    assert _labels(path) == ["101"]


def test_exports_cite_the_printed_pages_not_the_volume(qapp: object, tmp_path: Path) -> None:
    """The tester's case end to end: ``meipi annotate`` on the last page, then the export."""
    footers: list[str | None] = [str(101 + i) for i in range(3)]
    path = draw_pdf(tmp_path / "energy.pdf", ARTICLE, [VOLUME] * 3, footers)
    assert meipi("import", str(path), "--id", "energy").code == 0
    done = meipi("annotate", "energy", "--quote", "互信不足")
    assert done.code == 0, done.err
    found = json.loads(meipi("annotations", "energy", "--json").out)["annotations"]
    assert [a["pages"] for a in found] == [[103, 103]]
    exported = meipi("export", "--format", "markdown", "--doc", "energy").out
    assert re.findall(r"pp?\\?\. ([\d–]+)", exported) == ["103"]  # Markdown escapes the dot


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("101", [("101", True)]),
        ("— 101 —", [("101", True)]),
        ("xii", [("xii", True)]),
        ("第 101 頁", [("101", True)]),
        ("101 / 180", [("101", True)]),
        ("Page 101 of 180", [("101", True)]),
        ("問題與研究 第 62 卷第 3 期", []),
        ("Issues & Studies Vol. 62, No. 3", []),
        ("遠景論壇 2023 年 9 月", []),
        ("問題與研究 第 62 卷第 3 期 101", [("101", False)]),
        ("問題與研究 第 101 頁", [("101", True)]),
    ],
)
def test_the_numbers_an_edge_line_may_print_as_its_page(
    text: str, numbers: list[tuple[str, bool]]
) -> None:
    assert edge_numbers(text) == numbers


def _line(page: int, text: str) -> Line:
    """A horizontal line of ``text`` (spaces between its words) at the top of a page."""
    chars: list[Char] = []
    space = 0
    for i, ch in enumerate(text):
        if ch == " ":
            space = 2
            continue
        chars.append(Char(ch, 10.0 * i, 800.0, 10.0 * i + 9, 809.0, 9.0, 400, 0, space))
        space = 0
    return Line(page, chars)


@given(
    volume=st.integers(1, 200),
    issue=st.integers(1, 12),
    first=st.integers(1, 900),
    count=st.integers(2, 12),
    venue=st.sampled_from(["問題與研究", "Issues & Studies", "遠景論壇"]),
    style=st.sampled_from(["{v} 卷 {i} 期", "第 {v} 卷第 {i} 期", "Vol. {v}, No. {i}"]),
    footer=st.sampled_from(["{n}", "- {n} -", "第 {n} 頁", "{n} / 999", None]),
)
def test_a_header_repeating_a_number_never_numbers_the_pages(
    volume: int,
    issue: int,
    first: int,
    count: int,
    venue: str,
    style: str,
    footer: str | None,
) -> None:
    """Whatever the volume and issue: the footer's numbers when it prints them, else none."""
    header = f"{venue} {style.format(v=volume, i=issue)}"
    running = [(page, _line(page, header), "top") for page in range(count)]
    if footer is not None:
        running += [
            (page, _line(page, footer.format(n=first + page)), "bottom") for page in range(count)
        ]
    expected = [None if footer is None else str(first + page) for page in range(count)]
    assert _page_numbers(count, running) == expected


def _blocks(path: Path) -> list[tuple[str, int, str]]:
    doc = guess(read_source(path)).document
    return [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]


def test_a_heading_at_the_top_of_a_page_starts_its_own_block(qapp: object, tmp_path: Path) -> None:
    """The tester's article: every line at the body's size and weight. The paragraph that fills
    page 2's last line and ends its sentence is not continued by page 3's 「參、結論」; the
    numbered section headings are headings (the plain-text import's numbering rule), the first
    line the title and the short one under it the author."""
    footers: list[str | None] = [str(101 + i) for i in range(3)]
    path = draw_pdf(tmp_path / "energy.pdf", ARTICLE, [VOLUME] * 3, footers)
    blocks = _blocks(path)
    assert blocks == [
        ("title", 0, ARTICLE[0][0]),
        ("author", 0, ARTICLE[0][1]),
        ("heading", 1, "壹、前言"),
        ("paragraph", 0, ARTICLE[1][0]),
        ("heading", 1, "貳、區域性合作"),
        ("paragraph", 0, ARTICLE[1][2]),
        ("heading", 1, "參、結論"),
        ("paragraph", 0, ARTICLE[2][1]),
    ]
    doc = guess(read_source(path)).document
    assert doc.meta.title == ARTICLE[0][0]
    assert doc.meta.authors == ("張三",)


def test_meipi_search_no_longer_finds_the_glued_heading(qapp: object, tmp_path: Path) -> None:
    footers: list[str | None] = [str(101 + i) for i in range(3)]
    path = draw_pdf(tmp_path / "energy.pdf", ARTICLE, [VOLUME] * 3, footers)
    assert meipi("import", str(path), "--id", "energy").code == 0
    found = json.loads(meipi("search", "協調。參", "--json").out)["matches"]
    assert found == []
    outline = json.loads(meipi("text", "energy", "--json").out)
    text = outline["text"]
    headings = [text[b["start"] : b["end"]] for b in outline["blocks"] if b["kind"] == "heading"]
    assert headings == ["壹、前言", "貳、區域性合作", "參、結論"]


def test_a_line_numbered_inside_a_paragraph_stays_in_it(qapp: object, tmp_path: Path) -> None:
    """A wrapped line that happens to begin with 一、 after a line that did not end its sentence
    continues the paragraph: only a short line standing alone is a heading."""
    first = "合作的領域可分為兩類：其一為能源與基礎建設，其二為金融與貿易，以下依序說明兩者"
    pages = ((first + "一、能源合作", "二、金融合作的進展。"),)
    path = draw_pdf(tmp_path / "list.pdf", pages, [None], ["1"])
    lines = unify(extract(path.read_bytes(), path.name).pages[0].text)[0].splitlines()
    assert "一、能源合作" in lines  # wrapped there, on a line of its own
    blocks = _blocks(path)
    assert [kind for kind, _, _ in blocks] == ["paragraph", "paragraph"]
    assert blocks[0][2] == first + "一、能源合作"


def test_a_shipped_article_printed_at_one_size_keeps_its_structure(
    qapp: object, tmp_path: Path
) -> None:
    """lian-obor's blocks printed by Qt, every one a plain paragraph at 11 pt (no size, no
    weight to go by): its numbered headings come back as headings at their levels, and its
    title, English title and author as the plain-text import finds them."""
    from tests.importing.test_pdf_qt import print_pdf

    doc = documents.load_library().get("lian-obor")
    body = "".join(f"<p>{html.escape(doc.block_text(b))}</p>" for b in doc.blocks)
    got = guess(read_source(print_pdf(tmp_path / "lian-obor.pdf", body))).document

    def kinds(d: documents.Document, *which: str) -> list[tuple[str, int, str]]:
        return [(b.kind, b.level, d.block_text(b)) for b in d.blocks if b.kind in which]

    assert kinds(got, "heading") == kinds(doc, "heading")
    # No paragraph is cut where Qt carried a character on with the punctuation that may not
    # begin a line (「…夥伴關」 | 「係」、…」, 「…300 億立方」 | 「米，…」).
    # (Spaces aside: a space Qt broke a line at is not in the PDF: "2003 年 5|月".)
    paragraphs = [(k, lv, squeeze(t)) for k, lv, t in kinds(got, "paragraph")]
    assert paragraphs == [(k, lv, squeeze(t)) for k, lv, t in kinds(doc, "paragraph")]
    front = ("title", "subtitle", "author")
    assert kinds(got, *front) == kinds(doc, *front)
    assert got.meta.title == doc.meta.title


def test_unnumbered_headings_standing_alone_are_headings(qapp: object, tmp_path: Path) -> None:
    """hsu-divergence printed at one size: its two unnumbered section headings, short lines
    without a sentence's end between finished paragraphs and running text, are headings (the
    plain-text rule). So is the publisher's name heading the colophon page: the PDF import has
    no back matter (the shipped text's colophon is ``backmatter``)."""
    from tests.importing.test_pdf_qt import print_pdf

    doc = documents.load_library().get("hsu-divergence")
    body = "".join(f"<p>{html.escape(doc.block_text(b))}</p>" for b in doc.blocks)
    got = guess(read_source(print_pdf(tmp_path / "hsu.pdf", body))).document
    shipped = [doc.block_text(b) for b in doc.blocks if b.kind == "heading"]
    found = [got.block_text(b) for b in got.blocks if b.kind == "heading"]
    assert len(shipped) == 2
    assert found == [*shipped, "財團法人兩岸交流遠景基金會"]
    assert got.meta.title == doc.meta.title and got.meta.authors == doc.meta.authors

"""PDFs printed by Qt (a ``QTextDocument`` through ``QPdfWriter``, as a tester made theirs), made
here by each test: Qt writes at 1200 dpi, so an 11 pt font is ``183 Tf`` under a 0.06 page
matrix (PDFium's font size alone made every line look 183 pt high, and the whole page one line);
it prints a page number at the foot of each page, and with the Noto CJK fonts it writes many
ideographs as Kangxi radicals (⽇ for 日, ⼩ for 小)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader import documents
from reader.importing import guess, read_source
from reader.importing.pdf_extract import extract
from reader.radicals import unify
from tests.cli_helpers import meipi

TITLE = "北極合作研究"
AUTHOR = "王小明"


def _paragraphs(count: int) -> list[str]:
    """Paragraphs of many lengths made of the shipped articles' sentences (real text), Chinese
    only: no Latin letters, which Qt may set in a fallback font, and no spaces."""
    sentences: list[str] = []
    for doc in documents.load_library():
        for block in doc.blocks:
            if block.kind != "paragraph":
                continue
            for sentence in re.findall(r"[^。]+。", doc.block_text(block)):
                if 12 <= len(sentence) <= 120 and not re.search(r"[A-Za-z\s]", sentence):
                    sentences.append(sentence)
    paragraphs: list[str] = []
    at = 0
    for i in range(count):
        take = (1, 2, 3, 1, 2, 4)[i % 6]
        paragraphs.append("".join(sentences[at : at + take]))
        at += take
    assert at <= len(sentences)
    return paragraphs


def print_pdf(path: Path, html: str) -> Path:
    """``html`` printed to an A5 PDF by Qt, in Noto Serif CJK TC 11 pt."""
    from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    document = QTextDocument()
    document.setDefaultFont(QFont("Noto Serif CJK TC", 11))
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is finished when the writer goes
    assert path.read_bytes().startswith(b"%PDF-")
    return path


@pytest.fixture
def article(qapp: object, tmp_path: Path) -> tuple[Path, list[str]]:
    paras = _paragraphs(24)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return print_pdf(tmp_path / "article.pdf", f"<h1>{TITLE}</h1><p>{AUTHOR}</p>{body}"), paras


def test_font_sizes_are_the_printed_ones(article: tuple[Path, list[str]]) -> None:
    path, _ = article
    content = extract(path.read_bytes(), path.name)
    sizes = sorted(
        size
        for page in content.pages
        for ch, size in zip(page.text, page.sizes, strict=True)
        if not ch.isspace()
    )
    body = sizes[len(sizes) // 2]
    assert 10.5 < body < 11.5  # not 183
    assert 20 < sizes[-1] < 24  # the <h1>


def test_a_single_column_qt_pdf_reads_as_printed(article: tuple[Path, list[str]]) -> None:
    """Title, author, then every paragraph once, whole and in order; the page numbers Qt
    prints are removed (and said so), not left inside the text; a paragraph that runs over a
    page break stays one, and one that ends at the foot of a page is not joined to the next."""
    path, paras = article
    preview = guess(read_source(path))
    doc = preview.document
    blocks = [(b.kind, doc.block_text(b)) for b in doc.blocks]
    assert blocks == [("title", TITLE), ("author", AUTHOR)] + [("paragraph", p) for p in paras]
    assert len(doc.pages) >= 4
    assert sorted(preview.dropped, key=int) == [str(n) for n in range(1, len(doc.pages) + 1)]
    # Both page-break cases happen in this PDF (else the test would prove less than it says).
    starts = [p.start for p in doc.pages[1:]]
    inside = [s for s in starts if any(b.start < s < b.end for b in doc.blocks)]
    between = [s for s in starts if any(s == b.start for b in doc.blocks)]
    assert inside and between


def test_a_url_wrapped_to_the_next_line_stays_in_its_sentence(qapp: object, tmp_path: Path) -> None:
    """Qt cannot break a URL, so it leaves the line short and puts the URL on the next one: a
    short line there is no paragraph's end."""
    # (No digits: Qt writes wrong ones into the text layer of the fallback Latin font.)
    url = "https://www.example.org/archive/sino-russian-relations/kazan-summit/statement.html"
    first = "二〇二四年金磚國家峰會於俄羅斯喀山舉行，最受矚目的是兩國元首的會面。（圖片來源："
    paragraph = f"{first}{url}）會後雙方發表聯合聲明，強調在能源與航運上深化合作。"
    other = "北極航道的開發成為兩國合作的新焦點，區域性的影響不容忽視。"
    path = print_pdf(tmp_path / "url.pdf", f"<p>{paragraph}</p><p>{other}</p>")
    lines = extract(path.read_bytes(), path.name).pages[0].text.split("\r\n")
    assert any(line.endswith("https://") for line in lines)  # the URL went to the next line
    doc = guess(read_source(path)).document
    assert [doc.block_text(b) for b in doc.blocks] == [paragraph, other]


def test_radicals_qt_writes_for_ideographs_are_mapped_and_counted(
    article: tuple[Path, list[str]],
) -> None:
    """The PDF holds Kangxi radicals where the page shows 日, 小 …; the imported text holds the
    ideographs, and the import summary says how many were mapped."""
    path, paras = article
    content = extract(path.read_bytes(), path.name)
    written = 0  # on the page: Qt also draws a line cut by a page break above the next page
    for page in content.pages:
        assert page.box is not None
        left, bottom, right, top = page.box
        for i, ch in enumerate(page.text):
            x0, y0, x1, y1 = page.boxes[4 * i : 4 * i + 4]
            on_page = left <= (x0 + x1) / 2 <= right and bottom <= (y0 + y1) / 2 <= top
            if on_page:
                written += unify(ch)[1]
    assert written > 0  # Qt and Noto still write radicals: what this test is about
    preview = guess(read_source(path))
    assert preview.radicals == written  # no radical was on a dropped line (page numbers)
    assert unify(preview.document.text)[1] == 0
    done = meipi("import", str(path))
    assert done.code == 0, done.err
    noun = "radical" if written == 1 else "radicals"
    assert (
        f"  mapped:     {written} {noun} written for ideographs (⽇ for 日) to the ideographs"
        in done.out.splitlines()
    )
    text = meipi("text", "article").out
    assert paras[0] in text

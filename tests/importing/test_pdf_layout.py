"""From a PDF's characters to blocks (``reader.importing.pdf_layout``): vertical text read top to
bottom and right to left, CJK lines joined without spaces, English lines with one."""

from __future__ import annotations

import re

from reader.importing import guess, read_source
from tests.importing.pdf_helpers import DATA, expected_of, imported, squeeze


def test_vertical_text_page_reads_top_to_bottom_right_to_left() -> None:
    expected = expected_of("libreoffice-sc")
    doc = imported("libreoffice-sc")
    assert squeeze(expected["vertical"]) in squeeze(doc.text)


def test_cjk_lines_join_without_spaces() -> None:
    doc = imported("libreoffice-sc")
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", doc.text)


def test_english_lines_keep_the_space_a_libreoffice_line_break_left_out() -> None:
    """LibreOffice writes the space a line breaks at, but not always ("North|Atlantic" at a full
    line): outside Chinese text the lines still join with a space. Made with ``soffice --headless
    --convert-to pdf libreoffice-en-mixed.txt``."""
    source = (DATA / "libreoffice-en-mixed.txt").read_text(encoding="utf-8")
    text = guess(read_source(DATA / "libreoffice-en-mixed.pdf")).document.text
    words = set(re.findall(r"[A-Za-z]+", source))
    found = re.findall(r"[A-Za-z]+", text)
    assert len(found) == len(re.findall(r"[A-Za-z]+", source))
    assert [w for w in found if w not in words] == []

"""From a PDF's characters to blocks (``reader.importing.pdf_layout``): vertical text read top to
bottom and right to left, CJK lines joined without spaces, English lines with one; a table of
contents one line per entry, numbered questions as headings."""

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


def test_a_table_of_contents_keeps_one_line_per_entry() -> None:
    """Dot leaders make each entry a line of its own ending in its page number; a section's
    row keeps its page number beside it (not at the start of the next entry); the numbered
    questions are headings under their sections; every answer is kept once."""
    expected = expected_of("xelatex-faq")
    doc = imported("xelatex-faq")
    texts = [doc.block_text(b) for b in doc.blocks]
    kinds = {doc.block_text(b): (b.kind, b.level) for b in doc.blocks}
    assert kinds[expected["title"]] == ("title", 0)
    assert kinds["目錄"] == ("heading", 1)  # the contents begin: not taken for an author
    for kind, entry, page in expected["toc"]:
        if kind == "section":
            assert f"{entry} {page}" in texts
            continue
        (line,) = [t for t in texts if t.startswith(entry) and t != entry]  # not the heading
        assert re.fullmatch(re.escape(entry) + r"\s*\.{10,}\s*" + page, line), line
    for section in expected["sections"]:
        assert kinds[section] == ("heading", 1)
    for question in expected["questions"]:
        assert kinds[question] == ("heading", 2)
    answers = [t for t in texts if kinds[t] == ("paragraph", 0) and not t[:1].isascii()]
    assert squeeze("".join(answers)) == squeeze("".join(expected["answers"]))


def test_a_bold_number_starting_a_sentence_is_no_question() -> None:
    """Only a number and a space before words makes a bold line a heading: not a quantity or
    a date ("2 月", "3 %")."""
    from reader.importing.pdf_layout import _bare_numbered

    assert _bare_numbered("12 如何升級現有的宏包？") == (6, 1)
    assert _bare_numbered("2 月 3 日，兩國簽約") is None
    assert _bare_numbered("3 % 的成長") is None
    assert _bare_numbered("2024 年") is None

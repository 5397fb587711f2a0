"""Importing PDFs: the test PDFs in tests/data/pdf were typeset from text the generator knows
(make_pdfs.py, which also wrote each *.expected.json), so every body character can be checked
to be kept exactly once and in order, and every running header and page number to be gone."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import documents
from reader.errors import InputError
from reader.importing import Overrides, guess, read_source, save
from reader.importing.pdf import page_numbers
from reader.importing.pdf_extract import PasswordRequired
from tests.cli_helpers import meipi
from tests.importing.pdf_helpers import (
    DATA,
    PRODUCERS,
    expected_of,
    image_only_pdf,
    imported,
    pdf_source,
    squeeze,
)

_MARKER = re.compile(r"\[(\d{1,3})\]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.,-]*(?: [A-Za-z0-9][A-Za-z0-9'’.,-]*)*")


def _unmarked(text: str) -> str:
    """The source writes a footnote reference as its bare number; the import marks it ``[1]``."""
    return _MARKER.sub(r"\1", text)


def _body_and_notes(doc: documents.Document) -> tuple[str, str]:
    body = "".join(doc.block_text(b) for b in doc.blocks if b.kind != "note")
    notes = "".join(doc.block_text(b) for b in doc.blocks if b.kind == "note")
    return body, notes


@pytest.mark.parametrize("name", PRODUCERS)
def test_every_body_character_is_kept_once_in_order(name: str) -> None:
    expected = expected_of(name)
    doc = imported(name)
    body, notes = _body_and_notes(doc)
    assert squeeze(_unmarked(body)) == squeeze("".join(expected["body"]))
    assert squeeze(notes) == squeeze("".join(expected["notes"]))


@pytest.mark.parametrize("name", PRODUCERS)
def test_latin_words_keep_their_spaces_exactly(name: str) -> None:
    """Every run of Latin words (spaces kept) is one the source has: no space made up inside a
    word ("New Thinki ng", "AII B" where LibreOffice wraps a word inside Chinese text) and
    none lost between words (TeX lines that break at a space)."""
    expected = expected_of(name)
    source = " ".join([*expected["body"], *expected["notes"]])
    source_runs = set(_LATIN_RUN.findall(re.sub(r"\s+", " ", source)))
    doc = imported(name)
    runs = _LATIN_RUN.findall(_unmarked(doc.text))
    assert len(runs) > 10
    assert [r for r in runs if r not in source_runs] == []


@pytest.mark.parametrize("name", PRODUCERS)
def test_footnote_references_are_marked_not_glued_to_the_text(name: str) -> None:
    """A small raised number in the body is the note's reference (``較為謹慎[2]，``): one per
    note, in the notes' order, where the source has it; no other digit is taken for one."""
    expected = expected_of(name)
    source = squeeze("".join(expected["body"]))
    doc = imported(name)
    body, _notes = _body_and_notes(doc)
    numbers = [int(n) for n in _MARKER.findall(body)]
    assert numbers == list(range(1, len(expected["notes"]) + 1))
    for m in _MARKER.finditer(body):
        around = _unmarked(body[max(0, m.start() - 4) : m.end() + 3])
        assert squeeze(around) in source, around
    # A note begins with its own number, unmarked.
    notes = [doc.block_text(b) for b in doc.blocks if b.kind == "note"]
    assert [n[: len(str(k))] for k, n in enumerate(notes, 1)] == [
        str(k) for k in range(1, len(notes) + 1)
    ]


@pytest.mark.parametrize("name", PRODUCERS)
def test_running_headers_and_page_numbers_are_dropped(name: str) -> None:
    expected = expected_of(name)
    doc = imported(name)
    source = squeeze("".join(expected["body"]))
    text = squeeze(doc.text)
    for running in expected["running"]:
        # The first page's title may read like the running header: only the source's count.
        assert text.count(squeeze(running)) == source.count(squeeze(running)), running
    for block in doc.blocks:
        assert not re.fullmatch(r"[-–—\s]*\d{1,4}[-–—\s]*", doc.block_text(block))


def test_pdf_page_labels_give_roman_front_matter_and_printed_numbers() -> None:
    doc = imported("xelatex-tc")
    assert [p.printed for p in doc.pages] == ["i", "45", "46", "47"]
    assert [p.printed_number for p in doc.pages] == [None, 45, 46, 47]
    # The texts/ format keeps them: page iv lines read back as the same pages.
    again = documents.loads(documents.dumps(doc), shipped=False)
    assert again.pages == doc.pages


def test_page_numbers_in_footers_when_the_pdf_has_no_labels() -> None:
    doc = imported("libreoffice-sc")
    assert [p.printed for p in doc.pages] == ["12", "13", "14", "15", "16"]
    # --first-page says otherwise: the user wins.
    assert [p.number for p in imported("libreoffice-sc", Overrides(first_page=3)).pages] == [
        3,
        4,
        5,
        6,
        7,
    ]


def test_structure_headings_notes_captions_title_block() -> None:
    expected = expected_of("xelatex-tc")
    doc = imported("xelatex-tc")
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:4] == ["title", "subtitle", "author", "affiliation"]
    assert doc.meta.title == "中俄戰略利益的分歧與合作"
    assert doc.meta.authors == ("許菁芸",)
    headings = [doc.block_text(b) for b in doc.blocks if b.kind == "heading"]
    assert headings == expected["headings"]
    captions = [doc.block_text(b) for b in doc.blocks if b.kind == "caption"]
    assert [squeeze(c) for c in captions] == [squeeze(c) for c in expected["captions"]]
    assert kinds.count("note") == len(expected["notes"])


def test_a_user_password_is_refused_and_an_owner_password_is_not(tmp_path: Path) -> None:
    with pytest.raises(PasswordRequired) as refused:
        read_source(DATA / "user-password.pdf")
    assert "password" in str(refused.value)
    with pytest.raises(PasswordRequired) as wrong:
        read_source(DATA / "user-password.pdf", password="not it")
    assert wrong.value.wrong
    opened = guess(read_source(DATA / "user-password.pdf", password="secret")).document
    assert "中俄战略利益的分歧与合作" in opened.text
    owner_only = guess(read_source(DATA / "owner-password.pdf")).document
    assert owner_only.text == opened.text
    r = meipi("import", str(DATA / "user-password.pdf"))
    assert r.code == 2 and "password" in r.err and "Traceback" not in r.err


def test_a_scanned_pdf_is_refused_saying_what_would_help(tmp_path: Path) -> None:
    scanned = tmp_path / "scan.pdf"
    image_only_pdf(scanned)
    r = meipi("import", str(scanned))
    assert r.code == 2
    assert "scanned" in r.err and "OCR" in r.err and "page 1" in r.err
    assert "Traceback" not in r.err


def test_a_pdf_with_one_scanned_page_imports_the_rest_and_says_which(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.pdf"
    image_only_pdf(mixed, after=DATA / "libreoffice-sc.pdf")
    preview = guess(read_source(mixed))
    assert any("page 6" in w and "scanned" in w and "OCR" in w for w in preview.warnings)
    expected = expected_of("libreoffice-sc")
    body, _notes = _body_and_notes(preview.document)
    assert squeeze(_unmarked(body)) == squeeze("".join(expected["body"]))
    r = meipi("import", str(mixed))
    assert r.code == 0 and "scanned" in r.err


def test_a_font_without_unicode_mapping_is_refused(tmp_path: Path) -> None:
    """Text drawn in a font whose codes map to nothing readable (control characters)."""
    stream = b"BT /F1 24 Tf 72 700 Td (\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding << /Differences [1 /g1 /g2 /g3 /g4 /g5 /g6 /g7 /g8 /g9 /g10 /g11 /g12 "
        b"/g13 /g14] >> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(bytes(out))
    r = meipi("import", str(path))
    assert r.code == 2, r.out
    assert "Unicode" in r.err and "another copy" in r.err


def test_a_damaged_pdf_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj garbage")
    r = meipi("import", str(path))
    assert r.code == 2 and "damaged" in r.err and "Traceback" not in r.err


def test_saving_keeps_the_pdf_and_where_each_line_is() -> None:
    preview = guess(pdf_source("xelatex-tc"))
    doc = save(preview)
    assert doc.path is not None
    from reader.importing.pdf import original_of, page_data_of

    original = original_of(doc.id)
    assert original is not None and original.read_bytes() == (DATA / "xelatex-tc.pdf").read_bytes()
    data = page_data_of(doc.id)
    assert data is not None
    heading = next(b for b in doc.blocks if b.kind == "heading")
    page, boxes = data.boxes(heading.start, heading.end)
    assert page == 1 and len(boxes) >= 1
    # Removing the text removes what was kept with it.
    from reader.importing import remove

    remove(doc.id)
    assert original_of(doc.id) is None and page_data_of(doc.id) is None
    assert sorted(p.name for p in doc.path.parent.iterdir()) == []


def test_import_from_the_command_line_reports_pages_and_labels() -> None:
    r = meipi("import", str(DATA / "xelatex-tc.pdf"))
    assert r.code == 0, r.err
    assert "PDF" in r.out
    data = meipi("text", "xelatex-tc", "--json").json()
    assert data["pages"][0] == {"number": None, "label": "i", "start": 0}
    assert data["pages"][1]["label"] == "45" and data["pages"][1]["number"] == 45


@pytest.mark.slow
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("xelatex", "soffice", "qpdf")),
    reason="needs xelatex, LibreOffice and qpdf (the committed PDFs are checked without them)",
)
def test_regenerated_pdfs_import_as_expected(tmp_path: Path) -> None:
    env = dict(os.environ)
    subprocess.run(
        [sys.executable, str(DATA / "make_pdfs.py"), str(tmp_path), "--small"], check=True, env=env
    )
    for name in PRODUCERS:
        expected = json.loads((tmp_path / f"{name}.expected.json").read_text(encoding="utf-8"))
        doc = guess(read_source(tmp_path / f"{name}.pdf")).document
        body, notes = _body_and_notes(doc)
        assert squeeze(_unmarked(body)) == squeeze("".join(expected["body"]))
        assert squeeze(notes) == squeeze("".join(expected["notes"]))


@pytest.mark.slow
def test_thirty_pages_of_repeated_paragraphs_keep_every_character() -> None:
    """The bench's PDF: the same paragraphs come back on many pages, at the same heights; only
    lines standing apart at a page's edge may be running heads."""
    expected = expected_of("bench-30")
    doc = imported("bench-30")
    body, notes = _body_and_notes(doc)
    assert squeeze(_unmarked(body)) == squeeze("".join(expected["body"]))
    assert squeeze(notes) == squeeze("".join(expected["notes"]))
    assert [p.printed for p in doc.pages] == [str(n) for n in range(1, 31)]


_LABEL = st.one_of(
    st.integers(1, 9999).map(str),
    st.sampled_from(["i", "ii", "iv", "xii", "S12", "A-3", "07", "封面", "３"]),
)


@settings(max_examples=150, deadline=None)
@given(labels=st.lists(_LABEL, min_size=1, max_size=12), first_page=st.integers(1, 500))
def test_any_page_labels_survive_the_texts_format(labels: list[str], first_page: int) -> None:
    """Whatever a PDF's labels are, the saved text reads back with the same pages."""
    numbers = page_numbers(labels, first_page)
    drafts = []
    for number, label in zip(numbers, labels, strict=True):
        draft = documents.BlockDraft("paragraph", 0, f"第{number}頁的正文。")
        draft.mark_page(0, number, None if documents.is_page_number(label) else label)
        drafts.append(draft)
    meta = documents.Metadata(id="labels", title="標題", first_page=first_page)
    doc = documents.assemble(meta, drafts, shipped=False)
    again = documents.loads(documents.dumps(doc), shipped=False)
    assert again.pages == doc.pages
    assert [p.printed for p in again.pages] == [
        p.printed for p in doc.pages
    ]  # the labels a citation prints


def test_refusals_are_input_errors() -> None:
    assert issubclass(PasswordRequired, InputError)


def test_the_first_page_is_the_number_the_pdf_prints_on_it() -> None:
    """Pages printed 12–16: the import dialog said "First page: 1" beside "pp. 12–16" (a
    tester); the first page is 12, and a number typed there renumbers from it."""
    preview = guess(read_source(DATA / "libreoffice-sc.pdf"))
    assert preview.document.meta.first_page == 12
    assert [p.printed for p in preview.document.pages] == ["12", "13", "14", "15", "16"]
    again = guess(read_source(DATA / "libreoffice-sc.pdf"), Overrides(first_page=20))
    assert again.document.meta.first_page == 20 and again.document.pages[0].printed == "20"

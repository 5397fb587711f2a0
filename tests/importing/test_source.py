"""Reading a file to import (``reader.importing.source``): refusals before reading (a folder, a
device, a pipe, too large, the database and its backups), then exit 2 with one sentence."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import documents, importing, paths
from reader.errors import InputError
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    ARTICLE,
    refused,
    user_files,
    write_file,
)


def test_refuses_a_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "nope.txt", "There is no file")


def test_refuses_an_empty_file(tmp_path: Path) -> None:
    refused(write_file(tmp_path, "empty.txt", b""), "is empty")
    refused(write_file(tmp_path, "blank.txt", " \n\n\u3000\n\f\n"), "is empty")
    refused(write_file(tmp_path, "bom.txt", b"\xff\xfe"), "is empty")


def test_refuses_a_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    refused(write_file(tmp_path, "picture.txt", png), "binary")
    refused(write_file(tmp_path, "paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "damaged")
    refused(write_file(tmp_path, "paper.docx", b"PK\x03\x04\x14\x00\x06\x00"), "plain text")
    refused(write_file(tmp_path, "controls.txt", "正文\x01\x02\x03\x04\x05\x06\x07\x08"), "binary")


def test_a_file_named_pdf_that_is_no_pdf_is_refused_naming_every_format(tmp_path: Path) -> None:
    """Named .pdf, not a PDF: refused as such (never read as UTF-16 text, as a file of a few
    NUL-separated bytes once was), and the message names every format Meipi imports."""
    every = "PDFs, Markdown, the texts/ format and plain text files"
    noise = bytes((i * 151 + 7) % 256 for i in range(600))
    refused(write_file(tmp_path, "garbage.pdf", noise), "garbage.pdf is not a PDF file")
    refused(write_file(tmp_path, "GARBAGE2.PDF", b"hello\x00\x01world"), every)
    refused(write_file(tmp_path, "garbage.bin", noise + b"\x00\x00\x01"), every)


def test_refuses_an_undecodable_file(tmp_path: Path) -> None:
    refused(write_file(tmp_path, "latin.txt", "Un café à l'été.".encode("latin-1")), "encoding")
    refused(write_file(tmp_path, "half.txt", b"\xff\xfe\x00\xd8"), "not valid UTF-16")


def test_refuses_a_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(importing.MAX_BYTES + 1)  # sparse: costs nothing
    refused(path, "up to 20 MB")


def test_refuses_a_file_with_no_text_after_cleaning(tmp_path: Path) -> None:
    refused(write_file(tmp_path, "numbers.txt", "12\n"), "no text left")
    refused(write_file(tmp_path, "rule.md", "---\n\n***\n"), "no text left")


def test_refuses_a_folder(tmp_path: Path) -> None:
    refused(tmp_path, "is a folder")


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--id", "Bad Id", "cannot be used"),
        ("--id", "../escape", "cannot be used"),
        ("--date", "Nov 2024", "YYYY-MM"),
        ("--first-page", "0", "first page"),
        ("--title", "   ", "title cannot be empty"),
        ("--author", "甲; 乙", "each author separately"),
    ],
)
def test_refuses_bad_metadata(tmp_path: Path, option: str, value: str, fragment: str) -> None:
    path = write_file(tmp_path, "good.txt", ARTICLE)
    r = meipi("import", str(path), option, value)
    assert r.code == 2 and fragment in r.err, r.err
    assert user_files() == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_refuses_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    refused(pipe, "not a regular file")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.lists(
            st.sampled_from(
                [
                    "#",
                    "# 標題",
                    "---",
                    "|a|b|",
                    "- 項",
                    "1. 一",
                    "\f",
                    "12",
                    "",
                    " ",
                    "壹、前言",
                    "（一）",
                    "> 引",
                    "```",
                    "![圖](x)",
                    "[^1]: 註",
                    "**粗**",
                    "meipi-text: 1",
                    "id: x",
                    "title: y",
                    "paragraph: z",
                    "heading ²: w",
                    "page ²",
                    "page 2",
                ]
            ),
            max_size=20,
        ).map(lambda lines: "\n".join(lines).encode("utf-8")),
    ),
    st.sampled_from(["f.txt", "f.md", "f.meipi.txt"]),
)
def test_any_input_is_imported_or_refused_clearly(data: bytes, name: str) -> None:
    """Whatever the bytes, the importer gives a preview or an InputError, never a crash."""
    try:
        preview = importing.guess(importing.source_from_bytes(data, name))
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    doc = preview.document
    assert doc.text.strip()
    assert documents.loads(documents.dumps(doc), shipped=False).text == doc.text


def test_a_json_file_is_not_imported_as_an_article(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text('{"@context": "http://www.w3.org/ns/anno.jsonld", "items": []}\n', "utf-8")
    r = meipi("import", str(source))
    assert r.code == 2 and "import-annotations" in r.err
    assert not paths.user_texts_dir().exists() or not any(paths.user_texts_dir().iterdir())


def test_the_database_its_companions_and_backups_are_refused_unopened(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    assert meipi("config", "creator", "Reader", "--db", str(db)).code == 0
    assert meipi("backup", "--db", str(db)).code == 0
    backups = sorted(paths.backups_dir(db).iterdir())
    wal = db.with_name(db.name + "-wal")
    if not wal.exists():
        wal.write_bytes(b"")  # no connection is open: a stand-in for the live one
    link = tmp_path / "innocent.txt"
    link.symlink_to(db)
    opened: list[str] = []
    watched = {str(db), str(wal)}

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args and str(args[0]) in watched:
            opened.append(str(args[0]))

    sys.addaudithook(audit)
    for target in (db, wal, link, backups[0]):
        r = meipi("import", str(target), "--db", str(db))
        assert r.code == 2, target
        assert "database" in r.err and "Traceback" not in r.err
    assert opened == []
    assert user_files() == []

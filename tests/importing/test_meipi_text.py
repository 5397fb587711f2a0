"""Meipi's own texts format (``reader.importing.meipi_text``): read as it is, nothing guessed
but the id; a malformed file refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader import documents
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    user_files,
    write_file,
)


def test_the_texts_format_itself(tmp_path: Path) -> None:
    original = documents.load_library().get("hsu-divergence")
    mine = documents.dumps(original).replace("id: hsu-divergence", "id: hsu-copy")
    path = write_file(tmp_path, "whatever.meipi.txt", mine)
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert "Meipi text" in r.out and "Imported hsu-copy" in r.out
    copy = documents.load_library().get("hsu-copy")
    assert (copy.text, copy.blocks, copy.pages) == (original.text, original.blocks, original.pages)
    assert copy.meta == replace(original.meta, id="hsu-copy")
    assert not copy.shipped


def test_the_texts_format_with_another_id_and_first_page(tmp_path: Path) -> None:
    original = documents.load_library().get("lian-obor")
    path = write_file(tmp_path, "lian.meipi.txt", documents.dumps(original))
    r = meipi("import", str(path))
    assert r.code == 2 and "already a text with the id 'lian-obor'" in r.err and "--id" in r.err
    r = meipi("import", str(path), "--id", "lian-2", "--first-page", "101")
    assert r.code == 0, r.err
    doc = documents.load_library().get("lian-2")
    assert [p.number for p in doc.pages] == list(range(101, 109))
    assert [p.start for p in doc.pages] == [p.start for p in original.pages]
    assert doc.meta.first_page == 101


def test_a_malformed_texts_format_file_is_refused(tmp_path: Path) -> None:
    path = write_file(tmp_path, "bad.meipi.txt", "meipi-text: 1\nid: bad\n")
    r = meipi("import", str(path))
    assert r.code == 2 and "front matter never ends" in r.err
    assert user_files() == []


def test_a_texts_format_file_saved_on_windows(tmp_path: Path) -> None:
    content = (
        "meipi-text: 1\nid: win-note\ntitle: 筆記\nscript: zh-Hant-TW\n---\n"
        "title: 筆記\nparagraph: 第一段。\npage 2\n+ 接續。\n"
    )
    path = write_file(
        tmp_path, "note.meipi.txt", "\ufeff".encode() + content.replace("\n", "\r\n").encode()
    )
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    doc = documents.load_library().get("win-note")
    assert doc.text == "筆記\n第一段。接續。"
    assert [(p.number, p.start) for p in doc.pages] == [(1, 0), (2, 7)]

"""Hostile input at the command line (issue 14, item 8): each is exit 2 with one or two
sentences, no traceback, and nothing changed; a note's terminal controls are shown, not obeyed.

The devices and pipes are tried in-process (refused by a stat, so nothing can hang) and in a
subprocess with a timeout, so a regression fails instead of blocking the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader import paths
from reader.documents import load_library
from reader.errors import MESSAGE_LIMIT, for_terminal, shorten, visible
from reader.export.w3c import MAX_BYTES
from tests.cli_helpers import Result, meipi

QUOTE = "一帶一路框架下"


def refused(result: Result, *needles: str) -> str:
    """The refusal's message, checked: exit 2, one or two sentences on one line, no traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def annotation_item(
    *, ident: str | None = None, created: str = "2026-11-21T09:30:00Z", **extra: Any
) -> dict[str, Any]:
    doc = load_library().get("lian-obor")
    start = doc.text.index(QUOTE)
    item: dict[str, Any] = {
        "id": ident or f"urn:uuid:{uuid.uuid4()}",
        "type": "Annotation",
        "created": created,
        "modified": created,
        "motivation": "highlighting",
        "target": {
            "type": "SpecificResource",
            "source": {"id": "urn:meipi:document:lian-obor", "type": "Text"},
            "styleClass": "yellow",
            "selector": [
                {"type": "TextQuoteSelector", "exact": QUOTE},
                {"type": "TextPositionSelector", "start": start, "end": start + len(QUOTE)},
            ],
        },
    }
    item.update(extra)
    return item


def import_file(folder: Path, *items: dict[str, Any], name: str = "notes.json") -> Path:
    path = folder / name
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": list(items)},
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def stored(db: Path) -> list[dict[str, Any]]:
    if not db.exists():
        return []
    result = meipi("annotations", "--json")
    assert result.code == 0, result
    annotations: list[dict[str, Any]] = result.json()["annotations"]
    return annotations


@pytest.fixture
def annotated(db_file: Path) -> Path:
    assert meipi("annotate", "lian-obor", "--quote", QUOTE, "--note", "第一").code == 0
    return db_file


# -- files that are not files --------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_import_refuses_what_is_not_a_regular_file(
    annotated: Path, tmp_path: Path, kind: str
) -> None:
    if kind == "dev-zero":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero here")
        target = Path("/dev/zero")
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = tmp_path / "folder"
        target.mkdir()
    before = stored(annotated)
    line = refused(meipi("import-annotations", str(target)), str(target))
    assert "not a regular file" in line or "is a folder" in line
    assert stored(annotated) == before


@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_a_device_or_pipe_cannot_hang_the_real_command(tmp_path: Path, kind: str) -> None:
    if kind == "dev-zero":
        target = Path("/dev/zero")
        if not target.exists():
            pytest.skip("no /dev/zero here")
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        target = tmp_path / "pipe"
        os.mkfifo(target)  # nobody ever writes to it: an open() without care blocks forever
    env = {**os.environ, "MEIPI_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "import-annotations", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 2, done
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "data" / paths.DB_FILENAME).exists()


@pytest.mark.parametrize("which", ["db", "wal", "link", "backup"])
def test_import_refuses_the_database_and_its_backups(
    annotated: Path, tmp_path: Path, which: str
) -> None:
    assert meipi("backup").code == 0
    backup = next(p for p in paths.backups_dir(annotated).iterdir() if p.is_file())
    wal = annotated.with_name(annotated.name + "-wal")
    wal.touch()
    link = tmp_path / "export.json"
    link.symlink_to(annotated)
    target = {"db": annotated, "wal": wal, "link": link, "backup": backup}[which]
    size = os.stat(annotated).st_size
    line = refused(meipi("import-annotations", str(target)), "not an export")
    assert ("database" in line) and "nothing was imported" in line
    assert os.stat(annotated).st_size == size
    assert [a["note"] for a in stored(annotated)] == ["第一"]


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    annotated: Path, tmp_path: Path
) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used, and never read
    line = refused(meipi("import-annotations", str(big)), "larger than")
    assert f"{MAX_BYTES // (1024 * 1024)} MB" in line


# -- bytes that are not UTF-8 in arguments -------------------------------------------------

BAD = "caf\udce9"  # what argparse hands over for the Latin-1 bytes of "café"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["annotate", "lian-obor", "--quote", QUOTE, "--note", BAD], "--note"),
        (["annotate", "lian-obor", "--quote", QUOTE, "--tag", "ok", "--tag", BAD], "--tag"),
        (["annotate", "lian-obor", "--quote", BAD], "--quote"),
        (["glossary", "keep", BAD], "PHRASE"),
        (["glossary", "same", "普京", BAD], "B"),
        (["annotations", "--tag", BAD], "--tag"),
        (["import", "text.txt", "--title", BAD], "--title"),
        (["search", BAD], "QUERY"),
        (["--db", BAD, "list"], "--db"),
    ],
)
def test_text_that_is_not_utf8_is_refused_naming_the_option(
    annotated: Path, argv: list[str], named: str
) -> None:
    before = os.stat(annotated)
    refused(meipi(*argv), named, "is not valid UTF-8 text")
    after = os.stat(annotated)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert [a["note"] for a in stored(annotated)] == ["第一"]


def test_a_file_name_that_is_not_utf8_is_still_a_file_name(tmp_path: Path) -> None:
    result = meipi("import-annotations", str(tmp_path / f"{BAD}.json"))
    line = refused(result, "There is no file")
    assert "\\udce9" in line  # shown, not printed raw (a strict UTF-8 stderr would fail)


# -- times that overflow ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("created", "9999-12-31T23:00:00-05:00"), ("modified", "0001-01-01T00:00:00+05:00")],
)
def test_a_time_outside_the_years_is_named_with_its_annotation(
    annotated: Path, tmp_path: Path, field: str, value: str
) -> None:
    ident = f"urn:uuid:{uuid.uuid4()}"
    item = annotation_item(ident=ident)
    item[field] = value
    path = import_file(tmp_path, annotation_item(), item)
    line = refused(meipi("import-annotations", str(path)), "annotation 2", ident, field, value)
    assert "Nothing was imported" in line
    assert [a["note"] for a in stored(annotated)] == ["第一"]


def test_a_time_with_a_zone_is_stored_in_utc(annotated: Path, tmp_path: Path) -> None:
    path = import_file(tmp_path, annotation_item(created="2026-12-31T23:30:00-05:00"))
    assert meipi("import-annotations", str(path)).code == 0
    assert "2027-01-01T04:30:00Z" in [a["created"] for a in stored(annotated)]


# -- long values echoed ----------------------------------------------------------------------


def test_a_megabyte_id_is_quoted_as_a_short_prefix(annotated: Path, tmp_path: Path) -> None:
    huge = "urn:uuid:" + "a" * 1_000_000
    path = import_file(tmp_path, annotation_item(ident=huge))
    line = refused(meipi("import-annotations", str(path)), "annotation 1", "Nothing was imported")
    assert len(line) < 400
    assert "urn:uuid:aaaa" in line


@pytest.mark.parametrize(
    "argv",
    [
        ["text", "x" * 100_000],
        ["annotations", "--color", "x" * 100_000],
        ["export", "--format", "x" * 100_000],
        ["glossary", "drop", "x " * 50_000],
    ],
)
def test_no_message_quotes_a_long_value_in_full(annotated: Path, argv: list[str]) -> None:
    result = meipi(*argv)
    assert result.code == 2, result
    assert len(result.err) <= MESSAGE_LIMIT + 100, len(result.err)
    assert "Traceback" not in result.err


@given(st.text())
def test_shown_values_are_short_and_cannot_drive_a_terminal(value: str) -> None:
    short = shorten(value)
    assert len(short) <= 60 * 6  # each character at most one six-character escape
    assert len(shorten(value, 20).encode("utf-8", "strict")) < 20 * 6 * 4
    for text in (short, for_terminal(value), visible(value)):
        text.encode("utf-8")  # no lone surrogate left
        assert not any(
            (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in text
        ), text
    assert len(for_terminal(value)) <= MESSAGE_LIMIT * 6


# -- --db "" ---------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["--db", "", "list"], ["--db=", "list"], ["--db", ""], ["--db="]])
def test_an_empty_db_path_is_refused(db_file: Path, argv: list[str]) -> None:
    refused(meipi(*argv), "--db", "empty path")
    assert not db_file.exists()


def test_an_empty_meipi_db_counts_as_unset(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEIPI_DB", "")
    assert meipi("annotate", "lian-obor", "--quote", QUOTE).code == 0
    assert db_file.exists()  # the default database, in the data directory


# -- a note's terminal controls ----------------------------------------------------------------


def test_a_notes_terminal_controls_are_shown_not_sent(db_file: Path) -> None:
    note = "clear\x1b[2J ring\x07 csi\x9b1m end"
    assert meipi("annotate", "lian-obor", "--quote", QUOTE, "--note", note).code == 0
    listed = meipi("annotations")
    assert listed.code == 0
    assert "\\x1b[2J" in listed.out and "\\x07" in listed.out and "\\x9b" in listed.out
    assert not any(c in listed.out for c in "\x1b\x07\x9b")
    # JSON keeps the note exactly (escaped by JSON itself).
    as_json = meipi("annotations", "--json")
    assert as_json.json()["annotations"][0]["note"] == note


# -- white space is not a passage ----------------------------------------------------------------


@pytest.mark.parametrize("quote", [" ", "\u3000", " \n ", ""])
def test_a_blank_quote_is_refused(db_file: Path, quote: str) -> None:
    refused(meipi("annotate", "lian-obor", "--quote", quote), "--quote")
    assert not db_file.exists()


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ({"type": "TextualBody", "purpose": "commenting", "value": "bad \udcff note"}, "the note"),
        ({"type": "TextualBody", "purpose": "tagging", "value": "\ud800"}, "a tag"),
    ],
)
def test_half_a_surrogate_pair_in_an_import_is_named(
    annotated: Path, tmp_path: Path, body: dict[str, str], what: str
) -> None:
    ident = f"urn:uuid:{uuid.uuid4()}"
    path = tmp_path / "notes.json"
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": [annotation_item(ident=ident, body=[body])]},
    }
    # json escapes the lone surrogate as \udcff, as a hostile file would carry it.
    path.write_text(json.dumps(collection), encoding="ascii")
    refused(meipi("import-annotations", str(path)), "annotation 1", ident, what, "surrogate")
    assert [a["note"] for a in stored(annotated)] == ["第一"]

"""Errors tell the truth (issue 14): only SQLite's own verdict of corruption
(``SQLITE_CORRUPT``/``SQLITE_NOTADB``) is reported as a damaged database (with ``meipi
restore`` offered); busy, locked, full, read-only and I/O errors say what they are and what to
do, exit 1 — whether they come straight from ``sqlite3`` or wrapped by SQLAlchemy."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError as SAOperationalError

from reader.errors import EnvironmentFailure
from reader.store import db as dbmod
from reader.store import open_store, quick, sqlite_file
from reader.store.quick import read_snapshot
from reader.store.sqlite_file import DatabaseRefused, is_damage, translate
from tests.cli_helpers import meipi


def sqlite_error(
    name: str, text: str, cls: type[sqlite3.Error] = sqlite3.OperationalError
) -> sqlite3.Error:
    """An error as ``sqlite3`` raises it (Python 3.11+ names SQLite's extended code)."""
    exc = cls(text)
    exc.sqlite_errorname = name
    return exc


# (SQLite's error name, its message, words the user must read, damage?)
CASES = [
    ("SQLITE_CORRUPT", "database disk image is malformed", "is damaged", True),
    ("SQLITE_CORRUPT_INDEX", "database disk image is malformed", "is damaged", True),
    ("SQLITE_NOTADB", "file is not a database", "is not a SQLite database", True),
    ("SQLITE_FULL", "database or disk is full", "Free some space", False),
    ("SQLITE_IOERR_WRITE", "disk I/O error", "input/output error", False),
    ("SQLITE_IOERR_SHMSIZE", "disk I/O error", "input/output error", False),
    ("SQLITE_BUSY", "database is locked", "busy", False),
    ("SQLITE_BUSY_SNAPSHOT", "database is locked", "busy", False),
    ("SQLITE_LOCKED", "database table is locked", "busy", False),
    ("SQLITE_READONLY", "attempt to write a readonly database", "read-only", False),
    ("SQLITE_READONLY_DBMOVED", "attempt to write a readonly database", "moved or replaced", False),
    ("SQLITE_CANTOPEN", "unable to open database file", "cannot be opened", False),
    ("SQLITE_NOMEM", "out of memory", "out of memory", False),
    # The class says nothing: an OperationalError (busy, full, I/O) is a DatabaseError too,
    # and a message mentioning "malformed" without SQLite's name for it is not its verdict.
    ("SQLITE_IOERR_READ", "database disk image is malformed?", "input/output error", False),
]


@pytest.mark.parametrize(("name", "text", "words", "damage"), CASES)
@pytest.mark.parametrize("wrapped", [False, True], ids=["sqlite3", "sqlalchemy"])
def test_only_corruption_is_called_damage(
    tmp_path: Path, name: str, text: str, words: str, damage: bool, wrapped: bool
) -> None:
    path = tmp_path / "meipi.sqlite3"
    raw = sqlite_error(name, text, sqlite3.DatabaseError if damage else sqlite3.OperationalError)
    exc: BaseException = SAOperationalError("SELECT 1", {}, raw) if wrapped else raw
    result = translate(exc, path)
    assert is_damage(exc) is damage
    assert isinstance(result, DatabaseRefused) is damage, result
    assert isinstance(result, EnvironmentFailure) and result.exit_code == 1
    message = str(result)
    assert words in message, message
    if not damage:
        assert "damaged" not in message and "meipi restore" not in message, message
    assert message.count(". ") <= 3 and "\n" not in message


@contextlib.contextmanager
def held_exclusively(db: Path) -> Iterator[None]:
    """Another program holding the database with an exclusive lock (readers get SQLITE_BUSY
    even in WAL mode)."""
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("SELECT count(*) FROM documents").fetchone()
        holder.execute("COMMIT")  # the lock stays: exclusive locking mode
        yield
    finally:
        holder.close()


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (dbmod, quick, sqlite_file):
        monkeypatch.setattr(module, "BUSY_TIMEOUT_MS", 100)


def test_a_busy_database_is_busy_not_damaged(db_file: Path, short_waits: None) -> None:
    """The window's first read, the store and the command line, while another program holds
    the database: "busy, try again", exit 1 — never "damaged", never a restore offered
    (issue 14: 4 of 12 window starts under concurrent writes offered a restore)."""
    assert meipi("annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1").code == 0
    with held_exclusively(db_file):
        for attempt in (lambda: read_snapshot(db_file), lambda: open_store(db_file)):
            with pytest.raises(EnvironmentFailure) as caught:
                attempt()
            assert not isinstance(caught.value, DatabaseRefused), caught.value
            assert "busy" in str(caught.value)
        for argv in (
            ["annotations"],
            ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1"],
            ["check"],
        ):
            r = meipi(*argv)
            assert r.code == 1, (argv, r)
            assert "busy" in r.err and "damaged" not in r.err + r.out, (argv, r)
            assert "restore" not in r.err and "Traceback" not in r.err, (argv, r)
    r = meipi("annotations", "--json")
    assert r.code == 0 and len(r.json()["annotations"]) == 1


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB file system (tmpfs), where the disk really fills up. Needs root (CI and
    the developers' machines run as root); skipped elsewhere."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte."""
    filler = folder / f"filler-{uuid.uuid4().hex}"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0")
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_says_full_and_loses_nothing(small_disk: Path) -> None:
    """Issue 14: on a full disk every command said "damaged — run meipi restore"."""
    db = small_disk / "meipi.sqlite3"
    made = []
    for quote in ("一帶一路", "中俄"):
        r = meipi("annotate", "lian-obor", "--quote", quote, "--occurrence", "1", "--db", str(db))
        assert r.code == 0, r.err
        made.append(r.out.strip())
    filler = fill(small_disk)
    for argv in (
        ["annotate", "lian-obor", "--quote", "能源", "--occurrence", "1", "--note", "長" * 20000],
        ["glossary", "keep", "區域性"],
        ["annotations"],
        ["backup"],
    ):
        r = meipi(*argv, "--db", str(db))
        assert r.code == 1, (argv, r)
        assert "is full" in r.err and "Free some space" in r.err, (argv, r.err)
        assert "damaged" not in r.err and "restore" not in r.err, (argv, r.err)
        assert "Traceback" not in r.err and r.err.count("\n") == 1, (argv, r.err)
    filler.unlink()
    listed = meipi("annotations", "--json", "--db", str(db))
    assert listed.code == 0
    assert sorted(a["id"] for a in listed.json()["annotations"]) == sorted(made)
    check = meipi("check", "--db", str(db))
    assert check.code == 0 and "All good." in check.out, check.out

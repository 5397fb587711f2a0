"""Databases Meipi must refuse (and leave untouched), the schema upgrade, read-only files,
a full disk, and two processes writing at once."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from reader.errors import EnvironmentFailure
from reader.store import annotations as ops
from reader.store import db as dbmod
from reader.store import open_store, sqlite_file
from reader.store import tags as store_tags
from reader.store.backup import list_backups
from tests.cli_helpers import Result, meipi
from tests.store.helpers import digest, make_doc, needs_fork, run_forked, side_files, start_writers

ROOT = Path(__file__).resolve().parents[2]
DOC = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭"])


@pytest.fixture
def annotated_db(db_file: Path) -> Path:
    """A database with two annotations made from the command line (and so a backup)."""
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1", "--note", "第一"
        ).code
        == 0
    )
    assert len(list_backups(db_file)) == 1  # the first close makes the day's backup
    assert (
        meipi(
            "annotate", "hsu-divergence", "--quote", "中俄", "--occurrence", "1", "--tag", "中亞"
        ).code
        == 0
    )
    assert len(list_backups(db_file)) == 1  # at most daily
    assert meipi("backup").code == 0
    assert len(list_backups(db_file)) == 2
    return db_file


def _good_bytes(db: Path) -> bytes:
    assert not side_files(db)
    return db.read_bytes()


def _corrupt_page(data: bytes) -> bytes:
    page = int.from_bytes(data[16:18], "big")
    b = bytearray(data)
    for i in range(page * 2 + 8, page * 2 + 200):
        b[i] ^= 0x5A
    return bytes(b)


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        conn.commit()
    finally:
        conn.close()


def _replace_with_foreign(path: Path) -> None:
    path.unlink()
    _foreign(path)


def _with(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()  # the last connection: checkpointed, -wal and -shm removed


DAMAGE: dict[str, Callable[[Path, bytes], object]] = {
    "zero-byte": lambda p, good: p.write_bytes(b""),
    "truncated-at-page": lambda p, good: p.write_bytes(good[: len(good) - 4096]),
    "truncated-mid-page": lambda p, good: p.write_bytes(good[:5000]),
    "header-only": lambda p, good: p.write_bytes(good[:60]),
    "random-bytes": lambda p, good: p.write_bytes(random.Random(6).randbytes(16384)),
    "corrupt-page": lambda p, good: p.write_bytes(_corrupt_page(good)),
    "foreign-app": lambda p, good: _replace_with_foreign(p),
    "unknown-tables": lambda p, good: _with(p, "CREATE TABLE moz_places (id INTEGER)"),
    "newer-version": lambda p, good: _with(p, "PRAGMA user_version = 99"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_bad_database_is_refused_and_untouched(annotated_db: Path, kind: str) -> None:
    good = _good_bytes(annotated_db)
    DAMAGE[kind](annotated_db, good)
    before = digest(annotated_db)
    newest = list_backups(annotated_db)[0]
    for argv in (
        ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1"],
        ["annotations", "--json"],
        ["list"],
        ["glossary", "keep", "哈薩克"],
        ["backup"],
    ):
        r = meipi(*argv)
        assert r.code == 1, (kind, argv, r)
        assert "meipi restore" in r.err and str(newest) in r.err, r.err
        assert "Traceback" not in r.err and r.err.count("\n") == 1
        assert digest(annotated_db) == before, (kind, argv)
        assert side_files(annotated_db) == [], (kind, argv)
    check = meipi("check")
    assert check.code == 1 and "FAILED" in check.out
    assert digest(annotated_db) == before and side_files(annotated_db) == []

    restored = meipi("restore")
    if kind == "foreign-app":
        # Another application's file is not restored over (it may be theirs, not damage).
        assert restored.code == 1 and "not a Meipi database" in restored.err, restored
        assert digest(annotated_db) == before and side_files(annotated_db) == []
        return
    assert restored.code == 0, restored.err
    kept = [p for p in annotated_db.parent.iterdir() if ".replaced-" in p.name]
    assert [digest(p) for p in kept] == [before]  # the damaged file, byte for byte
    r = meipi("annotations", "--json")
    assert r.code == 0
    assert [a["note"] for a in r.json()["annotations"]] == [None, "第一"]  # hsu, then lian


def test_refusal_without_backup_says_so(db_file: Path) -> None:
    db_file.parent.mkdir(parents=True)
    db_file.write_bytes(b"")
    r = meipi("annotations")
    assert r.code == 1 and "No verified backup exists" in r.err
    assert db_file.read_bytes() == b""


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside the (root-only) pytest temp dir, so another user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="meipi-ro-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


def _as_other_user(argv: list[str], data: Path) -> Result:
    def child() -> list[object]:
        os.environ["MEIPI_DATA_DIR"] = str(data)
        r = meipi(*argv)
        return [r.code, r.out, r.err]

    if os.geteuid() == 0:
        code, out, err = run_forked(child, uid=65534, gid=65534)
    else:  # not root: permissions already apply
        code, out, err = run_forked(child)
    return Result(int(code), str(out), str(err))


@needs_fork
@pytest.mark.parametrize("what", ["folder", "file"])
def test_read_only_database_reads_and_refuses_edits(shared_dir: Path, what: str) -> None:
    folder = shared_dir / "data"
    folder.mkdir()
    db = folder / "meipi.sqlite3"
    assert (
        meipi(
            "annotate",
            "lian-obor",
            "--quote",
            "一帶一路",
            "--occurrence",
            "1",
            "--db",
            str(db),
            "--note",
            "讀",
        ).code
        == 0
    )
    # Warm the imports a command needs: the child cannot read the interpreter's own folder.
    assert meipi("annotations", "--db", str(db), "--json").code == 0
    assert meipi("list", "--db", str(db)).code == 0
    if what == "folder":
        folder.chmod(0o555)
        db.chmod(0o444)
    else:
        os.chown(folder, 65534, 65534) if os.geteuid() == 0 else None
        folder.chmod(0o755)
        db.chmod(0o444)
    before = digest(db)

    listed = _as_other_user(["annotations", "--db", str(db), "--json"], shared_dir)
    assert listed.code == 0, listed.err
    assert [a["note"] for a in listed.json()["annotations"]] == ["讀"]
    counted = _as_other_user(["list", "--db", str(db), "--json"], shared_dir)
    assert counted.code == 0 and counted.json()["documents"][0]["annotations"] == 1

    edit = _as_other_user(
        ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--db", str(db)],
        shared_dir,
    )
    assert edit.code == 1
    assert "read-only" in edit.err and "Traceback" not in edit.err
    keep = _as_other_user(["glossary", "keep", "區域性", "--db", str(db)], shared_dir)
    assert keep.code == 1 and "read-only" in keep.err
    assert digest(db) == before and side_files(db) == []
    folder.chmod(0o755)


def test_full_disk_is_a_clear_error_and_nothing_half_written(db_file: Path) -> None:
    store = open_store(db_file)
    with store.writing() as s:
        ops.create_annotation(s, DOC, 0, 4, note="kept")
    store.engine.dispose()
    probe = sqlite3.connect(db_file)
    try:
        pages = probe.execute("PRAGMA page_count").fetchone()[0]
    finally:
        probe.close()

    @event.listens_for(store.engine, "connect")
    def _small_disk(conn: sqlite3.Connection, record: object) -> None:
        conn.execute(f"PRAGMA max_page_count = {pages + 1}")

    try:
        with pytest.raises(EnvironmentFailure, match="full"), store.writing() as s:
            ops.create_annotation(s, DOC, 4, 8, note="長" * 200_000, tags=["能源"])
    finally:
        store.close(backup=False)
    store = open_store(db_file)
    try:
        with store.reading() as s:
            assert [r.note for r in ops.list_annotations(s)] == ["kept"]
            assert store_tags.list_tags(s) == []
    finally:
        store.close(backup=False)
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


WRITER = """
import sys
from reader.store import open_store
from reader.store import annotations as ops
from reader.store import tags as store_tags
from tests.store.helpers import make_doc
doc = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭"])
store = open_store(sys.argv[1])
for i in range(int(sys.argv[2])):
    with store.writing() as s:
        r = ops.create_annotation(s, doc, i % 10, i % 10 + 3, tags=[sys.argv[3]], note=str(i))
    print(r.id, flush=True)
store.close()
"""


def test_two_processes_writing_at_once_both_succeed(db_file: Path) -> None:
    # No database yet: the two also race to create it.
    procs = start_writers(WRITER, db_file, 40, ("甲", "乙"))
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    ids = {line for out, _ in outputs for line in out.split()}
    assert len(ids) == 80
    store = open_store(db_file)
    try:
        with store.reading() as s:
            stored = ops.list_annotations(s)
    finally:
        store.close(backup=False)
    assert {r.id for r in stored} == ids
    assert sorted(r.tags[0] for r in stored) == ["乙"] * 40 + ["甲"] * 40


def test_a_writer_waits_for_the_lock_and_a_stuck_one_is_a_clear_error(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)
    store = open_store(db_file)
    holder = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
        started = time.monotonic()
        with pytest.raises(EnvironmentFailure, match="busy"), store.writing() as s:
            ops.create_annotation(s, DOC, 0, 4)
        assert time.monotonic() - started >= 0.2 * dbmod.BEGIN_ATTEMPTS
        release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
        release.start()
        with store.writing() as s:  # waits, then succeeds
            ops.create_annotation(s, DOC, 0, 4, note="after the wait")
        release.join()
        with store.reading() as s:
            assert [r.note for r in ops.list_annotations(s)] == ["after the wait"]
    finally:
        holder.close()
        store.close(backup=False)


@needs_fork
def test_read_only_database_with_a_pending_log_shows_what_the_log_holds(
    shared_dir: Path,
) -> None:
    folder = shared_dir / "data"
    folder.mkdir()
    db = folder / "meipi.sqlite3"
    assert (
        meipi(
            "annotate",
            "lian-obor",
            "--quote",
            "一帶一路",
            "--occurrence",
            "1",
            "--db",
            str(db),
            "--note",
            "在主檔",
        ).code
        == 0
    )
    assert meipi("annotations", "--db", str(db), "--json").code == 0  # warm the imports
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: commits, then dies without closing
        store = open_store(db)
        with store.writing() as s:
            ops.create_annotation(s, DOC, 0, 4, note="只在日誌")
        os.kill(os.getpid(), 9)
    os.waitpid(pid, 0)
    assert Path(str(db) + "-wal").stat().st_size > 0
    files = [p for p in folder.iterdir() if p.is_file()]
    assert sorted(p.name for p in files) == [
        "meipi.sqlite3",
        "meipi.sqlite3-shm",
        "meipi.sqlite3-wal",
    ]
    for p in files:
        p.chmod(0o444)
    folder.chmod(0o555)
    before = {p.name: digest(p) for p in files}
    listed = _as_other_user(["annotations", "--db", str(db), "--json"], shared_dir)
    assert listed.code == 0, listed.err
    assert sorted(a["note"] for a in listed.json()["annotations"]) == ["只在日誌", "在主檔"]
    edit = _as_other_user(["glossary", "keep", "區域性", "--db", str(db)], shared_dir)
    assert edit.code == 1 and "read-only" in edit.err
    assert {p.name: digest(p) for p in files} == before
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(before)
    folder.chmod(0o755)


@needs_fork
def test_newer_version_only_in_the_log_is_refused_and_the_log_kept(annotated_db: Path) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - a newer Meipi upgrades, commits, and dies
        conn = sqlite3.connect(annotated_db, isolation_level=None)
        conn.execute("PRAGMA user_version = 99")
        os.kill(os.getpid(), 9)
    os.waitpid(pid, 0)
    wal = Path(str(annotated_db) + "-wal")
    assert wal.stat().st_size > 0
    assert int.from_bytes(annotated_db.read_bytes()[60:64], "big") == sqlite_file.SCHEMA_VERSION
    before = (digest(annotated_db), digest(wal))
    r = meipi("annotations")
    assert r.code == 1 and "newer Meipi (schema 99" in r.err and "meipi restore" in r.err
    assert (digest(annotated_db), digest(wal)) == before  # the log was not checkpointed

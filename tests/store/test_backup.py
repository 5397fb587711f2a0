"""Verified rotating backups and restoring them."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader import paths
from reader.errors import EnvironmentFailure, InputError
from reader.store import annotations as ops
from reader.store import backup, open_store
from tests.store.helpers import digest, make_doc, needs_fork

DOC = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭"])


def _annotate(db: Path, note: str) -> str:
    store = open_store(db)
    try:
        with store.writing() as s:
            return ops.create_annotation(s, DOC, 0, 4, note=note).id
    finally:
        store.close(backup=False)


def _notes(db: Path) -> list[str | None]:
    store = open_store(db)
    try:
        with store.reading() as s:
            return [r.note for r in ops.list_annotations(s)]
    finally:
        store.close(backup=False)


def test_backups_are_verified_named_and_rotated(db_file: Path) -> None:
    _annotate(db_file, "一")
    made = [backup.make_backup(db_file) for _ in range(backup.KEEP + 3)]
    kept = backup.list_backups(db_file)
    assert kept == sorted(made, reverse=True)[: backup.KEEP]  # newest first, the last KEEP
    for path in kept:
        assert backup.verify(path) is None
        conn = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained
        conn.close()
    assert not list(paths.backups_dir(db_file).glob(".*"))  # no temporary files left
    assert backup.rotate(db_file, keep=0) == kept[1:]  # never the newest
    assert backup.list_backups(db_file) == kept[:1]


def test_backup_is_due_once_a_day(db_file: Path) -> None:
    assert backup.backup_due(db_file)
    _annotate(db_file, "一")
    path = backup.make_backup(db_file)
    when = backup.backup_time(path)
    assert when is not None
    assert not backup.backup_due(db_file, now=when + timedelta(hours=23))
    assert backup.backup_due(db_file, now=when + timedelta(days=1))
    store = open_store(db_file)
    store.close()  # not due: no new backup
    assert backup.list_backups(db_file) == [path]


def test_interrupted_backup_leaves_no_backup_and_is_swept(db_file: Path) -> None:
    _annotate(db_file, "一")
    folder = paths.backups_dir(db_file)
    folder.mkdir(parents=True)
    stale = folder / ".meipi-20260101T000000000000Z.sqlite3.tmp-1-abcd"
    stale.write_bytes(b"half a copy")
    young = folder / ".meipi-20260101T000000000001Z.sqlite3.tmp-2-abcd"
    young.write_bytes(b"another process copying right now")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    assert backup.list_backups(db_file) == []
    backup.make_backup(db_file)
    assert not stale.exists() and len(backup.list_backups(db_file)) == 1
    assert young.exists()  # too young to be an interrupted copy


def test_a_backup_that_no_longer_verifies_is_skipped(db_file: Path) -> None:
    _annotate(db_file, "舊")
    older = backup.make_backup(db_file)
    _annotate(db_file, "新")
    newer = backup.make_backup(db_file)
    data = bytearray(newer.read_bytes())
    for page in range(4096, len(data), 4096):  # bit rot in every page but the header's
        data[page : page + 64] = bytes(b ^ 0x5A for b in data[page : page + 64])
    newer.write_bytes(bytes(data))
    assert backup.verify(newer) is not None
    done = backup.restore(db_file)
    assert done.source == older
    assert _notes(db_file) == ["舊"]


@needs_fork
def test_restore_moves_aside_the_log_files_with_the_database(db_file: Path) -> None:
    _annotate(db_file, "備份裡的")
    good = backup.make_backup(db_file)
    # A writer killed mid-way leaves its -wal and -shm beside the database.
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        store = open_store(db_file)
        with store.writing() as s:
            ops.create_annotation(s, DOC, 4, 8, note="只在日誌裡")
        os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(10)
    os.waitpid(pid, 0)
    wal = Path(str(db_file) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    before = {s: digest(Path(str(db_file) + s)) for s in ("", "-wal", "-shm")}

    done = backup.restore(db_file)
    assert done.source == good
    moved = {p.name.rsplit("Z", 1)[1]: digest(p) for p in done.moved_aside}
    assert moved.keys() == before.keys()
    # The database and its log kept byte for byte (the -shm is only an index SQLite rebuilds
    # from the log: counting the annotations set aside read the file through SQLite).
    assert moved[""] == before[""] and moved["-wal"] == before["-wal"]
    assert done.kept == db_file.parent / done.moved_aside[0].name
    assert done.newer == 1  # the one only the log held
    stamps = {p.name.split(".replaced-")[1][:22] for p in done.moved_aside}
    assert len(stamps) == 1
    assert not wal.exists()
    assert _notes(db_file) == ["備份裡的"]  # no stale log replayed onto the backup
    # What only the log held is still recoverable from the files moved aside.
    aside = db_file.parent / "recovered.sqlite3"
    for p in done.moved_aside:
        p.rename(db_file.parent / ("recovered.sqlite3" + p.name.rsplit("Z", 1)[1]))
    assert sorted(n for n in _notes(aside) if n) == ["備份裡的", "只在日誌裡"]


def test_restore_without_backups_is_a_clear_error(db_file: Path) -> None:
    with pytest.raises(EnvironmentFailure, match="no backup"):
        backup.restore(db_file)


def test_backup_time_round_trips() -> None:
    stamp = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    name = Path(f"meipi-{stamp.strftime('%Y%m%dT%H%M%S%fZ')}.sqlite3")
    assert backup.backup_time(name) == stamp


# ---------------------------------------------------------------------------------------------
# Restore never leaves the user without a database (issue 14, item 5)


def _killed_writer(db: Path, note: str) -> None:
    """A writer killed mid-way: its commit lives only in the -wal beside the database."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        store = open_store(db)
        with store.writing() as s:
            ops.create_annotation(s, DOC, 4, 8, note=note)
        os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(10)
    os.waitpid(pid, 0)
    assert Path(str(db) + "-wal").stat().st_size > 0


def _files_beside(db: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in db.parent.iterdir() if p.is_file()}


@needs_fork
@pytest.mark.parametrize(
    ("name", "fails"),
    [
        ("replace", lambda src, dst, real, db: Path(dst) == db),
        ("replace", lambda src, dst, real, db: str(dst).endswith("-shm")),
        ("link", lambda src, dst, real, db: True),
    ],
    ids=["replace-onto-db", "moving-the-shm", "link"],
)
def test_a_failure_before_the_replace_leaves_the_live_database_exactly_as_it_was(
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    fails: Callable[[object, object, object, Path], bool],
) -> None:
    _annotate(db_file, "備份裡的")
    backup.make_backup(db_file)
    _killed_writer(db_file, "只在日誌裡")
    before = _files_beside(db_file)
    assert {"meipi.sqlite3", "meipi.sqlite3-wal", "meipi.sqlite3-shm"} <= before.keys()
    real = getattr(os, name)

    def failing(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if fails(src, dst, real, db_file):
            raise OSError(errno.EIO, "Input/output error (injected)")
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, name, failing)
    with pytest.raises(EnvironmentFailure, match="nothing was changed"):
        backup.restore(db_file)
    monkeypatch.undo()
    after = _files_beside(db_file)
    # Same names, and the database and its log byte for byte (the -shm is SQLite's index of
    # the log, rewritten when the file is read to count what a restore would set aside).
    assert after.keys() == before.keys()
    for kept in ("meipi.sqlite3", "meipi.sqlite3-wal"):
        assert after[kept] == before[kept]
    assert sorted(n for n in _notes(db_file) if n) == ["備份裡的", "只在日誌裡"]


def test_restore_without_hard_links_keeps_a_copy_made_through_sqlite(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _annotate(db_file, "舊")
    backup.make_backup(db_file)
    _annotate(db_file, "新")

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # as on FAT

    monkeypatch.setattr(os, "link", no_links)
    done = backup.restore(db_file)
    monkeypatch.undo()
    assert done.kept is not None and done.newer == 1
    assert sorted(n for n in _notes(done.kept) if n) == ["新", "舊"]
    assert _notes(db_file) == ["舊"]


def test_restore_reads_the_live_database_only_through_sqlite(db_file: Path) -> None:
    """One door: no Python open() of the database, its -wal or -shm while restoring."""
    _annotate(db_file, "一")
    backup.make_backup(db_file)
    _annotate(db_file, "二")
    live = {str(db_file), str(db_file) + "-wal", str(db_file) + "-shm"}
    opened: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if watching[0] and event == "open" and args and str(args[0]) in live:
            opened.append(str(args[0]))

    sys.addaudithook(hook)
    try:
        assert backup.probe(db_file).state == "sound"
        assert backup.count_newer(db_file, backup.list_backups(db_file)[0]) == 1
        done = backup.restore(db_file)
    finally:
        watching[0] = False
    assert opened == []
    assert done.newer == 1


def test_a_backup_that_is_the_database_itself_is_refused(db_file: Path) -> None:
    _annotate(db_file, "一")
    backup.make_backup(db_file)
    before = digest(db_file)
    alias = db_file.parent / "alias.sqlite3"
    os.link(db_file, alias)
    for source in (db_file, alias):
        with pytest.raises(InputError, match="is the database itself"):
            backup.restore(db_file, source)
    assert digest(db_file) == before
    assert not [p for p in db_file.parent.iterdir() if ".replaced-" in p.name]


# ---------------------------------------------------------------------------------------------
# Only corruption is damage (issue 14, item 4)


def test_probe_tells_damage_from_busy_foreign_and_newer(db_file: Path) -> None:
    _annotate(db_file, "一")
    health = backup.probe(db_file)
    assert (health.state, health.annotations) == ("sound", 1)

    # Busy: another connection holds the file exclusively; the probe waits, then says busy.
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        locker.execute("PRAGMA locking_mode = EXCLUSIVE")
        locker.execute("BEGIN EXCLUSIVE")
        busy = backup.probe(db_file, wait=0.01)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert busy.state == "busy" and not busy.damaged, busy
    assert backup.probe(db_file).state == "sound"

    good = db_file.read_bytes()
    db_file.write_bytes(b"not a database " * 500)
    assert backup.probe(db_file, wait=0).state == "damaged"
    db_file.write_bytes(b"")
    assert backup.probe(db_file, wait=0).state == "damaged"
    db_file.write_bytes(good[: len(good) // 2])
    assert backup.probe(db_file, wait=0).state == "damaged"

    db_file.unlink()
    conn = sqlite3.connect(db_file)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    assert backup.probe(db_file).state == "foreign"
    assert backup.probe(db_file.parent).state == "foreign"  # a folder is no database
    assert backup.probe(db_file.parent / "absent.sqlite3").state == "missing"

    db_file.write_bytes(good)
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert backup.probe(db_file).state == "newer"


def test_error_state_goes_by_the_sqlite_error_name(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage " * 600)
    conn = sqlite3.connect(bad)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        conn.execute("SELECT * FROM sqlite_schema").fetchall()
    conn.close()
    assert caught.value.sqlite_errorname == "SQLITE_NOTADB"
    assert backup.error_state(caught.value) == "damaged"
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorname = "SQLITE_BUSY"
    assert backup.error_state(locked) == "busy"
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    assert backup.error_state(full) == "unreadable"  # an OperationalError is never damage
    malformed_words = sqlite3.OperationalError("database disk image is malformed")
    assert backup.error_state(malformed_words) == "unreadable"  # words alone prove nothing


# ---------------------------------------------------------------------------------------------
# Backups cover the user's texts (issue 14, item 10)


def _write_text(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_a_backup_holds_the_texts_with_a_manifest_and_restores_them(db_file: Path) -> None:
    texts = paths.user_texts_dir()
    mine = _write_text(texts, "mine.meipi.txt", "第一版")
    _write_text(texts / "pages", "mine.pdf", "%PDF-1.4 原件")
    _write_text(texts, ".import-123.tmp", "half an import")  # never part of a backup
    _annotate(db_file, "一")
    made = backup.make_backup(db_file)
    folder = backup.texts_of(made)
    manifest = json.loads((folder / backup.MANIFEST).read_text(encoding="utf-8"))
    listed = {e["path"]: e for e in manifest["texts"]}
    assert sorted(listed) == ["mine.meipi.txt", "pages/mine.pdf"]
    assert listed["mine.meipi.txt"]["sha256"] == digest(mine)
    assert manifest["database"]["sha256"] == digest(made)
    assert backup.verify_set(made) is None

    # Later: the text changes, a new one arrives, one is lost.
    mine.write_text("第二版", encoding="utf-8")
    newer = _write_text(texts, "later.meipi.txt", "後來的")
    (texts / "pages" / "mine.pdf").unlink()
    done = backup.restore(db_file)
    assert done.texts and done.texts_restored == 2
    assert mine.read_text(encoding="utf-8") == "第一版"
    assert (texts / "pages" / "mine.pdf").read_text(encoding="utf-8") == "%PDF-1.4 原件"
    assert newer.read_text(encoding="utf-8") == "後來的"  # added since: left in place
    assert done.texts_kept is not None
    assert (done.texts_kept / "mine.meipi.txt").read_text(encoding="utf-8") == "第二版"
    assert not [p for p in texts.parent.iterdir() if p.name.startswith(".texts.restore")]


def test_a_backup_whose_texts_do_not_verify_is_skipped(db_file: Path) -> None:
    texts = paths.user_texts_dir()
    _write_text(texts, "mine.meipi.txt", "舊的")
    _annotate(db_file, "舊")
    older = backup.make_backup(db_file)
    _annotate(db_file, "新")
    newer = backup.make_backup(db_file)
    saved = backup.texts_of(newer) / "files" / "mine.meipi.txt"
    saved.write_text("bit rot", encoding="utf-8")
    assert "does not match its manifest" in (backup.verify_set(newer) or "")
    done = backup.restore(db_file)
    assert done.source == older


def test_an_older_database_only_backup_still_restores(db_file: Path) -> None:
    texts = paths.user_texts_dir()
    mine = _write_text(texts, "mine.meipi.txt", "現在的")
    _annotate(db_file, "舊")
    made = backup.make_backup(db_file)
    shutil.rmtree(backup.texts_of(made))  # as an older Meipi made it
    assert backup.verify_set(made) is None
    _annotate(db_file, "新")
    done = backup.restore(db_file)
    assert done.source == made and not done.texts and done.texts_restored == 0
    assert mine.read_text(encoding="utf-8") == "現在的"
    assert _notes(db_file) == ["舊"]


def test_rotation_removes_the_texts_with_their_backup(db_file: Path) -> None:
    _write_text(paths.user_texts_dir(), "mine.meipi.txt", "正文")
    _annotate(db_file, "一")
    made = [backup.make_backup(db_file) for _ in range(3)]
    removed = backup.rotate(db_file, keep=1)
    assert removed == sorted(made, reverse=True)[1:]
    for old in removed:
        assert not old.exists() and not backup.texts_of(old).exists()
    assert backup.texts_of(made[-1]).is_dir()


def test_texts_of_an_interrupted_backup_are_swept_when_old(db_file: Path) -> None:
    _write_text(paths.user_texts_dir(), "mine.meipi.txt", "正文")
    _annotate(db_file, "一")
    kept = backup.make_backup(db_file)
    folder = paths.backups_dir(db_file)
    # Interrupted between the texts' rename and the database's: a texts folder alone.
    old_orphan = folder / "meipi-20260101T000000000000Z.sqlite3.texts"
    young_orphan = folder / "meipi-20260101T000000000001Z.sqlite3.texts"
    old_tmp = folder / ".meipi-20260101T000000000002Z.sqlite3.texts.tmp-1-abcd"
    for path in (old_orphan, young_orphan, old_tmp):
        (path / "files").mkdir(parents=True)
    hour_ago = time.time() - 3600
    for path in (old_orphan, old_tmp, backup.texts_of(kept)):
        os.utime(path, (hour_ago, hour_ago))
    backup.make_backup(db_file)
    assert not old_orphan.exists() and not old_tmp.exists()
    assert young_orphan.exists()  # another process may be writing it right now
    assert backup.verify_set(kept) is None  # a complete backup is never swept

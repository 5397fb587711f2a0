"""Verified rotating backups and restoring them."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.errors import EnvironmentFailure
from reader.store import annotations as ops
from reader.store import backup, open_store
from tests.core.store.helpers import digest, make_doc, needs_fork

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
    assert not list(backup.backups_dir(db_file).glob(".*"))  # no temporary files left
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
    folder = backup.backups_dir(db_file)
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
    assert moved == before  # all three kept, byte for byte
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

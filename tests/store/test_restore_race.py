"""A restore while someone else has the database open: no confirmed note ends up where nobody
looks (the old file, kept aside) without being counted, and nobody keeps reading the old file.

Before the restore took the write lock and stores followed a replaced file, a store opened
before a restore (another ``meipi`` command, the window) wrote its next note into the file kept
aside, after the restore had counted what it set aside: confirmed, and lost to the user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.errors import EnvironmentFailure
from reader.store import annotations as ops
from reader.store import backup, open_store
from tests.store.helpers import digest, make_doc, start_writers

DOC = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭"])
ROOT = Path(__file__).resolve().parents[2]


def _annotate(db: Path, note: str) -> str:
    store = open_store(db)
    try:
        with store.writing() as s:
            return ops.create_annotation(s, DOC, 0, 4, note=note).id
    finally:
        store.close(backup=False)


def _notes(db: Path) -> list[str]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return sorted(str(r[0]) for r in conn.execute("SELECT note FROM annotations"))
    finally:
        conn.close()


def _kept(db: Path) -> Path:
    names = db.parent.iterdir()
    (kept,) = [p for p in names if ".replaced-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    return kept


def test_a_store_opened_before_a_restore_writes_to_the_restored_file(db_file: Path) -> None:
    _annotate(db_file, "備份裡的")
    backup.make_backup(db_file)
    _annotate(db_file, "備份之後的")
    other = open_store(db_file)  # another process's store, open across the restore
    watcher = other.watcher()
    try:
        with other.reading() as s:
            assert sorted(str(r.note) for r in ops.list_annotations(s)) == [
                "備份之後的",
                "備份裡的",
            ]
        done = backup.restore(db_file)
        assert done.newer == 1  # the note made after the backup, set aside and counted
        assert watcher.changed()  # the window hears that its file was replaced
        with other.reading() as s:  # reads the restored file, not the old one
            assert [str(r.note) for r in ops.list_annotations(s)] == ["備份裡的"]
        with other.writing() as s:
            ops.create_annotation(s, DOC, 4, 8, note="還原之後的")
    finally:
        watcher.close()
        other.close(backup=False)
    assert _notes(db_file) == ["備份裡的", "還原之後的"]
    assert _notes(_kept(db_file)) == ["備份之後的", "備份裡的"]  # nothing new went aside


def test_restore_waits_for_a_writer_and_counts_what_it_committed(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _annotate(db_file, "備份裡的")
    backup.make_backup(db_file)
    writer = sqlite3.connect(db_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(backup, "RESTORE_BUSY_MS", 200)
    before = digest(db_file)
    with pytest.raises(EnvironmentFailure, match=r"busy.*Nothing was changed"):
        backup.restore(db_file)
    writer.execute("ROLLBACK")
    writer.close()
    assert digest(db_file) == before
    assert not [p for p in db_file.parent.iterdir() if ".replaced-" in p.name]
    assert _notes(db_file) == ["備份裡的"]


WRITER = r"""
import sys
from reader.store import annotations as ops, open_store
from tests.store.helpers import make_doc
doc = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭"])
store = open_store(sys.argv[1])
for i in range(int(sys.argv[2])):
    with store.writing() as s:
        ops.create_annotation(s, doc, 0, 4, note=f"{sys.argv[3]}{i}")
    print(f"{sys.argv[3]}{i}", flush=True)  # confirmed: the commit returned
store.close(backup=False)
"""


def test_writers_running_through_a_restore_lose_no_confirmed_note(db_file: Path) -> None:
    """Two processes keep writing through one open store each while this process restores:
    every note they were told was saved is in the restored file, or was counted by the restore
    and is in the file it kept aside."""
    _annotate(db_file, "備份裡的")
    backup.make_backup(db_file)
    procs = start_writers(WRITER, db_file, 150, ("甲", "乙"))
    assert procs[0].stdout is not None
    for _ in range(20):  # both are writing before the restore starts
        procs[0].stdout.readline()
    done = backup.restore(db_file)
    outputs = [p.communicate(timeout=300) for p in procs]
    confirmed = {f"甲{i}" for i in range(20)}
    for p, (out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        confirmed |= set(out.split())
    live = set(_notes(db_file))
    aside = set(_notes(_kept(db_file)))
    assert confirmed <= live | aside
    # What went aside is exactly what the restore counted (the backup held only 備份裡的).
    assert len(aside - {"備份裡的"}) == done.newer
    assert not (live & aside) - {"備份裡的"}
    # Every note not counted aside went on into the restored file. (Not "some did": on a loaded
    # machine both writers can finish all theirs while the restore waits for the lock; that
    # the stores follow the restored file is the first test's.)
    assert len(confirmed) == 300
    assert len(confirmed & live) == 300 - done.newer

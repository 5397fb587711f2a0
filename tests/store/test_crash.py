"""``kill -9`` of a process writing annotations, at random moments, a hundred times: every
annotation whose commit returned is there, and ``integrity_check`` passes.

Each round forks a writer from this (already imported) interpreter, so a round costs
milliseconds, not an interpreter start: most rounds reuse a warm engine whose pool is emptied
before the fork (SQLAlchemy's advice for forking; no connection crosses the fork), every tenth
opens the database itself, so some kills land while it is being opened or created. The writer
reports an id on a pipe only after its transaction committed; the parent kills it with SIGKILL
at a random moment, then checks the file.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from pathlib import Path

from reader.store import Store, open_store
from reader.store import annotations as ops
from reader.store import records as store_records
from tests.store.helpers import make_doc, needs_fork

ROUNDS = 100
DOC = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭，" * 20])


def _writer(
    store: Store | None, db: Path, fd: int, seed: int
) -> None:  # pragma: no cover - runs in the child
    rng = random.Random(seed)
    store = store or open_store(db)
    i = 0
    while True:
        start = rng.randrange(0, len(DOC.text) - 10)
        with store.writing() as s:
            record = ops.create_annotation(
                s,
                DOC,
                start,
                start + rng.randrange(1, 10),
                color=rng.choice(store_records.COLORS),
                tags=[f"t{rng.randrange(5)}"],
                note="筆記 👋🏽 " * rng.randrange(0, 200),
            )
        os.write(fd, (record.id + "\n").encode())
        i += 1
        if i % 7 == 0:
            with store.writing() as s:
                ops.update_annotation(s, record.id, note="改 " + str(i))


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 0)
        if not ready:
            break
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode()


def _wait_for_lines(fd: int, count: int, timeout: float = 10.0) -> str:
    data = b""
    deadline = time.monotonic() + timeout
    while data.count(b"\n") < count and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
    return data.decode()


@needs_fork
def test_kill_9_while_writing_loses_nothing_confirmed(db_file: Path) -> None:
    rng = random.Random(20261122)
    confirmed: set[str] = set()
    killed_mid_run = 0
    started = time.monotonic()
    warm: Store | None = None
    for round_no in range(ROUNDS):
        use_warm = warm is not None and round_no % 10 != 0
        if warm is not None:
            warm.engine.dispose()  # no open SQLite connection may cross the fork
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            try:
                _writer(warm if use_warm else None, db_file, write_fd, round_no)
            finally:
                os._exit(0)
        os.close(write_fd)
        # Kill after a random number of confirmed writes, then a random few milliseconds (so
        # the kill lands inside a transaction, a commit's fsync, or the opening), whatever the
        # machine's load.
        received = _wait_for_lines(read_fd, rng.randrange(0, 8))
        time.sleep(rng.uniform(0.0, 0.012))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        text = received + _read_all(read_fd)
        os.close(read_fd)
        new = set(text.split())
        killed_mid_run += bool(new)
        confirmed |= new

        if not db_file.exists():
            assert not confirmed  # killed before the database was linked into place
            continue
        if round_no % 10 == 0:
            store = open_store(db_file)  # Meipi's own checks accept the file after a kill
            store.close(backup=False)
        if warm is None:
            warm = open_store(db_file)
            with warm.writing() as s:  # warms mappers and the statement cache
                ops.update_annotation(s, ops.create_annotation(s, DOC, 0, 2).id, note="warm")
        conn = sqlite3.connect(db_file)
        try:
            stored = {row[0] for row in conn.execute("SELECT id FROM annotations")}
            missing = confirmed - stored
            assert not missing, f"round {round_no}: {len(missing)} confirmed annotations lost"
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    if warm is not None:
        warm.close(backup=False)
    elapsed = time.monotonic() - started
    print(
        f"{ROUNDS} kills, {len(confirmed)} confirmed annotations, "
        f"{killed_mid_run} rounds killed mid-writing, {elapsed:.1f} s"
    )
    assert len(confirmed) > 2 * ROUNDS  # the kills really landed among writes
    assert killed_mid_run > ROUNDS // 2

"""One window per database: the window lock, held by real processes, killed or closed; the
command line keeps writing; ``meipi restore`` refuses while a window is open."""

from __future__ import annotations

import json
import os
import pwd
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.store import window_lock as wl
from tests.cli_helpers import meipi
from tests.store.helpers import digest, needs_fork, run_forked

ROOT = Path(__file__).resolve().parents[2]

# A stand-in for the window: takes the lock, says so, releases it on "release", exits on EOF.
HOLDER = """
import sys
from reader.store.window_lock import acquire_window_lock
lock = acquire_window_lock(sys.argv[1])
print("held" if lock is not None else "refused", flush=True)
for line in sys.stdin:
    if line.strip() == "release" and lock is not None:
        lock.release()
        print("released", flush=True)
"""


class Holder:
    def __init__(self, db: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        self.first = self.proc.stdout.readline().strip()

    def say(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def stop(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        for stream in (self.proc.stdin, self.proc.stdout):
            stream.close()


@pytest.fixture
def holder(db_file: Path) -> Iterator[Holder]:
    h = Holder(db_file)
    assert h.first == "held"
    yield h
    h.stop()


def test_a_second_window_is_told_who_has_it_open(db_file: Path, holder: Holder) -> None:
    assert wl.acquire_window_lock(db_file) is None
    who = wl.window_holder(db_file)
    assert who is not None and who.pid == holder.proc.pid
    assert who.since is not None and who.since.endswith("Z")
    second = Holder(db_file)  # another process: refused too
    try:
        assert second.first == "refused"
    finally:
        second.stop()
    assert holder.say("release") == "released"  # the first window closes
    assert wl.window_holder(db_file) is None
    lock = wl.acquire_window_lock(db_file)
    assert lock is not None and lock.held
    assert lock.path == wl.lock_path(db_file)
    lock.release()


def test_a_killed_window_never_blocks_the_next(db_file: Path, holder: Holder) -> None:
    assert wl.acquire_window_lock(db_file) is None
    holder.proc.send_signal(signal.SIGKILL)
    holder.proc.wait(timeout=30)
    assert wl.lock_path(db_file).exists()  # the file stays, with a dead pid in it
    assert wl.window_holder(db_file) is None
    lock = wl.acquire_window_lock(db_file)
    assert lock is not None
    with lock:
        assert wl.window_holder(db_file) == wl.WindowHolder(os.getpid(), lock_since(db_file))
    assert not lock.held


def lock_since(db: Path) -> str | None:
    return wl._read_note(wl.lock_path(db)).since


def test_the_command_line_writes_while_a_window_is_open(db_file: Path, holder: Holder) -> None:
    made = meipi(
        "annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--note", "窗口開著"
    )
    assert made.code == 0, made.err
    listed = meipi("annotations", "--json").json()["annotations"]
    assert [a["note"] for a in listed] == ["窗口開著"]
    assert meipi("backup").code == 0


def test_restore_refuses_while_a_window_is_open(db_file: Path) -> None:
    assert (
        meipi("annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--note", "一").code
        == 0
    )
    assert meipi("backup").code == 0
    assert (
        meipi("annotate", "lian-obor", "--quote", "中俄", "--occurrence", "2", "--note", "二").code
        == 0
    )
    h = Holder(db_file)
    try:
        assert h.first == "held"
        before = digest(db_file)
        refused = meipi("restore")
        assert refused.code == 1
        assert "close the Meipi window first" in refused.err
        assert str(h.proc.pid) in refused.err
        assert digest(db_file) == before
        assert not [p for p in db_file.parent.iterdir() if ".replaced-" in p.name]
        assert h.say("release") == "released"
        restored = meipi("restore")
        assert restored.code == 0, restored.err
    finally:
        h.stop()
    notes = [a["note"] for a in meipi("annotations", "--json").json()["annotations"]]
    assert notes == ["一"]
    lock = wl.acquire_window_lock(db_file)  # restore let go of the lock
    assert lock is not None
    lock.release()


def test_one_window_per_database_within_a_process_too(db_file: Path, tmp_path: Path) -> None:
    first = wl.acquire_window_lock(db_file)
    assert first is not None
    assert wl.acquire_window_lock(db_file) is None
    other = wl.acquire_window_lock(tmp_path / "elsewhere" / "other.sqlite3")
    assert other is not None  # another database is another window
    first.release()
    first.release()  # twice is harmless
    again = wl.acquire_window_lock(db_file)
    assert again is not None
    again.release()
    other.release()
    assert wl.window_channel(db_file) == wl.window_channel(Path(str(db_file)))
    assert wl.window_channel(db_file) != wl.window_channel(tmp_path / "elsewhere" / "other.sqlite3")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (the pytest temp dir is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="meipi-lock-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


@needs_fork
@pytest.mark.skipif(os.geteuid() != 0, reason="switches to the user nobody")
def test_a_folder_without_write_access_uses_the_fallback_lock(shared_folder: Path) -> None:
    nobody = pwd.getpwnam("nobody")
    folder = shared_folder / "data"
    folder.mkdir()
    folder.chmod(0o555)  # nobody may read it, not write (root would ignore that)
    db = folder / "meipi.sqlite3"
    wl._fallback_path(db).unlink(missing_ok=True)

    def as_nobody() -> list[object]:
        first = wl.acquire_window_lock(db)
        assert first is not None and first.held
        second = wl.acquire_window_lock(db)
        holder = wl.window_holder(db)
        return [str(first.path), second is None, holder.pid if holder else None, os.getpid()]

    path, refused, pid, child = run_forked(as_nobody, uid=nobody.pw_uid, gid=nobody.pw_gid)
    assert path == str(wl._fallback_path(db))
    assert refused is True and pid == child
    assert not wl.lock_path(db).exists()
    wl._fallback_path(db).unlink()


def test_the_lock_file_holds_json_naming_the_holder(db_file: Path) -> None:
    lock = wl.acquire_window_lock(db_file)
    assert lock is not None and lock.held
    try:
        note = json.loads(lock.path.read_bytes())
        assert set(note) == {"pid", "since"}
        assert note["pid"] == os.getpid()
        assert time.strptime(note["since"], "%Y-%m-%dT%H:%M:%SZ")
    finally:
        lock.release()

"""One window per database: a second `meipi` on the same database is told the first is open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.store.window_lock import acquire_window_lock


def test_second_window_is_told_and_exits(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    lock = acquire_window_lock(db)
    assert lock is not None
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MEIPI_DATA_DIR=str(tmp_path / "d"))
        proc = subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(db)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        lock.release()
    assert proc.returncode == 1
    assert "already open" in proc.stderr and str(os.getpid()) in proc.stderr
    assert "Traceback" not in proc.stderr

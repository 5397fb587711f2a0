"""Crash reports: ``meipi`` sends faulthandler's report of a native crash to ``crash.log`` in the
data directory, one line per start, and leaves no unclosed file behind (issue 14, item 11).
Each case runs ``meipi`` as its own process: faulthandler belongs to the whole process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader import crashlog

CRASH_IN_LIST = """
import faulthandler, sys
import reader.commands.texts as texts

def crash(args, ctx):
    faulthandler._sigsegv()  # a native crash, as a fault in Qt or SQLite would be

texts.cmd_list = crash
sys.argv = ["meipi", "list"]
from reader.cli import main
raise SystemExit(main())
"""


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEIPI_DATA_DIR": str(data)}
    env.pop("PYTHONFAULTHANDLER", None)  # the report must come from Meipi's own log
    return subprocess.run(
        [sys.executable, "-X", "dev", "-W", "error", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_start_is_logged_and_no_file_is_left_unclosed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for _ in range(2):
        done = _run(data, "-m", "reader", "list")
        assert done.returncode == 0, done.stderr
        # -X dev -W error: an unclosed file at exit would be a ResourceWarning on stderr.
        assert done.stderr == ""
    lines = (data / crashlog.LOG_NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(line.endswith("started: meipi list") for line in lines)
    assert all(" pid " in line and line[:4].isdigit() for line in lines)


@pytest.mark.skipif(not hasattr(signal, "SIGSEGV") or os.name != "posix", reason="POSIX signal")
def test_a_native_crash_leaves_its_stack_in_the_log(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = _run(data, "-c", CRASH_IN_LIST)
    assert done.returncode == -signal.SIGSEGV
    log = (data / crashlog.LOG_NAME).read_text(encoding="utf-8")
    assert "started: meipi list" in log
    assert "Fatal Python error: Segmentation fault" in log
    assert "most recent call first" in log and "in crash" in log  # the stack, down to the fault


def test_a_long_log_is_rotated_and_an_unwritable_one_never_stops_meipi(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / crashlog.LOG_NAME).write_text("x" * (crashlog.MAX_BYTES + 1), encoding="utf-8")
    assert _run(data, "-m", "reader", "list").returncode == 0
    assert (data / (crashlog.LOG_NAME + ".1")).stat().st_size == crashlog.MAX_BYTES + 1
    assert (data / crashlog.LOG_NAME).read_text(encoding="utf-8").count("\n") == 1

    not_a_folder = tmp_path / "file-not-folder"
    not_a_folder.write_text("", encoding="utf-8")
    done = _run(not_a_folder, "-m", "reader", "list")
    assert done.returncode == 0 and done.stderr == "", done.stderr

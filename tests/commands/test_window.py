"""``meipi`` and ``meipi --db PATH`` start the window without building every command's parser,
with exactly what the full parser would give (issue 10: startup time)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli


@pytest.mark.parametrize("argv", [[], ["--db", "x.sqlite3"], ["--db=x.sqlite3"]])
def test_the_window_shortcut_parses_as_the_full_parser(argv: list[str]) -> None:
    full = vars(cli.build_parser().parse_args(argv))
    fast = cli._window_only(argv)
    assert fast is not None
    quick = vars(fast)
    assert full.pop("func").__qualname__ == quick.pop("func").__qualname__
    assert quick == full


@pytest.mark.parametrize(
    "argv", [["--db"], ["--db="], ["--db", "-h"], ["-h"], ["list"], ["--db", "x", "list"]]
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert cli._window_only(argv) is None


GC_PROBE = """
import gc
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import reader.ui.window.app as app_module
from reader.cli import main

print("before", gc.get_threshold(), flush=True)


def collected(phase, info):
    if phase == "start":
        print("collected", info["generation"], gc.get_threshold(), flush=True)


gc.callbacks.append(collected)
made = app_module.create_window


def create_window(ctx):
    window = made(ctx)

    def painted():
        print("painted", gc.get_threshold(), flush=True)
        print("frozen_at_paint", gc.get_freeze_count(), flush=True)

    def ready():
        def after():  # once every slot of fully_ready has run
            print("ready", gc.get_threshold(), flush=True)
            print("frozen_at_ready", gc.get_freeze_count(), flush=True)
            QApplication.instance().quit()

        QTimer.singleShot(0, after)

    window.reading_view.first_painted.connect(painted)
    window.fully_ready.connect(ready)
    return window


app_module.create_window = create_window
sys.argv = ["meipi"]
raise SystemExit(main())
"""


def test_the_collector_waits_until_the_window_is_ready(tmp_path: Path) -> None:
    """While the window starts, Python's cyclic collector runs every STARTUP_GC_THRESHOLD
    allocations instead of every 700 (the objects made then all live on), which a start does
    not reach; once the window is fully ready, what the start made is frozen out of its reach
    and it runs as it did before."""
    from reader.commands.window import STARTUP_GC_THRESHOLD

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MEIPI_DATA_DIR=str(tmp_path),
        MEIPI_DB=str(tmp_path / "meipi.sqlite3"),
    )
    out = subprocess.run(
        [sys.executable, "-c", GC_PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    said = dict(line.split(" ", 1) for line in lines if " " in line)
    before = ast.literal_eval(said["before"])
    assert ast.literal_eval(said["painted"]) == (STARTUP_GC_THRESHOLD, *before[1:])
    assert ast.literal_eval(said["ready"]) == before
    assert said["frozen_at_paint"] == "0" and int(said["frozen_at_ready"]) > 10_000
    # No collection while the window started (those after it was ready pass over what was
    # made since: the start's objects are frozen).
    startup = f"({STARTUP_GC_THRESHOLD}, "
    assert [line for line in lines if line.startswith("collected") and startup in line] == []

"""Torture (issue 14): the window's real startup-and-write path in this process (offscreen: the
first read and its watcher, then the store its edits open) while several ``meipi annotate``
processes write to the same database, and ``kill -9`` strikes writers at random moments.

"Confirmed" is what a user is told: ``meipi annotate`` exiting 0 with the annotation's id
printed, or the window's ``create`` returning the record. A killed writer's write in flight
may or may not have landed; every confirmed one must be in the database afterwards, and
``PRAGMA integrity_check`` must say ok. A failure prints its random seed: run again with
``MEIPI_TORTURE_SEED=<seed>``.

Two kinds of writer: ``loop`` (one process running ``meipi annotate`` again and again through
``reader.cli.main``: each call opens, writes and closes the store as a separate command does,
without the interpreter's start-up, so the normal suite takes seconds) and ``process`` (a new
``python -m reader annotate`` process per write, as a script would; the slow test). Sizes for a
run by hand: ``MEIPI_TORTURE_WRITERS``, ``MEIPI_TORTURE_WRITES`` (per writer),
``MEIPI_TORTURE_MODE`` and ``MEIPI_TORTURE_KILLS`` apply to the slow test.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import Library, load_library
from reader.store.window_lock import acquire_window_lock
from reader.ui.annotating.annotations_feature import AnnotationsFeature
from reader.ui.annotating.note_editor import Draft
from reader.ui.window.app import WindowConfig, application, create_window
from reader.ui.window.database_dialog import connect_offers
from reader.ui.window.main_window import MainWindow
from tests.cli_helpers import meipi

ROOT = Path(__file__).resolve().parents[3]

LOOP_WRITER = """
import io, json, sys
from reader.cli import main
db, tasks = sys.argv[1], json.loads(open(sys.argv[2], encoding="utf-8").read())
for doc, quote, occurrence in tasks:
    out, err = io.StringIO(), io.StringIO()
    argv = ["annotate", doc, "--quote", quote, "--occurrence", str(occurrence), "--db", db]
    code = main(argv, stdout=out, stderr=err)
    if code == 0 and out.getvalue().strip():
        print("OK", out.getvalue().strip(), flush=True)
    else:
        print("ERR", code, (err.getvalue().strip().splitlines() or [""])[0], flush=True)
"""

Task = tuple[str, str, int]  # document, quote, occurrence


def writer_tasks(library: Library, count: int, rng: random.Random) -> list[Task]:
    """``count`` distinct spans (2 or 3 characters, no white space) as ``meipi annotate``
    names them: a quote and its occurrence, counted as ``find_occurrence`` counts them."""
    spans: dict[tuple[str, int, int], Task] = {}
    for doc in library:
        text = doc.text
        for length in (2, 3):
            seen: dict[str, int] = {}
            for start in range(len(text) - length + 1):
                quote = text[start : start + length]
                if any(ch.isspace() for ch in quote) or quote in seen:
                    continue
                seen[quote] = 1
                at, occurrence = text.find(quote), 0
                while at != -1:
                    occurrence += 1
                    spans[(doc.id, at, at + length)] = (doc.id, quote, occurrence)
                    at = text.find(quote, at + length)
    tasks = sorted(spans.values())
    rng.shuffle(tasks)
    assert len(tasks) >= count, f"only {len(tasks)} distinct spans"
    return tasks[:count]


@dataclass
class Lane:
    """One writer: ``loop`` runs its tasks in one process, ``process`` one process per task;
    a killed ``loop`` writer is started again on the tasks it had not reported."""

    name: str
    mode: str
    db: Path
    folder: Path
    tasks: list[Task]
    confirmed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    killed: int = 0
    proc: subprocess.Popen[str] | None = None
    _running: list[Task] = field(default_factory=list)
    _starts: int = 0

    def _env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}

    def start(self) -> None:
        if not self.tasks:
            return
        self._starts += 1
        if self.mode == "loop":
            self._running, self.tasks = self.tasks, []
            plan = self.folder / f"{self.name}-{self._starts}.json"
            plan.write_text(json.dumps(self._running, ensure_ascii=False), encoding="utf-8")
            argv = [sys.executable, "-c", LOOP_WRITER, str(self.db), str(plan)]
        else:
            self._running, self.tasks = self.tasks[:1], self.tasks[1:]
            doc, quote, occurrence = self._running[0]
            argv = [sys.executable, "-m", "reader", "annotate", doc, "--quote", quote]
            argv += ["--occurrence", str(occurrence), "--db", str(self.db)]
        self.proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self._env(),
            cwd=ROOT,
        )

    @property
    def busy(self) -> bool:
        return self.proc is not None or bool(self.tasks)

    def kill(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            return False
        self.proc.send_signal(signal.SIGKILL)
        self.killed += 1
        return True

    def poll(self) -> None:
        """Collect a finished (or killed) process and start the next."""
        if self.proc is None:
            self.start()
            return
        code = self.proc.poll()
        if code is None:
            return
        out, err = self.proc.communicate()
        self.proc = None
        if self.mode == "loop":
            reported = 0
            for line in out.splitlines():
                kind, _, rest = line.partition(" ")
                reported += 1
                if kind == "OK":
                    self.confirmed.append(rest)
                else:
                    self.errors.append(rest)
            if code != 0:  # killed: the task in flight is not confirmed; go on after it
                self.tasks = self._running[reported + 1 :]
        elif code == 0 and out.strip():
            self.confirmed.append(out.strip())
        elif code != -signal.SIGKILL:
            self.errors.append(f"{code} {(err.strip().splitlines() or [''])[0]}")
        self._running = []
        self.start()


def _quiesce(window: MainWindow) -> None:
    bar = window.reading_view.verticalScrollBar()
    bar.rangeChanged.disconnect(window.reading_view._on_range_changed)


@pytest.fixture
def seed() -> Iterator[int]:
    value = int(os.environ.get("MEIPI_TORTURE_SEED") or random.randrange(2**32))
    print(f"torture seed: {value} (MEIPI_TORTURE_SEED={value} repeats it)")
    yield value


def torture(
    qtbot: QtBot,
    db: Path,
    folder: Path,
    seed: int,
    *,
    writers: int,
    writes: int,
    mode: str,
    kills: int,
    window_writes: int,
) -> dict[str, object]:
    rng = random.Random(seed)
    library = load_library()
    # The window starts on a database that has annotations (the first read and its watcher).
    assert meipi("annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1").code == 0
    tasks = writer_tasks(library, writers * writes, rng)
    lanes = [
        Lane(f"w{i}", mode, db, folder, tasks[i * writes : (i + 1) * writes])
        for i in range(writers)
    ]
    lock = acquire_window_lock(db)
    assert lock is not None
    started = time.monotonic()
    try:
        application()
        window = create_window(WindowConfig(db=db))
        qtbot.addWidget(window, before_close_func=_quiesce)
        connect_offers(window, window.services)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(
            lambda: isinstance(getattr(window, "annotations_feature", None), AnnotationsFeature),
            timeout=20000,
        )
        feature = window.annotations_feature
        assert isinstance(feature, AnnotationsFeature)
        feature.quiet = True
        qtbot.waitUntil(lambda: len(feature.records()) >= 1, timeout=20000)
        doc = window.current_document()
        assert doc is not None
        # The window writes single characters (writers write two or three: never the same span).
        window_spans = [i for i, ch in enumerate(doc.text) if not ch.isspace()]
        rng.shuffle(window_spans)
        window_spans = window_spans[:window_writes]
        window_confirmed: list[str] = []
        window_failed = 0
        for lane in lanes:
            lane.start()
        kill_budget = kills
        while any(lane.busy for lane in lanes):
            if window_spans:
                at = window_spans.pop()
                made = feature.edits.create(
                    at, at + 1, Draft(rng.choice(["yellow", None]), (), None)
                )
                if made is None:
                    window_failed += 1
                else:
                    window_confirmed.append(made.id)
            # Random moments: a few event-loop turns (the watcher's timer runs in them).
            qtbot.wait(rng.randint(0, 15))
            if kill_budget and rng.random() < 0.05:
                running = [lane for lane in lanes if lane.proc is not None]
                if running and rng.choice(running).kill():
                    kill_budget -= 1
            for lane in lanes:
                lane.poll()
        store_error = window.services.store_error
        window.close()
    finally:
        for lane in lanes:
            lane.kill()
            if lane.proc is not None:
                lane.proc.communicate()
        lock.release()
    elapsed = time.monotonic() - started

    confirmed = {i: lane.name for lane in lanes for i in lane.confirmed}
    confirmed.update({i: "window" for i in window_confirmed})
    conn = sqlite3.connect(db)
    try:
        stored = {row[0] for row in conn.execute("SELECT id FROM annotations")}
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    missing = sorted(set(confirmed) - stored)
    errors = [e for lane in lanes for e in lane.errors]
    report = {
        "seed": seed,
        "seconds": round(elapsed, 1),
        "confirmed": len(confirmed),
        "window": len(window_confirmed),
        "window_failed": window_failed,
        "writers": {lane.name: len(lane.confirmed) for lane in lanes},
        "killed": sum(lane.killed for lane in lanes),
        "errors": len(errors),
        "error_sample": sorted(set(errors))[:3],
        "stored": len(stored),
    }
    print("torture:", report)
    assert not missing, (
        f"seed {seed}: {len(missing)} of {len(confirmed)} confirmed annotations lost "
        f"(e.g. {[(i, confirmed[i]) for i in missing[:5]]}); {report}"
    )
    assert integrity == ["ok"], f"seed {seed}: integrity_check: {integrity[:5]}; {report}"
    assert store_error is None, f"seed {seed}: the window was refused: {store_error}"
    damaged = [e for e in errors if "damaged" in e or "restore" in e]
    assert not damaged, f"seed {seed}: a sound database called damaged: {damaged[:3]}"
    assert len(window_confirmed) > 0 and sum(len(lane.confirmed) for lane in lanes) > 0, report
    return report


def test_window_and_command_line_writers_lose_nothing_confirmed(
    qtbot: QtBot, db_file: Path, tmp_path: Path, seed: int
) -> None:
    torture(
        qtbot, db_file, tmp_path, seed, writers=3, writes=8, mode="loop", kills=2,
        window_writes=30,
    )  # fmt: skip
    check = meipi("check")
    assert check.code == 0 and "All good." in check.out, check.out


@pytest.mark.slow
def test_window_and_many_annotate_processes_with_kills(
    qtbot: QtBot, db_file: Path, tmp_path: Path, seed: int
) -> None:
    writers = int(os.environ.get("MEIPI_TORTURE_WRITERS", "4"))
    writes = int(os.environ.get("MEIPI_TORTURE_WRITES", "8"))
    report = torture(
        qtbot,
        db_file,
        tmp_path,
        seed,
        writers=writers,
        writes=writes,
        mode=os.environ.get("MEIPI_TORTURE_MODE", "process"),
        kills=int(os.environ.get("MEIPI_TORTURE_KILLS", "6")),
        window_writes=int(os.environ.get("MEIPI_TORTURE_WINDOW_WRITES", "100")),
    )
    check = meipi("check")
    assert check.code == 0 and "All good." in check.out, (check.out, report)

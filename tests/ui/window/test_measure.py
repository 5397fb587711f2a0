"""``reader.ui.window.measure``: the window's side of ``meipi bench`` drives real windows and the
bare Qt window it compares against, and hands back plain numbers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ui.window import measure


@pytest.mark.parametrize("source", [measure.BARE_SCRIPT, measure.DESK_BARE_SCRIPT])
def test_the_bare_window_reports_its_paint_and_memory(tmp_path: Path, source: str) -> None:
    script = tmp_path / "bare.py"
    script.write_text(source, encoding="utf-8")
    text = tmp_path / "text.txt"
    text.write_text(load_library(user_dir=tmp_path / "none").get("lian-obor").text, "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(script), str(text)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    lines = dict(line.split() for line in done.stdout.splitlines())
    if source == measure.DESK_BARE_SCRIPT:
        # Ready once its widgets are made, after the paint.
        assert list(lines) == ["paint", "cpu", "ready", "cpu_ready", "rss"]
        assert float(lines["paint"]) <= float(lines["ready"])
        assert float(lines["cpu"]) < float(lines["cpu_ready"])
    else:
        assert list(lines) == ["paint", "cpu", "rss"]
    assert 0 < float(lines["cpu"]) < 60  # the CPU seconds it had used when the text was painted
    assert 10_000 < int(lines["rss"]) < 2_000_000


def test_the_desk_draws_what_the_bare_window_does_and_one_page_number() -> None:
    # Its paint is the bare window's with one page number drawn: the rest of the two is the same
    # until the first paint.
    drawing = [
        "from PySide6.QtGui import QColor, QPainter",
        "painter = QPainter(self.viewport())",
        "painter.setPen(QColor('#8a6d3b'))",
        "painter.drawText(8, 20, 'p. 1')",
        "painter.end()",
    ]
    block = "".join(f"        {line}\n" for line in drawing)
    assert block in measure.DESK_BARE_SCRIPT
    desk = measure.DESK_BARE_SCRIPT.replace(block, "")
    bare = measure.BARE_SCRIPT
    head = bare.index("def finish():")
    assert desk.startswith(bare[: bare.index("QTimer.singleShot(0, finish)")])
    assert desk.endswith(bare[head:])


def test_a_view_switch_is_timed_in_a_real_window(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.ui.window.main_window import MainWindow

    first, warm = measure.view_switch_times(1, tmp_path / "data")
    assert len(first) == 1 and len(warm) == 4
    assert all(0 < t < 60 for t in first + warm)
    # The window it drove is gone, with what it held: the bench's later rows run in this
    # process, and a window left behind (a library's annotations) slowed them two- to fourfold.
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_sidebar_filters_are_timed_until_the_list_shows_their_rows(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from reader.store import open_store
    from reader.store.bulk import create_annotations

    data = tmp_path / "data"
    (data / "texts").mkdir(parents=True)
    doc = load_library(user_dir=data / "texts").get("lian-obor")
    specs = [
        (i * 15, i * 15 + 8, "yellow", ["能源"] if i % 2 else [], f"筆記 {i}" if i % 3 else None)
        for i in range(300)
    ]
    db = data / "meipi.sqlite3"
    with open_store(db) as store, store.writing() as s:
        create_annotations(s, doc, specs)
    by_tag, by_text = measure.many_annotations_filter_times(2, data, db, "lian-obor", 300)
    assert len(by_tag) == len(by_text) == 2
    assert all(0 < t < 60 for t in by_tag + by_text)
    for window in QApplication.topLevelWidgets():
        window.deleteLater()


def test_texts_of_a_library_are_timed_until_their_annotations_are_drawn(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from reader import documents
    from reader.bench.workload import annotation_specs, library_documents
    from reader.store import open_store
    from reader.store.bulk import create_annotations

    data = tmp_path / "data"
    (data / "texts").mkdir(parents=True)
    db = data / "meipi.sqlite3"
    with open_store(db) as store, store.writing() as session:
        for n, doc in enumerate(library_documents(4, chars_each=1_500)):
            path = data / "texts" / f"{doc.id}{documents.TEXT_SUFFIX}"
            path.write_text(documents.dumps(doc), encoding="utf-8")
            create_annotations(session, doc, annotation_specs(doc, 5, seed=n))
    times = measure.library_open_times(data, db, ["lib-0001", "lib-0002", "lib-0003"], 5)
    assert len(times) == 2 and all(0 < t < 60 for t in times)  # the first opening is untimed


def test_the_library_filter_is_timed_keystroke_by_keystroke(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from reader import documents
    from reader.bench.workload import library_documents
    from reader.ui.window.main_window import MainWindow

    data = tmp_path / "data"
    (data / "texts").mkdir(parents=True)
    for doc in library_documents(40, chars_each=300):
        path = data / "texts" / f"{doc.id}{documents.TEXT_SUFFIX}"
        path.write_text(documents.dumps(doc), encoding="utf-8")
    typed, cleared = measure.library_filter_times(2, data)
    # Each keystroke of each run but the first (which folds the keys), then each clearing;
    # a query that narrowed nothing, or to nothing, would have been refused.
    assert len(typed) == 2 * len(measure.LIBRARY_FILTER_TYPED) and len(cleared) == 2
    assert all(0 < t < 60 for t in typed + cleared)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]

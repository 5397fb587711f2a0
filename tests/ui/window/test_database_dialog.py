"""A refused database in the window: the file is looked at again before anything is offered; a
busy, sound or foreign file is never offered a restore; the safe choice is the default (Return
and Escape change nothing); only a click on "Restore the Backup" restores, and the damaged file
is kept (issue 14, item 4)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from reader.store import open_store
from reader.store.annotations import create_annotation, list_annotations
from reader.store.backup import make_backup
from reader.ui.window.database_dialog import (
    KEEP_LABEL,
    RESTORE_LABEL,
    connect_offers,
    offer_restore,
)
from reader.ui.window.main_window import MainWindow
from reader.ui.window.services import Services
from tests.ui.helpers import MakeWindow

Action = Callable[[QMessageBox], None]
SUFFIXES = ("", "-wal", "-shm")


class Responder:
    """Answers each modal message box as it appears, in order, the way a user would (keys to
    the focused button, or a click), and records what each box said and offered. A box beyond
    the expected ones is recorded in ``unexpected`` and closed, so a test fails, never hangs."""

    def __init__(self, qtbot: QtBot, *actions: Action) -> None:
        self.actions = list(actions)
        self.seen: list[str] = []
        self.buttons: list[list[str]] = []
        self.unexpected: list[str] = []
        self._handled: list[QMessageBox] = []
        self._owner = QWidget()  # kept: pytest-qt holds widgets only weakly
        qtbot.addWidget(self._owner)  # closed after the test; the timer goes with it
        self._timer = QTimer(self._owner)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box in self._handled or not box.isVisible():
            return
        self._handled.append(box)
        said = box.text() + "\n" + box.informativeText()
        if not self.actions:
            self.unexpected.append(said)
            box.done(0)
            return
        self.seen.append(said)
        self.buttons.append([b.text() for b in box.buttons()])
        self.actions.pop(0)(box)


def press(key: Qt.Key) -> Action:
    def act(box: QMessageBox) -> None:
        focused = QApplication.focusWidget()
        target = focused if focused is not None and box.isAncestorOf(focused) else box
        QtBot.keyClick(target, key)

    return act


def click(label: str) -> Action:
    def act(box: QMessageBox) -> None:
        button = next(b for b in box.buttons() if b.text() == label)
        assert isinstance(button, QPushButton)
        button.click()

    return act


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _annotated_db(notes: tuple[str, ...] = ("保留",)) -> Path:
    db = paths.db_path()
    doc = load_library().get("lian-obor")
    with open_store(db) as store, store.writing() as s:
        for i, note in enumerate(notes):
            create_annotation(s, doc, start=100 + 20 * i, end=110 + 20 * i, note=note)
    return db


def _damaged_db_with_backup() -> tuple[Path, str]:
    db = _annotated_db()
    make_backup(db)
    with open_store(db) as store, store.writing() as s:
        create_annotation(s, load_library().get("lian-obor"), start=200, end=210, note="新")
    db.write_bytes(b"this is not a database" * 100)
    return db, _digest(db)


def _services(qtbot: QtBot, db: Path) -> tuple[Services, QWidget]:
    services = Services(db, load_library())
    parent = QWidget()
    qtbot.addWidget(parent)
    return services, parent


def _beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir())


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape])
def test_return_and_escape_never_restore(qtbot: QtBot, key: Qt.Key) -> None:
    db, digest = _damaged_db_with_backup()
    services, parent = _services(qtbot, db)
    services.annotations_seen = 2  # as the window had read them before the file broke
    files = _beside(db)
    assert services.store() is None and services.store_error
    answers = Responder(qtbot, press(key))
    assert offer_restore(parent, services, services.store_error or "") is False
    assert answers.unexpected == [] and not answers.actions
    assert sorted(answers.buttons[0]) == sorted([RESTORE_LABEL, KEEP_LABEL])
    assert "holds 1 annotations" in answers.seen[0], answers.seen
    assert "held 2 when Meipi last read it" in answers.seen[0], answers.seen
    assert _digest(db) == digest and _beside(db) == files
    services.close()


def test_clicking_restore_restores_and_keeps_the_damaged_file(qtbot: QtBot) -> None:
    db, digest = _damaged_db_with_backup()
    services, parent = _services(qtbot, db)
    assert services.store() is None
    answers = Responder(qtbot, click(RESTORE_LABEL), press(Qt.Key.Key_Return))
    assert offer_restore(parent, services, services.store_error or "") is True
    assert answers.unexpected == []
    assert "how many this file held is not known" in answers.seen[0]
    assert "The previous file was kept as" in answers.seen[1]
    store = services.store()
    assert store is not None
    with store.reading() as s:
        assert [r.note for r in list_annotations(s)] == ["保留"]
    kept = [p for p in db.parent.iterdir() if ".replaced-" in p.name]
    assert [_digest(p) for p in kept] == [digest]
    services.close()


def test_a_busy_database_is_never_called_damaged(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store import backup

    db = _annotated_db()
    make_backup(db)
    monkeypatch.setattr(backup, "PROBE_BUSY_MS", 50)
    monkeypatch.setattr(backup, "PROBE_WAIT", 0.01)
    services, parent = _services(qtbot, db)
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    try:
        before = _digest(db)
        answers = Responder(qtbot, press(Qt.Key.Key_Return))
        message = f"{db} is damaged or unreadable (SQLite: database is locked)"
        assert offer_restore(parent, services, message, retry=False) is False
        assert answers.unexpected == []
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert RESTORE_LABEL not in answers.buttons[0]
    assert "is busy" in answers.seen[0] and "not damaged" in answers.seen[0], answers.seen
    assert _digest(db) == before
    assert not [p for p in db.parent.iterdir() if ".replaced-" in p.name]


def test_a_refusal_that_does_not_last_is_read_again(qtbot: QtBot) -> None:
    db = _annotated_db(("一", "二"))
    services, parent = _services(qtbot, db)
    before = _digest(db)
    answers = Responder(qtbot, press(Qt.Key.Key_Escape))
    assert offer_restore(parent, services, f"{db} is damaged or unreadable (SQLite: …)") is False
    assert answers.unexpected == []
    assert RESTORE_LABEL not in answers.buttons[0]
    assert "reads correctly now" in answers.seen[0]
    data = services.read_annotations(None)  # the refusal was forgotten: read again
    assert data is not None and [r.note for r in data[0]] == ["一", "二"]
    assert _digest(db) == before
    services.close()


def test_another_applications_file_is_not_offered_a_restore(qtbot: QtBot) -> None:
    db = _annotated_db()
    make_backup(db)
    db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = _digest(db)
    services, parent = _services(qtbot, db)
    assert services.store() is None
    answers = Responder(qtbot, press(Qt.Key.Key_Return))
    assert offer_restore(parent, services, services.store_error or "") is False
    assert answers.unexpected == []
    assert RESTORE_LABEL not in answers.buttons[0]
    assert "not a Meipi database" in answers.seen[0] and "--db" in answers.seen[0]
    assert _digest(db) == before


def test_the_window_offers_once_when_the_store_is_refused(qtbot: QtBot) -> None:
    db, digest = _damaged_db_with_backup()
    services, parent = _services(qtbot, db)
    connect_offers(parent, services)
    answers = Responder(qtbot, press(Qt.Key.Key_Return))
    assert services.store() is None
    qtbot.waitUntil(lambda: len(answers.seen) == 1)
    assert answers.unexpected == []
    assert RESTORE_LABEL in answers.buttons[0]
    assert _digest(db) == digest
    services.close()


def _open_descriptors_to(paths_: list[Path]) -> list[str]:
    wanted = {str(p) for p in paths_}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.removesuffix(" (deleted)") in wanted:
                found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists descriptors via /proc")
def test_restoring_closes_every_connection_the_window_held(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store import backup

    real_restore = backup.restore
    held_when_restoring: list[list[str]] = []

    def watched_restore(db: Path, source: Path | None = None) -> backup.Restored:
        held_when_restoring.append(_open_descriptors_to([Path(str(db) + s) for s in SUFFIXES]))
        return real_restore(db, source)

    monkeypatch.setattr(backup, "restore", watched_restore)
    db = _annotated_db(("一", "二"))
    make_backup(db)
    services, parent = _services(qtbot, db)
    data = services.read_annotations(None)  # the window's first read: its watcher stays open
    assert data is not None and len(data[0]) == 2
    assert _open_descriptors_to([db])  # the watcher's connection
    # Another process damages the file (this one must not open it: one door).
    subprocess.run(
        [sys.executable, "-c", f"open({str(db)!r}, 'r+b').write(b'not a database' * 8)"],
        check=True,
    )
    assert services.store() is None  # refused: damaged
    answers = Responder(qtbot, click(RESTORE_LABEL), press(Qt.Key.Key_Return))
    assert offer_restore(parent, services, services.store_error or "") is True
    assert answers.unexpected == []
    assert held_when_restoring == [[]]  # store and watcher closed before the files moved
    assert "held 2 when Meipi last read it" in answers.seen[0], answers.seen
    kept = next(
        p
        for p in db.parent.iterdir()
        if ".replaced-" in p.name and not p.name.endswith(("-wal", "-shm"))
    )
    # Nothing of this process still reads the old file, its log or its index.
    logs = [Path(str(kept) + s) for s in SUFFIXES]
    assert _open_descriptors_to(logs) == []
    assert _open_descriptors_to([db])  # the new store is open on the restored file
    services.close()


def _damaged_db_without_backup() -> Path:
    db = _annotated_db()
    shutil.rmtree(paths.backups_dir(db))
    db.write_bytes(b"this is not a database" * 100)
    return db


def test_a_damaged_file_without_a_backup_is_explained_for_a_window_user(qtbot: QtBot) -> None:
    db = _damaged_db_without_backup()
    services, parent = _services(qtbot, db)
    assert services.store() is None
    answers = Responder(qtbot, press(Qt.Key.Key_Return))
    assert offer_restore(parent, services, services.store_error or "") is False
    said = answers.seen[0]
    # What to do, in the window's terms (not the command line's --db), and what "until then"
    # waits for.
    assert "No verified backup" in said and "--db" not in said
    assert "quit Meipi and move the file out of its folder" in said
    assert said.index("move the file") < said.index("until then")
    services.close()


def test_the_status_bar_says_the_consequence_in_the_page_numbers_place(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    db = _damaged_db_without_backup()
    window = make_window(wait_for=("annotations_feature",))
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=10_000)
    message = window.statusBar().currentMessage()
    assert message == f"Nothing you annotate can be saved: Meipi could not open {db}."
    assert not window.page_label.isVisible()  # not drawn under the message
    window.statusBar().clearMessage()
    assert window.page_label.isVisible()


def _refused_highlight(window: MainWindow) -> list[str]:
    """What the window says when a highlight of 新思維 is refused (it must be)."""
    from reader.ui.annotating.note_editor import Draft
    from tests.ui.helpers import feature_of

    feature = feature_of(window)
    failures: list[str] = []
    feature.edit_failed.connect(failures.append)
    doc = window.current_document()
    assert doc is not None
    start = doc.text.index("新思維")
    assert feature.edits.create(start, start + 3, Draft("yellow", (), None)) is None
    return failures


def test_a_refused_write_says_so_in_the_windows_words(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    db = _damaged_db_without_backup()
    window = make_window(wait_for=("annotations_feature",))
    failures = _refused_highlight(window)
    assert failures == [f"Not saved: Meipi could not open {db}, which holds your notes."]


def test_the_window_says_which_text_a_restore_undid_and_how_to_put_it_back(
    qtbot: QtBot, db_file: Path, tmp_path: Path
) -> None:
    """The window's report, as the command's: one text in the singular, and the text changed
    since the backup named with the command that puts its kept version back."""
    from reader.store.backup import restore
    from reader.ui.window.database_dialog import restored_text
    from tests.cli_helpers import meipi

    source = tmp_path / "mine.md"
    source.write_text("# 我的文章\n\n中亞地區的能源合作與競爭。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "mine").code == 0
    assert meipi("backup").code == 0
    assert meipi("import", str(source), "--id", "mine", "--replace", "--title", "新題").code == 0
    parent = QWidget()
    qtbot.addWidget(parent)
    said = restored_text(parent, restore(db_file, None))
    assert "1 of your texts was put back as the backup had it." in said, said
    assert "A text had changed since the backup" in said, said
    # The restore's own set-aside folder: the latest (the --replace import made one before it).
    kept = max(db_file.parent.glob("texts.replaced-*")) / "mine.meipi.txt"
    assert f"mine: meipi import {kept} --replace" in said, said


def test_a_database_that_cannot_be_made_where_it_belongs_says_what_to_check(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data folder that cannot be made (a file stands in its way; a read-only folder is the
    same): no dialog explains it (nothing is damaged), so the refusal itself says what to check
    — it said only that the file could not be opened."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    monkeypatch.setenv("MEIPI_DATA_DIR", str(blocker / "meipi"))
    db = blocker / "meipi" / "meipi.sqlite3"
    window = make_window(wait_for=("annotations_feature",))
    failures = _refused_highlight(window)
    assert failures == [
        f"Not saved: Meipi could not open {db}, which holds your notes. Check that its folder "
        "exists and that you may write to it, then try again."
    ]
    assert window.services.place_unwritable()

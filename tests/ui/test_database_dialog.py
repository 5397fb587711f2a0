"""A refused database in the window: the reader is told why and offered the newest verified
backup; only if they accept is the damaged file moved aside (kept) and the backup restored."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from reader.store import open_store
from reader.store.annotations import create_annotation, list_annotations
from reader.store.backup import make_backup
from reader.ui.database_dialog import offer_restore
from reader.ui.services import Services


def _answer(monkeypatch: pytest.MonkeyPatch, choice: str, shown: list[str]) -> None:
    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text() + "\n" + box.informativeText())
        for button in box.buttons():
            if button.text() == choice:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(str(a[2])))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(str(a[2])))


def _damaged_db_with_backup() -> tuple[Path, str]:
    db = paths.db_path()
    doc = load_library().get("lian-obor")
    with open_store(db) as store, store.writing() as s:
        create_annotation(s, doc, start=100, end=110, color="green", tags=["中亞"], note="保留")
    make_backup(db)
    db.write_bytes(b"this is not a database" * 100)
    return db, hashlib.sha256(db.read_bytes()).hexdigest()


def test_declining_touches_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    db, digest = _damaged_db_with_backup()
    services = Services(db, load_library())
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    _answer(monkeypatch, "Not Now", shown)
    assert services.store() is None and services.store_error
    assert offer_restore(parent, services, services.store_error or "") is False
    assert "Restore" not in shown[0] or "backup" in shown[0].lower()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_accepting_restores_and_keeps_the_damaged_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, digest = _damaged_db_with_backup()
    services = Services(db, load_library())
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    _answer(monkeypatch, "Restore the Backup", shown)
    assert services.store() is None
    assert offer_restore(parent, services, services.store_error or "") is True
    store = services.store()
    assert store is not None
    with store.reading() as s:
        notes = [r.note for r in list_annotations(s)]
    assert notes == ["保留"]
    kept = [
        p
        for p in db.parent.iterdir()
        if ".replaced-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and hashlib.sha256(kept[0].read_bytes()).hexdigest() == digest
    services.close()

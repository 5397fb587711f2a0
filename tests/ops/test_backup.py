"""Backups through the use cases (``reader.ops.backup``): a verified copy, found as the newest,
refused when it is not a Meipi database, and restored in place of a changed database."""

from __future__ import annotations

from pathlib import Path

from reader.documents import load_library
from reader.ops import annotations as annotation_ops
from reader.ops import backup
from reader.store import open_store


def annotate(db: Path, quote: str) -> None:
    doc = load_library().get("lian-obor")
    store = open_store(db)
    try:
        start = doc.text.index(quote)
        annotation_ops.annotate(store, doc, start, start + len(quote))
    finally:
        store.close(backup=False)


def quotes(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return [r.quote for r in annotation_ops.list_annotations(store)]
    finally:
        store.close(backup=False)


def test_backup_verify_and_restore(db_file: Path) -> None:
    annotate(db_file, "戈巴契夫")
    assert backup.newest_backup(db_file) is None
    made = backup.make_backup(db_file)
    assert backup.verify(made) is None
    assert backup.list_backups(db_file) == [made] and backup.newest_backup(db_file) == made
    annotate(db_file, "中亞")
    assert sorted(quotes(db_file)) == sorted(["戈巴契夫", "中亞"])
    restored = backup.restore(db_file)
    assert restored.source == made and restored.kept is not None and restored.newer == 1
    assert quotes(db_file) == ["戈巴契夫"]


def test_a_file_that_is_not_a_meipi_database_is_named(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    assert backup.verify(text) == "it is not a SQLite database"
    assert backup.verify(tmp_path / "missing.sqlite3") is not None

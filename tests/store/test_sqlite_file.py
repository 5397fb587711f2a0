"""The file-level store (``reader.store.sqlite_file``): a migration keeps every row byte for
byte."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.store import annotations as ops
from reader.store import open_store, sqlite_file
from reader.store.backup import list_backups
from tests.store.helpers import make_doc

DOC = make_doc(["一帶一路框架下中俄之潛在競合關係", "中亞地區的能源合作與競爭"])


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    cols = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
    return conn.execute(f"SELECT {cols} FROM {table} ORDER BY rowid").fetchall()


def test_migration_from_v1_keeps_every_row_byte_for_byte(db_file: Path) -> None:
    db_file.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_file, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        sqlite_file.apply_migrations(conn, 0, 1)
        conn.execute(
            "INSERT INTO documents VALUES ('mine', ?, ?, '[[1, 0]]', 'Mine')",
            (DOC.sha256, DOC.text),
        )
        notes = ["e\u0301 👋🏽 \u202e抄\u202c", "", None, "**粗**\r\n\x00", "𠀀" * 50]
        for i, note in enumerate(notes):
            conn.execute(
                "INSERT INTO annotations VALUES (?, 'mine', ?, ?, ?, ?, ?, ?, ?, "
                "'2026-11-21T09:30:00Z', '2026-11-21T09:31:00Z', ?)",
                (
                    f"id-{i}",
                    i,
                    i + 2,
                    DOC.text[i : i + 2],
                    DOC.text[:i],
                    DOC.text[i + 2 :],
                    [None, "yellow", "pink"][i % 3],
                    note,
                    i % 2,
                ),
            )
        conn.execute(
            "INSERT INTO tags (name, key) VALUES ('地區/中亞', '地区/中亚'), ('Energy', 'energy')"
        )
        conn.execute(
            "INSERT INTO annotation_tags VALUES ('id-0', 1, 0), ('id-0', 2, 1), ('id-3', 2, 0)"
        )
        conn.execute("INSERT INTO color_meanings VALUES ('pink', '待查')")
        conn.execute("INSERT INTO glossary_keeps VALUES ('區域性', '2026-11-21T09:30:00Z')")
        conn.execute(
            "INSERT INTO glossary_equivalences (a, b, key, created) VALUES "
            "('普京', '普丁', '[\"普丁\", \"普京\"]', '2026-11-21T09:30:00Z')"
        )
        conn.execute(
            "INSERT INTO glossary_conversions VALUES ('哈薩克', '哈薩克', '2026-11-21T09:30:00Z')"
        )
        conn.execute("COMMIT")
        v1_columns = {
            t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")]
            for t in sqlite_file.expected_tables(1)
        }
        before = {t: _rows(conn, t, cols) for t, cols in v1_columns.items()}
    finally:
        conn.close()

    store = open_store(db_file)
    try:
        with store.reading() as s:
            record = ops.get_annotation(s, "id-0")
    finally:
        store.close(backup=False)
    assert record.tags == ("地區/中亞", "Energy") and record.note == notes[0]
    after = sqlite3.connect(db_file)
    try:
        assert after.execute("PRAGMA user_version").fetchone()[0] == sqlite_file.SCHEMA_VERSION
        for table, cols in v1_columns.items():
            assert _rows(after, table, cols) == before[table], table
        assert after.execute("SELECT color, description FROM tags").fetchall() == [
            (None, None),
            (None, None),
        ]
    finally:
        after.close()
    # The verified backup taken first is the v1 database, rows and all.
    backups = list_backups(db_file)
    assert len(backups) == 1
    old = sqlite3.connect(f"{backups[0].as_uri()}?immutable=1", uri=True)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        for table, cols in v1_columns.items():
            assert _rows(old, table, cols) == before[table], table
    finally:
        old.close()

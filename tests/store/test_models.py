"""The ORM models (``reader.store.models``) declare the schema the migrations make."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from reader.store import models, open_store


def test_models_match_the_migrated_schema(db_file: Path) -> None:
    open_store(db_file).close(backup=False)
    engine = create_engine("sqlite://")
    models.Base.metadata.create_all(engine)
    declared = engine.raw_connection()

    def shape(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name")
        ]
        return {
            t: sorted((c[1], c[2].upper(), c[5]) for c in conn.execute(f"PRAGMA table_info({t})"))
            for t in tables
        }

    migrated = sqlite3.connect(db_file)
    try:
        assert isinstance(declared.driver_connection, sqlite3.Connection)
        assert shape(migrated) == shape(declared.driver_connection)
    finally:
        migrated.close()
        declared.close()  # back to the pool, which holds the in-memory connection:
        engine.dispose()  # this closes it

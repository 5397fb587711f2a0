"""``reader.paths``: where the data, the database and its backups live, and which files belong
to the database (compared by ``stat``, also through a link or another name)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader import dictionary, paths, words


def test_the_database_comes_from_db_then_meipi_db_then_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEIPI_DATA_DIR", str(tmp_path / "data"))
    assert paths.data_dir() == tmp_path / "data"
    assert paths.db_path() == tmp_path / "data" / "meipi.sqlite3"
    assert paths.user_texts_dir() == tmp_path / "data" / "texts"
    monkeypatch.setenv("MEIPI_DB", str(tmp_path / "env.sqlite3"))
    assert paths.db_path() == tmp_path / "env.sqlite3"
    assert paths.db_path(str(tmp_path / "cli.sqlite3")) == tmp_path / "cli.sqlite3"
    monkeypatch.setenv("MEIPI_DB", "")
    assert paths.db_path("") == tmp_path / "data" / "meipi.sqlite3"  # empty counts as unset
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.db_path("~/m.sqlite3") == tmp_path / "home" / "m.sqlite3"


def test_backups_live_beside_the_database() -> None:
    db = Path("/x/y/meipi.sqlite3")
    assert paths.backups_dir(db) == Path("/x/y/meipi-backups")
    names = [p.name for p, _ in paths.database_files(db)]
    assert names == ["meipi.sqlite3", *(f"meipi.sqlite3-{s}" for s in ("wal", "shm", "journal"))]


def test_the_database_its_companions_and_backups_are_protected(tmp_path: Path) -> None:
    db = tmp_path / "meipi.sqlite3"
    db.write_bytes(b"")
    backups = paths.backups_dir(db)
    backups.mkdir()
    kept = backups / "meipi-20260101T000000000000Z.sqlite3"
    kept.write_bytes(b"")
    other = tmp_path / "notes.md"
    other.write_bytes(b"")
    assert paths.protected_role(db, db) == "the database"
    assert paths.protected_role(tmp_path / "meipi.sqlite3-wal", db) == (
        "the database's write-ahead log"
    )  # even before it exists
    assert paths.protected_role(backups, db) == "the database's backups folder"
    assert paths.protected_role(kept, db) == "in the database's backups folder"
    assert paths.protected_role(backups / "new.md", db) == "in the database's backups folder"
    assert paths.protected_role(other, db) is None
    # Other names for the same files: a symbolic link, a hard link.
    link = tmp_path / "link.sqlite3"
    link.symlink_to(db)
    assert paths.protected_role(link, db) == "the database"
    hard = tmp_path / "hard.sqlite3"
    os.link(kept, hard)
    assert paths.protected_role(hard, db) == "a backup of the database"


def test_the_shipped_texts_and_resources_are_found() -> None:
    assert any(paths.shipped_texts_dir().glob("*.meipi.txt"))
    assert (paths.resources_dir() / "translations").is_dir()


def test_caches_live_in_the_data_directory_by_default(
    isolated_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MEIPI_CACHE_DIR", raising=False)
    assert paths.cache_dir() == isolated_data / "cache"
    assert words.cache_dir() == isolated_data / "cache"
    assert dictionary.index_dir() == isolated_data / "cache" / "dictionary"


def test_meipi_cache_dir_moves_every_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEIPI_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert paths.cache_dir() == tmp_path / "elsewhere"
    assert words.cache_dir() == tmp_path / "elsewhere"
    assert dictionary.index_dir() == tmp_path / "elsewhere" / "dictionary"

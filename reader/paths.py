"""One place for paths: the user data directory, the database, shipped texts and resources.

The database is ``--db`` if given, else ``$MEIPI_DB``, else ``meipi.sqlite3`` in the platform's
user data directory. ``$MEIPI_DATA_DIR`` moves the whole data directory (tests use it).
Shipped ``texts/`` and ``resources/`` are read from the source tree when running from a checkout
and from ``reader/_data/`` inside an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Meipi"
DB_FILENAME = "meipi.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user data directory (not created here)."""
    override = os.environ.get("MEIPI_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))


def db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``--db``, then ``$MEIPI_DB``, then the data directory."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("MEIPI_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def backups_dir(db: Path) -> Path:
    """Backups live beside the database, so moving one moves the other."""
    return db.parent / (db.stem + "-backups")


def user_texts_dir() -> Path:
    """Texts the user imported (``meipi import``)."""
    return data_dir() / "texts"


def _shipped(name: str) -> Path:
    source_tree = _PACKAGE_DIR.parent / name
    if source_tree.is_dir():
        return source_tree
    return _PACKAGE_DIR / "_data" / name


def shipped_texts_dir() -> Path:
    return _shipped("texts")


def resources_dir() -> Path:
    return _shipped("resources")


def seeds_dir() -> Path | None:
    """The raw PDF-extracted seeds, present only beside a checkout (``../shared/seeds``)."""
    for candidate in (
        _PACKAGE_DIR.parent.parent / "shared" / "seeds",
        _PACKAGE_DIR.parent / "shared" / "seeds",
    ):
        if candidate.is_dir():
            return candidate
    return None

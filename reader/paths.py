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


def cache_dir() -> Path:
    """Derived data Meipi can always rebuild (the segmenter's frequencies, the dictionary's
    index): ``$MEIPI_CACHE_DIR``, else ``cache`` in the data directory. Safe to delete."""
    override = os.environ.get("MEIPI_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return data_dir() / "cache"


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


def database_files(db: Path) -> list[tuple[Path, str]]:
    """The database and the files SQLite keeps beside it, each with what it is."""
    return [
        (db, "the database"),
        (db.with_name(db.name + "-wal"), "the database's write-ahead log"),
        (db.with_name(db.name + "-shm"), "the database's shared-memory file"),
        (db.with_name(db.name + "-journal"), "the database's rollback journal"),
    ]


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def protected_role(path: Path, db: Path) -> str | None:
    """What ``path`` is to the database ``db`` when it is one of the files no export may
    replace and no import may read: the database, its -wal/-shm/-journal, the backups folder
    or anything in it (also through a link or another name for the same file). None otherwise.
    The answer reads after "is": "the database", "in the database's backups folder".

    Compared by ``stat`` only (as ``os.path.samefile`` does): nothing is opened, so the
    process's SQLite locks are never disturbed.
    """
    path = Path(path)
    own = _identity(path)
    absolute = os.path.abspath(path)
    for candidate, role in database_files(Path(db)):
        if absolute == os.path.abspath(candidate) or (
            own is not None and own == _identity(candidate)
        ):
            return role
    backups = backups_dir(Path(db))
    backups_id = _identity(backups)
    if backups_id is None:
        return None
    if own == backups_id:
        return "the database's backups folder"
    ancestors = {*Path(os.path.abspath(path)).parents, *Path(os.path.realpath(path)).parents}
    if any(_identity(folder) == backups_id for folder in ancestors):
        return "in the database's backups folder"
    if own is not None:
        try:
            entries = list(os.scandir(backups))
        except OSError:
            entries = []
        for entry in entries:
            try:
                st = entry.stat()
            except OSError:
                continue
            if (st.st_dev, st.st_ino) == own:
                return "a backup of the database"
    return None


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

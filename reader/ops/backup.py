"""Backups, thin over :mod:`reader.store.backup` (which owns the files and their checks)."""

from __future__ import annotations

from pathlib import Path

from reader.store import backup as backups

Restored = backups.Restored


def make_backup(db: Path, dest: Path | None = None) -> Path:
    """A verified copy of the database (and the user's texts) at ``dest`` or in the backups
    folder."""
    return backups.make_backup(db, dest)


def list_backups(db: Path) -> list[Path]:
    return backups.list_backups(db)


def newest_backup(db: Path) -> Path | None:
    return backups.newest_backup(db)


def verify(path: Path) -> str | None:
    """None when the backup is sound, else what is wrong with it."""
    return backups.verify(path)


def restore(db: Path, source: Path | None = None) -> backups.Restored:
    """Put a verified backup in place of ``db`` (the caller has closed its store)."""
    return backups.restore(db, source)

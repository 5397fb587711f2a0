"""Backups, thin over :mod:`reader.store.backup` (which owns the files and their checks)."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from reader.documents import TEXT_SUFFIX
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


def put_back_commands(done: backups.Restored, db: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Each text the restore replaced (changed since the backup: its details edited, or replaced
    by an import with ``--replace``) and the ``meipi import … --replace`` command that puts the
    kept version back (with ``db``: the ``--db`` option given), as ``meipi import`` prints it;
    by text id."""
    from reader.importing.pdf import PDF_SUFFIX  # (loaded for a restore's report only)

    if done.texts_kept is None:
        return []
    kept = {Path(rel).name: done.texts_kept / rel for rel in done.texts_replaced}
    ids = sorted(name[: -len(TEXT_SUFFIX)] for name in kept if name.endswith(TEXT_SUFFIX))
    commands = []
    for text_id in ids:
        # A PDF is read again (its page labels and page data); any other text from its copy.
        pdf = kept.get(f"{text_id}{PDF_SUFFIX}")
        source = [str(pdf), "--id", text_id] if pdf else [str(kept[text_id + TEXT_SUFFIX])]
        commands.append((text_id, shlex.join(["meipi", "import", *source, *db, "--replace"])))
    return commands

"""``meipi backup [-o FILE]``, ``meipi restore [FILE]`` and ``meipi check``."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import func, select

from reader.cli import Context
from reader.errors import EnvironmentFailure, InputError
from reader.ops.backup import put_back_commands
from reader.store import backup as backups
from reader.store import models
from reader.store.carry import Entry, command_line
from reader.store.db import Store
from reader.store.sqlite_file import DatabaseRefused, inspect_file
from reader.store.window_lock import acquire_window_lock, window_holder
from reader.wording import counted


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from reader.commands.annotations import opened

    if not ctx.db.exists():
        raise InputError(f"There is no database at {ctx.db} to back up.")
    dest = Path(args.output).expanduser() if args.output else None
    with opened(ctx, create=False) as store:
        path = backups.make_backup(ctx.db, dest, source_uri=store.uri)
    print(f"Verified backup written to {path}", file=ctx.stdout)
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    """Restore under the window lock: refused while a window has the database open (it would
    go on with the file swapped under it), and no window opens half-way through. Refused, with
    nothing changed, when the backup named is the database itself (exit 2), when ``--db`` is
    not a Meipi database or is busy (exit 1)."""
    db = ctx.db
    source = Path(args.file).expanduser() if args.file else None
    if source is not None:
        backups.refuse_source(db, source)
    health = backups.probe(db)
    if health.state == "foreign":
        raise EnvironmentFailure(
            f"{db} {health.reason}, so nothing was restored onto it. Use --db to name your "
            "Meipi database (if this file really is yours, damaged, move it away first)."
        )
    if health.state == "busy":
        raise EnvironmentFailure(
            f"{db} {health.reason}; nothing was restored. Let the other program finish (another "
            "`meipi` command?), then run `meipi restore` again."
        )
    lock = acquire_window_lock(db)
    if lock is None:
        holder = window_holder(db)
        who = f" (process {holder.pid})" if holder is not None and holder.pid else ""
        raise EnvironmentFailure(
            f"A Meipi window has {db} open{who}, so nothing was restored: close the Meipi "
            "window first, then run `meipi restore` again."
        )
    with lock:
        done = backups.restore(db, source)
    for line in restore_report(done, db, explicit_db=bool(getattr(args, "db", None))):
        print(line, file=ctx.stdout)
    return 0


def restore_report(done: backups.Restored, db: Path, *, explicit_db: bool = False) -> list[str]:
    """What a restore did, and how to bring back what it set aside (for the terminal)."""
    lines = [f"Restored {db} from {backups.describe_backup(done.source)}."]
    if done.kept is not None:
        logs = " (with its log files)" if len(done.moved_aside) > 1 else ""
        lines.append(f"The previous file was kept as {done.kept}{logs}; nothing was deleted.")
        kept = shlex.quote(str(done.kept))
        target = f" --db {shlex.quote(str(db))}" if explicit_db else ""
        if done.newer is None:
            lines.append(
                "It could not be read, so the annotations newer than the backup could not be "
                f"counted; `meipi check --db {kept}` says what is left in it."
            )
        elif done.newer == 0:
            lines.append("None of its annotations is newer than the backup.")
        else:
            some = (
                "1 annotation newer than the backup was"
                if done.newer == 1
                else (f"{done.newer} annotations newer than the backup were")
            )
            lines.append(
                f"{some} set aside in it. To "
                f"bring them back: `meipi export --db {kept} --format json -o set-aside.json`, "
                f"then `meipi import-annotations set-aside.json{target}`."
            )
    lines += carried_report(done, db if explicit_db else None)
    if not done.texts:
        lines.append(
            "This backup holds the database only (an older Meipi made it); your texts were "
            "left as they are."
        )
    elif done.texts_restored:
        if done.texts_restored == 1:
            lines.append("1 of your texts was put back as the backup had it.")
        else:
            lines.append(
                f"{done.texts_restored} of your texts were put back as the backup had them."
            )
        lines += replaced_texts_report(done, db if explicit_db else None)
    return lines


def replaced_texts_report(done: backups.Restored, db: Path | None) -> list[str]:
    """The texts that changed since the backup (their details edited, or replaced by an import
    with ``--replace``): the restore undid those changes and kept the versions it replaced;
    each is named with the command that puts it back, as ``meipi import`` gives."""
    if done.texts_kept is None:
        return []
    commands = put_back_commands(done, ["--db", str(db)] if db is not None else [])
    if not commands:
        return [f"The files they replaced were kept in {done.texts_kept}."]
    if len(commands) == 1:
        head = (
            "1 text had changed since the backup (its details edited, or replaced by an "
            "import with --replace); the restore undid that. The version it had is kept in "
            f"{done.texts_kept}; this command puts it back:"
        )
    else:
        head = (
            f"{len(commands)} texts had changed since the backup (their details edited, or "
            "replaced by an import with --replace); the restore undid that. The versions they "
            f"had are kept in {done.texts_kept}; the command after each puts it back:"
        )
    return [head] + [f"  {text_id} — {command}" for text_id, command in commands]


_LISTED = 10  # entries named one by one in each part of the report; the rest counted


def _listed(entries: Sequence[Entry], line: Callable[[Entry], str]) -> list[str]:
    out = [line(e) for e in entries[:_LISTED]]
    if len(entries) > _LISTED:
        out.append(f"  and {len(entries) - _LISTED} more")
    return out


def carried_report(done: backups.Restored, db: Path | None) -> list[str]:
    """What the restore carried from the previous file, and what of it was not restored."""
    carried = done.carried
    if done.kept is None:
        return []
    if carried is None:
        return [
            "Its glossary, settings, colour meanings, theme memos and vocabulary could not be "
            "read, so nothing made since the backup was carried over."
        ]
    option = ["--db", str(db)] if db is not None else []
    kept = shlex.quote(str(done.kept))
    lines: list[str] = []
    if carried.added:
        lines.append(
            "Made since the backup and carried into the restored database (the command after "
            "each removes it again):"
        )
        lines += _listed(carried.added, lambda e: _entry_line(e, option))
    if carried.kept:
        lines.append(
            "Changed since the backup, restored as the backup had them (the later values are "
            f"in {kept}; the command after each sets it again):"
        )
        lines += _listed(carried.kept, lambda e: _entry_line(e, option, f" (later: {e.later})"))
    if carried.back:
        lines.append(
            "Removed since the backup, back as the backup had them (the command after each "
            "removes it again):"
        )
        lines += _listed(carried.back, lambda e: _entry_line(e, option))
    if carried.left:
        lines.append(
            f"Made since the backup but not restored (this older backup cannot hold them; "
            f"they are in {kept}; the command after each makes it again):"
        )
        lines += _listed(carried.left, lambda e: _entry_line(e, option))
    return lines


def _entry_line(entry: Entry, option: list[str], later: str = "") -> str:
    command = command_line(entry, option)
    return f"  {entry.kind}: {entry.shown}{later}" + (f" — {command}" if command else "")


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    out = ctx.stdout
    if not ctx.db.exists():
        raise InputError(f"There is no database at {ctx.db} to check.")
    print(f"Database: {ctx.db}", file=out)
    try:
        inspect_file(ctx.db)
    except DatabaseRefused as exc:
        print(f"file: FAILED — {exc}", file=out)
        return 1
    from reader.commands.annotations import opened

    problems = 0
    try:
        store_cm = opened(ctx, create=False)
        store = store_cm.__enter__()
    except DatabaseRefused as exc:
        print(f"open: FAILED — {exc}", file=out)
        return 1
    try:
        with store.engine.connect() as conn:
            integrity = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            fks = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
            version = conn.exec_driver_sql("PRAGMA user_version").scalar()
        print(f"schema: {version}{' (read-only)' if store.read_only else ''}", file=out)
        if integrity == ["ok"]:
            print("integrity_check: ok", file=out)
        else:
            problems += 1
            print("integrity_check: FAILED", file=out)
            for line in integrity[:10]:
                print(f"  {line}", file=out)
        if not fks:
            print("foreign_key_check: ok", file=out)
        else:
            problems += 1
            print(f"foreign_key_check: FAILED ({len(fks)} dangling references)", file=out)
        problems += _check_anchors(store, ctx)
    finally:
        store_cm.__exit__(None, None, None)
    newest = backups.newest_backup(ctx.db)
    if newest is None:
        print("backups: none yet (run `meipi backup`)", file=out)
    else:
        count = len(backups.list_backups(ctx.db))
        problem = backups.verify_set(newest)
        verdict = "verifies" if problem is None else f"DOES NOT VERIFY ({problem})"
        if problem is None:
            verdict += (
                " (with your texts)"
                if backups.texts_of(newest).is_dir()
                else " (the database only: an older backup)"
            )
        problems += problem is not None
        print(
            f"backups: {count}; the newest, {backups.describe_backup(newest)}, {verdict}", file=out
        )
    if problems:
        print(f"{counted(problems, 'problem')} found.", file=out)
        return 1
    print("All good.", file=out)
    return 0


def _check_anchors(store: Store, ctx: Context) -> int:
    out = ctx.stdout
    bad: list[str] = []
    checked = orphans = 0
    stale: list[str] = []
    library = ctx.library()
    with store.reading() as s:
        docs = {d.id: d for d in s.scalars(select(models.Document))}
        for row in s.scalars(
            select(models.Annotation).order_by(
                models.Annotation.document_id, models.Annotation.start
            )
        ):
            if row.orphaned:
                orphans += 1
                continue
            checked += 1
            doc = docs.get(row.document_id)
            if doc is None:
                bad.append(f"{row.id}: its document {row.document_id!r} is missing")
            elif not 0 <= row.start < row.end <= len(doc.snapshot):
                bad.append(
                    f"{row.id}: {row.start}–{row.end} lies outside {doc.id} "
                    f"({len(doc.snapshot)} characters)"
                )
            elif doc.snapshot[row.start : row.end] != row.quote:
                bad.append(
                    f"{row.id}: the text at {row.start}–{row.end} of {doc.id} is not its quote"
                )
        for doc in docs.values():
            if doc.id in library.documents and library.documents[doc.id].sha256 != doc.sha256:
                stale.append(doc.id)
        total = s.scalar(select(func.count()).select_from(models.Annotation)) or 0
    if bad:
        print(f"anchors: FAILED ({len(bad)} of {checked})", file=out)
        for line in bad[:20]:
            print(f"  {line}", file=out)
    else:
        print(
            f"anchors: ok ({checked} inside their texts and matching their quotes"
            + (f"; {orphans} orphaned, kept" if orphans else "")
            + f"; {total} in all)",
            file=out,
        )
    if stale:
        print(
            f"texts changed since annotated (re-anchored on next use): {', '.join(stale)}", file=out
        )
    return 1 if bad else 0

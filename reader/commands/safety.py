"""``meipi backup [-o FILE]``, ``meipi restore [FILE]`` and ``meipi check``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import func, select

from reader.cli import Context
from reader.errors import EnvironmentFailure, InputError
from reader.store import backup as backups
from reader.store import models
from reader.store.db import DatabaseRefused, Store, inspect_file
from reader.store.window_lock import acquire_window_lock, window_holder


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
    go on with the file swapped under it), and no window opens half-way through."""
    source = Path(args.file).expanduser() if args.file else None
    lock = acquire_window_lock(ctx.db)
    if lock is None:
        holder = window_holder(ctx.db)
        who = f" (process {holder.pid})" if holder is not None and holder.pid else ""
        raise EnvironmentFailure(
            f"A Meipi window has {ctx.db} open{who}, so nothing was restored: close the Meipi "
            "window first, then run `meipi restore` again."
        )
    with lock:
        done = backups.restore(ctx.db, source)
    print(f"Restored {ctx.db} from {done.source}.", file=ctx.stdout)
    for path in done.moved_aside:
        print(f"The previous file was kept as {path}", file=ctx.stdout)
    return 0


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
        problem = backups.verify(newest)
        verdict = "verifies" if problem is None else f"DOES NOT VERIFY ({problem})"
        problems += problem is not None
        print(
            f"backups: {count}; the newest, {backups.describe_backup(newest)}, {verdict}", file=out
        )
    if problems:
        print(f"{problems} problem(s) found.", file=out)
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

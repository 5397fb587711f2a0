"""``meipi config KEY [VALUE]``: settings kept in the database (``creator``: the name W3C
exports give as the annotations' creator; ``bibliography``: the file Pandoc's front matter
names). Without VALUE, prints the current value (on stdout, alone, for scripts), or says on stderr
that none is set."""

from __future__ import annotations

import argparse

from reader.cli import Context

_PLACEHOLDER = {"creator": "NAME", "bibliography": "FILE"}


def cmd_config(args: argparse.Namespace, ctx: Context) -> int:
    from reader.commands.common import opened
    from reader.store import settings

    if args.value is None:
        value = None
        if ctx.db.exists():
            with opened(ctx, create=False) as store, store.reading() as s:
                value = settings.get_setting(s, args.key)
        if value is not None:
            print(value, file=ctx.stdout)
        else:
            print(
                f"meipi: no {args.key} is set; set one with: meipi config {args.key} "
                f"{_PLACEHOLDER[args.key]}",
                file=ctx.stderr,
            )
        return 0
    with opened(ctx, create=True) as store, store.writing() as s:
        settings.set_setting(s, args.key, args.value)
    shown = args.value.strip()
    print(f"{args.key}: {shown}" if shown else f"{args.key}: cleared", file=ctx.stderr)
    return 0

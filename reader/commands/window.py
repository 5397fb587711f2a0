"""``meipi`` with no command: the reading window."""

from __future__ import annotations

import argparse

from reader.cli import Context


def run(args: argparse.Namespace, ctx: Context) -> int:
    from reader.ui.app import run_app

    return run_app(ctx)

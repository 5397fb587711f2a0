"""``meipi`` with no command: the reading window."""

from __future__ import annotations

import argparse
import os
import sys

from reader.cli import Context
from reader.errors import EnvironmentFailure


def _no_display() -> bool:
    """On Linux/BSD without X11 or Wayland, Qt would abort with a misleading message about xcb
    libraries: say what is really missing instead."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False  # the user chose a platform (offscreen, vnc, wayland …)
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace, ctx: Context) -> int:
    if _no_display():
        raise EnvironmentFailure(
            "There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
            "set). Start Meipi from a desktop session, or use the commands listed by "
            "'meipi --help'."
        )
    from reader.ui.window.app import WindowConfig, run_app

    # The window gets plain values, never the command line's own objects.
    return run_app(WindowConfig(db=ctx.db, stderr=ctx.stderr, _library=ctx._library))

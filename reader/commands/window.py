"""``meipi`` with no command: the reading window."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from reader.cli import Context
from reader.errors import EnvironmentFailure

# Python's cyclic collector runs every 700 allocations by default: some 60 times while the
# window starts (~8 ms of CPU), scanning module, class and widget objects that all live on.
# Until the window is fully ready it does not run at all (a start allocates fewer than this;
# the cycles it leaves are a few dozen objects); then the objects of the start are frozen out
# of its reach and it runs as before (run_app).
STARTUP_GC_THRESHOLD = 100_000


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
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], STARTUP_GC_THRESHOLD), *threshold[1:])
    from reader.ui.window.app import WindowConfig, run_app

    # The window gets plain values, never the command line's own objects.
    return run_app(
        WindowConfig(db=ctx.db, stderr=ctx.stderr, _library=ctx._library, gc_threshold=threshold)
    )

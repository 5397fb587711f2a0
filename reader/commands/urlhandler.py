"""``meipi register-url-handler``: make ``meipi://`` links (in exports) open Meipi.

Linux and other freedesktop systems: a ``meipi-url.desktop`` file in
``$XDG_DATA_HOME/applications`` (default ``~/.local/share/applications``) whose command is
``meipi open --url %u``, made the default for ``x-scheme-handler/meipi`` with ``xdg-mime`` when
it is installed. Windows: the ``meipi`` URL protocol under ``HKEY_CURRENT_USER``. pip cannot do
this at install time, hence a command. The handler passes the link as the value of ``--url``,
so a link can never become an option; ``meipi open`` accepts only the two link shapes.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from reader.cli import Context
from reader.errors import EnvironmentFailure
from reader.export.atomic import write_atomic

DESKTOP_FILE = "meipi-url.desktop"
MIME = "x-scheme-handler/meipi"


def handler_command() -> list[str]:
    """How the handler starts Meipi: this Python running ``reader``, so it works from a venv."""
    return [sys.executable, "-m", "reader", "open", "--url"]


def _desktop_quote(arg: str) -> str:
    # The Desktop Entry spec: quote arguments holding reserved characters; escape " ` $ \.
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def desktop_entry() -> str:
    command = " ".join(_desktop_quote(a) for a in handler_command())
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Meipi links\n"
        "Comment=Open meipi:// links from exported notes in Meipi\n"
        f"Exec={command} %u\n"
        f"MimeType={MIME};\n"
        "NoDisplay=true\n"
        "Terminal=false\n"
    )


def applications_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "applications"


def register_freedesktop(ctx: Context) -> Path:
    folder = applications_dir()
    path = folder / DESKTOP_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot write {path} ({exc.strerror}). Check that folder's permissions."
        ) from None
    write_atomic(path, desktop_entry(), advice=lambda exc: "check that folder's permissions")
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is not None:
        subprocess.run([xdg_mime, "default", DESKTOP_FILE, MIME], check=False, timeout=30)
    else:
        print(
            "xdg-mime is not installed: the handler file is written, but your desktop may need "
            f"`xdg-mime default {DESKTOP_FILE} {MIME}` (package xdg-utils).",
            file=ctx.stderr,
        )
    updater = shutil.which("update-desktop-database")
    if updater is not None:
        subprocess.run([updater, str(folder)], check=False, timeout=30)
    return path


def register_windows() -> str:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise EnvironmentFailure("The Windows registry exists only on Windows.")
    import winreg

    command = subprocess.list2cmdline(handler_command()) + ' "%1"'
    root = r"Software\Classes\meipi"
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, root) as key:
        winreg.SetValueEx(key, "", 0, winreg.REG_SZ, "URL:Meipi link")
        winreg.SetValueEx(key, "URL Protocol", 0, winreg.REG_SZ, "")
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, root + r"\shell\open\command") as key:
        winreg.SetValueEx(key, "", 0, winreg.REG_SZ, command)
    return "HKEY_CURRENT_USER\\" + root


def cmd_register_url_handler(args: argparse.Namespace, ctx: Context) -> int:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        where = register_windows()
    elif sys.platform == "darwin":  # pragma: no cover - macOS only
        raise EnvironmentFailure(
            "On macOS a URL handler must be an application bundle, which Meipi does not build "
            "yet; open links with `meipi open --url LINK`."
        )
    else:
        where = str(register_freedesktop(ctx))
    print(f"meipi:// links now open Meipi ({where}).", file=ctx.stdout)
    print("Command: " + shlex.join(handler_command()) + " LINK", file=ctx.stderr)
    return 0

"""``meipi register-url-handler`` (``reader.commands.urlhandler``): a desktop file whose link is the
last argument, never an option."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.commands.urlhandler import DESKTOP_FILE, desktop_entry
from tests.cli_helpers import meipi


def test_register_url_handler_writes_a_desktop_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    done = meipi("register-url-handler")
    assert done.code == 0, done.err
    path = tmp_path / "share" / "applications" / DESKTOP_FILE
    text = path.read_text(encoding="utf-8")
    assert text == desktop_entry()
    assert "MimeType=x-scheme-handler/meipi;" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # The link is the value of --url, the last argument: it can never become an option.
    assert exec_line.endswith(" open --url %u")

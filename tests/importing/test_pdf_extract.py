"""Talking to the PDFium child process (``reader.importing.pdf_extract``): a page renders to PNG,
a hanging or crashing child becomes one clear error."""

from __future__ import annotations

import sys

import pytest

from reader.errors import InputError
from reader.importing.pdf_extract import render
from tests.importing.pdf_helpers import DATA


def test_a_hanging_or_crashing_pdf_reader_is_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.importing import pdf_extract

    data = (DATA / "libreoffice-sc.pdf").read_bytes()
    hang = [sys.executable, "-c", "import time; time.sleep(30)"]
    monkeypatch.setattr(pdf_extract, "_worker_command", lambda: hang)
    with pytest.raises(InputError, match="took longer"):
        pdf_extract.extract(data, "slow.pdf", timeout=1.0)
    crash = [sys.executable, "-c", "import os, sys; sys.stdin.readline(); os.abort()"]
    monkeypatch.setattr(pdf_extract, "_worker_command", lambda: crash)
    with pytest.raises(InputError, match="stopped"):
        pdf_extract.extract(data, "crash.pdf")


def test_a_page_renders_to_png_in_a_child_process() -> None:
    data = (DATA / "xelatex-tc.pdf").read_bytes()
    rendered = render(data, 1, 300)
    assert rendered.png.startswith(b"\x89PNG")
    assert abs(rendered.scale - 300 / rendered.page_width) < 0.01

"""The only place PDFium runs (``reader.importing.pdf_worker``), driven as the parent drives it:
one request on standard input, JSON lines (and bytes) back, every refusal one JSON error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from reader.importing.pdf_worker import png_bytes
from tests.importing.pdf_helpers import DATA

ROOT = Path(__file__).resolve().parents[2]


def ask(request: dict[str, Any], data: bytes) -> bytes:
    """The worker's whole answer to one request."""
    line = json.dumps({**request, "size": len(data)}).encode() + b"\n"
    done = subprocess.run(
        [sys.executable, "-m", "reader.importing.pdf_worker"],
        input=line + data,
        capture_output=True,
        timeout=120,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return done.stdout


def test_a_render_answers_a_json_line_then_the_png() -> None:
    answer = ask({"op": "render", "page": 0, "width": 200}, (DATA / "xelatex-tc.pdf").read_bytes())
    head, _, png = answer.partition(b"\n")
    meta = json.loads(head)
    assert meta["png"] == len(png) and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert abs(meta["scale"] * meta["page_width"] - 200) < 1


@pytest.mark.parametrize(
    ("request_", "data", "kind"),
    [
        ({"op": "extract"}, b"%PDF-1.7 not really", "damaged"),
        ({"op": "extract"}, (DATA / "user-password.pdf").read_bytes(), "password"),
        (
            {"op": "render", "page": 99, "width": 100},
            (DATA / "xelatex-tc.pdf").read_bytes(),
            "page",
        ),
        ({"op": "print"}, b"", "request"),
    ],
)
def test_every_refusal_is_one_json_error(request_: dict[str, Any], data: bytes, kind: str) -> None:
    answer = ask(request_, data).decode()
    assert answer.count("\n") == 1
    error = json.loads(answer)["error"]
    assert error["kind"] == kind and error["message"]


def test_png_bytes_are_a_png_of_the_rows() -> None:
    rgb = bytes([255, 0, 0, 0, 255, 0]) + bytes([0, 0, 255, 255, 255, 255])  # 2x2, stride 6
    png = png_bytes(rgb, 2, 2, 6, 3)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    idat = png.index(b"IDAT")
    length = int.from_bytes(png[idat - 4 : idat], "big")
    raw = zlib.decompress(png[idat + 4 : idat + 4 + length])
    assert raw == b"\x00" + rgb[:6] + b"\x00" + rgb[6:]

"""Talking to the PDFium child process (:mod:`reader.importing.pdf_worker`): extract a PDF's
pages, render one page to PNG. Nothing here loads PDFium, so any thread may call it.

Every call starts a fresh child (``python …/reader/importing/pdf_worker.py``), writes the request,
and reads its answer; the child is killed when it takes longer than the timeout, and a child that
crashes or hangs becomes one clear :class:`InputError` — never a crash of the caller.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from array import array
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from reader.errors import EnvironmentFailure, InputError
from reader.importing.base import Progress

# Seconds a child may take: a fixed allowance plus some per page (a hostile PDF may hang PDFium).
EXTRACT_TIMEOUT = 60.0
RENDER_TIMEOUT = 20.0

GENERATED = 1
HYPHEN = 2
UNMAPPED = 4


class PasswordRequired(InputError):
    """The PDF needs a user password (``wrong`` when one was given and it did not open it)."""

    def __init__(self, message: str, *, wrong: bool = False) -> None:
        super().__init__(message)
        self.wrong = wrong


@dataclass(frozen=True)
class PdfPage:
    """One page as PDFium read it. Boxes are (left, bottom, right, top) in PDF points."""

    index: int
    width: float
    height: float
    label: str
    text: str
    # Per character (one per PDFium index, as ``text``): its box as four floats in a row
    # (left, bottom, right, top), its font size and weight, its flags.
    boxes: Sequence[float]
    sizes: Sequence[float]
    weights: Sequence[int]
    flags: bytes
    images: int
    image_area: float
    # The visible part of the page (its crop box: left, bottom, right, top), in the characters'
    # coordinates; None when the PDF's box could not be read.
    box: tuple[float, float, float, float] | None = None
    # Per character: the left and right of its loose box (from its origin and advance, where
    # its ink may fill only part: 卜, 丨), two floats in a row; empty where not read.
    advances: Sequence[float] = ()


@dataclass(frozen=True)
class PdfContent:
    """A PDF's pages and information dictionary, plus its bytes (kept with the imported text)."""

    pages: tuple[PdfPage, ...]
    info: dict[str, str]
    version: int | None
    data: bytes = field(repr=False)
    password: str | None = field(default=None, repr=False)


def _worker_command() -> list[str]:
    # The worker runs as a script, not ``-m reader.importing.pdf_worker``: it needs nothing but
    # the standard library and pypdfium2, and importing the packages above it costs ~0.4 s.
    return [
        sys.executable,
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "pdf_worker.py"),
    ]


def _run(
    request: dict[str, Any],
    data: bytes,
    *,
    timeout: float,
    name: str,
    progress: Progress | None = None,
    pages: list[PdfPage] | None = None,
) -> tuple[dict[str, Any], bytes]:
    """Send one request; the final JSON answer and any bytes that follow it (the pages an
    extraction sends on the way go to ``pages``)."""
    request = {**request, "size": len(data)}
    env = dict(os.environ)
    try:
        child = subprocess.Popen(
            _worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot start the PDF reader ({exc.strerror or exc}); nothing was imported."
        ) from None
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(OSError):
            child.kill()

    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    assert child.stdin is not None and child.stdout is not None

    def feed() -> None:
        assert child.stdin is not None
        try:
            child.stdin.write(json.dumps(request).encode() + b"\n")
            child.stdin.write(data)
        except OSError:
            pass  # the child died; its missing answer says so
        finally:
            with contextlib.suppress(OSError):
                child.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    answer: dict[str, Any] | None = None
    tail = b""
    try:
        for line in child.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                break
            if "page" in message:
                record = message["page"]
                blob = child.stdout.read(int(record["bytes"]))
                if pages is not None:
                    pages.append(_page(record, blob))
                if progress is not None:
                    done, total = record["done"]
                    progress(int(done), int(total))
                continue
            answer = message
            if "png" in message:
                tail = child.stdout.read(int(message["png"]))
            break
    finally:
        timer.cancel()
        with contextlib.suppress(OSError):
            child.stdout.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=5)
        if child.poll() is None:
            child.kill()
            child.wait()
        writer.join(timeout=5)
    if answer is None:
        if timed_out.is_set():
            raise InputError(
                f"Reading {name} took longer than {timeout:.0f} s, so it was stopped; the PDF may "
                "be damaged. Try another copy of it, or print it to a new PDF."
            )
        raise InputError(
            f"The PDF reader stopped on {name} (exit {child.returncode}); the PDF may be "
            "damaged. Try another copy of it, or print it to a new PDF."
        )
    return answer, tail


def _refuse(answer: dict[str, Any], name: str, password: str | None) -> None:
    error = answer.get("error")
    if not error:
        return
    kind = error.get("kind")
    if kind == "password":
        if password:
            raise PasswordRequired(
                f"The password does not open {name}; check it and try again.", wrong=True
            )
        raise PasswordRequired(
            f"{name} is protected by a password. Give it with --password, or save an "
            "unprotected copy and import that."
        )
    if kind == "security":
        raise InputError(
            f"{name} is encrypted in a way Meipi cannot read; save an unprotected copy "
            "(print to PDF) and import that."
        )
    if kind == "damaged":
        raise InputError(f"{name} is damaged or not a PDF; try another copy of it.")
    raise InputError(
        f"{name} could not be read ({error.get('message', 'unknown error')}); try another copy."
    )


def extract(
    data: bytes,
    name: str,
    *,
    password: str | None = None,
    progress: Progress | None = None,
    timeout: float = EXTRACT_TIMEOUT,
    parts: int | None = None,
) -> PdfContent:
    """Every page's characters with their boxes, read by child processes (one per core, up to
    two: each takes every other page)."""
    if parts is None:
        parts = 2 if (os.cpu_count() or 1) >= 2 and len(data) > 250_000 else 1
    done = [0] * parts
    lock = threading.Lock()

    def part_progress(part: int) -> Progress:
        def report(count: int, total: int) -> None:
            with lock:
                done[part] = count
                if progress is not None:
                    progress(sum(done), total)

        return report

    received: list[list[PdfPage]] = [[] for _ in range(parts)]

    def run(part: int) -> dict[str, Any]:
        answer, _ = _run(
            {"op": "extract", "password": password, "part": part, "parts": parts},
            data,
            timeout=timeout,
            name=name,
            progress=part_progress(part),
            pages=received[part],
        )
        return answer

    if parts == 1:
        answers = [run(0)]
    else:
        with ThreadPoolExecutor(max_workers=parts) as pool:
            answers = list(pool.map(run, range(parts)))
    for answer in answers:
        _refuse(answer, name, password)
    pages = tuple(sorted((p for got in received for p in got), key=lambda p: p.index))
    result = answers[0]["result"]
    info = {str(k): str(v) for k, v in result.get("info", {}).items()}
    return PdfContent(pages, info, result.get("version"), data, password)


def _page(record: dict[str, Any], blob: bytes) -> PdfPage:
    """A page from its JSON line and the packed arrays after it (a short blob, from a child
    that died, leaves the arrays short: the missing answer then says so)."""
    text = str(record["text"])
    n = len(text)
    boxes, sizes, weights, advances = array("f"), array("f"), array("H"), array("f")
    if len(blob) == 31 * n:
        boxes.frombytes(blob[: 16 * n])
        sizes.frombytes(blob[16 * n : 20 * n])
        weights.frombytes(blob[20 * n : 22 * n])
        flags = blob[22 * n : 23 * n]
        advances.frombytes(blob[23 * n :])
    else:
        text, flags = "", b""
    return PdfPage(
        index=int(record["index"]),
        width=float(record["width"]),
        height=float(record["height"]),
        label=str(record.get("label") or ""),
        text=text,
        boxes=boxes.tolist(),
        sizes=sizes.tolist(),
        weights=weights.tolist(),
        flags=flags,
        images=int(record["images"]),
        image_area=float(record["image_area"]),
        box=_box(record.get("box")),
        advances=advances.tolist(),
    )


def _box(value: Any) -> tuple[float, float, float, float] | None:
    if not isinstance(value, list) or len(value) != 4:
        return None
    left, bottom, right, top = (float(v) for v in value)
    return (left, bottom, right, top) if right > left and top > bottom else None


@dataclass(frozen=True)
class RenderedPage:
    png: bytes
    scale: float  # pixels per PDF point
    page_width: float
    page_height: float


def render(
    data: bytes,
    index: int,
    width: int,
    *,
    name: str = "the PDF",
    password: str | None = None,
    timeout: float = RENDER_TIMEOUT,
) -> RenderedPage:
    """Page ``index`` (from 0) as a PNG ``width`` pixels wide, rendered in a child process."""
    answer, png = _run(
        {"op": "render", "password": password, "page": index, "width": width},
        data,
        timeout=timeout,
        name=name,
    )
    _refuse(answer, name, password)
    return RenderedPage(
        png, float(answer["scale"]), float(answer["page_width"]), float(answer["page_height"])
    )

"""Shared helpers for the store tests: small documents, hashing files, a forked child that
runs as another user."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from subprocess import PIPE, Popen
from typing import Any

import pytest

from reader.documents import BlockDraft, Document, Metadata, assemble


def make_doc(
    paragraphs: list[str], doc_id: str = "mine", pages: list[int] | None = None
) -> Document:
    """A document of paragraphs; ``pages[i]`` is the printed page paragraph i begins on."""
    drafts = []
    for i, text in enumerate(paragraphs):
        draft = BlockDraft("paragraph", 0, text)
        if pages is not None and (i == 0 or pages[i] != pages[i - 1]):
            draft.page_marks.append((0, pages[i]))
        drafts.append(draft)
    return assemble(Metadata(id=doc_id, title="Mine"), drafts)


# A small article of three paragraphs on two printed pages, for the store's operations.
DOC = make_doc(
    [
        "一帶一路框架下中俄之潛在競合關係",
        "中亞地區的能源合作與競爭，中亞是關鍵。",
        "北極航道與能源",
    ],
    pages=[1, 1, 2],
)


def span(quote: str, n: int = 1) -> tuple[int, int]:
    """The code point range of the n-th occurrence of ``quote`` in :data:`DOC`."""
    pos = -1
    for _ in range(n):
        pos = DOC.text.index(quote, pos + 1)
    return pos, pos + len(quote)


def text_file(doc_id: str, paragraphs: list[str]) -> str:
    """The ``texts/`` format of a user text (for the command line tests)."""
    lines = ["meipi-text: 1", f"id: {doc_id}", "title: 測試文本", "---"]
    lines += [f"paragraph: {p}" for p in paragraphs]
    return "\n".join(lines) + "\n"


needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="kills and privilege drops use fork (POSIX only)"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(db: Path) -> list[str]:
    return [s for s in ("-wal", "-shm", "-journal") if Path(str(db) + s).exists()]


def run_forked(func: Callable[[], Any], *, uid: int | None = None, gid: int | None = None) -> Any:
    """Run ``func`` in a forked child (optionally after dropping to ``uid``/``gid``) and return
    what it returned (JSON), or raise what it raised, as a RuntimeError."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 0
        try:
            os.close(read_fd)
            if gid is not None:
                os.setgroups([])
                os.setgid(gid)
            if uid is not None:
                os.setuid(uid)
            payload = json.dumps({"ok": func()})
        except BaseException as exc:
            payload = json.dumps({"error": f"{type(exc).__name__}: {exc}"})
            status = 1
        with os.fdopen(write_fd, "w") as out:
            out.write(payload)
        os._exit(status)
    os.close(write_fd)
    with os.fdopen(read_fd) as inp:
        data = inp.read()
    os.waitpid(pid, 0)
    result = json.loads(data)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["ok"]


def start_writers(script: str, db: Path, count: int, names: Sequence[str]) -> list[Popen[str]]:
    """One process per name running ``script`` (``python -c``) with the database, how many
    writes to make and the name as arguments, importing this checkout's ``reader``."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return [
        Popen(
            [sys.executable, "-c", script, str(db), str(count), name],
            stdout=PIPE,
            stderr=PIPE,
            text=True,
            env=env,
            cwd=root,
        )
        for name in names
    ]

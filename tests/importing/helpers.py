"""Shared helpers for the import tests: an article's paragraphs in both scripts, the user texts
folder's contents, a file written for import, a refusal checked."""

from __future__ import annotations

from pathlib import Path

import opencc

from reader import documents, paths
from tests.cli_helpers import meipi

TO_SIMPLIFIED = opencc.OpenCC("tw2sp")


def big5_paragraphs(min_length: int = 0) -> list[str]:
    """Paragraphs of the shipped texts that Big5 can encode (and GB2312, once Simplified)."""
    found = []
    for doc in documents.load_library():
        for block in doc.blocks:
            text = doc.block_text(block)
            if block.kind != "paragraph" or len(text) < min_length:
                continue
            try:
                text.encode("cp950")
                TO_SIMPLIFIED.convert(text).encode("gb2312")
            except UnicodeEncodeError:
                continue
            found.append(text)
    return found


TRADITIONAL = big5_paragraphs(300)[0]
SIMPLIFIED = TO_SIMPLIFIED.convert(TRADITIONAL)
ARTICLE = "中俄關係的新階段\n\n許菁芸\n\n" + TRADITIONAL + "\n"


def user_files() -> list[str]:
    folder = paths.user_texts_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def write_file(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refused(path: Path | str, fragment: str) -> None:
    r = meipi("import", str(path))
    assert r.code == 2, (r.code, r.err)
    assert fragment in r.err
    assert "Traceback" not in r.err and r.err.count("\n") == 1
    assert r.out == ""
    assert user_files() == []

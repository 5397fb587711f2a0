"""``write_atomic(exclusive=True)``: the one atomic write also serves an import, which must
never replace a file (an imported text's id must be new)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.errors import EnvironmentFailure, InputError
from reader.export.atomic import write_atomic


def _appear_during_fsync(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Another process creates ``target`` while the temporary file is being synced."""
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        if not target.exists():
            target.write_bytes(b"theirs")

    monkeypatch.setattr(os, "fsync", fsync)


def test_exclusive_refuses_an_existing_target(tmp_path: Path) -> None:
    target = tmp_path / "t.meipi.txt"
    target.write_bytes(b"old")
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, b"new", exclusive=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.meipi.txt"]


def test_exclusive_never_replaces_a_target_that_appeared_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "t.meipi.txt"
    _appear_during_fsync(monkeypatch, target)
    with pytest.raises(InputError, match="appeared meanwhile"):
        write_atomic(target, "新的", exclusive=True)
    assert target.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["t.meipi.txt"]


@pytest.mark.parametrize("no_links", [errno.EPERM, errno.EOPNOTSUPP])
def test_exclusive_on_a_file_system_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_links: int
) -> None:
    def link(src: str, dst: str) -> None:
        raise OSError(no_links, os.strerror(no_links))

    monkeypatch.setattr(os, "link", link)
    target = tmp_path / "t.meipi.txt"
    write_atomic(target, "新的", exclusive=True)
    assert target.read_text(encoding="utf-8") == "新的"
    assert [p.name for p in tmp_path.iterdir()] == ["t.meipi.txt"]
    _appear_during_fsync(monkeypatch, tmp_path / "u.meipi.txt")
    with pytest.raises(InputError, match="appeared meanwhile"):
        write_atomic(tmp_path / "u.meipi.txt", b"x", exclusive=True)
    assert (tmp_path / "u.meipi.txt").read_bytes() == b"theirs"


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002])
def test_exclusive_new_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "t.txt", b"x", exclusive=True)
    finally:
        os.umask(old)
    assert (tmp_path / "t.txt").stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_caller_words_the_advice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(EnvironmentFailure) as info:
        write_atomic(tmp_path / "t.txt", b"x", advice=lambda exc: "import again later")
    assert str(info.value).endswith("the disk is full. Nothing was written; import again later.")
    assert list(tmp_path.iterdir()) == []

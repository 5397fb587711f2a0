"""``write_atomic``: a file is replaced whole or not at all, a place that cannot be written fails
with one sentence, and ``exclusive=True`` (an import: an imported text's id must be new) never
replaces a file."""

from __future__ import annotations

import errno
import os
import tempfile
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


def test_write_replaces_only_on_success(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, b"first")
    assert target.read_bytes() == b"first"
    write_atomic(target, "第二".encode())
    assert target.read_text(encoding="utf-8") == "第二"

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(EnvironmentFailure, match="the disk is full") as info:
        write_atomic(target, b"x" * 100_000)
    assert info.value.exit_code == 1
    assert target.read_text(encoding="utf-8") == "第二"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_unwritable_places_fail_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(EnvironmentFailure, match="does not exist"):
        write_atomic(tmp_path / "missing" / "out.md", b"x")
    with pytest.raises(InputError, match="is a folder"):
        write_atomic(tmp_path, b"x")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(EnvironmentFailure, match="permission denied"):
        write_atomic(tmp_path / "out.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask

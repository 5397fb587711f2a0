"""``reader.fsync``: a file's contents and a folder's renames reach the disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.fsync import fsync_folder, fsync_path


def synced_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the path behind every descriptor ``os.fsync`` is given."""
    seen: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_file_and_a_folder_are_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = synced_paths(monkeypatch)
    target = tmp_path / "a.txt"
    target.write_text("一", encoding="utf-8")
    fsync_path(target)
    fsync_folder(tmp_path)
    assert seen == [str(target), str(tmp_path)]


def test_a_missing_file_raises_but_a_folder_is_best_effort(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        fsync_path(tmp_path / "missing")
    fsync_folder(tmp_path / "missing")  # nothing to make durable: no error


def test_a_failed_fsync_is_raised_and_the_descriptor_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"x")
    opened: list[int] = []
    real_open = os.open

    def track(path: str | Path, flags: int, *args: int) -> int:
        fd = real_open(path, flags, *args)
        opened.append(fd)
        return fd

    def fail(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "open", track)
    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="Input/output"):
        fsync_path(target)
    assert len(opened) == 1
    with pytest.raises(OSError):
        os.fstat(opened[0])  # closed

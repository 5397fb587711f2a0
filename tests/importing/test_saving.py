"""Saving an imported text (``reader.importing.saving``): atomic writes, the umask, an unwritable
folder, editing metadata and removing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader import documents, importing, paths
from reader.errors import EnvironmentFailure, InputError
from reader.importing import MetadataChanges
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    ARTICLE,
    user_files,
    write_file,
)


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    r = meipi("import", str(write_file(tmp_path, "a.txt", ARTICLE)))
    assert r.code == 1 and "disk" in r.err and "full" in r.err
    assert user_files() == []  # no temporary file, no half-written text


def test_an_unwritable_data_folder_is_an_environment_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("MEIPI_DATA_DIR", str(blocker))
    r = meipi("import", str(write_file(tmp_path, "a.txt", ARTICLE)))
    assert r.code == 1 and "Cannot write to" in r.err and "Traceback" not in r.err
    assert blocker.read_text() == "a file where the data folder should be"


def test_write_atomic_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "t.meipi.txt"
    importing.write_atomic(target, "first")
    importing.write_atomic(target, "second")
    assert target.read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.meipi.txt"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644


def test_update_metadata_and_remove(tmp_path: Path) -> None:
    path = write_file(tmp_path, "edit-me.txt", ARTICLE)
    importing.import_file(path)
    updated = importing.update_metadata(
        "edit-me", MetadataChanges(title="新題目", venue="期刊", first_page=5, date="2020")
    )
    again = documents.load_library().get("edit-me")
    assert again.meta == updated.meta
    assert (again.meta.title, again.meta.venue, again.meta.date) == ("新題目", "期刊", "2020")
    assert [p.number for p in again.pages] == [5]
    assert again.text.startswith("中俄關係的新階段")  # the text itself is untouched
    cleared = importing.update_metadata("edit-me", MetadataChanges(venue=""))
    assert cleared.meta.venue is None
    with pytest.raises(InputError, match="ships with Meipi"):
        importing.update_metadata("lian-obor", MetadataChanges(title="x"))
    with pytest.raises(InputError, match="ships with Meipi"):
        importing.remove("hsu-divergence")
    removed = importing.remove("edit-me")
    assert not removed.exists()
    assert "edit-me" not in documents.load_library().ids()
    with pytest.raises(InputError, match="Unknown document"):
        importing.remove("edit-me")


def test_environment_failure_is_raised_by_the_core(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(EnvironmentFailure):
        importing.write_atomic(blocker / "sub" / "t.meipi.txt", "content")


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002])
def test_imported_texts_follow_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert meipi("import", str(write_file(tmp_path, "a.txt", ARTICLE))).code == 0
    finally:
        os.umask(old)
    mode = (paths.user_texts_dir() / "a.meipi.txt").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask


def test_a_replacing_save_keeps_what_it_replaces_and_can_be_taken_back(tmp_path: Path) -> None:
    from reader.importing.saving import save_undoably, undo

    folder = tmp_path / "texts"
    first = importing.guess(importing.read_source(write_file(tmp_path, "a.txt", ARTICLE)))
    importing.save(first, folder=folder)
    text = folder / f"{first.id}{documents.TEXT_SUFFIX}"
    # What a PDF keeps beside its text: a plain text in its place drops them.
    beside = {folder / f"{first.id}.pdf": b"%PDF-1.7", folder / f"{first.id}.pages.json.gz": b"x"}
    for path, data in beside.items():
        path.write_bytes(data)
    before = {p: p.read_bytes() for p in [text, *beside]}
    second = importing.guess(
        importing.read_source(write_file(tmp_path, "a.txt", ARTICLE + "\n補記。\n")),
        importing.Overrides(id=first.id),
    )
    saved = save_undoably(second, folder=folder, replace=True)
    assert "補記" in text.read_text(encoding="utf-8")
    assert not any(p.exists() for p in beside)
    (aside,) = tmp_path.glob("texts.replaced-*")
    assert {p.name: p.read_bytes() for p in aside.iterdir()} == {
        p.name: data for p, data in before.items()
    }
    assert saved.kept_text == aside / text.name
    undo(saved)
    assert {p: p.read_bytes() for p in before} == before
    assert not aside.exists() and sorted(folder.iterdir()) == sorted(before)

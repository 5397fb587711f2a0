"""``meipi export -o``: never onto the database, its companions or backups, a device or a pipe;
an existing file only with ``--force``; all or nothing when the disk fills or the folder refuses
(issue 14, item 7)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reader import paths
from reader.errors import EnvironmentFailure
from reader.export.atomic import write_atomic
from tests.cli_helpers import meipi


def fingerprint(path: Path) -> tuple[int, int, int, int]:
    """Identity and content stamp by stat (the database is never opened by the test)."""
    st = os.stat(path)
    return st.st_ino, st.st_size, st.st_mtime_ns, stat.S_IFMT(st.st_mode)


@pytest.fixture
def annotated(db_file: Path) -> Path:
    assert (
        meipi(
            "annotate",
            "lian-obor",
            "--quote",
            "一帶一路框架下",
            "--occurrence",
            "1",
            "--note",
            "第一",
        ).code
        == 0
    )
    assert db_file.is_file()
    return db_file


def one_line(err: str) -> str:
    """The one error line (notices an export prints about what it left out may precede it)."""
    assert "Traceback" not in err
    lines = [line for line in err.strip().splitlines() if line.startswith("meipi: ")]
    assert len(lines) == 1, err
    return lines[0]


def backup_of(db: Path) -> Path:
    assert meipi("backup").code == 0
    made = [p for p in paths.backups_dir(db).iterdir() if p.is_file()]
    assert made
    return made[0]


@pytest.mark.parametrize(
    "target",
    ["db", "wal", "shm", "symlink", "hardlink", "backup", "backup-link", "in-backups", "backups"],
)
def test_export_never_replaces_the_database_or_its_backups(
    annotated: Path, tmp_path: Path, target: str
) -> None:
    db = annotated
    backup = backup_of(db)
    wal = db.with_name(db.name + "-wal")
    wal.touch()  # as a live WAL database has it; created by the test, never opened
    choices = {
        "db": db,
        "wal": wal,
        "shm": db.with_name(db.name + "-shm"),  # need not exist to be refused
        "symlink": tmp_path / "notes.md",
        "hardlink": tmp_path / "hard.md",
        "backup": backup,
        "backup-link": tmp_path / "old.md",
        "in-backups": paths.backups_dir(db) / "export.md",
        "backups": paths.backups_dir(db),
    }
    if target == "symlink":
        choices[target].symlink_to(db)
    elif target == "hardlink":
        os.link(db, choices[target])
    elif target == "backup-link":
        os.link(backup, choices[target])
    path = choices[target]
    before = {p: fingerprint(p) for p in (db, backup, wal)}
    for extra in ([], ["--force"]):
        result = meipi("export", "--format", "markdown", "-o", str(path), *extra)
        assert result.code == 2, result
        assert "never replaces it" in one_line(result.err) or "folder" in result.err
        assert {p: fingerprint(p) for p in (db, backup, wal)} == before
    assert not (paths.backups_dir(db) / "export.md").exists()
    # The database still reads as one.
    listed = meipi("annotations", "--json")
    assert listed.code == 0 and [a["note"] for a in listed.json()["annotations"]] == ["第一"]


def test_export_onto_the_database_of_another_name_given_by_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "elsewhere.sqlite3"
    assert (
        meipi("--db", str(db), "annotate", "lian-obor", "--quote", "前言", "--occurrence", "1").code
        == 0
    )
    before = fingerprint(db)
    monkeypatch.chdir(tmp_path)
    result = meipi("--db", str(db), "export", "--format", "json", "-o", "elsewhere.sqlite3")
    assert result.code == 2 and "is the database" in one_line(result.err)
    assert fingerprint(db) == before


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_export_refuses_what_is_not_a_regular_file(
    annotated: Path, tmp_path: Path, kind: str
) -> None:
    if kind == "device":
        target = Path(os.devnull if not Path("/dev/full").exists() else "/dev/full")
        if not target.exists() or not stat.S_ISCHR(os.stat(target).st_mode):
            pytest.skip("no character device to try")
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = tmp_path / "folder"
        target.mkdir()
    mode = os.stat(target).st_mode
    result = meipi("export", "--format", "markdown", "-o", str(target), "--force")
    assert result.code == 2, result
    line = one_line(result.err)
    assert str(target) in line and ("not a regular file" in line or "is a folder" in line)
    assert stat.S_IFMT(os.stat(target).st_mode) == stat.S_IFMT(mode)  # still a device/pipe
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_existing_file_is_replaced_only_with_force(annotated: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own draft\n", encoding="utf-8")
    refused = meipi("export", "--format", "markdown", "-o", str(target))
    assert refused.code == 2
    assert "--force" in one_line(refused.err)
    assert target.read_text(encoding="utf-8") == "my own draft\n"
    done = meipi("export", "--format", "markdown", "-o", str(target), "--force")
    assert done.code == 0, done
    assert "第一" in target.read_text(encoding="utf-8")
    fresh = tmp_path / "new.md"
    assert meipi("export", "--format", "markdown", "-o", str(fresh)).code == 0
    assert "第一" in fresh.read_text(encoding="utf-8")


def test_an_empty_output_name_is_refused(annotated: Path) -> None:
    result = meipi("export", "--format", "markdown", "-o", "")
    assert result.code == 2 and "empty file name" in one_line(result.err)
    assert result.out == ""


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(
    annotated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    target = tmp_path / "notes.md"
    if existing:
        target.write_text("the previous export\n", encoding="utf-8")
    real_write = os.write
    written: list[int] = []

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        if written:  # the first block lands, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(len(data))
        return real_write(fd, bytes(data)[: max(1, len(data) // 2)])

    monkeypatch.setattr(os, "write", full_disk)
    result = meipi("export", "--format", "markdown", "-o", str(target), "--force")
    monkeypatch.undo()
    assert result.code == 1, result
    line = one_line(result.err)
    assert "the disk is full" in line and "Nothing was written" in line
    if existing:
        assert target.read_text(encoding="utf-8") == "the previous export\n"
        assert "unchanged" in line
    else:
        assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_an_unwritable_folder_is_exit_1_and_one_sentence(
    annotated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    real_open = os.open

    def refuse_in_folder(path: str | os.PathLike[str], flags: int, *args: int, **kw: int) -> int:
        if Path(path).parent == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kw)

    # As root (CI containers) a chmod would not stop the write: refuse the way the kernel would.
    monkeypatch.setattr(os, "open", refuse_in_folder)
    result = meipi("export", "--format", "markdown", "-o", str(folder / "notes.md"))
    monkeypatch.undo()
    assert result.code == 1, result
    line = one_line(result.err)
    assert "permission denied" in line and "folder you can write to" in line
    assert list(folder.iterdir()) == []


def test_write_atomic_replaces_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(target, b"new" * 100_000)
    assert target.read_bytes() == b"new" * 100_000
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640  # the file's mode is kept

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(EnvironmentFailure, match="unchanged"):
        write_atomic(target, b"partial")
    monkeypatch.undo()
    assert target.read_bytes() == b"new" * 100_000
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc (Linux)")
def test_a_failed_write_is_its_error_alone() -> None:
    """The notes on what the export holds ("Left out …", "No annotation …") are said once it
    is written: a path that cannot be written is exit 1 with its error alone."""
    assert meipi("annotate", "lian-obor", "--quote", "區域性的多邊或雙邊合作").code == 0
    for argv in (["--format", "markdown"], ["--format", "compare"], ["--tag", "none-such"]):
        r = meipi("export", *argv, "-o", "/proc/x.md")
        if argv[0] == "--tag":
            assert r.code == 2  # a wrong tag is still wrong input, before anything is written
            continue
        assert r.code == 1 and r.out == "", argv
        assert "Left out" not in r.err and len(r.err.strip().splitlines()) == 1, r.err
    done = meipi("export", "--format", "markdown")
    assert done.code == 0 and done.err == "Left out 1 text with no matching annotation.\n"

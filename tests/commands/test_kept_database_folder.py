"""Read-only commands pointed (``--db``) at the database a restore kept aside
(``*.replaced-*``) leave its folder as they found it: no -wal or -shm beside it."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import meipi


def test_reading_a_kept_database_leaves_its_folder_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "meipi.sqlite3"
    made = meipi("annotate", "lian-obor", "--quote", "出兵喬治亞", "--all", "--db", str(db))
    assert made.code == 0, made.err
    assert meipi("backup", "--db", str(db)).code == 0
    restored = meipi("restore", "--db", str(db))
    assert restored.code == 0, restored.err
    kept = next(tmp_path.glob("meipi.sqlite3.replaced-*"))
    before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path.parent / f"{tmp_path.name}-out.json"
    for argv in (
        ["export", "--format", "markdown"],
        ["export", "--format", "compare"],
        ["export", "--format", "json", "-o", str(out)],
        ["annotations", "--tag", "不存在"],
        ["annotations", "--json"],
        ["list"],
        ["search", "喬治亞"],
    ):
        done = meipi(*argv, "--db", str(kept))
        assert done.code in (0, 2), (argv, done.err)
        assert sorted(p.name for p in tmp_path.iterdir()) == before, argv
    assert len(meipi("annotations", "--json", "--db", str(kept)).json()["annotations"]) == 2
    out.unlink()

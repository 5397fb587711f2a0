"""``meipi restore`` as a new user meets it: refusals that change nothing, and a report that
says what was set aside and how to bring it back (issue 14, item 5)."""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
from pathlib import Path

from reader.store.backup import list_backups, texts_of
from tests.cli_helpers import meipi
from tests.store.helpers import digest


def _notes() -> list[str]:
    r = meipi("annotations", "--json")
    assert r.code == 0, r.err
    return sorted(a["note"] for a in r.json()["annotations"])


def _aside(db: Path) -> list[Path]:
    return [p for p in db.parent.iterdir() if ".replaced-" in p.name]


def test_restore_reports_what_was_set_aside_and_the_commands_bring_it_back(
    db_file: Path, tmp_path: Path, monkeypatch: object
) -> None:
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1", "--note", "舊"
        ).code
        == 0
    )
    assert meipi("backup").code == 0
    assert (
        meipi(
            "annotate", "hsu-divergence", "--quote", "中俄", "--occurrence", "1", "--note", "新一"
        ).code
        == 0
    )
    made = meipi(
        "annotate", "lian-obor", "--quote", "戈巴契夫", "--occurrence", "1", "--note", "新二"
    )
    assert made.code == 0, made.err

    r = meipi("restore")
    assert r.code == 0, r.err
    assert "2 annotations newer than the backup were set aside" in r.out, r.out
    assert _notes() == ["舊"]
    commands = re.findall(r"`(meipi [^`]+)`", r.out)
    assert len(commands) == 2 and "export --db" in commands[0], r.out
    os.chdir(tmp_path)  # the commands name a file in the current folder
    for command in commands:
        done = meipi(*shlex.split(command)[1:])
        assert done.code == 0, (command, done.err)
    assert _notes() == ["新一", "新二", "舊"]


def test_restore_refuses_the_database_itself_and_its_log(db_file: Path) -> None:
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1", "--note", "一"
        ).code
        == 0
    )
    assert meipi("backup").code == 0
    before = digest(db_file)
    for name in ("db", "alias"):
        source = db_file if name == "db" else db_file.parent / "alias.sqlite3"
        if name == "alias":
            os.link(db_file, source)
        r = meipi("restore", str(source))
        assert r.code == 2, r
        assert r.err.startswith("meipi: ") and "is the database itself" in r.err
        assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert digest(db_file) == before and not _aside(db_file)


def test_restore_refuses_a_db_that_is_not_a_meipi_database(db_file: Path, tmp_path: Path) -> None:
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1", "--note", "一"
        ).code
        == 0
    )
    assert meipi("backup").code == 0
    backup = list_backups(db_file)[0]
    foreign = tmp_path / "places.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.commit()
    conn.close()
    before = digest(foreign)
    for argv in (["restore", "--db", str(foreign), str(backup)], ["restore", "--db", str(foreign)]):
        r = meipi(*argv)
        assert r.code == 1, r
        assert "is not a Meipi database" in r.err and "nothing was restored" in r.err
        assert r.err.count("\n") == 1
        assert digest(foreign) == before and not _aside(foreign)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    r = meipi("restore", "--db", str(folder), str(backup))
    assert r.code == 1 and "not a Meipi database" in r.err, r


def test_restore_of_a_damaged_database_says_the_count_is_unknown(db_file: Path) -> None:
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "一帶一路", "--occurrence", "1", "--note", "一"
        ).code
        == 0
    )
    assert meipi("backup").code == 0
    db_file.write_bytes(b"this is not a database" * 200)
    damaged = digest(db_file)
    r = meipi("restore")
    assert r.code == 0, r.err
    assert "could not be counted" in r.out and "meipi check --db" in r.out
    assert [digest(p) for p in _aside(db_file)] == [damaged]
    assert _notes() == ["一"]


def test_backup_dash_o_carries_the_texts_and_restores_them(db_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "mine.md"
    source.write_text("# 我的文章\n\n中亞地區的能源合作與競爭。\n", encoding="utf-8")
    imported = meipi("import", str(source), "--id", "mine")
    assert imported.code == 0, imported.err
    assert meipi("annotate", "mine", "--quote", "能源", "--note", "我的").code == 0
    copy = tmp_path / "copy.sqlite3"
    assert meipi("backup", "-o", str(copy)).code == 0
    assert texts_of(copy).is_dir()
    check = meipi("check")
    assert check.code == 0 and "verifies (with your texts)" in check.out, check.out
    text = next(p for p in db_file.parent.joinpath("texts").iterdir() if p.is_file())
    text.unlink()  # the user loses the text the note is anchored to
    r = meipi("restore", str(copy))
    assert r.code == 0, r.err
    assert "1 of your texts was put back as the backup had it." in r.out, r.out
    assert text.exists()
    shown = meipi("annotations", "mine", "--json").json()["annotations"]
    assert [(a["quote"], a["note"], a["orphaned"]) for a in shown] == [("能源", "我的", False)]


def test_restore_carries_the_glossary_and_settings_made_since_and_says_so(
    db_file: Path, tmp_path: Path
) -> None:
    # A tester's glossary entries and creator made after the backup were silently gone (only
    # in the .replaced- file), the report saying only that no annotation was newer.
    def ok(*argv: str) -> str:
        done = meipi(*argv)
        assert done.code == 0, (argv, done.err)
        return done.out

    ok("annotate", "lian-obor", "--quote", "戈巴契夫", "--occurrence", "1", "--note", "舊")
    ok("glossary", "same", "哈薩克", "哈萨克斯坦")
    ok("config", "bibliography", "refs.json")
    ok("backup")
    ok("glossary", "same", "普京", "普丁")
    ok("glossary", "keep", "區域性")
    ok("config", "creator", "林小明")
    ok("config", "bibliography", "other.json")
    ok("glossary", "drop", "哈薩克")
    lines = ok("restore").splitlines()
    assert "None of its annotations is newer than the backup." in lines
    assert "  glossary: same 普京 = 普丁 — meipi glossary drop 'same 普京 = 普丁'" in lines
    assert "  glossary: keep 區域性 — meipi glossary drop 'keep 區域性'" in lines
    assert "  setting: creator: 林小明 — meipi config creator ''" in lines
    # The backup's own value wins; the later one is named with the command that sets it again.
    again = "meipi config bibliography other.json"
    assert f"  setting: bibliography: refs.json (later: other.json) — {again}" in lines
    back = "  glossary: same 哈薩克 = 哈萨克斯坦 — meipi glossary drop 'same 哈薩克 = 哈萨克斯坦'"
    assert back in lines
    listed = meipi("glossary", "list", "--json").json()
    assert sorted(map(tuple, listed["equivalences"])) == [
        ("哈薩克", "哈萨克斯坦"),
        ("普京", "普丁"),
    ]
    assert listed["keeps"] == ["區域性"]
    assert ok("config", "creator") == "林小明\n"
    assert ok("config", "bibliography") == "refs.json\n"
    assert _notes() == ["舊"]
    # The printed commands do what they say.
    ok(*shlex.split(again)[1:])
    assert ok("config", "bibliography") == "other.json\n"


def test_restore_names_the_texts_changed_since_and_the_command_that_brings_each_back(
    db_file: Path, tmp_path: Path
) -> None:
    # A tester's restore said "1 of your texts were put back as the backup had them" and
    # nothing of the corrected text (`meipi import --replace`) it had undone.
    def ok(*argv: str) -> str:
        done = meipi(*argv)
        assert done.code == 0, (argv, done.err)
        return done.out

    first, second = tmp_path / "mine.md", tmp_path / "yours.md"
    first.write_text("# 我的文章\n\n中亞地區的能源合作與競爭。\n", encoding="utf-8")
    second.write_text("# 你的文章\n\n北極航道的開通。\n", encoding="utf-8")
    ok("import", str(first), "--id", "mine")
    ok("import", str(second), "--id", "yours")
    ok("annotate", "mine", "--quote", "能源", "--note", "我的")
    ok("backup")
    first.write_text("# 我的文章（修訂）\n\n中亞地區的能源合作與競爭。\n", encoding="utf-8")
    second.write_text("# 你的文章（修訂）\n\n北極航道的開通。\n", encoding="utf-8")
    ok("import", str(first), "--id", "mine", "--replace")
    report = ok("restore")
    assert "1 of your texts was put back as the backup had it." in report, report
    assert "1 text had changed since the backup" in report, report
    assert "yours" not in report  # unchanged since the backup: not named
    commands = [line for line in report.splitlines() if line.startswith("  mine — meipi import")]
    assert len(commands) == 1, report
    assert meipi("text", "mine").out.startswith("我的文章\n")
    ok(*shlex.split(commands[0].split(" — ", 1)[1])[1:])
    assert meipi("text", "mine").out.startswith("我的文章（修訂）\n")

    # Two texts: each named, in the plural.
    ok("backup")
    ok("import", str(first), "--id", "mine", "--replace", "--title", "三版")
    ok("import", str(second), "--id", "yours", "--replace")
    report = ok("restore")
    assert "2 of your texts were put back as the backup had them." in report, report
    assert "2 texts had changed since the backup" in report, report
    named = [line.split(" — ")[0].strip() for line in report.splitlines() if " — meipi " in line]
    assert named == ["mine", "yours"], report

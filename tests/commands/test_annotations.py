"""``meipi annotate``, ``meipi annotations`` and ``meipi glossary`` as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_helpers import meipi

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
KEYS = [
    "id",
    "document",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "pages",
    "color",
    "tags",
    "note",
    "created",
    "updated",
    "orphaned",
]


def canonical(doc: str) -> str:
    r = meipi("text", doc, "--json")
    assert r.code == 0
    text: str = r.json()["text"]
    return text


def test_annotate_then_list_json_shape(db_file: Path) -> None:
    made = meipi(
        "annotate",
        "lian-obor",
        "--quote",
        "一帶一路",
        "--occurrence",
        "2",
        "--tag",
        "地區/中亞",
        "--tag",
        "Energy",
        "--note",
        "註 **粗**",
    )
    assert made.code == 0, made.err
    ann_id = made.out.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", ann_id)
    assert "lian-obor" in made.err and "p. " in made.err
    text = canonical("lian-obor")
    first = text.index("一帶一路")
    second = text.index("一帶一路", first + 4)

    r = meipi("annotations", "--json")
    assert r.code == 0
    (row,) = r.json()["annotations"]
    assert list(row) == KEYS
    assert row["id"] == ann_id and row["document"] == "lian-obor"
    assert (row["start"], row["end"], row["quote"]) == (second, second + 4, "一帶一路")
    assert row["prefix"] == text[second - 32 : second]
    assert row["suffix"] == text[second + 4 : second + 36]
    assert row["color"] == "yellow" and row["tags"] == ["地區/中亞", "Energy"]
    assert row["note"] == "註 **粗**" and row["orphaned"] is False
    assert ISO.fullmatch(row["created"]) and ISO.fullmatch(row["updated"])
    first_page, last_page = row["pages"]
    assert first_page == last_page >= 1

    listed = meipi("annotations")
    assert listed.code == 0
    assert "lian-obor" in listed.out and f"p. {first_page}" in listed.out
    assert "tags: 地區/中亞, Energy" in listed.out and ann_id[:8] in listed.out
    assert meipi("list", "--json").json()["documents"][0]["annotations"] == 1


def test_filters_tags_with_children_and_colours(db_file: Path) -> None:
    ids = {}
    for name, argv in {
        "asia": ["--quote", "中亞", "--occurrence", "1", "--tag", "地區/中亞"],
        "region": ["--quote", "一帶一路", "--occurrence", "1", "--tag", "地区", "--color", "blue"],
        "energy": [
            "--quote",
            "能源",
            "--occurrence",
            "1",
            "--tag",
            "Energy",
            "--color",
            "none",
            "--note",
            "n",
        ],
    }.items():
        r = meipi("annotate", "lian-obor", *argv)
        assert r.code == 0, r.err
        ids[name] = r.out.strip()

    def listed(*argv: str) -> set[str]:
        r = meipi("annotations", *argv, "--json")
        assert r.code == 0, r.err
        return {a["id"] for a in r.json()["annotations"]}

    assert listed("--tag", "地區") == {ids["asia"], ids["region"]}
    assert listed("--tag", "地区/中亚") == {ids["asia"]}
    assert listed("--tag", "energy") == {ids["energy"]}
    assert listed("--tag", "ENERGY", "--tag", "地區/中亞") == {ids["energy"], ids["asia"]}
    assert listed("--color", "blue") == {ids["region"]}
    assert listed("--color", "none") == {ids["energy"]}
    assert listed("hsu-divergence") == set()
    # A tag no annotation carries is wrong input (as in ``meipi export``), naming those in use.
    unused = meipi("annotations", "--tag", "北極", "--json")
    assert unused.code == 2 and unused.out == ""
    assert "'北極'" in unused.err and "Tags in use: Energy, 地区, 地區/中亞." in unused.err
    assert listed("--tag", "地區", "--color", "green") == set()
    energy = meipi("annotations", "--json", "--tag", "energy").json()["annotations"][0]
    assert energy["color"] is None


def test_annotate_through_a_script_view_stores_canonical(db_file: Path) -> None:
    simplified = meipi("text", "lian-obor", "--script", "zh-Hans-CN").out
    assert "一带一路" in simplified
    r = meipi(
        "annotate",
        "lian-obor",
        "--quote",
        "一带一路",
        "--script",
        "zh-Hans-CN",
        "--occurrence",
        "3",
    )
    assert r.code == 0, r.err
    row = meipi("annotations", "--json").json()["annotations"][0]
    text = canonical("lian-obor")
    third = [m.start() for m in re.finditer("一帶一路", text)][2]
    assert (row["start"], row["end"], row["quote"]) == (third, third + 4, "一帶一路")


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["annotate", "nope", "--quote", "中俄", "--occurrence", "1"], "Known ids"),
        (
            ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--script", "zh-XX"],
            "Valid views",
        ),
        (
            ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--color", "red"],
            "Colours",
        ),
        (
            ["annotate", "lian-obor", "--quote", "不在文中的句子", "--occurrence", "1"],
            "does not occur",
        ),
        (
            ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "9999"],
            "times in lian-obor",
        ),
        (["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "0"], "counts from 1"),
        (["annotate", "lian-obor", "--quote", "", "--occurrence", "1"], "empty"),
        (["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--tag", "/"], "tag"),
        (
            ["annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--color", "none"],
            "needs a --note",
        ),
        (["annotations", "--color", "red"], "Colours"),
        (["annotations", "nope"], "Known ids"),
    ],
)
def test_input_errors_exit_2_and_write_nothing(db_file: Path, argv: list[str], needle: str) -> None:
    r = meipi(*argv)
    assert r.code == 2, r
    assert needle in r.err and r.err.startswith("meipi: ") and "Traceback" not in r.err
    assert not db_file.exists()  # nothing was created for a wrong input


def test_occurrence_past_the_last_says_how_many(db_file: Path) -> None:
    count = canonical("hsu-divergence").count("中俄")
    r = meipi("annotate", "hsu-divergence", "--quote", "中俄", "--occurrence", str(count + 1))
    assert r.code == 2 and f"occurs {count} times" in r.err
    assert (
        meipi("annotate", "hsu-divergence", "--quote", "中俄", "--occurrence", str(count)).code == 0
    )


def test_reading_commands_do_not_create_the_database(db_file: Path) -> None:
    assert meipi("annotations").out.strip() == "No annotations."
    assert meipi("annotations", "--json").json() == {"annotations": []}
    assert meipi("glossary", "list", "--json").json() == {
        "keeps": [],
        "equivalences": [],
        "conversions": [],
    }
    assert meipi("list").code == 0
    assert not db_file.exists() and not db_file.parent.joinpath("meipi-backups").exists()


def test_glossary_commands(db_file: Path) -> None:
    assert meipi("glossary", "same", "普京", "普丁").code == 0
    assert "already" in meipi("glossary", "same", "普丁", "普京").out
    # 喬治亞 (Georgia) reads 格鲁吉亚 on the mainland (the regional lexicon).
    assert "格鲁吉亚" in meipi("text", "lian-obor", "--script", "zh-Hans-CN").out
    assert meipi("glossary", "keep", "喬治亞").code == 0
    assert meipi("glossary", "list", "--json").json() == {
        "keeps": ["喬治亞"],
        "equivalences": [["普京", "普丁"]],
        "conversions": [],
    }
    listed = meipi("glossary", "list").out
    assert "same 普京 = 普丁" in listed and "keep 喬治亞" in listed
    # The kept phrase is honoured by the views (through load_glossary): no substitution, its
    # characters still in the view's script.
    shown = meipi("text", "lian-obor", "--script", "zh-Hans-CN").out
    assert "格鲁吉亚" not in shown and "喬治亞" not in shown and "乔治亚" in shown
    assert meipi("glossary", "drop", "普丁=普京").code == 0
    missing = meipi("glossary", "drop", "普京")
    assert missing.code == 2 and "喬治亞" in missing.err
    assert meipi("glossary", "drop", "喬治亞").code == 0
    assert meipi("glossary", "list").out.startswith("The glossary is empty")


def test_backup_restore_check_as_a_new_user(db_file: Path, tmp_path: Path) -> None:
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--note", "不可失"
        ).code
        == 0
    )
    check = meipi("check")
    assert check.code == 0 and "integrity_check: ok" in check.out and "anchors: ok" in check.out
    manual = tmp_path / "copy.sqlite3"
    r = meipi("backup", "-o", str(manual))
    assert r.code == 0 and manual.exists()
    again = meipi("backup", "-o", str(manual))
    assert again.code == 2 and "already exists" in again.err

    db_file.unlink()  # the user deletes the database
    assert meipi("annotations").out.strip() == "No annotations."
    restored = meipi("restore")
    assert restored.code == 0, restored.err
    notes = [a["note"] for a in meipi("annotations", "--json").json()["annotations"]]
    assert notes == ["不可失"]
    assert meipi("check").code == 0

    # Restoring a named file moves the current one aside (with its log files), never deletes it.
    assert (
        meipi(
            "annotate", "lian-obor", "--quote", "俄羅斯", "--occurrence", "1", "--note", "後來"
        ).code
        == 0
    )
    r = meipi("restore", str(manual))
    assert r.code == 0 and "kept as" in r.out
    aside = [p for p in db_file.parent.iterdir() if ".replaced-" in p.name]
    assert aside
    notes = [a["note"] for a in meipi("annotations", "--json").json()["annotations"]]
    assert notes == ["不可失"]
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 10)
    r = meipi("restore", str(bad))
    assert r.code == 2 and "cannot be restored" in r.err


def test_check_reports_a_bad_anchor_and_a_dangling_reference(db_file: Path) -> None:
    import sqlite3

    made = meipi("annotate", "lian-obor", "--quote", "中俄", "--occurrence", "1", "--tag", "中亞")
    assert made.code == 0 and meipi("check").code == 0
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute('UPDATE annotations SET start = start + 1, "end" = "end" + 1')
    conn.execute("INSERT INTO annotation_tags VALUES (?, 999, 5)", (made.out.strip(),))
    conn.close()
    r = meipi("check")
    assert r.code == 1
    assert "foreign_key_check: FAILED (1 dangling references)" in r.out
    assert "anchors: FAILED (1 of 1)" in r.out and "is not its quote" in r.out

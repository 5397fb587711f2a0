"""``meipi export`` and ``meipi import-annotations`` as a new user would try them: five passages
across both articles with shared themes, every format, the round trip into an empty database."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.cli_helpers import meipi
from tests.export.mdcheck import skeleton, split_front_matter

PASSAGES = [
    ("lian-obor", "區域性的多邊或雙邊合作", "green", ["地區/中亞", "安全"], "Regional, not local."),
    ("lian-obor", "上海合作組織的成員大多為中亞國家", "yellow", ["地區/中亞"], None),
    ("lian-obor", "出兵喬治亞", "pink", ["安全"], "# not a heading\n---"),
    ("hsu-divergence", "中亞", "yellow", ["中亚"], "Same theme, other article."),
    ("hsu-divergence", "北極", "none", ["北極"], "Arctic, only here."),
]


@pytest.fixture
def annotated() -> list[str]:
    ids = []
    for doc, quote, color, tags, note in PASSAGES:
        argv = ["annotate", doc, "--quote", quote, "--occurrence", "1", "--color", color]
        for tag in tags:
            argv += ["--tag", tag]
        if note:
            argv += ["--note", note]
        result = meipi(*argv)
        assert result.code == 0, result.err
        ids.append(result.out.strip())
    return ids


def without_generated(text: str) -> str:
    return re.sub(r'"generated": "[^"]*"', '"generated": ""', text)


def test_markdown_export_reads_as_intended(annotated: list[str]) -> None:
    result = meipi("export", "--format", "markdown", "--doc", "lian-obor", "--script", "zh-Hans-CN")
    assert result.code == 0, result.err
    front, body = split_front_matter(result.out)
    assert front["document"] == "lian-obor"
    assert front["script"] == "zh-Hans-CN"
    assert front["annotations"] == 3
    sk = skeleton(body)
    # How the view words 區域性 is the script views' business (issue 18's lexicon keeps it).
    assert any(k == "p" and t.endswith("的多边或双边合作") for k, t in sk)
    assert ("p", "出兵格鲁吉亚〔原文：喬治亞〕") in sk
    assert ("md", "p. 3 · pink (Question) · #安全") in sk
    # A note's heading is strong text, not a section of the export; its rule stays text.
    at = sk.index(("md", "not a heading"))
    assert sk[at + 1] == ("p", "---")
    plain = meipi(
        "export",
        "--format",
        "markdown",
        "--doc",
        "lian-obor",
        "--script",
        "zh-Hans-CN",
        "--no-originals",
        "--group-by",
        "tag",
    )
    sk = skeleton(split_front_matter(plain.out)[1])
    assert any(k == "p" and t.endswith("的多边或双边合作") and "〔" not in t for k, t in sk)
    # A Simplified export sorts themes by pinyin: ān 安全 before dì 地區.
    assert [t for k, t in sk if k == "h2"] == ["安全", "地區/中亞"]


def test_compare_export_and_its_limits(annotated: list[str], tmp_path: Path) -> None:
    out = tmp_path / "compare.md"
    result = meipi("export", "--format", "compare", "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    front, body = split_front_matter(out.read_text(encoding="utf-8"))
    assert front["themes"] == 4
    sk = skeleton(body)
    # Traditional (original) export: zhuyin order, ㄅ 北極, ㄉ 地區, ㄓ 中亚, ㄢ 安全.
    assert [t for k, t in sk if k == "h2"] == ["北極", "地區/中亞", "中亚", "安全"]
    one = meipi("export", "--format", "compare", "--doc", "lian-obor")
    assert one.code == 2
    assert "two or more articles" in one.err
    by_colour = meipi("export", "--format", "compare", "--by", "color", "--color", "none")
    assert by_colour.code == 0, by_colour.err
    assert [t for k, t in skeleton(split_front_matter(by_colour.out)[1]) if k == "h2"] == [
        "No colour (notes)"
    ]
    # Only 許菁芸's passage is a note: 連弘宜's text is left out, and stderr says so.
    front = split_front_matter(by_colour.out)[0]
    assert [d["document"] for d in front["documents"]] == ["hsu-divergence"]
    assert "No passages." not in by_colour.out
    assert by_colour.err == "Left out 1 text with no matching annotation.\n"


def test_compare_leaves_out_texts_without_passages(annotated: list[str], tmp_path: Path) -> None:
    for doc_id, title in (("notes", "北極合作研究"), ("route", "北極航道與中俄合作")):
        path = tmp_path / f"{doc_id}.txt"
        path.write_text(f"{title}\n\n北極的合作。\n", encoding="utf-8")
        assert meipi("import", str(path), "--id", doc_id).code == 0
    assert meipi("annotate", "route", "--quote", "北極的合作", "--tag", "北極").code == 0
    whole = meipi("export", "--format", "compare")
    assert whole.code == 0, whole.err
    assert whole.err == "Left out 1 text with no matching annotation.\n"
    front, body = split_front_matter(whole.out)
    assert [d["document"] for d in front["documents"]] == ["lian-obor", "hsu-divergence", "route"]
    assert "〈北極航道與中俄合作〉〈" not in body and "合…〉〈" not in body
    chosen = meipi("export", "--format", "compare", "--doc", "route", "--doc", "hsu-divergence")
    assert chosen.code == 0, chosen.err
    front, body = split_front_matter(chosen.out)
    assert [d["document"] for d in front["documents"]] == [
        "route",
        "hsu-divergence",
    ]  # --doc's order
    assert [t for k, t in skeleton(body) if k == "th"][1:3] == [
        "〈北極航道與中俄合…〉",
        "許菁芸 2024",
    ]


def test_json_round_trip_through_an_empty_database(annotated: list[str], tmp_path: Path) -> None:
    exported = tmp_path / "a.json"
    assert meipi("export", "--format", "json", "-o", str(exported)).code == 0
    other = tmp_path / "other.sqlite3"
    first = meipi("import-annotations", str(exported), "--db", str(other))
    assert first.code == 0, first.err
    assert first.out.strip() == "5 added, 0 updated, 0 unchanged, 0 skipped."
    again = meipi("import-annotations", str(exported), "--db", str(other))
    assert again.out.strip() == "0 added, 0 updated, 5 unchanged, 0 skipped."
    second = meipi("export", "--format", "json", "--db", str(other))
    assert without_generated(second.out) == without_generated(exported.read_text(encoding="utf-8"))
    before = meipi("annotations", "--json", "--db", str(other)).json()
    assert sorted(a["id"] for a in before["annotations"]) == sorted(annotated)


def test_newer_modified_wins(annotated: list[str], tmp_path: Path) -> None:
    data = json.loads(meipi("export", "--format", "json").out)
    items = data["first"]["items"]
    (item,) = [i for i in items if i["target"]["selector"][0]["exact"] == PASSAGES[0][1]]
    assert item["body"][-1]["purpose"] == "commenting"
    item["modified"] = "2099-01-01T00:00:00Z"
    item["body"][-1]["value"] = "Edited elsewhere."
    (older,) = [i for i in items if i["target"]["selector"][0]["exact"] == PASSAGES[1][1]]
    older["modified"] = "2000-01-01T00:00:00Z"
    older["target"]["styleClass"] = "blue"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = meipi("import-annotations", str(path))
    # The older copy differs (a tester: it was counted "unchanged", hiding that they disagree).
    assert result.out.strip() == (
        "0 added, 1 updated, 3 unchanged, 1 skipped (the file's copy differs but is not newer;"
        " this database's was kept)."
    )
    rows = {a["id"]: a for a in meipi("annotations", "--json").json()["annotations"]}
    assert rows[item["id"].removeprefix("urn:uuid:")]["note"] == "Edited elsewhere."
    assert rows[older["id"].removeprefix("urn:uuid:")]["color"] == "yellow"


def test_hostile_import_changes_nothing(annotated: list[str], tmp_path: Path) -> None:
    data = json.loads(meipi("export", "--format", "json").out)
    before = meipi("annotations", "--json").out
    data["first"]["items"][0]["body"][-1]["value"] = "would be lost"
    data["first"]["items"][0]["modified"] = "2099-01-01T00:00:00Z"
    data["first"]["items"][-1]["target"]["selector"][1]["end"] = 10**9
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = meipi("import-annotations", str(bad))
    assert result.code == 2
    # One page holds every annotation: the last item is the fifth.
    assert result.err.startswith("meipi: bad.json cannot be imported: annotation 5")
    assert "Traceback" not in result.err
    assert meipi("annotations", "--json").out == before
    for content, code in ((b"\x00garbage", 2), (b"", 2)):
        bad.write_bytes(content)
        assert meipi("import-annotations", str(bad)).code == code
    missing = meipi("import-annotations", str(tmp_path / "nope.json"))
    assert missing.code == 2
    assert "There is no file" in missing.err
    assert meipi("annotations", "--json").out == before


def test_csv_export_for_spreadsheets(annotated: list[str]) -> None:
    result = meipi("export", "--format", "csv", "--tag", "地區")
    assert result.code == 0
    assert result.out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.out[1:], newline="")))
    assert len(rows) == 3  # the header, and the two passages under 地區/中亞
    assert {r[7] for r in rows[1:]} == {
        "區域性的多邊或雙邊合作",
        "上海合作組織的成員大多為中亞國家",
    }


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--format", "markdown", "--doc", "nope"], 2, "Unknown document 'nope'"),
        (["--format", "markdown", "--script", "klingon"], 2, "Unknown script view"),
        (["--format", "csv", "--color", "red"], 2, "Unknown colour 'red'"),
        (["--format", "json", "-o", "/nonexistent-dir/x.json"], 1, "does not exist"),
    ],
)
def test_wrong_input_and_unwritable_paths(argv: list[str], code: int, message: str) -> None:
    result = meipi("export", *argv)
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err


def test_export_without_a_database_creates_none(isolated_data: Path) -> None:
    result = meipi("export", "--format", "markdown", "--doc", "hsu-divergence")
    assert result.code == 0
    assert ("p", "No annotations match.") in skeleton(split_front_matter(result.out)[1])
    assert not (isolated_data / "meipi.sqlite3").exists()


def test_exports_do_not_load_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reader.export, reader.bench.export_timing, reader.export.citing, "
        "reader.commands.export; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_an_unknown_tag_is_wrong_input_in_export_and_annotations() -> None:
    """A misspelt --tag is exit 2 naming the tags in use, in ``export`` as in ``annotations``
    (it once exported lian-obor's header and "No annotations match." with exit 0)."""
    for argv in (["export", "--format", "markdown"], ["annotations"]):
        empty = meipi(*argv, "--tag", "不存在")
        assert empty.code == 2 and "no tags yet" in empty.err and empty.out == ""
    made = meipi("annotate", "lian-obor", "--quote", "出兵喬治亞", "--all", "--tag", "地區/中亞")
    assert made.code == 0, made.err
    for argv in (
        ["export", "--format", "markdown"],
        ["export", "--format", "csv"],
        ["annotations"],
    ):
        wrong = meipi(*argv, "--tag", "不存在")
        assert wrong.code == 2, (argv, wrong.err)
        assert "'不存在'" in wrong.err and "Tags in use: 地區/中亞." in wrong.err
        assert wrong.out == "" and "Traceback" not in wrong.err
        # A parent tag, in another script, is a tag in use.
        right = meipi(*argv, "--tag", "地区")
        assert right.code == 0 and "出兵喬治亞" in right.out, (argv, right.err)
    elsewhere = meipi("export", "--format", "markdown", "--doc", "hsu-divergence", "--tag", "地區")
    assert elsewhere.code == 2 and "in hsu-divergence" in elsewhere.err
    # Known tags that match nothing together with a colour: exit 0, and stderr says so.
    none = meipi("export", "--format", "markdown", "--tag", "地區", "--color", "green")
    assert none.code == 0 and "No annotation matches the filters" in none.err
    assert "No annotation matches" not in none.out


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
def test_a_folder_that_takes_no_new_file_is_named_as_such() -> None:
    """/proc/version exists but /proc takes no new file: the system's "No such file or
    directory" was shown as the reason; the message now says the file cannot be replaced."""
    before = Path("/proc/version").read_text()
    replaced = meipi("export", "--format", "json", "-o", "/proc/version", "--force")
    assert replaced.code == 1 and "No such file" not in replaced.err
    assert "/proc does not take new files, so it cannot be replaced there" in replaced.err
    assert "the existing file is unchanged" in replaced.err
    assert Path("/proc/version").read_text() == before
    new = meipi("export", "--format", "json", "-o", "/proc/meipi-export.json")
    assert new.code == 1 and "so it cannot be written there" in new.err


def test_a_removed_texts_annotations_are_kept_orphaned_and_said_left_out(tmp_path: Path) -> None:
    """Remove Text keeps a text's annotations "as orphans" (the window says so): listed as
    orphans, each export of every text says it left them out and how to bring them back, an
    export of that id says what became of it, and importing the text again restores them."""
    from reader.importing import remove

    source = tmp_path / "art3.md"
    source.write_text("# 測試文章\n\n第一段落，關於能源合作的討論。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "art3").code == 0
    for quote in ("能源合作", "討論"):
        assert meipi("annotate", "art3", "--quote", quote, "--note", "我的筆記").code == 0
    remove("art3")

    listed = json.loads(meipi("annotations", "--json").out)["annotations"]
    assert [(a["document"], a["orphaned"]) for a in listed] == [("art3", True)] * 2
    assert meipi("annotations").out.startswith("[orphaned]  art3  p. 1")
    left_out = (
        "Left out 2 annotations kept for texts no longer in the library (art3): import a text "
        "again with its id (meipi import FILE --id ID) to export them."
    )
    for fmt in ("json", "markdown", "csv", "compare"):
        done = meipi("export", "--format", fmt)
        assert done.code == 0 and left_out in done.err.splitlines(), (fmt, done.err)
        assert "我的筆記" not in done.out
    assert left_out not in meipi("export", "--format", "csl-json").err
    asked = meipi("export", "--format", "markdown", "--doc", "art3")
    assert asked.code == 2 and asked.err == (
        "meipi: art3 is no longer in the library (its text was removed); its 2 annotations are "
        "kept in the database: import the text again with --id art3 to export them.\n"
    )
    assert "Unknown document" in meipi("export", "--format", "json", "--doc", "nope").err

    assert meipi("import", str(source), "--id", "art3").code == 0
    back = json.loads(meipi("annotations", "--json").out)["annotations"]
    assert [(a["document"], a["orphaned"]) for a in back] == [("art3", False)] * 2
    again = meipi("export", "--format", "markdown")
    assert again.code == 0 and "我的筆記" in again.out and "no longer" not in again.err

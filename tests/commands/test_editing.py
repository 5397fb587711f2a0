"""The command line completes the window (issue 21): an ambiguous --quote lists its
occurrences, a duplicate names the existing annotation, ``meipi edit`` and ``meipi delete``
take an id or a unique start of it and say what changed, and a deleted annotation comes back
with the command ``delete`` prints."""

from __future__ import annotations

import contextlib
import shlex
import sqlite3
from pathlib import Path

from reader import paths
from reader.documents import load_library
from reader.store import annotations as store_ops
from reader.store import open_store
from tests.cli_helpers import meipi


def annotate(*argv: str) -> str:
    made = meipi("annotate", "lian-obor", *argv)
    assert made.code == 0, made.err
    return made.out.strip()


def listed() -> list[dict[str, object]]:
    result: list[dict[str, object]] = meipi("annotations", "--json").json()["annotations"]
    return result


def test_an_ambiguous_quote_lists_its_occurrences_with_their_pages(db_file: Path) -> None:
    text = load_library().get("lian-obor").text
    times = text.count("普京")
    assert times > 1
    refused = meipi("annotate", "lian-obor", "--quote", "普京")
    assert refused.code == 2 and refused.out == ""
    assert f"occurs {times} times" in refused.err and "--occurrence N" in refused.err
    assert "--all" in refused.err and "p. " in refused.err
    assert refused.err.count("【普京】") == min(times, 20)
    assert "  20  " in refused.err and f"and {times - 20} more (p. " in refused.err
    assert not db_file.exists() or listed() == []
    second = annotate("--quote", "普京", "--occurrence", "2")
    assert listed()[0]["id"] == second
    assert listed()[0]["start"] == text.index("普京", text.index("普京") + 1)


def test_an_ambiguous_quote_is_listed_in_the_view_it_was_quoted_in(db_file: Path) -> None:
    """格鲁吉亚 quoted in 简体（大陆用语） is listed as it reads there (the canonical text has
    喬治亞, a phrase conversion of another length), with the canonical pages."""
    refused = meipi("annotate", "lian-obor", "--quote", "格鲁吉亚", "--script", "zh-Hans-CN")
    assert refused.code == 2 and refused.out == ""
    assert "occurs 2 times in lian-obor (view zh-Hans-CN)" in refused.err
    lines = [line for line in refused.err.splitlines() if "【" in line]
    assert len(lines) == 2 and all("【格鲁吉亚】" in line for line in lines)
    assert "p. 3" in lines[0] and "出兵【格鲁吉亚】，在西方" in lines[0]
    assert "p. 6" in lines[1] and "后，与西方" in lines[1]
    assert "喬治亞" not in refused.err


def test_all_annotates_every_occurrence_once(db_file: Path) -> None:
    times = load_library().get("lian-obor").text.count("戈巴契夫")
    made = annotate("--quote", "戈巴契夫", "--all", "--tag", "人物")
    assert len(made.split()) == times == len(listed())
    again = meipi("annotate", "lian-obor", "--quote", "戈巴契夫", "--all")
    assert again.code == 2 and "annotated already" in again.err
    assert len(listed()) == times  # nothing written


def test_a_duplicate_is_exit_2_naming_the_existing_id(db_file: Path) -> None:
    first = annotate("--quote", "普京", "--occurrence", "1", "--note", "一")
    again = meipi("annotate", "lian-obor", "--quote", "普京", "--occurrence", "1")
    assert again.code == 2 and first in again.err
    assert [a["id"] for a in listed()] == [first]


def test_edit_by_a_unique_start_prints_what_changed(db_file: Path) -> None:
    made = annotate("--quote", "戈巴契夫", "--occurrence", "1", "--tag", "人物", "--note", "舊")
    edited = meipi("edit", made[:8], "--color", "blue", "--tag", "人物/蘇聯", "--tag", "改革")
    assert edited.code == 0, edited.err
    assert made in edited.out
    assert "colour: yellow → blue" in edited.out
    assert "tags:   人物 → 人物/蘇聯, 改革" in edited.out
    assert "note" not in edited.out.split(":", 1)[1]  # the note did not change
    (row,) = listed()
    assert (row["color"], row["tags"], row["note"]) == ("blue", ["人物/蘇聯", "改革"], "舊")
    noted = meipi("edit", made, "--note", "")
    assert noted.code == 0 and "note:   「舊」 → (none)" in noted.out
    assert listed()[0]["note"] is None
    nothing = meipi("edit", made, "--color", "blue")
    assert nothing.code == 0 and "Nothing changed" in nothing.out
    refused = meipi("edit", made, "--color", "none")
    assert refused.code == 2 and "needs a note" in refused.err
    assert meipi("edit", made).code == 2


def test_edit_echoes_the_tags_as_they_are_stored_and_listed(db_file: Path) -> None:
    # A tag of its own with a "#" and a tag with a space: the echo is their spelling, as the
    # JSON keeps it and `meipi annotations` lists it (it was "##hash #Energy-policy").
    made = annotate("--quote", "戈巴契夫", "--occurrence", "1", "--tag", "Energy policy")
    edited = meipi("edit", made, "--tag", "#hash", "--tag", "Energy policy", "--tag", "中亞")
    assert edited.code == 0, edited.err
    assert "  tags:   Energy policy → #hash, Energy policy, 中亞" in edited.out.splitlines()
    assert listed()[0]["tags"] == ["#hash", "Energy policy", "中亞"]
    line = meipi("annotations").out
    assert "tags: #hash, Energy policy, 中亞" in line and "##" not in line
    cleared = meipi("edit", made, "--tag", "x")
    assert "  tags:   #hash, Energy policy, 中亞 → x" in cleared.out.splitlines()


def test_an_ambiguous_or_unknown_id_is_exit_2_listing_the_matches(db_file: Path) -> None:
    doc = load_library().get("lian-obor")
    store = open_store(db_file)
    try:
        with store.writing() as s:
            for n, annotation_id in enumerate(("feed-1", "feed-2", "fade-3"), 1):
                start = -1
                for _ in range(n):
                    start = doc.text.index("中亞", start + 1)
                store_ops.create_annotation(s, doc, start, start + 2, annotation_id=annotation_id)
    finally:
        store.close(backup=False)
    for command in ("edit", "delete"):
        argv = [command, "fe"] + (["--note", "x"] if command == "edit" else [])
        ambiguous = meipi(*argv)
        assert ambiguous.code == 2
        assert "feed-1" in ambiguous.err and "feed-2" in ambiguous.err
        assert "fade-3" not in ambiguous.err
        unknown = meipi(command, "0000", *argv[2:])
        assert unknown.code == 2 and "no annotation" in unknown.err
    assert meipi("edit", "fa", "--note", "x").code == 0
    assert len(listed()) == 3


def test_delete_keeps_it_and_the_printed_command_brings_it_back(db_file: Path) -> None:
    made = annotate("--quote", "戈巴契夫", "--occurrence", "1", "--tag", "人物", "--note", "留著")
    (before,) = listed()
    deleted = meipi("delete", made[:6])
    assert deleted.code == 0, deleted.err
    assert made in deleted.out and listed() == []
    kept = next((paths.data_dir() / "deleted").glob("*.json"))
    assert str(kept) in deleted.out
    command = shlex.split(deleted.out.strip().splitlines()[-1])
    assert command[:2] == ["meipi", "import-annotations"]
    restored = meipi(*command[1:])
    assert restored.code == 0, restored.err
    assert listed() == [before]  # the same id, times, colour, tags and note
    assert meipi("delete", made).code == 0
    assert meipi("delete", made).code == 2  # gone


def test_delete_with_db_prints_a_command_for_that_database(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    made = meipi("annotate", "lian-obor", "--quote", "前言", "--occurrence", "1", "--db", str(db))
    assert made.code == 0, made.err
    deleted = meipi("delete", made.out.strip(), "--db", str(db))
    assert deleted.code == 0, deleted.err
    command = shlex.split(deleted.out.strip().splitlines()[-1])
    assert command[1:3] == ["--db", str(db)]
    assert meipi(*command[1:]).code == 0
    rows = meipi("annotations", "--json", "--db", str(db)).json()["annotations"]
    assert [r["id"] for r in rows] == [made.out.strip()]


def test_a_long_list_of_occurrences_leaves_none_out_unsaid(db_file: Path, tmp_path: Path) -> None:
    """A long quote found on 24 pages: the occurrences listed run 1, 2, 3 … without a gap and
    the rest are counted with their pages; no line is cut in its middle."""
    quote = "中亞國家的能源出口長期依賴俄羅斯的管線系統"
    pages = [f"第{n}段：{quote}，近年有變化。\n" for n in range(1, 25)]
    source = tmp_path / "repeated.txt"
    source.write_text("重複的段落\n\n" + "\f".join(pages), encoding="utf-8")
    assert meipi("import", str(source)).code == 0
    refused = meipi("annotate", "repeated", "--quote", quote)
    assert refused.code == 2 and refused.out == ""
    listed_lines = [line for line in refused.err.splitlines() if "【" in line]
    numbers = [int(line.split()[0]) for line in listed_lines]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 10
    assert all(line.endswith("，近年有變化…") for line in listed_lines)
    rest = ", ".join(str(n) for n in range(len(numbers) + 1, 25))
    assert refused.err.rstrip().endswith(f"… and {24 - len(numbers)} more (p. {rest})")


def test_a_delete_the_database_cannot_save_leaves_no_kept_copy(db_file: Path) -> None:
    made = annotate("--quote", "戈巴契夫", "--occurrence", "1", "--note", "留")
    # Another program holds the write lock past the busy timeout: the delete is not saved.
    with contextlib.closing(sqlite3.connect(db_file, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        refused = meipi("delete", made)
        other.execute("ROLLBACK")
    assert refused.code == 1 and "busy" in refused.err, refused.err
    assert not (paths.data_dir() / "deleted").exists()  # no file, nor the folder it made
    assert [a["id"] for a in listed()] == [made]


def test_a_long_note_replaced_by_an_edit_is_printed_whole_to_copy_back(db_file: Path) -> None:
    """The change line shortens a note to 60 characters; a replaced note longer than that is
    printed whole on stderr, so an edit of the wrong annotation (a short prefix mistyped) loses
    no note for good."""
    long_note = "第一段：" + "中俄能源合作的長期評估。" * 8 + "\n第二行也要留著。"
    made = annotate("--quote", "戈巴契夫", "--occurrence", "1", "--note", long_note)
    edited = meipi("edit", made[:4], "--note", "x")
    assert edited.code == 0 and "→ 「x」" in edited.out
    assert edited.err == f"The note it replaced, in full:\n{long_note}\n"
    short = meipi("edit", made, "--note", "y")  # "x" was shown whole already
    assert short.code == 0 and short.err == ""

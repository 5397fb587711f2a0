"""``meipi search`` (``reader.commands.search``): the contract's JSON shape, view offsets, the plain
listing, the user's equivalences, exit codes."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import meipi

# Where 一帶一路 stands in lian-obor (canonical code points).
OBOR = [0, 724, 820, 2901, 2977, 3143, 4639, 4893]


def test_cli_json_has_the_contract_shape() -> None:
    result = meipi("search", "一带一路", "--doc", "lian-obor", "--script", "zh-Hans", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert list(data) == ["query", "script", "matches"]
    assert data["query"] == "一带一路" and data["script"] == "zh-Hans"
    assert len(data["matches"]) == len(OBOR)
    first = data["matches"][1]
    assert list(first) == [
        "document",
        "start",
        "end",
        "view_start",
        "view_end",
        "page",
        "text",
        "before",
        "after",
    ]
    assert first["document"] == "lian-obor"
    assert (first["start"], first["end"], first["page"], first["text"]) == (724, 728, 2, "一带一路")


def test_cli_view_offsets_differ_from_canonical_where_wording_changes() -> None:
    result = meipi("search", "格鲁吉亚", "--script", "zh-Hans-CN", "--json")
    assert result.code == 0, result.err
    matches = result.json()["matches"]
    assert [(m["start"], m["end"], m["text"]) for m in matches] == [
        (1745, 1748, "格鲁吉亚"),
        (3624, 3627, "格鲁吉亚"),
    ]
    assert all(m["view_end"] - m["view_start"] == 4 for m in matches)


def test_cli_plain_lists_hits_by_article_with_page_and_context() -> None:
    result = meipi("search", "一帶一路")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("lian-obor〈一帶一路框架下中俄之潛在競合關係〉 8 matches")
    assert any(
        line.strip().startswith("p. 2") and "的「【一帶一路】」正式表達支持" in line
        for line in lines
    )
    assert any(line.startswith("hsu-divergence〈") for line in lines)
    assert lines[-1] == "9 matches in 2 articles (view original 原文)."


def test_cli_equivalence_declared_by_the_user_joins_both_articles(db_file: Path) -> None:
    # The lexicon joins 普京 and 普丁 out of the box; the user's "Putin" joins them both.
    out_of_the_box = meipi("search", "普京", "--json")
    assert {m["document"] for m in out_of_the_box.json()["matches"]} == {
        "lian-obor",
        "hsu-divergence",
    }
    assert meipi("search", "Putin", "--json").json()["matches"] == []
    assert not db_file.exists()  # searching creates no database
    declared = meipi("glossary", "same", "Putin", "普京")
    assert declared.code == 0, declared.err
    after = meipi("search", "Putin")
    assert after.code == 0, after.err
    assert "lian-obor〈一帶一路框架下中俄之潛在競合關係〉 23 matches" in after.out
    assert "hsu-divergence〈中俄兩國之戰略利益分歧〉 2 matches" in after.out
    assert "總統【普丁】與中國國家主席" in after.out
    assert after.out.splitlines()[-1] == "25 matches in 2 articles (view original 原文)."
    # The other spelling, in the other script, finds the same 25.
    other = meipi("search", "普丁", "--script", "zh-Hans", "--json").json()["matches"]
    assert [(m["document"], m["start"]) for m in other] == [
        (m["document"], m["start"]) for m in meipi("search", "普京", "--json").json()["matches"]
    ]
    assert [m["text"] for m in other if m["document"] == "hsu-divergence"] == ["普丁", "普丁"]


def test_cli_no_match_is_not_an_error() -> None:
    result = meipi("search", "莫斯科郊外的晚上")
    assert (result.code, result.out.strip()) == (0, "No matches for '莫斯科郊外的晚上'.")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("search", ""), "empty"),
        (("search", "  \u3000"), "empty"),
        (("search", "普京", "--doc", "nope"), "Known ids"),
        (("search", "普京", "--script", "zh-Latn"), "Valid views"),
    ],
)
def test_cli_input_errors_exit_2_with_one_sentence(argv: tuple[str, ...], needle: str) -> None:
    result = meipi(*argv)
    assert result.code == 2
    assert result.out == ""
    assert needle in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def _with_damaged(db_file: Path, table: str) -> None:
    """A database with an annotation and a glossary entry, ``table``'s root page scribbled."""
    from tests.store.test_quick import _damage_table

    assert meipi("annotate", "lian-obor", "--quote", "區域性的多邊或雙邊合作").code == 0
    assert meipi("glossary", "same", "喀山", "卡贊").code == 0
    _damage_table(db_file, table)


def test_search_answers_when_the_damage_is_outside_the_glossary(db_file: Path) -> None:
    """A search reads only the glossary's tables, and checks only them (issue 22: a whole
    quick_check read every page of 100,000 annotations at every search): damage elsewhere does
    not change its answer, so it answers (exit 0); the commands that read the damaged pages
    refuse (exit 1)."""
    _with_damaged(db_file, "documents")
    found = meipi("search", "卡贊", "--doc", "hsu-divergence")
    assert found.code == 0, found.err
    assert "【喀山】" in found.out  # through the equivalence, read from the sound glossary
    for argv in (["list"], ["annotations"], ["export", "--format", "json"]):
        refused = meipi(*argv)
        assert refused.code == 1 and "is damaged" in refused.err, argv


def test_search_refuses_a_damaged_glossary(db_file: Path) -> None:
    _with_damaged(db_file, "glossary_equivalences")
    refused = meipi("search", "卡贊")
    assert refused.code == 1 and "is damaged" in refused.err and refused.out == ""
    assert "Traceback" not in refused.err


def test_the_process_of_a_search_ends_without_taking_python_apart() -> None:
    """``meipi search`` as a process of its own freezes what the cyclic collector tracks before
    it ends (Python's exit would take every module apart through the collector), and prints
    all it prints as the in-process command does; a command that is not among those leaves
    the collector as it was, and so does a search run in-process (argv given)."""
    code = (
        "import gc, sys\n"
        "from reader.cli import main\n"
        "sys.argv = ['meipi', *sys.argv[1:]]\n"
        "code = main()\n"
        "sys.stdout.flush()\n"
        "print(gc.get_freeze_count() > 0, file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *argv],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    searched = run("search", "一帶一路")
    assert (searched.returncode, searched.stderr) == (0, "True\n")
    assert searched.stdout == meipi("search", "一帶一路").out
    assert searched.stdout.rstrip().endswith("(view original 原文).")
    searched = run("search", "一帶一路", "--json")
    assert (searched.returncode, searched.stderr) == (0, "True\n")
    assert searched.stdout == meipi("search", "一帶一路", "--json").out
    listed = run("list")
    assert (listed.returncode, listed.stderr) == (0, "False\n")
    assert meipi("search", "一帶一路").code == 0
    assert gc.get_freeze_count() == 0

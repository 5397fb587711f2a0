"""The conversion audit (``python -m reader.devtools.conversion_audit``) classifies what the
library alone gets wrong and finds none of it left once the layers apply."""

from __future__ import annotations

import pytest

from reader.devtools.conversion_audit import Finding, main, trip_findings, view_findings


def classes(findings: list[Finding]) -> set[tuple[str, str, str]]:
    return {(f.cls, f.original, f.shown) for f in findings}


def test_a_bad_table_entry_and_a_meaning_change_before_and_not_after() -> None:
    text = "会后通过《中俄联合声明》，中俄关系进入新阶段。"
    before = view_findings("before", "t", "zh-Hans", text, "zh-Hant-TW", layered=False)
    assert ("bad table entry", "中俄关系", "中俄關系") in classes(before)
    assert ("meaning changed", "通过", "透過") in classes(before)
    assert ("meaning changed", "联合声明", "聯合宣告") in classes(before)
    after = view_findings("after", "t", "zh-Hans", text, "zh-Hant-TW", layered=True)
    assert {c for c, _, _ in classes(after)} <= {"corrected", "regional wording"}


def test_it_vocabulary_and_names_in_a_taiwan_text() -> None:
    text = "普丁執行務實外交，哈薩克人與區域性整合。"
    before = classes(view_findings("before", "t", "zh-Hant-TW", text, "zh-Hans-CN", False))
    assert ("meaning changed", "執行", "运行") in before
    assert ("meaning changed", "哈薩克", "哈萨克斯坦") in before
    after = classes(view_findings("after", "t", "zh-Hant-TW", text, "zh-Hans-CN", True))
    assert after == {("regional wording", "普丁", "普京")}


def test_round_trips_are_classified() -> None:
    text = "戈巴契夫的頭髮"
    found = trip_findings("after", "t", "zh-Hant-TW", text, "zh-Hans-CN", "zh-Hant-TW", True)
    assert found == []  # the lexicon gives the name back, 頭髮 comes back by its phrase
    found = trip_findings("before", "t", "zh-Hans", "理发后", "zh-Hant", "zh-Hant-TW", False)
    assert all(f.cls in ("character ambiguity", "regional wording") for f in found)


@pytest.mark.slow
def test_the_command_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "meaning changed" in out and "before" in out and "after" in out

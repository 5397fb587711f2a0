"""Radicals some PDF producers write for ideographs (``reader.radicals``): mapped one code point
for one, only in the two radical blocks, each to a unified ideograph; search, find and
``meipi annotate --quote`` match them to the ideographs in texts imported before they were
mapped."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.commands.annotations import find_occurrence
from reader.folding import fold_string, fold_text
from reader.radicals import RANGES, table, unified, unify


def in_ranges(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in RANGES)


# Text mixing the radical blocks, the ideographs they stand for, and anything else.
radical_chars = st.characters(min_codepoint=0x2E80, max_codepoint=0x2FDF)
texts = st.text(
    st.one_of(radical_chars, st.sampled_from(sorted(table().values())), st.characters()),
    max_size=60,
)


@given(texts)
def test_mapping_keeps_length_and_changes_only_the_radical_blocks(text: str) -> None:
    out, count = unify(text)
    assert len(out) == len(text)
    changed = [i for i, (a, b) in enumerate(zip(text, out, strict=True)) if a != b]
    assert count == len(changed)
    for i in changed:
        assert in_ranges(text[i])
        assert out[i] == table()[ord(text[i])]
    assert unify(out) == (out, 0)  # nothing left to map


@given(texts)
def test_search_folds_a_radical_like_its_ideograph(text: str) -> None:
    assert fold_string(text) == fold_string(unify(text)[0])
    # The offset map still spans the text one to one where the radicals were.
    assert fold_text(text).source_length == len(text)


def test_the_kangxi_radicals_map_as_nfkc_does_and_every_target_is_an_ideograph() -> None:
    kangxi = {c: t for c, t in table().items() if c >= 0x2F00}
    assert sorted(kangxi) == list(range(0x2F00, 0x2FD6))  # all 214
    for code, target in kangxi.items():
        assert unicodedata.normalize("NFKC", chr(code)) == target
    supplement = {c: t for c, t in table().items() if c < 0x2F00}
    assert len(supplement) == 115 - 2  # U+2E81–U+2EF3 less U+2E9A (unassigned) and U+2E95
    for code, target in supplement.items():
        assert unicodedata.name(chr(code)).startswith("CJK RADICAL ")
        nfkc = unicodedata.normalize("NFKC", chr(code))
        assert nfkc in (chr(code), target)  # where NFKC maps one (⺟, ⻳), Unicode agrees
    for target in table().values():
        assert len(target) == 1
        assert unicodedata.name(target).startswith("CJK UNIFIED IDEOGRAPH-")


@pytest.mark.parametrize(
    ("radical", "ideograph"),
    [
        ("⽇", "日"),
        ("⼩", "小"),
        ("⼤", "大"),
        ("⾦", "金"),
        ("⽉", "月"),
        ("⼭", "山"),
        ("⻓", "长"),
    ],
)
def test_the_radicals_a_tester_met(radical: str, ideograph: str) -> None:
    assert unified(radical) == ideograph
    assert unify(f"甲{radical}乙") == (f"甲{ideograph}乙", 1)


def test_a_quote_finds_the_radical_its_ideograph_stands_for() -> None:
    """A text imported before the mapping keeps ⽇; quoting 日 finds it, at the same offsets."""
    text = "二〇二四年十月二十二⽇於俄羅斯喀山，二十三日於俄羅斯"
    assert find_occurrence(text, "日於俄羅斯", 1, "old") == (10, 15)
    assert find_occurrence(text, "日於俄羅斯", 2, "old") == (21, 26)
    assert find_occurrence(text, "⽇於", 2, "old") == (21, 23)

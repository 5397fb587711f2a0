"""Where a justified line may take space (``reader.ui.reading.justify``): between Chinese
characters and at spaces, never inside a Latin word, a number, a web address or an astral
character. (The laid-out result, measured on the reading pane: test_reading_view.)"""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.justify import gaps, is_latin, needs_filling, runs, utf16_units


def test_latin_letters_and_digits_but_not_chinese_or_full_width() -> None:
    assert all(is_latin(c) for c in "aZ9éЖω")
    assert not any(is_latin(c) for c in "中。Ａ１ ,")


def test_no_gap_inside_a_word_a_number_or_an_address() -> None:
    text = "中俄New Thinking於1996年https://x.cn/a中"
    units = utf16_units(text)
    points = gaps(units, 0, len(units))
    inside = [i for i in points if is_latin(units[i]) and is_latin(units[i + 1])]
    assert inside == []
    assert text.index("俄") in points and text.index("w") in points  # 俄|N, w| (a space)
    address = range(text.index("https"), text.index("a中"))
    assert not any(i in points for i in address)  # a web address is one run


def test_only_lines_with_a_word_or_a_space_need_filling() -> None:
    assert not needs_filling(utf16_units("中亞地區的能源合作"), 0, 9)
    assert needs_filling(utf16_units("中亞New地區"), 0, 7)
    assert needs_filling(utf16_units("中亞 地區"), 0, 5)
    assert not needs_filling(utf16_units("中A亞"), 0, 3)  # one letter is no word


def test_an_astral_character_takes_two_units_and_no_gap_inside() -> None:
    units = utf16_units("𠀀中")
    assert len(units) == 3
    assert gaps(units, 0, 3) == [1]


@given(st.lists(st.integers(0, 60), unique=True).map(sorted))
def test_runs_cover_the_points_exactly(points: list[int]) -> None:
    spans = list(runs(points))
    assert [p for a, b in spans for p in range(a, b)] == points
    assert all(b < c for (_, b), (c, _) in itertools.pairwise(spans))  # apart

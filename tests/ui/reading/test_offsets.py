"""Canonical offsets ↔ Qt positions: code points against UTF-16, without Qt, for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.offsets import PositionMap, Utf16Map

# BMP CJK, astral CJK (Extension B), emoji, Latin, newlines.
_chars = st.sampled_from([*"中俄關係ab 1\n", "𠮷", "𡃁", "😀", "\U0002a6a5"])
texts = st.lists(_chars, max_size=60).map("".join)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_astral_characters_take_two_positions() -> None:
    text = "a𠮷b😀c"
    m = Utf16Map(text)
    assert [m.to_units(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert m.units == 7
    # Inside a surrogate pair: the character's start, never half a character.
    assert m.to_code_points(2) == 1
    assert m.to_code_points(5) == 3


@given(texts)
def test_positions_round_trip(text: str) -> None:
    m = Utf16Map(text)
    assert m.units == utf16_len(text)
    for i in range(len(text) + 1):
        units = m.to_units(i)
        assert units == utf16_len(text[:i])
        assert m.to_code_points(units) == i


@given(texts, st.data())
def test_every_utf16_position_lands_on_a_character_boundary(text: str, data: st.DataObject) -> None:
    m = Utf16Map(text)
    pos = data.draw(st.integers(0, m.units))
    cp = m.to_code_points(pos)
    assert utf16_len(text[:cp]) <= pos < utf16_len(text[:cp]) + 2 or pos == m.units


@given(texts, st.data())
def test_ranges_map_out_and_back(text: str, data: st.DataObject) -> None:
    positions = PositionMap(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    qstart, qend = positions.to_qt(start, end)
    assert text.encode("utf-16-le")[2 * qstart : 2 * qend].decode("utf-16-le") == text[start:end]
    assert positions.to_canonical(qstart, qend) == (start, end)


def test_a_range_ending_inside_a_surrogate_pair_keeps_the_whole_character() -> None:
    positions = PositionMap("x𠮷y")
    assert positions.to_canonical(0, 2) == (0, 2)
    assert positions.to_canonical(2, 4) == (1, 3)

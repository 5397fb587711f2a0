"""Double-click word boundaries for Chinese, Latin and everything between."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.words import phrases, word_at


def test_dictionary_phrase_is_selected() -> None:
    text = "透過區域性的多邊或雙邊合作"
    start, end = word_at(text, text.index("域"))
    assert text[start:end] == "區域性"


def test_single_character_when_no_phrase_covers_it() -> None:
    text = "俄與中亞"
    assert word_at(text, 1) == (1, 2)


def test_latin_word_and_punctuation() -> None:
    text = "北大西洋公約組織（North Atlantic Treaty Organization, NATO）"
    s, e = word_at(text, text.index("lantic"))
    assert text[s:e] == "Atlantic"
    s, e = word_at(text, text.index("（"))
    assert text[s:e] == "（"


def test_astral_characters_are_whole() -> None:
    text = "a😀𠀀中"
    assert word_at(text, 1) == (1, 2)
    assert word_at(text, 2) == (2, 3)


def test_dictionaries_are_loaded() -> None:
    assert "一帶一路" in phrases() or "區域性" in phrases()


@given(st.text(max_size=40), st.integers(min_value=0, max_value=60))
def test_word_always_covers_the_position(text: str, offset: int) -> None:
    start, end = word_at(text, offset)
    if not text:
        assert (start, end) == (0, 0)
        return
    pos = min(offset, len(text) - 1)
    assert 0 <= start <= pos < end <= len(text)

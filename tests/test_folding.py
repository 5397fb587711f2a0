"""Folding: the tag key, and the folded text with its offset map that search matches on."""

from __future__ import annotations

import bisect

from hypothesis import given
from hypothesis import strategies as st

from reader.folding import fold_key, fold_query, fold_text

# Characters where folding is interesting: width, case, ligatures, ellipsis, Traditional and
# Simplified pairs, combining marks, Hangul jamo, spaces, invisible format characters, newlines.
INTERESTING = (
    "aAbBfiIßẞ…．.，,ＮＡＴＯnato國国門门喬乔亞亚臺台一帶带路"
    "ﬁﬂ㈱①ｶﾞガ\u0301\u0308e\u00e9\u1100\u1161\u11a8\u3000 \t\u00a0\u200b\u00ad\ufe0f\n「」"
)
texts = st.text(alphabet=st.sampled_from(INTERESTING) | st.characters(), max_size=60)


def test_fold_key_keeps_tag_identity() -> None:
    assert fold_key("中亚") == fold_key("中亞")
    assert fold_key("Energy") == fold_key("energy") == fold_key("ＥＮＥＲＧＹ")
    assert fold_key("地區/中亞") == "地区/中亚"
    # Tags keep their spaces (only search ignores them).
    assert fold_key("South China") == "south china"


def test_width_case_and_script_fold_to_one_form() -> None:
    assert fold_text("ＮＡＴＯ").text == fold_text("nato").text == "nato"
    assert fold_text("一帶一路").text == fold_text("一带一路").text == "一带一路"
    assert fold_text("喬治亞").text == "乔治亚"


def test_length_changing_folds_map_back_to_the_whole_character() -> None:
    folded = fold_text("a…b")
    assert folded.text == "a...b"
    assert list(folded.starts) == [0, 1, 1, 1, 2]
    assert list(folded.ends) == [1, 2, 2, 2, 3]
    assert folded.to_source(1, 4) == (1, 2)
    # Half of an ellipsis is not a whole character of the source.
    assert not folded.aligned(1, 2)
    assert folded.aligned(1, 4)
    ligature = fold_text("ﬁnd")
    assert ligature.text == "find"
    assert ligature.to_source(0, 4) == (0, 3)
    assert not ligature.aligned(0, 1)


def test_spaces_and_invisible_characters_are_ignored_but_line_breaks_are_kept() -> None:
    folded = fold_text("1990 年\u3000一\u200b帶\n路")
    assert folded.text == "1990年一带\n路"
    assert folded.to_source(0, 5) == (0, 6)  # "1990 年": the space inside is part of the range
    assert fold_query(" 一帶 \n 路 ") == "一带路"


def test_combining_marks_fold_with_their_base() -> None:
    decomposed = fold_text("Cafe\u0301!")
    assert decomposed.text == "café!"
    assert decomposed.to_source(3, 4) == (3, 5)
    assert fold_text("Café!").text == decomposed.text


def test_a_text_folding_one_to_one_has_the_identity_map() -> None:
    folded = fold_text("一帶一路ABC")
    assert folded.simple
    assert list(folded.starts) == list(range(7))
    assert list(folded.ends) == list(range(1, 8))


@given(texts)
def test_offset_map_is_monotonic_and_covers_the_text(text: str) -> None:
    folded = fold_text(text)
    starts, ends = list(folded.starts), list(folded.ends)
    assert len(starts) == len(ends) == len(folded.text)
    assert folded.source_length == len(text)
    assert starts == sorted(starts)
    assert ends == sorted(ends)
    covered: set[int] = set()
    for s, e in zip(starts, ends, strict=True):
        assert 0 <= s < e <= len(text)
        covered.update(range(s, e))
    # Whatever is not covered is a character search ignores.
    for k in set(range(len(text))) - covered:
        assert fold_text(text[k]).text == ""
    # The map the other way: each source offset -> the first folded character at or after it.
    offsets = list(folded.offsets)
    assert len(offsets) == len(text) + 1
    assert offsets == [bisect.bisect_left(starts, p) for p in range(len(text) + 1)]
    # Folding unit by unit gives the folded text: the map loses nothing.
    units = sorted(set(zip(starts, ends, strict=True)))
    assert "".join(fold_text(text[s:e]).text for s, e in units) == folded.text


@given(texts, st.data())
def test_an_aligned_folded_range_is_the_fold_of_its_source_range(
    text: str, data: st.DataObject
) -> None:
    folded = fold_text(text)
    if not folded.text:
        return
    a = data.draw(st.integers(0, len(folded.text) - 1))
    b = data.draw(st.integers(a + 1, len(folded.text)))
    if not folded.aligned(a, b):
        return
    s, e = folded.to_source(a, b)
    assert fold_text(text[s:e]).text == folded.text[a:b]


@given(texts)
def test_simple_flag_means_every_folded_character_is_its_own_unit(text: str) -> None:
    folded = fold_text(text)
    if folded.simple:
        assert len(set(folded.starts)) == len(folded.text)


def test_folding_nothing_builds_no_table() -> None:
    # A window with no annotations folds no sidebar row: the folding table is not built.
    from reader import folding

    folding._char_map.cache_clear()
    folding._char_table.cache_clear()
    assert folding.fold_keys([]) == []
    assert folding._char_map.cache_info().currsize == 0
    assert folding.fold_keys(["A"]) == ["a"]

"""A sidebar row's quote wraps as a careful typesetter would: a line never begins with closing
punctuation (，。、」…), and a Latin word is not cut in two when a space can take the break."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics

from reader.ui.annotating.sidebar_rows import split_first_line

CLOSING = "，。、；：？！」』）》"
IDEOGRAPHS = "一帶路框架下中俄之潛在競合關係自從戈巴契夫提出新思維外交政策"


def _font() -> QFont:
    font = QFont("Noto Serif CJK TC")
    font.setPixelSize(16)
    return font


def test_a_comma_is_never_the_first_character_of_the_second_line(qapp: object) -> None:
    font = _font()
    head = "戈巴契夫提出新思維"
    width = QFontMetrics(font).horizontalAdvance(head)
    # Broken anywhere, the comma would start the second line; it stays with 維, which moves down.
    first, rest = split_first_line(head + "，外交政策後中俄關係", font, width)
    assert first + rest == head + "，外交政策後中俄關係"
    assert rest[0] not in CLOSING
    assert first == head[:-1] and rest.startswith("維，")


def test_a_latin_word_is_kept_whole_when_a_space_can_take_the_break(qapp: object) -> None:
    font = _font()
    quote = "Competition and Cooperation between China and Russia"
    width = QFontMetrics(font).horizontalAdvance("Competition and Coope")
    first, rest = split_first_line(quote, font, width)
    assert first + rest == quote
    assert first.rstrip() == "Competition and" and rest.startswith("Cooperation")


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(
        st.tuples(
            st.text(alphabet=IDEOGRAPHS, min_size=1, max_size=8),
            st.sampled_from(["", *CLOSING]),
        ),
        min_size=1,
        max_size=12,
    ),
    chars=st.integers(min_value=3, max_value=20),
)
def test_no_second_line_starts_with_closing_punctuation(
    qapp: object, words: list[tuple[str, str]], chars: int
) -> None:
    font = _font()
    quote = "".join(run + mark for run, mark in words)
    width = QFontMetrics(font).horizontalAdvance("中" * chars)
    first, rest = split_first_line(quote, font, width)
    assert first + rest == quote
    assert first  # something always fits on the first line
    assert not rest or rest[0] not in CLOSING

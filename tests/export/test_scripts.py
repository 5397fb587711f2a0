"""Metadata in an export's script (``reader.export.scripts``): character by character, so a name
is never replaced by another word."""

from __future__ import annotations

from reader.export.scripts import chars_in_view


def test_a_name_converts_character_by_character() -> None:
    assert chars_in_view("連弘宜", "zh-Hans", "zh-Hant-TW") == "连弘宜"
    assert chars_in_view("连弘宜", "zh-Hant-TW", "zh-Hans") == "連弘宜"


def test_a_view_that_converts_nothing_returns_the_text() -> None:
    assert chars_in_view("連弘宜", "original", "zh-Hant-TW") == "連弘宜"
    assert chars_in_view("许菁芸", "zh-Hans", "zh-Hans") == "许菁芸"


def test_no_phrase_is_replaced_by_another_word() -> None:
    # The prose converter would turn 軟體 into 软件 (another word); here each character stays
    # one character, so the length and the untouched characters hold.
    text = "軟體與資訊"
    out = chars_in_view(text, "zh-Hans-CN", "zh-Hant-TW")
    assert len(out) == len(text)
    assert out == "软体与资讯"

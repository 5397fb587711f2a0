"""Colour meanings and theme memos as the store keeps them (``reader.store.themes``)."""

from __future__ import annotations

import pytest

from reader import tags as tags_rule
from reader.errors import InputError
from reader.store import Store
from reader.store import themes as store_themes
from reader.store.records import DEFAULT_MEANINGS


def test_colour_meanings_over_the_defaults(store: Store) -> None:
    with store.writing() as s:
        store_themes.set_color_meaning(s, "pink", "待查")
        store_themes.set_color_meaning(s, "pink", "to check")
    with store.reading() as s:
        meanings = store_themes.color_meanings(s)
    assert meanings == {**DEFAULT_MEANINGS, "pink": "to check"}
    with pytest.raises(InputError), store.writing() as s:
        store_themes.set_color_meaning(s, "red", "x")


def test_a_memo_is_kept_under_its_tags_key_and_first_spelling(store: Store) -> None:
    with store.writing() as s:
        store_themes.set_theme_memo(s, "地區 / 中亞", "first")
        store_themes.set_theme_memo(s, "地区/中亚", "second")
    with store.reading() as s:
        assert store_themes.theme_memo(s, "地區/中亞") == "second"
        assert store_themes.list_theme_memos(s) == {"地區/中亞": "second"}
        assert store_themes.theme_memos_by_key(s) == {tags_rule.key("地區/中亞"): "second"}


def test_moving_a_memo_onto_another_keeps_both(store: Store) -> None:
    a, b = tags_rule.key("能源"), tags_rule.key("資源")
    with store.writing() as s:
        store_themes.set_theme_memo(s, "能源", "energy")
        store_themes.set_theme_memo(s, "資源", "resources")
        store_themes.move_memo(s, a, b, "資源")
        store_themes.move_memo(s, a, b, "資源")  # nothing left to move: no change
    with store.reading() as s:
        assert store_themes.list_theme_memos(s) == {"資源": "resources\n\nenergy"}
    with store.writing() as s:
        store_themes.move_memo(s, b, tags_rule.key("地區"), "地區")
    with store.reading() as s:
        assert store_themes.list_theme_memos(s) == {"地區": "resources\n\nenergy"}

"""``reader.tags``: the one rule for a tag's stored spelling, its identity, nesting and matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader import tags
from reader.errors import InputError

level = st.text(st.characters(exclude_categories=["Cs", "Zs", "Cc"], exclude_characters="/／"))


def test_one_tag_however_it_is_spelled() -> None:
    spellings = ["地區 / 中亞", "地区/中亚", "地區／中亞", " 地區//中亞 "]
    assert {tags.clean(s) for s in spellings} == {"地區/中亞", "地区/中亚"}
    assert len({tags.key(s) for s in spellings}) == 1
    assert tags.key("Energy") == tags.key("ENERGY") == tags.key("energy")


@pytest.mark.parametrize("spelling", ["", "   ", "/", " ／ / "])
def test_a_spelling_with_no_character_is_no_tag(spelling: str) -> None:
    with pytest.raises(InputError, match="not a tag"):
        tags.clean(spelling)
    assert tags.filter_key(spelling) is None
    assert tags.filter_keys([spelling, "中亞"]) == frozenset({tags.key("中亞")})


@given(st.lists(level, min_size=1, max_size=4))
def test_clean_is_idempotent_and_key_ignores_blanks(levels: list[str]) -> None:
    spelling = " / ".join(levels)
    if not any(part.strip() for part in levels):
        with pytest.raises(InputError):
            tags.clean(spelling)
        return
    cleaned = tags.clean(spelling)
    assert tags.clean(cleaned) == cleaned
    assert tags.key(cleaned) == tags.key(spelling) == tags.key_of_stored(cleaned)
    assert "" not in cleaned.split(tags.SEPARATOR)


def test_a_parent_matches_its_children_not_its_prefixes() -> None:
    parent, child, other = tags.key("地區"), tags.key("地區/中亞"), tags.key("地區性")
    assert tags.matches(child, [parent]) and tags.matches(parent, [parent])
    assert not tags.matches(other, [parent])
    assert not tags.matches(parent, [child])
    assert tags.is_child(child, parent) and not tags.is_child(parent, parent)
    assert tags.parents("a/b/c") == ["a", "a/b", "a/b/c"]
    assert tags.any_matches(["安全", "地區 / 中亞"], [parent])
    assert not tags.any_matches(["安全"], [parent])


def test_a_stored_name_that_is_not_clean_still_has_a_key() -> None:
    assert tags.key_of_stored("   ") == "   "
    assert tags.key_of_stored("中亚") == tags.key("中亞")

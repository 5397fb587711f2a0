"""What every format shares (``reader.importing.base``): joining a paragraph's lines, splitting
a byline into authors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.importing.base import join_lines, split_authors, wide


def test_lines_join_without_a_space_between_cjk_and_with_one_between_words() -> None:
    assert join_lines(["中俄之潛在", "競合關係"]) == "中俄之潛在競合關係"
    assert join_lines(["Sino-Russian", "relations"]) == "Sino-Russian relations"
    assert join_lines(["見 Lo", "2008"]) == "見 Lo 2008"
    assert join_lines(["見", "Lo"]) == "見Lo"
    assert join_lines([]) == ""


@given(st.lists(st.text(st.characters(categories=["Lo"]), min_size=1), max_size=6))
def test_cjk_lines_keep_every_character(parts: list[str]) -> None:
    wide_parts = [p for p in parts if all(wide(c) for c in p)]
    assert join_lines(wide_parts) == "".join(wide_parts)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        (("連弘宜、許菁芸",), ("連弘宜", "許菁芸")),
        (("作者：連弘宜",), ("連弘宜",)),
        (("By: Bobo Lo",), ("Bobo Lo",)),
        (("連弘宜 許菁芸",), ("連弘宜", "許菁芸")),
        (("Bobo Lo, Angela Stent",), ("Bobo Lo", "Angela Stent")),
        (("",), ()),
    ],
)
def test_a_byline_is_split_into_authors(byline: tuple[str, ...], authors: tuple[str, ...]) -> None:
    assert split_authors(byline) == authors

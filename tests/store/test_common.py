"""What the store's modules share (``reader.store.common``): the time stamp, the colour check,
an annotation looked up by id, the page cache."""

from __future__ import annotations

import re

import pytest

from reader.errors import InputError
from reader.store import Store, common
from reader.store import annotations as store_ops
from tests.store.helpers import DOC, span


def test_time_stamps_are_utc_to_the_second() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", common.utc_now())


@pytest.mark.parametrize("color", [None, "yellow", "purple"])
def test_known_colours_pass(color: str | None) -> None:
    assert common.check_color(color) == color


def test_an_unknown_colour_names_the_colours() -> None:
    with pytest.raises(InputError, match=r"Unknown colour 'red'\. Colours: yellow, green"):
        common.check_color("red")


def test_an_annotation_by_id_and_its_pages(store: Store) -> None:
    with store.writing() as s:
        made = store_ops.create_annotation(s, DOC, *span("北極"))
    with store.reading() as s:
        row = common.annotation_row(s, made.id)
        pages = common.PageCache(s)
        assert pages("mine") is pages("mine")  # read once per document
        assert common.row_record(row, pages("mine")) == made
        assert made.pages == (2, 2)
        with pytest.raises(InputError, match="no annotation with id 'nope'"):
            common.annotation_row(s, "nope")

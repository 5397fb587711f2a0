"""Sorting themes by pronunciation (``reader.export.pronounce``): the sort text sorts as the key,
parents before their children."""

from __future__ import annotations

import pytest

from tests.export.helpers import TAGS


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant-TW", "original"])
def test_theme_sort_text_sorts_as_the_key(script: str) -> None:
    from reader.export.pronounce import theme_sort_key, theme_sort_text

    names = [*TAGS, "地區", "地區/中亞/北", "中亞x", "a", "A", "中"]
    by_key = sorted(names, key=lambda n: (theme_sort_key(n, script), n))
    by_text = sorted(names, key=lambda n: theme_sort_text(n, script))
    assert by_text == by_key
    # Parents lead their children.
    assert by_key.index("地區") < by_key.index("地區/中亞") < by_key.index("地區/中亞/北")

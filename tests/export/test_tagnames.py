"""Tag names in exports (``reader.export.tagnames``): each tag an Obsidian tag, colliding names told
apart, the map back to the user's spelling."""

from __future__ import annotations

import pytest

from reader.export.tagnames import TagNames, obsidian_tag
from tests.export.mdcheck import obsidian_ok


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("2014", "2014_"),
        ("a.b", "a-b"),
        ("C++", "C-"),
        ("what?", "what-"),
        ("tag,comma", "tag-comma"),
        ("中俄（雙邊）", "中俄-雙邊-"),
        ("R&D", "R-D"),
        ("#hash", "hash"),
        ("中俄 關係", "中俄-關係"),
        ("地區/中亞", "地區/中亞"),
        ("/a//b/", "a/b"),
        ("?", "tag"),
        ("_i_", "i-"),
        ("a/_b_", "a/b-"),
        ("x_y", "x_y"),
        ("<script>a</script>_i_", "script-a-/script--i-"),
    ],
)
def test_obsidian_mapping(tag: str, expected: str) -> None:
    assert obsidian_tag(tag) == expected
    assert obsidian_ok(expected)


def test_colliding_tags_are_told_apart() -> None:
    names = TagNames(["a.b", "a?b", "A-B", "a b"])
    assert names.names() == ["a-b", "a-b-2", "A-B-3", "a-b-4"]
    assert names.reverse_map() == {"a-b": "a.b", "a-b-2": "a?b", "A-B-3": "A-B", "a-b-4": "a b"}

"""``reader.glossary``: the glossary as a value, and the version the script views' cache keys on."""

from __future__ import annotations

from reader.glossary import EMPTY, Glossary


def test_the_empty_glossary() -> None:
    assert EMPTY.empty and Glossary() == EMPTY
    assert not Glossary(keeps=frozenset({"哈薩克"})).empty
    assert not Glossary(equivalences=(("哈薩克", "哈萨克斯坦"),)).empty


def test_the_version_follows_what_changes_a_conversion() -> None:
    keep = Glossary(keeps=frozenset({"哈薩克"}))
    own = Glossary(conversions=(("北極", "北极圈"),))
    assert len({EMPTY.version, keep.version, own.version}) == 3
    assert len(EMPTY.version) == 16
    # Equivalences only widen search: the views do not change, nor does the version.
    assert Glossary(equivalences=(("中亞", "中亚"),)).version == EMPTY.version


def test_the_version_does_not_depend_on_order() -> None:
    pairs = (("北極", "北极圈"), ("中亞", "中亚地区"))
    assert Glossary(conversions=pairs).version == Glossary(conversions=pairs[::-1]).version
    assert Glossary(keeps=frozenset({"a", "b"})).version == Glossary(keeps=frozenset("ba")).version

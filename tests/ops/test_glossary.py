"""The glossary use cases (``reader.ops.glossary``): entries added by kind as the Glossary dialog
lists them, removed one by one or several in one transaction."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.glossary import EMPTY
from reader.ops import glossary
from reader.store import Store


def test_add_each_kind_then_remove_them_together(store: Store) -> None:
    assert glossary.add_entry(store, "keep", "區域性")
    assert not glossary.add_entry(store, "keep", "區域性")  # already kept
    assert glossary.add_entry(store, "convert", "哈薩克", "哈萨克斯坦")
    assert glossary.add_entry(store, "same", "普京", "普丁")
    assert not glossary.add_entry(store, "same", "普丁", "普京")  # either order: one name
    loaded = glossary.load(store)
    assert loaded.keeps == {"區域性"}
    assert loaded.conversions == (("哈薩克", "哈萨克斯坦"),)
    assert loaded.equivalences == (("普京", "普丁"),)
    glossary.remove_entries(
        store, [("keep", "區域性", ""), ("convert", "哈薩克", ""), ("same", "普京", "普丁")]
    )
    assert glossary.load(store) == EMPTY


def test_an_unknown_kind_is_refused_naming_the_kinds(store: Store) -> None:
    with pytest.raises(InputError, match="keep, convert, same"):
        glossary.add_entry(store, "synonym", "a", "b")
    assert glossary.load(store) == EMPTY


def test_drop_by_either_spelling_and_remove_a_conversion(store: Store) -> None:
    glossary.add_equivalence(store, "中亞", "中亚")
    glossary.add_conversion(store, "北極", "北极圈")
    assert glossary.drop(store, "中亚") == ["same 中亞 = 中亚"]
    assert glossary.drop(store, "中亚") == []
    assert glossary.remove_conversion(store, "北極")
    assert not glossary.remove_conversion(store, "北極")
    assert glossary.load(store).empty

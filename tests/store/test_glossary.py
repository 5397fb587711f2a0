"""The glossary as the store keeps it (``reader.store.glossary``): kept phrases, the user's
conversions, equivalences in either order; each removed by what names it."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.store import Store
from reader.store import glossary as store_glossary


def test_add_load_and_drop_each_kind(store: Store) -> None:
    with store.writing() as s:
        assert store_glossary.add_equivalence(s, "普京", "普丁")
        assert not store_glossary.add_equivalence(s, "普丁", "普京")
        assert store_glossary.add_keep(s, " 區域性 ")
        assert not store_glossary.add_keep(s, "區域性")
        store_glossary.add_conversion(s, "哈薩克", "哈萨克")
        store_glossary.add_conversion(s, "哈薩克", "哈萨克斯坦")  # replaces the first
    with store.reading() as s:
        glossary = store_glossary.load_glossary(s)
    assert glossary.keeps == {"區域性"}
    assert glossary.equivalences == (("普京", "普丁"),)
    assert glossary.conversions == (("哈薩克", "哈萨克斯坦"),)
    with store.writing() as s:
        assert store_glossary.drop_glossary_entry(s, "普丁 ＝ 普京") == ["same 普京 = 普丁"]
        assert store_glossary.drop_glossary_entry(s, "哈薩克") == ["convert 哈薩克 → 哈萨克斯坦"]
        assert store_glossary.drop_glossary_entry(s, "nothing") == []
        assert store_glossary.remove_keep(s, "區域性")
        assert not store_glossary.remove_keep(s, "區域性")
        assert not store_glossary.remove_conversion(s, "哈薩克")
    with store.reading() as s:
        assert store_glossary.load_glossary(s).empty


@pytest.mark.parametrize(("a", "b"), [("", "x"), ("x", "  "), ("普京", " 普京 ")])
def test_an_empty_or_self_equivalence_is_refused(store: Store, a: str, b: str) -> None:
    with pytest.raises(InputError), store.writing() as s:
        store_glossary.add_equivalence(s, a, b)
    with store.reading() as s:
        assert store_glossary.load_glossary(s).empty

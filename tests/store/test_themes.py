"""The colour meanings and the glossary as the store keeps them (``reader.store.themes``,
``reader.store.glossary``)."""

from __future__ import annotations

from reader.store import Store
from reader.store import glossary as store_glossary
from reader.store import themes as store_themes


def test_colour_meanings_and_glossary(store: Store) -> None:
    with store.writing() as s:
        store_themes.set_color_meaning(s, "pink", "待查")
        assert store_glossary.add_equivalence(s, "普京", "普丁")
        assert not store_glossary.add_equivalence(s, "普丁", "普京")
        assert store_glossary.add_keep(s, "區域性")
        store_glossary.add_conversion(s, "哈薩克", "哈萨克")
    with store.reading() as s:
        assert store_themes.color_meanings(s)["pink"] == "待查"
        glossary = store_glossary.load_glossary(s)
    assert glossary.keeps == {"區域性"}
    assert glossary.equivalences == (("普京", "普丁"),)
    assert glossary.conversions == (("哈薩克", "哈萨克"),)
    with store.writing() as s:
        assert store_glossary.drop_glossary_entry(s, "普丁 = 普京") == ["same 普京 = 普丁"]
        assert store_glossary.drop_glossary_entry(s, "nothing") == []

"""The vocabulary use cases (``reader.ops.vocabulary``): add (a word at one place only once), list,
edit, delete."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.ops import vocabulary
from reader.store import Store
from reader.store.vocabulary import VocabularyRecord


def add(store: Store, word: str = "能源", start: int = 10, **kw: str) -> VocabularyRecord:
    fields = {
        "traditional": word,
        "simplified": word,
        "pinyin": "néng yuán",
        "definition": "energy; power source",
        "sentence": "雙方在重要的能源議題上將進一步深化合作。",
        "page": "2",
    }
    fields.update(kw)
    new = vocabulary.NewWord(
        document="lian-obor", word=word, start=start, end=start + len(word), **fields
    )
    record, _added = vocabulary.add(store, new)
    return record


def test_add_list_edit_delete(store: Store) -> None:
    first = add(store, "能源", 40)
    second = add(store, "上海合作組織", 20, simplified="上海合作组织", pinyin="Shàng hǎi")
    assert [r.word for r in vocabulary.list_words(store, "lian-obor")] == ["上海合作組織", "能源"]
    assert vocabulary.list_words(store, "hsu-divergence") == []
    again, added = vocabulary.add(
        store,
        vocabulary.NewWord(
            document="lian-obor",
            word="能源",
            traditional="能源",
            simplified="能源",
            pinyin="",
            definition="",
            sentence="",
            start=40,
            end=42,
            page="2",
        ),
    )
    assert not added and again.id == first.id
    edited = vocabulary.edit(store, first.id, definition="energy", pinyin="néngyuán")
    assert edited.definition == "energy" and edited.pinyin == "néngyuán"
    assert edited.updated >= first.updated and edited.created == first.created
    vocabulary.delete(store, second.id)
    assert [r.id for r in vocabulary.list_words(store)] == [first.id]
    with pytest.raises(InputError):
        vocabulary.delete(store, second.id)

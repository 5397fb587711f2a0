"""The vocabulary use cases: add a looked-up word, list, edit, delete (one transaction each)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.store import vocabulary as store_vocabulary
from reader.store.vocabulary import NewWord, VocabularyRecord

if TYPE_CHECKING:
    from reader.store import Store

__all__ = ["NewWord", "VocabularyRecord", "add", "delete", "edit", "list_words"]


def add(store: Store, new: NewWord) -> tuple[VocabularyRecord, bool]:
    """Add a word; ``(record, False)`` when that word at that place was already there."""
    with store.writing() as s:
        return store_vocabulary.add_word(s, new)


def list_words(store: Store, document: str | None = None) -> list[VocabularyRecord]:
    with store.reading() as s:
        return store_vocabulary.list_words(s, document)


def edit(
    store: Store,
    entry_id: int,
    *,
    pinyin: str | None = None,
    definition: str | None = None,
    sentence: str | None = None,
) -> VocabularyRecord:
    with store.writing() as s:
        return store_vocabulary.edit_word(
            s, entry_id, pinyin=pinyin, definition=definition, sentence=sentence
        )


def delete(store: Store, entry_id: int) -> VocabularyRecord:
    with store.writing() as s:
        return store_vocabulary.delete_word(s, entry_id)

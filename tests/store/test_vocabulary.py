"""The vocabulary table (``reader.store.vocabulary``, migration 3): an old database gains it, and
a word is checked before it is written."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.store import Store, open_store
from reader.store import vocabulary as store_vocabulary
from reader.store.sqlite_file import MIGRATIONS, SCHEMA_VERSION, apply_migrations
from reader.store.vocabulary import NewWord

WORD = NewWord(
    document="lian-obor",
    word="能源",
    traditional="能源",
    simplified="能源",
    pinyin="néng yuán",
    definition="energy; power source",
    sentence="雙方在重要的能源議題上將進一步深化合作。",
    start=10,
    end=12,
    page="2",
)


def test_an_old_database_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    apply_migrations(conn, 0, 2)
    conn.commit()
    conn.close()
    assert MIGRATIONS[-1][0] == SCHEMA_VERSION and SCHEMA_VERSION >= 3
    s = open_store(path)
    try:
        with s.writing() as session:
            record, added = store_vocabulary.add_word(session, WORD)
        assert added and record.word == "能源"
        with s.reading() as session:
            assert store_vocabulary.list_words(session) == [record]
    finally:
        s.close(backup=False)


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (replace(WORD, word="  "), "needs a word"),
        (replace(WORD, start=12, end=10), "ends before it starts"),
    ],
)
def test_a_bad_word_is_refused_and_nothing_written(
    store: Store, bad: NewWord, fragment: str
) -> None:
    with pytest.raises(InputError, match=fragment), store.writing() as session:
        store_vocabulary.add_word(session, bad)
    with store.reading() as session:
        assert store_vocabulary.list_words(session) == []


def test_the_words_of_one_article_in_reading_order(store: Store) -> None:
    with store.writing() as session:
        later, _ = store_vocabulary.add_word(session, replace(WORD, start=40, end=42))
        earlier, _ = store_vocabulary.add_word(session, WORD)
        other, _ = store_vocabulary.add_word(session, replace(WORD, document="hsu-divergence"))
    with store.reading() as session:
        assert store_vocabulary.list_words(session, "lian-obor") == [earlier, later]
        assert store_vocabulary.list_words(session) == [other, earlier, later]

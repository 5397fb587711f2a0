"""The persistent search index (``reader.search_index``) finds exactly what the unindexed search
finds, keeps up with the texts on disk, and falls back quietly when it cannot serve."""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.search as search_module
from reader import documents, paths, search_index
from reader.documents import (
    SOURCE_SCRIPTS,
    TEXT_SUFFIX,
    BlockDraft,
    Metadata,
    assemble,
    dumps,
    load_library,
)
from reader.folding import fold_query
from reader.glossary import EMPTY, Glossary
from reader.search import Match, search
from reader.views import VIEW_IDS
from tests.cli_helpers import meipi

WORDS = [
    "喬治亞",
    "格鲁吉亚",
    "軟體",
    "软件",
    "計程車",
    "出租车",
    "普京",
    "普丁",
    "一帶一路",
    "一带一路",
    "區域性",
    "的",
    "國",
    "国",
    "亞",
    "，",
    "。",
    "「",
    "」",
    " ",
    "\u3000",
    "\n",
    "ﬁ",
    "…",
    "é\u0301",
    "ＮＡＴＯ",
    "nato",
    "Energy",
]
GLOSSARIES = [
    EMPTY,
    Glossary(equivalences=(("普京", "普丁"),)),
    Glossary(keeps=frozenset({"區域性"})),
    Glossary(conversions=(("軟體", "軟件"),), equivalences=(("喬治亞", "格鲁吉亚"),)),
]
T = TypeVar("T")
_WRITES = itertools.count(1)
AGED = 1_000_000_000  # a modification time long past (the index trusts only settled files)


def _write(doc_id: str, text: str, script: str = "zh-Hant-TW", *, age: bool = True) -> Path:
    drafts = [BlockDraft("paragraph", 0, line) for line in text.split("\n")]
    drafts[0].page_marks.append((0, 1))
    doc = assemble(Metadata(id=doc_id, title=doc_id, script=script), drafts, shipped=False)
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc_id}{TEXT_SUFFIX}"
    path.write_text(dumps(doc), encoding="utf-8")
    if age:
        # A time of its own, as a real rewrite gets (the index trusts size and time alone)
        stamp = AGED + next(_WRITES) * 1_000_000_000
        os.utime(path, ns=(stamp, stamp))
    return path


def _unindexed(
    query: str, glossary: Glossary = EMPTY, view: str = "original", ids: list[str] | None = None
) -> list[Match]:
    search_module.clear_caches()
    return search(load_library(), query, docs=ids, view_id=view, glossary=glossary)


def _indexed(
    query: str, glossary: Glossary = EMPTY, view: str = "original", ids: list[str] | None = None
) -> list[Match]:
    search_module.clear_caches()
    matches, found = search_index.search_library(query, ids=ids, view_id=view, glossary=glossary)
    assert {m.document for m in matches} == set(found)
    return matches


@pytest.fixture
def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if a text is folded afresh: what follows must come from the cache alone."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a text was indexed again")

    monkeypatch.setattr(search_module, "document_indexes", refuse)


# ---------------------------------------------------------------------------------------------
# Exactness


@st.composite
def _library(draw: st.DrawFn) -> list[tuple[str, str]]:
    texts = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
        lines = [line for line in "".join(words).split("\n") if line.strip()]
        text = "\n".join(lines) or "的"
        texts.append((text, draw(st.sampled_from(SOURCE_SCRIPTS))))
    return texts


@st.composite
def _query(draw: st.DrawFn, texts: list[tuple[str, str]]) -> str:
    kind = draw(st.integers(0, 2))
    if kind == 0:  # a piece of a text, possibly across punctuation and spaces
        text = draw(st.sampled_from(texts))[0]
        start = draw(st.integers(0, len(text) - 1))
        return text[start : start + draw(st.integers(1, 8))]
    if kind == 1:  # one or two characters
        return "".join(
            draw(
                st.lists(st.sampled_from("的國国亞亚，。 「普京丁软體ﬁ…e"), min_size=1, max_size=2)
            )
        )
    return draw(st.sampled_from([*WORDS[:11], "吉亚，的", "软件的", "f", "..", "ＮＡＴＯ"]))


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_indexed_search_finds_exactly_what_unindexed_search_finds(data: st.DataObject) -> None:
    texts = data.draw(_library())
    folder = paths.user_texts_dir()
    if folder.exists():
        shutil.rmtree(folder)  # the cache outlives this example: its texts go stale
    for n, (text, script) in enumerate(texts):
        _write(f"t{n}", text, script, age=data.draw(st.booleans()))
    glossary = data.draw(st.sampled_from(GLOSSARIES))
    view = data.draw(st.sampled_from(VIEW_IDS))
    for _ in range(3):
        query = data.draw(_query(texts))
        if not fold_query(query):
            continue
        assert _indexed(query, glossary, view) == _unindexed(query, glossary, view)


def test_the_shipped_articles_in_every_view(no_building: None) -> None:
    search_module.clear_caches()
    assert _restoring(lambda: search_index.update(list(load_library()), EMPTY)) == 2
    assert search_index.update(list(load_library()), GLOSSARIES[1]) == 0  # no conversion in it
    queries = ["一带一路", "格鲁吉亚", "亚", "普京", "，「", "能源", "俄", "NATO", "中 俄"]
    for view in ("original", "zh-Hans-CN"):
        for query in queries:
            for glossary in GLOSSARIES[:2]:
                expected = _restoring(functools.partial(_unindexed, query, glossary, view))
                assert _indexed(query, glossary, view) == expected, (query, view)


def _restoring(run: Callable[[], T]) -> T:
    """``run`` with the real ``document_indexes`` (the unindexed way builds every text)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(search_module, "document_indexes", _REAL_DOCUMENT_INDEXES)
        return run()


_REAL_DOCUMENT_INDEXES = search_module.document_indexes


def test_doc_filter_keeps_the_given_order() -> None:
    _write("a", "的普京")
    _write("b", "普丁的")
    got = _indexed("普京", GLOSSARIES[1], ids=["b", "a", "b"])
    assert [m.document for m in got] == ["b", "a"]
    assert got == _unindexed("普京", GLOSSARIES[1], ids=["b", "a", "b"])
    with pytest.raises(search_index.Unavailable):  # the unindexed way words the error
        search_index.search_library("普京", ids=["nowhere"])


# ---------------------------------------------------------------------------------------------
# Keeping up with the texts


def test_changed_removed_and_added_texts_are_found_as_they_now_are() -> None:
    changed = _write("changed", "喬治亞的首都")
    removed = _write("removed", "喬治亞與俄羅斯")
    _write("kept", "中亞與喬治亞")
    assert _own(_indexed("格鲁吉亚")) == {"changed", "removed", "kept"}
    before = changed.stat().st_mtime_ns
    changed.write_text(changed.read_text(encoding="utf-8").replace("喬治亞", "亞美尼"))
    # A time of its own (AGED * 50, as it was, is the time _write gives its 49th file: in a
    # whole run the rewrite could keep the size and the time the index trusts).
    os.utime(changed, ns=(before + 500_000_000, before + 500_000_000))
    removed.unlink()
    _write("added", "格鲁吉亚")
    got = _indexed("格鲁吉亚")
    assert _own(got) == {"kept", "added"}
    assert got == _unindexed("格鲁吉亚")
    assert _own(_indexed("亚美尼")) == {"changed"}


def _own(matches: list[Match]) -> set[str]:
    """The user's texts among the matches' documents (the shipped articles are in the library
    too)."""
    return {m.document for m in matches} - {"lian-obor", "hsu-divergence"}


def test_an_unchanged_library_is_read_from_the_cache(no_building: None) -> None:
    _restoring(lambda: (_write("one", "喬治亞的首都"), _indexed("首都")))
    expected = _restoring(lambda: _unindexed("格鲁吉亚"))
    assert _indexed("格鲁吉亚") == expected
    conn = sqlite3.connect(search_index.cache_file())
    assert conn.execute("SELECT count(*) FROM texts").fetchone()[0] == 3  # two shipped, one own
    conn.close()


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if a text file is read and parsed: what follows must come from the cache alone."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a text file was read")

    monkeypatch.setattr(search_index, "load_file", refuse)
    monkeypatch.setattr(documents, "load_file", refuse)


def test_results_come_from_the_cache_without_reading_a_text_file() -> None:
    _write("one", "喬治亞的首都\n俄羅斯與喬治亞")
    _write("two", "普京訪華，格鲁吉亚", "zh-Hans")
    expected = {
        (query, view): _unindexed(query, EMPTY, view)
        for query in ("格鲁吉亚", "亞", "普京")
        for view in ("original", "zh-Hans-CN")
    }
    assert _indexed("首都")  # builds the index
    expected_out = meipi("search", "格鲁吉亚").out
    with pytest.MonkeyPatch.context() as m:
        no_reading(m)
        for (query, view), matches in expected.items():
            assert _indexed(query, EMPTY, view) == matches, (query, view)
        # the plain output prints each result's printed page and its text's title
        assert meipi("search", "格鲁吉亚").out == expected_out


def test_the_list_comes_from_the_cache_and_sees_a_changed_file() -> None:
    path = _write("one", "喬治亞的首都")
    _write("two", "普京訪華", "zh-Hans")
    listed = meipi("list", "--json")
    expected = [
        {
            "id": d.id,
            "title": d.title,
            "authors": list(d.meta.authors),
            "venue": d.meta.venue,
            "issue": d.meta.issue,
            "date": d.meta.date,
            "script": d.meta.script,
            "pages": len(d.pages),
            "characters": len(d.text),
            "annotations": 0,
        }
        for d in load_library()
    ]
    assert listed.json() == {"documents": expected}
    with pytest.MonkeyPatch.context() as m:
        no_reading(m)
        assert meipi("list", "--json").out == listed.out
    path.write_text(path.read_text(encoding="utf-8").replace("title: one", "title: 首都"))
    os.utime(path, ns=(AGED * 60, AGED * 60))
    titles = {d["id"]: d["title"] for d in meipi("list", "--json").json()["documents"]}
    assert titles["one"] == "首都"


def test_a_view_is_not_read_where_it_folds_as_the_canonical_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A word the views show as the canonical text does (能源) is matched on the canonical
    index alone; one a view rewords (喬治亞, 格鲁吉亚 in 简体（大陆用语）) reads that view."""
    _write("one", "能源與喬治亞，能源")
    assert _indexed("首都") == []
    read: list[bytes] = []
    real = search_index._view_entry

    def counting(canonical: tuple[object, ...], packed: bytes) -> tuple[object, ...]:
        read.append(packed)
        return real(canonical, packed)

    monkeypatch.setattr(search_index, "_view_entry", counting)
    assert len(_indexed("能源", ids=["one"])) == 2 and read == []
    got = _indexed("格鲁吉亚", ids=["one"])
    assert got == _restoring(lambda: _unindexed("格鲁吉亚", ids=["one"])) and len(got) == 1
    assert read


def test_a_file_rewritten_as_it_was_read_is_read_again() -> None:
    """A file whose record is not yet settled (written just now) is checked by its content: a
    rewrite keeping its size and modification time is still seen."""
    path = _write("racy", "喬治亞的首都", age=False)
    assert [m.document for m in _indexed("首都")] == ["racy"]
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("首都", "首府"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _indexed("首都") == []
    assert [m.document for m in _indexed("首府")] == ["racy"]


def test_a_new_glossary_builds_its_own_views() -> None:
    _write("one", "區域性的軟體")
    for glossary in GLOSSARIES:
        for query in ("局部", "区域性", "软件", "軟件"):
            assert _indexed(query, glossary, "zh-Hans-CN") == _unindexed(
                query, glossary, "zh-Hans-CN"
            )


# ---------------------------------------------------------------------------------------------
# When the cache cannot serve


def _cli_search(*argv: str) -> tuple[int, str, str]:
    result = meipi("search", *argv)
    return result.code, result.out, result.err


def test_a_corrupt_cache_falls_back_and_is_rebuilt() -> None:
    _write("one", "喬治亞的首都")
    code, before, _ = _cli_search("格鲁吉亚", "--json")
    assert code == 0
    cache = search_index.cache_file()
    for name in (cache, Path(f"{cache}-wal"), Path(f"{cache}-shm")):
        if name.exists():
            name.unlink()
    cache.write_bytes(b"this is not a database" * 400)
    code, out, err = _cli_search("格鲁吉亚", "--json")
    assert (code, out, err) == (0, before, "")
    # The damaged file was put aside: the next search builds and uses a new index.
    code, out, err = _cli_search("格鲁吉亚", "--json")
    assert (code, out, err) == (0, before, "")
    with contextlib.closing(sqlite3.connect(cache)) as conn:
        assert conn.execute("SELECT count(*) FROM texts").fetchone()[0] == 3


def test_a_damaged_entry_falls_back() -> None:
    _write("one", "喬治亞的首都")
    _, before, _ = _cli_search("格鲁吉亚")
    conn = sqlite3.connect(search_index.cache_file())
    conn.execute("UPDATE texts SET data = x'00ff00ff'")
    conn.commit()
    conn.close()
    assert _cli_search("格鲁吉亚") == (0, before, "")


def test_an_unwritable_cache_folder_falls_back() -> None:
    _write("one", "喬治亞的首都")
    blocker = search_index.cache_file().parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the cache folder would be")
    code, out, err = _cli_search("格鲁吉亚")
    assert (code, err) == (0, "")
    assert "one〈one〉 1 match" in out
    with pytest.raises(search_index.Unavailable):
        search_index.search_library("格鲁吉亚")


def test_a_busy_cache_is_not_waited_for() -> None:
    _write("one", "喬治亞的首都")
    assert _indexed("首都")
    _write("two", "喬治亞的首府")  # not in the cache yet: the search would write it
    other = sqlite3.connect(search_index.cache_file(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        assert _indexed("格鲁吉亚") == _unindexed("格鲁吉亚")
    finally:
        other.execute("ROLLBACK")
        other.close()
    with contextlib.closing(
        sqlite3.connect(search_index.cache_file())
    ) as conn:  # nothing was written meanwhile
        assert conn.execute("SELECT count(*) FROM texts").fetchone()[0] == 3
    assert _indexed("格鲁吉亚") == _unindexed("格鲁吉亚")


def test_an_invalid_text_is_reported_as_without_the_index() -> None:
    _write("one", "喬治亞的首都")
    bad = paths.user_texts_dir() / f"broken{TEXT_SUFFIX}"
    bad.write_text("not a meipi text", encoding="utf-8")
    code, out, err = _cli_search("格鲁吉亚")
    assert code == 0
    assert "Skipped broken" in err
    assert "one〈one〉 1 match" in out


def test_one_text_is_read_alone_once_the_index_knows_the_library() -> None:
    _write("one", "喬治亞的首都")
    _write("two", "普京訪華")
    assert search_index.find_document("two") is None  # no index yet: the library is read
    assert _indexed("首都")
    found = search_index.find_document("two")
    assert found is not None
    assert found == load_library().get("two")
    assert search_index.find_document("lian-obor") == load_library().get("lian-obor")
    assert search_index.find_document("nowhere") is None
    _write("three", "新的", age=False)  # a file the index has not seen: the library is read
    assert search_index.find_document("two") is None
    result = meipi("text", "two", "--json")
    assert (result.code, result.json()["text"]) == (0, "普京訪華")


def test_the_windows_search_of_all_articles_finds_what_each_article_finds() -> None:
    _write("one", "喬治亞的首都，普丁")
    _write("two", "區域性的軟體", "zh-Hans")
    docs = list(load_library())
    views = {"lian-obor": "zh-Hans-CN", "hsu-divergence": "original", "one": "zh-Hant-HK"}

    def view_of(doc_id: str) -> str:
        return views.get(doc_id, "zh-Hans")

    for query in ("格鲁吉亚", "普京", "的", "軟件"):
        for glossary in GLOSSARIES:
            expected = [
                m
                for doc in docs
                for m in search_module.search_document(
                    doc, query, view_id=view_of(doc.id), glossary=glossary
                )
            ]
            assert search_index.search_documents(docs, query, view_of, glossary) == expected

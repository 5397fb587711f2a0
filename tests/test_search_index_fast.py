"""The cache's fast way through a search of a word in every text (``reader.search_index``:
matching the stored folded text without decoding it, presenting a match from the stored text
without decoding the whole text, one statement a table) finds and prints exactly what a plain
scan of the folded text and the unindexed search find and print."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import reader.search as search_module
from reader import paths, search_index
from reader.bench.workload import library_documents
from reader.documents import TEXT_SUFFIX, Document, Metadata, Page, dumps
from reader.folding import fold_query
from reader.glossary import EMPTY
from reader.search import CANONICAL, SearchIndex, places_in
from tests.cli_helpers import meipi

AGED = 1_000_000_000  # a modification time long past (the index trusts only settled files)


@pytest.fixture
def generated_library() -> Iterator[list[Document]]:
    """Twenty texts of the bench's generated library (spliced from the same articles, so
    their words are in nearly every text), aged as an older library is."""
    docs = library_documents(20, chars_each=2_500)
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        path = folder / f"{doc.id}{TEXT_SUFFIX}"
        path.write_text(dumps(doc), encoding="utf-8")
        os.utime(path, ns=(AGED, AGED))
    yield docs
    search_module.clear_caches()


def _unindexed_output(*argv: str) -> str:
    """``meipi search`` as it prints without the cache (the plain scan of every folded text)."""
    search_module.clear_caches()

    def unavailable(*_args: object, **_kwargs: object) -> None:
        raise search_index.Unavailable("measured without the cache")

    with pytest.MonkeyPatch.context() as m:
        m.setattr(search_index, "search_library", unavailable)
        m.setattr(search_index, "search_library_printed", unavailable)
        result = meipi("search", *argv)
    assert (result.code, result.err) == (0, "")
    return result.out


QUERIES = ["能源", "亞馬爾", "的", "中亞", "一帶一路", "格鲁吉亚", "，", "能源合作", "俄"]


def test_a_generated_library_prints_what_the_unindexed_search_prints(
    generated_library: list[Document],
) -> None:
    first = meipi("search", "能源")  # builds the index (and searches as it builds)
    assert first.code == 0
    expected = {
        (query, options): _unindexed_output(query, *options)
        for query in QUERIES
        for options in (
            (),
            ("--json",),
            ("--script", "zh-Hans-CN"),
            ("--json", "--script", "zh-Hant-HK"),
        )
    }
    assert first.out == expected[("能源", ())]
    search_module.clear_caches()
    fast = 0
    stored_fold = search_index._canonical_places

    def counted(*args: Any) -> list[tuple[int, int]]:
        nonlocal fast
        fast += 1
        return stored_fold(*args)

    with pytest.MonkeyPatch.context() as m:  # from the cache alone: nothing is folded again
        m.setattr(search_module, "document_indexes", _refuse)
        m.setattr(search_index, "_canonical_places", counted)
        for (query, options), output in expected.items():
            assert meipi("search", query, *options).out == output, (query, options)
    assert fast > len(QUERIES) * len(generated_library)  # most texts went the fast way
    # a word in nearly every text really is: the case this way is for
    assert len(meipi("search", "能源", "--json").json()["matches"]) > 2 * len(generated_library)


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a text was folded again")


# ---------------------------------------------------------------------------------------------
# For all texts and queries

# Characters whose folds are irregular (several characters, none, a mark joining the one before)
# beside ordinary ones, line breaks, and characters beyond UTF-16's one unit.
ALPHABET = "的國国亞亚能源，。 \u3000\nﬁf…. e\u0301ＮnN\U00020000\U0001f600"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*ALPHABET, "\ud800"]), min_size=1, max_size=60).map("".join),
    st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), max_size=2),
    st.data(),
)
def test_the_stored_fold_finds_what_a_scan_of_the_folded_text_finds(
    text: str, queries: list[str], data: st.DataObject
) -> None:
    index = SearchIndex(CANONICAL, text)
    folded = index.folded.text
    for _ in range(data.draw(st.integers(0 if queries else 1, 2))):
        # a piece of the folded text: half of ``fi`` (from ``ﬁ``) or of ``...`` among them
        start = data.draw(st.integers(0, len(folded) - 1)) if folded else 0
        queries.append(folded[start : start + data.draw(st.integers(1, 4))])
    variants = list(dict.fromkeys(q for q in map(fold_query, queries) if q))
    assume(variants)
    stored, _views, stored_fold = search_index.dump_indexes([index])
    canonical = search_index._unpack(stored, stored_fold)
    # the way is taken for a folded text and variants without a lone surrogate
    assert (canonical[8] is None) == any(0xD800 <= ord(c) < 0xE000 for c in folded)
    assume(canonical[8] is not None)
    assume(all(search_index._astral_chars(v) is not None for v in variants))
    needles = [search_index._utf16(v) for v in variants]
    expected = places_in([index], variants)
    assert search_index._canonical_places(canonical, variants, needles) == expected


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("一乎", "乎"),  # 一 乎 is 00 4E 4E 4E: 乎 (4E 4E) across the two, and 乎 itself after it
        ("一低乎一乎", "乎"),
        ("乎一乎乎", "乎乎"),
    ],
)
def test_an_occurrence_across_two_characters_is_passed_over(text: str, query: str) -> None:
    """In UTF-16 a word's bytes may stand across two characters (the second unit of one, the
    first of the next), and the occurrence the compiled search reports there may hide a real
    one just after it: such a text is searched again by the scan."""
    index = SearchIndex(CANONICAL, text)
    stored, _views, stored_fold = search_index.dump_indexes([index])
    canonical = search_index._unpack(stored, stored_fold)
    needle = search_index._utf16(query)
    assert canonical[5]  # a simple fold: the way through the compiled search
    assert any(i & 1 for _k, i, _e in search_index._finder(needle)(stored_fold))
    expected = places_in([index], [query])
    assert expected
    assert search_index._canonical_places(canonical, [query], [needle]) == expected


@st.composite
def _text_and_places(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[int]]:
    alphabet = st.sampled_from([*ALPHABET, "\ud800", "\udc00", "x"])
    text = "".join(draw(st.lists(alphabet, min_size=1, max_size=120)))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    places = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    pages = sorted(set(draw(st.lists(st.integers(1, len(text)), max_size=4))))
    return text, places, pages


@settings(max_examples=200, deadline=None)
@given(_text_and_places(), st.booleans())
def test_a_kept_text_presents_what_the_text_presents(
    drawn: tuple[str, list[tuple[int, int]], list[int]], labelled: bool
) -> None:
    text, places, starts = drawn
    pages = tuple(
        Page(n + 1, start, f"p{n}" if labelled else None) for n, start in enumerate([0, *starts])
    )
    doc = Document(Metadata(id="t", title="t"), text, (), pages)
    f = search_index._File("t.json", False, AGED, 1, AGED)
    kept, raw, width, astral = search_index._kept(
        f, search_index._meta_record(doc), *search_index._body_record(doc)
    )
    matches = search_module._present(doc, places, "original", EMPTY)
    assert kept.present(raw, width, astral, places) == matches
    marks = ("【", "】")
    assert kept.printed(raw, width, astral, places, marks) == search_index.printed_matches(
        doc, matches, marks
    )
    assert kept.document(raw, width).text == text
    assert [kept.label_of(p) for p in range(len(text) + 1)] == [
        doc.label_of(p) for p in range(len(text) + 1)
    ]
    assert (kept.id, kept.title, kept.meta) == (doc.id, doc.title, doc.meta)
    assert search_index.printed_pages(kept) == search_index.printed_pages(doc)
    assert kept.pages == doc.pages


@pytest.mark.parametrize(
    "pages",
    [
        (),
        (Page(1, 0), Page(2, 6)),
        (Page(1, 0, "i"), Page(2, 4, "ii"), Page(3, 9)),
        (Page(4, 0), Page(4, 5, "S4"), Page(5, 8)),  # two pages share a number
    ],
)
def test_the_printed_labels_are_those_of_each_matchs_start(pages: tuple[Page, ...]) -> None:
    doc = Document(Metadata(id="t", title="t", first_page=7), "的國的國的國的國的國的國", (), pages)
    matches = search_module.search_document(doc, "的")
    assert len(matches) == 6
    labels = [doc.label_of(m.start) for m in matches]
    assert search_index.match_labels(doc, matches) == labels
    f = search_index._File("t.json", False, AGED, 1, AGED)
    kept, raw, width, astral = search_index._kept(
        f, search_index._meta_record(doc), *search_index._body_record(doc)
    )
    places = [(m.start, m.end) for m in matches]
    assert kept.printed(raw, width, astral, places, ("[", "]"))[0] == labels


def test_texts_are_folded_with_the_cyclic_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``meipi search`` turns the collector off for its matches, but building the index and the
    unindexed search fold texts, which leaves cycles (hundreds of MB at 3,000 texts)."""
    docs = library_documents(3, chars_each=500)
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc.id}{TEXT_SUFFIX}").write_text(dumps(doc), encoding="utf-8")
    seen: list[tuple[str, bool]] = []
    real_indexes, real_search = search_module.document_indexes, search_module.search

    def indexes(*args: Any, **kwargs: Any) -> Any:
        seen.append(("build", gc.isenabled()))
        return real_indexes(*args, **kwargs)

    def unindexed(*args: Any, **kwargs: Any) -> Any:
        seen.append(("unindexed", gc.isenabled()))
        return real_search(*args, **kwargs)

    def unavailable(*_args: object, **_kwargs: object) -> None:
        seen.append(("indexed", gc.isenabled()))
        raise search_index.Unavailable("measured without the cache")

    monkeypatch.setattr(search_module, "document_indexes", indexes)
    assert meipi("search", "能源").code == 0
    assert gc.isenabled()
    monkeypatch.setattr(search_index, "search_library", unavailable)
    monkeypatch.setattr(search_index, "search_library_printed", unavailable)
    monkeypatch.setattr(search_module, "search", unindexed)
    assert meipi("search", "能源").code == 0
    assert gc.isenabled()
    assert ("build", True) in seen
    assert ("indexed", False) in seen  # off for the matches
    assert ("unindexed", True) in seen
    assert all(on for what, on in seen if what != "indexed")

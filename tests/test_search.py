"""Search: script-, width- and case-insensitive matching, glossary equivalences, the command."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import reader.search as search_module
from reader.documents import BlockDraft, Document, Library, Metadata, assemble, load_library
from reader.errors import InputError
from reader.folding import fold_query, fold_text
from reader.glossary import Glossary
from reader.search import (
    SearchIndex,
    canonical_index,
    clear_caches,
    find_places,
    matches_in_view,
    measure_search,
    query_variants,
    search,
    search_document,
)

PUTIN = Glossary(equivalences=(("普京", "普丁"),))
# The canonical offsets of 一帶一路 in lian-obor: the title, then the seven in the body.
OBOR = [0, 724, 820, 2901, 2977, 3143, 4639, 4893]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(user_dir=Path("/nonexistent"))


def _doc(text: str, script: str = "zh-Hant-TW") -> Document:
    drafts = [BlockDraft("paragraph", 0, line) for line in text.split("\n")]
    drafts[0].page_marks.append((0, 1))
    return assemble(Metadata(id="t", title="t", script=script), drafts, shipped=False)


# ---------------------------------------------------------------------------------------------
# The examples


def test_simplified_and_traditional_find_the_same_places(library: Library) -> None:
    doc = library.get("lian-obor")
    simplified = search(library, "一带一路", docs=["lian-obor"])
    traditional = search(library, "一帶一路", docs=["lian-obor"])
    assert [(m.start, m.end) for m in simplified] == [(m.start, m.end) for m in traditional]
    assert [m.start for m in simplified] == OBOR
    assert all(doc.text[m.start : m.end] == "一帶一路" for m in simplified)
    # Seven in the body, after the title block.
    title_end = doc.blocks[0].end
    assert len([m for m in simplified if m.start >= title_end]) == 7
    assert [m.page for m in simplified] == [1, 2, 2, 5, 5, 5, 7, 8]


def test_hits_stay_on_their_words_in_another_view(library: Library) -> None:
    hits = search(library, "一带一路", docs=["lian-obor"], view_id="zh-Hans")
    assert [m.start for m in hits] == OBOR
    assert all(m.text == "一带一路" for m in hits)
    assert hits[1].before.endswith("中国大陆的「") and hits[1].after.startswith("」正式表达支持")
    original = search(library, "一带一路", docs=["lian-obor"])
    doc = library.get("lian-obor")
    assert matches_in_view(doc, original, "zh-Hans") == hits


def test_full_width_latin_finds_ascii(library: Library) -> None:
    hits = search(library, "ＮＡＴＯ")
    assert [(m.document, m.start, m.end, m.text, m.page) for m in hits] == [
        ("lian-obor", 1429, 1433, "NATO", 3)
    ]
    assert search(library, "nato") == hits


def test_mainland_wording_finds_the_canonical_name(library: Library) -> None:
    doc = library.get("lian-obor")
    hits = search(library, "格鲁吉亚")
    assert [doc.text[m.start : m.end] for m in hits] == ["喬治亞", "喬治亞"]
    assert [m.page for m in hits] == [3, 6]
    # Shown in the view that says it that way, the hit covers the whole converted name.
    in_cn = search(library, "格鲁吉亚", view_id="zh-Hans-CN")
    assert [m.text for m in in_cn] == ["格鲁吉亚", "格鲁吉亚"]
    assert [(m.start, m.end) for m in in_cn] == [(m.start, m.end) for m in hits]
    # And the canonical spelling finds the same places.
    assert search(library, "喬治亞") == hits
    # A regional phrase of the library still leads back to the original wording (透過 → 通过);
    # IT vocabulary is no longer in the views (區域性 is not 局部), so 局部 finds nothing.
    found = {doc.text[m.start : m.end] for m in search(library, "通过", docs=["lian-obor"])}
    assert "透過" in found and found <= {"透過", "通過"}
    assert search(library, "局部") == []


def test_putin_alone_and_with_the_equivalence(library: Library) -> None:
    # The regional lexicon makes 普京 and 普丁 one name out of the box; the glossary adds nothing.
    alone = search(library, "普京")
    assert len(alone) == 25
    assert {m.document for m in alone} == {"lian-obor", "hsu-divergence"}
    joined = search(library, "普京", glossary=PUTIN)
    assert joined == alone
    hsu = [m for m in joined if m.document == "hsu-divergence"]
    assert [m.text for m in hsu] == ["普丁", "普丁"]
    assert [m.start for m in hsu] == [72, 233]
    # Both directions, and the other script of either spelling.
    assert search(library, "普丁", glossary=PUTIN) == joined
    assert search(library, "普丁") == joined
    reversed_pair = Glossary(equivalences=(("普丁", "普京"),))
    assert search(library, "普京", glossary=reversed_pair) == joined
    # Documents in library order, text order within each.
    assert [m.document for m in joined] == ["lian-obor"] * 23 + ["hsu-divergence"] * 2
    assert [m.start for m in joined[:23]] == sorted(m.start for m in joined[:23])


def test_the_users_conversions_and_kept_phrases_shape_what_views_find(library: Library) -> None:
    doc = library.get("lian-obor")
    # Kept unconverted, 喬治亞 no longer reads 格鲁吉亚 in any view (乔治亚 in the mainland
    # view); the lexicon still knows both spellings are one name, so search finds it either way.
    kept = Glossary(keeps=frozenset({"喬治亞"}))
    hits = search_document(doc, "格鲁吉亚", glossary=kept, view_id="zh-Hans-CN")
    assert [m.text for m in hits] == ["乔治亚", "乔治亚"]
    assert len(search_document(doc, "喬治亞", glossary=kept)) == 2
    # The user's own conversion is what the views show, so it is found there.
    own = Glossary(conversions=(("戈巴契夫", "戈氏"),))
    assert search_document(doc, "戈氏") == []
    hits = search_document(doc, "戈氏", glossary=own, view_id="zh-Hans")
    assert hits and all(doc.text[m.start : m.end] == "戈巴契夫" for m in hits)
    assert all(m.text == "戈氏" for m in hits)
    # The lexicon's mainland form finds the name without any glossary.
    mainland = search_document(doc, "戈尔巴乔夫", view_id="zh-Hans-CN")
    assert [m.text for m in mainland] == ["戈尔巴乔夫"]


def test_glossary_variants_replace_each_declared_spelling() -> None:
    kazakh = Glossary(equivalences=(("哈薩克", "哈萨克斯坦"),))
    assert query_variants("哈萨克斯坦", kazakh) == ["哈萨克斯坦", "哈萨克"]
    assert query_variants("哈薩克人", kazakh) == ["哈萨克人", "哈萨克斯坦人"]
    both = Glossary(equivalences=(("普京", "普丁"), ("普丁", "Putin"), ("中亞", "中亚")))
    variants = query_variants("普京與ＰＵＴＩＮ", both)
    assert variants[0] == "普京与putin"
    assert set(variants) == {
        f"{a}与{b}" for a in ("普京", "普丁", "putin") for b in ("普京", "普丁", "putin")
    }
    # Equivalences of one spelling with itself (after folding) add nothing.
    assert query_variants("中亞", both) == ["中亚"]


def test_glossary_finds_a_spelling_inside_a_longer_word() -> None:
    doc = _doc("總統普丁訪華。普京總統。")
    assert [(m.start, m.end) for m in search_document(doc, "普京訪華", glossary=PUTIN)] == [(2, 6)]


# ---------------------------------------------------------------------------------------------
# Short queries, punctuation and spaces


def _folded_count(text: str, query: str) -> int:
    return fold_text(text).text.count(fold_query(query))


@pytest.mark.parametrize("query", ["俄", "國", "国", "中俄", "中國", "，", "「"])
def test_one_and_two_character_queries(library: Library, query: str) -> None:
    doc = library.get("lian-obor")
    hits = search_document(doc, query)
    assert len(hits) == _folded_count(doc.text, query) > 0
    assert all(fold_query(doc.text[m.start : m.end]) == fold_query(query) for m in hits)
    starts = [m.start for m in hits]
    assert starts == sorted(set(starts))


def test_queries_with_punctuation_and_spaces(library: Library) -> None:
    doc = library.get("lian-obor")
    quoted = search_document(doc, "「一帶一路」")
    assert [m.start for m in quoted] == [723, 819, 2900, 2976, 3142, 4638]
    # Spaces are ignored on both sides: the PDF's "1990 年" is found by "1990年" and "1990  年".
    for query in ("1990年", "1990  年", " 1990 年 "):
        hits = search_document(doc, query)
        assert [doc.text[m.start : m.end] for m in hits] == ["1990 年"]
    # Half-width punctuation finds full-width, and the space after the comma does not matter.
    hits = search_document(doc, "organization,nato)")
    assert [doc.text[m.start : m.end] for m in hits] == ["Organization, NATO）"]
    # A query never runs from one block into the next.
    title, subtitle = doc.blocks[0], doc.blocks[1]
    across = doc.text[title.end - 2 : subtitle.start + 3]
    assert "\n" in across
    assert search_document(doc, across.replace("\n", "")) == []


def test_ellipsis_and_ligatures_match_their_spelled_out_forms() -> None:
    doc = _doc("他說…然後 ﬁnd the ﬂow。\n下一段...")
    hits = search_document(doc, "...")
    assert [doc.text[m.start : m.end] for m in hits] == ["…", "..."]
    assert [doc.text[m.start : m.end] for m in search_document(doc, "FIND")] == ["ﬁnd"]
    # Part of one character is not a match.
    assert search_document(doc, "l") == []
    assert [doc.text[m.start : m.end] for m in search_document(doc, "fl")] == ["ﬂ"]


def test_context_stops_at_block_breaks(library: Library) -> None:
    doc = library.get("lian-obor")
    first = search_document(doc, "一帶一路")[0]
    assert first.before == ""
    assert "\n" not in first.after and first.after == "框架下中俄之潛在競合關係"


def test_empty_and_blank_queries_are_input_errors(library: Library) -> None:
    for query in ("", "   ", "\u3000\n"):
        with pytest.raises(InputError, match="empty"):
            search(library, query)


def test_unknown_document_and_view_are_input_errors(library: Library) -> None:
    with pytest.raises(InputError, match="lian-obor"):
        search(library, "普京", docs=["nope"])
    with pytest.raises(InputError, match="zh-Hans-CN"):
        search(library, "普京", view_id="klingon")


def test_search_takes_a_document_or_a_list_of_documents(library: Library) -> None:
    doc = library.get("hsu-divergence")
    assert search(doc, "普丁") == search([doc], "普丁")
    assert search(library, "普丁", docs=["hsu-divergence"]) == search(doc, "普丁")
    with pytest.raises(InputError, match="hsu-divergence"):
        search([doc], "普丁", docs=["lian-obor"])


def test_doc_filter_keeps_the_given_order(library: Library) -> None:
    hits = search(library, "一帶一路", docs=["hsu-divergence", "lian-obor"])
    assert hits[0].document == "hsu-divergence"
    assert {m.document for m in hits[1:]} == {"lian-obor"}


# ---------------------------------------------------------------------------------------------
# Properties


TEXT_ALPHABET = "一帶带路國国門门ＮＡＴＯnatoAaß…. ，,「」ﬁf\u3000é\u0301\n"
QUERY_ALPHABET = "一帶带路國国門门ＮＡＴＯnatoAa…. ，,ﬁfé"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=TEXT_ALPHABET, max_size=80),
    st.text(alphabet=QUERY_ALPHABET, min_size=1, max_size=4),
)
def test_every_folded_hit_holds_text_that_folds_to_the_query(text: str, query: str) -> None:
    folded_query = fold_query(query)
    if not folded_query:
        return
    hits = SearchIndex("folded", text).find(folded_query)
    for start, end in hits:
        assert fold_query(text[start:end]) == folded_query
        assert "\n" not in text[start:end]
    assert [s for s, _ in hits] == sorted(s for s, _ in hits)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(hits))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=TEXT_ALPHABET.replace("\n", ""), min_size=1, max_size=60), st.data())
def test_a_piece_of_the_text_is_always_found_where_it_is(text: str, data: st.DataObject) -> None:
    folded = fold_text(text)
    boundaries = sorted({0, len(text), *folded.starts, *folded.ends})
    start = data.draw(st.sampled_from(boundaries))
    end = data.draw(st.sampled_from([b for b in boundaries if b > start] or [start]))
    piece = text[start:end]
    if not fold_query(piece):
        return
    doc = _doc(text)
    places = find_places(doc, piece)
    assert places, (text, piece)
    # The occurrence at [start, end) is found, or it overlaps one that was (non-overlapping
    # search takes the leftmost), and every hit of the folded way folds to the piece.
    assert any(s < end and start < e for s, e in places), (text, piece, places)
    for s, e in canonical_index(doc).find(fold_query(piece)):
        assert fold_query(text[s:e]) == fold_query(piece)


@settings(max_examples=50, deadline=None)
@given(
    st.text(alphabet="一帶带路國国喬治亞區域性普京丁，。 ", min_size=1, max_size=40),
    st.sampled_from(["一帶一路", "格鲁吉亚", "局部", "普京", "国", "，"]),
)
def test_search_results_are_sorted_disjoint_and_map_into_every_view(text: str, query: str) -> None:
    doc = _doc(text)
    for view_id in ("original", "zh-Hans-CN", "zh-Hant-HK"):
        hits = search_document(doc, query, view_id=view_id)
        assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
        for m in hits:
            assert 0 <= m.start < m.end <= len(text)
            assert m.view_start <= m.view_end


WORDS = [
    "喬治亞",
    "區域性",
    "哈薩克",
    "軟體",
    "資訊",
    "計程車",
    "隨身碟",
    "普京",
    "一帶一路",
    "的",
    "，",
    "亞",
    "國",
    "體",
    "車",
    " ",
    "U",
    "…",
    ".",
    "ﬁ",
]
QUERIES = [
    "格鲁吉亚",
    "亚",
    "局部",
    "区域",
    "哈萨克斯坦",
    "软件",
    "信息",
    "的",
    "一带",
    "出租车",
    "计程",
    "U盘",
    # Reworded text followed or preceded by ordinary text: windows must be wide enough.
    "吉亚，的",
    "的软件",
    "软件的亚",
    "盘，一带一路",
    "的出租车的",
    "ｕ",
    "体",
    "..",
    "亚.",
    ".格",
    "i亚",
    "f",
    "，的",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.sampled_from(QUERIES))
@example(["喬治亞", "，", "的"], "吉亚，的")
@example(["的", "軟體"], "的软件")
@example(["國", "軟體", "的", "亞"], "软件的亚")
@example(["的", "計程車", "的", "的"], "的出租车的")
def test_view_windows_find_what_whole_views_find(words: list[str], query: str) -> None:
    doc = _doc("".join(words))
    clear_caches()
    windowed = find_places(doc, query)
    clear_caches()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(search_module, "WINDOW_MARGINS", ())
        whole = find_places(doc, query)
    clear_caches()
    assert windowed == whole


def test_a_character_inside_a_reworded_name_is_found_on_its_own(library: Library) -> None:
    doc = library.get("lian-obor")
    hits = search_document(doc, "亚")
    assert all(doc.text[m.start : m.end] == "亞" for m in hits)
    assert len(hits) == _folded_count(doc.text, "亞")
    # In the 简体（大陆用语） view the 亞 of 喬治亞 is inside 格鲁吉亚, and the hit covers the name.
    cn = [m.text for m in search_document(doc, "亚", view_id="zh-Hans-CN")]
    assert cn.count("格鲁吉亚") == 2
    # What only a view shows is found through it: 格鲁 is no part of 喬治亞's own spelling.
    assert [doc.text[m.start : m.end] for m in search_document(doc, "格鲁")] == ["喬治亞"] * 2


# ---------------------------------------------------------------------------------------------
# Scale


def test_a_query_on_a_large_document_finds_every_place() -> None:
    # 200,000 characters here to keep the suite fast; `meipi bench` measures 1,000,000.
    sentences = [
        s
        for s in re.split(r"(?<=。)", load_library(user_dir=Path("/x")).get("lian-obor").text)
        if s
    ]
    paragraphs: list[str] = []
    size = 0
    i = 0
    while size < 200_000:
        para = f"{i}：" + "".join(sentences[(i + k) % len(sentences)] for k in range(3))
        para = para.replace("\n", "")
        paragraphs.append(para)
        size += len(para) + 1
        i += 1
    doc = _doc("\n".join(paragraphs))
    timing = measure_search(doc, "一帶一路", repeat=3)
    assert timing.characters >= 200_000
    assert timing.matches == _folded_count(doc.text, "一帶一路")
    # Speed is measured by `meipi bench` (budget: < 100 ms on 1 M characters), not asserted here.
    assert timing.query_ms >= 0 and timing.build_ms >= 0
    clear_caches()


# ---------------------------------------------------------------------------------------------
# The command

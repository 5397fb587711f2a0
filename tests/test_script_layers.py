"""Meipi's layers over OpenCC (PRODUCT.md "Script views"): IT vocabulary out of prose, the regional
lexicon only across regions, corrections, mainland quotes, the glossary last; offsets exact
through every layer."""

from __future__ import annotations

import functools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from reader import lexicon
from reader.documents import Document, load_library
from reader.glossary import Glossary
from reader.script import (
    KEEP_CONFIG,
    ConvertedText,
    Plan,
    ScriptSettings,
    convert_text,
    document_view,
    plan_for,
)
from reader.script_engine import converter
from reader.views import VIEW_IDS


@functools.cache
def docs() -> dict[str, Document]:
    lib = load_library()
    return {d: lib.get(d) for d in ("lian-obor", "hsu-divergence")}


def doc(doc_id: str) -> Document:
    return docs()[doc_id]


TW2CN = Plan("tw2sp", "tw", "cn", False, True)
CN2TW = Plan("s2twp", "cn", "tw", False, False)


# --- the data ---------------------------------------------------------------------------------


def test_the_it_list_is_upstreams_at_the_pinned_commit_with_its_notice() -> None:
    notice = (lexicon.DATA / "NOTICE").read_text(encoding="utf-8")
    assert lexicon.IT_LIST_COMMIT in notice and "Apache License, Version 2.0" in notice
    pairs = lexicon.it_pairs()
    # The six words of the issue are IT entries upstream (mainland form, Taiwan form).
    for pair in [("創建", "建立"), ("運行", "執行"), ("集成", "整合"), ("查看", "檢視")]:
        assert pair in pairs
    assert ("局部", "區域性") in pairs and ("內核", "核心") in pairs
    assert lexicon.is_it_entry("TWPhrasesRev.txt", "建立", "創建")
    assert not lexicon.is_it_entry("TWPhrasesRev.txt", "喬治亞", "格魯吉亞")
    assert not lexicon.is_it_entry("TSPhrases.txt", "建立", "創建")


def test_the_prose_converter_drops_only_it_entries() -> None:
    full, prose = converter("tw2sp"), converter("tw2sp", prose=True)
    assert prose.it_entries_dropped > 300 and full.it_entries_dropped == 0
    assert full.convert("建立")[0] == "创建" and prose.convert("建立")[0] == "建立"
    assert full.convert("喬治亞")[0] == prose.convert("喬治亞")[0] == "格鲁吉亚"
    # The shared dictionaries themselves are untouched (the bare library still converts).
    assert OpenCC("tw2sp").convert("建立") == "创建"


def test_the_lexicon_has_500_entries_each_with_a_reference() -> None:
    entries = lexicon.entries()
    assert len(entries) >= 500
    for e in entries:
        assert e.kind in {"country", "place", "person", "organisation", "treaty"}, e
        assert e.tw and e.cn and e.reference.strip(), e
        assert e.sources <= set(lexicon.REGIONS) and e.sources, e
    # Every issue example is there.
    forms = {(e.tw, e.cn) for e in entries}
    for pair in [
        ("普丁", "普京"),
        ("川普", "特朗普"),
        ("戈巴契夫", "戈尔巴乔夫"),
        ("葉爾欽", "叶利钦"),
        ("歐巴馬", "奥巴马"),
        ("喬治亞", "格鲁吉亚"),
        ("亞塞拜然", "阿塞拜疆"),
        ("紐西蘭", "新西兰"),
    ]:
        assert pair in forms


@pytest.mark.parametrize(
    "designation", ["中共", "大陸", "南海", "南中國海", "北韓", "朝鮮", "南韓"]
)
def test_stance_laden_designations_are_not_in_the_lexicon(designation: str) -> None:
    for e in lexicon.entries():
        assert designation not in (e.tw, e.hk), e
    for source in ("tw", "hk"):
        for target in ("cn", "tw", "hk"):
            assert designation not in lexicon.region_map(source, target)


def test_ethnonyms_convert_only_in_unambiguous_compounds() -> None:
    tw2cn = lexicon.region_map("tw", "cn")
    for ethnonym in ("哈薩克", "吉爾吉斯", "烏茲別克"):
        assert ethnonym not in tw2cn
        assert ethnonym in lexicon.withheld("tw", "cn")
    assert tw2cn["哈薩克共和國"] == "哈萨克斯坦共和国"
    assert lexicon.region_map("cn", "tw")["哈萨克斯坦"] == "哈薩克"


# --- the layers on the articles ---------------------------------------------------------------


@pytest.mark.parametrize("doc_id", ["lian-obor", "hsu-divergence"])
def test_it_vocabulary_is_out_of_the_mainland_view(doc_id: str) -> None:
    d = doc(doc_id)
    view = document_view(d, "zh-Hans-CN")
    for wrong in ("创建", "运行", "集成", "查看", "局部", "内核"):
        assert wrong not in view.text
    shown = {(s.original, s.converted) for s in view.substitutions}
    assert not shown & {("建立", "创建"), ("執行", "运行"), ("整合", "集成"), ("核心", "内核")}
    # A software manual: the reader turns the vocabulary on for that text.
    manual = document_view(d, "zh-Hans-CN", settings=ScriptSettings(it_vocabulary=True))
    assert any(w in manual.text for w in ("创建", "内核"))


def test_lexicon_applies_only_across_regions() -> None:
    lian, hsu = doc("lian-obor"), doc("hsu-divergence")
    # 連弘宜 writes 普京 23 times; his Taiwan view must not turn that into 普丁.
    assert document_view(lian, "zh-Hant-TW").text.count("普京") == 23
    assert document_view(lian, "zh-Hans-CN").text.count("普京") == 23
    # 許菁芸 writes 普丁: 普京 in the mainland and Hong Kong views, 普丁 in 原文, 繁體, 简体.
    for view_id, name in [
        ("zh-Hans-CN", "普京"),
        ("zh-Hant-HK", "普京"),
        ("original", "普丁"),
        ("zh-Hant", "普丁"),
        ("zh-Hans", "普丁"),
        ("zh-Hant-TW", "普丁"),
    ]:
        assert document_view(hsu, view_id).text.count(name) == 2, view_id
    cn = document_view(hsu, "zh-Hans-CN")
    putin = [s for s in cn.substitutions if s.original == "普丁"]
    assert len(putin) == 2 and all(s.source == "lexicon" and s.regional for s in putin)


def test_mainland_quotes_are_a_setting_on_by_default() -> None:
    d = doc("lian-obor")
    on = document_view(d, "zh-Hans-CN")
    off = document_view(d, "zh-Hans-CN", settings=ScriptSettings(mainland_quotes=False))
    assert "「" not in on.text and "“新思维”" in on.text
    assert "「新思维」" in off.text
    assert len(on.text) == len(off.text)
    assert on.stored_segments() == off.stored_segments()  # offsets unchanged
    assert "「" in document_view(d, "zh-Hans").text  # only the mainland view


def test_a_keep_blocks_every_substitution_but_characters_follow_the_script() -> None:
    d = doc("lian-obor")
    keep = Glossary(keeps=frozenset({"喬治亞", "透過"}))
    view = document_view(d, "zh-Hans-CN", keep)
    assert "格鲁吉亚" not in view.text and "乔治亚" in view.text
    assert "透过" in view.text and all(s.original != "透過" for s in view.substitutions)
    c0 = d.text.index("喬治亞")
    assert view.text[slice(*view.to_view(c0, c0 + 3))] == "乔治亚"
    manual = document_view(d, "zh-Hans-CN", keep, ScriptSettings(it_vocabulary=True))
    assert "乔治亚" in manual.text


def test_the_glossary_overrides_the_lexicon() -> None:
    hsu = doc("hsu-divergence")
    own = Glossary(conversions=(("普丁", "普亭"),))
    view = document_view(hsu, "zh-Hans-CN", own)
    assert view.text.count("普亭") == 2 and "普京" not in view.text
    assert {s.source for s in view.substitutions if s.original == "普丁"} == {"glossary"}


def test_simplified_source_in_the_taiwan_view() -> None:
    text = (
        "1996年4月，中俄领导人在北京会晤，会后通过《中俄联合声明》。"
        "中俄关系仅系伙伴关系，我们支持。"
    )
    view = convert_text(text, plan_for("zh-Hant-TW", "zh-Hans"))
    assert view.text == (
        "1996年4月，中俄領導人在北京會晤，會後通過《中俄聯合聲明》。中俄關係僅係夥伴關係，我們支持。"
    )
    origins = {(s.original, s.source) for s in view.substitutions}
    assert ("中俄关系", "correction") in origins


def test_ambiguous_characters_are_left_alone_and_marked() -> None:
    view = convert_text("他们系一家人，中文系的学生。", plan_for("zh-Hant-TW", "zh-Hans"))
    marks = view.ambiguities
    # 他们系 is left as the library has it, and marked; 中文系 is a phrase that decided.
    assert [(m.original, m.source, m.canon_start) for m in marks] == [("系", "ambiguity", 2)]
    for m in marks:
        assert view.text[m.view_start : m.view_end] == m.converted
    assert view.layer_counts()["ambiguity"] == 1
    assert convert_text("中文系", plan_for("zh-Hans-CN", "zh-Hant-TW")).ambiguities == []


def test_every_substitution_says_its_layer() -> None:
    text = "普丁與戈巴契夫透過區域性合作。"
    g = Glossary(conversions=(("合作", "協作"),))
    view = convert_text(text, TW2CN, g)
    assert {(s.original, s.converted, s.source) for s in view.substitutions} == {
        ("普丁", "普京", "lexicon"),
        ("戈巴契夫", "戈尔巴乔夫", "lexicon"),
        ("透過", "通过", "opencc"),
        ("合作", "協作", "glossary"),
    }


# --- offsets through every layer (properties) --------------------------------------------------

NAMES = [f for e in lexicon.entries()[::7] for f in (e.tw, e.cn, e.hk) if f]
PROSE = [
    "建立",
    "執行",
    "整合",
    "區域性",
    "核心",
    "透過",
    "中俄关系",
    "通过",
    "系",
    "「",
    "」",
    "『",
    "』",
]
FILLER = ["的", "與", "，", "。", "\n", " ", "A", "國", "关系", "普", "丁"]

PROPERTY = settings(
    max_examples=int(os.environ.get("MEIPI_HYPOTHESIS_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def mixed_texts(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(NAMES),
                st.sampled_from(NAMES).map(lambda w: w[1:] or w),
                st.sampled_from(PROSE),
                st.sampled_from(FILLER),
                st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
            ),
            max_size=25,
        )
    )
    return "".join(pieces)


def check_exact_map(view: ConvertedText) -> None:
    segments = list(view.iter_segments())
    c = v = 0
    for s in segments:
        assert (s.canon_start, s.view_start) == (c, v)
        assert s.canon_end > s.canon_start and s.view_end > s.view_start
        c, v = s.canon_end, s.view_end
        # Round trip: a whole segment maps to itself both ways.
        assert view.to_view(s.canon_start, s.canon_end) == (s.view_start, s.view_end)
        assert view.to_canonical(s.view_start, s.view_end) == (s.canon_start, s.canon_end)
    assert (c, v) == (len(view.source), len(view.text))
    for sub in [*view.substitutions, *view.ambiguities]:
        assert view.source[sub.canon_start : sub.canon_end] == sub.original
        assert view.text[sub.view_start : sub.view_end] == sub.converted


@PROPERTY
@given(
    data=st.data(),
    text=mixed_texts(),
    view_id=st.sampled_from(VIEW_IDS),
    script=st.sampled_from(["zh-Hant-TW", "zh-Hant-HK", "zh-Hans"]),
    it=st.booleans(),
)
def test_offsets_are_exact_through_every_layer(
    data: st.DataObject, text: str, view_id: str, script: str, it: bool
) -> None:
    plan = plan_for(view_id, script, ScriptSettings(it_vocabulary=it))
    keeps = frozenset(data.draw(st.lists(st.sampled_from(NAMES + PROSE[:6]), max_size=2)))
    glossary = Glossary(keeps=keeps) if data.draw(st.booleans()) else None
    view = convert_text(text, plan, glossary)
    check_exact_map(view)
    # Converting a range of whole segments alone gives what it shows in the view, unless a
    # layer's phrase straddles the range's edge (then the range is not whole segments).
    segments = list(view.iter_segments())
    if segments:
        i = data.draw(st.integers(0, len(segments) - 1))
        j = data.draw(st.integers(i, len(segments) - 1))
        c0, c1 = segments[i].canon_start, segments[j].canon_end
        v0, v1 = segments[i].view_start, segments[j].view_end
        assert view.to_canonical(*view.to_view(c0, c1)) == (c0, c1)
        assert view.to_view(*view.to_canonical(v0, v1)) == (v0, v1)
    # The quotes layer never moves an offset: the same segments without it.
    if plan.mainland_quotes:
        bare = convert_text(text, plan._replace(mainland_quotes=False), glossary)
        assert bare.stored_segments() == view.stored_segments()
        assert len(bare.text) == len(view.text)
    # Keeps convert their characters with the script alone.
    for seg in view.kept:
        kept = text[seg.canon_start : seg.canon_end]
        script_conv = KEEP_CONFIG.get(plan.config or "", plan.config)
        expected = converter(script_conv, prose=True).convert(kept)[0] if script_conv else kept
        if plan.mainland_quotes:
            expected = expected.translate(str.maketrans("「」『』", "“”‘’"))
        assert view.text[seg.view_start : seg.view_end] == expected


# --- the fast path: one conversion of the whole text, cut at the layers' phrases ---------------


@functools.cache
def table_words() -> list[str]:
    """Some phrases of every phrase table the views use (a few hundred per table)."""
    words: set[str] = set()
    for config in ("tw2sp", "tw2s", "s2twp", "s2hk", "t2hk"):
        for stage in converter(config, prose=True).stages:
            for d in stage.dicts:
                keys = sorted(d.multi)
                words.update(keys[:: max(1, len(keys) // 300)])
    return sorted(words)


@st.composite
def any_texts(draw: st.DrawFn) -> str:
    """Table phrases, layer phrases and their tails among any characters: astral ones (CJK
    extension B, where the character tables have keys), other scripts, separators."""
    pieces = draw(
        st.lists(
            st.one_of(
                mixed_texts(),
                st.sampled_from(table_words()),
                st.sampled_from(table_words()).map(lambda w: w[1:]),
                st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
                st.sampled_from(["𠮶", "𡒄", "𣎴", "𧩙", "𪚏"]),
                st.characters(codec="utf-8", exclude_categories=["Cs"]),
            ),
            max_size=12,
        )
    )
    return "".join(pieces)


@PROPERTY
@given(
    data=st.data(),
    text=any_texts(),
    view_id=st.sampled_from(VIEW_IDS),
    script=st.sampled_from(["zh-Hant-TW", "zh-Hant-HK", "zh-Hans"]),
    it=st.booleans(),
)
def test_cutting_one_whole_conversion_equals_converting_each_stretch(
    data: st.DataObject, text: str, view_id: str, script: str, it: bool
) -> None:
    from reader.script import _convert_uncached

    plan = plan_for(view_id, script, ScriptSettings(it_vocabulary=it))

    def phrase() -> str:
        # Half of them pieces of the text itself: their edges fall anywhere, inside a table's
        # phrase too.
        if text and data.draw(st.booleans()):
            a = data.draw(st.integers(0, len(text) - 1))
            return text[a : a + data.draw(st.integers(1, 4))]
        return data.draw(st.sampled_from([*NAMES, *PROSE[:6]]))

    glossary = None
    if data.draw(st.integers(0, 3)):
        keeps = frozenset(phrase() for _ in range(data.draw(st.integers(0, 2))))
        conversions = tuple(
            (phrase(), data.draw(st.sampled_from(["X", "局部", "甲乙"])))
            for _ in range(data.draw(st.integers(0, 2)))
        )
        glossary = Glossary(keeps=keeps, conversions=conversions)
    fast = _convert_uncached(text, plan, glossary, reuse_whole=True)
    plain = _convert_uncached(text, plan, glossary, reuse_whole=False)
    assert fast.text == plain.text
    assert fast.stored_segments() == plain.stored_segments()
    assert fast._glossary == plain._glossary
    assert fast.substitutions == plain.substitutions
    assert fast.ambiguities == plain.ambiguities


def test_a_long_text_is_searched_by_a_dfa_with_the_same_occurrences() -> None:
    from reader.script import _layer_matcher

    matcher = _layer_matcher("tw2sp", "tw", "cn", True)
    text = "，".join(NAMES + PROSE) * (lexicon.LONG_TEXT // len("，".join(NAMES + PROSE)) + 1)
    assert len(text) >= lexicon.LONG_TEXT
    assert matcher.finder is not None
    found = matcher.find_indexed(text)
    assert matcher._dfa is not None  # the long text took the DFA
    assert found == matcher.finder.find_matches_as_indexes(text)
    assert len(found) > len(NAMES)
    # A stretch of it as long: offsets from the stretch's start.
    lo = 7
    assert matcher.find_indexed(text, lo) == [
        (i, s + lo, e + lo) for i, s, e in matcher.finder.find_matches_as_indexes(text[lo:])
    ]

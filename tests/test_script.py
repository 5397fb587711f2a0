"""Script views: the library's exact output, the two-way offset map, substitutions, the glossary.

The specification is opencc-python-reimplemented 0.1.7's ``convert()``; the first tests pin the
internals ``reader.script_engine`` relies on, so an upgrade fails here rather than drifting.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc.opencc import OpenCC

from reader.documents import Document, load_library
from reader.glossary import Glossary
from reader.script import (
    KEEP_CONFIG,
    ConvertedText,
    Segment,
    clear_cache,
    convert_text,
    document_view,
    measure_conversion,
    plan_for,
)
from reader.script_engine import SPLIT_CHARS_RE, config_names, converter, reference_convert
from reader.views import CONFIGS, VIEW_IDS, config_for
from tests.cli_helpers import meipi

CONFIGS_ALL = config_names()
OPENCC_DIR = Path(opencc.__file__).resolve().parent


@functools.cache
def library(config: str) -> OpenCC:
    return OpenCC(config)


@functools.cache
def docs() -> dict[str, Document]:
    return {d.id: d for d in load_library(user_dir=Path("/nonexistent"))}


def doc(doc_id: str) -> Document:
    return docs()[doc_id]


# --- the library as pinned ----------------------------------------------------------------------


def test_library_version_is_pinned() -> None:
    assert importlib.metadata.version("opencc-python-reimplemented") == "0.1.7"
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
    assert '"opencc-python-reimplemented==0.1.7"' in pyproject


def test_library_source_is_the_one_studied() -> None:
    """opencc.py itself: any change to the algorithm we reproduce fails here first."""
    digest = hashlib.sha256((OPENCC_DIR / "opencc.py").read_bytes()).hexdigest()
    assert digest == "dfba0adb8ca2d07e9fc90aab9de38cc3830ed338fa51c6a1e408c71a916e65f9"
    data = hashlib.sha256()
    for path in sorted([*OPENCC_DIR.glob("dictionary/*.txt"), *OPENCC_DIR.glob("config/*.json")]):
        data.update(path.name.encode())
        data.update(path.read_bytes())
    assert data.hexdigest() == "1612fff5a7999705b87ad0b75296bce17e044123738d392e1845e9ca0c0cab93"
    # The parts of its source we depend on, verbatim:
    source = (OPENCC_DIR / "opencc.py").read_text("utf-8")
    for fragment in (
        "split_string_list = self.split_chars_re.split(string)",
        "tree.create_parse_tree(c_dict)",
        'tree = StringTree("".join(tree.inorder()))',
        "value = value.split(' ')[0]",
        "for i in range(0, string_len - test_len + 1):",
        "test_len -= 1",
        "temp = working_stack",
        "working_stack = unmatched_stack",
        "if (value):",
        "key, value = line.strip().split('\\t')",
    ):
        assert fragment in source, fragment


def test_library_internals_we_read() -> None:
    """``_dict_chain_data``: per stage a list of (max_len, min_len, {key: value}) tuples."""
    for config in CONFIGS_ALL:
        chain = OpenCC(config)._dict_chain_data
        assert isinstance(chain, list) and chain
        for group in chain:
            assert isinstance(group, list) and group
            for entry in group:
                max_len, min_len, mapping = entry
                assert isinstance(mapping, dict) and mapping
                assert max_len == max(len(k) for k in mapping)
                assert min_len == min(len(k) for k in mapping)
                assert all(v and not v.startswith(" ") for v in mapping.values())
    # The stages of the configurations the views use.
    names = [
        [Path(p).name for p in (g if isinstance(g, list) else [g])]
        for g in OpenCC("tw2sp")._dict_chain
    ]
    assert names == [
        ["TWPhrasesRev.txt", "TWVariantsRevPhrases.txt", "TWVariantsRev.txt"],
        ["TSPhrases.txt", "TSCharacters.txt"],
    ]


def test_separators_are_the_librarys() -> None:
    assert SPLIT_CHARS_RE.pattern == OpenCC("t2s").split_chars_re.pattern
    assert SPLIT_CHARS_RE.split("甲，乙 丙") == ["甲", "，", "乙", " ", "丙"]


def test_fast_path_assumptions_hold_for_every_configuration() -> None:
    """No value a stage can produce holds a separator, so chunks need not be cut out."""
    for config in CONFIGS_ALL:
        assert converter(config).exact_fast_path, config


def test_keys_with_separators_are_found_in_one_pass() -> None:
    from reader.script_engine import _keys_with_separators

    for config in CONFIGS_ALL:
        for group in library(config)._dict_chain_data:
            for _mx, _mn, mapping in group:
                expected = {k for k in mapping if SPLIT_CHARS_RE.search(k)}
                assert _keys_with_separators(mapping) == expected
    assert _keys_with_separators({"甲，乙": "x", "丙": "y", "丁 戊": "z"}) == {"甲，乙", "丁 戊"}


def test_longest_match_anywhere_first() -> None:
    """資訊 and 訊雜比 overlap in 資訊雜比: the longer one wins though it starts later."""
    assert library("tw2sp").convert("資訊雜比") == "资信噪比"
    view = convert_text("資訊雜比", "tw2sp")
    assert view.text == "资信噪比"
    assert [s.original for s in view.substitutions] == ["訊雜比"]


def test_stages_are_glued_and_resegmented() -> None:
    """tw2sp: stage 1 turns 區域性 into 局部, stage 2 converts that string again."""
    assert library("tw2sp").convert("區域性") == "局部"
    assert library("tw2sp").convert("喬治亞共和國") == "格鲁吉亚共和国"
    view = convert_text("喬治亞共和國", "tw2sp")
    assert view.stored_segments() == [Segment(0, 3, 0, 4)]


def test_first_candidate_of_a_multiple_value() -> None:
    assert "端口" in library("tw2sp")._dict_chain_data[0][0][2]["埠"].split(" ")
    assert library("tw2sp").convert("埠") == convert_text("埠", "tw2sp").text == "端口"
    assert library("tw2sp").convert("機率") == "几率"  # '幾率 概率': the first


# --- the shipped articles -----------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", ["lian-obor", "hsu-divergence"])
@pytest.mark.parametrize("view_id", VIEW_IDS)
def test_every_view_of_the_articles_is_the_librarys(doc_id: str, view_id: str) -> None:
    """The library layer of every view is the library's output exactly (Meipi's layers come on
    top: ``tests/test_script_layers.py``)."""
    d = doc(doc_id)
    config = config_for(view_id, d.meta.script) if view_id != "original" else None
    view = convert_text(d.text, config)
    expected = library(config).convert(d.text) if config else d.text
    assert view.text == expected
    shown = document_view(d, view_id)
    assert shown.view_id == view_id and shown.doc_id == doc_id
    if view_id in ("original", "zh-Hant", "zh-Hant-TW"):  # no layer applies to these sources
        assert shown.text == expected
    # Every block is whole segments (blocks end at "\n", a separator), and maps to its own text.
    for block in d.blocks:
        vs, ve = view.to_view(block.start, block.end)
        original = d.text[block.start : block.end]
        assert view.text[vs:ve] == (library(config).convert(original) if config else original)
        assert view.to_canonical(vs, ve) == (block.start, block.end)


@pytest.mark.parametrize("doc_id", ["lian-obor", "hsu-divergence"])
@pytest.mark.parametrize("config", sorted({c for v in CONFIGS.values() for c in v.values() if c}))
def test_fast_path_blocks_equal_the_reference_port(doc_id: str, config: str) -> None:
    conv = converter(config)
    assert conv.convert(doc(doc_id).text) == reference_convert(doc(doc_id).text, conv.chain)


def test_known_substitutions_of_product_md() -> None:
    """The library's tw2sp turns 區域性→局部, 喬治亞→格鲁吉亚, 哈薩克→哈萨克斯坦; the view
    (PRODUCT.md, changed 2026-12-06) keeps 区域性 (IT vocabulary) and 哈萨克 (an ethnonym)."""
    d = doc("lian-obor")
    bare = {(s.original, s.converted) for s in convert_text(d.text, "tw2sp").substitutions}
    assert {("區域性", "局部"), ("喬治亞", "格鲁吉亚"), ("哈薩克", "哈萨克斯坦")} <= bare
    view = document_view(d, "zh-Hans-CN")
    subs = {(s.original, s.converted, s.source) for s in view.substitutions}
    assert ("喬治亞", "格鲁吉亚", "lexicon") in subs
    assert not {("區域性", "局部"), ("哈薩克", "哈萨克斯坦")} & {(a, b) for a, b, _ in subs}
    assert "区域性" in view.text and "哈萨克" in view.text
    for s in view.substitutions:
        assert d.text[s.canon_start : s.canon_end] == s.original
        assert view.text[s.view_start : s.view_end] == s.converted
        assert s.source in ("opencc", "lexicon")
    # 简体 (tw2s) has no Taiwan phrase table: those stay, only characters change.
    plain = {(s.original, s.converted) for s in document_view(d, "zh-Hans").substitutions}
    assert ("區域性", "局部") not in plain
    assert "区域性" in document_view(d, "zh-Hans").text
    # Traditional views of a Traditional article change no wording.
    assert document_view(d, "zh-Hant-TW").substitutions == []
    assert document_view(d, "zh-Hant").substitutions == []


def test_character_choices_are_not_substitutions() -> None:
    """A phrase entry that only picks between a character's forms is not underlined."""
    view = convert_text("乾燥的軟體", "tw2sp")
    assert view.text == library("tw2sp").convert("乾燥的軟體") == "干燥的软件"
    assert [(s.original, s.converted) for s in view.substitutions] == [("軟體", "软件")]
    assert convert_text("發展", "tw2s").substitutions == []


def test_mapping_of_regional_both_ways() -> None:
    d = doc("lian-obor")
    view = convert_text(d.text, "tw2sp")  # the library's wording (區域性 → 局部)
    c0 = d.text.index("區域性")
    v0 = view.text.index("局部")
    assert view.to_view(c0, c0 + 3) == (v0, v0 + 2)
    for a in range(c0, c0 + 3):  # any part of 區域性 covers 局部
        for b in range(a + 1, c0 + 4):
            assert view.to_view(a, min(b, c0 + 3)) == (v0, v0 + 2)
    assert view.to_canonical(v0, v0 + 1) == (c0, c0 + 3)  # 局 covers 區域性
    assert view.to_canonical(v0 + 1, v0 + 2) == (c0, c0 + 3)  # 部 as well
    assert view.to_canonical(v0, v0 + 2) == (c0, c0 + 3)
    # Points: a boundary maps exactly, a point inside the phrase to its start.
    assert view.to_view(c0, c0) == (v0, v0)
    assert view.to_view(c0 + 3, c0 + 3) == (v0 + 2, v0 + 2)
    assert view.to_view(c0 + 1, c0 + 1) == (v0, v0)
    assert view.to_canonical(v0 + 1, v0 + 1) == (c0, c0)
    # The surrounding text: 透過區域性的 -> 通过局部的 (透過→通过 is a phrase as well).
    assert view.to_canonical(v0 + 2, v0 + 3) == (c0 + 3, c0 + 4)
    assert view.text[v0 - 2 : v0 + 3] == "通过局部的"
    sub = view.substitution_at(v0 + 1)
    assert (
        sub is not None
        and sub.original == "區域性"
        and (sub.canon_start, sub.canon_end) == (c0, c0 + 3)
    )
    assert view.substitution_at(v0 + 2) is None


def test_pages_and_blocks_map_through_on_the_command_line() -> None:
    r = meipi("text", "lian-obor", "--script", "zh-Hans-CN", "--json")
    assert r.code == 0, r.err
    data = r.json()
    d = doc("lian-obor")
    view = document_view(d, "zh-Hans-CN")
    plan = plan_for("zh-Hans-CN", d.meta.script)
    assert data["text"] == view.text
    for block, out in zip(d.blocks, data["blocks"], strict=True):
        assert (
            data["text"][out["start"] : out["end"]] == convert_text(d.block_text(block), plan).text
        )
    starts = [p["start"] for p in data["pages"]]
    assert starts == sorted(starts) and starts[0] == 0
    assert starts == [view.to_view(p.start, p.start)[0] for p in d.pages]


def test_unknown_view_is_refused() -> None:
    from reader.errors import InputError

    with pytest.raises(InputError, match="Valid views"):
        document_view(doc("lian-obor"), "zh-Latn")
    r = meipi("text", "lian-obor", "--script", "zh-Latn")
    assert r.code == 2 and "zh-Hans-CN" in r.err


# --- the glossary -------------------------------------------------------------------------------


def by_glossary(text: str, config: str | None, glossary: Glossary) -> str:
    """The documented rule, computed from the library directly: leftmost-longest scan for the
    glossary's phrases; stretches between them converted each on its own."""
    conversions = {k: v for k, v in glossary.conversions if v}
    phrases = set(conversions) | (set(glossary.keeps) if config else set())
    out = []
    i = prev = 0
    while i < len(text):
        hit = max((p for p in phrases if p and text.startswith(p, i)), key=len, default=None)
        if hit is None:
            i += 1
            continue
        stretch = text[prev:i]
        out.append(library(config).convert(stretch) if config else stretch)
        if hit in conversions:
            out.append(conversions[hit])
        else:  # kept: no vocabulary, but the characters follow the script
            out.append(library(KEEP_CONFIG.get(config, config)).convert(hit) if config else hit)
        i = prev = i + len(hit)
    stretch = text[prev:]
    out.append(library(config).convert(stretch) if config else stretch)
    return "".join(out)


def test_a_kept_phrase_stays_in_every_view() -> None:
    d = doc("lian-obor")
    keep = Glossary(keeps=frozenset({"區域性"}))
    c0 = d.text.index("區域性")
    for view_id in VIEW_IDS:
        view = document_view(d, view_id, keep)
        config = config_for(view_id, d.meta.script) if view_id != "original" else None
        shown = "区域性" if view_id.startswith("zh-Hans") else "區域性"
        assert shown in view.text, view_id
        assert convert_text(d.text, config, keep).text == by_glossary(d.text, config, keep)
        v0, v1 = view.to_view(c0, c0 + 3)
        assert view.text[v0:v1] == shown
        if config:  # where something converts, the kept phrase is one segment
            assert view.to_canonical(v0 + 1, v0 + 2) == (c0, c0 + 3)
        assert all(s.original != "區域性" for s in view.substitutions)
    cn = document_view(d, "zh-Hans-CN", keep)
    assert Segment(c0, c0 + 3, *cn.to_view(c0, c0 + 3)) in cn.kept
    # Everything else is still converted.
    assert ("喬治亞", "格鲁吉亚") in {(s.original, s.converted) for s in cn.substitutions}
    assert "通过区域性的" in cn.text


def test_own_conversions_apply_everywhere_but_the_original() -> None:
    d = doc("lian-obor")
    own = Glossary(conversions=(("哈薩克", "哈萨克"), ("普京", "普丁")))
    for view_id in VIEW_IDS:
        view = document_view(d, view_id, own)
        if view_id == "original":
            assert view.text == d.text and view.substitutions == []
            continue
        config = config_for(view_id, d.meta.script)
        assert convert_text(d.text, config, own).text == by_glossary(d.text, config, own)
        assert "哈萨克斯坦" not in view.text and "普京" not in view.text
        subs = [s for s in view.substitutions if s.source == "glossary"]
        assert {(s.original, s.converted) for s in subs} == {("哈薩克", "哈萨克"), ("普京", "普丁")}
        for s in subs:
            assert view.text[s.view_start : s.view_end] == s.converted
            assert d.text[s.canon_start : s.canon_end] == s.original
            assert view.to_canonical(s.view_start, s.view_end) == (s.canon_start, s.canon_end)


def test_glossary_longest_phrase_wins_and_conversion_beats_keep() -> None:
    g = Glossary(keeps=frozenset({"中亞", "中亞國家"}), conversions=(("中亞國家", "中亚诸国"),))
    view = convert_text("中亞國家與中亞", "tw2sp", g)
    assert view.text == "中亚诸国与中亚"  # a kept phrase's characters follow the script
    assert [(s.original, s.converted, s.source) for s in view.substitutions] == [
        ("中亞國家", "中亚诸国", "glossary")
    ]
    assert view.stored_segments()[0] == Segment(0, 4, 0, 4)


def test_glossary_version_is_part_of_the_cache_key() -> None:
    clear_cache()
    text = doc("hsu-divergence").text
    a = convert_text(text, "tw2sp")
    assert convert_text(text, "tw2sp") is a
    assert convert_text(text, "tw2sp", Glossary()) is a  # an empty glossary changes nothing
    g = Glossary(keeps=frozenset({"中亞"}))
    b = convert_text(text, "tw2sp", g)
    assert b is not a and b.kept and not a.kept
    assert convert_text(text, "tw2sp", Glossary(keeps=frozenset({"中亞"}))) is b
    assert convert_text(text, "tw2s") is not a


# --- properties on random text ------------------------------------------------------------------


@functools.cache
def _words() -> list[str]:
    words: set[str] = set()
    for config in ("tw2sp", "s2twp", "hk2s", "s2hk"):
        for group in library(config)._dict_chain_data:
            for _mx, _mn, mapping in group:
                small = len(mapping) > 5000
                for i, (k, v) in enumerate(sorted(mapping.items())):
                    if small and i % 40:
                        continue
                    words.add(k)
                    words.add(v.split(" ")[0])
    return sorted(words)


SEPARATORS = [
    *"，。、；：？！…“”‘’「」『』（）《》〈〉—－～．／＼-,.?!*【】",
    " ",
    "  ",
    "\n",
    "\t",
    "\u3000",
    "\xa0",
]
OTHER = [
    "A",
    "z",
    "SQL",
    "Belt",
    "0",
    "7",
    "2024",
    "é",
    "😀",
    "👍🏽",
    "👩\u200d💻",
    "𠀀",
    "𡃁",
    "\U0002a6a5",
    "·",
    "#",
    "_",
    "\u200b",
    "㐀",
    "ㄅ",
    "の",
    "한",
]


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = _words()
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(words),
                st.sampled_from(words).map(lambda w: w[1:] or w),
                st.sampled_from(SEPARATORS),
                st.sampled_from(OTHER),
                st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                st.characters(codec="utf-8", exclude_categories=["Cs"]),
            ),
            max_size=30,
        )
    )
    return "".join(pieces)


@st.composite
def glossaries(draw: st.DrawFn, text: str) -> Glossary:
    def phrase() -> str:
        if text and draw(st.booleans()):
            a = draw(st.integers(0, len(text) - 1))
            return text[a : a + draw(st.integers(1, 4))]
        return draw(st.sampled_from(_words()))

    keeps = frozenset(phrase() for _ in range(draw(st.integers(0, 3))))
    conversions = tuple(
        (phrase(), draw(st.sampled_from(["", "X", "局部", "哈萨克斯坦", "甲乙"])))
        for _ in range(draw(st.integers(0, 3)))
    )
    return Glossary(keeps=keeps, conversions=conversions)


# MEIPI_HYPOTHESIS_EXAMPLES=5000 for a long hunt; the default keeps this file under ~20 s.
PROPERTY = settings(
    max_examples=int(os.environ.get("MEIPI_HYPOTHESIS_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_map(view: ConvertedText) -> list[Segment]:
    """Segments tile both texts in step; points map monotonically; returns the segments."""
    segments = list(view.iter_segments())
    c = v = 0
    for s in segments:
        assert (s.canon_start, s.view_start) == (c, v)
        assert s.canon_end > s.canon_start and s.view_end > s.view_start
        c, v = s.canon_end, s.view_end
    assert (c, v) == (len(view.source), len(view.text))
    points = [view.to_view(p, p)[0] for p in range(len(view.source) + 1)]
    assert points == sorted(points) and points[0] == 0 and points[-1] == len(view.text)
    back = [view.to_canonical(p, p)[0] for p in range(len(view.text) + 1)]
    assert back == sorted(back) and back[0] == 0 and back[-1] == len(view.source)
    for s in segments:  # boundaries map exactly, both ways
        assert view.to_view(s.canon_start, s.canon_start) == (s.view_start, s.view_start)
        assert view.to_canonical(s.view_end, s.view_end) == (s.canon_end, s.canon_end)
    return segments


@PROPERTY
@given(text=texts(), config=st.sampled_from(CONFIGS_ALL))
def test_random_text_equals_the_library_and_the_reference(text: str, config: str) -> None:
    conv = converter(config)
    out, blocks = conv.convert(text)
    assert out == library(config).convert(text)
    assert (out, blocks) == reference_convert(text, conv.chain)
    assert convert_text(text, config).text == out


@PROPERTY
@given(data=st.data(), text=texts(), config=st.sampled_from(CONFIGS_ALL))
def test_random_text_map_properties(data: st.DataObject, text: str, config: str) -> None:
    view = convert_text(text, config)
    segments = check_map(view)
    n = len(text)
    # Out and back is stable.
    s = data.draw(st.integers(0, n))
    e = data.draw(st.integers(s, n))
    vs, ve = view.to_view(s, e)
    cs, ce = view.to_canonical(vs, ve)
    assert cs <= s and (ce >= e or s == e)
    assert view.to_view(cs, ce) == (vs, ve)
    assert view.to_canonical(*view.to_view(cs, ce)) == (cs, ce)
    vm = len(view.text)
    a = data.draw(st.integers(0, vm))
    b = data.draw(st.integers(a, vm))
    ca, cb = view.to_canonical(a, b)
    va, vb = view.to_view(ca, cb)
    assert va <= a and (vb >= b or a == b)
    assert view.to_canonical(va, vb) == (ca, cb)
    # A range of whole segments converts alone to exactly what it covers in the view.
    if segments:
        i = data.draw(st.integers(0, len(segments) - 1))
        j = data.draw(st.integers(i, min(len(segments) - 1, i + 12)))
        c0, c1 = segments[i].canon_start, segments[j].canon_end
        v0, v1 = segments[i].view_start, segments[j].view_end
        assert library(config).convert(text[c0:c1]) == view.text[v0:v1]
        assert view.to_view(c0, c1) == (v0, v1) and view.to_canonical(v0, v1) == (c0, c1)
    # Substitutions are segments and say what they replaced.
    for sub in view.substitutions:
        assert text[sub.canon_start : sub.canon_end] == sub.original
        assert view.text[sub.view_start : sub.view_end] == sub.converted
        assert sub.original != sub.converted
        assert view.to_canonical(sub.view_start, sub.view_end) == (sub.canon_start, sub.canon_end)


@PROPERTY
@given(
    data=st.data(),
    text=texts(),
    config=st.sampled_from([None, "tw2sp", "s2twp", "hk2s", "t2hk", "s2t"]),
)
def test_random_glossary_properties(data: st.DataObject, text: str, config: str | None) -> None:
    glossary = data.draw(glossaries(text))
    view = convert_text(text, config, glossary)
    assert view.text == by_glossary(text, config, glossary)
    segments = check_map(view)
    keeps = set(glossary.keeps) - {k for k, v in glossary.conversions if v}
    for seg in view.kept:
        kept = text[seg.canon_start : seg.canon_end]
        assert kept in keeps
        script = KEEP_CONFIG.get(config, config) if config else None
        shown = library(script).convert(kept) if script else kept
        assert view.text[seg.view_start : seg.view_end] == shown
    if segments:
        i = data.draw(st.integers(0, len(segments) - 1))
        j = data.draw(st.integers(i, min(len(segments) - 1, i + 12)))
        c0, c1 = segments[i].canon_start, segments[j].canon_end
        v0, v1 = segments[i].view_start, segments[j].view_end
        assert convert_text(text[c0:c1], config, glossary).text == view.text[v0:v1]


# --- speed (the budget itself is the benchmark's; this only checks the measurement works) ----


def test_measure_conversion_reports_the_numbers() -> None:
    text = doc("hsu-divergence").text
    r = measure_conversion(text, "tw2sp", repeat=1)
    assert r["characters"] == len(text) and r["config"] == "tw2sp"
    for key in ("library_convert_s", "ours_cold_s", "ours_warm_s", "ours_load_dictionaries_s"):
        assert r[key] >= 0
    assert r["substitutions"] >= 1


def test_switching_back_is_a_cache_hit() -> None:
    d = doc("lian-obor")
    first = document_view(d, "zh-Hans-CN")
    document_view(d, "zh-Hant-HK")
    assert document_view(d, "zh-Hans-CN").text is first.text


def test_edges_empty_text_clamping_and_reversed_ranges() -> None:
    empty = convert_text("", "tw2sp")
    assert empty.text == "" and empty.to_view(0, 0) == (0, 0) and empty.substitutions == []
    view = convert_text("區域性", "tw2sp")
    assert view.to_view(-5, 99) == (0, 2) and view.to_canonical(-1, 50) == (0, 3)
    with pytest.raises(ValueError):
        view.to_view(2, 1)
    identity = convert_text("區域性", None)
    assert identity.identity and identity.text == "區域性" and identity.to_view(1, 2) == (1, 2)


def test_warm_up_loads_the_views_dictionaries() -> None:
    from reader.script import warm_up

    warm_up(("zh-Hant-TW",))
    assert convert_text("喬治亞", "tw2sp").text == "格鲁吉亚"

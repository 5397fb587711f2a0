"""Word boundaries: jieba's words on canonical offsets (the same in every view and in both
scripts), the lexicon, field terms and glossary as words, the sentence, the phrase-list
fallback, and jieba imported without its known warnings."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import words
from reader.documents import Document, load_library
from reader.glossary import Glossary
from reader.script import document_view
from reader.script_engine import converter
from reader.views import VIEW_IDS
from reader.words import (
    WordIndex,
    phrase_word_at,
    phrases,
    sentence_at,
    word_at,
    word_index,
)

# -- the fallback: OpenCC's phrase list ---------------------------------------------------------


def test_dictionary_phrase_is_selected() -> None:
    text = "透過區域性的多邊或雙邊合作"
    start, end = word_at(text, text.index("域"))
    assert text[start:end] == "區域性"


def test_single_character_when_no_phrase_covers_it() -> None:
    text = "俄與中亞"
    assert word_at(text, 1) == (1, 2)


def test_latin_word_and_punctuation() -> None:
    text = "北大西洋公約組織（North Atlantic Treaty Organization, NATO）"
    s, e = word_at(text, text.index("lantic"))
    assert text[s:e] == "Atlantic"
    s, e = word_at(text, text.index("（"))
    assert text[s:e] == "（"


def test_astral_characters_are_whole() -> None:
    text = "a😀𠀀中"
    assert word_at(text, 1) == (1, 2)
    assert word_at(text, 2) == (2, 3)


def test_dictionaries_are_loaded() -> None:
    assert "一帶一路" in phrases() or "區域性" in phrases()


@given(st.text(max_size=40), st.integers(min_value=0, max_value=60))
def test_word_always_covers_the_position(text: str, offset: int) -> None:
    start, end = phrase_word_at(text, offset)
    if not text:
        assert (start, end) == (0, 0)
        return
    pos = min(offset, len(text) - 1)
    assert 0 <= start <= pos < end <= len(text)


# -- jieba ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def library_docs() -> list[Document]:
    return list(load_library())


@pytest.fixture(scope="module")
def hant() -> WordIndex:
    return word_index("zh-Hant-TW")


@pytest.fixture(scope="module")
def hans() -> WordIndex:
    return word_index("zh-Hans")


def cut(index: WordIndex, text: str) -> list[str]:
    return [text[a:b] for a, b in index.words(text)]


def test_the_issues_words_are_one_word_in_both_scripts(hant: WordIndex, hans: WordIndex) -> None:
    text = "雙方在重要的能源議題上深化合作，中國大陸與上海合作組織，習近平與普丁會晤。"
    simplified = converter("tw2s").convert(text)[0]
    for index, sample in ((hant, text), (hans, simplified)):
        got = cut(index, sample)
        for word in ("能源", "中國大陸", "上海合作組織", "習近平", "普丁", "合作"):
            form = converter("tw2s").convert(word)[0] if index is hans else word
            assert form in got, (form, got)


def test_the_words_cover_the_text_in_order(hant: WordIndex, library_docs: list[Document]) -> None:
    for doc in library_docs:
        ranges = hant.words(doc.text)
        assert ranges[0][0] == 0 and ranges[-1][1] == len(doc.text)
        assert all(a < b for a, b in ranges)
        assert all(b == c for (_, b), (c, _) in itertools.pairwise(ranges))
        assert not any("\n" in doc.text[a:b] and b - a > 1 for a, b in ranges)


def test_glossary_entries_become_words() -> None:
    text = "克宮發言人培斯科夫表示，冰上絲綢之路"
    plain = cut(word_index("zh-Hant-TW"), text)
    assert "培斯科夫" not in plain and "冰上絲綢之路" not in plain
    glossary = Glossary(keeps=frozenset({"培斯科夫"}), equivalences=(("冰上絲綢之路", "北極航道"),))
    with_glossary = cut(word_index("zh-Hant-TW", glossary), text)
    assert "培斯科夫" in with_glossary and "冰上絲綢之路" in with_glossary
    # In a Simplified text too (the Simplified forms are added with them).
    simplified = cut(word_index("zh-Hans", glossary), converter("t2s").convert(text)[0])
    assert "培斯科夫" in simplified and "冰上丝绸之路" in simplified


def test_each_glossary_has_its_own_tokenizer_and_none_is_jiebas_global() -> None:
    import jieba

    a = words.segmenter(words.extra_words("zh-Hant-TW"))
    b = words.segmenter(words.extra_words("zh-Hant-TW", Glossary(keeps=frozenset({"培斯科夫"}))))
    assert a is not b and a._tokenizer is not b._tokenizer
    assert a._tokenizer is not jieba.dt and b._tokenizer is not jieba.dt
    assert a._tokenizer.FREQ.get("培斯科夫", 0) == 0 and b._tokenizer.FREQ["培斯科夫"] > 0


@pytest.mark.slow
def test_the_dictionary_cache_is_written_where_we_say(tmp_path: Path) -> None:
    code = (
        "import sys, tempfile, pathlib\n"
        "from reader import words\n"
        "before = set(pathlib.Path(tempfile.gettempdir()).glob('jieba*.cache'))\n"
        "words.Segmenter()\n"
        "after = set(pathlib.Path(tempfile.gettempdir()).glob('jieba*.cache'))\n"
        "print(sorted(p.name for p in words.cache_dir().iterdir()), after == before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        env={
            "MEIPI_DATA_DIR": str(tmp_path),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            # No byte code cached yet: jieba's sources are compiled here, with their warnings.
            "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"),
        },
        check=True,
        timeout=120,
    )
    assert out.stdout.strip() == f"['{words._cache_name()}'] True", out.stderr
    # Warnings were errors in that process: jieba's own were filtered, nothing else raised.
    assert "Warning" not in out.stderr


def test_sentence_at() -> None:
    text = "俄方的態度從矛盾到妥協。「一帶」意指絲綢之路經濟帶；而後呢？\n新段落"
    s, e = sentence_at(text, text.index("態度"))
    assert text[s:e] == "俄方的態度從矛盾到妥協。"
    s, e = sentence_at(text, text.index("絲綢"))
    assert text[s:e] == "「一帶」意指絲綢之路經濟帶；"
    s, e = sentence_at(text, text.index("新"))
    assert text[s:e] == "新段落"
    quoted = "他說：「好。」然後走了。"
    s, e = sentence_at(quoted, quoted.index("然"))
    assert quoted[s:e] == "然後走了。"
    s, e = sentence_at(quoted, 1)
    assert quoted[s:e] == "他說：「好。」"


# -- one segmentation for every view --------------------------------------------------------------


def view_words(doc: Document, view_id: str, index: WordIndex) -> list[tuple[int, int]]:
    """The canonical word under every character of the view (as a double-click finds it)."""
    view = document_view(doc, view_id)
    found = []
    for vpos in range(len(view.text)):
        cstart = view.to_canonical(vpos, vpos + 1)[0]
        found.append(index.word_at(doc.text, cstart))
    return found


def test_every_view_selects_the_same_canonical_words(
    hant: WordIndex, library_docs: list[Document]
) -> None:
    doc = library_docs[0]
    words_of_text = set(hant.words(doc.text))
    for view_id in VIEW_IDS:
        view = document_view(doc, view_id)
        got = view_words(doc, view_id, hant)
        # Every word found is one of the canonical words, and shown whole in the view.
        assert set(got) <= words_of_text, view_id
        for vpos, (a, b) in enumerate(got):
            vs, ve = view.to_view(a, b)
            assert vs <= vpos < ve, (view_id, vpos)


_SAMPLE = load_library()
_TEXTS = [doc.text for doc in _SAMPLE]


@st.composite
def passages(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_TEXTS))
    start = draw(st.integers(min_value=0, max_value=len(text) - 2))
    length = draw(st.integers(min_value=1, max_value=80))
    return text[start : start + length]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passages())
def test_both_scripts_land_on_the_same_offsets(passage: str) -> None:
    """A Traditional text segmented through Simplified has the boundaries of the same text
    written in Simplified (where the conversion is one character for one)."""
    simplified, blocks = converter("tw2s").convert(passage)
    if blocks or len(simplified) != len(passage):
        return  # a phrase changed length: offsets differ by design (the map covers it)
    hant = word_index("zh-Hant-TW")
    hans = word_index("zh-Hans")
    assert hant.words(passage) == hans.words(simplified)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passages(), st.sampled_from(VIEW_IDS), st.data())
def test_a_view_position_maps_to_the_word_holding_it(
    passage: str, view_id: str, data: st.DataObject
) -> None:
    from reader.script import convert_text
    from reader.views import config_for

    index = word_index("zh-Hant-TW")
    config = config_for(view_id, "zh-Hant-TW")
    view = convert_text(passage, config)
    if not view.text:
        return
    vpos = data.draw(st.integers(min_value=0, max_value=len(view.text) - 1))
    cstart = view.to_canonical(vpos, vpos + 1)[0]
    a, b = index.word_at(passage, cstart)
    assert (a, b) in index.words(passage)
    vs, ve = view.to_view(a, b)
    assert vs <= vpos < ve

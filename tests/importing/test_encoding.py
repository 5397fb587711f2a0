"""Bytes to text and the script a text is written in (``reader.importing.encoding``): UTF-8/16/32,
Big5 and GB18030 told apart, damaged bytes named, the script guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import documents, importing
from reader.importing import Overrides
from reader.importing.encoding import _charset_normalizer_choice
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    ARTICLE,
    TO_SIMPLIFIED,
    TRADITIONAL,
    big5_paragraphs,
    refused,
    write_file,
)


@pytest.mark.parametrize(
    ("codec", "label", "text"),
    [
        ("utf-8", "UTF-8", ARTICLE),
        ("utf-8-sig", "UTF-8 (BOM)", ARTICLE),
        ("utf-16", "UTF-16", ARTICLE),
        ("utf-16-be", "UTF-16", "\ufeff" + ARTICLE),
        ("utf-16-le", "UTF-16", "Chinese article\n\n" + ARTICLE),  # no BOM: the NULs show it
        ("cp950", "Big5", ARTICLE),
        ("gb18030", "GB18030", TO_SIMPLIFIED.convert(ARTICLE)),
    ],
)
def test_each_encoding_is_read(tmp_path: Path, codec: str, label: str, text: str) -> None:
    path = write_file(tmp_path, "article.txt", text.encode(codec))
    source = importing.read_source(path)
    assert source.encoding == label
    assert source.text == text.removeprefix("\ufeff")
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert f"({label}, plain text)" in r.out
    doc = documents.load_library().get("article")
    assert text.removeprefix("\ufeff").split("\n\n")[-1].strip() in doc.text


@pytest.mark.parametrize("length", [12, 40, 120, 400])
def test_big5_and_gb18030_are_told_apart_on_short_texts(length: int) -> None:
    paragraphs = big5_paragraphs()
    assert len(paragraphs) >= 10
    for paragraph in paragraphs:
        traditional = paragraph[:length]
        simplified = TO_SIMPLIFIED.convert(traditional)
        assert importing.decode(traditional.encode("cp950")) == (traditional, "Big5")
        assert importing.decode(simplified.encode("gb18030")) == (simplified, "GB18030")


def test_big5_hkscs_characters(tmp_path: Path) -> None:
    text = "香港的街道上，𨋢（升降機）與邨（屋邨）都是常見的字。" + TRADITIONAL[:100]
    data = text.encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        data.decode("cp950")
    assert importing.decode(data) == (text, "Big5-HKSCS")


def test_a_simplified_source_is_zh_hans(tmp_path: Path) -> None:
    path = write_file(tmp_path, "simplified.txt", TO_SIMPLIFIED.convert(ARTICLE).encode("gb18030"))
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert "script:     zh-Hans (guessed" in r.out
    data = meipi("text", "simplified", "--json").json()
    assert data["source_script"] == "zh-Hans"
    listed = {d["id"]: d for d in meipi("list", "--json").json()["documents"]}
    assert listed["simplified"]["script"] == "zh-Hans"


def test_a_traditional_source_is_zh_hant_tw_and_script_overrides(tmp_path: Path) -> None:
    source = importing.source_from_bytes(ARTICLE.encode("utf-8"), "a.txt")
    preview = importing.guess(source)
    assert preview.document.meta.script == "zh-Hant-TW"
    assert preview.script_guess.traditional > 20 and preview.script_guess.simplified == 0
    hk = importing.guess(source, Overrides(script="zh-Hant-HK"))
    assert hk.document.meta.script == "zh-Hant-HK" and hk.guessed.script == "zh-Hant-TW"
    path = write_file(tmp_path, "hk.txt", ARTICLE)
    r = meipi("import", str(path), "--script", "zh-Hant-HK")
    assert r.code == 0 and "zh-Hant-HK (as you said)" in r.out


def test_script_guess_ignores_variants_both_scripts_use() -> None:
    # 峰 is in OpenCC's Simplified table (as a variant of 峯) but Traditional texts use it.
    assert importing.guess_script("金磚國家峰會於俄羅斯喀山舉行").script == "zh-Hant-TW"
    assert importing.guess_script("金砖国家峰会于俄罗斯喀山举行").script == "zh-Hans"
    mixed = importing.guess_script("這是繁體的句子，这是简体的句子。" * 3)
    assert mixed.mixed


def test_charset_normalizer_breaks_close_calls() -> None:
    # When the character statistics are close, charset-normalizer (restricted to Big5 and
    # GB18030) decides; on a clear text it agrees with them.
    traditional = big5_paragraphs(300)[1]
    simplified = TO_SIMPLIFIED.convert(traditional)
    both = ["cp950", "gb18030"]
    assert _charset_normalizer_choice(traditional.encode("cp950"), both) == "cp950"
    assert _charset_normalizer_choice(simplified.encode("gb18030"), both) == "gb18030"
    mixed = "Новое мышление, new thinking: 新思维。".encode("gb18030")
    assert importing.decode(mixed) == ("Новое мышление, new thinking: 新思维。", "GB18030")


_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe"),
    min_size=1,
    max_size=200,
)


@settings(max_examples=100, deadline=None)
@given(_ANY_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"]))
def test_unicode_encodings_decode_exactly(text: str, codec: str) -> None:
    data = ("\ufeff" + text if codec == "utf-16-be" else text).encode(codec)
    assert importing.decode(data)[0] == text


def test_damaged_utf8_is_named(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8")
    refused(write_file(tmp_path, "cut.txt", data[:-2]), "UTF-8 with damaged bytes")


def test_an_undecided_script_is_said() -> None:
    source = importing.source_from_bytes(b"A Title\n\nOnly English words here.\n", "en.txt")
    preview = importing.guess(source)
    assert preview.document.meta.script == "zh-Hant-TW"
    assert any("No character tells" in w for w in preview.warnings)
    assert not importing.guess(source, Overrides(script="zh-Hans")).warnings

"""Bringing one's own texts: encodings, formats, cleaning, metadata guesses, refusals, ids,
atomic writes, and the core API the window's import dialog calls."""

from __future__ import annotations

import errno
import os
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import documents, importing, paths
from reader.errors import EnvironmentFailure, InputError
from reader.importing import MetadataChanges, Overrides
from reader.importing.encoding import _charset_normalizer_choice
from reader.ingest import Hints, clean
from tests.cli_helpers import meipi

TO_SIMPLIFIED = opencc.OpenCC("tw2sp")


def _paragraphs(min_length: int = 0) -> list[str]:
    """Paragraphs of the shipped texts that Big5 can encode (and GB2312, once Simplified)."""
    found = []
    for doc in documents.load_library():
        for block in doc.blocks:
            text = doc.block_text(block)
            if block.kind != "paragraph" or len(text) < min_length:
                continue
            try:
                text.encode("cp950")
                TO_SIMPLIFIED.convert(text).encode("gb2312")
            except UnicodeEncodeError:
                continue
            found.append(text)
    return found


TRADITIONAL = _paragraphs(300)[0]
SIMPLIFIED = TO_SIMPLIFIED.convert(TRADITIONAL)
ARTICLE = "中俄關係的新階段\n\n許菁芸\n\n" + TRADITIONAL + "\n"


def _user_files() -> list[str]:
    folder = paths.user_texts_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------------------------------------
# Encodings


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
    path = _write(tmp_path, "article.txt", text.encode(codec))
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
    paragraphs = _paragraphs()
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


# ---------------------------------------------------------------------------------------------
# The script


def test_a_simplified_source_is_zh_hans(tmp_path: Path) -> None:
    path = _write(tmp_path, "simplified.txt", TO_SIMPLIFIED.convert(ARTICLE).encode("gb18030"))
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
    path = _write(tmp_path, "hk.txt", ARTICLE)
    r = meipi("import", str(path), "--script", "zh-Hant-HK")
    assert r.code == 0 and "zh-Hant-HK (as you said)" in r.out


def test_script_guess_ignores_variants_both_scripts_use() -> None:
    # 峰 is in OpenCC's Simplified table (as a variant of 峯) but Traditional texts use it.
    assert importing.guess_script("金磚國家峰會於俄羅斯喀山舉行").script == "zh-Hant-TW"
    assert importing.guess_script("金砖国家峰会于俄罗斯喀山举行").script == "zh-Hans"
    mixed = importing.guess_script("這是繁體的句子，这是简体的句子。" * 3)
    assert mixed.mixed


# ---------------------------------------------------------------------------------------------
# Formats


MARKDOWN = """---
title: 中亞的能源政治
author: [王小明, 李大華]
date: 2023-05
---

# 中亞的能源政治

## 一、前言

中亞國家的**能源**出口長期依賴俄羅斯的
管線，*近年*中國的參與改變了這個格局。見
[報告](https://example.org/report) 與 `附錄`。

> 引文：能源即權力。

- 第一點 with **bold** English words
- snake_case_name stays

### 細節

1. 第一步
2. 第二步

![管線地圖](map.png)

---

## 二、結論

結論段落[^1]。

[^1]: 註解文字。
"""


def test_markdown_headings_paragraphs_and_markup(tmp_path: Path) -> None:
    path = _write(tmp_path, "energy.md", MARKDOWN)
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    doc = documents.load_library().get("energy")
    blocks = [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]
    assert blocks == [
        ("title", 0, "中亞的能源政治"),
        ("heading", 1, "一、前言"),
        (
            "paragraph",
            0,
            "中亞國家的能源出口長期依賴俄羅斯的管線，近年中國的參與改變了這個格局。"
            "見報告 (https://example.org/report) 與 附錄。",
        ),
        ("paragraph", 0, "引文：能源即權力。"),
        ("paragraph", 0, "第一點 with bold English words"),
        ("paragraph", 0, "snake_case_name stays"),
        ("heading", 2, "細節"),
        ("paragraph", 0, "1. 第一步"),
        ("paragraph", 0, "2. 第二步"),
        ("caption", 0, "管線地圖"),
        ("heading", 1, "二、結論"),
        ("paragraph", 0, "結論段落[1]。"),
        ("note", 0, "[1] 註解文字。"),
    ]
    assert doc.meta.title == "中亞的能源政治"
    assert doc.meta.authors == ("王小明", "李大華")
    assert doc.meta.date == "2023-05"
    assert doc.meta.script == "zh-Hant-TW"


def test_markdown_is_recognised_in_a_txt_file() -> None:
    text = "# 標題\n\n## 第一節\n\n內文**重點**。\n"
    source = importing.source_from_bytes(text.encode(), "notes.txt")
    assert source.format == "markdown"
    doc = importing.guess(source).document
    assert doc.text == "標題\n第一節\n內文重點。"


def test_the_texts_format_itself(tmp_path: Path) -> None:
    original = documents.load_library().get("hsu-divergence")
    mine = documents.dumps(original).replace("id: hsu-divergence", "id: hsu-copy")
    path = _write(tmp_path, "whatever.meipi.txt", mine)
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert "Meipi text" in r.out and "Imported hsu-copy" in r.out
    copy = documents.load_library().get("hsu-copy")
    assert (copy.text, copy.blocks, copy.pages) == (original.text, original.blocks, original.pages)
    assert copy.meta == replace(original.meta, id="hsu-copy")
    assert not copy.shipped


def test_the_texts_format_with_another_id_and_first_page(tmp_path: Path) -> None:
    original = documents.load_library().get("lian-obor")
    path = _write(tmp_path, "lian.meipi.txt", documents.dumps(original))
    r = meipi("import", str(path))
    assert r.code == 2 and "already a text with the id 'lian-obor'" in r.err and "--id" in r.err
    r = meipi("import", str(path), "--id", "lian-2", "--first-page", "101")
    assert r.code == 0, r.err
    doc = documents.load_library().get("lian-2")
    assert [p.number for p in doc.pages] == list(range(101, 109))
    assert [p.start for p in doc.pages] == [p.start for p in original.pages]
    assert doc.meta.first_page == 101


def test_a_malformed_texts_format_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.meipi.txt", "meipi-text: 1\nid: bad\n")
    r = meipi("import", str(path))
    assert r.code == 2 and "front matter never ends" in r.err
    assert _user_files() == []


# ---------------------------------------------------------------------------------------------
# Astral characters and offsets


def test_emoji_and_extension_b_round_trip_with_code_point_offsets(tmp_path: Path) -> None:
    first = "𠀀字在前😀，然後是𪚥與𠮷野家。"
    second = "第二段👩‍👩‍👧 家庭表情與 CJK 擴展 B 的𠀀。"
    path = _write(tmp_path, "astral.txt", f"星星之火\n\n{first}\n\n{second}\n")
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    data = meipi("text", "astral", "--json").json()
    text = data["text"]
    assert text == f"星星之火\n{first}\n{second}"
    spans = [(b["kind"], text[b["start"] : b["end"]]) for b in data["blocks"]]
    assert spans == [("title", "星星之火"), ("paragraph", first), ("paragraph", second)]
    # Code points, not UTF-16 units: the second paragraph starts after 4 + 1 + len(first) + 1.
    assert data["blocks"][2]["start"] == 4 + 1 + len(first) + 1
    assert len(first.encode("utf-16-le")) // 2 == len(first) + 4  # four astral characters
    assert text[data["blocks"][1]["start"]] == "𠀀"
    # Stored and read again: the same characters at the same offsets.
    doc = documents.load_library().get("astral")
    assert doc.text == text and documents.loads(documents.dumps(doc)).text == text


# ---------------------------------------------------------------------------------------------
# Cleaning: running headers and page numbers by repetition, form feeds, headings


def _three_pages() -> str:
    """Three pages as pdftotext leaves them: a running header and a page number on each page,
    form feeds between pages, and paragraphs running on from one page to the next."""
    pages = [
        (
            "",
            "第一章 緒論",
            "本文討論中俄關係在中亞的發展。兩國的合作與競爭",
            "由來已久，值得細究。",
            "其後的發展更是",
        ),
        (
            "錯綜複雜。",
            "一、研究背景",
            "冷戰結束以後，兩國關係逐步正常化，並建立夥伴",
            "關係。",
            "然而在能源與安全議題上，兩國",
        ),
        (
            "仍有分歧。",
            "1.1 文獻回顧",
            "既有研究多從地緣政治的角度出發，指出兩國之間",
            "存在結構性矛盾。",
            "本文即從此出發。",
        ),
    ]
    out = []
    for number, (run_on, heading, a, b, tail) in enumerate(pages, start=1):
        out.append(
            f"中國大陸研究　第 63 卷第 2 期\n\n{run_on}\n{heading}\n\u3000\u3000{a}\n{b}\n"
            f"\u3000\u3000{tail}\n\n- {number} -\n"
        )
    return "\f".join(out)


def test_running_headers_and_page_numbers_are_removed_by_repetition(tmp_path: Path) -> None:
    path = _write(tmp_path, "three-pages.txt", _three_pages())
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert "removed:    6 lines" in r.out and "pages:      3 (pp. 1–3)" in r.out
    doc = documents.load_library().get("three-pages")
    assert "中國大陸研究" not in doc.text and "- 1 -" not in doc.text
    assert (doc.meta.venue, doc.meta.issue) == ("中國大陸研究", "第63卷第2期")
    blocks = [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]
    assert blocks == [
        ("heading", 1, "第一章 緒論"),
        ("paragraph", 0, "本文討論中俄關係在中亞的發展。兩國的合作與競爭由來已久，值得細究。"),
        ("paragraph", 0, "其後的發展更是錯綜複雜。"),
        ("heading", 2, "一、研究背景"),
        ("paragraph", 0, "冷戰結束以後，兩國關係逐步正常化，並建立夥伴關係。"),
        ("paragraph", 0, "然而在能源與安全議題上，兩國仍有分歧。"),
        ("heading", 3, "1.1 文獻回顧"),
        ("paragraph", 0, "既有研究多從地緣政治的角度出發，指出兩國之間存在結構性矛盾。"),
        ("paragraph", 0, "本文即從此出發。"),
    ]
    assert [(p.number, doc.text[p.start : p.start + 4]) for p in doc.pages] == [
        (1, "第一章 "),
        (2, "錯綜複雜"),
        (3, "仍有分歧"),
    ]
    start = doc.text.index("其後的發展更是錯綜複雜。")
    assert doc.pages_of(start, start + len("其後的發展更是錯綜複雜。")) == (1, 2)
    # No title line in the text: the file name is the title, and the user is told.
    assert doc.meta.title == "three-pages" and "No title was found" in r.err


def test_a_paragraph_continues_across_a_form_feed(tmp_path: Path) -> None:
    raw = (
        "期刊名稱 第 5 期\n\n標題在此\n\n這一段文字從第一頁開始，跨過了\n\n3\n\f"
        "期刊名稱 第 5 期\n\n第二頁才結束。\n\n下一段。\n\n4\n"
    )
    doc = importing.guess(importing.source_from_bytes(raw.encode(), "x.txt")).document
    paragraph = "這一段文字從第一頁開始，跨過了第二頁才結束。"
    assert doc.text == f"標題在此\n{paragraph}\n下一段。"
    start = doc.text.index(paragraph)
    assert doc.pages_of(start, start + len(paragraph)) == (1, 2)
    assert doc.page_of(doc.text.index("第二頁")) == 2


@pytest.mark.parametrize(
    ("lines", "levels"),
    [
        (["壹、前言", "（一）背景", "貳、結論"], [1, 2, 1]),
        (["一、前言", "（一）背景", "（二）方法", "二、結論"], [1, 2, 2, 1]),
        (["第一章 導論", "第一節 問題", "一、定義", "第二章 結論"], [1, 2, 3, 1]),
        (["1. 前言", "1.1 背景", "1.1.1 細節", "2. 結論"], [1, 2, 3, 1]),
        (["1.1前言", "1.2結論"], [1, 1]),
    ],
)
def test_numbered_headings_get_levels_from_the_styles_used(
    lines: list[str], levels: list[int]
) -> None:
    body = "".join(
        f"{line}\n\n這是一段足夠長的內文，用來說明此節的內容，並以句號結束。\n\n" for line in lines
    )
    doc = clean("文章標題\n\n" + body, Hints(layout="plain")).document
    headings = [(doc.block_text(b), b.level) for b in doc.blocks if b.kind == "heading"]
    assert headings == list(zip(lines, levels, strict=True))


@pytest.mark.parametrize(
    "line", ["3.5 億美元的投資計畫", "12.5%的成長", "2024年的峰會", "10 月 22 日於喀山"]
)
def test_numbers_in_sentences_are_not_headings(line: str) -> None:
    doc = clean(f"標題\n\n{line}\n\n內文。\n", Hints(layout="plain")).document
    assert all(b.kind != "heading" for b in doc.blocks)


def test_plain_text_paragraphs_and_wrapped_english() -> None:
    raw = (
        "A Title\n\nThe North Atlantic Treaty\nOrganization grew after 1991.\n"
        "See https://example.org/a/\nb for details.\n\n第二段中文\n接續。\n"
    )
    doc = clean(raw, Hints(layout="plain")).document
    assert doc.text == (
        "A Title\nThe North Atlantic Treaty Organization grew after 1991. See "
        "https://example.org/a/b for details.\n第二段中文接續。"
    )


def test_one_paragraph_per_line() -> None:
    raw = "標題\n第一段說了一件事。\n第二段說了另一件事。\n第三段總結。\n"
    doc = importing.guess(importing.source_from_bytes(raw.encode(), "p.txt")).document
    assert [doc.block_text(b) for b in doc.blocks] == [
        "標題",
        "第一段說了一件事。",
        "第二段說了另一件事。",
        "第三段總結。",
    ]


_WORDS = st.text(
    alphabet=st.sampled_from(list("中俄關係發展與合作競爭能源𠀀𪚥😀abcXYZ，。「」（）")),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=4), min_size=1, max_size=6),
    st.sampled_from(["\n\n", "\n\n\n", "\n  \n"]),
    st.sampled_from(["\n", " \n", "\u3000\n"]),
)
def test_plain_text_keeps_every_character(paragraphs: list[list[str]], gap: str, wrap: str) -> None:
    """Without page debris, importing a plain text loses and adds no character (whitespace
    aside), and every block is a contiguous run of the source."""
    raw = gap.join(wrap.join(lines) for lines in paragraphs) + "\n"
    doc = importing.guess(importing.source_from_bytes(raw.encode("utf-8"), "t.txt")).document

    def squeeze(text: str) -> str:
        return "".join(text.split())

    source = squeeze(unicodedata.normalize("NFC", raw))
    assert squeeze(doc.text) == source
    for block in doc.blocks:
        assert squeeze(doc.block_text(block)) in source


# ---------------------------------------------------------------------------------------------
# Refusals: exit 2, one clear sentence, nothing written


def _refused(path: Path | str, fragment: str) -> None:
    r = meipi("import", str(path))
    assert r.code == 2, (r.code, r.err)
    assert fragment in r.err
    assert "Traceback" not in r.err and r.err.count("\n") == 1
    assert r.out == ""
    assert _user_files() == []


def test_refuses_a_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "nope.txt", "There is no file")


def test_refuses_an_empty_file(tmp_path: Path) -> None:
    _refused(_write(tmp_path, "empty.txt", b""), "is empty")
    _refused(_write(tmp_path, "blank.txt", " \n\n\u3000\n\f\n"), "is empty")
    _refused(_write(tmp_path, "bom.txt", b"\xff\xfe"), "is empty")


def test_refuses_a_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    _refused(_write(tmp_path, "picture.txt", png), "binary")
    _refused(_write(tmp_path, "paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "damaged")
    _refused(_write(tmp_path, "paper.docx", b"PK\x03\x04\x14\x00\x06\x00"), "plain text")
    _refused(_write(tmp_path, "controls.txt", "正文\x01\x02\x03\x04\x05\x06\x07\x08"), "binary")


def test_a_file_named_pdf_that_is_no_pdf_is_refused_naming_every_format(tmp_path: Path) -> None:
    """Named .pdf, not a PDF: refused as such (never read as UTF-16 text, as a file of a few
    NUL-separated bytes once was), and the message names every format Meipi imports."""
    every = "PDFs, Markdown, the texts/ format and plain text files"
    noise = bytes((i * 151 + 7) % 256 for i in range(600))
    _refused(_write(tmp_path, "garbage.pdf", noise), "garbage.pdf is not a PDF file")
    _refused(_write(tmp_path, "GARBAGE2.PDF", b"hello\x00\x01world"), every)
    _refused(_write(tmp_path, "garbage.bin", noise + b"\x00\x00\x01"), every)


def test_refuses_an_undecodable_file(tmp_path: Path) -> None:
    _refused(_write(tmp_path, "latin.txt", "Un café à l'été.".encode("latin-1")), "encoding")
    _refused(_write(tmp_path, "half.txt", b"\xff\xfe\x00\xd8"), "not valid UTF-16")


def test_refuses_a_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(importing.MAX_BYTES + 1)  # sparse: costs nothing
    _refused(path, "up to 20 MB")


def test_refuses_a_file_with_no_text_after_cleaning(tmp_path: Path) -> None:
    _refused(_write(tmp_path, "numbers.txt", "12\n"), "no text left")
    _refused(_write(tmp_path, "rule.md", "---\n\n***\n"), "no text left")


def test_refuses_a_folder(tmp_path: Path) -> None:
    _refused(tmp_path, "is a folder")


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--id", "Bad Id", "cannot be used"),
        ("--id", "../escape", "cannot be used"),
        ("--date", "Nov 2024", "YYYY-MM"),
        ("--first-page", "0", "first page"),
        ("--title", "   ", "title cannot be empty"),
        ("--author", "甲; 乙", "each author separately"),
    ],
)
def test_refuses_bad_metadata(tmp_path: Path, option: str, value: str, fragment: str) -> None:
    path = _write(tmp_path, "good.txt", ARTICLE)
    r = meipi("import", str(path), option, value)
    assert r.code == 2 and fragment in r.err, r.err
    assert _user_files() == []


# ---------------------------------------------------------------------------------------------
# Ids


def test_an_id_clash_is_a_clear_error(tmp_path: Path) -> None:
    r = meipi("import", str(_write(tmp_path, "Hsu Divergence.txt", ARTICLE)))
    assert r.code == 2
    assert "already a text with the id 'hsu-divergence'" in r.err and "--id" in r.err
    assert _user_files() == []
    assert meipi("import", str(_write(tmp_path, "mine.txt", ARTICLE))).code == 0
    again = meipi("import", str(tmp_path / "mine.txt"))
    assert again.code == 2 and "'mine'" in again.err
    assert _user_files() == ["mine.meipi.txt"]
    r = meipi("import", str(tmp_path / "mine.txt"), "--id", "mine-2")
    assert r.code == 0 and "Imported mine-2" in r.out


def test_ids_from_file_names() -> None:
    assert importing.slug("Lian 2016 – OBOR (final).txt") == "lian-2016-obor-final"
    assert importing.slug("Café_notes.md") == "cafe-notes"
    assert importing.slug("中俄關係.txt") == ""


def test_a_cjk_only_file_name_gets_a_hashed_id(tmp_path: Path) -> None:
    r = meipi("import", str(_write(tmp_path, "中俄關係.txt", ARTICLE)))
    assert r.code == 0, r.err
    doc_id = r.out.split()[1]
    assert doc_id.startswith("text-") and len(doc_id) == len("text-") + 8
    assert f"the id is {doc_id}" in r.err and "--id" in r.err
    assert meipi("text", doc_id).code == 0


# ---------------------------------------------------------------------------------------------
# Saving safely


def test_list_and_text_show_an_imported_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "new-article.txt", ARTICLE.encode("cp950"))
    r = meipi(
        "import",
        str(path),
        "--author",
        "許菁芸",
        "--author",
        "某甲",
        "--venue",
        "自印",
        "--date",
        "2025-01-02",
        "--first-page",
        "7",
    )
    assert r.code == 0, r.err
    assert "Imported new-article from new-article.txt (Big5, plain text)." in r.out
    assert "meipi text new-article" in r.out
    listed = {d["id"]: d for d in meipi("list", "--json").json()["documents"]}
    mine = listed["new-article"]
    assert mine["title"] == "中俄關係的新階段" and mine["authors"] == ["許菁芸", "某甲"]
    assert (mine["venue"], mine["date"], mine["pages"]) == ("自印", "2025-01-02", 1)
    data = meipi("text", "new-article", "--json").json()
    assert data["text"] == f"中俄關係的新階段\n許菁芸\n{TRADITIONAL}"
    assert data["pages"] == [{"number": 7, "label": "7", "start": 0}]
    assert [b["kind"] for b in data["blocks"]] == ["title", "author", "paragraph"]


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    r = meipi("import", str(_write(tmp_path, "a.txt", ARTICLE)))
    assert r.code == 1 and "disk" in r.err and "full" in r.err
    assert _user_files() == []  # no temporary file, no half-written text


def test_an_unwritable_data_folder_is_an_environment_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("MEIPI_DATA_DIR", str(blocker))
    r = meipi("import", str(_write(tmp_path, "a.txt", ARTICLE)))
    assert r.code == 1 and "Cannot write to" in r.err and "Traceback" not in r.err
    assert blocker.read_text() == "a file where the data folder should be"


def test_write_atomic_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "t.meipi.txt"
    importing.write_atomic(target, "first")
    importing.write_atomic(target, "second")
    assert target.read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.meipi.txt"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644


# ---------------------------------------------------------------------------------------------
# The API for the window: guess -> preview -> save; edit; remove


def test_guess_preview_save(tmp_path: Path) -> None:
    source = importing.read_source(_write(tmp_path, "draft.txt", ARTICLE.encode("utf-16")))
    preview = importing.guess(source)
    assert preview.id == "draft" and preview.guessed.title == "中俄關係的新階段"
    assert preview.guessed.authors == ("許菁芸",)
    assert _user_files() == []  # a preview writes nothing
    corrected = importing.guess(
        source, Overrides(id="draft-2", title="另一個名字", authors=("甲", "乙"), script="zh-Hans")
    )
    meta = corrected.document.meta
    assert (meta.id, meta.title, meta.authors, meta.script) == (
        "draft-2",
        "另一個名字",
        ("甲", "乙"),
        "zh-Hans",
    )
    # The typed title is not a line of the text: the structure stays as guessed.
    assert corrected.document.text == preview.document.text
    saved = importing.save(corrected)
    assert saved.path == paths.user_texts_dir() / "draft-2.meipi.txt"
    assert documents.load_library().get("draft-2").meta == meta
    # A taken id shows in the preview, and save refuses it.
    again = importing.guess(source, Overrides(id="draft-2"))
    assert any("already taken" in w for w in again.warnings)
    with pytest.raises(InputError, match="already a text"):
        importing.save(again)
    # save() with overrides recomputes the preview.
    assert importing.save(preview, Overrides(id="draft-3")).id == "draft-3"


def test_update_metadata_and_remove(tmp_path: Path) -> None:
    path = _write(tmp_path, "edit-me.txt", ARTICLE)
    importing.import_file(path)
    updated = importing.update_metadata(
        "edit-me", MetadataChanges(title="新題目", venue="期刊", first_page=5, date="2020")
    )
    again = documents.load_library().get("edit-me")
    assert again.meta == updated.meta
    assert (again.meta.title, again.meta.venue, again.meta.date) == ("新題目", "期刊", "2020")
    assert [p.number for p in again.pages] == [5]
    assert again.text.startswith("中俄關係的新階段")  # the text itself is untouched
    cleared = importing.update_metadata("edit-me", MetadataChanges(venue=""))
    assert cleared.meta.venue is None
    with pytest.raises(InputError, match="ships with Meipi"):
        importing.update_metadata("lian-obor", MetadataChanges(title="x"))
    with pytest.raises(InputError, match="ships with Meipi"):
        importing.remove("hsu-divergence")
    removed = importing.remove("edit-me")
    assert not removed.exists()
    assert "edit-me" not in documents.load_library().ids()
    with pytest.raises(InputError, match="Unknown document"):
        importing.remove("edit-me")


def test_environment_failure_is_raised_by_the_core(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(EnvironmentFailure):
        importing.write_atomic(blocker / "sub" / "t.meipi.txt", "content")


def test_free_id_offers_a_new_id_on_a_clash() -> None:
    taken = {"mine", "mine-2", "lian-obor"}
    assert importing.free_id("new", taken) == "new"
    assert importing.free_id("mine", taken) == "mine-3"
    long_id = "a" * 64
    assert importing.free_id(long_id, {long_id}) == "a" * 62 + "-2"
    assert importing.check_id(importing.free_id(long_id, {long_id}))


def test_charset_normalizer_breaks_close_calls() -> None:
    # When the character statistics are close, charset-normalizer (restricted to Big5 and
    # GB18030) decides; on a clear text it agrees with them.
    traditional = _paragraphs(300)[1]
    simplified = TO_SIMPLIFIED.convert(traditional)
    both = ["cp950", "gb18030"]
    assert _charset_normalizer_choice(traditional.encode("cp950"), both) == "cp950"
    assert _charset_normalizer_choice(simplified.encode("gb18030"), both) == "gb18030"
    mixed = "Новое мышление, new thinking: 新思维。".encode("gb18030")
    assert importing.decode(mixed) == ("Новое мышление, new thinking: 新思维。", "GB18030")


def test_wrapped_plain_text_without_blank_lines() -> None:
    """pdftotext without -layout: lines cut at the page width, no blank lines; a paragraph
    ends at a short line ending a sentence, and short lines on their own are front matter."""
    raw = (
        "中俄關係的新階段\n許菁芸\n"
        "本文討論中俄兩國在中亞地區的合作與競爭關係，並且從能源、\n"
        "安全與貿易三個面向分析雙方的利益分歧。\n"
        "第二段開始於此，說明研究方法與資料來源，包括官方文件與新聞\n"
        "報導，以及相關的學術研究成果，作為本文分析的基礎，並且說明\n"
        "研究的限制。\n"
        "壹、前言\n"
        "冷戰結束以後，兩國關係逐步正常化，並且建立起所謂的戰略協作\n"
        "夥伴關係，但在中亞地區的主導權問題上仍然存在著明顯的競爭。\n"
    )
    doc = importing.guess(importing.source_from_bytes(raw.encode(), "w.txt")).document
    assert [(b.kind, doc.block_text(b)[:8]) for b in doc.blocks] == [
        ("title", "中俄關係的新階段"),
        ("author", "許菁芸"),
        ("paragraph", "本文討論中俄兩國"),
        ("paragraph", "第二段開始於此，"),
        ("heading", "壹、前言"),
        ("paragraph", "冷戰結束以後，兩"),
    ]
    assert doc.meta.authors == ("許菁芸",)


def test_unnumbered_headings_in_plain_text() -> None:
    raw = (
        "中俄兩國之戰略利益分歧\n\n許菁芸\n\n"
        "俄烏戰爭後，兩國在全球多邊事務與地緣政治上皆存在根本分歧。\n\n"
        "中亞與北極：中國挑戰俄羅斯的主導權\n\n"
        "中亞是俄羅斯的傳統勢力範圍。\n"
    )
    doc = importing.guess(importing.source_from_bytes(raw.encode(), "h.txt")).document
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("title", 0),
        ("author", 0),
        ("paragraph", 0),
        ("heading", 1),
        ("paragraph", 0),
    ]


def test_a_texts_format_file_saved_on_windows(tmp_path: Path) -> None:
    content = (
        "meipi-text: 1\nid: win-note\ntitle: 筆記\nscript: zh-Hant-TW\n---\n"
        "title: 筆記\nparagraph: 第一段。\npage 2\n+ 接續。\n"
    )
    path = _write(
        tmp_path, "note.meipi.txt", "\ufeff".encode() + content.replace("\n", "\r\n").encode()
    )
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    doc = documents.load_library().get("win-note")
    assert doc.text == "筆記\n第一段。接續。"
    assert [(p.number, p.start) for p in doc.pages] == [(1, 0), (2, 7)]


def test_markdown_in_gb18030_with_setext_headings(tmp_path: Path) -> None:
    text = "中俄关系\n========\n\n第一部分\n--------\n\n这是**简体**的段落，\n接续一行。\n"
    path = _write(tmp_path, "simplified.md", text.encode("gb18030"))
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert "(GB18030, Markdown)" in r.out and "zh-Hans (guessed" in r.out
    doc = documents.load_library().get("simplified")
    assert [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks] == [
        ("title", 0, "中俄关系"),
        ("heading", 1, "第一部分"),
        ("paragraph", 0, "这是简体的段落，接续一行。"),
    ]


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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_refuses_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    _refused(pipe, "not a regular file")


def test_damaged_utf8_is_named(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8")
    _refused(_write(tmp_path, "cut.txt", data[:-2]), "UTF-8 with damaged bytes")


def test_an_undecided_script_is_said() -> None:
    source = importing.source_from_bytes(b"A Title\n\nOnly English words here.\n", "en.txt")
    preview = importing.guess(source)
    assert preview.document.meta.script == "zh-Hant-TW"
    assert any("No character tells" in w for w in preview.warnings)
    assert not importing.guess(source, Overrides(script="zh-Hans")).warnings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.lists(
            st.sampled_from(
                [
                    "#",
                    "# 標題",
                    "---",
                    "|a|b|",
                    "- 項",
                    "1. 一",
                    "\f",
                    "12",
                    "",
                    " ",
                    "壹、前言",
                    "（一）",
                    "> 引",
                    "```",
                    "![圖](x)",
                    "[^1]: 註",
                    "**粗**",
                    "meipi-text: 1",
                    "id: x",
                    "title: y",
                    "paragraph: z",
                    "heading ²: w",
                    "page ²",
                    "page 2",
                ]
            ),
            max_size=20,
        ).map(lambda lines: "\n".join(lines).encode("utf-8")),
    ),
    st.sampled_from(["f.txt", "f.md", "f.meipi.txt"]),
)
def test_any_input_is_imported_or_refused_clearly(data: bytes, name: str) -> None:
    """Whatever the bytes, the importer gives a preview or an InputError, never a crash."""
    try:
        preview = importing.guess(importing.source_from_bytes(data, name))
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    doc = preview.document
    assert doc.text.strip()
    assert documents.loads(documents.dumps(doc), shipped=False).text == doc.text


SEEDS = paths.seeds_dir()


@pytest.mark.skipif(SEEDS is None, reason="../shared/seeds is not beside the checkout")
@pytest.mark.parametrize(
    ("seed", "doc_id", "title"),
    [
        ("000_0128a1f7cfc4891a.txt", "lian-obor", "一帶一路框架下中俄之潛在競合關係"),
        ("004_872ebe7bffeb99b9.txt", "hsu-divergence", "中俄兩國之戰略利益分歧"),
    ],
)
def test_the_seeds_imported_by_a_user_read_as_the_shipped_texts(
    seed: str, doc_id: str, title: str
) -> None:
    """A user importing the seeds, naming only the title, gets the shipped text: the same
    characters, pages and (but for the colophon, which only the recipe knows) structure."""
    assert SEEDS is not None
    path = SEEDS / seed
    shipped = documents.load_library().get(doc_id)
    r = meipi("import", str(path), "--id", "mine", "--title", title)
    assert r.code == 0, r.err
    doc = documents.load_library().get("mine")
    assert (doc.text, doc.pages) == (shipped.text, shipped.pages)
    kinds = [(b.kind, b.level) for b in doc.blocks if b.kind != "backmatter"]
    expected = [(b.kind, b.level) for b in shipped.blocks if b.kind != "backmatter"]
    assert kinds[: len(expected)] == expected
    assert (doc.meta.venue, doc.meta.issue, doc.meta.date, doc.meta.authors) == (
        shipped.meta.venue,
        shipped.meta.issue,
        shipped.meta.date,
        shipped.meta.authors,
    )
    assert doc.meta.script == "zh-Hant-TW"


def test_alternating_running_headers() -> None:
    """Even pages carry the journal, odd pages the article's title, the first page neither."""
    body = [
        "中俄在中亞的能源合作由來已久，雙方在管線建設上",
        "投資甚鉅，而中亞國家則在兩強之間尋求平衡的空間",
        "以確保自身的能源出口與經濟發展不受單一國家左右",
        "此種平衡策略在近年面臨新的挑戰，尤其是在俄烏戰",
        "爭之後，俄羅斯的經濟實力受到制裁而明顯地衰退，",
        "中國則藉由一帶一路倡議擴大在中亞的影響力，終於",
    ]
    pages = []
    for number, line in enumerate(body, start=1):
        header = "" if number == 1 else ("中國大陸研究" if number % 2 == 0 else "中俄能源關係")
        pages.append(f"{header}\n\n{line}\n\n{number}\n")
    raw = "中俄能源關係\n\n" + "\f".join(pages).removeprefix("\n\n")
    preview = importing.guess(importing.source_from_bytes(raw.encode(), "alt.txt"))
    doc = preview.document
    assert doc.text == "中俄能源關係\n" + "".join(body)
    assert len(doc.pages) == 6
    assert sorted(preview.dropped) == sorted(
        [str(n) for n in range(1, 7)] + ["中國大陸研究"] * 3 + ["中俄能源關係"] * 2
    )


def test_a_json_file_is_not_imported_as_an_article(tmp_path: Path) -> None:
    source = tmp_path / "export.json"
    source.write_text('{"@context": "http://www.w3.org/ns/anno.jsonld", "items": []}\n', "utf-8")
    r = meipi("import", str(source))
    assert r.code == 2 and "import-annotations" in r.err
    assert not paths.user_texts_dir().exists() or not any(paths.user_texts_dir().iterdir())


# ---------------------------------------------------------------------------------------------
# Hostile input (issue 14) and re-importing


def test_a_text_of_200000_brackets_imports_without_recursion(tmp_path: Path) -> None:
    """json's parser recursed (RecursionError) and the Markdown sniffing went quadratic."""
    for name in ("brackets.txt", "brackets.md"):
        r = meipi("import", str(_write(tmp_path, name, "[" * 200_000)), "--id", name[-2:])
        assert r.code == 0, r.err
        assert "Traceback" not in r.err
    assert meipi("text", "md").out.strip() == "[" * 200_000


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002])
def test_imported_texts_follow_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert meipi("import", str(_write(tmp_path, "a.txt", ARTICLE))).code == 0
    finally:
        os.umask(old)
    mode = (paths.user_texts_dir() / "a.meipi.txt").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask


def test_the_database_its_companions_and_backups_are_refused_unopened(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    assert meipi("config", "creator", "Reader", "--db", str(db)).code == 0
    assert meipi("backup", "--db", str(db)).code == 0
    backups = sorted(paths.backups_dir(db).iterdir())
    wal = db.with_name(db.name + "-wal")
    if not wal.exists():
        wal.write_bytes(b"")  # no connection is open: a stand-in for the live one
    link = tmp_path / "innocent.txt"
    link.symlink_to(db)
    opened: list[str] = []
    watched = {str(db), str(wal)}

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args and str(args[0]) in watched:
            opened.append(str(args[0]))

    sys.addaudithook(audit)
    for target in (db, wal, link, backups[0]):
        r = meipi("import", str(target), "--db", str(db))
        assert r.code == 2, target
        assert "database" in r.err and "Traceback" not in r.err
    assert opened == []
    assert _user_files() == []


def test_reimporting_a_corrected_text_keeps_and_reanchors_its_annotations(tmp_path: Path) -> None:
    first = ARTICLE.replace("許菁芸", "許菁芸\n\n草稿")
    assert meipi("import", str(_write(tmp_path, "draft.txt", first))).code == 0
    quote = TRADITIONAL[40:60]
    assert meipi("annotate", "draft", "--quote", quote, "--occurrence", "1").code == 0
    before = meipi("annotations", "draft", "--json").json()["annotations"][0]
    r = meipi("import", str(_write(tmp_path, "draft.txt", ARTICLE)))
    assert r.code == 2 and "already" in r.err  # not without --replace
    r = meipi("import", str(_write(tmp_path, "draft.txt", ARTICLE)), "--replace")
    assert r.code == 0, r.err
    after = meipi("annotations", "draft", "--json").json()["annotations"][0]
    assert after["id"] == before["id"] and after["quote"] == quote
    assert after["start"] == before["start"] - len("\n草稿") and not after["orphaned"]
    assert (
        meipi(
            "import", str(_write(tmp_path, "x.txt", ARTICLE)), "--id", "lian-obor", "--replace"
        ).code
        == 2
    )

"""Plain text (``reader.importing.plain``, cleaned by ``reader.ingest``): running headers and page
numbers dropped by repetition, form feeds, headings by numbering, wrapped lines joined, every
character kept."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader import documents, importing
from reader.ingest import Hints, clean
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    write_file,
)


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
    path = write_file(tmp_path, "three-pages.txt", _three_pages())
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


_TESTER_BODY = (
    "壹、前言\n這是一段繁體中文，包含「引號」與《書名號》，以及喬治亞、哈薩克、區域性等詞。\n"
    "第二行仍屬同一段落。\n\n貳、結論\n最後一段：恆、裡、著{}。\n"
)


@pytest.mark.parametrize("tail", ["", "、𡘙、㊣"])
def test_a_title_and_an_author_line_at_the_top_stay_apart(tail: str) -> None:
    """A tester's file: the title and author lines were glued into one title
    (「臺灣的測試文章作者乙」) unless the last line held a few more characters, which tipped a
    whole-file statistic (the share of the text in sentence-ending lines)."""
    raw = "臺灣的測試文章\n作者乙\n\n" + _TESTER_BODY.format(tail)
    doc = importing.guess(importing.source_from_bytes(raw.encode(), "a.txt")).document
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks[:2]] == [
        ("title", "臺灣的測試文章"),
        ("author", "作者乙"),
    ]
    assert doc.meta.title == "臺灣的測試文章" and doc.meta.authors == ("作者乙",)


def test_wrapped_prose_at_the_top_stays_one_paragraph() -> None:
    """Short lines at the top are front matter only when none ends a sentence; consecutive
    Latin lines there are one English title, wrapped."""
    paragraphs = [
        ("本文討論中俄兩國在中亞地區的合作", "與競爭關係，並從能源、安全與貿易", "三個面向分析。"),
        ("冷戰結束以後，兩國關係逐步正常化", "並且建立起所謂的戰略協作夥伴關係", "但仍有分歧。"),
        ("中亞國家長期依賴俄羅斯的管線輸出", "天然氣，近年則轉向中國的市場與資", "金。"),
    ]
    raw = "\n\n".join("\n".join(lines) for lines in paragraphs) + "\n"
    doc = clean(raw, Hints(layout="plain")).document
    assert doc.text == "\n".join("".join(lines) for lines in paragraphs)
    raw = "中俄關係\nCompetition between China and\nRussia in Central Asia\n王大明\n\n內文。\n"
    doc = clean(raw, Hints(layout="plain")).document
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks] == [
        ("title", "中俄關係"),
        ("subtitle", "Competition between China and Russia in Central Asia"),
        ("author", "王大明"),
        ("paragraph", "內文。"),
    ]


_TITLE = st.text(
    alphabet=st.sampled_from(list("臺灣中俄關係能源合作競爭的新局面測試文章區域")),
    min_size=2,
    max_size=20,
)
_AUTHOR = st.text(
    alphabet=st.sampled_from(list("王李張陳林黃大明小華菁芸乙")), min_size=2, max_size=4
)
_BODY_LINE = st.text(
    alphabet=st.sampled_from(
        list("中俄關係發展與合作競爭能源區域性喬治亞哈薩克abcXYZ 0123，。、「」！？：")
    ),
    min_size=1,
    max_size=45,
).filter(lambda s: s.strip())
_HEADING = st.sampled_from(
    ["壹、前言", "貳、結論", "一、背景", "（一）方法", "1. 緒論", "第一章 導論"]
)
_PARAGRAPH = st.one_of(st.lists(_BODY_LINE, min_size=1, max_size=6), _HEADING.map(lambda h: [h]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _TITLE,
    _AUTHOR,
    st.lists(_PARAGRAPH, min_size=1, max_size=14),
    st.sampled_from(["\n\n", "\n\n\n"]),
    st.sampled_from(["\n", "\n\n"]),
    st.sampled_from(["", "\u3000\u3000"]),
)
def test_the_top_title_and_author_lines_stay_apart_whatever_the_body(
    title: str, author: str, paragraphs: list[list[str]], gap: str, wrap: str, indent: str
) -> None:
    """A title line and an author line at the top, then a blank line: title and author, whatever
    follows (wrapped or one-line paragraphs, headings, indentation, a double-spaced body)."""
    body = gap.join(
        wrap.join(indent + line if i == 0 else line for i, line in enumerate(p)) for p in paragraphs
    )
    raw = f"{title}\n{author}\n\n{body}\n"
    doc = importing.guess(importing.source_from_bytes(raw.encode(), "t.txt")).document
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks[:2]] == [
        ("title", title),
        ("author", author),
    ]
    assert doc.meta.authors[:1] == (author,)


def _blocks(raw: str, name: str = "t.txt") -> list[tuple[str, str]]:
    doc = importing.guess(importing.source_from_bytes(raw.encode(), name)).document
    return [(b.kind, doc.block_text(b)) for b in doc.blocks]


# The reviewer's files (finding 3): a hard-wrapped opening paragraph was cut into a title, a
# heading and a paragraph per line when its lines did not end a sentence.
_W1 = (
    "近年來中俄兩國在北極地區的合作日益\n密切，從亞馬爾液化天然氣項目到北方\n"
    "海航道的開發，雙方皆投入大量資源，\n本文的問題如下：\n\n一、合作的動機為何？\n二、限制為何？\n"
)
_W2 = "他說，這些年來的事情\n說也說不完，只能慢慢\n寫下來……\n\n第二段在這裡。\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            _W1,
            [
                (
                    "paragraph",
                    "近年來中俄兩國在北極地區的合作日益密切，從亞馬爾液化天然氣項目到北方"
                    "海航道的開發，雙方皆投入大量資源，本文的問題如下：",
                ),
                ("heading", "一、合作的動機為何？"),
                ("heading", "二、限制為何？"),
            ],
            id="w1-colon",
        ),
        *(
            pytest.param(
                _W2.replace("……", end),
                [
                    ("paragraph", f"他說，這些年來的事情說也說不完，只能慢慢寫下來{end}"),
                    ("paragraph", "第二段在這裡。"),
                ],
                id=f"w2-{name}",
            )
            for end, name in [
                ("……", "ellipsis"),
                ("；", "semicolon"),
                ("（見附錄）", "parenthesis"),
                ("", "no-punctuation"),
            ]
        ),
        # Ending a sentence, in a file whose other lines end sentences too (each line was a
        # paragraph): hard wrapped, one paragraph.
        pytest.param(
            "近年來中俄兩國在北極地區的合作日益\n密切，從亞馬爾液化天然氣項目到北方\n"
            "海航道的開發，雙方皆投入大量資源。\n\n這是一句。\n\n那是一句。\n\n再一句。\n",
            [
                (
                    "paragraph",
                    "近年來中俄兩國在北極地區的合作日益密切，從亞馬爾液化天然氣項目到北方"
                    "海航道的開發，雙方皆投入大量資源。",
                ),
                ("paragraph", "這是一句。"),
                ("paragraph", "那是一句。"),
                ("paragraph", "再一句。"),
            ],
            id="hard-wrapped-ending-a-sentence-among-one-line-paragraphs",
        ),
        pytest.param(
            "天色漸暗，\n風也停了；\n我們回家\n\n第二段。\n",
            [("paragraph", "天色漸暗，風也停了；我們回家"), ("paragraph", "第二段。")],
            id="short-lines-ending-in-a-comma",
        ),
    ],
)
def test_wrapped_prose_at_the_top_is_one_paragraph(
    raw: str, expected: list[tuple[str, str]]
) -> None:
    """Whatever its last line ends in: its other lines end in a mark no title ends in, or are
    of one width with commas in them (hard wrapped)."""
    assert _blocks(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "2024年3月5日\n臺灣的測試文章\n作者乙\n\n這是正文。\n",
            ["2024年3月5日", "臺灣的測試文章", "作者乙", "這是正文。"],
            id="d1-date-title-byline",
        ),
        pytest.param(
            "臺灣的測試文章\n這是第一段的正文，沒有空行分隔。\n第二行仍屬同一段落，內容繼續。\n\n下一段。\n",
            [
                "臺灣的測試文章",
                "這是第一段的正文，沒有空行分隔。",
                "第二行仍屬同一段落，內容繼續。",
                "下一段。",
            ],
            id="n1-title-without-a-blank-line",
        ),
        pytest.param(
            "中俄關係：\n能源合作的新局面\n王大明\n\n內文。\n",
            ["中俄關係：能源合作的新局面", "王大明", "內文。"],
            id="title-colon-subtitle-author",
        ),
        pytest.param(
            "中國與中亞國家的能源合作\n兼論上海合作組織的角色\n王大明\n\n內文。\n",
            ["中國與中亞國家的能源合作", "兼論上海合作組織的角色", "王大明", "內文。"],
            id="title-subtitle-of-one-width-author",
        ),
    ],
)
def test_short_opening_lines_stay_apart(raw: str, expected: list[str]) -> None:
    """Front matter: a block each (what kind each is, is decided later), though a title's colon
    runs on to its subtitle."""
    assert [text for _, text in _blocks(raw)] == expected
    assert _blocks(raw)[0][0] == "title"


_CLAUSE = st.text(
    alphabet=st.sampled_from(
        list("近年來中俄兩國在北極地區的合作日益密切雙方皆投入大量資源他說這些事情")
    ),
    min_size=2,
    max_size=8,
)


@st.composite
def _wrapped_top(draw: st.DrawFn) -> list[str]:
    """A paragraph of clauses joined by commas, ending in ：, ……, ；, ）, or nothing, wrapped
    either hard at one width (at least three lines) or after some of its commas and 、 …"""
    clauses = draw(st.lists(_CLAUSE, min_size=2, max_size=10))
    end = draw(st.sampled_from(["：", "……", "；", "（見附錄）", ""]))
    if draw(st.booleans()):
        text = "，".join(clauses) + end.replace("……", "…")
        width = draw(st.integers(min_value=9, max_value=24))
        lines = [text[i : i + width] for i in range(0, len(text), width)]
        assume(len(lines) >= 3)
        # As wrapping does, …… is never cut.
        return [line.replace("…", "……") for line in lines]
    marks = draw(
        st.lists(
            st.sampled_from(["，", "、", "；", "……"]),
            min_size=len(clauses) - 1,
            max_size=len(clauses) - 1,
        )
    )
    breaks = draw(st.lists(st.booleans(), min_size=len(clauses) - 1, max_size=len(clauses) - 1))
    assume(any(breaks))
    lines, line = [], ""
    for clause, mark, cut in zip(clauses, marks, breaks, strict=False):
        line += clause + mark
        if cut:
            lines.append(line)
            line = ""
    lines.append(line + clauses[-1] + end)
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _wrapped_top(),
    st.lists(_PARAGRAPH, min_size=1, max_size=14),
    st.sampled_from(["\n\n", "\n\n\n"]),
    st.sampled_from(["\n", "\n\n"]),
    st.sampled_from(["", "\u3000\u3000"]),
)
def test_wrapped_prose_at_the_top_stays_one_paragraph_whatever_the_body(
    top: list[str], paragraphs: list[list[str]], gap: str, wrap: str, indent: str
) -> None:
    """Wrapped prose at the top, then a blank line: one paragraph whatever its last line ends in
    (：, ……, ；, ）, nothing) and whatever follows, where a title and an author line stay apart
    (the test above)."""
    body = gap.join(
        wrap.join(indent + line if i == 0 else line for i, line in enumerate(p)) for p in paragraphs
    )
    raw = "\n".join(top) + f"\n\n{body}\n"
    assert _blocks(raw)[0] == ("paragraph", "".join(top))

"""The shipped texts: regenerated from the seeds by the importer, faithful, structured, paged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from reader import documents, paths
from reader.ingest import Hints, clean, split_pages
from reader.texts_build import RECIPES

SEEDS = paths.seeds_dir()
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="../shared/seeds is not beside the checkout")

# What the importer may drop, whitespace removed, in source order: running header, masthead,
# page number, second masthead. Nothing else.
ARTIFACTS = {
    "lian-obor": ["戰略瞭望"],
    "hsu-divergence": ["遠景論壇No.912024年11月1遠景論壇"],
}


def _squeeze(text: str) -> str:
    return "".join(text.split())


@needs_seeds
@pytest.mark.parametrize("doc_id", list(RECIPES))
def test_every_character_of_the_seed_is_kept_once(doc_id: str) -> None:
    assert SEEDS is not None
    seed = _squeeze(unicodedata.normalize("NFC", (SEEDS / RECIPES[doc_id][0]).read_text("utf-8")))
    doc = documents.load_library().get(doc_id)
    covered = [0] * len(seed)
    blocks = sorted((_squeeze(doc.block_text(b)) for b in doc.blocks), key=len, reverse=True)
    for block in blocks:
        assert block, "empty block"
        start = seed.find(block)
        while start != -1 and any(covered[start : start + len(block)]):
            start = seed.find(block, start + 1)
        assert start != -1, f"block not a contiguous run of the seed: {block[:30]}"
        for i in range(start, start + len(block)):
            covered[i] += 1
    assert max(covered) == 1
    uncovered: list[str] = []
    run = ""
    for ch, n in zip(seed, covered, strict=True):
        if n == 0:
            run += ch
        elif run:
            uncovered.append(run)
            run = ""
    if run:
        uncovered.append(run)
    assert uncovered == ARTIFACTS[doc_id]


def test_compatibility_ideographs_are_normalized() -> None:
    lib = documents.load_library()
    for doc in lib:
        assert not any(0xF900 <= ord(c) <= 0xFAFF for c in doc.text)
    assert "連弘宜" in lib.get("lian-obor").text


def _structure(doc: documents.Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]


def test_lian_obor_structure() -> None:
    doc = documents.load_library().get("lian-obor")
    s = _structure(doc)
    assert s[:3] == [
        ("title", 0, "一帶一路框架下中俄之潛在競合關係"),
        (
            "subtitle",
            0,
            "Competition and Cooperation between China and Russia with the "
            "framework of “One Belt One Road” Initiative",
        ),
        ("author", 0, "連弘宜"),
    ]
    assert [(k, lvl, t) for k, lvl, t in s if k == "heading"] == [
        ("heading", 1, "壹、前言"),
        ("heading", 1, "貳、平等互利的中俄關係發展與中國崛起"),
        ("heading", 2, "（一）軍事上的多邊合作至雙邊準同盟"),
        ("heading", 2, "（二）經濟上的競爭關係：中亞區域的經濟主導權之爭"),
        ("heading", 1, "參、中俄經濟扈從關係的形成"),
        ("heading", 2, "（一）俄羅斯東向政策的形成"),
        ("heading", 2, "（二）國內經濟情勢的持續惡化"),
        ("heading", 1, "肆、結論"),
    ]
    assert sum(1 for k, _, _ in s if k == "paragraph") == 18
    assert {k for k, _, _ in s} == {"title", "subtitle", "author", "heading", "paragraph"}
    assert doc.meta.venue == "戰略瞭望" and doc.meta.date is None
    assert len(doc.pages) == 8
    text = doc.text
    assert "North Atlantic Treaty Organization, NATO）" in text
    assert "Organization of the Petroleum Exporting Countries" in text
    assert "\u00a0" not in text and "  " not in text


def test_hsu_divergence_structure() -> None:
    doc = documents.load_library().get("hsu-divergence")
    s = _structure(doc)
    assert s[:4] == [
        ("title", 0, "中俄兩國之戰略利益分歧"),
        ("author", 0, "許菁芸"),
        ("affiliation", 0, "政治大學俄羅斯研究所副教授兼所長"),
        (
            "caption",
            0,
            "2024金磚國家峰會於 10月 22日於俄羅斯喀山舉行，最受矚目的是俄羅斯總統普丁"
            "與中國國家主席習近平的會面。（圖片來源：https://www.beijing.gov.cn/gate/big5/"
            "www.beijing.gov.cn/ywdt/dzyjs/202410/t20241023_3925740.html）",
        ),
    ]
    assert [(k, lvl, t) for k, lvl, t in s if k == "heading"] == [
        ("heading", 1, "中亞與北極：中國挑戰俄羅斯的主導權"),
        ("heading", 1, "南海：俄羅斯角色更加邊緣化"),
    ]
    assert sum(1 for k, _, _ in s if k == "paragraph") == 5
    assert [t for k, _, t in s if k == "note"] == [
        "編按：本文僅代表作者個人觀點，不代表遠景基金會之政策與立場。"
    ]
    back = [t for k, _, t in s if k == "backmatter"]
    assert back[0] == "財團法人兩岸交流遠景基金會" and back[-1] == "http://www.pf.org.tw/"
    assert s[-len(back) :] == [("backmatter", 0, t) for t in back]
    m = doc.meta
    assert (m.venue, m.issue, m.date, m.publisher) == (
        "遠景論壇",
        "No. 91",
        "2024-11",
        "財團法人兩岸交流遠景基金會",
    )
    assert len(doc.pages) == 4


PAGE_STARTS = {
    "lian-obor": [
        "一帶一路框架下",
        "代中期之「建設性",
        "奠定良好基礎",
        "（二）經濟上的競爭",
        "能輸出俄國的困境",
        "（一）俄羅斯東向政策",
        "從並不影響中俄",
        "訂能源合作協議",
    ],
    "hsu-divergence": ["中俄兩國之戰略", "惡化等，拉近了", "效率的同時維持", "財團法人兩岸交流"],
}


@pytest.mark.parametrize("doc_id", list(PAGE_STARTS))
def test_every_page_boundary(doc_id: str) -> None:
    doc = documents.load_library().get(doc_id)
    starts = PAGE_STARTS[doc_id]
    assert [p.number for p in doc.pages] == list(range(1, len(starts) + 1))
    for page, expected in zip(doc.pages, starts, strict=True):
        assert doc.text.startswith(expected, page.start)
        assert doc.page_of(page.start) == page.number
        if page.start:
            assert doc.page_of(page.start - 1) == page.number - 1


def test_passage_across_a_page_break() -> None:
    doc = documents.load_library().get("lian-obor")
    start = doc.text.index("雙方自 1990 年代中期")
    end = start + len("雙方自 1990 年代中期")
    assert doc.pages_of(start, end) == (1, 2)
    assert documents.citation(*doc.pages_of(start, end)) == "pp. 1–2"
    one = doc.text.index("壹、前言")
    assert documents.citation(*doc.pages_of(one, one + 4)) == "p. 1"


def test_page_break_is_not_a_paragraph_break() -> None:
    doc = documents.load_library().get("hsu-divergence")
    start = doc.text.index("國際政經情勢之民間學術智庫")
    block = doc.block_at(start)
    assert block is not None and block.kind == "backmatter"
    para = doc.block_at(doc.text.index("惡化等，拉近了"))
    assert para is not None and doc.block_text(para).startswith("2024金磚國家峰會於 10 月")


def test_form_feed_and_single_space_mark_pages() -> None:
    lines = split_pages("第一頁的文字\n 第二頁\n\n續\f第三頁")
    assert [(ln.text, ln.page, ln.page_start) for ln in lines] == [
        ("第一頁的文字", 1, True),
        ("第二頁", 2, True),
        ("續", 2, False),
        ("第三頁", 3, True),
    ]


def test_latin_words_keep_one_space_cjk_none() -> None:
    indented = "\u00a0 \u00a0 "
    raw = (
        f"標題\n\n{indented}中文第一行\n\n第二行 North\u00a0\n\nAtlantic 與\n\nhttps://a.b/c\n\n"
        f"d 。\u00a0\n\n{indented}二。\n\n{indented}三。\n"
    )
    doc = clean(raw, Hints(title="標題")).document
    assert "中文第一行第二行 North Atlantic 與https://a.b/cd 。" in doc.text


def test_roundtrip_of_the_texts_format(tmp_path: Path) -> None:
    for doc in documents.load_library():
        again = documents.loads(documents.dumps(doc))
        assert (again.text, again.blocks, again.pages, again.meta) == (
            doc.text,
            doc.blocks,
            doc.pages,
            doc.meta,
        )


def test_an_invalid_user_text_is_reported_and_skipped(isolated_data: Path) -> None:
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True)
    (folder / f"broken{documents.TEXT_SUFFIX}").write_text("not a meipi text", encoding="utf-8")
    (folder / f"dup{documents.TEXT_SUFFIX}").write_text(
        "meipi-text: 1\nid: lian-obor\ntitle: x\n---\nparagraph: y\n", encoding="utf-8"
    )
    (folder / f"mine{documents.TEXT_SUFFIX}").write_text(
        "meipi-text: 1\nid: mine\ntitle: 我的\n---\ntitle: 我的\nparagraph: 內文\n",
        encoding="utf-8",
    )
    lib = documents.load_library()
    assert lib.ids() == ["lian-obor", "hsu-divergence", "mine"]
    assert len(lib.problems) == 2
    assert any("broken" in p for p in lib.problems)
    assert lib.get("mine").text == "我的\n內文"


def test_a_hand_written_files_front_lines_stay_apart() -> None:
    """Title, author and date on lines of their own above one-line paragraphs: they were glued
    into one title (「中亚地区的大国博弈李明华2019年6月」); the date line is the text's date."""
    from reader.ingest import Hints, clean, date_line

    raw = (
        "中亚地区的大国博弈\n李明华\n2019年6月\n\n"
        "上海合作组织成立以来，中俄两国在中亚的互动日益频繁。双方既有合作，也有竞争，形成了一种微妙的平衡。\n\n"
        "普京政府一方面积极参与多边机制，另一方面也警惕中国经由一带一路倡议扩大影响力。\n\n"
        "本文以能源、安全与经济三个面向，分析两国在中亚的竞合关系，并评估其对区域秩序的影响。\n"
    )
    doc = clean(raw, Hints(id="zy", layout="plain")).document
    assert doc.meta.title == "中亚地区的大国博弈"
    assert doc.meta.authors == ("李明华",) and doc.meta.date == "2019-06"
    kinds = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks[:3]]
    assert kinds == [
        ("title", "中亚地区的大国博弈"),
        ("author", "李明华"),
        ("affiliation", "2019年6月"),
    ]
    assert date_line("2019年6月5日") == "2019-06-05" and date_line("2019.6") == "2019-06"
    assert date_line("2024年2月30日") is None and date_line("1994年《面向") is None

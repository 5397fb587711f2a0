"""Markdown (``reader.importing.markdown``): headings, footnotes, images' alt text, front matter;
inline markup removed, every word kept."""

from __future__ import annotations

from pathlib import Path

from reader import documents, importing
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    write_file,
)

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
    path = write_file(tmp_path, "energy.md", MARKDOWN)
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


def test_markdown_in_gb18030_with_setext_headings(tmp_path: Path) -> None:
    text = "中俄关系\n========\n\n第一部分\n--------\n\n这是**简体**的段落，\n接续一行。\n"
    path = write_file(tmp_path, "simplified.md", text.encode("gb18030"))
    r = meipi("import", str(path))
    assert r.code == 0, r.err
    assert "(GB18030, Markdown)" in r.out and "zh-Hans (guessed" in r.out
    doc = documents.load_library().get("simplified")
    assert [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks] == [
        ("title", 0, "中俄关系"),
        ("heading", 1, "第一部分"),
        ("paragraph", 0, "这是简体的段落，接续一行。"),
    ]


def test_front_matter_title_alone_is_the_title(tmp_path: Path) -> None:
    """A title in the front matter that no heading repeats is still the text's title,
    whatever the key's case and however the value is quoted."""
    cases = {
        "plain.md": ("title: 中亞能源走廊", "中亞能源走廊"),
        "upper.md": ("Title: 中亞能源走廊", "中亞能源走廊"),
        "double.md": ('title: "能源：\\"走廊\\"與管線"', '能源："走廊"與管線'),
        "single.md": ("TITLE: '它''s 走廊'  ", "它's 走廊"),
        "comment.md": ("title: 中亞能源走廊  # 暫定", "中亞能源走廊"),
    }
    for name, (line, expected) in cases.items():
        text = f"---\n{line}\nauthor: 李四\ndate: 2023-05\n---\n\n正文第一段。\n"
        r = meipi("import", str(write_file(tmp_path, name, text)))
        assert r.code == 0, r.err
        assert "No title was found" not in r.err
        doc = documents.load_library().get(Path(name).stem)
        assert doc.meta.title == expected, name
        assert doc.meta.authors == ("李四",) and doc.meta.date == "2023-05"
        assert [doc.block_text(b) for b in doc.blocks] == ["正文第一段。"]

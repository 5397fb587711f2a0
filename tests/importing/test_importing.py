"""Importing end to end (``reader.importing``): a text with astral characters keeps its code point
offsets, the seeds read as the shipped texts, ``meipi list``/``text`` show an import, hostile
input, and a corrected re-import keeps its annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import documents, paths
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    ARTICLE,
    TRADITIONAL,
    write_file,
)


def test_emoji_and_extension_b_round_trip_with_code_point_offsets(tmp_path: Path) -> None:
    first = "𠀀字在前😀，然後是𪚥與𠮷野家。"
    second = "第二段👩‍👩‍👧 家庭表情與 CJK 擴展 B 的𠀀。"
    path = write_file(tmp_path, "astral.txt", f"星星之火\n\n{first}\n\n{second}\n")
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


def test_list_and_text_show_an_imported_text(tmp_path: Path) -> None:
    path = write_file(tmp_path, "new-article.txt", ARTICLE.encode("cp950"))
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


def test_a_text_of_200000_brackets_imports_without_recursion(tmp_path: Path) -> None:
    """json's parser recursed (RecursionError) and the Markdown sniffing went quadratic."""
    for name in ("brackets.txt", "brackets.md"):
        r = meipi("import", str(write_file(tmp_path, name, "[" * 200_000)), "--id", name[-2:])
        assert r.code == 0, r.err
        assert "Traceback" not in r.err
    assert meipi("text", "md").out.strip() == "[" * 200_000


def test_reimporting_a_corrected_text_keeps_and_reanchors_its_annotations(tmp_path: Path) -> None:
    first = ARTICLE.replace("許菁芸", "許菁芸\n\n草稿")
    assert meipi("import", str(write_file(tmp_path, "draft.txt", first))).code == 0
    quote = TRADITIONAL[40:60]
    assert meipi("annotate", "draft", "--quote", quote, "--occurrence", "1").code == 0
    before = meipi("annotations", "draft", "--json").json()["annotations"][0]
    r = meipi("import", str(write_file(tmp_path, "draft.txt", ARTICLE)))
    assert r.code == 2 and "already" in r.err  # not without --replace
    r = meipi("import", str(write_file(tmp_path, "draft.txt", ARTICLE)), "--replace")
    assert r.code == 0, r.err
    after = meipi("annotations", "draft", "--json").json()["annotations"][0]
    assert after["id"] == before["id"] and after["quote"] == quote
    assert after["start"] == before["start"] - len("\n草稿") and not after["orphaned"]
    assert (
        meipi(
            "import", str(write_file(tmp_path, "x.txt", ARTICLE)), "--id", "lian-obor", "--replace"
        ).code
        == 2
    )

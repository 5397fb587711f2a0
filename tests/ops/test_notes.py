"""Colour meanings and theme memos (``reader.ops.notes``), and what a comparison by theme reads."""

from __future__ import annotations

from reader.documents import load_library
from reader.ops import annotations as annotation_ops
from reader.ops import notes
from reader.store import Store
from reader.store.records import DEFAULT_MEANINGS


def test_colour_meanings_are_set_together(store: Store) -> None:
    assert notes.color_meanings(store) == DEFAULT_MEANINGS
    notes.set_color_meanings(store, {"pink": "待查", "blue": "method"})
    meanings = notes.color_meanings(store)
    assert (meanings["pink"], meanings["blue"]) == ("待查", "method")
    assert meanings["yellow"] == DEFAULT_MEANINGS["yellow"]


def test_a_theme_memo_is_found_by_any_spelling_of_its_tag(store: Store) -> None:
    assert notes.theme_memo(store, "地區/中亞") is None
    notes.set_theme_memo(store, "地區 / 中亞", "兩篇都談中亞。")
    assert notes.theme_memo(store, "地区/中亚") == "兩篇都談中亞。"
    assert notes.list_theme_memos(store) == {"地區/中亞": "兩篇都談中亞。"}


def test_themes_reads_tags_annotations_and_memos_of_the_documents(store: Store) -> None:
    library = load_library()
    lian, hsu = library.get("lian-obor"), library.get("hsu-divergence")
    for doc in (lian, hsu):
        start = doc.text.index("中亞")
        annotation_ops.annotate(store, doc, start, start + 2, tags=["中亞"])
    notes.set_theme_memo(store, "中亞", "memo")
    listed, records, memos = notes.themes(store, ["lian-obor"])
    assert [(t.name, t.count) for t in listed] == [("中亞", 2)]
    assert [r.document for r in records] == ["lian-obor"]
    assert memos == {"中亞": "memo"}
    assert notes.themes(store, None)[1] == []

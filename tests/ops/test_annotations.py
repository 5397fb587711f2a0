"""reader.ops.annotations: each use case opens its own transaction and returns plain records."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import Document, load_library
from reader.errors import InputError
from reader.ops import annotations as ops
from reader.ops import glossary, notes
from reader.ops import tags as tag_ops
from reader.store import Store
from reader.store import annotations as store_ops


@pytest.fixture
def doc() -> Document:
    return load_library().get("lian-obor")


def span(doc: Document, quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = doc.text.index(quote, start + 1)
    return start, start + len(quote)


def test_annotate_edit_delete_restore(store: Store, doc: Document) -> None:
    made = ops.annotate(store, doc, *span(doc, "戈巴契夫"), tags=["人物 / 蘇聯"], note="起點")
    assert made.tags == ("人物/蘇聯",) and made.quote == "戈巴契夫"
    edit = ops.edit(store, made.id, color="blue", tags=["人物"], note=None)
    assert (edit.before.color, edit.after.color) == ("yellow", "blue")
    assert edit.after.tags == ("人物",) and edit.after.note is None
    removed = ops.delete(store, made.id)
    assert removed == edit.after
    assert ops.list_annotations(store) == []
    assert ops.restore(store, removed) == removed
    assert ops.get(store, made.id) == removed


def test_a_duplicate_is_refused_naming_the_existing_one(store: Store, doc: Document) -> None:
    first = ops.annotate(store, doc, *span(doc, "戈巴契夫"), refuse_duplicate=True)
    with pytest.raises(ops.Duplicate) as refused:
        ops.annotate(store, doc, *span(doc, "戈巴契夫"), refuse_duplicate=True)
    assert refused.value.existing.id == first.id and first.id in str(refused.value)
    # The window keeps its way: two annotations on one passage are allowed there.
    ops.annotate(store, doc, *span(doc, "戈巴契夫"))
    assert len(ops.list_annotations(store)) == 2


def test_annotate_many_is_all_or_nothing(store: Store, doc: Document) -> None:
    taken = ops.annotate(store, doc, *span(doc, "中亞", 2))
    spans = [span(doc, "中亞", 1), span(doc, "中亞", 2), span(doc, "中亞", 3)]
    with pytest.raises(ops.Duplicate):
        ops.annotate_many(store, doc, spans, tags=["地區"])
    assert ops.list_annotations(store) == [taken]
    made = ops.annotate_many(store, doc, [spans[0], spans[2]], tags=["地區"])
    assert [r.start for r in made] == [spans[0][0], spans[2][0]]


def test_find_by_a_unique_start_of_the_id(store: Store, doc: Document) -> None:
    with store.writing() as s:
        for n, annotation_id in enumerate(("abc-1", "abc-2", "abd-3"), 1):
            store_ops.create_annotation(
                s, doc, *span(doc, "中亞", n), annotation_id=annotation_id, note=str(n)
            )
    assert ops.find(store, "abd").id == "abd-3"
    assert ops.find(store, "abc-2").id == "abc-2"
    with pytest.raises(InputError) as ambiguous:
        ops.find(store, "ab")
    assert "abc-1" in str(ambiguous.value) and "abd-3" in str(ambiguous.value)
    with pytest.raises(InputError, match="no annotation"):
        ops.find(store, "zzz")
    with pytest.raises(InputError, match="no annotation"):
        ops.find(store, "a%")  # LIKE's wildcards are plain characters in an id


def test_delete_keeping_writes_an_importable_export_first(
    store: Store, doc: Document, tmp_path: Path
) -> None:
    made = ops.annotate(store, doc, *span(doc, "戈巴契夫"), tags=["人物"], note="留")
    deleted = ops.delete_keeping(store, made.id, doc, tmp_path / "deleted")
    assert deleted.record == made and deleted.kept.parent == tmp_path / "deleted"
    assert made.id in deleted.kept.read_text(encoding="utf-8")
    assert ops.list_annotations(store) == []


def test_tags_glossary_and_notes_through_ops(store: Store, doc: Document) -> None:
    made = ops.annotate(store, doc, *span(doc, "戈巴契夫"), tags=["地區/中亞"])
    before, change = tag_ops.change(store, "rename", "地区", "區域")
    assert change.annotations == 1 and [t.name for t in before] == ["地區/中亞"]
    assert ops.get(store, made.id).tags == ("區域/中亞",)
    tag_ops.undo_change(store, before, change.before)
    assert ops.get(store, made.id).tags == ("地區/中亞",)
    assert glossary.add_entry(store, "keep", "區域性")
    assert not glossary.add_entry(store, "keep", "區域性")
    glossary.remove_entries(store, [("keep", "區域性", "")])
    assert glossary.load(store).empty
    notes.set_color_meanings(store, {"blue": "背景"})
    assert notes.color_meanings(store)["blue"] == "背景"
    notes.set_theme_memo(store, "地区 / 中亚", "memo")
    assert notes.theme_memo(store, "地區/中亞") == "memo"


NOTES = (None, "舊", "改")


@pytest.mark.parametrize("seen_note", NOTES)
@pytest.mark.parametrize("stored_note", NOTES)
@pytest.mark.parametrize("mine", NOTES)
def test_edit_seen_never_writes_over_a_change_it_did_not_see(
    store: Store, doc: Document, seen_note: str | None, stored_note: str | None, mine: str | None
) -> None:
    made = ops.annotate(store, doc, *span(doc, "戈巴契夫"), tags=["能源"], note=seen_note)
    seen = ops.get(store, made.id)
    ops.edit(store, made.id, note=stored_note, tags=["北極"])  # someone else, meanwhile
    stored = ops.get(store, made.id)
    if mine not in (seen_note, stored_note) and stored_note != seen_note:
        with pytest.raises(ops.ChangedMeanwhile) as raised:
            ops.edit_seen(store, made.id, seen, tags=list(seen.tags), note=mine)
        assert raised.value.fields == ("note",) and raised.value.current == stored
        assert ops.get(store, made.id) == stored  # nothing written
        return
    edit = ops.edit_seen(store, made.id, seen, tags=list(seen.tags), note=mine)
    after = ops.get(store, made.id)
    # The tags, left as they were seen, keep the other change; the note is the newest wanted.
    assert after.tags == ("北極",)
    assert after.note == (stored_note if mine in (seen_note, stored_note) else mine)
    assert (edit is None) == (mine in (seen_note, stored_note))

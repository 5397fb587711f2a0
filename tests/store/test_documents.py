"""The stored snapshots of the texts (``reader.store.documents``): a changed text re-anchors its
annotations (moved, or orphaned when their passage is gone), an unchanged one touches nothing."""

from __future__ import annotations

from reader.store import Store
from reader.store import annotations as store_ops
from reader.store import documents as store_documents
from tests.store.helpers import make_doc

FIRST = make_doc(["北極航道與能源", "中亞地區的能源合作與競爭"])


def test_a_new_text_then_an_unchanged_one(store: Store) -> None:
    with store.writing() as s:
        assert store_documents.sync_document(s, FIRST) == store_documents.SyncReport(
            "mine", changed=False
        )
        assert not store_documents.sync_document(s, FIRST).changed
        assert store_documents.stale_documents(s, [FIRST]) == []


def test_a_changed_text_moves_or_orphans_its_annotations(store: Store) -> None:
    with store.writing() as s:
        kept = store_ops.create_annotation(s, FIRST, 8, 10, note="中亞")
        lost = store_ops.create_annotation(s, FIRST, 0, 4, note="北極航道")
    changed = make_doc(["前言一段。", "中亞地區的能源合作與競爭"])
    with store.reading() as s:
        assert store_documents.stale_documents(s, [changed, FIRST]) == [changed]
    with store.writing() as s:
        report = store_documents.sync_document(s, changed)
    assert report.changed and report.orphans == (lost.id,)
    assert sum(report.placed.values()) == 2
    with store.reading() as s:
        moved = store_ops.get_annotation(s, kept.id)
        gone = store_ops.get_annotation(s, lost.id)
        assert store_documents.stale_documents(s, [changed]) == []
    assert changed.text[moved.start : moved.end] == "中亞" and not moved.orphaned
    assert gone.orphaned


def test_pages_are_stored_as_number_and_start() -> None:
    doc = make_doc(["第一頁", "第二頁"], pages=[3, 4])
    assert store_documents.pages_json(doc) == "[[3, 0], [4, 4]]"

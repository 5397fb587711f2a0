"""The reading side of the exports (``reader.ops.exporting``): the export source from a store (or
none), what the Export dialog reads, and an export imported back into another database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.documents import Document, load_library
from reader.export import ExportOptions, export_text
from reader.export.w3c import parse_import
from reader.ops import annotations as annotation_ops
from reader.ops import exporting, notes, references
from reader.store import Store, open_store
from reader.store.records import DEFAULT_MEANINGS


def lian() -> Document:
    return load_library().get("lian-obor")


def annotate(
    store: Store,
    doc: Document,
    quote: str,
    *,
    color: str | None = "yellow",
    tags: Sequence[str] = (),
    note: str | None = None,
) -> None:
    start = doc.text.index(quote)
    annotation_ops.annotate(
        store, doc, start, start + len(quote), color=color, tags=tags, note=note
    )


def test_without_a_database_the_source_has_the_texts_and_no_annotations() -> None:
    doc = lian()
    source = exporting.source_from_store(None, [doc])
    assert source.documents == [doc] and source.annotations == []
    assert source.color_meanings == DEFAULT_MEANINGS and source.theme_memos == {}
    assert source.creator is None and source.citekeys == {doc.id: "lianyidai"}
    assert source.views(doc, "zh-Hans").text.startswith("一带一路")


def test_the_source_reads_everything_an_export_needs(store: Store) -> None:
    doc = lian()
    annotate(store, doc, "戈巴契夫", tags=["人物/蘇聯"], note="起點")
    notes.set_theme_memo(store, "人物", "people")
    notes.set_color_meanings(store, {"yellow": "claim"})
    references.set_setting(store, "creator", "Lin Yu")
    references.set_citekey(store, doc, "lian2016")
    source = exporting.source_from_store(store, [doc])
    assert [(r.quote, r.tags, r.note) for r in source.annotations] == [
        ("戈巴契夫", ("人物/蘇聯",), "起點")
    ]
    assert source.theme_memos == {"人物": "people"}  # the parent theme of a tag in use
    assert source.color_meanings["yellow"] == "claim"
    assert (source.creator, source.citekeys) == ("Lin Yu", {"lian-obor": "lian2016"})
    data = exporting.dialog_data(store, [doc])
    assert data.tags == [("人物/蘇聯", 1)]
    assert data.source.annotations == source.annotations


def test_an_export_imports_into_another_database_and_again_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    doc = lian()
    annotate(store, doc, "戈巴契夫", tags=["人物"], color="blue")
    annotate(store, doc, "中亞", note="region")
    exported = export_text(ExportOptions(format="json"), exporting.source_from_store(store, [doc]))
    records = parse_import(exported.encode("utf-8"), [doc])
    other = open_store(tmp_path / "other.sqlite3")
    try:
        plan = exporting.import_records(other, records, {doc.id: doc})
        assert (len(plan.added), len(plan.updated), plan.unchanged) == (2, 0, 0)
        again = exporting.import_records(other, records, {doc.id: doc})
        assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, 2)
        imported = exporting.source_from_store(other, [doc]).annotations
    finally:
        other.close(backup=False)
    assert imported == exporting.source_from_store(store, [doc]).annotations

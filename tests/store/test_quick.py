"""The window's first read through plain sqlite3 (reader.store.quick) returns exactly what the
ORM operations return, refuses what open_store refuses, and never imports SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import annotations as ops
from reader.store import documents as store_documents
from reader.store import glossary as store_glossary
from reader.store import open_store
from reader.store import tags as store_tags
from reader.store import themes as store_themes
from reader.store.quick import (
    NeedsStore,
    read_counts,
    read_records,
    read_snapshot,
    read_tag_lists,
)
from reader.store.sqlite_file import APPLICATION_ID, DatabaseRefused
from tests.store.helpers import make_doc

DOC = make_doc(
    [
        "一帶一路框架下中俄之潛在競合關係",
        "中亞地區的能源合作與競爭，中亞是關鍵。",
        "北極航道與能源",
    ],
    pages=[3, 3, 4],
)
OTHER = make_doc(["另一篇文章：能源與中亞。", "第二段，北極。"], doc_id="other", pages=[7, 8])


def span(doc_text: str, quote: str) -> tuple[int, int]:
    start = doc_text.index(quote)
    return start, start + len(quote)


def populate(db_file: Path) -> None:
    store = open_store(db_file)
    try:
        with store.writing() as s:
            ops.create_annotation(s, DOC, *span(DOC.text, "中亞地區"), tags=["地區/中亞", "能源"])
            ops.create_annotation(s, DOC, *span(DOC.text, "能源合作"), color="green", note="注")
            ops.create_annotation(s, DOC, *span(DOC.text, "北極航道"), color=None, note="只有注")
            ops.create_annotation(
                s, OTHER, *span(OTHER.text, "北極"), color="pink", tags=["能源", "地區"]
            )
            ops.create_annotation(s, OTHER, *span(OTHER.text, "另一篇"), tags=["未用/子"])
            store_tags.set_tag_details(s, "能源", color="blue", description="energy")
            store_themes.set_color_meaning(s, "pink", "問題")
            store_glossary.add_keep(s, "中亞")
            store_glossary.add_conversion(s, "航道", "航線")
            store_glossary.add_equivalence(s, "俄羅斯", "俄国")
        with store.writing() as s:
            # One annotation orphaned by a changed text, and the other text now stale.
            changed = make_doc(["完全不同的文字。"], doc_id="other", pages=[7])
            store_documents.sync_document(s, changed)
    finally:
        store.close(backup=False)


def test_the_first_read_returns_what_the_store_returns(db_file: Path) -> None:
    populate(db_file)
    store = open_store(db_file)
    try:
        with store.reading() as s:
            records = ops.list_annotations(s)
            tags = store_tags.list_tags(s)
            meanings = store_themes.color_meanings(s)
            glossary = store_glossary.load_glossary(s)
            stale = store_documents.stale_documents(s, [DOC, OTHER])
    finally:
        store.close(backup=False)
    snapshot = read_snapshot(db_file)
    assert snapshot is not None
    assert len(records) == 5 and any(r.orphaned for r in records)
    assert any(r.tags for r in records) and any(r.color is None for r in records)
    assert snapshot.annotations() == records
    assert [r.pages for r in snapshot.annotations()] == [r.pages for r in records]
    assert snapshot.tags() == tags
    assert snapshot.color_meanings() == meanings
    assert snapshot.glossary() == glossary
    assert snapshot.glossary().version == glossary.version
    assert [d.id for d in snapshot.stale_documents([DOC, OTHER])] == [d.id for d in stale]


def test_a_read_of_some_texts_returns_theirs_as_the_store_does(db_file: Path) -> None:
    populate(db_file)
    store = open_store(db_file)
    try:
        with store.reading() as s:
            everything = ops.list_annotations(s)
            mine = ops.list_annotations(s, documents=[DOC.id])
            assert ops.count_annotations(s) == len(everything) == 5
    finally:
        store.close(backup=False)
    # The window's first read of a library of thousands: the open text's, and the total.
    snapshot = read_snapshot(db_file, [DOC.id])
    assert snapshot is not None
    assert snapshot.annotations() == mine and snapshot.documents == (DOC.id,)
    assert snapshot.total == 5 and len(mine) == 3
    assert [r.pages for r in snapshot.annotations()] == [r.pages for r in mine]
    empty = read_snapshot(db_file, [])
    assert empty is not None and empty.annotations() == [] and empty.total == 5
    assert snapshot.counts == {DOC.id: 3} and read_counts(db_file) == {DOC.id: 3, "other": 2}
    unknown = read_snapshot(db_file, ["none such"])
    assert empty.counts == {} and unknown is not None and unknown.counts == {"none such": 0}
    assert read_counts(db_file, ["other", "none such"]) == {"other": 2}
    # More than ``most``: none read (the window reads so many on a worker thread).
    many = read_snapshot(db_file, [DOC.id], most=2)
    assert many is not None and many.annotations() == [] and many.documents == ()
    few = read_snapshot(db_file, [DOC.id], most=3)
    assert few is not None and few.annotations() == mine
    # The reads after it (a text opened, every text's on a worker thread, one by its id).
    assert read_records(db_file, [DOC.id]) == mine
    assert read_records(db_file, ["other"]) == [r for r in everything if r.document == "other"]
    assert read_records(db_file) == everything
    assert read_records(db_file, ids=[everything[3].id]) == [everything[3]]
    assert read_records(db_file, ids=["no such id"]) == []
    # Every annotation's tags, without the annotations.
    assert sorted(read_tag_lists(db_file)) == sorted(r.tags for r in everything if r.tags)


def test_there_is_nothing_to_read_before_the_database_exists(db_file: Path) -> None:
    assert read_snapshot(db_file) is None
    assert read_records(db_file) == [] and read_tag_lists(db_file) == []
    assert not db_file.exists()  # the first read never creates it


def test_it_refuses_what_open_store_refuses(db_file: Path) -> None:
    populate(db_file)
    import sqlite3

    conn = sqlite3.connect(db_file)
    try:
        conn.execute("PRAGMA application_id = 7")
        conn.commit()
    finally:
        conn.close()
    before = db_file.read_bytes()
    with pytest.raises(DatabaseRefused):
        read_snapshot(db_file)
    assert db_file.read_bytes() == before
    db_file.write_bytes(b"not a database at all" * 10)
    with pytest.raises(DatabaseRefused):
        read_snapshot(db_file)


def test_an_older_schema_is_left_to_open_store(db_file: Path) -> None:
    import sqlite3

    from reader.store.sqlite_file import apply_migrations

    db_file.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_file, isolation_level=None)
    try:
        apply_migrations(conn, 0, 1)
    finally:
        conn.close()
    with pytest.raises(NeedsStore):
        read_snapshot(db_file)
    assert open_store(db_file).close(backup=False) is None


def test_the_first_read_does_not_import_sqlalchemy(db_file: Path) -> None:
    populate(db_file)
    code = (
        "import sys; from reader.store.quick import read_snapshot; "
        f"snap = read_snapshot({str(db_file)!r}); "
        "print(len(snap.annotations()), snap.glossary().version != '', "
        f"'sqlalchemy' in sys.modules, {APPLICATION_ID})"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["5", "True", "False", str(APPLICATION_ID)]


def _damage_table(db_file: Path, table: str) -> None:
    """Scribble over the cells of ``table``'s root page (its header kept), as a bad sector would."""
    import sqlite3

    conn = sqlite3.connect(db_file)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,))
        (rootpage,) = root.fetchone()
    finally:
        conn.close()
    with open(db_file, "r+b") as f:  # no connection is open: the one door is not crossed
        f.seek((rootpage - 1) * page_size + 16)
        f.write(b"\xa5" * (page_size - 16))


def test_a_read_of_the_glossary_checks_only_the_glossary(db_file: Path) -> None:
    from reader.store.quick import GLOSSARY_TABLES, reading

    populate(db_file)
    _damage_table(db_file, "annotations")
    with pytest.raises(DatabaseRefused, match="damaged"), reading(db_file):
        pass
    # The glossary's tables are sound: a search, which reads only them, is not refused and
    # does not pay for checking every page of 100,000 annotations (issue 22).
    with reading(db_file, GLOSSARY_TABLES) as reader:
        glossary = reader.glossary()
    assert glossary.keeps == frozenset({"中亞"})
    assert ("航道", "航線") in glossary.conversions


def test_a_damaged_glossary_is_refused_by_a_read_of_the_glossary(db_file: Path) -> None:
    from reader.store.quick import GLOSSARY_TABLES, reading

    populate(db_file)
    _damage_table(db_file, "glossary_conversions")
    with pytest.raises(DatabaseRefused, match="damaged"), reading(db_file, GLOSSARY_TABLES):
        pass


def test_a_read_that_named_its_tables_cannot_read_another(db_file: Path) -> None:
    from reader.errors import MeipiError
    from reader.store.quick import GLOSSARY_TABLES, reading

    populate(db_file)
    refused = pytest.raises(MeipiError, match=r"access to annotations\.document_id is prohibited")
    with refused, reading(db_file, GLOSSARY_TABLES) as reader:
        reader.counts()  # the annotations table was not checked, so it is not read

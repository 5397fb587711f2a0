"""Bulk writes and the fast listing: ``restore_annotations`` (an import, undo of many),
``create_annotations`` (the benchmark's 10,000) and ``list_annotations`` must give exactly what
the one-at-a-time operations give, in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from reader.bench.workload import annotation_specs, large_document
from reader.errors import EnvironmentFailure, InputError
from reader.export.records import AnnotationRecord as ExportRecord
from reader.ops.exporting import import_records
from reader.store import Store, models, open_store
from reader.store import annotations as ops
from reader.store import bulk as store_bulk
from reader.store import documents as store_documents
from reader.store import records as store_records
from reader.store import tags as store_tags
from reader.store import themes as store_themes
from tests.store.helpers import make_doc

DOC = make_doc(
    [
        "一帶一路框架下中俄之潛在競合關係",
        "中亞地區的能源合作與競爭，中亞是關鍵。",
        "北極航道與能源，北極的冰正在融化。",
        "俄羅斯與哈薩克的天然氣管線",
    ],
    pages=[1, 1, 2, 3],
)
OTHER = make_doc(["另一篇文章談北極與能源。", "第二段。"], doc_id="other")


@pytest.fixture
def store(db_file: Path) -> Iterator[Store]:
    s = open_store(db_file)
    with s.writing() as session:
        store_documents.sync_document(session, DOC)
        store_documents.sync_document(session, OTHER)
    yield s
    s.close(backup=False)


def span(quote: str, doc: object = DOC) -> tuple[int, int]:
    text = DOC.text if doc is DOC else OTHER.text
    pos = text.index(quote)
    return pos, pos + len(quote)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def record(
    n: int,
    quote: str,
    *,
    doc: str = "mine",
    tags: tuple[str, ...] = (),
    color: str | None = "yellow",
    note: str | None = None,
    document: str | None = None,
) -> store_records.AnnotationRecord:
    """Record ``n`` on ``quote`` in ``doc`` (``document``: the id it claims, if another)."""
    source = DOC if doc == "mine" else OTHER
    start = source.text.index(quote)
    return store_records.AnnotationRecord(
        id=uid(n),
        document=doc if document is None else document,
        start=start,
        end=start + len(quote),
        quote=quote,
        prefix=source.text[max(0, start - 32) : start],
        suffix=source.text[start + len(quote) :][:32],
        pages=(0, 0),
        color=color,
        tags=tags,
        note=note,
        created="2026-11-01T00:00:00Z",
        updated="2026-11-01T00:00:00Z",
        orphaned=False,
    )


def state(s: Session) -> tuple[list[store_records.AnnotationRecord], list[store_records.TagInfo]]:
    return ops.list_annotations(s), store_tags.list_tags(s)


def test_restore_annotations_is_restore_annotation_in_bulk(store: Store) -> None:
    with store.writing() as s:
        kept = ops.create_annotation(s, DOC, *span("中亞地區"), tags=["地區/中亞"], note="舊")
    batch = [
        # an existing id, changed: colour, note and tags (a folded spelling of an existing tag)
        kept._replace(
            color="green",
            note="新",
            tags=("地区/中亚", "能源"),
            updated="2027-01-01T00:00:00Z",
        ),
        # new, with a nested tag whose parent exists (takes the parent's spelling)
        record(1, "北極航道", tags=("地区/北極", "Energy", "energy")),
        # made on another version of the text: its offsets are off by three, the quote is here
        record(2, "天然氣管線", tags=("能源",))._replace(start=5, end=10),
        # cannot be placed: kept as an orphan, never dropped
        record(3, "北極", note="孤")._replace(quote="這句話不在文中", prefix="", suffix=""),
        # on another document, note only
        record(4, "另一篇文章", doc="other", color=None, note="**注**"),
        # the same id twice: the later one wins, as restoring them in turn would
        record(5, "北極的冰", note="first"),
        record(5, "北極的冰", note="second", tags=("北極",)),
    ]
    with store.writing() as s:
        for r in batch:
            ops.restore_annotation(s, r)
        one_by_one = state(s)
        s.rollback()
    with store.writing() as s:
        returned = store_bulk.restore_annotations(s, batch)
        assert returned == [ops.get_annotation(s, r.id) for r in returned]
    with store.reading() as s:
        in_bulk = state(s)
    assert in_bulk == one_by_one
    by_id = {r.id: r for r in in_bulk[0]}
    assert by_id[kept.id].tags == ("地區/中亞", "能源") and by_id[kept.id].note == "新"
    assert by_id[uid(1)].tags == ("地區/北極", "Energy")
    moved = by_id[uid(2)]
    assert DOC.text[moved.start : moved.end] == "天然氣管線" and not moved.orphaned
    assert by_id[uid(3)].orphaned and by_id[uid(3)].note == "孤"
    assert by_id[uid(5)].note == "second" and by_id[uid(5)].tags == ("北極",)
    assert [r.id for r in returned] == [kept.id, uid(1), uid(2), uid(3), uid(4), uid(5)]


tag_lists = st.lists(
    st.lists(st.text(alphabet="中亞亚地區区能源Ey /／", min_size=1, max_size=5), max_size=4),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tag_sets=tag_lists, existing=st.lists(st.sampled_from(["地區", "中亞", "能源/E"]), max_size=3)
)
def test_bulk_tags_resolve_as_one_at_a_time(
    store: Store, tag_sets: list[list[str]], existing: list[str]
) -> None:
    usable = []
    for tags in tag_sets:
        try:
            [store_tags.clean_tag(t) for t in tags]
        except InputError:
            continue
        usable.append(tuple(tags))
    batch = [record(i, "能源", tags=tags) for i, tags in enumerate(usable)]
    specs = [(*span("能源"), "blue", list(tags), None) for tags in usable]
    with store.writing() as s:
        for name in existing:
            store_tags.resolve_tag(s, name)
        for r in batch:
            ops.restore_annotation(s, r)
        expected = state(s)
        s.rollback()
    with store.writing() as s:
        for name in existing:
            store_tags.resolve_tag(s, name)
        store_bulk.restore_annotations(s, batch)
        assert state(s) == expected
        s.rollback()
    with store.writing() as s:
        for name in existing:
            store_tags.resolve_tag(s, name)
        made = store_bulk.create_annotations(s, DOC, specs)
        assert [r.tags for r in made] == [r.tags for r in expected[0]]
        assert store_tags.list_tags(s) == expected[1]
        s.rollback()


def test_a_bad_record_writes_nothing(store: Store) -> None:
    good = record(1, "北極航道", tags=("北極",))
    for bad in (
        record(2, "能源", color="red"),
        record(3, "能源", tags=("  / ",)),
        record(4, "能源", document="nowhere"),
    ):
        with pytest.raises(InputError), store.writing() as s:
            store_bulk.restore_annotations(s, [good, bad])
        with store.reading() as s:
            assert state(s) == ([], [])


def test_an_import_failing_midway_changes_nothing(store: Store) -> None:
    """A failure inside the write (here a trigger, as a full disk would) rolls back everything:
    tags, rows and links of the whole import."""
    with store.writing() as s:
        before = ops.create_annotation(s, DOC, *span("中亞地區"), tags=["地區"], note="keep")
    conn = sqlite3.connect(store.path)
    conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON annotation_tags "
        f"WHEN NEW.annotation_id = '{uid(9)}' BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    conn.close()
    incoming = [
        r
        for r in (
            before._replace(note="changed", updated="2027-01-01T00:00:00Z"),
            record(1, "北極航道", tags=("新標籤",)),
            record(9, "能源", tags=("能源",)),
        )
    ]
    with pytest.raises(EnvironmentFailure):
        import_records(store, incoming, {"mine": DOC, "other": OTHER})
    with store.reading() as s:
        annotations, tags = state(s)
    assert [(a.id, a.note) for a in annotations] == [(before.id, "keep")]
    assert [t.name for t in tags] == ["地區"]


def test_import_counts_newer_wins_and_twice_duplicates_nothing(store: Store) -> None:
    documents = {"mine": DOC, "other": OTHER}
    first = [
        record(1, "北極航道", tags=("北極",)),
        record(2, "中亞地區", tags=("地區/中亞",)),
        record(3, "另一篇文章", doc="other", note="n"),
    ]
    plan = import_records(store, [r for r in first], documents)
    assert (len(plan.added), len(plan.updated), plan.unchanged) == (3, 0, 0)
    plan = import_records(store, [r for r in first], documents)
    assert (len(plan.added), len(plan.updated), plan.unchanged) == (0, 0, 3)
    second = [
        first[0]._replace(note="newer", tags=("能源",), updated="2026-12-01T00:00:00Z"),
        first[1]._replace(note="older", updated="2026-10-01T00:00:00Z"),
        record(4, "能源"),
    ]
    plan = import_records(store, [r for r in second], documents)
    # The older copy differs: skipped, ours kept (not "unchanged").
    assert (len(plan.added), len(plan.updated), plan.unchanged, len(plan.skipped)) == (1, 1, 0, 1)
    with store.reading() as s:
        by_id = {r.id: r for r in ops.list_annotations(s)}
    assert len(by_id) == 4
    assert (by_id[uid(1)].note, by_id[uid(1)].tags) == ("newer", ("能源",))
    assert (by_id[uid(2)].note, by_id[uid(2)].tags) == (None, ("地區/中亞",))


def test_create_annotations_is_create_annotation_in_bulk(store: Store) -> None:
    specs = [
        (*span("北極航道"), "yellow", ["北極", "地區/北極"], None),
        (*span("中亞地區"), None, ["中亚"], "只有筆記"),
        (*span("天然氣管線"), "purple", [], "e\u0301 👋🏽 𠀀 \u202eRTL\u202c"),
    ]
    with store.writing() as s:
        store_tags.resolve_tag(s, "中亞")
        singles = [
            ops.create_annotation(s, DOC, a, b, color=c, tags=t, note=n) for a, b, c, t, n in specs
        ]
        s.rollback()
    with store.writing() as s:
        store_tags.resolve_tag(s, "中亞")
        made = store_bulk.create_annotations(s, DOC, specs, now="2026-11-22T01:00:00Z")
    with store.reading() as s:
        listed = {r.id: r for r in ops.list_annotations(s)}
    assert [listed[r.id] for r in made] == made

    def ignore(r: store_records.AnnotationRecord) -> store_records.AnnotationRecord:
        return r._replace(id="", created="", updated="")

    assert [ignore(r) for r in made] == [ignore(r) for r in singles]
    assert made[1].tags == ("中亞",)  # folded onto the existing spelling
    assert {r.created for r in made} == {"2026-11-22T01:00:00Z"}
    assert len({r.id for r in made}) == 3


def test_create_annotations_checks_every_spec_first(store: Store) -> None:
    good = (*span("北極航道"), "yellow", ["北極"], None)
    for bad, words in (
        ((0, len(DOC.text) + 1, "yellow", [], None), "Annotation 2"),
        ((3, 3, "yellow", [], None), "Annotation 2"),
        ((0, 2, "orange", [], None), "orange"),
        ((0, 2, "yellow", ["/"], None), "tag"),
    ):
        with pytest.raises(InputError, match=words), store.writing() as s:
            store_bulk.create_annotations(s, DOC, [good, bad])
        with store.reading() as s:
            assert state(s) == ([], [])


def test_the_benchmark_workload_is_created_and_listed_whole(store: Store) -> None:
    doc = large_document(20_000, seed=3)
    specs = annotation_specs(doc, 700, seed=5)  # over 500: the listing's all-links path
    with store.writing() as s:
        made = store_bulk.create_annotations(s, doc, specs)
    with store.reading() as s:
        listed = ops.list_annotations(s, documents=[doc.id])
        assert sorted(listed, key=lambda r: r.id) == sorted(made, key=lambda r: r.id)
        singly = [ops.get_annotation(s, r.id) for r in listed]
        assert listed == singly
        few = ops.list_annotations(s, documents=[doc.id], colors=["purple"])  # under 500
        assert few == [r for r in listed if r.color == "purple"]
        tagged = ops.list_annotations(s, tags=["地區"])
        assert tagged and all(any(t.startswith("地區/") for t in r.tags) for r in tagged)
    by_id = {r.id: r for r in listed}
    assert len(by_id) == len(specs)
    for made_one, (start, end, colour, tags, note) in zip(made, specs, strict=True):
        r = by_id[made_one.id]
        assert (r.start, r.end, r.quote) == (start, end, doc.text[start:end])
        assert (r.color, r.note) == (colour, note)
        assert r.pages == doc.pages_of(start, end)
        assert {store_tags.tag_key(t) for t in r.tags} == {store_tags.tag_key(t) for t in tags}


def test_store_and_export_records_are_one_type() -> None:
    from reader.ops import exporting as export

    stored = store_records.AnnotationRecord(
        id="i",
        document="d",
        start=1,
        end=2,
        quote="q",
        prefix="p",
        suffix="s",
        pages=(3, 4),
        color="blue",
        tags=("t", "u"),
        note="n",
        created="c",
        updated="u2",
        orphaned=True,
    )
    exported = stored
    assert exported.to_dict() == stored.to_json()
    assert exported == ExportRecord.from_dict(stored.to_json())
    assert type(exported) is ExportRecord and hash(exported) == hash(
        ExportRecord(**exported._asdict())
    )
    values = tuple(getattr(stored, name) for name in ops.RECORD_FIELDS)
    made = export.export_records([values])
    assert made == [exported] and hash(made[0]) == hash(exported)


def test_an_export_reads_every_record_and_the_memos_of_its_themes(store: Store) -> None:
    from reader.ops.exporting import read_store

    with store.writing() as s:
        ops.create_annotation(s, DOC, *span("中亞地區"), tags=["地區/中亞", "能源"])
        ops.create_annotation(s, OTHER, *span("北極", OTHER), tags=["北極"])
        store_themes.set_theme_memo(s, "地区", "parent memo")  # a parent theme, another spelling
        store_themes.set_theme_memo(s, "能源", "energy memo")
        store_themes.set_theme_memo(s, "北極", "only in the other document")
    records, meanings, memos, _glossary = read_store(store, [DOC])
    with store.reading() as s:
        assert records == [r for r in ops.list_annotations(s, documents=["mine"])]
    assert [r.tags for r in records] == [("地區/中亞", "能源")]
    assert memos == {"地區": "parent memo", "能源": "energy memo"}
    assert meanings["yellow"] == store_records.DEFAULT_MEANINGS["yellow"]


def test_listing_leaves_garbage_collection_as_it_found_it(store: Store) -> None:
    import gc

    with store.writing() as s:
        ops.create_annotation(s, DOC, *span("北極航道"))
    assert gc.isenabled()
    with store.reading() as s:
        assert len(ops.list_annotations(s)) == 1
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), ops.no_gc():
        assert not gc.isenabled()
        _ = 1 / 0
    assert gc.isenabled()
    gc.disable()
    try:
        with store.reading() as s:
            ops.list_annotations(s)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_a_session_that_read_the_rows_before_sees_the_bulk_write(store: Store) -> None:
    with store.writing() as s:
        made = ops.create_annotation(s, DOC, *span("中亞地區"), tags=["地區", "能源"], note="舊")
    with store.writing() as s:
        assert ops.get_annotation(s, made.id).tags == ("地區", "能源")  # rows now in the session
        held = list(s.get_one(models.Annotation, made.id).tag_links)  # as a caller might
        assert len(held) == 2
        changed = made._replace(tags=("北極", "地區"), note="新", updated="2027-01-01T00:00:00Z")
        store_bulk.restore_annotations(s, [changed])
        assert ops.get_annotation(s, made.id) == changed._replace(tags=("北極", "地區"))
        # the identity map holds no link the write removed
        energy = store_tags.resolve_tag(s, "能源")
        assert s.get(models.AnnotationTag, (made.id, energy.id)) is None
        ops.update_annotation(s, made.id, tags=["能源"])
    with store.reading() as s:
        assert ops.get_annotation(s, made.id).tags == ("能源",)


def test_listing_filters_that_match_nothing(store: Store) -> None:
    with store.writing() as s:
        ops.create_annotation(s, DOC, *span("北極航道"), tags=["北極"])
        ops.create_annotation(s, OTHER, *span("北極", OTHER), color=None, note="n")
    with store.reading() as s:
        assert ops.list_annotations(s, documents=[]) == []
        assert ops.list_annotations(s, tags=["沒有這個標籤"]) == []
        assert ops.list_annotations(s, documents=["nowhere"]) == []
        assert [r.document for r in ops.list_annotations(s, colors=["none"])] == ["other"]
        assert [r.document for r in ops.list_annotations(s, tags=["北极"])] == ["mine"]
        both = ops.list_annotations(s, documents=["other", "mine"], colors=["yellow", "none"])
        assert [r.document for r in both] == ["mine", "other"]

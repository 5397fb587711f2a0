"""The store's operations: annotations, tags, colours, glossary, memos (no Qt, a real file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import EnvironmentFailure, InputError
from reader.store import Store, open_store
from reader.store import annotations as ops
from tests.cli_helpers import meipi
from tests.store.helpers import DOC, span


def test_create_edit_delete_and_undo(store: Store) -> None:
    with store.writing() as s:
        created = ops.create_annotation(
            s, DOC, *span("中亞地區"), tags=["地區/中亞"], note="第一條"
        )
    assert created.quote == "中亞地區" and created.color == "yellow"
    assert created.prefix == DOC.text[: created.start][-32:]
    assert created.suffix == DOC.text[created.end :][:32]
    assert created.pages == (1, 1)
    assert created.created.endswith("Z") and len(created.created) == 20

    with store.writing() as s:
        edit = ops.update_annotation(s, created.id, color="green", note="改過", tags=["能源"])
    assert edit.before == created
    assert (edit.after.color, edit.after.note, edit.after.tags) == ("green", "改過", ("能源",))

    with store.writing() as s:
        gone = ops.delete_annotation(s, created.id)
    assert gone == edit.after
    with store.reading() as s:
        assert ops.list_annotations(s) == []
        with pytest.raises(InputError):
            ops.get_annotation(s, created.id)

    with store.writing() as s:
        back = ops.restore_annotation(s, gone)
    assert back == gone
    with store.reading() as s:
        assert ops.list_annotations(s) == [gone]


def test_list_in_text_order_with_pages_and_filters(store: Store) -> None:
    with store.writing() as s:
        late = ops.create_annotation(s, DOC, *span("北極航道"), color="blue", tags=["北極"])
        early = ops.create_annotation(
            s, DOC, *span("一帶一路"), color=None, note="n", tags=["地區/中亞", "energy"]
        )
        mid = ops.create_annotation(s, DOC, *span("中亞", 2), tags=["地區"])
    with store.reading() as s:
        assert [r.id for r in ops.list_annotations(s)] == [early.id, mid.id, late.id]
        assert late.pages == (2, 2)
        by_parent = ops.list_annotations(s, tags=["地区"])  # folded, children included
        assert {r.id for r in by_parent} == {early.id, mid.id}
        assert [r.id for r in ops.list_annotations(s, tags=["地區/中亞"])] == [early.id]
        assert [r.id for r in ops.list_annotations(s, colors=["none"])] == [early.id]
        assert [r.id for r in ops.list_annotations(s, colors=["blue", "none"])] == [
            early.id,
            late.id,
        ]
        assert ops.annotation_counts(s) == {"mine": 3}


def test_empty_tag_and_unknown_colour_are_input_errors(store: Store) -> None:
    with pytest.raises(InputError), store.writing() as s:
        ops.create_annotation(s, DOC, 0, 2, tags=["能源", " / "])
    with pytest.raises(InputError, match="Colours"), store.writing() as s:
        ops.create_annotation(s, DOC, 0, 2, color="red")
    with pytest.raises(InputError), store.writing() as s:
        ops.create_annotation(s, DOC, 5, 5)
    with store.reading() as s:
        assert ops.list_annotations(s) == []  # each failed action rolled back whole


def test_read_only_store_refuses_edits(db_file: Path) -> None:
    open_store(db_file).close(backup=False)
    store = open_store(db_file)
    store.read_only = True  # what open_store decides for an unwritable file (tested for real
    try:  # with dropped privileges in test_db_safety)
        with pytest.raises(EnvironmentFailure, match="read-only"), store.writing() as s:
            ops.create_annotation(s, DOC, 0, 2)
    finally:
        store.close(backup=False)


def test_watcher_sees_other_connections_commit(store: Store, db_file: Path) -> None:
    watcher = store.watcher()
    assert not watcher.changed()
    other = open_store(db_file)
    try:
        with other.writing() as s:
            ops.create_annotation(s, DOC, 0, 2)
    finally:
        other.close(backup=False)
    assert watcher.changed()
    assert not watcher.changed()


PIECES = [
    "👋🏽",
    "👩\u200d👩\u200d👧",
    "e\u0301",
    "\u202e",
    "\u2066",
    "\u200f",
    "𠀀",
    "\U0010fffd",
    "\r\n",
    "\x00",
    "\ufeff",
    "ｶ",
    "Å",
    "Å",
    "**粗體**\n- 清單",
]
notes = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=8), st.sampled_from(PIECES)),
    max_size=10,
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=notes)
def test_notes_round_trip_byte_for_byte(store: Store, note: str) -> None:
    with store.writing() as s:
        record = ops.create_annotation(s, DOC, 0, 4, note=note, tags=[])
    with store.reading() as s:
        back = ops.get_annotation(s, record.id).note
    assert back is not None
    assert back.encode("utf-8", "surrogatepass") == note.encode("utf-8", "surrogatepass")


def test_restore_places_a_record_made_on_another_version_of_the_text(store: Store) -> None:
    with store.writing() as s:
        made = ops.create_annotation(s, DOC, *span("北極航道"), note="匯入")
        ops.delete_annotation(s, made.id)
    shifted = made._replace(start=made.start - 3, end=made.end - 3)  # offsets of another text
    with store.writing() as s:
        back = ops.restore_annotation(s, shifted)
    assert (back.start, back.end, back.quote, back.orphaned) == (
        made.start,
        made.end,
        "北極航道",
        False,
    )
    lost = made._replace(
        id="00000000-0000-4000-8000-000000000001", quote="不存在的句子", prefix="", suffix=""
    )
    with store.writing() as s:
        orphan = ops.restore_annotation(s, lost)
    assert orphan.orphaned and orphan.quote == "不存在的句子" and orphan.note == "匯入"


def test_notes_round_trip_through_the_command_line(db_file: Path) -> None:
    notes = [
        "e\u0301 👋🏽 𠀀 \u202eRTL\u202c \u2066iso\u2069",
        "line one\r\nline two\n\n- 列表",
        "  leading and trailing spaces  ",
        "\ufeffBOM ｶﾀｶﾅ Å Å",
    ]
    for n, note in enumerate(notes, 1):
        made = meipi(
            "annotate", "lian-obor", "--quote", "中俄", "--occurrence", str(n), "--note", note
        )
        assert made.code == 0
    got = [a["note"] for a in meipi("annotations", "--json").json()["annotations"]]
    assert sorted(got) == sorted(notes)


def test_every_connection_has_the_safety_pragmas(store: Store) -> None:
    from reader.store.db import BUSY_TIMEOUT_MS, _raw
    from reader.store.sqlite_file import APPLICATION_ID

    with store.engine.connect() as conn:
        raw = _raw(conn)

        def pragma(name: str) -> object:
            return raw.execute(f"PRAGMA {name}").fetchone()[0]

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("trusted_schema") == 0
        assert pragma("busy_timeout") == BUSY_TIMEOUT_MS
        assert pragma("application_id") == APPLICATION_ID

"""One tag rule everywhere (reader.tags): for any spelling of a tag (blanks around '/', the
full-width ／, full-width letters, case, 中亞/中亚), the sidebar's filter, ``meipi annotations
--tag`` and every annotation export choose the same annotations, and a parent includes its
children."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from reader import tags
from reader.documents import load_library
from reader.export import formats
from reader.ops import annotations as annotation_ops
from reader.store import open_store
from reader.store.records import AnnotationRecord
from reader.ui.annotating.annotation_models import (
    RECORD_ROLE,
    AnnotationFilterProxy,
    AnnotationListModel,
)
from tests.cli_helpers import meipi

# (document, quote, tag, a marker written as the note, found in every export's text)
ANNOTATED = (
    ("lian-obor", "戈巴契夫", "地區/中亞", "QQMARKA"),
    ("hsu-divergence", "中俄", "地區/北極", "QQMARKB"),
    ("lian-obor", "前言", "能源", "QQMARKC"),
    ("hsu-divergence", "俄羅斯", "Energy Policy", "QQMARKD"),
    ("hsu-divergence", "中國", "地區", "QQMARKE"),
)
BASES = ("地區", "地區/中亞", "地區/北極", "能源", "Energy Policy")
SIMPLIFIED = {"區": "区", "亞": "亚", "極": "极"}
BLANKS = ("", " ", "  ", "\u3000")


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """(a base tag, one of its many spellings)."""
    base = draw(st.sampled_from(BASES))
    levels = []
    for level in base.split("/"):
        chars = []
        for c in level:
            if c in SIMPLIFIED and draw(st.booleans()):
                c = SIMPLIFIED[c]
            elif c.isascii() and c.isalpha():
                c = c.upper() if draw(st.booleans()) else c.lower()
                if draw(st.booleans()):
                    c = chr(ord(c) + 0xFEE0)  # full width
            chars.append(c)
        levels.append("".join(chars))
    out = draw(st.sampled_from(BLANKS))
    for i, level in enumerate(levels):
        if i:
            out += draw(st.sampled_from(BLANKS)) + draw(st.sampled_from("/／"))
            out += draw(st.sampled_from(BLANKS))
        out += level
    return base, out + draw(st.sampled_from(BLANKS))


def expected(base: str) -> set[str]:
    key = tags.key(base)
    return {marker for _d, _q, tag, marker in ANNOTATED if tags.matches(tags.key(tag), [key])}


def markers_in(text: str) -> set[str]:
    return {marker for *_rest, marker in ANNOTATED if marker in text}


@pytest.fixture
def annotated(db_file: Path) -> list[str]:
    """The database of ANNOTATED; the export formats that hold annotations."""
    library = load_library()
    store = open_store(db_file)
    try:
        for doc_id, quote, tag, marker in ANNOTATED:
            doc = library.get(doc_id)
            start = doc.text.index(quote)
            annotation_ops.annotate(store, doc, start, start + len(quote), tags=[tag], note=marker)
    finally:
        store.close(backup=False)
    every = {m for *_r, m in ANNOTATED}
    holding = [
        f.name
        for f in formats.REGISTRY
        if markers_in(meipi("export", "--format", f.name).out) == every
    ]
    assert {"markdown", "compare", "json", "csv"} <= set(holding)
    return holding


def test_the_rule_itself() -> None:
    assert tags.key("地區 / 中亞") == tags.key("地区/中亚") == tags.key(" 地區／中亞 ")
    assert tags.key("ＥＮＥＲＧＹ  policy") != tags.key("Energy Policy")  # two blanks inside
    assert tags.key("ＥＮＥＲＧＹ Policy") == tags.key("energy policy")
    assert tags.matches(tags.key("地區/中亞"), [tags.key("地区")])
    assert not tags.matches(tags.key("地區中亞"), [tags.key("地區")])
    assert tags.filter_key(" / ") is None
    assert tags.parents("a/b/c") == ["a", "a/b", "a/b/c"]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@example(spelled=("地區/中亞", "地區 / 中亞"))  # the spelling the exports once missed
@example(spelled=("Energy Policy", " ｅｎｅｒｇｙ POLICY\u3000"))
@given(spelled=spellings())
def test_the_sidebar_the_command_line_and_every_export_agree(
    qtbot: QtBot, db_file: Path, annotated: list[str], spelled: tuple[str, str]
) -> None:
    base, spelling = spelled
    wanted = expected(base)
    assert wanted  # every base tags something

    store = open_store(db_file)
    try:
        records = annotation_ops.list_annotations(store)
    finally:
        store.close(backup=False)
    model = AnnotationListModel()
    model.set_records(records)
    proxy = AnnotationFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_tags([spelling])
    in_sidebar = {
        model.record(proxy.mapToSource(proxy.index(row, 0)).row()).note
        for row in range(proxy.rowCount())
    }
    assert in_sidebar == wanted, spelling

    listed = meipi("annotations", "--tag", spelling, "--json")
    assert listed.code == 0, listed.err
    assert {a["note"] for a in json.loads(listed.out)["annotations"]} == wanted, spelling

    for name in annotated:
        exported = meipi("export", "--format", name, "--tag", spelling)
        assert exported.code == 0, (name, exported.err)
        assert markers_in(exported.out) == wanted, (name, spelling)


@given(
    st.lists(st.text(alphabet="ab能源.*", max_size=6), max_size=40),
    st.text(alphabet="ab能源.*", min_size=1, max_size=2),
    st.booleans(),
)
def test_the_rows_holding_a_word_are_found_however_they_are_looked_for(
    texts: list[str], word: str, common: bool
) -> None:
    """Found in the joined texts (a rare word, stopping at a sixth of the rows and testing
    the rest one by one) or tested row by row (a common one): the same rows, each once."""
    from itertools import accumulate

    from reader.ui.annotating.annotation_models import _rows_holding

    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    found = _rows_holding(word, texts, "\0".join(texts), starts, common)
    assert found == [i for i, text in enumerate(texts) if word in text]


def _record(n: int, start: int, color: str = "yellow") -> AnnotationRecord:
    return AnnotationRecord(
        id=f"id-{n:04d}",
        document="doc",
        start=start,
        end=start + 2,
        quote="中俄",
        prefix="",
        suffix="",
        pages=(1, 1),
        color=color,
        tags=(),
        note=None,
        created="2026-12-07T00:00:00Z",
        updated="2026-12-07T00:00:00Z",
    )


def test_put_and_drop_touch_only_their_rows_and_the_list_follows(qtbot: QtBot) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QListView

    model = AnnotationListModel()
    model.set_records([_record(n, n * 10) for n in range(100)])
    proxy = AnnotationFilterProxy()
    proxy.setSourceModel(model)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.selectionModel().setCurrentIndex(
        proxy.index(60, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    made = [0]
    make_row = model._make_row

    def counted(record: AnnotationRecord) -> object:
        made[0] += 1
        return make_row(record)

    model._make_row = counted  # type: ignore[method-assign,assignment]
    model.put([_record(500, 255, "green")])  # between rows 25 and 26
    assert inserted == [(26, 26)] and made == [1]
    assert model.record(26).id == "id-0500"
    assert proxy.rowCount() == 101 and proxy.counts().colors["green"] == 1
    assert view.currentIndex().data(RECORD_ROLE).id == "id-0060"
    # Changed in place (the same place in text order): one row, no insertion.
    model.put([_record(500, 255, "blue")])
    assert inserted == [(26, 26)] and made == [2] and model.record(26).color == "blue"
    # A row shown removed before the current one: the list loses it, the current row stays.
    model.drop(["id-0500", "id-0010", "no-such-id"])
    assert proxy.rowCount() == len(proxy.source().records()) == 99
    assert [model.record(r).id for r in range(3)] == ["id-0000", "id-0001", "id-0002"]
    assert view.currentIndex().data(RECORD_ROLE).id == "id-0060"
    assert model.records() == sorted(model.records(), key=lambda r: r.start)


EDIT_TAGS = ((), ("能源",), ("地區/中亞",), ("地區/北極", "能源"))


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[str, AnnotationRecord | str]]:
    """Puts (new, moved or changed annotations on three articles) and drops, in any order."""
    steps: list[tuple[str, AnnotationRecord | str]] = []
    for _ in range(draw(st.integers(1, 12))):
        n = draw(st.integers(0, 40))
        if draw(st.booleans()):
            steps.append(("drop", f"id-{n:04d}"))
            continue
        record = AnnotationRecord(
            **{
                **_record(n, draw(st.integers(0, 60)) * 5)._asdict(),
                "document": draw(st.sampled_from(("a", "b", "c"))),
                "color": draw(st.sampled_from(("yellow", "green", None))),
                "tags": draw(st.sampled_from(EDIT_TAGS)),
                "note": draw(st.sampled_from((None, "筆記", "another note"))),
            }
        )
        steps.append(("put", record))
    return steps


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=edits())
def test_counts_and_filters_kept_across_puts_and_drops_are_those_made_afresh(
    qtbot: QtBot, steps: list[tuple[str, AnnotationRecord | str]]
) -> None:
    start = [
        AnnotationRecord(
            **{
                **_record(n, n * 7)._asdict(),
                "document": "abc"[n % 3],
                "tags": EDIT_TAGS[n % 4],
                "note": "筆記" if n % 2 else None,
            }
        )
        for n in range(20)
    ]
    model = AnnotationListModel()
    model.set_records(sorted(start, key=lambda r: (r.document, r.start, r.end, r.created, r.id)))
    proxy = AnnotationFilterProxy()
    proxy.setSourceModel(model)
    filters = [("a", (), ()), (None, (), ()), ("b", ("地区",), ()), (None, (), ("笔记",))]

    def seen(m: AnnotationListModel, p: AnnotationFilterProxy) -> list[object]:
        out: list[object] = []
        for document, tag_keys, words in filters:
            p.set_document(document)
            p.set_tags(tag_keys)
            p.set_text(" ".join(words))
            out += [p.counts(), [m.record(r).id for r in p._rows], m.rows_of(document)]
            out += [m.row_of(r.id) for r in m.records()]
        return out

    seen(model, proxy)  # every count, column and span made, to be kept across the edits
    for kind, what in steps:
        if isinstance(what, str):
            model.drop([what])
        else:
            model.put([what])
        assert kind in ("put", "drop")
        after = seen(model, proxy)
    fresh = AnnotationListModel()
    fresh.set_records(model.records())
    fresh_proxy = AnnotationFilterProxy()
    fresh_proxy.setSourceModel(fresh)
    assert after == seen(fresh, fresh_proxy)
    assert [model.record(r).id for r in proxy._rows] == [
        fresh.record(r).id for r in fresh_proxy._rows
    ]


def test_a_filter_and_its_counts_are_values_copied_and_pickled_whole() -> None:
    import copy
    import pickle

    from reader.ui.annotating.annotation_models import Counts, Filter

    chosen = Filter("lian-obor", frozenset({"yellow"}), frozenset({"地區/中亞"}), ("能源",))
    counts = Counts({"yellow": 2}, {"地區": 1}, 2, 5)
    for value in (chosen, counts):
        for again in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
            assert again == value and type(again) is type(value)
    assert pickle.loads(pickle.dumps(chosen)).tags == frozenset({"地區/中亞"})
    assert copy.copy(counts).total == 5

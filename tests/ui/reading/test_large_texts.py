"""Long texts and many annotations: highlights drawn near the screen follow the reader as they
scroll, and the sidebar's filter proxy shows exactly what a
plain filter over the records would, with counts, keeping the current row."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QTextCharFormat
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.folding import fold_key, fold_keys
from reader.store.records import NO_COLOR, AnnotationRecord
from reader.ui.annotating.annotation_models import (
    ID_ROLE,
    AnnotationFilterProxy,
    AnnotationListModel,
)
from reader.ui.reading.reading_view import NEAR_LIMIT, ReadingView
from reader.ui.reading.typesetting import ReadingContent
from tests.ui.helpers import long_document


def drawn(view: ReadingView) -> set[tuple[int, int]]:
    """The canonical ranges painted now, read back from the extra selections (pieces of one
    range cut at block boundaries joined again)."""
    content = view.content()
    assert content is not None
    spans = sorted(
        content.positions.to_canonical(s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in view.extraSelections()
    )
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1] + 1 and joined[-1][0] < start:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return set(joined)


def test_a_large_layer_is_drawn_near_the_screen_and_follows_the_reader(
    qtbot: QtBot, view: ReadingView
) -> None:
    doc = long_document()
    view.set_content(ReadingContent.original(doc))
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#fbe38e"))
    step = len(doc.text) // (NEAR_LIMIT * 3)
    ranges = [(i * step, i * step + 4) for i in range(NEAR_LIMIT * 3)]
    # One range across two paragraphs, near the end.
    boundary = doc.blocks[-2].end
    across = (boundary - 3, boundary + 4)
    view.set_layer("highlights", [*((a, b, fmt) for a, b in ranges), (*across, fmt)])
    assert len(view._layers["highlights"].ranges) == len(ranges) + 1  # all kept
    shown = drawn(view)
    assert ranges[0] in shown and ranges[1] in shown
    assert 0 < len(shown) < len(ranges) // 2  # only those near the screen
    assert ranges[-1] not in shown
    assert set(view.drawn_ranges("highlights")) == shown

    # Scrolled to the end: the last ones are drawn there, the first ones no longer.
    view.scroll_to_offset(across[0])
    qtbot.waitUntil(lambda: ranges[-1] in drawn(view) and across in drawn(view), timeout=5000)
    assert ranges[0] not in drawn(view)
    # And back by scrolling with the scroll bar, as the reader would.
    bar = view.verticalScrollBar()
    bar.setValue(bar.minimum())
    qtbot.waitUntil(lambda: ranges[0] in drawn(view), timeout=5000)

    # A small layer is drawn whole, wherever it lies.
    view.set_layer("highlights", [(a, b, fmt) for a, b in ranges[:: len(ranges) // 10]])
    assert drawn(view) == set(ranges[:: len(ranges) // 10])


def record(i: int, rng: random.Random) -> AnnotationRecord:
    tags = rng.sample(
        ["中亞", "能源", "地區/北極", "地區/中亞", "Energy/Gas", "軍事"], rng.randint(0, 2)
    )
    return AnnotationRecord(
        id=f"a{i:04}",
        document=("lian-obor", "hsu-divergence")[i % 2],
        start=i * 10,
        end=i * 10 + 4,
        quote=rng.choice(["區域合作", "能源政策", "北極航道", "Gas"]),
        prefix="",
        suffix="",
        pages=(1, 1),
        color=rng.choice(["yellow", "green", "blue", None]),
        tags=tuple(tags),
        note=rng.choice([None, f"筆記 {i}", "天然氣價格"]),
        created="2026-11-22T00:00:00Z",
        updated="2026-11-22T00:00:00Z",
        orphaned=False,
    )


def plain_filter(
    records: list[AnnotationRecord], doc: str | None, colors: set[str], tags: set[str], text: str
) -> list[str]:
    def ok(r: AnnotationRecord) -> bool:
        keys = [fold_key(t) for t in r.tags]
        folded = fold_key("\n".join([r.quote, r.note or "", *r.tags]))
        return (
            (doc is None or r.document == doc)
            and (not colors or (r.color or NO_COLOR) in colors)
            and (not tags or any(k == w or k.startswith(w + "/") for k in keys for w in tags))
            and all(w in folded for w in fold_key(text).split())
        )

    return [r.id for r in sorted(records, key=lambda r: (r.document, r.start)) if ok(r)]


def test_the_filter_proxy_shows_what_a_plain_filter_would_and_keeps_the_current_row(
    qtmodeltester: ModelTester,
) -> None:
    rng = random.Random(3)
    records = sorted((record(i, rng) for i in range(300)), key=lambda r: (r.document, r.start))
    model = AnnotationListModel()
    model.set_records(records)
    proxy = AnnotationFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)

    def shown() -> list[str]:
        return [proxy.index(i, 0).data(ID_ROLE) for i in range(proxy.rowCount())]

    cases = [
        ("lian-obor", set(), set(), ""),
        ("lian-obor", set(), {"地区"}, ""),
        (None, {"yellow", "none"}, set(), "笔记"),
        (None, set(), {"energy"}, "gas"),
        ("hsu-divergence", {"green"}, {"能源", "军事"}, "天然气 价格"),
        (None, set(), set(), "no such words"),
    ]
    for doc, colors, tags, text in cases:
        proxy.set_document(doc)
        proxy.set_colors(colors)
        proxy.set_tags(tags)
        proxy.set_text(text)
        assert shown() == plain_filter(records, doc, colors, tags, text)
        # Counts: each colour as if chosen alone with the other filters, each tag likewise.
        for color in ("yellow", "green", "blue", NO_COLOR):
            expected = len(plain_filter(records, doc, {color}, tags, text))
            assert proxy.color_counts()[color] == expected
        for tag in ("地区", "地区/北极", "energy/gas", "能源"):
            expected = len(plain_filter(records, doc, colors, {tag}, text))
            assert proxy.tag_counts().get(tag, 0) == expected

    # The current row stays current while it is shown; rows come and go with the records.
    proxy.set_document(None)
    proxy.set_colors([])
    proxy.set_tags([])
    proxy.set_text("")
    current = proxy.index(120, 0)
    kept = proxy.mapToSource(current).data(ID_ROLE)
    persistent = QPersistentModelIndex(current)
    wanted = next(r for r in records if r.id == kept)
    proxy.set_colors([wanted.color or NO_COLOR])
    assert persistent.isValid() and persistent.data(ID_ROLE) == kept
    proxy.set_colors(
        [c for c in ("yellow", "green", "blue", NO_COLOR) if c != (wanted.color or NO_COLOR)]
    )
    assert not persistent.isValid()
    proxy.set_colors([])
    edited = [r for r in records if r.id != records[0].id]
    edited[10] = edited[10]._replace(note="changed 能源")
    model.set_records(edited)
    proxy.set_text("能源")
    assert shown() == plain_filter(edited, None, set(), set(), "能源")
    assert QModelIndex() == proxy.index(0, 0).parent()


@given(st.lists(st.text(max_size=12), max_size=8))
def test_folding_many_texts_at_once_folds_each_as_alone(texts: list[str]) -> None:
    assert fold_keys(texts) == [fold_key(t) for t in texts]

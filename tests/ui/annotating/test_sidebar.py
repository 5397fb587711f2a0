"""The annotations sidebar: real item models (checked with qtmodeltester) kept current
incrementally; filters by free text (script-insensitive), tag (a parent includes its children)
and colour, with counts; this article or all; a click goes to the passage and flashes it; quotes
in the view's script; 500 annotations on one article stay responsive."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import Library
from reader.store import open_store
from reader.store.annotations import create_annotation, list_annotations
from reader.store.records import NO_COLOR
from reader.ui.annotating.annotation_models import AnnotationFilterProxy, AnnotationListModel
from reader.ui.annotating.annotations_feature import FLASH_LAYER
from tests.ui.helpers import MakeWindow, annotate, feature_of, interface_in, switch_view


def seed(library: Library, count: int, doc_id: str = "lian-obor") -> None:
    """``count`` annotations on one article, written before the window opens (one transaction),
    spread over the text with a few tags, colours and notes."""
    doc = library.get(doc_id)
    colors = ("yellow", "green", "blue", "pink", "purple", None)
    tags = ("中亞", "能源", "地區/北極", "地區/中亞", "Energy/Gas")
    step = max(1, (len(doc.text) - 20) // count)
    with open_store(paths.db_path()) as store, store.writing() as s:
        for i in range(count):
            start = i * step
            create_annotation(
                s,
                doc,
                start,
                start + 4,
                color=colors[i % len(colors)],
                tags=(tags[i % len(tags)],),
                note=f"note {i}" if i % 3 == 0 else None,
            )


def test_the_models_pass_qtmodeltester_while_records_change(
    qapp: object, qtmodeltester: ModelTester, library: Library
) -> None:
    seed(library, 30)
    with open_store(paths.db_path()) as store, store.reading() as s:
        records = list_annotations(s)
    model = AnnotationListModel()
    model.set_records(records[:20])
    qtmodeltester.check(model)
    proxy = AnnotationFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    # Incremental: inserts, removals and changes as single-row signals, never a reset.
    resets: list[int] = []
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    changed: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    model.dataChanged.connect(lambda a, _b, _r=(): changed.append(a.row()))
    edited = [*records[:20]]
    edited[5] = edited[5]._replace(note="changed")
    del edited[10]
    edited.insert(0, records[25])  # an earlier id order does not matter: text order does
    model.set_records(sorted([*edited[1:], records[20]], key=lambda r: (r.document, r.start)))
    assert resets == []
    assert removed == [(10, 10)]
    assert inserted == [(19, 19)]
    assert changed == [5]
    assert [r.id for r in model.records()] == [
        r.id for r in sorted([*edited[1:], records[20]], key=lambda r: (r.document, r.start))
    ]
    proxy.set_text("note 3")
    proxy.set_colors(["green", "none"])
    proxy.set_tags(["地区"])
    model.set_records(records)


def test_filters_by_text_tag_and_colour_with_counts(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    a = annotate(feature, window, "區域性的多邊或雙邊合作", "green", ("地區/中亞",), "Hedging?")
    b = annotate(feature, window, "上海合作組織的成立", "yellow", ("地區/北極",))
    c = annotate(feature, window, "能源", None, ("能源",), "天然氣價格")
    sidebar = feature.sidebar
    assert sidebar.ids() == [r.id for r in sorted([a, b, c], key=lambda r: r.start)]

    # Free text in Simplified finds the Traditional quote; also notes and tags; any case.
    qtbot.keyClicks(sidebar.search, "hedging")
    assert sidebar.ids() == [a.id]
    sidebar.search.clear()
    sidebar.search.insert("区域性")
    assert sidebar.ids() == [a.id]
    sidebar.search.setText("天然气")  # the note, in Simplified
    assert sidebar.ids() == [c.id]
    sidebar.search.setText("地区/北极")
    assert sidebar.ids() == [b.id]
    sidebar.search.clear()

    # Tags: the parent includes its children; counts beside each.
    tags = sidebar.tags
    parent = tags.index_of("地区")
    assert tags.data(parent.siblingAtColumn(1)) == "2"
    assert tags.setData(parent, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert set(sidebar.ids()) == {a.id, b.id}
    # The colour counts follow the tag filter (what choosing a colour would show).
    colors = sidebar.colors
    green_row = 1
    assert colors.data(colors.index(green_row)) == "Agree (1)"
    assert colors.data(colors.index(5)) == "Note only (0)"
    colors.setData(colors.index(green_row), Qt.CheckState.Checked.value, 10)  # CheckStateRole
    assert sidebar.ids() == [a.id]
    assert sidebar.count_label.text() == "1 of 3"
    sidebar.clear_filters()
    assert len(sidebar.ids()) == 3
    sidebar.set_color_filter(["none"])
    assert sidebar.ids() == [c.id]
    sidebar.clear_filters()

    # This article, or all of them.
    window.open_document("hsu-divergence")
    assert sidebar.ids() == []
    d = annotate(feature, window, "北極", "blue", ("地區/北極",))
    assert sidebar.ids() == [d.id]
    with qtbot.waitSignal(feature.all_loaded, timeout=10_000):  # read on a worker thread
        sidebar.set_all_articles(True)
    assert len(sidebar.ids()) == 4
    sidebar.set_tag_filter(["地区/北极"])
    assert set(sidebar.ids()) == {b.id, d.id}


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Note only"), ("zh_TW", "僅筆記"), ("zh_CN", "仅笔记")]
)
def test_a_note_only_row_is_named_as_the_colour_filter_names_it(
    qtbot: QtBot, make_window: MakeWindow, language: str, name: str
) -> None:
    """Its details line said "note" (lowercase) beside "Important" and "Question"."""
    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "能源", None, ("Energy policy",), "天然氣價格")
    annotate(feature, window, "上海合作組織的成立", "yellow", ("中亞",))
    sidebar = feature.sidebar
    qtbot.waitUntil(lambda: sidebar.proxy.rowCount() == 2)
    with interface_in(language):
        lines = [sidebar.delegate.meta_line(sidebar.proxy.index(r, 0)) for r in range(2)]
        filter_name = sidebar.colors.label(NO_COLOR)
    assert filter_name == name
    note_line = next(line for line in lines if "#Energy policy" in line)
    assert note_line.split(" · ")[1] == name, lines


def test_the_tags_box_gives_a_tag_the_width_its_count_leaves(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """ "Energy policy" was cut to "Energy …" while the count's column stood half empty."""
    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "能源", None, ("Energy policy",))
    view, tags = feature.sidebar.tag_view, feature.sidebar.tags
    qtbot.waitUntil(lambda: tags.index_of("energy policy").isValid())
    name, count = tags.index_of("energy policy"), tags.index_of("energy policy", 1)
    # The count keeps the width of its digits, at the right edge…
    digits = view.fontMetrics().horizontalAdvance("0000") + 24
    qtbot.waitUntil(lambda: view.visualRect(count).width() < digits)
    assert view.visualRect(count).right() >= view.viewport().width() - 2
    # …and the tag has the rest.
    needed = view.fontMetrics().horizontalAdvance("Energy policy")
    assert view.visualRect(name).width() > needed + 40  # a check box and room to spare


def test_a_click_goes_to_the_passage_and_flashes_it(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    feature = feature_of(window)
    late = annotate(feature, window, "總而言之，在中國崛起下", "purple", (), "the conclusion")
    view = window.reading_view
    view.scroll_to_offset(0)
    sidebar = feature.sidebar
    index = sidebar.proxy.index(0, 0)
    rect = sidebar.list.visualRect(index)
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    rects = view.range_rects(late.start, late.end)
    assert rects and 0 <= rects[0].top() < view.viewport().height()
    flashed = [
        s.cursor.selectedText()
        for s in view.extraSelections()
        if s.format.background().color().name() == window.theme().accent.lower()
    ]
    assert flashed == ["總而言之，在中國崛起下"]
    assert feature.margin.active() == late.id
    # The flash fades by itself.
    qtbot.waitUntil(lambda: not view._layers[FLASH_LAYER].ranges, timeout=3000)
    # Keyboard: Enter on a row goes there too.
    view.scroll_to_offset(0)
    sidebar.list.setFocus()
    sidebar.list.setCurrentIndex(index)
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Return)
    assert view.range_rects(late.start, late.end)[0].top() >= 0


def test_quotes_read_in_the_view_shown(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    record = annotate(feature, window, "區域性的多邊或雙邊合作")
    row = feature.model.row_of(record.id)
    index = feature.sidebar.proxy.mapFromSource(feature.model.index(row))
    assert index.data() == "區域性的多邊或雙邊合作"
    switch_view(qtbot, window, "zh-Hans-CN")
    # IT vocabulary stays out of prose (issue 16): 區域性 is not 局部 on the mainland either.
    assert index.data() == "区域性的多边或双边合作"
    assert feature.sidebar.delegate.meta_line(index) == "p. 3 · Important"


def test_500_annotations_on_one_article_stay_responsive(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    """Everything still works at 500 annotations (their speed is ``meipi bench``'s to measure):
    the list, a filter, one more highlight, a view switch."""
    seed(library, 500)
    window = make_window()
    feature = feature_of(window)
    assert len(feature.records("lian-obor")) == 500
    assert len(feature.sidebar.ids()) == 500
    feature.sidebar.search.setText("energy/GAS")  # every fifth: the tag Energy/Gas
    assert len(feature.sidebar.ids()) == 100
    feature.sidebar.search.clear()
    record = annotate(feature, window, "上海合作組織", "blue")
    assert len(feature.sidebar.ids()) == 501 and record.id in feature.sidebar.ids()
    switch_view(qtbot, window, "zh-Hans")
    layer = window.reading_view._layers["annotations"].ranges
    assert len(layer) == 501


def test_typing_a_filter_shows_at_each_key_what_a_plain_filter_would(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    """Each key typed filters again; a filter holding the last one's words (note → note 1)
    looks only in the rows the last one showed, any other (a key deleted) in every row."""
    from reader.folding import fold_key

    seed(library, 120)
    window = make_window()
    feature = feature_of(window)
    sidebar = feature.sidebar
    records = feature.records("lian-obor")

    def plain(text: str) -> list[str]:
        words = fold_key(text).split()
        return [
            r.id
            for r in records
            if all(w in fold_key("\n".join([r.quote, r.note or "", *r.tags])) for w in words)
        ]

    sidebar.search.setFocus()
    for key in "note 1":
        qtbot.keyClicks(sidebar.search, key)
        assert sidebar.ids() == plain(sidebar.search.text()), sidebar.search.text()
    assert 0 < len(sidebar.ids()) < len(records)
    for _ in range(2):
        qtbot.keyClick(sidebar.search, Qt.Key.Key_Backspace)
        assert sidebar.ids() == plain(sidebar.search.text()), sidebar.search.text()
    sidebar.search.insert(" 地区")  # (keyClicks types Latin only)
    assert sidebar.ids() == plain("note 地区")


def test_a_filter_draws_its_rows_in_its_first_paint_and_lays_out_every_row(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    """A filter's rows are on screen in the list's first paint after it (issue 22: laid out in
    batches, the list was painted blank until every batch was), and every row is laid out, one
    under the other, so the last one is reached by scrolling and drawn where it belongs."""
    from reader.tags import key

    seed(library, 350)
    window = make_window()
    sidebar = feature_of(window).sidebar
    corner = QPoint(2, 2)
    qtbot.waitUntil(lambda: sidebar.list.indexAt(corner).isValid())
    paints: list[int] = []  # at each paint of the list: the row at its top (-1: none)

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints.append(sidebar.list.indexAt(corner).row())
            return False

    watch = Watch()
    sidebar.list.viewport().installEventFilter(watch)
    sidebar.set_tag_filter([key("地區")])  # two tags of five: 140 rows
    shown = sidebar.proxy.rowCount()
    assert 100 < shown < 350
    qtbot.waitUntil(lambda: bool(paints))
    assert paints[0] == 0
    last = sidebar.proxy.index(shown - 1, 0)
    first = sidebar.proxy.index(0, 0)
    height = sidebar.list.visualRect(first).height()
    # Uniform heights: the last row is shown - 1 rows down.
    assert (
        sidebar.list.visualRect(last).top() - sidebar.list.visualRect(first).top()
        == (shown - 1) * height
    )
    sidebar.list.scrollTo(last)
    qtbot.waitUntil(
        lambda: sidebar.list.viewport().rect().intersects(sidebar.list.visualRect(last))
    )
    # A point of the last row inside the viewport (the row may be only partly visible when the
    # sidebar is short: indexAt finds nothing outside the viewport).
    seen = sidebar.list.viewport().rect().intersected(sidebar.list.visualRect(last))
    assert sidebar.list.indexAt(seen.center()).row() == shown - 1


def test_a_long_note_shows_the_lines_its_row_has_room_for_then_an_ellipsis(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Every row is as high as the others: below a one-line quote the note has two lines, below
    a two-line quote one; a note longer than that ends in "…" (it was cut off mid-sentence, with
    nothing to say more followed), a short one is shown whole."""
    from reader.ui.annotating.sidebar_rows import NotePreview

    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    under_one = "戈巴契夫的新思維是中俄關係正常化的起點；" * 8
    under_two = "比較許菁芸文中對時間點的敘述，兩者的界定不同。" * 8
    long_quote = doc.text[doc.text.index("1994年") :][:60]
    annotate(feature, window, "新思維", "yellow", (), under_one)
    annotate(feature, window, long_quote, "blue", (), under_two)
    annotate(feature, window, "和平共處五原則", "green", (), "短註")
    sidebar = feature.sidebar
    delegate = sidebar.delegate
    painted: dict[str, NotePreview] = {}
    note_preview = delegate.note_preview

    def recording(note: str, font: QFont, width: int, height: float) -> NotePreview:
        preview = note_preview(note, font, width, height)
        painted[note] = preview
        return preview

    delegate.note_preview = recording  # type: ignore[method-assign]
    sidebar.list.viewport().repaint()
    qtbot.waitUntil(lambda: len(painted) == 3)
    one, two, short = painted[under_one], painted[under_two], painted["短註"]
    assert one.lines == 2 and one.total > 2 and one.more is not None
    assert two.lines == 1 and two.total > 1 and two.more is not None
    assert short.lines == short.total == 1 and short.more is None

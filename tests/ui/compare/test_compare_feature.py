"""Compare mode driven as a reader would: two articles side by side, a theme chosen on the board,
its passages in two columns and highlighted in both panes, stepping through them, the theme
memo kept across a restart and in the comparison export, and any two documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSlider, QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from reader.ui.compare.compare_feature import compare_feature
from reader.ui.compare.compare_view import scroll
from reader.ui.compare.compare_window import (
    CURRENT_BACKGROUND,
    CURRENT_LAYER,
    THEME_BACKGROUND,
    THEME_LAYER,
    CompareWindow,
)
from reader.ui.compare.themes import (
    KEY_ROLE,
    ONLY_IN_ROLE,
    QUOTE_ROLE,
    SHOWN_QUOTE_ROLE,
    ThemeTableModel,
)
from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.reading_view import ReadingView
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow

EVERY, CURRENT = THEME_BACKGROUND[0], CURRENT_BACKGROUND[0]  # the light theme's

# (document, quote, occurrence, tags): 中亞 / 能源 / 一帶一路 / 軍事 in both, 北極 only in hsu.
ANNOTATIONS = (
    ("lian-obor", "中亞國家", 1, ("中亞",)),
    ("lian-obor", "能源議題", 1, ("能源", "一帶一路")),
    ("lian-obor", "軍事", 1, ("軍事",)),
    ("lian-obor", "總而言之，在中國崛起下", 1, ("中亚", "一帶一路")),
    ("hsu-divergence", "北極", 1, ("北極",)),
    ("hsu-divergence", "中亞", 2, ("中亞", "能源")),
    ("hsu-divergence", "一帶一路倡議", 1, ("一帶一路",)),
    ("hsu-divergence", "軍事演習", 1, ("軍事",)),
)


def annotate(doc: str, quote: str, occurrence: int = 1, tags: tuple[str, ...] = ()) -> None:
    argv = ["annotate", doc, "--quote", quote, "--occurrence", str(occurrence)]
    for tag in tags:
        argv += ["--tag", tag]
    result = meipi(*argv)
    assert result.code == 0, result.err


@pytest.fixture
def annotated() -> None:
    for doc, quote, occurrence, tags in ANNOTATIONS:
        annotate(doc, quote, occurrence, tags)


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[MakeWindow]:
    """A shown main window on the test's data directory; call again for a "restart"."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
        qtbot.addWidget(window)
        window.resize(780, 560)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: compare_feature(window) is not None, timeout=3000)
        made.append(window)
        return window

    yield make
    # Hide the compare windows and let their panes' queued re-layouts run before pytest-qt
    # deletes the windows (a pane's queued timer must not outlive it).
    for window in made:
        feature = compare_feature(window)
        if feature is not None and feature.window is not None:
            feature.window.hide()
        window.close()
    QApplication.processEvents()


def open_compare(qtbot: QtBot, window: MainWindow) -> CompareWindow:
    feature = compare_feature(window)
    assert feature is not None
    with qtbot.waitSignal(feature.window_opened, timeout=3000):
        feature.action.trigger()
    compare = feature.window
    assert compare is not None
    qtbot.waitExposed(compare)
    compare.resize(1300, 800)
    return compare


def text_of(doc_id: str) -> str:
    return load_library().get(doc_id).text


def nth(text: str, quote: str, occurrence: int = 1) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.index(quote, at + 1)
    return at


def layer_ranges(view: ReadingView, *backgrounds: str) -> list[tuple[int, int]]:
    """The canonical ranges drawn with one of these backgrounds (read back from the view's
    extra selections, so what is checked is what is painted)."""
    content = view.content()
    assert content is not None
    ranges = []
    for sel in view.extraSelections():
        if sel.format.background().color().name() in backgrounds:
            start, end = sel.cursor.selectionStart(), sel.cursor.selectionEnd()
            ranges.append(content.positions.to_canonical(start, end))
    return ranges


def wheel_down(view: ReadingView) -> None:
    """One notch of the mouse wheel over the text."""
    viewport = view.viewport()
    at = QPoint(viewport.width() // 2, viewport.height() // 2)
    event = QWheelEvent(
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def visible(view: ReadingView, start: int, end: int) -> bool:
    rects = view.range_rects(start, end)
    area = QRect(view.viewport().rect())
    return bool(rects) and all(area.contains(r.toRect().center()) for r in rects)


# -- the window ----------------------------------------------------------------------------


def test_compare_mode_shows_both_articles_each_with_its_own_view_and_place(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    feature = compare_feature(window)
    assert feature is not None and feature.window is None  # nothing built before it is asked for
    assert feature.action.shortcut().toString() == "Ctrl+Shift+M"
    assert feature.action in window.view_menu.actions()
    compare = open_compare(qtbot, window)
    left, right = compare.view.panes
    assert left.document_id() == "lian-obor" and right.document_id() == "hsu-divergence"
    assert left.reading_view.toPlainText() == text_of("lian-obor")
    assert right.reading_view.toPlainText() == text_of("hsu-divergence")
    assert not compare.view.sync_scrolling()  # off by default

    # Each pane its own script: the left in 简体, the right stays in the original.
    left.view_box.activated.emit(left.view_box.findData("zh-Hans"))
    assert left.view_id() == "zh-Hans" and right.view_id() == "original"
    assert "中亚国家" in left.reading_view.toPlainText()
    assert right.reading_view.toPlainText() == text_of("hsu-divergence")

    # Zoom follows the main window, and works from the compare window too.
    window.zoom_in_action.trigger()
    size = window.reading_view.typography().point_size
    assert left.reading_view.typography().point_size == size > 14.0
    assert right.reading_view.typography().point_size == size
    assert window.zoom_out_action in compare.actions()

    # Each pane its own place: scrolling one leaves the other where it is.
    before = right.reading_view.first_visible_offset()
    scroll(left.reading_view, QAbstractSlider.SliderAction.SliderPageStepAdd)
    scroll(left.reading_view, QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert left.reading_view.first_visible_offset() > 0
    assert right.reading_view.first_visible_offset() == before


def test_choosing_a_theme_lists_and_highlights_its_passages(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    with qtbot.waitSignal(compare.board.theme_chosen, timeout=2000) as chosen:
        assert compare.choose_theme("中亚")  # any spelling of the tag 中亞
    assert chosen.args == ["中亚"]
    lian, hsu = text_of("lian-obor"), text_of("hsu-divergence")
    left_col, right_col = compare.board.columns
    assert [left_col.model.index(i).data(QUOTE_ROLE) for i in range(2)] == [
        "中亞國家",
        "總而言之，在中國崛起下",
    ]
    assert left_col.model.rowCount() == 2
    assert [right_col.model.index(i).data(QUOTE_ROLE) for i in range(1)] == ["中亞"]
    assert right_col.model.rowCount() == 1
    assert compare.board.passages(1)[0].start == nth(hsu, "中亞", 2)
    assert left_col.position_label.text() == "1 of 2"

    # Highlighted in both panes, on their words; the first of each is the current one. (Those
    # far from the screen are drawn as the paced layout reaches them.)
    left, right = compare.view.panes
    first = nth(lian, "中亞國家")
    last = nth(lian, "總而言之，在中國崛起下")
    qtbot.waitUntil(lambda: (last, last + 11) in layer_ranges(left.reading_view, EVERY))
    assert (first, first + 4) in layer_ranges(left.reading_view, EVERY)
    assert (last, last + 11) in layer_ranges(left.reading_view, EVERY)
    hsu_start = nth(hsu, "中亞", 2)
    assert layer_ranges(right.reading_view, CURRENT) == [(hsu_start, hsu_start + 2)]
    assert visible(left.reading_view, first, first + 4)
    assert visible(right.reading_view, hsu_start, hsu_start + 2)

    # Another theme replaces the highlights; 北極 is only in the right-hand article.
    assert compare.choose_theme("北極")
    assert left_col.model.rowCount() == 0 and left_col.position_label.text() == "no passages"
    assert left_col.empty_label.isVisible()
    assert left_col.empty_label.text() == "北極 is not among the themes of 連弘宜."
    assert not right_col.empty_label.isVisible()
    assert layer_ranges(left.reading_view, EVERY, CURRENT) == []
    assert [r.quote for r in compare.board.passages(1)] == ["北極"]
    assert THEME_LAYER != CURRENT_LAYER


def test_a_theme_found_in_only_one_article_is_marked(
    qtbot: QtBot, qtmodeltester: ModelTester, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    model = compare.board.model
    qtmodeltester.check(model)  # the live models of the board, as the window fills them
    assert compare.choose_theme("中亞")
    qtmodeltester.check(compare.board.columns[0].model)
    rows = {r.name: r for r in model.themes()}
    assert set(rows) == {"中亞", "能源", "一帶一路", "軍事", "北極"}
    assert rows["中亞"].counts == (2, 1) and rows["北極"].counts == (0, 1)
    arctic = model.index(model.row_of(rows["北極"].key), ThemeTableModel.COL_ONLY)
    assert arctic.data(ONLY_IN_ROLE) == 1
    assert arctic.data() == "only 許菁芸"
    assert "Found only in 許菁芸" in arctic.data(Qt.ItemDataRole.ToolTipRole)
    assert arctic.data(Qt.ItemDataRole.FontRole).bold()
    shared = model.index(model.row_of(rows["軍事"].key), ThemeTableModel.COL_ONLY)
    assert shared.data(ONLY_IN_ROLE) == -1 and shared.data() == ""
    assert model.headerData(1, Qt.Orientation.Horizontal) == "連弘宜"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "許菁芸"
    # Choosing by clicking its row.
    proxy_index = compare.board.proxy.mapFromSource(model.index(model.row_of(rows["北極"].key), 0))
    rect = compare.board.table.visualRect(proxy_index)
    with qtbot.waitSignal(compare.board.theme_chosen, timeout=2000):
        qtbot.mouseClick(
            compare.board.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert compare.board.current_theme() == proxy_index.data(KEY_ROLE)


def test_next_and_previous_step_through_each_articles_passages(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    assert compare.choose_theme("一帶一路")
    lian = text_of("lian-obor")
    left = compare.view.panes[0].reading_view
    starts = [r.start for r in compare.board.passages(0)]
    assert starts == sorted([nth(lian, "能源議題"), nth(lian, "總而言之，在中國崛起下")])
    column = compare.board.columns[0]
    assert column.current_row() == 0 and visible(left, starts[0], starts[0] + 4)
    top_at_first = left.first_visible_offset()

    compare.step_actions[(0, 1)].trigger()  # F7: next in the left article
    assert column.current_row() == 1 and column.position_label.text() == "2 of 2"
    assert visible(left, starts[1], starts[1] + 11)
    assert left.first_visible_offset() > top_at_first
    assert layer_ranges(left, CURRENT) == [(starts[1], starts[1] + 11)]
    right_before = compare.view.panes[1].reading_view.first_visible_offset()

    compare.step_actions[(0, -1)].trigger()  # Shift+F7: previous
    assert column.current_row() == 0 and visible(left, starts[0], starts[0] + 4)
    assert layer_ranges(left, CURRENT) == [(starts[0], starts[0] + 4)]
    compare.step_actions[(0, -1)].trigger()  # round the beginning to the last
    assert column.current_row() == 1
    # The buttons do the same; the other article's pane did not move.
    qtbot.mouseClick(column.next_button, Qt.MouseButton.LeftButton)
    assert column.current_row() == 0
    assert compare.view.panes[1].reading_view.first_visible_offset() == right_before
    assert compare.step_actions[(1, 1)].shortcut().toString() == "F8"


def test_scrolling_together_is_off_until_turned_on(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    left, right = (p.reading_view for p in compare.view.panes)
    right_bar = right.verticalScrollBar()
    scroll(left, QAbstractSlider.SliderAction.SliderSingleStepAdd)
    assert right_bar.value() == 0
    compare.sync_action.trigger()
    assert compare.view.sync_scrolling() and compare.view.sync_box.isChecked()
    before_left, before_right = left.verticalScrollBar().value(), right_bar.value()
    scroll(left, QAbstractSlider.SliderAction.SliderPageStepAdd)
    moved = left.verticalScrollBar().value() - before_left
    assert moved > 0 and right_bar.value() - before_right == moved
    # The mouse wheel over the right-hand text moves both.
    before_left, before_right = left.verticalScrollBar().value(), right_bar.value()
    wheel_down(right)
    moved = right_bar.value() - before_right
    assert moved > 0 and left.verticalScrollBar().value() - before_left == moved
    # A re-layout of one pane (another script) does not drag the other along.
    value = right_bar.value()
    compare.view.panes[0].set_view("zh-Hans")
    assert right_bar.value() == value
    compare.view.sync_box.setChecked(False)
    scroll(left, QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert right_bar.value() == value


def test_memo_survives_a_restart_and_is_in_the_comparison_export(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    assert compare.choose_theme("中亞")
    memo = compare.board.memo
    assert memo.editor.isEnabled() and memo.text() == ""
    memo.editor.setFocus()
    with qtbot.waitSignal(memo.memo_saved, timeout=3000) as saved:
        qtbot.keyClicks(memo.editor, "Lian: SCO; Hsu: rivalry")
    assert saved.args == ["中亞"]
    assert memo.status.text() == "Saved."
    memo.editor.insertPlainText("。兩文皆重中亞")  # typed, then the window closes at once
    compare.view.panes[1].set_view("zh-Hans")
    compare.view.set_sync_scrolling(True)
    window.close()
    assert not window.isVisible()

    second = make_window()
    compare2 = open_compare(qtbot, second)
    assert compare2 is not compare
    # Compare mode opens as it was left: the articles, their views, scrolling together.
    panes = compare2.view.panes
    assert [p.document_id() for p in panes] == ["lian-obor", "hsu-divergence"]
    assert [p.view_id() for p in panes] == ["original", "zh-Hans"]
    assert compare2.view.sync_scrolling() and compare2.sync_action.isChecked()
    assert compare2.choose_theme("中亚")
    assert compare2.board.memo.text() == "Lian: SCO; Hsu: rivalry。兩文皆重中亞"
    row = compare2.board.model.row_of("中亚")
    assert compare2.board.model.index(row, 0).data().endswith("✎")
    second.close()

    export = meipi("export", "--format", "compare")
    assert export.code == 0, export.err
    section = export.out.split("## 中亞", 1)[1].split("\n## ", 1)[0]
    assert "Memo:" in section and "Lian: SCO; Hsu: rivalry。兩文皆重中亞" in section


def test_a_refused_memo_stays_on_screen_with_a_message(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    assert compare.choose_theme("能源")
    store = window.services.store()
    assert store is not None
    store.read_only = True  # what open_store decides for an unwritable file
    memo = compare.board.memo
    memo.editor.setFocus()
    with qtbot.waitSignal(memo.save_failed, timeout=3000) as failed:
        memo.editor.insertPlainText("能源合作")  # as an input method commits it
    assert "read-only" in failed.args[0] and "not saved" in failed.args[0]
    assert memo.text() == "能源合作" and "read-only" in memo.status.text()
    assert "read-only" in compare.statusBar().currentMessage()
    # Another theme and back: the draft is still there.
    assert compare.choose_theme("北極") and memo.text() == ""
    assert compare.choose_theme("能源") and memo.text() == "能源合作"
    # Quitting is stopped once, showing the memo; nothing was written.
    window.close()
    assert window.isVisible() and compare.isVisible()
    assert meipi("export", "--format", "compare").out.count("能源合作") == 0
    # Once the database is writable again, the next edit saves it.
    store.read_only = False
    with qtbot.waitSignal(memo.memo_saved, timeout=3000):
        qtbot.keyClicks(memo.editor, "!")
    assert not memo.has_unsaved()
    window.close()
    assert not window.isVisible()
    assert "能源合作!" in meipi("export", "--format", "compare").out


USER_TEXT = """meipi-text: 1
id: my-notes
title: 北極航道筆記
authors: 王小明
script: zh-Hant-TW
---
title: 北極航道筆記
author: 王小明
paragraph: 俄羅斯在北極的能源開發需要中國資金，中亞管線則是另一條路。
paragraph: 北極航道的軍事意涵不容忽視。
"""


def test_any_two_documents_including_the_users_own(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    Path(folder, "my-notes.meipi.txt").write_text(USER_TEXT, encoding="utf-8")
    annotate("my-notes", "北極的能源開發", 1, ("北極", "能源"))
    annotate("my-notes", "北極航道的軍事意涵", 1, ("北極", "軍事"))
    window = make_window()
    compare = open_compare(qtbot, window)
    # Choosing the user's text in the left pane, as a reader would.
    left = compare.view.panes[0]
    with qtbot.waitSignal(left.document_changed, timeout=2000):
        left.article_box.activated.emit(left.article_box.findData("my-notes"))
    assert compare.board.documents() == ("my-notes", "hsu-divergence")
    assert left.reading_view.toPlainText() == load_library().get("my-notes").text
    assert compare.choose_theme("北極")
    rows = {r.name: r for r in compare.board.model.themes()}
    assert rows["北極"].counts == (2, 1) and rows["北極"].only_in == -1
    assert rows["一帶一路"].counts == (0, 1) and rows["一帶一路"].only_in == 1
    assert [r.quote for r in compare.board.passages(0)] == ["北極的能源開發", "北極航道的軍事意涵"]
    assert compare.board.model.headerData(1, Qt.Orientation.Horizontal) == "王小明"
    compare.step_actions[(0, 1)].trigger()
    text = load_library().get("my-notes").text
    start = text.index("北極航道的軍事意涵")
    assert layer_ranges(left.reading_view, CURRENT) == [(start, start + 9)]
    # Closed and opened again: the same two articles.
    compare.close()
    assert open_compare(qtbot, window) is compare
    assert compare.board.documents() == ("my-notes", "hsu-divergence")
    assert compare.board.current_theme() == "北极"
    # The passages read in the pane's script.
    left.set_view("zh-Hans")
    assert compare.board.columns[0].model.index(0).data(SHOWN_QUOTE_ROLE) == "北极的能源开发"
    assert layer_ranges(left.reading_view, CURRENT) == [(start, start + 9)]
    # A text shorter than the pane settles: its scroll bar does not come and go for ever (it
    # did, re-laying the column out thousands of times a minute while the window stood open).
    assert resizes_while_idle(left.reading_view) == 0


def resizes_while_idle(view: QAbstractScrollArea, turns: int = 60) -> int:
    """How often ``view``'s viewport is resized while nothing happens (its scroll bar coming
    and going changes the viewport, not the view)."""

    class Count(QObject):
        resizes = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Resize:
                Count.resizes += 1
                if Count.resizes > 100:
                    # Restless for good (within one turn of events it never ends): stopped so
                    # the test fails instead of hanging.
                    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            return False

    counter = Count()
    view.viewport().installEventFilter(counter)
    try:
        for _ in range(turns):
            QApplication.processEvents()
    finally:
        view.viewport().removeEventFilter(counter)
    return Count.resizes


def test_an_annotation_added_elsewhere_updates_the_board_keeping_the_place(
    qtbot: QtBot, make_window: MakeWindow, annotated: None
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    assert compare.choose_theme("一帶一路")
    compare.step_actions[(0, 1)].trigger()
    column = compare.board.columns[0]
    stepped = column.current_record()
    assert column.current_row() == 1 and stepped is not None
    left = compare.view.panes[0].reading_view
    top = left.first_visible_offset()
    annotate("lian-obor", "俄羅斯", 1, ("北極",))  # from the command line, while it is open
    with qtbot.waitSignal(compare.board.themes_reloaded, timeout=4000):
        pass
    rows = {r.name: r for r in compare.board.model.themes()}
    assert rows["北極"].counts == (1, 1) and rows["北極"].only_in == -1
    # The theme, the passage stepped to and the pane's place are kept.
    assert compare.board.current_theme() == "一带一路"
    assert column.current_row() == 1 and column.position_label.text() == "2 of 2"
    assert layer_ranges(left, CURRENT) == [(stepped.start, stepped.end)]
    assert visible(left, stepped.start, stepped.end)
    assert abs(left.first_visible_offset() - top) < 40  # within a line
    assert compare.choose_theme("北極")
    assert [r.quote for r in compare.board.passages(0)] == ["俄羅斯"]


def test_empty_states_show_every_line_whole(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    compare.resize(1005, 480)  # small: the board and the passage lists are squeezed
    board = compare.board
    qtbot.waitUntil(lambda: bool(board.status.text()) and board.status.isVisible())
    # The board's message (no tags yet) gets the height of all its lines.
    status = board.status
    assert status.height() >= status.heightForWidth(status.width())
    # …and the board is wide enough to read it on a few lines, not a word a line.
    lines = status.heightForWidth(status.width()) / status.fontMetrics().lineSpacing()
    assert lines <= 3
    for column in board.columns:
        label = column.empty_label
        qtbot.waitUntil(label.isVisible)
        assert label.text()
        assert label.height() >= label.heightForWidth(label.width())
        # And it is inside the list, where it can be seen.
        assert column.list.viewport().rect().intersects(label.geometry())

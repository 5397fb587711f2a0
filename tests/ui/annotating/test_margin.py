"""Margin notes: level with their passages, never overlapping (stacked when crowded), linked to
the passage on hover and click, edited in place (a refused save keeps the text), collapsible,
and following the text when it scrolls or changes view."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QTextCharFormat, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.annotating.annotations_feature import HOVER_LAYER
from reader.ui.annotating.margin import MAX_LINES, Card, lines_bottom, render_note
from tests.ui.helpers import MakeWindow, annotate, feature_of, switch_view

# Wide enough for the notes beside a full column (a narrower pane folds them to a strip).
WIDE = (1280, 560)


def test_notes_sit_level_with_their_passages_and_never_overlap(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    view = window.reading_view
    # One note alone, then five on the same line: they crowd, and stack.
    alone = annotate(feature, window, "戈巴契夫", "yellow", (), "Gorbachev: 戈巴契夫 / 戈尔巴乔夫")
    crowd = [
        annotate(feature, window, passage, None, (), f"note {i} " + "長" * (20 * (i + 1)))
        for i, passage in enumerate(["新思維", "外交", "政策", "蘇聯", "解體"])
    ]
    view.scroll_to_offset(0)
    margin = feature.margin
    qtbot.waitUntil(lambda: margin.card(alone.id) is not None, timeout=3000)
    card = margin.card(alone.id)
    assert card is not None
    passage_top = view.range_rects(alone.start, alone.start + 1)[0].top()
    assert card.anchor_y == passage_top
    assert abs(card.rect.top() - passage_top) < 1  # level with its passage
    cards = margin.cards
    assert len(cards) >= 2
    for upper, lower in itertools.pairwise(cards):
        assert upper.rect.bottom() < lower.rect.top()  # stacked, never overlapping
        assert lower.rect.top() >= lower.anchor_y  # pushed down, never above its passage
    # In the margin, beside the text and left of the scroll bar.
    assert margin.geometry().left() > view.viewport().geometry().right()
    assert margin.isVisible()
    assert {c.record.id for c in cards} >= {alone.id, crowd[0].id}

    # Scrolling moves the notes with the text.
    before = margin.card(alone.id)
    assert before is not None
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 40)
    after = margin.card(alone.id)
    assert after is not None and abs((before.anchor_y - after.anchor_y) - 40) < 1


def test_hover_and_click_link_a_note_to_its_passage(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "blue", (), "SCO")
    window.reading_view.scroll_to_offset(record.start)
    margin = feature.margin
    card = margin.card(record.id)
    assert card is not None
    with qtbot.waitSignal(margin.note_hovered, timeout=2000) as hovered:
        qtbot.mouseMove(margin, card.rect.center().toPoint())
    assert hovered.args == [record.id]
    underlined = [
        s.cursor.selectedText()
        for s in window.reading_view.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    ]
    assert underlined == ["上海合作組織"]
    qtbot.mouseMove(margin, QPoint(2, 2))
    assert window.reading_view._layers[HOVER_LAYER].ranges == []
    feature.sidebar.list.clearSelection()
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=card.rect.center().toPoint())
    assert feature.sidebar.current_id() == record.id
    assert margin.active() == record.id
    # The other way: the pointer on the highlight in the text lights its note.
    view = window.reading_view
    words = view.range_rects(record.start + 2, record.start + 3)[0].center().toPoint()
    # Qt's test pointer keeps its state across tests (a double-click elsewhere can leave it
    # looking pressed, and a move to where it already is sends nothing): start from a release
    # away from the words.
    away = QPoint(words.x(), max(0, words.y() - 200))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=away)
    qtbot.mouseMove(view.viewport(), away)
    qtbot.mouseMove(view.viewport(), words)
    qtbot.waitUntil(lambda: margin.hovered() == record.id, timeout=2000)
    qtbot.mouseMove(view.viewport(), QPoint(5, 5))
    qtbot.waitUntil(lambda: margin.hovered() is None, timeout=2000)
    # A click on the highlight makes it the current annotation.
    other = annotate(feature, window, "中亞國家", "yellow", (), "Central Asian states")
    view.scroll_to_offset(other.start)
    margin.set_active(None)
    spot = view.range_rects(other.start + 1, other.start + 2)[0].center().toPoint()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert feature.sidebar.current_id() == other.id
    assert margin.active() == other.id
    assert "Central Asian states" in feature.tooltip_for(other)


def test_a_note_is_edited_in_place_and_a_refused_save_keeps_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "green", ("中亞",), "SCO")
    feature.go_to(record.id)
    margin = feature.margin
    card = margin.card(record.id)
    assert card is not None
    qtbot.mouseDClick(margin, Qt.MouseButton.LeftButton, pos=card.rect.center().toPoint())
    editor = margin.editor
    assert editor is not None and editor.isVisible()
    assert editor.toPlainText() == "SCO"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText(" — 上合組織, founded 2001")
    store = window.services.store()
    assert store is not None
    store.read_only = True
    with qtbot.waitSignal(feature.edit_failed, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert margin.editor is editor and editor.isVisible()
    assert editor.toPlainText() == "SCO — 上合組織, founded 2001"
    assert margin.error_label is not None and "read-only" in margin.error_label.text()
    kept = feature.record(record.id)
    assert kept is not None and kept.note == "SCO"
    store.read_only = False
    with qtbot.waitSignal(feature.records_loaded, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert margin.editor is None
    saved = feature.record(record.id)
    assert saved is not None and saved.note == "SCO — 上合組織, founded 2001"
    assert saved.tags == ("中亞",) and saved.color == "green"
    # Undo puts the old note back.
    feature.edits.undo()
    undone = feature.record(record.id)
    assert undone is not None and undone.note == "SCO"


def test_the_margin_collapses_and_follows_view_switches(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    record = annotate(feature, window, "區域性的多邊或雙邊合作", None, (), "局部 is a misquote")
    feature.go_to(record.id)
    margin = feature.margin
    wide = margin.width()
    feature.menus.margin_action.trigger()
    assert margin.collapsed() and margin.width() < wide
    assert margin.card(record.id) is not None  # a mark stays level with the passage
    feature.menus.margin_action.trigger()
    assert not margin.collapsed() and margin.width() == wide
    switch_view(qtbot, window, "zh-Hans-CN")
    view = window.reading_view
    card = margin.card(record.id)
    assert card is not None
    assert card.anchor_y == view.range_rects(record.start, record.start + 1)[0].top()
    content = view.content()
    assert content is not None
    start, end = content.positions.canonical_to_shown(record.start, record.end)
    # A note without colour: its words carry a dashed underline, in this view too.
    dashed = [
        s.cursor.selectedText()
        for s in view.extraSelections()
        if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    ]
    assert dashed == [content.text[start:end]]
    # Collapsed, and all articles in the sidebar: so again after a restart.
    feature.menus.margin_action.trigger()
    feature.sidebar.set_all_articles(True)
    window.close()
    again = feature_of(make_window(size=WIDE))
    assert again.margin.collapsed() and not again.menus.margin_action.isChecked()
    assert again.sidebar.proxy.document() is None


def test_a_note_being_edited_survives_its_annotation_deleted_elsewhere(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "green", (), "SCO")
    feature.go_to(record.id)
    editor = feature.margin.edit(record.id)
    assert editor is not None
    editor.setPlainText("A long thought I must not lose")
    assert feature.edits.delete(record.id)  # as another window or process would
    with qtbot.waitSignal(feature.edit_failed, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert feature.margin.editor is editor and editor.isVisible()
    assert editor.toPlainText() == "A long thought I must not lose"
    error = feature.margin.error_label
    assert error is not None and "deleted meanwhile" in error.text()
    # The window now refuses to close (the note would be lost): the test lets go of its
    # database itself, as the teardown's close cannot.
    window.services.close()


def test_closing_the_window_saves_a_note_still_being_typed(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "green", (), "SCO")
    feature.go_to(record.id)
    editor = feature.margin.edit(record.id)
    assert editor is not None
    editor.setPlainText("typed, never saved by hand")
    store = window.services.store()
    assert store is not None
    store.read_only = True
    # Refused: the window stays open and the note on screen, with the reason.
    assert not window.close()
    assert window.isVisible() and feature.margin.editor is editor
    assert editor.toPlainText() == "typed, never saved by hand"
    store.read_only = False
    assert window.close()
    again = feature_of(make_window(size=WIDE))
    saved = again.record(record.id)
    assert saved is not None and saved.note == "typed, never saved by hand"


def test_the_column_never_reflows_when_the_first_note_appears(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(size=WIDE)
    feature = feature_of(window)
    margin, view = feature.margin, window.reading_view
    qtbot.waitUntil(lambda: view.document().lastBlock().layout().lineCount() > 0)
    assert not margin.collapsed() and margin.cards == []
    column = view.column_rect()
    lines = [view.document().findBlockByNumber(i).layout().lineCount() for i in range(8)]
    annotate(feature, window, "上海合作組織", "blue", (), "SCO")
    qtbot.waitUntil(lambda: len(margin.cards) == 1)
    assert view.column_rect() == column
    assert [view.document().findBlockByNumber(i).layout().lineCount() for i in range(8)] == lines
    assert view.viewportMargins().right() == margin.margin_width()


def test_notes_are_rendered_safely_and_open_whole_on_a_click(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    from PySide6.QtGui import QTextCursor

    window = make_window(size=WIDE)
    feature = feature_of(window)
    margin, view = feature.margin, window.reading_view
    styled = annotate(feature, window, "戈巴契夫", "yellow", (), "*mutual benefit* and **互利**")
    hostile = annotate(feature, window, "新思維", "green", (), '<b>x</b><img src="http://a/b.png">')
    long_note = "長" * 400
    long = annotate(feature, window, "外交", "blue", (), long_note)
    view.scroll_to_offset(0)
    qtbot.waitUntil(lambda: margin.card(long.id) is not None, timeout=3000)
    # Markdown as rich text: the marks are gone, the emphasis is there.
    rendered = margin.rendered(styled)
    assert rendered.toPlainText() == "mutual benefit and 互利"
    cursor = QTextCursor(rendered)
    cursor.setPosition(2)
    assert cursor.charFormat().fontItalic()
    # HTML in a note is shown as typed, never interpreted.
    assert margin.rendered(hostile).toPlainText() == '<b>x</b><img src="http://a/b.png">'
    assert "<img" not in margin.rendered(hostile).toHtml().replace("&lt;img", "")
    # A long note is cut to a few lines with "more…", and a click opens it whole.
    card = margin.card(long.id)
    assert card is not None and card.clipped
    shown, _ = lines_bottom(margin.rendered(long), MAX_LINES)  # three lines of 長
    line = QFontMetrics(margin._font()).lineSpacing()
    assert card.rect.height() <= shown + line + 20
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=card.rect.center().toPoint())
    qtbot.waitUntil(lambda: (c := margin.card(long.id)) is not None and not c.clipped)
    opened = margin.card(long.id)
    assert opened is not None and opened.opened
    # Whole: in the card, or (taller than the pane) by scrolling within it.
    whole = margin.rendered(long).size().height()
    assert opened.rect.height() + opened.scroll_range >= whole
    assert opened.rect.bottom() <= margin.height()


def test_a_note_of_three_lines_is_shown_whole_without_more(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Three lines of Chinese are taller than three of the Latin font's spacing: such a note
    was called cut, its last line clipped, and "more…" offered under it."""
    window = make_window(size=WIDE)
    feature = feature_of(window)
    margin = feature.margin
    probe = annotate(feature, window, "戈巴契夫", "yellow", (), "長")
    qtbot.waitUntil(lambda: margin.card(probe.id) is not None, timeout=3000)
    width = margin.rendered(probe).textWidth()
    note = "長"
    while lines_bottom(render_note(note + "長", margin._font(), width), 99)[1] <= 3:
        note += "長"
    three = annotate(feature, window, "新思維", "green", (), note)
    four = annotate(feature, window, "外交", "blue", (), note + "長長")
    window.reading_view.scroll_to_offset(0)
    qtbot.waitUntil(lambda: margin.card(four.id) is not None, timeout=3000)
    card = margin.card(three.id)
    assert card is not None and not card.clipped
    assert card.rect.height() >= margin.rendered(three).size().height()
    cut = margin.card(four.id)
    assert cut is not None and cut.clipped


LONG_NOTE = (
    "這段論述值得與許菁芸的分析對照。" * 6
    + "\n\n- 第一點：北方海航道的主權爭議\n- 第二點：中國的「近北極國家」自稱\n\n"
    + "俄羅斯對中國在北極的角色抱持戒心，" * 8
    + "\n\nhttps://example.org/a/very/long/url/that/does/not/break/easily"
)


def test_an_opened_note_can_be_read_to_its_end_and_folds_back(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """A tester opened a long note ("more…") near the end of a text: it ran past the bottom of
    the pane, where scrolling could not reach its end, and neither a click nor Escape folded it.
    An opened note is never taller than the pane (it scrolls within its card), its end can be
    reached, it never covers another note, and a click on it or Escape folds it again."""
    window = make_window(size=WIDE)
    feature = feature_of(window)
    margin, view = feature.margin, window.reading_view
    doc = window.current_document()
    assert doc is not None
    last = doc.blocks[-1]  # two passages on the text's last line, the second after the first
    passage, after = doc.text[last.end - 14 : last.end - 8], doc.text[last.end - 6 : last.end]
    assert doc.text.count(passage) == doc.text.count(after) == 1
    long = annotate(feature, window, passage, "green", (), LONG_NOTE)
    below = annotate(feature, window, after, "blue", (), "after backup note — must not be lost")
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end of the text: the pane scrolls no further
    qtbot.waitUntil(lambda: margin.card(long.id) is not None, timeout=3000)
    folded = margin.card(long.id)
    assert folded is not None and folded.clipped
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=folded.rect.center().toPoint())
    qtbot.waitUntil(lambda: (c := margin.card(long.id)) is not None and not c.clipped)

    def check_opened() -> Card:
        card = margin.card(long.id)
        assert card is not None and not card.clipped
        assert card.rect.top() >= 0 and card.rect.bottom() <= margin.height()  # all on screen
        for upper, lower in itertools.pairwise(margin.cards):
            assert upper.rect.bottom() < lower.rect.top()  # never covering another note
        assert card.opened  # with "less" under it
        return card

    card = check_opened()
    whole = margin.rendered(long).size().height()
    assert card.scroll_range > 0 and card.rect.height() + card.scroll_range >= whole
    # The wheel over the note scrolls its text to the end, and no further.
    end = margin.rect().bottom()
    for _ in range(60):
        before = margin.card(long.id)
        assert before is not None
        if before.scroll >= before.scroll_range:
            break
        _wheel(margin, before.rect.center(), -120)
    card = check_opened()
    assert card.scroll == card.scroll_range and card.rect.bottom() <= end
    # Escape in the text folds it; a click opens it again, and a click on it folds it.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: (c := margin.card(long.id)) is not None and c.clipped)
    assert margin.opened() is None and margin.active() == long.id
    folded = margin.card(long.id)
    assert folded is not None
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=folded.rect.center().toPoint())
    qtbot.waitUntil(lambda: (c := margin.card(long.id)) is not None and c.opened)
    card = check_opened()
    assert card.scroll == 0  # opened again from its start
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=card.rect.center().toPoint())
    qtbot.waitUntil(lambda: (c := margin.card(long.id)) is not None and c.clipped)
    # Folded, the note after it is back beside the text.
    assert margin.card(below.id) is not None


def _wheel(widget: QWidget, at: QPointF, delta: int) -> None:
    point = at.toPoint()
    event = QWheelEvent(
        QPointF(point),
        QPointF(widget.mapToGlobal(point)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)

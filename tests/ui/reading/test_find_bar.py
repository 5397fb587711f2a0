"""The find bar and the all-articles results, driven as a reader would: Ctrl+F, typing, "n of
8", Enter / Shift+Enter / F3, Esc; hits staying on their words across a view switch; 普京 across
articles (the lexicon says 普丁 is the same name), and one's own glossary equivalence followed;
clicking a result jumps to it."""

from __future__ import annotations

import contextlib
import functools
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader import search_index
from reader.search import Match
from reader.ui.reading.find_bar import Finder
from reader.ui.reading.search_results import MATCH_ROLE
from reader.ui.reading.views_feature import ViewsFeature
from reader.ui.window.main_window import MainWindow
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow

OBOR = "一带一路"  # typed in Simplified; the original writes 一帶一路


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The shared window (tests/ui/conftest.py), once its views feature is installed."""
    return functools.partial(make_window, wait_for=("views_feature",))


def finder_of(window: MainWindow) -> Finder:
    feature = window.views_feature
    assert isinstance(feature, ViewsFeature) and feature.finder is not None
    return feature.finder


def hit_texts(window: MainWindow, color: QColor | None = None) -> list[str]:
    """The texts drawn with a background (search hits), optionally of one colour."""
    return [
        s.cursor.selectedText()
        for s in window.reading_view.extraSelections()
        if s.format.background().style() != Qt.BrushStyle.NoBrush
        and (color is None or s.format.background().color() == color)
    ]


def type_into(edit: QLineEdit, text: str) -> None:
    """Type Chinese as an input method does: a committed string."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def type_query(qtbot: QtBot, finder: Finder, query: str) -> None:
    view = finder.window.reading_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert finder.is_open()
    assert finder.bar.edit.hasFocus()
    with qtbot.waitSignal(finder.hits_changed, timeout=5000):
        type_into(finder.bar.edit, query)


def test_the_find_actions_are_there_at_ready_and_the_first_ctrl_f_opens_the_bar(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """The Finder is made at the first use of its actions (startup time): when the window is
    ready, Edit ▸ Find… and its keys are there, and the first Ctrl+F opens the bar."""
    window = make_window()
    qtbot.waitUntil(lambda: window.is_fully_ready, timeout=10000)
    feature = window.views_feature
    assert feature._finder is None
    edit_menu = getattr(window, "edit_menu", None)
    assert edit_menu is not None
    texts = [a.text() for a in edit_menu.actions()]
    assert [t for t in texts if "Find" in t or "Search" in t] == [
        "&Find…",
        "Find &Next",
        "Find Pre&vious",
        "&Search All Articles…",
    ]
    assert "Ctrl+F" in [k.toString() for k in feature.find_action.shortcuts()]
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    finder = feature._finder
    assert finder is not None and finder is feature.finder
    assert finder.is_open() and finder.bar.edit.hasFocus()
    assert finder.find_action is feature.find_action
    with qtbot.waitSignal(finder.hits_changed, timeout=5000):
        type_into(finder.bar.edit, OBOR)
    assert finder.bar.count.text() == "1 of 8"


def test_f3_as_the_first_use_opens_the_bar(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = window.views_feature
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F3)
    assert feature._finder is not None and feature._finder.is_open()
    assert feature._finder.matches == []


def test_search_all_articles_as_the_first_use_opens_the_bar_for_every_article(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = window.views_feature
    assert feature._finder is None
    feature.search_all_action.trigger()  # Ctrl+Shift+F
    finder = feature._finder
    assert finder is not None and finder.is_open()
    assert finder.bar.all_articles.isChecked() and finder.results_panel.isVisible()


def test_typing_finds_every_place_in_the_article_and_enter_moves_on(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    finder = finder_of(window)
    doc = window.current_document()
    assert doc is not None
    edit_menu = getattr(window, "edit_menu", None)
    assert edit_menu is not None and finder.find_action in edit_menu.actions()
    type_query(qtbot, finder, OBOR)
    # The title is canonical text too: seven in the body, one in the title.
    assert finder.bar.count.text() == "1 of 8"
    assert len(finder.matches) == 8
    assert [doc.text[m.start : m.end] for m in finder.matches] == ["一帶一路"] * 8
    assert hit_texts(window, finder._hit_color()) == ["一帶一路"] * 8
    assert hit_texts(window, finder._current_color()) == ["一帶一路"]

    qtbot.keyClick(finder.bar.edit, Qt.Key.Key_Return)
    assert finder.bar.count.text() == "2 of 8"
    second = finder.matches[1]
    rects = window.reading_view.range_rects(second.start, second.end)
    assert rects and rects[0].top() >= 0 and rects[0].bottom() <= window.reading_view.height()
    qtbot.keyClick(finder.bar.edit, Qt.Key.Key_Return)
    assert finder.bar.count.text() == "3 of 8"
    qtbot.keyClick(finder.bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert finder.bar.count.text() == "2 of 8"
    finder.find_next_action.trigger()  # F3
    assert finder.bar.count.text() == "3 of 8"
    finder.find_previous_action.trigger()  # Shift+F3
    assert finder.bar.count.text() == "2 of 8"
    for _ in range(7):
        finder.next_hit()
    assert finder.bar.count.text() == "1 of 8"  # round and back to the first

    # Esc closes the bar and clears the hits.
    qtbot.keyClick(finder.bar.edit, Qt.Key.Key_Escape)
    assert not finder.is_open()
    assert hit_texts(window) == []
    assert finder.matches == []


def test_hits_stay_on_their_words_after_a_view_switch(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    finder = finder_of(window)
    feature = window.views_feature
    type_query(qtbot, finder, OBOR)
    finder.next_hit()
    current = finder.matches[finder.current]
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        feature.set_view("zh-Hans")
    assert hit_texts(window, finder._hit_color()) == ["一带一路"] * 8
    assert [m.text for m in finder.matches] == ["一带一路"] * 8
    assert finder.bar.count.text() == "2 of 8"
    assert finder.matches[finder.current].start == current.start
    assert hit_texts(window, finder._current_color()) == ["一带一路"]
    # A query in the view's own regional wording finds the original's words: 格鲁吉亚 is 喬治亞.
    finder.bar.edit.clear()
    with qtbot.waitSignal(finder.hits_changed, timeout=5000):
        type_into(finder.bar.edit, "格鲁吉亚")
    doc = window.current_document()
    assert doc is not None
    assert finder.matches and {doc.text[m.start : m.end] for m in finder.matches} == {"喬治亞"}


def test_nothing_found_says_so(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    finder = finder_of(window)
    type_query(qtbot, finder, "量子力學")
    assert finder.bar.count.text() == "Not found"
    assert hit_texts(window) == []


def test_all_articles_lists_hits_by_article_and_follows_the_glossary(
    qtbot: QtBot, make_window: MakeWindow, qtmodeltester: ModelTester
) -> None:
    window = make_window()
    finder = finder_of(window)
    type_query(qtbot, finder, "普京")
    with qtbot.waitSignal(finder.results_changed, timeout=5000):
        finder.bar.all_articles.setChecked(True)
    panel = finder.results_panel
    model = panel.model
    qtmodeltester.check(model)
    assert panel.isVisible()
    # The same name as Taiwan spells it (普丁, in 許菁芸's article) is found out of the box: the
    # regional lexicon's search equivalences (issue 16).
    assert model.documents() == ["lian-obor", "hsu-divergence"]
    assert len(model.matches("lian-obor")) == 23
    hsu = model.matches("hsu-divergence")
    assert len(hsu) == 2 and {m.text for m in hsu} == {"普丁"}
    assert "“普京”: 25 hits in 2 articles" in panel.summary.text()
    first = model.index(0, 0, model.index(0, 0))
    match = first.data(MATCH_ROLE)
    assert isinstance(match, Match) and match.text == "普京"
    assert first.data() == match.before[-6:] + "普京" + match.after  # the hit near the start
    assert model.index(0, 1, model.index(0, 0)).data() == f"p. {match.page}"
    # The search of all articles built the persistent index on the way (off the UI thread).
    with contextlib.closing(sqlite3.connect(search_index.cache_file())) as conn:
        assert conn.execute("SELECT count(*) FROM texts").fetchone() == (2,)

    # One's own equivalence (上合組織 is short for 上海合作組織), declared on the command line:
    # the window notices.
    type_query(qtbot, finder, "上合組織")
    qtbot.waitUntil(lambda: len(model.matches("lian-obor")) == 4, timeout=5000)
    assert model.documents() == ["lian-obor"]
    assert meipi("glossary", "same", "上合組織", "上海合作組織").code == 0
    qtbot.waitUntil(lambda: len(model.matches("lian-obor")) == 7, timeout=8000)
    qtmodeltester.check(model)
    assert model.documents() == ["lian-obor"]
    assert {m.text for m in model.matches("lian-obor")} == {"上合組織", "上海合作組織"}
    assert "“上合組織”: 7 hits in 1 article" in panel.summary.text()


def test_clicking_a_result_opens_the_article_at_the_hit(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    finder = finder_of(window)
    assert meipi("glossary", "same", "普京", "普丁").code == 0
    window.services.notify_glossary_changed()
    type_query(qtbot, finder, "普京")
    with qtbot.waitSignal(finder.results_changed, timeout=5000):
        finder.bar.all_articles.setChecked(True)
    panel = finder.results_panel
    model = panel.model
    hsu_row = model.documents().index("hsu-divergence")
    parent = model.index(hsu_row, 0)
    last = model.index(model.rowCount(parent) - 1, 0, parent)
    target = last.data(MATCH_ROLE)
    assert isinstance(target, Match)
    panel.tree.scrollTo(last)
    rect = panel.tree.visualRect(last)
    with qtbot.waitSignal(window.document_opened, timeout=5000):
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    doc = window.current_document()
    assert doc is not None and doc.id == "hsu-divergence"
    qtbot.waitUntil(
        lambda: bool(finder.matches) and finder.matches[finder.current].start == target.start,
        timeout=5000,
    )
    n = len(finder.matches)
    assert finder.bar.count.text() == f"{n} of {n}"
    rects = window.reading_view.range_rects(target.start, target.end)
    height = window.reading_view.viewport().height()
    assert rects and rects[0].top() >= 0 and rects[-1].bottom() <= height
    assert hit_texts(window, finder._current_color()) == ["普丁"]


def test_find_works_in_a_library_of_thousands(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library on a shelf (reader.shelf: more than 64 texts) hands out a new document object
    at each look-up: the found places of the open article are still shown (they were dropped as
    belonging to another article, and the bar said "Searching…" for ever)."""
    from reader import shelf
    from reader.ui.reading.fonts import FontCatalog
    from reader.ui.window.settings import ReaderSettings
    from tests.ui.conftest import quiesce

    monkeypatch.setattr(shelf, "SHELF_FROM", 0)
    library = shelf.open_library()
    assert isinstance(library.documents, shelf.Shelf)
    window = MainWindow(library, ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window, before_close_func=quiesce)
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "views_feature", None) is not None)
    assert window.current_document() is window.current_document()
    finder = finder_of(window)
    type_query(qtbot, finder, OBOR)
    assert finder.bar.count.text() == "1 of 8"
    assert hit_texts(window, finder._hit_color()) == ["一帶一路"] * 8

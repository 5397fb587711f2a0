"""The Library dock's filter and sort, driven as a reader drives them: typing, Esc, Enter, Down,
the sort box, View ▸ Filter Library."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reader.documents import BlockDraft, Document, Metadata, assemble, load_library
from reader.ui.library.library_list import DOC_ID_ROLE, LibraryModel
from reader.ui.library.library_panel import SORT_SETTING, LibraryPanel
from reader.ui.window.settings import ReaderSettings
from tests.ui.helpers import MakeWindow


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type ``text`` at the cursor: ASCII key by key, Chinese as an input method commits it
    (QTest types Latin-1 alone)."""
    for ascii_run, chars in itertools.groupby(text, str.isascii):
        run = "".join(chars)
        if ascii_run:
            qtbot.keyClicks(edit, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(edit, event)


def _text(
    doc_id: str, title: str, authors: tuple[str, ...] = (), date: str | None = None
) -> Document:
    body = [BlockDraft("title", 0, title), BlockDraft("paragraph", 0, "北極合作與航道。")]
    return assemble(Metadata(id=doc_id, title=title, authors=authors, date=date), body)


def _documents() -> list[Document]:
    # The shipped two (lian-obor: venue 戰略瞭望; hsu-divergence: 中俄兩國之戰略利益分歧, 2024)
    # and texts whose titles sort differently by stroke and by pinyin.
    return [
        *load_library(),
        _text("arctic", "北極航道研究", ("王五",), "2019"),
        _text("arctic-23", "海洋能源與北極", ("李四",), "2023-05"),
        _text("one", "人口研究", (), None),
    ]


def _panel(qtbot: QtBot, language: str = "zh_TW") -> LibraryPanel:
    model = LibraryModel(_documents())
    panel = LibraryPanel(model, ReaderSettings.default(), language)
    qtbot.addWidget(panel)
    panel.resize(260, 500)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def shown(panel: LibraryPanel) -> list[str]:
    model = panel.model
    return [str(model.index(row, 0).data(DOC_ID_ROLE)) for row in range(model.rowCount())]


def test_typing_filters_the_rows_and_says_how_many(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    assert len(shown(panel)) == 5
    assert panel.count.text() == "5 texts"
    _type(qtbot, panel.filter, "北極")
    qtbot.waitUntil(lambda: shown(panel) == ["arctic", "arctic-23"])
    assert panel.count.text() == "2 of 5"
    assert panel.list.isVisible() and not panel.empty.isVisible()


def test_simplified_finds_traditional(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    _type(qtbot, panel.filter, "战略")  # 戰略: a title, and lian-obor's venue
    qtbot.waitUntil(lambda: shown(panel) == ["lian-obor", "hsu-divergence"])
    panel.filter.clear()
    _type(qtbot, panel.filter, "许菁芸")  # an author, typed in Simplified
    qtbot.waitUntil(lambda: shown(panel) == ["hsu-divergence"])


def test_every_term_must_match(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    _type(qtbot, panel.filter, "北极 2023")
    qtbot.waitUntil(lambda: shown(panel) == ["arctic-23"])
    _type(qtbot, panel.filter, " 王五")  # an author of another text: nothing has all three
    qtbot.waitUntil(lambda: shown(panel) == [])


def test_no_match_says_so_and_esc_clears(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    _type(qtbot, panel.filter, "量子")
    qtbot.waitUntil(lambda: panel.empty.isVisible())
    assert not panel.list.isVisible()
    assert "量子" in panel.empty.text()
    assert panel.count.text() == "0 of 5"
    qtbot.keyClick(panel.filter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(shown(panel)) == 5)
    assert panel.filter.text() == ""
    assert panel.list.isVisible() and not panel.empty.isVisible()
    assert panel.count.text() == "5 texts"


def test_the_open_text_stays_selected_among_the_matches(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.list.show_document("hsu-divergence")
    _type(qtbot, panel.filter, "战略")
    qtbot.waitUntil(lambda: len(shown(panel)) == 2)
    assert panel.list.currentIndex().data(DOC_ID_ROLE) == "hsu-divergence"
    panel.filter.setText("北極")  # not among them: nothing selected
    qtbot.waitUntil(lambda: len(shown(panel)) == 2)
    assert not panel.list.currentIndex().isValid()
    panel.filter.clear()  # back: selected again
    qtbot.waitUntil(lambda: len(shown(panel)) == 5)
    assert panel.list.currentIndex().data(DOC_ID_ROLE) == "hsu-divergence"
    panel.set_sort("title")
    assert panel.list.currentIndex().data(DOC_ID_ROLE) == "hsu-divergence"


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        # Stroke order: 一 (1 stroke), 人 (2), 中 (4), 北 (5), 海 (10).
        ("zh_TW", ["lian-obor", "one", "hsu-divergence", "arctic", "arctic-23"]),
        # Pinyin: běi, hǎi, rén, yī, zhōng.
        ("zh_CN", ["arctic", "arctic-23", "one", "lian-obor", "hsu-divergence"]),
        ("en", ["arctic", "arctic-23", "one", "lian-obor", "hsu-divergence"]),
    ],
)
def test_sort_by_title_as_the_interface_language_reads(
    qtbot: QtBot, language: str, titles: list[str]
) -> None:
    panel = _panel(qtbot, language)
    panel.set_sort("title")
    assert shown(panel) == titles


def test_sort_by_author_and_by_date_and_the_sort_is_remembered(qtbot: QtBot) -> None:
    panel = _panel(qtbot, "zh_CN")
    # The first author's name in pinyin: lǐ, lián, wáng, xǔ; no author last.
    panel.set_sort("author")
    assert shown(panel) == ["arctic-23", "lian-obor", "arctic", "hsu-divergence", "one"]
    panel.set_sort("date")  # newest first; undated last, by title (rén, yī)
    assert shown(panel) == ["hsu-divergence", "arctic-23", "arctic", "one", "lian-obor"]
    _type(qtbot, panel.filter, "北極")  # the filter keeps the sort
    qtbot.waitUntil(lambda: shown(panel) == ["arctic-23", "arctic"])
    settings = ReaderSettings.default()
    assert settings.text(SORT_SETTING) == "date"
    again = LibraryPanel(LibraryModel(_documents()), settings, "zh_CN")
    qtbot.addWidget(again)
    assert again.sort.currentData() == "date"
    assert shown(again)[0] == "hsu-divergence"
    panel.set_sort("library")
    assert shown(panel) == ["arctic", "arctic-23"]
    assert ReaderSettings.default().text(SORT_SETTING) == "library"


def test_down_moves_into_the_list(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.list.show_document("hsu-divergence")
    panel.filter.setFocus()
    qtbot.waitUntil(panel.filter.hasFocus)
    _type(qtbot, panel.filter, "中俄")
    with qtbot.assertNotEmitted(panel.list.document_activated):
        qtbot.keyClick(panel.filter, Qt.Key.Key_Down)  # the open text is there: kept
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.list.currentIndex().data(DOC_ID_ROLE) == "hsu-divergence"


def test_enter_opens_the_first_match(make_window: MakeWindow, qtbot: QtBot) -> None:
    window = make_window(wait_for=("annotations_feature",))
    panel = window.library_list.parentWidget()
    assert isinstance(panel, LibraryPanel)
    assert window.current_document() is not None
    assert window.current_document().id == "lian-obor"  # type: ignore[union-attr]
    window.library_dock.hide()
    panel.focus_action.trigger()  # View ▸ Filter Library: the dock back, the cursor in it
    qtbot.waitUntil(lambda: window.library_dock.isVisible() and panel.filter.hasFocus())
    assert panel.focus_action in window.view_menu.actions()
    _type(qtbot, panel.filter, "分歧 2024")  # digits: not the highlight keys
    qtbot.waitUntil(lambda: shown(panel) == ["hsu-divergence"])
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_document().id == "hsu-divergence")  # type: ignore[union-attr]
    assert panel.list.hasFocus()
    assert panel.list.currentIndex().data(DOC_ID_ROLE) == "hsu-divergence"


def test_the_list_is_measured_at_its_docks_width_alone(make_window: MakeWindow) -> None:
    """The list is made inside the panel, in its place: one moved there measured every title
    at a new widget's 100 pixels first (a library of 3,000: ~100 ms of the window's start)."""
    window = make_window(wait_for=("annotations_feature",))
    view = window.library_list
    inner = view.viewport().width() - 2 * 8 - 4  # the delegate's padding
    widths = set(view._delegate._hints)
    assert inner in widths
    assert all(
        abs(width - inner) <= view.verticalScrollBar().sizeHint().width() for width in widths
    )


def test_up_on_the_first_row_goes_back_to_the_filter(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.list.show_document("arctic")
    _type(qtbot, panel.filter, "北極")
    qtbot.waitUntil(lambda: shown(panel) == ["arctic", "arctic-23"])
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    with qtbot.waitSignal(panel.list.document_activated) as moved:
        qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # in the list, Down moves as ever
    assert moved.args == ["arctic-23"]
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    assert panel.list.hasFocus() and panel.list.currentIndex().row() == 0
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)  # on the first row: back to the filter
    qtbot.waitUntil(panel.filter.hasFocus)


def test_the_filter_holds_when_the_library_changes(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    _type(qtbot, panel.filter, "北極")
    qtbot.waitUntil(lambda: shown(panel) == ["arctic", "arctic-23"])
    panel.model.set_documents([*_documents(), _text("polar", "北極熊", ("趙六",), "2025")])
    assert shown(panel) == ["arctic", "arctic-23", "polar"]
    assert panel.count.text() == "3 of 6"


def test_next_and_previous_follow_the_list_as_filtered(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window = make_window()
    panel = window.library_list.parentWidget()
    assert isinstance(panel, LibraryPanel)
    _type(qtbot, panel.filter, "一帶")  # the open text alone
    qtbot.waitUntil(lambda: shown(panel) == ["lian-obor"])
    window.next_document()
    assert window.current_document().id == "lian-obor"  # type: ignore[union-attr]
    panel.filter.clear()
    window.next_document()
    assert window.current_document().id == "hsu-divergence"  # type: ignore[union-attr]

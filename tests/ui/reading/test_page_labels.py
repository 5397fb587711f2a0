"""The window cites printed page labels (issue 17): an imported PDF whose front matter is
page "i" shows "p. i" / "pp. i–45" in the sidebar and "p. i" in the reading view's margin."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.documents import Document, Library, load_library
from reader.ui.compare.compare_feature import compare_feature
from reader.ui.compare.themes import HEADER_ROLE
from reader.ui.window.main_window import MainWindow
from reader.ui.words.vocabulary_dialog import COLUMNS
from tests.cli_helpers import meipi
from tests.dictionary_helpers import shared_dictionary
from tests.ui.helpers import MakeWindow, annotate, annotating, feature_of
from tests.ui.reading.test_find_bar import finder_of, type_query
from tests.ui.words.test_words_feature import point_on, shift_move, wait_ready


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The annotating window (tests.ui.helpers.annotating)."""
    return annotating(make_window)


PDF = Path(__file__).resolve().parents[2] / "data" / "pdf" / "xelatex-tc.pdf"


@pytest.fixture
def library() -> Library:
    r = meipi("import", str(PDF))
    assert r.code == 0, r.err
    return load_library()


def test_sidebar_and_margin_show_printed_labels(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_document("xelatex-tc")
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=10000)
    doc = window.current_document()
    assert doc is not None and doc.id == "xelatex-tc"
    feature = feature_of(window)
    on_i = annotate(feature, window, "This article examines")
    across = annotate(feature, window, "發展政治軍事合作關係。\n壹、前言")
    assert on_i.pages == (1, 1) and across.pages == (1, 45)  # numbers order; labels cite
    lines = {}
    for record in (on_i, across):
        shown = record.id
        qtbot.waitUntil(lambda: feature.model.row_of(shown) >= 0, timeout=5000)  # noqa: B023
        index = feature.sidebar.proxy.mapFromSource(
            feature.model.index(feature.model.row_of(record.id))
        )
        lines[record.id] = feature.sidebar.delegate.meta_line(index)
    assert lines[on_i.id].startswith("p. i · ")
    assert lines[across.id].startswith("pp. i–45 · ")
    # The reading view's margin marks each page with what it prints.
    view = window.reading_view
    qtbot.waitUntil(lambda: len(view._page_info) == len(doc.pages), timeout=5000)
    assert [label for _n, _s, label in view._page_info] == ["i", "45", "46", "47"]


def _open_pdf(qtbot: QtBot, window: MainWindow) -> Document:
    window.open_document("xelatex-tc")
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=10000)
    doc = window.current_document()
    assert doc is not None and doc.id == "xelatex-tc"
    return doc


def test_status_bar_and_go_to_page_use_labels(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    doc = _open_pdf(qtbot, window)
    qtbot.waitUntil(lambda: window.page_label.text() == "Page i", timeout=5000)
    window.go_to_label("46")
    qtbot.waitUntil(lambda: window.page_label.text() == "Page 46", timeout=5000)
    assert window.reading_view.current_page() == 46
    window.go_to_label("i")
    qtbot.waitUntil(lambda: window.page_label.text() == "Page i", timeout=5000)
    assert window.reading_view.current_label() == doc.label_of(0) == "i"


def test_search_results_cite_labels(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    _open_pdf(qtbot, window)
    finder = finder_of(window)
    type_query(qtbot, finder, "普京")
    with qtbot.waitSignal(finder.results_changed, timeout=5000):
        finder.bar.all_articles.setChecked(True)
    model = finder.results_panel.model
    row = model.documents().index("xelatex-tc")
    parent = model.index(row, 0)
    pages = [model.index(r, 1, parent).data() for r in range(model.rowCount(parent))]
    matches = model.matches("xelatex-tc")
    assert pages[0] == "p. i" and matches[0].page == 1  # the number orders; the label cites
    assert "p. 45" in pages or "p. 46" in pages
    assert "p. 1" not in pages


def test_compare_lists_passages_by_label(qtbot: QtBot, make_window: MakeWindow) -> None:
    for quote in ("This article examines", "發展政治軍事合作關係。\n壹、前言"):
        assert meipi("annotate", "xelatex-tc", "--quote", quote, "--tag", "能源").code == 0
    assert meipi("annotate", "lian-obor", "--quote", "戈巴契夫", "--tag", "能源").code == 0
    window = make_window()
    qtbot.waitUntil(lambda: compare_feature(window) is not None, timeout=5000)
    feature = compare_feature(window)
    assert feature is not None
    with qtbot.waitSignal(feature.window_opened, timeout=3000):
        feature.action.trigger()
    compare = feature.window
    assert compare is not None
    qtbot.waitExposed(compare)
    left = compare.view.panes[0]
    with qtbot.waitSignal(left.document_changed, timeout=3000):
        left.article_box.activated.emit(left.article_box.findData("xelatex-tc"))
    qtbot.waitUntil(lambda: left.page_label.text() == "p. i", timeout=5000)
    right = compare.view.panes[1]
    if right.article_box.currentData() != "lian-obor":
        with qtbot.waitSignal(right.document_changed, timeout=3000):
            right.article_box.activated.emit(right.article_box.findData("lian-obor"))
    assert compare.board.documents() == ("xelatex-tc", "lian-obor")
    assert compare.choose_theme("能源")
    column = compare.board.columns[0]
    qtbot.waitUntil(lambda: column.model.rowCount() == 2, timeout=5000)
    headers = [column.model.index(r).data(HEADER_ROLE) for r in range(2)]
    assert headers[0].startswith("p. i　「This article")
    assert headers[1].startswith("pp. i–45　「")
    other = compare.board.columns[1].model.index(0).data(HEADER_ROLE)
    assert other.startswith("p. 1　「戈巴契夫")  # a shipped text: its numbers are its labels
    compare.hide()


def test_vocabulary_keeps_the_label(qtbot: QtBot, make_window: MakeWindow) -> None:
    shared_dictionary()
    window = make_window()
    doc = _open_pdf(qtbot, window)
    qtbot.waitUntil(lambda: window.annotations_feature.selection.words is not None, timeout=10000)
    words = wait_ready(qtbot, window)
    with qtbot.waitSignal(words.popup_shown, timeout=5000):
        shift_move(qtbot, window, point_on(qtbot, window, "外交政策"))
    with qtbot.waitSignal(words.vocabulary_added, timeout=5000) as added:
        qtbot.mouseClick(words.popup.add_button, Qt.MouseButton.LeftButton)
    record = added.args[0]
    assert record.start < doc.pages[1].start and record.page == "i"
    dialog = words.show_vocabulary()
    assert dialog is not None
    page_item = dialog.table.item(0, COLUMNS.index("page"))
    assert page_item is not None and page_item.text() == "i"
    assert "p. i" in dialog.anki_text()
    dialog.close()

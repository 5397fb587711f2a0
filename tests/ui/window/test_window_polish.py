"""A new reader's findings in the window: notes' Markdown rendered in the sidebar and the
Compare lists as the margin renders it (HTML shown as typed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QTextDocument, QTextLayout
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ui.annotating.sidebar import TAG_ROWS
from reader.ui.annotating.sidebar_rows import AnnotationDelegate
from reader.ui.compare.compare_feature import compare_feature
from reader.ui.compare.theme_board import PassageDelegate
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from tests.cli_helpers import meipi
from tests.ui.compare.test_compare_feature import open_compare
from tests.ui.helpers import MakeWindow, annotate, annotating, feature_of, switch_view
from tests.ui.library.test_export_dialog import open_export
from tests.ui.reading.test_page_view import _window as page_window


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The annotating window (tests.ui.helpers.annotating)."""
    return annotating(make_window)


NOTE = "A *note* on **policy** <b>raw</b>"


def styled(document: QTextDocument) -> dict[str, tuple[bool, bool]]:
    """Each run of the document's text: (italic, bold)."""
    runs: dict[str, tuple[bool, bool]] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            runs[fragment.text()] = (fmt.fontItalic(), fmt.fontWeight() > 500)
            it += 1
        block = block.next()
    return runs


def compare_window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.resize(780, 560)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: compare_feature(window) is not None, timeout=3000)
    return window


def test_sidebar_card_shows_the_note_rendered_and_filters_on_its_text(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織的成立", "yellow", note=NOTE)
    sidebar = feature.sidebar
    sidebar.show()
    qtbot.waitUntil(lambda: sidebar.ids() == [record.id], timeout=3000)
    delegate = sidebar.list.itemDelegate()
    assert isinstance(delegate, AnnotationDelegate)
    sidebar.list.viewport().grab()  # paints the card
    painted = [d for (note, _f, _w), d in delegate._notes.items() if note == NOTE]
    assert painted, "the card did not paint its note through the Markdown renderer"
    document = painted[0]
    assert document.toPlainText() == "A note on policy <b>raw</b>"  # HTML shown as typed
    runs = styled(document)
    assert runs["note"][0] and not runs["note"][1]
    assert runs["policy"][1]
    sidebar.set_text_filter("policy")
    assert sidebar.ids() == [record.id]
    sidebar.set_text_filter("pol1cy")
    assert sidebar.ids() == []


def test_compare_passage_lists_show_the_note_rendered(qtbot: QtBot) -> None:
    result = meipi(
        "annotate",
        "lian-obor",
        "--quote",
        "軍事",
        "--occurrence",
        "1",
        "--tag",
        "軍事",
        "--note",
        NOTE,
    )
    assert result.code == 0, result.err
    window = compare_window(qtbot)
    compare = open_compare(qtbot, window)
    assert compare.choose_theme("軍事")
    column = compare.board.columns[0]
    qtbot.waitUntil(lambda: column.model.rowCount() == 1, timeout=3000)
    delegate = column.list.itemDelegate()
    assert isinstance(delegate, PassageDelegate)
    index = column.model.index(0)
    option = QStyleOptionViewItem()
    option.initFrom(column.list)
    option.rect = column.list.visualRect(index)
    document = delegate._document(option, index)
    lines = document.toPlainText().split("\n")
    assert lines[0].endswith("「軍事」")
    assert lines[1] == "A note on policy <b>raw</b>"
    runs = styled(document)
    assert runs["note"][0] and runs["policy"][1]
    assert "*" not in str(index.data())  # the row's text (for accessibility) reads as rendered
    column.list.viewport().grab()
    compare.hide()
    window.close()
    QApplication.processEvents()


def test_delete_key_deletes_the_annotation_under_the_cursor_and_ctrl_z_restores_it(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    view = window.reading_view
    record = annotate(feature, window, "上海合作組織的成立", "green", note="kept")
    other = annotate(feature, window, "區域性的多邊或雙邊合作", "yellow")
    feature.sidebar.list.clearSelection()
    feature.sidebar.list.setCurrentIndex(QModelIndex())
    assert feature.sidebar.current_id() is None
    bindings = [QKeySequence("Del"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Delete)]
    for binding in bindings:  # Delete, and the platform's other delete keys
        combo = binding[0]  # type: ignore[index]  # QKeySequence[i] is its i-th key
        # The caret inside the highlight (no selection), as a click or the arrow keys leave it.
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=2000)
        inside = view.cursor_for(record.start + 2, record.start + 2)
        view.setTextCursor(inside)
        assert view.selected_range() is None
        qtbot.keyClick(view, combo.key(), combo.keyboardModifiers())
        qtbot.waitUntil(lambda: feature.record(record.id) is None, timeout=3000)
        assert feature.record(other.id) is not None  # only the one under the cursor
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: feature.record(record.id) is not None, timeout=3000)
        restored = feature.record(record.id)
        assert restored is not None and (restored.color, restored.note) == ("green", "kept")
    # Outside every highlight, with nothing chosen in the sidebar, Delete deletes nothing.
    feature.sidebar.list.setCurrentIndex(QModelIndex())
    view.setTextCursor(view.cursor_for(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert {r.id for r in feature.records("lian-obor")} == {record.id, other.id}


def test_export_dialog_script_defaults_to_the_view_being_read(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    switch_view(qtbot, window, "zh-Hans-CN")
    dialog = open_export(qtbot, window)
    assert dialog.script_combo.currentData() == "zh-Hans-CN"
    assert dialog.options().script == "zh-Hans-CN"
    dialog.close()
    qtbot.waitUntil(lambda: window.dialogs.export_dialog is None, timeout=3000)
    switch_view(qtbot, window, "original")
    again = open_export(qtbot, window)
    assert again.options().script == "original"
    again.close()


def test_original_page_pane_follows_the_dark_theme(qtbot: QtBot) -> None:
    window = page_window(qtbot)
    window.set_theme("dark")
    window.open_document("lian-obor")
    feature = window.page_view
    feature.action.trigger()
    qtbot.waitUntil(lambda: "not imported from a PDF" in feature.status.text(), timeout=5_000)
    dark = QApplication.palette().color(QPalette.ColorRole.Window)
    assert dark.lightness() < 100
    canvas = feature.canvas.grab().toImage()
    for x, y in ((2, 2), (canvas.width() // 2, canvas.height() // 2)):
        assert canvas.pixelColor(x, y).lightness() < 100, "the empty page box is still white"
    label = feature.status
    shot = label.grab().toImage()
    assert shot.pixelColor(1, 1).lightness() < 100  # the message's background is the theme's
    assert label.palette().color(QPalette.ColorRole.WindowText).lightness() > 150
    window.set_theme("light")
    qtbot.waitUntil(
        lambda: feature.canvas.grab().toImage().pixelColor(2, 2).lightness() > 150, timeout=3000
    )


def laid_out_height(text: str, font: QFont) -> float:
    """The height of ``text`` on one line in ``font``, fallback fonts for Chinese included."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return line.height()


def test_outline_rows_and_the_tags_box_show_whole_rows(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    annotate(
        feature,
        window,
        "上海合作組織的成立",
        tags=("一帶一路", "中亞", "軍事", "地區/北極", "能源", "外交"),
    )
    qtbot.waitUntil(lambda: hasattr(window, "outline"), timeout=5000)
    panel = window.outline.panel
    qtbot.waitUntil(lambda: panel.model_.rowCount() > 0, timeout=5000)
    first = panel.model_.index(0, 0)
    assert first.data() == "壹、前言"
    rect = panel.visualRect(first)
    assert rect.top() >= 0
    for item_index in [first, panel.indexBelow(first)]:
        rect = panel.visualRect(item_index)
        font = item_index.data(Qt.ItemDataRole.FontRole) or panel.font()
        assert rect.height() >= laid_out_height(str(item_index.data()), font)

    sidebar = feature.sidebar
    box = sidebar.tag_view
    qtbot.waitUntil(lambda: box.model().rowCount() >= 5, timeout=3000)
    row = box.visualRect(box.model().index(0, 0)).height()
    assert row >= laid_out_height("一帶一路", box.font())
    assert box.viewport().height() == TAG_ROWS * row  # whole rows, none cut at the bottom

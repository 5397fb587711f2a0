"""The annotation dialog opens beside its passage, never over it, and Ctrl+Return saves from
any of its fields; placing it keeps it on the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from pytestqt.qtbot import QtBot

from reader.ui.annotating.note_editor import AnnotationDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow, feature_of, select_shown


def _passage_rect(window: MainWindow, start: int, end: int) -> QRect:
    rects = window.reading_view.range_rects(start, end)
    box = rects[0]
    for rect in rects[1:]:
        box = box.united(rect)
    return box.toRect().translated(window.reading_view.viewport().mapToGlobal(QPoint(0, 0)))


def test_the_dialog_opens_beside_the_passage_and_ctrl_return_saves(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    select_shown(window, "上海合作組織")
    selected = window.reading_view.selected_range()
    assert selected is not None
    passage = _passage_rect(window, *selected)
    dialog = feature.edits.edit_dialog("tags")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.frameGeometry().intersects(passage)
    # Level with the passage (beside it), or just above or below it when the screen is narrow.
    placed = dialog.frameGeometry()
    level = abs(placed.top() - passage.top()) < 60
    assert level or placed.bottom() < passage.top() or placed.top() > passage.bottom()
    dialog.tags_edit.insert("中亞")
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        qtbot.keyClick(dialog.tags_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    (record,) = feature.records("lian-obor")
    assert record.tags == ("中亞",)


def test_placing_keeps_the_dialog_on_screen_and_off_the_passage(qtbot: QtBot) -> None:
    dialog = AnnotationDialog(
        "x", color=None, tags=(), note=None, known_tags=(), meanings={}, parent=None
    )
    qtbot.addWidget(dialog)
    dialog.resize(400, 300)
    screen = QRect(0, 0, 1600, 1000)
    for passage in (
        QRect(200, 300, 500, 60),  # room on the right
        QRect(1000, 300, 500, 60),  # room on the left only
        QRect(100, 100, 1400, 90),  # a passage across the screen: below it
        QRect(100, 800, 1400, 90),  # …or above it near the bottom
    ):
        dialog.place_beside(passage, screen)
        placed = QRect(dialog.pos(), dialog.size())
        assert screen.contains(placed), passage
        assert not placed.intersects(passage), passage


def test_placing_keeps_the_dialog_within_the_windows_height(qtbot: QtBot) -> None:
    """Beside a passage near the window's bottom, the dialog rises to end with the window
    rather than hang below it (on a laptop its buttons went off the screen)."""
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 1200, 700)
    window.show()
    qtbot.waitExposed(window)
    dialog = AnnotationDialog(
        "x", color=None, tags=(), note=None, known_tags=(), meanings={}, parent=window
    )
    dialog.resize(400, 300)
    screen = QRect(0, 0, 1600, 1000)
    passage = QRect(200, 620, 500, 40)  # the window's last lines
    dialog.place_beside(passage, screen)
    placed = QRect(dialog.pos(), dialog.size())
    assert placed.bottom() <= window.frameGeometry().bottom()
    assert not placed.intersects(passage)

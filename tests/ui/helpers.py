"""Helpers the window tests share: the annotating window (features installed, a larger pane),
the annotations feature of a window, switching views, selecting and annotating passages."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.store.records import AnnotationRecord
from reader.ui.annotating.annotations_feature import AnnotationsFeature
from reader.ui.annotating.note_editor import Draft
from reader.ui.window.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]

# What the annotating tests wait for, and their pane's size on a first start.
ANNOTATING = ("annotations_feature", "views_feature")
ANNOTATING_SIZE = (1100, 700)


def annotating(make_window: MakeWindow) -> MakeWindow:
    """``make_window`` (tests/ui/conftest.py) for the annotating tests: a larger pane, and the
    annotations and views features installed before the test goes on."""
    return functools.partial(make_window, size=ANNOTATING_SIZE, wait_for=ANNOTATING)


def feature_of(window: MainWindow) -> AnnotationsFeature:
    feature = window.annotations_feature
    assert isinstance(feature, AnnotationsFeature)
    feature.quiet = True  # refusals are checked through edit_failed, not message boxes
    return feature


def switch_view(qtbot: QtBot, window: MainWindow, view_id: str) -> None:
    views = window.views_feature
    doc = window.current_document()
    assert doc is not None
    if window.services.current_view(doc.id) == view_id:
        return
    with qtbot.waitSignal(views.view_switched, timeout=10000):
        views.set_view(view_id)
    content = window.reading_view.content()
    assert content is not None


def select_shown(window: MainWindow, text: str, occurrence: int = 1) -> tuple[int, int]:
    """Select ``text`` as it reads in the view shown (as a drag would); returns the shown
    range."""
    view = window.reading_view
    content = view.content()
    assert content is not None
    at = -1
    for _ in range(occurrence):
        at = content.text.index(text, at + 1)
    cursor = QTextCursor(view.document())
    cursor.setPosition(content.positions.shown_to_qt(at))
    cursor.setPosition(
        content.positions.shown_to_qt(at + len(text)), QTextCursor.MoveMode.KeepAnchor
    )
    view.setTextCursor(cursor)
    return at, at + len(text)


def annotate(
    feature: AnnotationsFeature,
    window: MainWindow,
    passage: str,
    color: str | None = "yellow",
    tags: tuple[str, ...] = (),
    note: str | None = None,
) -> AnnotationRecord:
    doc = window.current_document()
    assert doc is not None
    start = doc.text.index(passage)
    record = feature.edits.create(start, start + len(passage), Draft(color, tags, note))
    assert record is not None
    return record

"""Helpers the window tests share: the annotating window (features installed, a larger pane),
the annotations feature of a window, switching views, selecting and annotating passages."""

from __future__ import annotations

import contextlib
import functools
import random
from collections.abc import Callable, Iterator

from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from reader.documents import Document, loads
from reader.store.records import AnnotationRecord
from reader.ui.annotating.annotations_feature import AnnotationsFeature
from reader.ui.annotating.note_editor import Draft
from reader.ui.annotating.palette import highlight_color
from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.reading_view import ReadingView
from reader.ui.reading.typesetting import ReadingContent, Typography
from reader.ui.window.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]

# What the annotating tests wait for, and their pane's size on a first start.
ANNOTATING = ("annotations_feature", "views_feature")
ANNOTATING_SIZE = (1100, 700)


def annotating(make_window: MakeWindow) -> MakeWindow:
    """``make_window`` (tests/ui/conftest.py) for the annotating tests: a larger pane, and the
    annotations and views features installed before the test goes on."""
    return functools.partial(make_window, size=ANNOTATING_SIZE, wait_for=ANNOTATING)


@contextlib.contextmanager
def interface_in(language: str) -> Iterator[None]:
    """The interface in ``language`` (``en``, ``zh_TW``, ``zh_CN``) for what is made inside."""
    from PySide6.QtWidgets import QApplication

    from reader.ui.window.app import install_translations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = install_translations(app, language)
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)


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


PARAGRAPHS = 400


def pane(qtbot: QtBot, doc: Document, width: int = 600, height: int = 400) -> ReadingView:
    """A reading pane of ``width`` x ``height`` showing ``doc`` in 原文, not shown yet."""
    families = FontCatalog.from_system().body_families("serif", "zh-Hant-TW")
    view = ReadingView(Typography(tuple(families)))
    qtbot.addWidget(view)
    view.resize(width, height)
    view.set_content(ReadingContent.original(doc))
    return view


def long_document() -> Document:
    """A text of ``PARAGRAPHS`` paragraphs of 150 characters each: long enough that Qt lays it
    out in the background."""
    rng = random.Random(7)
    chars = "中國崛起下的區域合作與能源政策北極航道上海組織"
    lines = ["meipi-text: 1", "id: long", "title: 長文", "---", "title: 長文"]
    for i in range(PARAGRAPHS):
        body = "".join(rng.choice(chars) for _ in range(150))
        lines.append(f"paragraph: 第{i}段{body}")
    return loads("\n".join(lines) + "\n")


def layer_texts(window: MainWindow, color: str | None) -> list[str]:
    """The texts drawn in the annotation layer with ``color``'s highlight."""
    dark = window.theme().dark
    wanted = QColor(highlight_color(color, dark)) if color else None
    texts = []
    for sel in window.reading_view.extraSelections():
        background = sel.format.background().color() if sel.format.background().style() else None
        if wanted is not None and background == wanted:
            texts.append(sel.cursor.selectedText())
    return texts


def only(records: list[AnnotationRecord]) -> AnnotationRecord:
    assert len(records) == 1, records
    return records[0]

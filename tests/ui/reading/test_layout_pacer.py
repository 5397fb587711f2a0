"""Qt's background layout of a long text, paced in slices: laid out to the end while the
reader's place is kept."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.ui.reading.reading_view import ReadingView
from reader.ui.reading.typesetting import ReadingContent
from tests.ui.helpers import long_document


def test_a_long_text_is_laid_out_in_the_background_in_slices(
    qtbot: QtBot, view: ReadingView
) -> None:
    doc = long_document()
    view.set_content(ReadingContent.original(doc), anchor=doc.blocks[5].start)
    pacer = view.pacer
    assert pacer is not None and not pacer.done()
    qtbot.waitUntil(pacer.done, timeout=20000)
    # Laid out to the end: the scroll range covers the whole text, and the place is kept.
    height = view.document().documentLayout().documentSize().height()
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() >= height - view.viewport().height() - 2, timeout=5000)
    assert view.reading_position() == doc.blocks[5].start

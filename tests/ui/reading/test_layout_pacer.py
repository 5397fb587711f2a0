"""Qt's background layout of a long text, paced in slices: laid out to the end while the
reader's place is kept."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.ui.reading.reading_view import ReadingView
from reader.ui.reading.typesetting import ReadingContent
from tests.ui.helpers import long_document, pane


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


def test_a_pane_not_painted_yet_lays_out_nothing_until_its_first_paint(qtbot: QtBot) -> None:
    """The pacer waits for the first paint: on a busy machine its ticks came before the paint
    and laid out a slice or more in front of it."""
    from PySide6.QtCore import QTimer

    view = pane(qtbot, long_document())
    pacer = view.pacer
    assert pacer is not None
    pacer.restart()  # (as a new width would: still held)
    document = view.document()

    def laid_out() -> int:
        blocks = (document.findBlockByNumber(i) for i in range(document.blockCount()))
        return sum(block.layout().lineCount() > 0 for block in blocks)

    def a_tenth_of_a_second() -> int:
        # Ten of the pacer's ticks, had it been running; then how many blocks are laid out.
        later = QTimer(view)
        later.setSingleShot(True)
        with qtbot.waitSignal(later.timeout, timeout=5000):
            later.start(100)
        return laid_out()

    # (Qt's own stepwise layout ticks once, which the pacer lets through to tell its timer
    # from the one that reports the size; nothing after that.)
    first = a_tenth_of_a_second()
    assert a_tenth_of_a_second() == first and not pacer.done()
    with qtbot.waitSignal(pacer.finished, timeout=20000):
        view.show()  # painted: the pacer goes on from there
    assert pacer.done()

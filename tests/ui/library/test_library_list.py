"""The library list: a real list model (checked by qtmodeltester) and what each row says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ui.library.library_list import (
    AUTHORS_ROLE,
    DOC_ID_ROLE,
    VENUE_ROLE,
    YEAR_ROLE,
    LibraryList,
    LibraryModel,
)


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = LibraryModel(list(load_library()))
    qtmodeltester.check(model)
    model.set_documents(list(load_library())[:1])
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_rows_show_title_author_venue_year() -> None:
    model = LibraryModel(list(load_library()))
    row = model.row_of("hsu-divergence")
    index = model.index(row, 0)
    assert index.data() == "中俄兩國之戰略利益分歧"
    assert index.data(AUTHORS_ROLE) == "許菁芸"
    assert index.data(VENUE_ROLE) == "遠景論壇"
    assert index.data(YEAR_ROLE) == "2024"
    assert index.data(DOC_ID_ROLE) == "hsu-divergence"
    assert "許菁芸 · 遠景論壇 No. 91 · 2024" in index.data(Qt.ItemDataRole.ToolTipRole)
    lian = model.index(model.row_of("lian-obor"), 0)
    assert lian.data(YEAR_ROLE) == ""  # no date in its metadata: nothing made up
    assert model.row_of("nonexistent") == -1


def test_keyboard_moves_between_articles(qtbot: QtBot) -> None:
    model = LibraryModel(list(load_library()))
    view = LibraryList(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.show_document("lian-obor")
    view.setFocus()
    with qtbot.waitSignal(view.document_activated, timeout=2000) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert activated.args == ["hsu-divergence"]
    # Marking the current article from outside does not announce it again.
    with qtbot.assertNotEmitted(view.document_activated):
        view.show_document("lian-obor")
    assert view.currentIndex().data(DOC_ID_ROLE) == "lian-obor"

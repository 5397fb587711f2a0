"""The library list: a real list model (checked by qtmodeltester) and what each row says."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.documents import BlockDraft, Document, Metadata, assemble, load_library
from reader.ui.library.library_list import (
    AUTHORS_ROLE,
    DETAIL_ROLE,
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


def _titled(
    doc_id: str, title: str, authors: tuple[str, ...] = (), date: str | None = None
) -> Document:
    body = [BlockDraft("title", 0, title), BlockDraft("paragraph", 0, "北極合作與航道。")]
    return assemble(Metadata(id=doc_id, title=title, authors=authors, date=date), body)


def test_rows_of_one_title_are_told_apart_by_their_ids() -> None:
    """Texts that share a title, or have no author, venue or date, show their ids in the
    details line; a text with details and a title of its own does not."""
    docs = [
        *(_titled(f"arctic-{n}", "北極合作研究") for n in (1, 2, 3)),
        _titled("na4", "北極航道", date="2020"),
        _titled("lone", "北極航線"),
        _titled("dated", "北極研究", authors=("李四",), date="2023-05"),
    ]
    model = LibraryModel(docs)
    details = [model.index(row, 0).data(DETAIL_ROLE) for row in range(model.rowCount())]
    assert details == ["arctic-1", "arctic-2", "arctic-3", "2020", "lone", "李四 · 2023"]
    tips = [model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) for row in range(3)]
    assert len(set(tips)) == 3
    model.set_documents([*docs, _titled("dated-2", "北極研究", authors=("李四",), date="2023")])
    assert model.index(5, 0).data(DETAIL_ROLE) == "李四 · 2023 · dated"
    assert model.index(6, 0).data(DETAIL_ROLE) == "李四 · 2023 · dated-2"


def test_the_open_article_and_the_row_under_the_pointer_are_shaded(qtbot: QtBot) -> None:
    """Told by the view (its selection, the row under the pointer), not by the style option."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor, QPalette

    model = LibraryModel(list(load_library()))
    view = LibraryList(model)
    qtbot.addWidget(view)
    view.resize(260, 300)
    view.show()
    qtbot.waitExposed(view)
    view.show_document("lian-obor")
    palette = view.palette()
    lian = view.visualRect(model.index(model.row_of("lian-obor"), 0))
    hsu = view.visualRect(model.index(model.row_of("hsu-divergence"), 0))

    def shade(rect: QRect) -> QColor:
        return view.viewport().grab().toImage().pixelColor(rect.left() + 2, rect.top() + 2)

    assert shade(lian) == palette.color(QPalette.ColorRole.Highlight)
    assert shade(hsu) == palette.color(QPalette.ColorRole.Base)
    QCursor.setPos(view.viewport().mapToGlobal(hsu.center()))
    qtbot.mouseMove(view.viewport(), hsu.center())
    qtbot.waitUntil(lambda: shade(hsu) == palette.color(QPalette.ColorRole.AlternateBase))
    assert shade(lian) == palette.color(QPalette.ColorRole.Highlight)
    QCursor.setPos(view.viewport().mapToGlobal(QPoint(-50, -50)))


def test_a_long_list_keeps_heights_and_the_painted_rows_boxes(qtbot: QtBot) -> None:
    """Every row is measured to lay the list out, but only the rows painted (and the first
    few laid out) keep their title's box; the others keep a height, at the list's last two
    widths — the same height a painted row has (issue 22: 3,000 titles' boxes held ~2 MB)."""
    title = "北極航道與中俄戰略合作之研究 第 {} 號"
    docs = [_titled(f"t-{n}", title.format(n) * (1 + n % 3)) for n in range(300)]
    model = LibraryModel(docs)
    view = LibraryList(model)
    qtbot.addWidget(view)
    view.resize(260, 300)
    view.show()
    qtbot.waitExposed(view)
    delegate = view._delegate
    qtbot.waitUntil(lambda: sum(len(h) for h in delegate._hints.values()) >= len(docs))
    view.viewport().grab()  # painted
    kept = type(delegate).KEPT_WHEN_LAID_OUT
    assert kept <= len(delegate._sizes) < kept + len(docs) // 4
    width = view.viewport().width() - 2 * 8 - 4
    heights = delegate._hints[width]
    rows = [view.indexAt(view.viewport().rect().topLeft()).row(), 1]
    for row in rows:
        painted = view.visualRect(model.index(row, 0)).height()
        assert heights[model.title(row)] == painted
    for size in (220, 240, 300):  # three more widths: the last two are kept
        view.resize(size, 300)
        qtbot.waitUntil(lambda: len(delegate._hints.get(view.viewport().width() - 20, ())) >= 300)
    assert len(delegate._hints) <= 2
    # Each width's heights as a row of that width is measured anew.
    tall = model.index(2, 0)
    assert delegate._hints[view.viewport().width() - 20][model.title(2)] == (
        view.visualRect(tall).height()
    )

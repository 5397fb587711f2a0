"""View ▸ Original Page: a PDF imported from the window, then its page shown beside the text,
following the reading position, with a selected passage outlined."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.importing import guess, read_source, save
from reader.ui.reading.fonts import FontCatalog
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from tests.cli_helpers import meipi
from tests.ui.library.test_import_dialog import choose_file, import_dialog

DATA = Path(__file__).resolve().parents[2] / "data" / "pdf"


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(load_library(), ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: hasattr(window, "page_view"), timeout=10_000)
    return window


def test_a_pdf_imported_from_the_window_keeps_its_pages(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot)
    choose_file(monkeypatch, DATA / "xelatex-tc.pdf")
    window.dialogs.import_action.trigger()
    dialog = import_dialog(qtbot, window)
    assert "PDF" in dialog.source_info.text()
    assert dialog.title_edit.text() == "中俄戰略利益的分歧與合作"
    assert dialog.authors_edit.text() == "許菁芸"
    with qtbot.waitSignal(window.dialogs.text_imported, timeout=20_000):
        dialog.save_button.click()
    doc = window.current_document()
    assert doc is not None and doc.id == "xelatex-tc"
    assert [p.printed for p in doc.pages] == ["i", "45", "46", "47"]


def test_the_original_page_follows_the_text_and_outlines_a_selection(qtbot: QtBot) -> None:
    save(guess(read_source(DATA / "xelatex-tc.pdf")))
    window = _window(qtbot)
    window.reload_library()
    window.open_document("xelatex-tc")
    feature = window.page_view
    assert feature.action.text().replace("&", "") == "Original Page"
    with qtbot.waitSignal(feature.page_shown, timeout=20_000) as shown:
        feature.action.trigger()
    assert shown.args == [0]  # the title page
    assert feature.canvas.outlined() == []

    doc = window.current_document()
    assert doc is not None
    heading = [b for b in doc.blocks if b.kind == "heading"][1]  # 貳、戰略利益的分歧
    page_index = next(i for i, p in enumerate(doc.pages) if p.start > heading.start) - 1
    with qtbot.waitSignal(feature.page_shown, timeout=20_000) as shown:
        window.reading_view.select_range(heading.start, heading.end)
    assert shown.args == [page_index]
    outlined = feature.canvas.outlined()
    assert len(outlined) == 1
    x0, y0, x1, y1 = outlined[0]
    assert x1 > x0 and y1 > y0
    assert "outlined" in feature.status.text()


def test_a_text_that_is_not_a_pdf_says_so(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.open_document("lian-obor")
    feature = window.page_view
    feature.action.trigger()
    qtbot.waitUntil(lambda: "not imported from a PDF" in feature.status.text(), timeout=5_000)
    assert not feature.canvas.has_page()


def test_a_protected_pdf_asks_for_its_password(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot)
    choose_file(monkeypatch, DATA / "user-password.pdf")
    window.dialogs.import_action.trigger()
    qtbot.waitUntil(lambda: window.dialogs.password_dialog is not None, timeout=20_000)
    asking = window.dialogs.password_dialog
    assert asking is not None and "password" in asking.labelText()
    asking.setTextValue("wrong")
    asking.accept()
    qtbot.waitUntil(
        lambda: (
            window.dialogs.password_dialog is not None
            and "does not open" in window.dialogs.password_dialog.labelText()
        ),
        timeout=20_000,
    )
    again = window.dialogs.password_dialog
    assert again is not None
    again.setTextValue("secret")
    again.accept()
    dialog = import_dialog(qtbot, window)
    assert dialog.title_edit.text() == "中俄战略利益的分歧与合作"


def test_dropping_the_database_is_refused_without_opening_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert meipi("config", "creator", "Test Reader").code == 0  # a real database
    window = _window(qtbot)
    db = window.services.db_path
    assert db.is_file()
    opened: list[str] = []

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args and str(args[0]) == str(db):
            opened.append(event)

    import sys

    sys.addaudithook(audit)
    with qtbot.waitSignal(window.dialogs.import_refused, timeout=10_000) as refused:
        window.dialogs.import_file(db)
    assert "database" in refused.args[0]
    assert opened == []


def test_the_page_goes_away_with_a_text_that_has_none_and_comes_back(qtbot: QtBot) -> None:
    """Shown for a PDF's pages, the dock is put away when a text with no page opens (a third of
    the window saying so) and comes back with the next text that has pages; opened by the
    reader on a text without pages, it stays where they put it."""
    save(guess(read_source(DATA / "xelatex-tc.pdf")))
    window = _window(qtbot)
    window.reload_library()
    window.open_document("xelatex-tc")
    feature = window.page_view
    with qtbot.waitSignal(feature.page_shown, timeout=20_000):
        feature.action.trigger()
    window.open_document("lian-obor")
    qtbot.waitUntil(lambda: not feature.dock.isVisible(), timeout=5_000)
    assert not feature.action.isChecked()
    with qtbot.waitSignal(feature.page_shown, timeout=20_000):
        window.open_document("xelatex-tc")
    assert feature.dock.isVisible()
    # The reader's own choice: asked for on a text without pages, it stays open.
    window.open_document("lian-obor")
    qtbot.waitUntil(lambda: not feature.dock.isVisible(), timeout=5_000)
    feature.action.trigger()
    qtbot.waitUntil(lambda: "not imported from a PDF" in feature.status.text(), timeout=5_000)
    window.open_document("hsu-divergence")
    qtbot.waitUntil(lambda: "中俄兩國" in feature.status.text(), timeout=5_000)
    assert feature.dock.isVisible()


def test_the_original_page_open_at_quit_is_open_at_the_next_start(qtbot: QtBot) -> None:
    """A tester quit with View ▸ Original Page open and found it closed at the next start
    (made after the window restored its layout, the dock was never restored)."""
    save(guess(read_source(DATA / "xelatex-tc.pdf")))
    window = _window(qtbot)
    window.reload_library()
    window.open_document("xelatex-tc")
    feature = window.page_view
    with qtbot.waitSignal(feature.page_shown, timeout=20_000):
        feature.action.trigger()
    width = feature.dock.width()
    window.close()  # quitting saves the layout

    again = _window(qtbot)
    assert again.current_document() is not None
    assert again.current_document().id == "xelatex-tc"  # type: ignore[union-attr]
    restored = again.page_view
    qtbot.waitUntil(restored.dock.isVisible, timeout=5_000)
    qtbot.waitUntil(lambda: restored.shown_page() is not None, timeout=20_000)
    assert restored.action.isChecked()
    # Where and as wide as the reader left it, in front of the sidebar it shares a side with.
    qtbot.waitUntil(lambda: restored.dock.geometry().x() > 0, timeout=5_000)
    assert abs(restored.dock.width() - width) <= 2
    assert not restored.dock.visibleRegion().isEmpty()
    assert again.annotations_dock.visibleRegion().isEmpty()
    restored.action.trigger()  # closed at quit: closed at the next start
    qtbot.waitUntil(lambda: not restored.dock.isVisible(), timeout=5_000)
    again.close()
    third = _window(qtbot)
    assert not third.page_view.dock.isVisible() and not third.page_view.action.isChecked()

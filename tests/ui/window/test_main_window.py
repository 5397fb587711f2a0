"""The reading window driven as a reader would: which article it opens on, switching, zoom,
themes, the place remembered across a restart, and the page shown for a passage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from pytestqt.qtbot import QtBot

from reader.documents import Document, Library
from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.typesetting import zoomed_point_size
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from reader.ui.window.theme import DARK, LIGHT, SEPIA
from tests.ui.helpers import MakeWindow


def restart(qtbot: QtBot, window: MainWindow, make_window: MakeWindow) -> MainWindow:
    window.close()
    return make_window()


def offset_of(doc: Document, passage: str) -> int:
    return doc.text.index(passage)


def test_first_start_opens_on_lian_obor(make_window: MakeWindow) -> None:
    window = make_window()
    doc = window.current_document()
    assert doc is not None and doc.id == "lian-obor"
    assert "一帶一路框架下中俄之潛在競合關係" in window.windowTitle()
    # Every character of the canonical text is in the pane, blocks as paragraphs.
    assert window.reading_view.toPlainText() == doc.text
    assert window.library_list.currentIndex().row() == window.library_model.row_of("lian-obor")
    assert window.page_label.text() == "Page 1"


def test_switching_articles_from_the_library(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    row = window.library_model.row_of("hsu-divergence")
    rect = window.library_list.visualRect(window.library_model.index(row, 0))
    with qtbot.waitSignal(window.document_opened, timeout=2000) as opened:
        qtbot.mouseClick(
            window.library_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert opened.args == ["hsu-divergence"]
    assert window.reading_view.toPlainText() == library.get("hsu-divergence").text
    assert "中俄兩國之戰略利益分歧" in window.windowTitle()
    window.previous_document()
    assert window.current_document() is library.get("lian-obor")


def test_opens_on_the_last_article_after_a_restart(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_document("hsu-divergence")
    second = restart(qtbot, window, make_window)
    doc = second.current_document()
    assert doc is not None and doc.id == "hsu-divergence"
    assert second.library_list.currentIndex().data() == "中俄兩國之戰略利益分歧"


def test_position_restored_after_a_restart(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    # Room for the text in the small test window: without the annotations sidebar (the closed
    # dock is remembered), or the library, the sidebar and the margin leave a column a few
    # characters wide whose line breaks no place survives.
    window.annotations_dock.close()
    qtbot.waitUntil(lambda: window.reading_view.viewport().width() > 200)
    doc = window.current_document()
    assert doc is not None
    target = offset_of(doc, "總而言之，在中國崛起下")
    window.reading_view.scroll_to_offset(target)
    assert window.reading_view.first_visible_offset() == target
    # The other article keeps its own place.
    window.open_document("hsu-divergence")
    other = window.current_document()
    assert other is not None
    other_target = offset_of(other, "南海：俄羅斯角色更加邊緣化")
    window.reading_view.scroll_to_offset(other_target)
    window.open_document("lian-obor")
    assert window.reading_view.first_visible_offset() == target

    second = restart(qtbot, window, make_window)
    qtbot.waitUntil(lambda: second.reading_view.first_visible_offset() == target, timeout=2000)
    assert second.page_label.text() == "Page 5"
    second.open_document("hsu-divergence")
    assert second.reading_view.first_visible_offset() == other_target


def test_position_after_scrolling_by_hand_is_remembered(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    bar = window.reading_view.verticalScrollBar()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
    seen = window.reading_view.first_visible_offset()
    assert seen > 0
    second = restart(qtbot, window, make_window)
    qtbot.waitUntil(lambda: second.reading_view.first_visible_offset() == seen, timeout=2000)


@pytest.mark.parametrize(
    ("passage", "page"),
    [
        ("總而言之，在中國崛起下", 5),  # a paragraph that begins on page 5
        ("代中期之「建設性夥伴關係」", 2),  # page 2 begins in the middle of a sentence
        ("普京在衡量國家經濟利益", 8),
        ("壹、前言", 1),
    ],
)
def test_status_bar_shows_the_page_of_a_scrolled_to_passage(
    make_window: MakeWindow, passage: str, page: int
) -> None:
    window = make_window()
    doc = window.current_document()
    assert doc is not None
    window.reading_view.scroll_to_offset(offset_of(doc, passage))
    assert window.page_label.text() == f"Page {page}"


def test_scrolling_to_a_page_number_in_the_margin(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    view = window.reading_view
    marks = view.page_mark_positions()
    assert sorted(marks) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert marks == dict(sorted(marks.items(), key=lambda kv: kv[1]))  # top to bottom
    # Scroll as a user would, until the "p. 5" mark is at the top of the view.
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + int(marks[5]) - 10)
    qtbot.waitUntil(lambda: window.page_label.text() == "Page 5", timeout=2000)
    assert int(window.progress_label.text().rstrip("%")) in range(40, 80)


def test_progress_counts_the_text_read(make_window: MakeWindow) -> None:
    window = make_window()
    doc = window.current_document()
    assert doc is not None
    # The first visible character over the text's length: 0% at the top (issue 21)…
    assert window.progress_label.text() == "0%"
    view = window.reading_view
    view.scroll_to_offset(len(doc.text) // 2)
    expected = round(view.first_visible_offset() / len(doc.text) * 100)
    assert window.progress_label.text() == f"{expected}%" and 40 <= expected <= 60
    # …and 100% once scrolled to the very end.
    view.scroll_to_offset(len(doc.text) - 1)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert window.progress_label.text() == "100%"
    assert window.page_label.text() == "Page 8"


def test_go_to_page(make_window: MakeWindow) -> None:
    window = make_window()
    window.go_to_page(6)
    assert window.page_label.text() == "Page 6"
    doc = window.current_document()
    assert doc is not None
    assert doc.page_of(window.reading_view.first_visible_offset()) in (5, 6)


def test_zoom_with_the_keyboard(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    view = window.reading_view
    doc = window.current_document()
    assert doc is not None
    target = offset_of(doc, "中亞國家為前蘇聯之一部份")
    view.scroll_to_offset(target)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    base = view.document().defaultFont().pointSizeF()
    assert base == zoomed_point_size(0)

    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.zoom_steps() == 1, timeout=2000)
    assert view.document().defaultFont().pointSizeF() > base
    assert window.zoom_label.text() == "Zoom 110%"
    # The passage stays at the top while the text grows.
    assert view.first_visible_offset() == target

    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.zoom_steps() == -1, timeout=2000)
    assert view.document().defaultFont().pointSizeF() < base
    assert view.first_visible_offset() == target

    second = restart(qtbot, window, make_window)
    assert second.zoom_steps() == -1
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow, timeout=2000)
    qtbot.keyClick(second.reading_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: second.zoom_steps() == 0, timeout=2000)
    assert second.reading_view.document().defaultFont().pointSizeF() == base


def _paper_color(window: MainWindow) -> QColor:
    image = window.reading_view.viewport().grab().toImage()
    return image.pixelColor(6, image.height() - 6)


def _body_color(window: MainWindow) -> QColor:
    doc = window.current_document()
    assert doc is not None
    cursor = window.reading_view.cursor_for(*_paragraph(doc))
    fmt: QTextCharFormat = cursor.charFormat()
    return fmt.foreground().color()


def _paragraph(doc: Document) -> tuple[int, int]:
    block = next(b for b in doc.blocks if b.kind == "paragraph")
    return block.start + 1, block.start + 2


def test_themes_from_the_menu_and_remembered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    assert window.theme().id == "light"  # the offscreen platform has no colour scheme
    assert _paper_color(window) == QColor(LIGHT.paper)
    with qtbot.waitSignal(window.theme_applied, timeout=2000) as applied:
        window.theme_actions["dark"].trigger()
    assert applied.args == ["dark"]
    assert _body_color(window) == QColor(DARK.ink)
    assert _paper_color(window) == QColor(DARK.paper)
    window.theme_actions["sepia"].trigger()
    assert _paper_color(window) == QColor(SEPIA.paper)
    assert _body_color(window) == QColor(SEPIA.ink)

    second = restart(qtbot, window, make_window)
    assert second.theme().id == "sepia"
    assert second.theme_actions["sepia"].isChecked()
    assert _paper_color(second) == QColor(SEPIA.paper)


def test_system_theme_follows_the_desktop(qtbot: QtBot, make_window: MakeWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    assert window.theme_actions["system"].isChecked()
    hints = QGuiApplication.styleHints()
    with qtbot.waitSignal(window.theme_applied, timeout=2000) as applied:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert applied.args == ["dark"]
    assert _body_color(window) == QColor(DARK.ink)
    # A theme chosen by hand no longer follows the desktop.
    window.set_theme("light")
    with qtbot.assertNotEmitted(window.theme_applied):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme().id == "light"


def _title_font(window: MainWindow) -> QFont:
    return window.reading_view.document().firstBlock().charFormat().font()


def test_font_style_sans_and_back(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    serif = window.reading_view.document().defaultFont().families()
    assert serif[0] == "Noto Serif CJK TC"
    # A Ming text's title and headings in the Hei face the chrome uses, at its regular weight.
    title = _title_font(window)
    assert title.families()[0] == "Noto Sans CJK TC" and title.weight() == QFont.Weight.Normal
    window.font_actions["sans"].trigger()
    assert window.reading_view.document().defaultFont().families()[0] == "Noto Sans CJK TC"
    # A sans text's title stands out by its weight, as it always did.
    title = _title_font(window)
    assert title.families()[0] == "Noto Sans CJK TC" and title.weight() == QFont.Weight.Bold
    second = restart(qtbot, window, make_window)
    assert second.font_actions["sans"].isChecked()
    assert second.reading_view.document().defaultFont().families()[0] == "Noto Sans CJK TC"


def test_geometry_and_library_panel_remembered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.resize(720, 540)  # within the offscreen platform's 800×600 screen
    qtbot.waitUntil(lambda: window.width() == 720, timeout=2000)
    window.library_action.trigger()
    assert not window.library_dock.isVisible()
    second = restart(qtbot, window, make_window)
    assert (second.width(), second.height()) == (720, 540)
    assert not second.library_dock.isVisible()


def test_menus_show_their_shortcuts(make_window: MakeWindow) -> None:
    window = make_window()
    # The library's dock filled, its Filter Library action in the menu.
    assert window.library_list is not None
    view_menu = [a.text() for a in window.view_menu.actions()]
    assert view_menu.index("&Library") < view_menu.index("Zoom &In")
    assert view_menu.index("Filter Li&brary") == view_menu.index("&Library") + 1
    # The script switcher (issue 4) inserts before this separator, after the library's actions.
    actions = window.view_menu.actions()
    assert window.view_script_section.isSeparator()
    assert actions.index(window.view_script_section) == 2
    assert actions[1].shortcut().toString() == "Ctrl+L"
    assert window.library_action.shortcut().toString() == "Ctrl+Shift+L"
    shortcuts = {s.toString() for s in window.zoom_in_action.shortcuts()}
    assert {"Ctrl+=", "Ctrl++"} <= shortcuts
    assert window.zoom_out_action.shortcut().toString() == "Ctrl+-"
    assert window.zoom_reset_action.shortcut().toString() == "Ctrl+0"
    assert window.goto_page_action.shortcut().toString() == "Ctrl+G"


def test_a_hidden_banner_draws_no_icon_until_shown(make_window: MakeWindow) -> None:
    """With a Chinese font the banner stays hidden: its icon (an SVG, QtSvg's first render at
    startup) is drawn only if it shows, in the theme of that moment."""
    window = make_window()
    assert window.banner.isHidden()
    assert window.banner.icon.pixmap().isNull()
    window.set_theme("dark")
    window.banner.show()
    assert not window.banner.icon.pixmap().isNull()
    window.banner.hide()


def test_banner_names_the_font_package_when_nothing_shows_chinese(make_window: MakeWindow) -> None:
    latin_only = FontCatalog.of(["DejaVu Sans", "DejaVu Serif"], [])
    window = make_window(latin_only)
    assert window.banner.isVisible()
    assert not window.banner.icon.pixmap().isNull()  # its warning icon, in the theme's colour
    assert "fonts-noto-cjk" in window.banner.label.text()
    assert "Noto Serif CJK" in window.banner.label.text()
    # The text is still there to select and copy.
    doc = window.current_document()
    assert doc is not None and window.reading_view.toPlainText() == doc.text


def test_no_banner_with_the_installed_cjk_fonts(make_window: MakeWindow) -> None:
    window = make_window()
    assert not window.banner.isVisible()


def test_highlight_layers_survive_rerendering(qtbot: QtBot, make_window: MakeWindow) -> None:
    from reader.ui.reading.reading_view import char_format

    window = make_window()
    doc = window.current_document()
    assert doc is not None
    start = offset_of(doc, "區域性")
    window.reading_view.set_layer("search", [(start, start + 3, char_format("#ffe08a"))])
    window.zoom_in()
    # Drawn once the text, laid out again at the new size, reaches it (paced, not at once).
    qtbot.waitUntil(lambda: len(window.reading_view.extraSelections()) == 1)
    selections = window.reading_view.extraSelections()
    assert selections[0].cursor.selectedText() == "區域性"


def test_selection_in_canonical_offsets(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.annotations_dock.close()  # a column wide enough for the word on one line
    qtbot.waitUntil(lambda: window.reading_view.viewport().width() > 200)
    view = window.reading_view
    doc = window.current_document()
    assert doc is not None
    start = offset_of(doc, "戈巴契夫")
    view.scroll_to_offset(start)
    rects = view.range_rects(start, start + 4)
    assert len(rects) == 1
    # Drag across the word with the mouse: the selection is the canonical range.
    rect = rects[0]
    y = int(rect.center().y())
    qtbot.mousePress(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.left()) + 2, y)
    )
    qtbot.mouseMove(view.viewport(), QPoint(int(rect.right()) - 2, y))
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(rect.right()) - 2, y)
    )
    assert view.selected_range() == (start, start + 4)
    assert view.offset_at(QPoint(int(rect.left()) + 2, y)) == start


def test_library_list_fills_in_after_the_first_paint(qtbot: QtBot, library: Library) -> None:
    from reader.ui.library.library_list import LibraryList

    window = MainWindow(library, ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window)
    # Nothing in the dock until the text has been painted: the text comes first.
    assert window.library_dock.findChild(LibraryList) is None
    with qtbot.waitSignal(window.reading_view.first_painted, timeout=3000):
        window.show()
    qtbot.waitUntil(lambda: window.library_dock.findChild(LibraryList) is not None, timeout=3000)
    listed = window.library_dock.findChild(LibraryList)
    assert isinstance(listed, LibraryList)
    assert listed.currentIndex().data() == "一帶一路框架下中俄之潛在競合關係"


def test_showing_a_script_view_keeps_the_place_and_sets_simplified_type(
    make_window: MakeWindow,
) -> None:
    from reader.script import document_view
    from reader.ui.reading.typesetting import ReadingContent

    window = make_window()
    doc = window.current_document()
    assert doc is not None
    target = offset_of(doc, "在軍事上，中俄亦存在部分矛盾")
    window.reading_view.scroll_to_offset(target)
    view = document_view(doc, "zh-Hans")
    window.show_content(ReadingContent.from_view(doc, view))
    assert window.reading_view.toPlainText() == view.text
    assert window.reading_view.first_visible_offset() == target
    assert window.reading_view.document().defaultFont().families()[0] == "Noto Serif CJK SC"
    assert window.page_label.text() == "Page 3"
    window.show_content(ReadingContent.original(doc))
    assert window.reading_view.document().defaultFont().families()[0] == "Noto Serif CJK TC"
    assert window.reading_view.first_visible_offset() == target


def test_an_unwritable_settings_file_is_said_not_hidden(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    # A data "directory" that is a file: nothing can be saved there, not even by root.
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("", encoding="utf-8")
    window = MainWindow(
        library, ReaderSettings(blocked / "settings.ini"), FontCatalog.from_system()
    )
    qtbot.addWidget(window)
    assert "cannot be saved" in window.statusBar().currentMessage()
    assert str(blocked / "settings.ini") in window.statusBar().currentMessage()


def test_the_first_text_is_painted_before_the_library_is_listed(
    qtbot: QtBot, library: Library
) -> None:
    """A library of thousands is listed after the first paint: the window reads the text it
    shows straight from its file (the one the reader left), then lists every text."""
    from reader.shelf import OpeningLibrary
    from reader.ui.library.library_list import LibraryList

    settings = ReaderSettings.default()
    settings.set_last_document("hsu-divergence")
    listings: list[str] = []

    def opener() -> Library:
        listings.append("listed")
        return library

    opening = OpeningLibrary(opener)
    window = MainWindow(opening, settings, FontCatalog.from_system())
    qtbot.addWidget(window)
    assert listings == []
    current = window.current_document()
    assert current is not None and current.id == "hsu-divergence"
    painted: list[int] = []
    window.reading_view.first_painted.connect(lambda: painted.append(len(listings)))
    with qtbot.waitSignal(window.reading_view.first_painted, timeout=3000):
        window.show()
    assert painted == [0]
    qtbot.waitUntil(lambda: window.library_dock.findChild(LibraryList) is not None, timeout=3000)
    listed = window.library_dock.findChild(LibraryList)
    assert isinstance(listed, LibraryList)
    assert listings == ["listed"]
    assert listed.model().rowCount() == len(library)
    assert listed.currentIndex().data() == library.get("hsu-divergence").title


def test_a_shelved_text_that_cannot_be_read_any_more_is_not_opened(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library of thousands lists its texts from the search cache and reads a text when it is
    opened: a text whose file was spoilt since (before the window's next look at the folder)
    is not opened and is said to be unreadable; the window stays on the text it shows (the
    error went up through the library's click as a traceback, and the window took the text
    for the open one while still showing the last)."""
    import os

    from reader import paths, shelf
    from reader.documents import TEXT_SUFFIX, BlockDraft, Metadata, assemble, dumps
    from tests.ui.conftest import quiesce

    monkeypatch.setattr(shelf, "SHELF_FROM", 0)
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"mine{TEXT_SUFFIX}"
    drafts = [BlockDraft("paragraph", 0, "喬治亞的能源")]
    drafts[0].page_marks.append((0, 1))
    doc = assemble(Metadata(id="mine", title="Mine"), drafts, shipped=False)
    path.write_text(dumps(doc), encoding="utf-8")
    aged = 1_000_000_000  # long settled: the cache trusts its record of the file
    os.utime(path, ns=(aged, aged))
    library = shelf.open_library()
    assert isinstance(library.documents, shelf.Shelf)
    window = MainWindow(library, ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(window, before_close_func=quiesce)
    window.show()
    window.open_document("lian-obor")
    path.write_text("not a Meipi text any more\n", encoding="utf-8")
    window.open_document("mine")
    current = window.current_document()
    assert current is not None and current.id == "lian-obor"
    assert window.reading_view.toPlainText() == current.text
    assert "mine" not in window.services.library.ids()
    assert "cannot be opened" in window.statusBar().currentMessage()


@pytest.mark.parametrize(("language", "face"), [("zh_CN", "SC"), ("zh_TW", "TC")])
def test_the_interface_font_has_the_glyph_forms_of_the_interface_language(
    make_window: MakeWindow, language: str, face: str
) -> None:
    from PySide6.QtWidgets import QApplication

    ReaderSettings.default().set_language(language)
    window = make_window()
    families = [f for f in QApplication.font().families() if f.startswith("Noto Sans CJK")]
    assert families, QApplication.font().families()
    assert families[0] == f"Noto Sans CJK {face}"  # 简体中文 menus drew in the TC face
    assert window.font().families() == QApplication.font().families()


FIRST_PAINT_PROBE = """
import sys
import os
import subprocess
import sys
from pathlib import Path

from PySide6 import QtGui, QtWidgets

from reader.ui.window.app import WindowConfig, application, create_window

lazy = "QGraphicsSceneEvent" not in QtWidgets.__dict__  # PySide makes classes when used
app = application()
window = create_window(WindowConfig(db=Path(sys.argv[1])))


def painted() -> None:
    made = [
        name
        for name in ("QGraphicsSceneEvent", "QTabletEvent", "QGradient", "QImage")
        if name in QtWidgets.__dict__ or name in QtGui.__dict__
    ]
    print(lazy, "json" in sys.modules, made, flush=True)
    app.quit()


window.reading_view.first_painted.connect(painted)
window.show()
app.exec()
"""


def _probe(script: str, tmp_path: Path) -> str:
    """The last line ``script`` prints, run as a process of its own on a fresh data folder
    (what a process imports and makes is what these tests look at)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        MEIPI_DATA_DIR=str(tmp_path),
        MEIPI_DB=str(tmp_path / "meipi.sqlite3"),
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "meipi.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip(), out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


def test_the_first_paint_makes_no_pyside_classes_it_does_not_use(tmp_path: Path) -> None:
    """PySide makes a Python class, with its enums, for each Qt class a program first touches.
    Before the first paint: no event handler written in Python receives a plain QEvent (its
    conversion made every event class of QtGui and QtWidgets, ~45 of them, ~2.5 ms), and no
    QBrush is made from a colour (PySide weighed every constructor, making QGradient, QImage
    and more). Nor is json imported: the settings and the window lock need it only later."""
    lazy, json_imported, made = _probe(FIRST_PAINT_PROBE, tmp_path).split(" ", 2)
    assert json_imported == "False"  # (~1.5 ms: nothing before the first paint needs it)
    if lazy != "True":
        pytest.skip("this PySide makes every class when its module is imported")
    assert made == "[]"


def test_a_narrow_window_keeps_a_readable_column_and_folds_the_margin(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    """800 pixels wide (half a laptop screen) with both docks: the text kept 64 pixels, one
    character a line, beside the margin notes' column. The docks give way to a column of 14
    characters, the notes fold to their strip (the reader's choice unchanged) and come back when
    there is room; the library's titles and the colour filters wrap, nothing cut or scrolled."""
    from reader.ui.annotating.annotations_feature import AnnotationsFeature
    from reader.ui.reading.reading_view import MARGIN_COLLAPSED_WIDTH, margin_room

    window = make_window(size=(798, 560), wait_for=("annotations_feature",))
    feature = window.annotations_feature
    assert isinstance(feature, AnnotationsFeature)
    view = window.reading_view
    em = view.typography().em()
    qtbot.waitUntil(lambda: view.column_rect().width() >= 14 * em - 1)
    assert feature.margin.margin_width() == MARGIN_COLLAPSED_WIDTH
    assert feature.menus.margin_action.isChecked()  # folded for room, not by the reader
    library = window.library_list
    qtbot.waitUntil(lambda: library.viewport().width() < 200)
    assert not library.horizontalScrollBar().isVisible()
    colors = feature.sidebar.color_view
    model = colors.model()
    inside = colors.viewport().rect()
    qtbot.waitUntil(
        lambda: all(
            inside.contains(colors.visualRect(model.index(row, 0)))
            for row in range(model.rowCount())
        )
    )
    window.resize(1280, 560)
    qtbot.waitUntil(lambda: feature.margin.margin_width() > MARGIN_COLLAPSED_WIDTH)
    # The rule itself: notes beside the text only where a column of 20 ems stays.
    assert margin_room(400, False, 19.0) == MARGIN_COLLAPSED_WIDTH
    assert margin_room(700, False, 19.0) > MARGIN_COLLAPSED_WIDTH
    assert margin_room(700, True, 19.0) == MARGIN_COLLAPSED_WIDTH


READY_PROBE = """
import sys
from pathlib import Path

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QTimer

from reader.ui.window.app import WindowConfig, application, create_window

app = application()
window = create_window(WindowConfig(db=Path(sys.argv[1])))


def ready() -> None:
    # As the benchmark's peak memory is taken: both articles opened, each in an event of its own.
    ids = [doc.id for doc in list(window.services.library)[:2]]

    def open_next() -> None:
        if ids:
            window.open_document(ids.pop(0))
            QTimer.singleShot(0, open_next)
            return
        later = ("html", "html.entities", "json", "reader.ui.words.word_popup")
        made = sorted(name for name in later if name in sys.modules)
        # QStyle's class (with its dozens of enums): made by the first look at a style option's
        # state or a style's element (rows of the sidebar, results), none of which is on screen.
        made += ["QStyle"] if "QStyle" in QtWidgets.__dict__ else []
        # QGradient's (its ~180 presets): made by fillRect() given a colour (painting.py).
        made += ["QGradient"] if "QGradient" in QtGui.__dict__ else []
        print(made, flush=True)
        app.quit()

    open_next()


window.fully_ready.connect(ready)
window.show()
app.exec()
"""


def test_the_ready_window_imports_no_module_only_a_later_action_needs(tmp_path: Path) -> None:
    """Memory (issue 22): the look-up popup (its widgets and their classes) and the html
    module's entity tables (~0.35 MB resident) wait for the first look-up, and QStyle's class
    for a widget that needs it, not the window being ready with its articles opened."""
    assert _probe(READY_PROBE, tmp_path) == "[]"


FIRST_READY_PROBE = """
import sys
from pathlib import Path

from reader.ui.window.app import WindowConfig, application, create_window

app = application()
window = create_window(WindowConfig(db=Path(sys.argv[1])))


def ready() -> None:
    print(sorted(name for name in sys.argv[2:] if name in sys.modules), flush=True)
    app.quit()


window.fully_ready.connect(ready)
window.show()
app.exec()
"""

# Modules of what the reader may do, not of what is on screen: imported at its first use.
FIRST_USE_MODULES = (
    "reader.ui.reading.find_bar",  # Ctrl+F, F3, Search All Articles (the Finder)
    "reader.ui.window.workers",  # a long text's conversion, a search, a PDF page rendered
    "reader.tags",  # the first annotation listed, a filter (none on a first start)
    "reader.folding",
    "reader.ui.annotating.undo",  # the first annotation written, Undo, Redo
    "reader.ui.annotating.annotation_edits",  # the first write (a colour key, Note…, Delete)
    "reader.ui.compare.compare_window",  # View ▸ Compare Articles…
)


def test_the_window_gets_ready_without_the_modules_of_actions_not_used_yet(
    tmp_path: Path,
) -> None:
    """Startup time (issue 22): what only an action needs is imported when it is first used
    (each module's own tests show that first use), not as the window gets ready."""
    script = FIRST_READY_PROBE.replace("sys.argv[2:]", repr(list(FIRST_USE_MODULES)))
    assert _probe(script, tmp_path) == "[]"

"""The window's own writes are its own: a glossary edit or a saved theme memo refreshes the
views once, at once, and the watcher (which reports other processes' commits) stays quiet.
The watcher's poll slot is called directly, twice, instead of waiting for its timer."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import Library
from reader.ui.compare.theme_memo import ThemeMemoEditor
from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.views_feature import ViewsFeature
from reader.ui.window.main_window import MainWindow
from reader.ui.window.settings import ReaderSettings
from reader.ui.words.glossary_dialog import GlossaryDialog
from tests.cli_helpers import meipi


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> MainWindow:
    win = MainWindow(library, ReaderSettings.default(), FontCatalog.from_system())
    qtbot.addWidget(win)
    win.resize(780, 560)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: getattr(win, "views_feature", None) is not None, timeout=5000)
    return win


class Counter:
    def __init__(self) -> None:
        self.glossary = 0
        self.annotations: list[str] = []

    def on_glossary(self) -> None:
        self.glossary += 1

    def on_annotations(self, doc_id: str) -> None:
        self.annotations.append(doc_id)


def counting(window: MainWindow) -> Counter:
    counter = Counter()
    window.services.glossary_changed.connect(counter.on_glossary)
    window.services.annotations_changed.connect(counter.on_annotations)
    return counter


def poll_twice(window: MainWindow) -> None:
    window.services._on_watch_timer_timeout()
    window.services._on_watch_timer_timeout()


def test_a_glossary_edit_in_the_window_refreshes_once(qtbot: QtBot, window: MainWindow) -> None:
    feature = window.views_feature
    assert isinstance(feature, ViewsFeature)
    feature.glossary_action.trigger()
    dialog = feature.glossary_dialog
    assert isinstance(dialog, GlossaryDialog)
    window.services.store()  # open, with its watcher, as after the first edit
    counter = counting(window)
    assert dialog.add_entry("keep", "區域性")
    assert counter.glossary == 1
    poll_twice(window)
    assert (counter.glossary, counter.annotations) == (1, [])
    assert window.services.glossary().keeps == frozenset({"區域性"})
    # Removing it is the window's own write too.
    assert dialog.remove_entries([("keep", "區域性", "")])
    poll_twice(window)
    assert (counter.glossary, counter.annotations) == (2, [])


def test_another_process_s_glossary_edit_is_still_seen(qtbot: QtBot, window: MainWindow) -> None:
    window.services.store()
    counter = counting(window)
    assert meipi("glossary", "keep", "區域性").code == 0
    poll_twice(window)
    assert counter.glossary == 1  # once: the second poll finds nothing new
    assert window.services.glossary().keeps == frozenset({"區域性"})


def test_a_saved_theme_memo_is_not_taken_for_another_process_s_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = ThemeMemoEditor(window.services)
    qtbot.addWidget(editor)
    editor.set_theme("地區/中亞")
    window.services.store()
    counter = counting(window)
    editor.editor.setPlainText("中亞是兩國的交會處")
    assert editor.flush()
    poll_twice(window)
    assert (counter.glossary, counter.annotations) == (0, [])
    assert meipi("annotations").code == 0
    from reader.ops.notes import theme_memo

    store = window.services.store()
    assert store is not None
    assert theme_memo(store, "地区 / 中亚") == "中亞是兩國的交會處"


def test_the_texts_folder_is_looked_at_when_the_library_is_listed(
    qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library of thousands is listed after the first paint: so is the look at its files
    that later tells a text imported meanwhile, and a text added after it is still seen."""
    from reader import paths
    from reader.documents import TEXT_SUFFIX, dumps
    from reader.shelf import OpeningLibrary
    from reader.ui.window.services import Services

    looks: list[int] = []
    real = Services._texts_signature

    def counting() -> tuple[tuple[str, int, int], ...]:
        looks.append(1)
        return real()

    monkeypatch.setattr(Services, "_texts_signature", staticmethod(counting))
    opening = OpeningLibrary(lambda: library)
    services = Services(paths.db_path(), opening)
    assert looks == []
    assert len(opening) == len(library)
    assert looks == [1]
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"added{TEXT_SUFFIX}").write_text(dumps(library.get("lian-obor")), encoding="utf-8")
    with qtbot.waitSignal(services.texts_changed, timeout=1000):
        services._on_watch_timer_timeout()
    services.close()

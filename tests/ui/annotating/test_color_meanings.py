"""The colour-meanings dialog: a meaning typed for a colour names its menu action, its sidebar
filter row and its annotations, and is what the command line and exports read from the store."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader import paths
from reader.store import open_store
from reader.store.themes import color_meanings
from reader.ui.annotating.color_meanings import ColorMeaningsDialog
from tests.ui.helpers import MakeWindow, annotate, feature_of


def test_meanings_name_the_menus_the_sidebar_and_the_store(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "上海合作組織", "yellow", ("中亞",))
    dialog = feature.show_color_meanings()
    assert isinstance(dialog, ColorMeaningsDialog)
    dialog.edits["yellow"].setText("論點")
    dialog.edits["green"].setText("證據")
    assert dialog.save()
    assert feature.meanings["yellow"] == "論點"
    assert feature.menus.color_actions["yellow"].text() == "Highlight Yellow — 論點"
    assert feature.sidebar.colors.data(feature.sidebar.colors.index(0)) == "論點 (1)"
    index = feature.sidebar.proxy.index(0, 0)
    assert "論點" in feature.sidebar.delegate.meta_line(index)
    # The command line (and exports) read the same meanings from the store.
    with open_store(paths.db_path()) as store, store.reading() as s:
        assert color_meanings(s)["green"] == "證據"

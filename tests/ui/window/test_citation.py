"""Edit ▸ Copy with Citation from the window: trimmed at the edges, in Chinese form when the
interface language is Chinese (in the view's script), p. N in English."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.window.settings import ReaderSettings
from tests.ui.helpers import MakeWindow, annotating, select_shown


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The annotating window (tests.ui.helpers.annotating)."""
    return annotating(make_window)


def test_copy_with_citation_follows_the_interface_language(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    settings = ReaderSettings.default()
    settings.set_language("en")
    settings.sync()
    window = make_window()
    select_shown(window, "，開始恢復外交往來。")  # caught the comma before and the stop after
    text = window.dialogs.copy_with_citation()
    assert text == "「開始恢復外交往來」（連弘宜〈一帶一路框架下中俄之潛在競合關係〉，p. 1）"
    settings.set_language("zh_TW")
    settings.sync()
    text = window.dialogs.copy_with_citation()
    assert text == (
        "「開始恢復外交往來」（連弘宜，〈一帶一路框架下中俄之潛在競合關係〉，《戰略瞭望》，頁 1）"
    )

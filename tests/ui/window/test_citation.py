"""Edit ▸ Copy with Citation from the window: trimmed at the edges, in Chinese form when the
interface language is Chinese (in the view's script), p. N in English."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.window.settings import ReaderSettings
from tests.ui.helpers import MakeWindow, annotating, select_shown, switch_view


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
    assert (
        text
        == "「開始恢復外交往來」 (連弘宜, 〈一帶一路框架下中俄之潛在競合關係〉, 《戰略瞭望》, p. 1)"
    )
    settings.set_language("zh_TW")
    settings.sync()
    text = window.dialogs.copy_with_citation()
    assert text == (
        "「開始恢復外交往來」（連弘宜，〈一帶一路框架下中俄之潛在競合關係〉，《戰略瞭望》，頁 1）"
    )


def test_copy_with_citation_gives_the_issue_and_date(qtbot: QtBot, make_window: MakeWindow) -> None:
    """A tester's copy from 遠景論壇 No. 91 (2024-11) read 「…」（許菁芸，〈…〉，《遠景論壇》，
    頁 3）: no issue, no date."""
    settings = ReaderSettings.default()
    settings.set_language("zh_TW")
    settings.sync()
    window = make_window()
    window.open_document("hsu-divergence")
    qtbot.waitUntil(lambda: window.current_document().id == "hsu-divergence")  # type: ignore[union-attr]
    select_shown(window, "普丁與中國國家主席習近平的會面，")
    assert window.dialogs.copy_with_citation() == (
        "「普丁與中國國家主席習近平的會面」"
        "（許菁芸，〈中俄兩國之戰略利益分歧〉，《遠景論壇》第91期（2024年11月），頁 1）"
    )
    switch_view(qtbot, window, "zh-Hans-CN")
    settings.set_language("zh_CN")
    settings.sync()
    select_shown(window, "普京与中国国家主席习近平的会面")
    assert window.dialogs.copy_with_citation() == (
        "「普京〔原文：普丁〕与中国国家主席习近平的会面」"
        "（许菁芸，〈中俄两国之战略利益分歧〉，《远景论坛》第91期（2024年11月），页 1）"
    )
    settings.set_language("en")
    settings.sync()
    assert window.dialogs.copy_with_citation() == (
        "「普京〔原文：普丁〕与中国国家主席习近平的会面」"
        " (许菁芸, 〈中俄两国之战略利益分歧〉, 《远景论坛》 no. 91 (November 2024), p. 1)"
    )

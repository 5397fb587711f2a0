"""The About box (``reader.ui.window.about_dialog``) cites both articles."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow


def test_about_box_cites_both_articles(qtbot: QtBot, make_window: MakeWindow) -> None:
    from reader.ui.window.about_dialog import AboutDialog

    window = make_window()
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None, timeout=2000)
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    text = dialog.citation_text()
    assert "連弘宜，〈一帶一路框架下中俄之潛在競合關係〉，《戰略瞭望》，頁 1–8。" in text
    assert (
        "許菁芸，〈中俄兩國之戰略利益分歧〉，《遠景論壇》第91期（2024年11月），"
        "財團法人兩岸交流遠景基金會，頁 1–4。"
    ) in text
    dialog.close()

"""The About box (``reader.ui.window.about_dialog``) cites both articles."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.helpers import MakeWindow, interface_in


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


# Half-width punctuation beside a Chinese character, or a space between one and a full-width mark.
_HALF_WIDTH = re.compile(r"[\u3400-\u9fff][,.;:]|[,.;:] ?[\u3400-\u9fff]|[。，；：）] | [（，。]")


@pytest.mark.parametrize("language", ["en", "zh_TW", "zh_CN"])
def test_about_box_punctuates_as_its_language_does(
    qtbot: QtBot, make_window: MakeWindow, language: str
) -> None:
    """A tester read 「詞典: …, © …; … 來源. 分詞」: English punctuation in Chinese sentences."""
    from reader.ui.window.about_dialog import AboutDialog

    window = make_window()
    with interface_in(language):
        dialog = AboutDialog(list(window.services.library), window)
    qtbot.addWidget(dialog)
    texts = [dialog.credits_text(), *(label.text() for label in dialog.findChildren(QLabel))]
    if language == "en":
        assert "Dictionary: CC-CEDICT, English definitions" in texts[0]
        assert "not Meipi's). Source. Word segmentation" in texts[0]
        return
    for text in texts:
        assert not _HALF_WIDTH.search(text), (_HALF_WIDTH.search(text), text)
    assert "：CC-CEDICT" in texts[0] and ("。分詞" in texts[0] or "。分词" in texts[0])

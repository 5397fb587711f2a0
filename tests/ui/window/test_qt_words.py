"""The words Qt's own file dialog needs from Meipi's catalog (reader/ui/window/qt_words.py); the
dialog itself, drawn in each language: tests/ui/window/test_translations.py."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from reader.ui.window.app import TRANSLATED, install_translations
from reader.ui.window.qt_words import qt_words


def test_each_word_is_in_each_language_and_english_without_a_catalog(
    qapp: QApplication,
) -> None:
    english = qt_words()
    assert english[:2] == ["&Look in:", "Files of &type:"] and "Folder" in english
    for language in TRANSLATED:
        installed = install_translations(qapp, language)
        try:
            words = qt_words()
        finally:
            for translator in installed:
                qapp.removeTranslator(translator)
        # Chinese, with the mnemonic kept as Chinese software writes it ("尋找於(&L)：").
        assert all(re.search("[\u4e00-\u9fff]", w) for w in words), (language, words)
        assert words[0].count("(&L)") == 1 and words[1].count("(&T)") == 1, words
        assert "%1" in words[5]
    assert qt_words() == english

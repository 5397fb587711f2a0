"""The look-up popup on its own, with the real dictionary: the word's reading (pinyin, or zhuyin
after a click), its definitions and its other script's form, the view's substitution when there
is one, "Add to Vocabulary" handing back what was shown; a message shows no entry and no
button."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from reader.ui.words.word_popup import WordLookup, WordPopup
from tests.dictionary_helpers import shared_dictionary


def lookup_of(word: str, substitution: tuple[str, str] | None = None) -> WordLookup:
    entries = tuple(shared_dictionary().lookup(word))
    assert entries, word
    return WordLookup(
        word, entries, "lian-obor", "original", 10, 10 + len(word), word, 10, "3", substitution
    )


def test_a_word_shows_its_reading_definitions_and_other_form(qtbot: QtBot) -> None:
    popup = WordPopup()
    qtbot.addWidget(popup)
    lookup = lookup_of("能源")
    popup.show_lookup(lookup, QPoint(20, 20))
    qtbot.waitUntil(popup.isVisible)
    text = popup.text()
    entry = lookup.entries[0]
    assert text.startswith("能源")
    assert entry.pinyin in text and entry.definitions[0] in text
    assert popup.add_button.isVisible() and popup.credit.isVisible()
    with qtbot.waitSignal(popup.zhuyin_toggled) as toggled:
        qtbot.mouseClick(popup.zhuyin_box, Qt.MouseButton.LeftButton)
    assert toggled.args == [True] and popup.zhuyin()
    assert entry.zhuyin in popup.text() and entry.pinyin not in popup.text()
    with qtbot.waitSignal(popup.add_requested) as added:
        qtbot.mouseClick(popup.add_button, Qt.MouseButton.LeftButton)
    assert added.args == [lookup]


def test_a_substitution_is_named_and_a_message_has_no_entry(qtbot: QtBot) -> None:
    popup = WordPopup()
    qtbot.addWidget(popup)
    popup.show_lookup(lookup_of("普京", ("普丁", "普京")), QPoint(20, 20))
    assert "This view words it 普京; the original has 普丁." in popup.text()
    popup.show_message("The dictionary is loading…", QPoint(20, 20))
    assert popup.text() == "The dictionary is loading…"
    assert popup.lookup is None
    assert not popup.add_button.isVisible() and not popup.zhuyin_box.isVisible()

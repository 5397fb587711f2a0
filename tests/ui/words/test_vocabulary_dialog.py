"""The vocabulary of one article (``reader.ui.words.vocabulary_dialog``) in the real dialog:
its words listed in reading order, pinyin edited in the table's cell, a word deleted, the list
written for Anki."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ops import vocabulary
from reader.store import Store
from reader.ui.words.vocabulary_dialog import COLUMNS, VocabularyDialog


def add(store: Store, word: str, start: int) -> None:
    vocabulary.add(
        store,
        vocabulary.NewWord(
            document="lian-obor",
            word=word,
            traditional=word,
            simplified=word,
            pinyin="",
            definition="energy",
            sentence="雙方在重要的能源議題上將進一步深化合作。",
            start=start,
            end=start + len(word),
            page="2",
        ),
    )


def test_list_edit_delete_and_export(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    add(store, "能源", 40)
    add(store, "合作", 20)
    dialog = VocabularyDialog(store)
    qtbot.addWidget(dialog)
    dialog.set_document(load_library().get("lian-obor"))
    dialog.show()
    assert [r.word for r in dialog.records()] == ["合作", "能源"]
    assert dialog.table.rowCount() == 2 and dialog.heading.text().startswith("2 words in")
    word_cell = dialog.table.item(0, COLUMNS.index("word"))
    assert word_cell is not None and not word_cell.flags() & word_cell.flags().ItemIsEditable
    pinyin = dialog.table.item(0, COLUMNS.index("pinyin"))
    assert pinyin is not None
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        pinyin.setText("hé zuò")  # as an edit in the cell
    assert vocabulary.list_words(store, "lian-obor")[0].pinyin == "hé zuò"
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.delete_rows([1])
    assert [r.word for r in vocabulary.list_words(store)] == ["合作"]
    target = tmp_path / "anki.csv"
    dialog.export_to(target)
    text = target.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) == 1 and rows[0].startswith('"合作",') and "hé zuò" in rows[0]


def test_delete_asks_first_and_cancel_keeps_the_word(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    add(store, "能源", 40)
    add(store, "合作", 20)
    dialog = VocabularyDialog(store)
    qtbot.addWidget(dialog)
    dialog.set_document(load_library().get("lian-obor"))
    dialog.show()
    dialog.table.selectRow(1)

    def box() -> QMessageBox | None:
        found = dialog.findChild(QMessageBox, "confirmVocabularyDelete")
        return found if isinstance(found, QMessageBox) and found.isVisible() else None

    dialog.delete_button.click()
    qtbot.waitUntil(lambda: box() is not None, timeout=3000)
    asked = box()
    assert asked is not None and "能源" in asked.text()
    asked.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: box() is None, timeout=3000)
    assert [r.word for r in vocabulary.list_words(store)] == ["合作", "能源"]
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: box() is not None, timeout=3000)
    confirm = box()
    assert confirm is not None
    delete = next(
        b
        for b in confirm.buttons()
        if confirm.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        delete.click()
    assert [r.word for r in vocabulary.list_words(store)] == ["合作"]
    QApplication.processEvents()

"""The import form's "Fill from .bib/CSL-JSON…" (issue 20): an entry of a Better BibTeX file
fills title, authors, venue, date and first page, the preview follows, and the saved text keeps
the entry's issue and publisher; a malformed file is a message, the form left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
)
from pytestqt.qtbot import QtBot

from reader.documents import Document, load_library
from reader.importing import read_source
from reader.ui.library.import_dialog import ImportDialog

BIB = """@string{vision = "遠景論壇"}
@article{xu2024,
  title = {中俄兩國之戰略利益分歧},
  author = {{許菁芸} and Smith, John},
  journaltitle = vision,
  number = {91},
  year = 2024, month = nov,
  pages = {45--47},
  publisher = {財團法人兩岸交流遠景基金會},
}
@article{other, title = {Other}, year = 2001}
"""


def _dialog(qtbot: QtBot, tmp_path: Path) -> ImportDialog:
    text = tmp_path / "mine.txt"
    text.write_text("一篇文章\n\n第一段的文字。\n\n第二段的文字。\n", encoding="utf-8")
    dialog = ImportDialog(read_source(text), load_library())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.is_current, timeout=10_000)
    return dialog


def test_an_entry_fills_the_form_and_the_saved_text(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = tmp_path / "refs.bib"
    refs.write_text(BIB, encoding="utf-8")
    dialog = _dialog(qtbot, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(refs), ""))
    asked: list[list[str]] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(list(args[3]))  # type: ignore[call-overload]
        return "xu2024", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    qtbot.mouseClick(dialog.reference_button, Qt.MouseButton.LeftButton)
    assert asked == [["xu2024", "other"]]
    assert dialog.title_edit.text() == "中俄兩國之戰略利益分歧"
    assert dialog.authors_edit.text() == "許菁芸; Smith, John"
    assert (dialog.venue_edit.text(), dialog.date_edit.text()) == ("遠景論壇", "2024-11")
    assert dialog.first_page_spin.value() == 45
    qtbot.waitUntil(
        lambda: (
            dialog.is_current()
            and dialog.preview() is not None
            and dialog.preview().document.meta.title == "中俄兩國之戰略利益分歧"  # type: ignore[union-attr]
        ),
        timeout=10_000,
    )
    preview = dialog.preview()
    assert preview is not None and preview.document.pages[0].printed == "45"
    with qtbot.waitSignal(dialog.text_imported, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = dialog.saved_document
    assert isinstance(saved, Document)
    again = load_library().get(saved.id)
    assert again.meta.authors == ("許菁芸", "Smith, John")
    assert (again.meta.venue, again.meta.issue, again.meta.date) == ("遠景論壇", "91", "2024-11")
    assert again.meta.publisher == "財團法人兩岸交流遠景基金會"
    assert again.cite(0, 1) == "p. 45"


def test_a_malformed_file_is_a_message_and_the_form_stays(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{k,\n  title = {unclosed\n", encoding="utf-8")
    dialog = _dialog(qtbot, tmp_path)
    title = dialog.title_edit.text()
    assert dialog.fill_from_references(bad) is None
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is dialog
    ]
    assert len(boxes) == 1
    assert "bad.bib is not valid BibTeX: a '{' is never closed (line 2)." in boxes[0].text()
    boxes[0].close()
    assert dialog.title_edit.text() == title and dialog.reference is None


def test_text_details_fill_from_an_entry_and_save(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import paths
    from reader.ui.library.text_details_dialog import TextDetailsDialog
    from reader.ui.window.services import Services
    from tests.cli_helpers import meipi

    mine = tmp_path / "mine.txt"
    mine.write_text("一篇文章\n\n第一段的文字。\n", encoding="utf-8")
    assert meipi("import", str(mine), "--id", "mine").code == 0
    refs = tmp_path / "refs.json"
    refs.write_text(
        '[{"id": "xu2024", "title": "中俄兩國之戰略利益分歧", "author": [{"literal": "許菁芸"}],'
        ' "container-title": "遠景論壇", "issue": "91", "issued": {"date-parts": [[2024, 11]]},'
        ' "page": "45-47", "publisher": "財團法人兩岸交流遠景基金會"}]',
        encoding="utf-8",
    )
    library = load_library()
    doc = library.get("mine")
    services = Services(paths.db_path(None), library)
    try:
        dialog = TextDetailsDialog(
            doc,
            None,
            store=services.store(),
            library=list(library),
            write=lambda op: services.write(op, document=doc.id, announce=False),
        )
        qtbot.addWidget(dialog)
        dialog.open()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(refs), ""))
        qtbot.mouseClick(dialog.reference_button, Qt.MouseButton.LeftButton)
        assert dialog.title_edit.text() == "中俄兩國之戰略利益分歧"
        assert (dialog.issue_edit.text(), dialog.publisher_edit.text()) == (
            "91",
            "財團法人兩岸交流遠景基金會",
        )
        assert dialog.citekey_edit is not None and dialog.citekey_edit.text() == "xu2024"
        assert dialog.first_page_spin.value() == 45
        with qtbot.waitSignal(dialog.details_saved, timeout=10000):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finally:
        services.close()
    again = load_library().get("mine")
    assert (again.meta.title, again.meta.authors, again.meta.venue) == (
        "中俄兩國之戰略利益分歧",
        ("許菁芸",),
        "遠景論壇",
    )
    assert (again.meta.issue, again.meta.date, again.cite(0, 1)) == ("91", "2024-11", "p. 45")
    refs_out = meipi("export", "--format", "csl-json", "--doc", "mine").json()
    assert refs_out[0]["id"] == "xu2024"

"""The citekey in Text Details: the generated key shown as the placeholder, a typed key stored
in the database and used by the reference exports; a bad key is refused with a dialog-free
message and nothing saved. And ``meipi import --citekey``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import Document, Library, load_library
from reader.ui.library.text_details_dialog import TextDetailsDialog
from reader.ui.window.services import Services
from tests.cli_helpers import meipi


def _import(tmp_path: Path, *extra: str) -> int:
    src = tmp_path / "mine.txt"
    src.write_text("中亞能源合作\n\n中亞國家與俄羅斯的能源合作。\n", encoding="utf-8")
    args = ["import", str(src), "--id", "mine", "--title", "中亞能源合作"]
    args += ["--author", "王小明", "--date", "2020", *extra]
    return meipi(*args).code


def _details(
    qtbot: QtBot, services: Services, doc: Document, library: Library
) -> TextDetailsDialog:
    """Text Details as the window opens it: its store, the whole library, the window's writer."""
    dialog = TextDetailsDialog(
        doc,
        None,
        store=services.store(),
        library=list(library),
        write=lambda op: services.write(op, document=doc.id, announce=False),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_import_takes_a_citekey(tmp_path: Path) -> None:
    bad = meipi("import", str(tmp_path / "x.txt"), "--citekey", "not a key")
    assert bad.code == 2 and "cannot be a citekey" in bad.err
    taken = meipi("import", str(tmp_path / "x.txt"), "--citekey", "lianyidai")
    assert taken.code == 2
    assert _import(tmp_path, "--citekey", "wang2020energy") == 0
    refs = meipi("export", "--format", "csl-json").json()
    assert [r["id"] for r in refs] == ["lianyidai", "xu2024zhonge", "wang2020energy"]


def test_text_details_edits_the_citekey(qtbot: QtBot, tmp_path: Path) -> None:
    assert _import(tmp_path) == 0
    library = load_library()
    doc = library.get("mine")
    services = Services(paths.db_path(None), library)
    try:
        dialog = _details(qtbot, services, doc, library)
        dialog.open()
        edit = dialog.citekey_edit
        assert edit is not None
        assert edit.text() == "" and edit.placeholderText() == "wang2020zhongya"
        edit.setText("wang2020energy")
        with qtbot.waitSignal(dialog.details_saved, timeout=10000):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.result() == QDialog.DialogCode.Accepted
    finally:
        services.close()
    refs = meipi("export", "--format", "bibtex")
    assert refs.code == 0 and "{wang2020energy," in refs.out


def _forget_kept_keys() -> None:
    """The database as an earlier version left it: no key kept (no connection is open)."""
    import sqlite3

    conn = sqlite3.connect(paths.db_path(None))
    with conn:
        conn.execute("DELETE FROM generated_citekeys")
    conn.close()


def test_changed_details_keep_the_key_cited_so_far(qtbot: QtBot, tmp_path: Path) -> None:
    assert _import(tmp_path) == 0
    _forget_kept_keys()
    assert "{wang2020zhongya," in meipi("export", "--format", "bibtex").out
    library = load_library()
    doc = library.get("mine")
    services = Services(paths.db_path(None), library)
    try:
        dialog = _details(qtbot, services, doc, library)
        dialog.open()
        dialog.authors_edit.setText("李大同")
        with qtbot.waitSignal(dialog.details_saved, timeout=10000):
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    finally:
        services.close()
    refs = meipi("export", "--format", "bibtex")
    assert refs.code == 0 and "李大同" in refs.out
    assert "{wang2020zhongya," in refs.out  # not li2020zhongya: the key cited stays


def test_a_key_another_text_is_cited_by_is_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No key kept yet (an earlier version's database): typing lian-obor's key for this text
    was stored, and lian-obor's key then became lianyidaia — a key cited, changed."""
    from reader.ui.library import text_details_dialog

    assert _import(tmp_path) == 0
    _forget_kept_keys()
    library = load_library()
    doc = library.get("mine")
    services = Services(paths.db_path(None), library)
    shown: list[str] = []
    monkeypatch.setattr(
        text_details_dialog, "show_message", lambda _parent, _title, text: shown.append(text)
    )
    try:
        dialog = _details(qtbot, services, doc, library)
        dialog.open()
        assert dialog.citekey_edit is not None
        dialog.citekey_edit.setText("lianyidai")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert shown and "already the key of 'lian-obor'" in shown[0]
        assert dialog.result() != QDialog.DialogCode.Accepted
    finally:
        services.close()
    refs = meipi("export", "--format", "bibtex")
    assert "{lianyidai," in refs.out and "{wang2020zhongya," in refs.out

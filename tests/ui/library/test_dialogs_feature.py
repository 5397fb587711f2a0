"""A text's own actions on the main window (``reader.ui.library.dialogs_feature``): Text Details
and Remove Text only for a text the user imported; removing asks first and keeps what it says;
a file that cannot be imported is a message and adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from reader.ui.library.dialogs_feature import DialogsFeature
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, interface_in


def import_text(tmp_path: Path) -> None:
    src = tmp_path / "mine.txt"
    src.write_text("中亞能源合作\n\n中亞國家與俄羅斯的能源合作。\n", encoding="utf-8")
    assert meipi("import", str(src), "--id", "mine").code == 0


def test_only_an_imported_text_can_be_removed_and_removing_asks_first(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    import_text(tmp_path)  # from the command line, while the window is open
    window.reload_library()
    dialogs = window.dialogs
    window.open_document("lian-obor")
    assert not dialogs.details_action.isEnabled() and not dialogs.remove_action.isEnabled()
    window.open_document("mine")
    assert dialogs.details_action.isEnabled() and dialogs.remove_action.isEnabled()
    dialogs.remove_action.trigger()
    box = dialogs.remove_box
    assert box is not None and "mine.meipi.txt" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()  # changed one's mind
    qtbot.waitUntil(lambda: dialogs.remove_box is None, timeout=5000)
    assert "mine" in load_library().ids()
    removed = remove_open_text(qtbot, dialogs)
    assert removed == ["mine"]
    assert "mine" not in load_library().ids()
    assert not any(paths.user_texts_dir().glob("mine*"))


@pytest.mark.parametrize(
    ("language", "deleted", "kept"),
    [
        ("en", "The file {} will be deleted. Any annotations", None),
        ("zh_TW", "檔案 {} 將被刪除。", "註記"),
        ("zh_CN", "文件 {} 将被删除。", "批注"),
    ],
)
def test_removing_says_the_file_will_be_deleted(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    language: str,
    deleted: str,
    kept: str | None,
) -> None:
    """The question said "The file … is deleted", as if it were already gone."""
    window = make_window()
    import_text(tmp_path)
    window.reload_library()
    window.open_document("mine")
    with interface_in(language):
        window.dialogs.remove_action.trigger()
    box = window.dialogs.remove_box
    assert box is not None
    text = box.informativeText()
    path = str(paths.user_texts_dir() / "mine.meipi.txt")
    assert text.startswith(deleted.format(path)), text
    if kept is not None:  # the next sentence follows without a space, as Chinese writes
        assert text.startswith(deleted.format(path) + "它上面的")
        assert kept in text
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.dialogs.remove_box is None, timeout=5000)


def test_a_file_that_cannot_be_imported_adds_nothing(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    dialogs = window.dialogs
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(dialogs.import_refused, timeout=10000) as refused:
        dialogs.import_file(empty)
    assert "empty" in refused.args[0]
    assert dialogs.import_dialog is None
    assert not paths.user_texts_dir().exists() or not any(paths.user_texts_dir().iterdir())
    for box in window.findChildren(QMessageBox):
        box.close()


def test_removing_a_text_changes_no_other_texts_key(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    import sqlite3

    titles = {"first": "北極合作甲", "second": "北極合作乙"}
    for doc_id, title in titles.items():
        src = tmp_path / f"{doc_id}.txt"
        src.write_text(f"{title}\n\n{doc_id}。\n", encoding="utf-8")
        assert meipi("import", str(src), "--id", doc_id).code == 0
    conn = sqlite3.connect(paths.db_path(None))  # as an earlier version left it: no key kept
    with conn:
        conn.execute("DELETE FROM generated_citekeys")
    conn.close()
    keys = {r["title"]: r["id"] for r in meipi("export", "--format", "csl-json").json()}
    # Earlier versions told the twins apart by a letter after the year, in library order.
    assert sorted(keys[t] for t in titles.values()) == ["abeiji", "bbeiji"]
    gone = next(d for d, t in titles.items() if keys[t] == "abeiji")
    stays = titles["second" if gone == "first" else "first"]
    window = make_window()
    window.reload_library()
    dialogs = window.dialogs
    window.open_document(gone)
    assert dialogs.remove_action.isEnabled()
    remove_open_text(qtbot, dialogs)
    window.close()
    after = {r["title"]: r["id"] for r in meipi("export", "--format", "csl-json").json()}
    assert after[stays] == "bbeiji"  # not beiji: the key cited stays


def test_a_text_is_removed_when_the_database_is_read_only(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    """Keeping the keys first writes nothing there: its refusal stopped the removal."""
    import sqlite3

    import_text(tmp_path)
    conn = sqlite3.connect(paths.db_path(None))  # as an earlier version left it: no key kept
    with conn:
        conn.execute("DELETE FROM generated_citekeys")
    conn.close()
    window = make_window()
    window.reload_library()
    store = window.services.store()
    assert store is not None
    store.read_only = True
    dialogs = window.dialogs
    window.open_document("mine")
    remove_open_text(qtbot, dialogs)
    assert "mine" not in load_library().documents
    store.read_only = False


def remove_open_text(qtbot: QtBot, dialogs: DialogsFeature) -> list[object]:
    """File ▸ Remove Text… on the open text, confirmed as the reader would (the box's
    destructive button); the ``text_removed`` signal's arguments."""
    dialogs.remove_action.trigger()
    box = dialogs.remove_box
    assert box is not None
    remove = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    with qtbot.waitSignal(dialogs.text_removed, timeout=5000) as removed:
        remove.click()
    return list(removed.args or [])

"""The memo on a theme (``reader.ui.compare.theme_memo``), typed into the real editor: saved after
a pause, at once when the theme changes, found again under any spelling of the tag; a refused
save keeps the text on screen and says why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ops import notes
from reader.store import open_store
from reader.ui.compare.theme_memo import ThemeMemoEditor
from reader.ui.window.services import Services


def memo_in_store(db: Path, tag: str) -> str | None:
    store = open_store(db)
    try:
        return notes.theme_memo(store, tag)
    finally:
        store.close(backup=False)


@pytest.fixture
def services(db_file: Path) -> Iterator[Services]:
    made = Services(db_file, load_library())
    yield made
    made.close()


def editor_on(qtbot: QtBot, services: Services) -> ThemeMemoEditor:
    editor = ThemeMemoEditor(services)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_a_memo_is_saved_after_a_pause_and_when_the_theme_changes(
    qtbot: QtBot, services: Services, db_file: Path
) -> None:
    editor = editor_on(qtbot, services)
    assert not editor.editor.isEnabled() and editor.theme() is None
    editor.set_theme("中亞")
    assert editor.editor.isEnabled() and editor.title.text() == "Memo on 中亞"
    with qtbot.waitSignal(editor.memo_saved, timeout=5000) as saved:
        editor.editor.insertPlainText("兩篇都談")  # as typed (keyClicks takes ASCII only)
    assert saved.args == ["中亞"] and not editor.has_unsaved()
    assert editor.status.text() == "Saved."
    editor.editor.insertPlainText("中亞")  # typed, and the theme changes before the pause ends
    assert editor.has_unsaved()
    editor.set_theme("能源")
    assert memo_in_store(db_file, "中亚") == "兩篇都談中亞"
    assert editor.text() == ""
    editor.set_theme("中亚")  # the same theme, as the other script spells it
    assert editor.text() == "兩篇都談中亞"


def test_a_refused_save_keeps_the_text_and_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    damaged = tmp_path / "meipi.sqlite3"
    damaged.write_text("not a database", encoding="utf-8")
    services = Services(damaged, load_library())
    try:
        editor = editor_on(qtbot, services)
        editor.set_theme("能源")
        with qtbot.waitSignal(editor.save_failed, timeout=5000) as failed:
            editor.editor.insertPlainText("筆記")
        assert "Your memo is not saved" in failed.args[0]
        assert editor.text() == "筆記" and editor.has_unsaved()
        assert not editor.flush()  # still refused: still kept
        assert damaged.read_text(encoding="utf-8") == "not a database"
    finally:
        services.close()

"""The Export dialog and Copy with Citation, driven as a reader would: annotations made through
the store, the live preview following the choices, Save (atomic; an unwritable place is a
message and no file), Copy, and a selected passage copied with its citation."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from reader.documents import Document, Library
from reader.export.citing import quote_with_citation
from reader.script import document_view
from reader.store import annotations as ops
from reader.ui.library import export_dialog
from reader.ui.library.export_dialog import ExportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow, interface_in

PASSAGE = "區域性"


def annotate(window: MainWindow, doc: Document, passage: str, **fields: object) -> None:
    store = window.services.store()
    assert store is not None
    start = doc.text.index(passage)
    with store.writing() as s:
        ops.create_annotation(s, doc, start, start + len(passage), **fields)  # type: ignore[arg-type]
    window.services.notify_annotations_changed(doc.id)


def open_export(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    window.dialogs.export_action.trigger()
    dialog = window.dialogs.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.is_current, timeout=10_000)
    return dialog


def current(qtbot: QtBot, dialog: ExportDialog, fmt: str) -> str:
    qtbot.waitUntil(lambda: dialog.options().format == fmt and dialog.is_current(), timeout=10_000)
    return dialog.preview_text()


def message_boxes(parent: object) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is parent
    ]


def test_preview_follows_the_format(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    doc = library.get("lian-obor")
    annotate(window, doc, PASSAGE, tags=["中亞"], note="試試", color="green")
    dialog = open_export(qtbot, window)

    markdown = current(qtbot, dialog, "markdown")
    assert markdown.startswith("---\n")
    page = doc.page_of(doc.text.index(PASSAGE))
    assert "> " in markdown and PASSAGE in markdown
    assert f"[p\\. {page}](meipi://annotation/" in markdown  # the citation links back
    assert "#中亞" in markdown and "試試" in markdown
    assert "in this export: 1." in dialog.status_text()
    # The tag from the store is offered, and the colour with its meaning.
    tags = [dialog.tags_list.item(i).text() for i in range(dialog.tags_list.count())]
    assert tags == ["中亞  (1)"]
    colours = [dialog.colors_list.item(i).text() for i in range(dialog.colors_list.count())]
    assert "Green — Agree" in colours

    dialog.set_format("csv")
    rows = list(csv.reader(io.StringIO(current(qtbot, dialog, "csv"))))
    assert len(rows) == 2 and any(PASSAGE in cell for cell in rows[1])

    dialog.set_format("json")
    data = json.loads(current(qtbot, dialog, "json"))
    assert "AnnotationCollection" in json.dumps(data)
    assert PASSAGE in json.dumps(data, ensure_ascii=False)

    # A filter on a colour nobody used leaves nothing.
    dialog.set_format("markdown")
    dialog.colors_list.item(0).setCheckState(Qt.CheckState.Checked)  # yellow
    qtbot.waitUntil(lambda: dialog.is_current() and "in this export: 0." in dialog.status_text())
    assert "試試" not in dialog.preview_text()


def test_a_comparison_needs_two_articles(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    dialog = open_export(qtbot, window)
    dialog.set_documents(["lian-obor"])
    dialog.set_format("compare")
    qtbot.waitUntil(lambda: "two or more" in dialog.status_text(), timeout=5000)
    assert dialog.documents_note.isVisible()
    assert not dialog.save_button.isEnabled() and not dialog.copy_button.isEnabled()
    dialog.set_documents(["lian-obor", "hsu-divergence"])
    text = current(qtbot, dialog, "compare")
    assert text and dialog.save_button.isEnabled()
    assert not dialog.documents_note.isVisible()


def test_save_writes_the_export_and_remembers_choices(
    qtbot: QtBot,
    make_window: MakeWindow,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    annotate(window, library.get("lian-obor"), PASSAGE, tags=["中亞"], note="試試")
    dialog = open_export(qtbot, window)
    target = tmp_path / "out" / "lian.md"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(*args: object) -> Path:
        asked.append(str(args[2]))
        return target

    monkeypatch.setattr(export_dialog, "ask_save_path", save_name)
    with qtbot.waitSignal(dialog.export_saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith("lian-obor.md")
    written = target.read_text(encoding="utf-8")
    assert "試試" in written and PASSAGE in written
    assert [p.name for p in target.parent.iterdir()] == ["lian.md"]

    dialog.set_format("csv")
    current(qtbot, dialog, "csv")
    with qtbot.waitSignal(dialog.export_copied, timeout=5000):
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "試試" in QGuiApplication.clipboard().text()
    dialog.close()
    qtbot.waitUntil(lambda: window.dialogs.export_dialog is None)

    # Opened again: the last choices come back.
    again = open_export(qtbot, window)
    assert again.options().format == "csv"
    assert again.options().documents == ("lian-obor",)
    again.close()
    qtbot.waitUntil(lambda: window.dialogs.export_dialog is None)
    # One article was exported: with another open, the one being read is chosen.
    window.open_document("hsu-divergence")
    qtbot.waitUntil(
        lambda: (window.current_document() or library.get("lian-obor")).id == "hsu-divergence"
    )
    other = open_export(qtbot, window)
    assert other.options().format == "csv" and other.options().documents == ("hsu-divergence",)


@pytest.mark.parametrize("where", ["missing-folder", "parent-is-a-file"])
def test_an_unwritable_target_is_a_message_and_no_file(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    window = make_window()
    dialog = open_export(qtbot, window)
    if where == "missing-folder":
        target = tmp_path / "no-such-folder" / "x.md"
    else:
        blocker = tmp_path / "blocker"
        blocker.write_text("a file", encoding="utf-8")
        target = blocker / "x.md"
    before = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda *a: target)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes(dialog)), timeout=5000)
    box = message_boxes(dialog)[0]
    assert "Cannot write" in box.text() and str(target) in box.text()
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    box.close()


def test_copy_with_citation_in_the_current_view(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    doc = library.get("lian-obor")
    passage = "為理由出兵喬治亞"  # Georgia: 格鲁吉亚 on the mainland (the regional lexicon)
    start = doc.text.index(passage)
    end = start + len(passage)
    window.reading_view.select_range(start, end)
    window.services.set_current_view(doc.id, "zh-Hans-CN")
    with qtbot.waitSignal(window.dialogs.citation_copied, timeout=5000) as copied:
        window.dialogs.copy_citation_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert copied.args == [text]
    expected = quote_with_citation(doc, start, end, document_view(doc, "zh-Hans-CN"))
    assert text == expected
    assert text.startswith("「为理由出兵格鲁吉亚〔原文：喬治亞〕」")
    assert text.endswith(f"p. {doc.page_of(start)})")
    # The source in the script of the quote (it was cited in Traditional beside it).
    assert "连弘宜, 〈一带一路框架下中俄之潜在竞合关系〉, 《战略瞭望》" in text

    # Nothing selected: nothing copied, the status bar says why.
    window.reading_view.select_range(start, start)
    QGuiApplication.clipboard().setText("before")
    window.dialogs.copy_citation_action.trigger()
    assert QGuiApplication.clipboard().text() == "before"
    assert "Select a passage" in window.statusBar().currentMessage()


def test_the_preview_follows_new_annotations(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    dialog = open_export(qtbot, window)
    assert "in this export: 0." in dialog.status_text()
    annotate(window, library.get("lian-obor"), PASSAGE, tags=["能源"], note="後來加的")
    qtbot.waitUntil(lambda: dialog.is_current() and "後來加的" in dialog.preview_text())
    assert "in this export: 1." in dialog.status_text()
    tags = [dialog.tags_list.item(i).text() for i in range(dialog.tags_list.count())]
    assert tags == ["能源  (1)"]


def test_the_actions_are_in_the_menus(make_window: MakeWindow) -> None:
    window = make_window()
    feature = window.dialogs
    assert feature.import_action.shortcut().toString() == "Ctrl+O"
    assert feature.export_action.shortcut().toString() == "Ctrl+E"
    assert feature.copy_citation_action.shortcut().toString() == "Ctrl+Shift+C"
    file_actions = window.file_menu.actions()
    for action in (feature.import_action, feature.export_action, feature.remove_action):
        assert action in file_actions
    edit_menu = window.findChild(QMenu, "editMenu")
    assert edit_menu is not None and feature.copy_citation_action in edit_menu.actions()


def test_the_status_says_what_a_removed_texts_annotations_became(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    """Remove Text keeps a text's annotations in the database; no export can hold them (their
    text went with the file), and the dialog says so rather than leaving them out unsaid."""
    from reader.importing import remove
    from tests.cli_helpers import meipi

    source = tmp_path / "art3.md"
    source.write_text("# 測試文章\n\n第一段落，關於能源合作的討論。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "art3").code == 0
    assert meipi("annotate", "art3", "--quote", "能源合作", "--note", "我的筆記").code == 0
    remove("art3")
    with interface_in("en"):
        window = make_window()
        dialog = open_export(qtbot, window)
        current(qtbot, dialog, "markdown")
        said = (
            "1 annotation kept for a text no longer in the library (art3) cannot be exported: "
            "import the text again with its id to bring it back."
        )
        assert said in dialog.status_text()
        dialog.set_format("csl-json")
        current(qtbot, dialog, "csl-json")
        assert "no longer in the library" not in dialog.status_text()

"""Bringing one's own texts in from the window: File ▸ Import Text… and a dropped file, the form
prefilled by the importer's guesses and the preview, a Big5 and a GB18030 file imported, read
and listed; refusals; an id already taken; editing details later; removing a text (asked first,
annotations kept as orphans)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import load_library
from reader.store import annotations as ops
from reader.ui.library.import_dialog import ImportDialog
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow

BIG5_TEXT = (
    "中亞地區的區域合作\n\n"
    "壹、前言\n"
    "自從冷戰結束以後，中俄兩國的關係經歷了許多變化。這篇文章討論兩國在中亞地區的合作與競爭，"
    "並且分析區域性的多邊機制與雙邊關係的發展。\n"
    "貳、結論\n"
    "總而言之，兩國關係將持續變化。\n"
)
GB_TEXT = (
    "中俄能源合作的新发展\n\n"
    "一、引言\n"
    "近年来，中国与俄罗斯在能源领域的合作不断加深，两国签署了多项协议，这对区域经济产生了重要影响。\n"
    "二、结论\n"
    "总之，两国关系将继续发展。\n"
)


def drag_enter_event(
    at: QPointF,
    actions: Qt.DropAction,
    mime: QMimeData,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier,
) -> QDragEnterEvent:
    """A drag entering at ``at``: PySide6 6.12 takes the position as QPointF and deprecates the
    QPoint constructor (warnings are errors here); earlier versions take only QPoint."""
    # The stubs know only the QPoint constructor: the QPointF one is 6.12's.
    make = cast(Callable[..., QDragEnterEvent], QDragEnterEvent)
    try:
        return make(at, actions, mime, buttons, modifiers)
    except TypeError:
        return QDragEnterEvent(at.toPoint(), actions, mime, buttons, modifiers)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def import_dialog(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    qtbot.waitUntil(lambda: window.dialogs.import_dialog is not None, timeout=10_000)
    dialog = window.dialogs.import_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.is_current, timeout=10_000)
    return dialog


def message_boxes(parent: object) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is parent
    ]


def user_files() -> list[str]:
    folder = paths.user_texts_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type ASCII as a user would (QTest types Latin-1 only)."""
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize(
    ("encoding", "text", "label", "script", "title", "passage"),
    [
        ("big5", BIG5_TEXT, "Big5", "zh-Hant-TW", "中亞地區的區域合作", "區域性的多邊機制"),
        ("gb18030", GB_TEXT, "GB18030", "zh-Hans", "中俄能源合作的新发展", "能源领域的合作"),
    ],
)
def test_import_from_the_menu_lists_and_opens_the_text(
    qtbot: QtBot,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    encoding: str,
    text: str,
    label: str,
    script: str,
    title: str,
    passage: str,
) -> None:
    window = make_window()
    source = tmp_path / f"{encoding}-article.txt"
    source.write_bytes(text.encode(encoding))
    choose_file(monkeypatch, source)
    window.dialogs.import_action.trigger()
    dialog = import_dialog(qtbot, window)

    # The form holds the guesses; the preview the cleaned text with its block kinds.
    assert label in dialog.source_info.text()
    assert dialog.id_edit.text() == f"{encoding}-article"
    assert dialog.title_edit.text() == title
    assert dialog.script_combo.currentData() == script
    assert "Guessed" in dialog.script_reason.text()
    preview_html = dialog.text_preview.toPlainText()
    assert "heading 1" in preview_html and passage in preview_html
    assert dialog.save_button.isEnabled()

    # Editing the form guesses again (debounced, off the GUI thread).
    type_into(qtbot, dialog.id_edit, "my-text")
    type_into(qtbot, dialog.date_edit, "2024-11")
    qtbot.waitUntil(
        lambda: dialog.is_current() and dialog.preview().id == "my-text",  # type: ignore[union-attr]
        timeout=10_000,
    )
    preview = dialog.preview()
    assert preview is not None and preview.document.meta.date == "2024-11"

    with qtbot.waitSignal(window.dialogs.text_imported, timeout=10_000) as imported:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert imported.args == ["my-text"]
    assert user_files() == ["my-text.meipi.txt"]
    # Listed, opened, and read as the file said.
    row = window.library_model.row_of("my-text")
    assert row >= 0 and window.library_model.index(row, 0).data() == title
    doc = window.current_document()
    assert doc is not None and doc.id == "my-text" and doc.meta.script == script
    assert passage in window.reading_view.toPlainText()
    assert window.reading_view.toPlainText() == doc.text
    assert window.dialogs.details_action.isEnabled() and window.dialogs.remove_action.isEnabled()
    # Its citekey was given and kept, as ``meipi import`` gives it (the shipped texts' too).
    from reader.store import Store
    from reader.store.settings import generated_citekeys

    def given(store: Store) -> dict[str, str]:
        with store.reading() as s:
            return generated_citekeys(s)

    kept = window.services.write(given, announce=False)
    assert set(kept) == {"lian-obor", "hsu-divergence", "my-text"}
    assert kept["lian-obor"] == "lianyidai" and len(set(kept.values())) == 3
    # It survives a reload of the library from disk.
    assert "my-text" in load_library().documents


def test_the_summary_says_how_many_radicals_became_ideographs(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text copied out of a PDF with ⽇ (KANGXI RADICAL SUN) for 日: the preview shows 日, the
    summary the count; a text without radicals says nothing of them."""
    window = make_window()
    source = tmp_path / "copied.txt"
    source.write_text(BIG5_TEXT.replace("自從", "⾃從").replace("中亞", "中亞⽇"), "utf-8")
    choose_file(monkeypatch, source)
    window.dialogs.import_action.trigger()
    dialog = import_dialog(qtbot, window)
    assert "Radicals mapped to ideographs: 3" in dialog.summary_label.text()
    assert "⾃從" not in dialog.text_preview.toPlainText()
    assert "自從" in dialog.text_preview.toPlainText()
    dialog.reject()
    plain = tmp_path / "plain.txt"
    plain.write_text(BIG5_TEXT, "utf-8")
    choose_file(monkeypatch, plain)
    window.dialogs.import_action.trigger()
    qtbot.waitUntil(lambda: window.dialogs.import_dialog is not dialog, timeout=10_000)
    again = import_dialog(qtbot, window)
    assert "Radicals" not in again.summary_label.text()
    again.reject()


def test_an_empty_file_is_refused_and_nothing_is_added(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    rows = window.library_model.rowCount()
    choose_file(monkeypatch, empty)
    with qtbot.waitSignal(window.dialogs.import_refused, timeout=10_000) as refused:
        window.dialogs.import_action.trigger()
    assert "empty" in refused.args[0]
    boxes = message_boxes(window)
    assert boxes and "empty.txt is empty" in boxes[0].text()
    assert window.dialogs.import_dialog is None
    assert window.library_model.rowCount() == rows
    assert user_files() == []
    boxes[0].close()


def test_a_binary_file_is_refused(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    binary = tmp_path / "paper.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    choose_file(monkeypatch, binary)
    with qtbot.waitSignal(window.dialogs.import_refused, timeout=10_000) as refused:
        window.dialogs.import_action.trigger()
    assert "damaged or not a PDF" in refused.args[0]
    assert user_files() == []


def test_dropping_a_file_imports_it_and_a_taken_id_gets_a_new_one(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    window = make_window()
    source = tmp_path / "lian-obor.txt"  # its name gives an id already taken
    source.write_bytes(BIG5_TEXT.encode("big5"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    # As the platform delivers a drag: to the window, over the reading pane.
    handle = window.windowHandle()
    assert handle is not None
    view = window.reading_view
    at = QPointF(view.mapTo(window, view.rect().center()))
    copy, left, none = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = drag_enter_event(at, copy, mime, left, none)
    QApplication.sendEvent(handle, enter)
    assert enter.isAccepted()
    drop = QDropEvent(at, copy, mime, left, none)
    QApplication.sendEvent(handle, drop)
    assert drop.isAccepted()
    dialog = import_dialog(qtbot, window)
    assert dialog.id_edit.text() == "lian-obor-2"
    assert dialog.id_note.isVisible() and "lian-obor-2" in dialog.id_note.text()
    assert dialog.save_button.isEnabled()

    # Typing a taken id is said inline and blocks saving.
    type_into(qtbot, dialog.id_edit, "hsu-divergence")
    qtbot.waitUntil(lambda: dialog.is_current() and "already" in dialog.problem(), timeout=10_000)
    assert not dialog.save_button.isEnabled()
    # A malformed id too.
    type_into(qtbot, dialog.id_edit, "Bad Id")
    qtbot.waitUntil(lambda: "cannot be used" in dialog.problem(), timeout=10_000)
    assert not dialog.save_button.isEnabled()
    type_into(qtbot, dialog.id_edit, "dropped")
    qtbot.waitUntil(lambda: dialog.is_current() and not dialog.problem(), timeout=10_000)
    with qtbot.waitSignal(window.dialogs.text_imported, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert user_files() == ["dropped.meipi.txt"]


def test_details_edited_then_the_text_removed_keeping_annotations(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    source = tmp_path / "gb.txt"
    source.write_bytes(GB_TEXT.encode("gb18030"))
    choose_file(monkeypatch, source)
    window.dialogs.import_action.trigger()
    dialog = import_dialog(qtbot, window)
    with qtbot.waitSignal(window.dialogs.text_imported, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    doc = window.current_document()
    assert doc is not None and doc.id == "gb"
    store = window.services.store()
    assert store is not None
    start = doc.text.index("能源领域")
    with store.writing() as s:
        ops.create_annotation(s, doc, start, start + 4, note="能源")

    # Edit Text Details…: a new title and authors, written to the file, shown in the list.
    window.dialogs.details_action.trigger()
    details = window.dialogs.details_dialog
    assert details is not None
    # (QTest types Latin-1 only: Chinese goes in as an input method would commit it.)
    details.title_edit.setText("新的标题")
    details.authors_edit.setText("李明；王芳")
    qtbot.mouseClick(
        details.buttons.button(details.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    reloaded = load_library().get("gb")
    assert reloaded.title == "新的标题" and reloaded.meta.authors == ("李明", "王芳")
    assert reloaded.text == doc.text
    row = window.library_model.row_of("gb")
    assert window.library_model.index(row, 0).data() == "新的标题"
    assert "新的标题" in window.windowTitle()

    # Remove Text…: asked first (Cancel keeps it), then removed; the annotation is kept.
    window.dialogs.remove_action.trigger()
    box = window.dialogs.remove_box
    assert box is not None and "orphans" in box.informativeText()
    assert "annotations (1)" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert user_files() == ["gb.meipi.txt"]
    window.dialogs.remove_action.trigger()
    box = window.dialogs.remove_box
    assert box is not None
    remove = next(b for b in box.buttons() if "Remove" in b.text())
    with qtbot.waitSignal(window.dialogs.text_removed, timeout=5000):
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert user_files() == []
    assert window.library_model.row_of("gb") == -1
    current = window.current_document()
    assert current is not None and current.shipped
    assert not window.dialogs.remove_action.isEnabled()
    with store.reading() as s:
        kept = ops.list_annotations(s, documents=["gb"])
    assert [a.note for a in kept] == ["能源"]


def test_shipped_texts_cannot_be_edited_or_removed(make_window: MakeWindow) -> None:
    window = make_window()
    assert not window.dialogs.details_action.isEnabled()
    assert not window.dialogs.remove_action.isEnabled()
    window.dialogs.remove_action.trigger()
    assert window.dialogs.remove_box is None

"""A session ending (SIGTERM: a logout, a shutdown) closes the window as its close button
would: a note still being typed in the annotation dialog is saved, not dropped."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.window import app as window_app
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow, annotate, feature_of


@pytest.fixture
def restored_handlers() -> Iterator[None]:
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


def end_session(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The session ends: SIGTERM to this process, through the window's own handlers, until the
    application is told to quit (the test's application goes on)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits: list[int] = []
    monkeypatch.setattr(app, "quit", lambda: quits.append(1))
    window_app._close_on_signals(app, window)
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_saves_the_note_being_typed_in_the_dialog(
    qtbot: QtBot, make_window: MakeWindow, restored_handlers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(wait_for=("annotations_feature",))
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "green", (), "first")
    feature.go_to(record.id)
    dialog = feature.edits.edit_dialog()
    assert dialog is not None
    dialog.note_edit.setPlainText("Unsaved draft note")
    end_session(qtbot, window, monkeypatch)
    assert not window.isVisible()
    again = feature_of(make_window(wait_for=("annotations_feature",)))
    saved = again.record(record.id)
    assert saved is not None and saved.note == "Unsaved draft note"


def test_sigterm_saves_a_new_annotation_being_written(
    qtbot: QtBot, make_window: MakeWindow, restored_handlers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(wait_for=("annotations_feature",))
    doc = window.current_document()
    assert doc is not None
    start = doc.text.index("上海合作組織")
    window.reading_view.select_range(start, start + len("上海合作組織"))
    dialog = feature_of(window).edits.edit_dialog()
    assert dialog is not None
    dialog.note_edit.setPlainText("Unsaved draft note")
    end_session(qtbot, window, monkeypatch)
    again = feature_of(make_window(wait_for=("annotations_feature",)))
    notes = [r.note for r in again.model.records()]
    assert notes == ["Unsaved draft note"]


def test_sigterm_keeps_a_note_the_database_refused_in_a_file(
    qtbot: QtBot,
    make_window: MakeWindow,
    restored_handlers: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The database refuses the write (read-only, damaged) and the session will not wait for
    the reader: the note is kept in a file in the data folder, and the window still goes."""
    from reader import paths

    window = make_window(wait_for=("annotations_feature",))
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "green", ("中亞",), "first")
    feature.go_to(record.id)
    dialog = feature.edits.edit_dialog()
    assert dialog is not None
    dialog.note_edit.setPlainText("第二稿：不可失去")
    store = window.services.store()
    assert store is not None
    store.read_only = True
    end_session(qtbot, window, monkeypatch)
    kept = list((paths.data_dir() / "unsaved").iterdir())
    assert len(kept) == 1 and kept[0].suffix == ".md"
    text = kept[0].read_text(encoding="utf-8")
    assert "第二稿：不可失去" in text and "> 上海合作組織" in text and "#中亞" in text
    assert str(kept[0]) in capsys.readouterr().err
    store.read_only = False
    window.services.close()


def test_a_kept_note_quotes_its_whole_passage_and_replaces_no_other(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """A passage across paragraphs is quoted line by line (its second line was left outside
    the quote); a second note kept in the same second gets a file of its own (it replaced the
    first)."""
    window = make_window(wait_for=("annotations_feature",))
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    first, second = doc.text.split("\n")[:2]
    passage = f"{first}\n{second}"
    record = annotate(feature, window, passage, "green", (), "first")
    feature.go_to(record.id)
    dialog = feature.edits.edit_dialog()
    assert dialog is not None
    dialog.note_edit.setPlainText("草稿一")
    kept = feature.edits.rescue_pending(tmp_path)
    dialog.note_edit.setPlainText("草稿二")
    again = feature.edits.rescue_pending(tmp_path)
    assert kept is not None and again is not None and kept != again
    text = kept.read_text(encoding="utf-8")
    assert f"> {first}\n> {second}\n" in text and "草稿一" in text
    assert "草稿二" in again.read_text(encoding="utf-8")
    dialog.note_edit.setPlainText("first")  # as it was: put away without a question
    dialog.reject()


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("where", ["dialog", "margin"])
def test_sigterm_with_a_refused_note_exits_asking_nothing(
    qtbot: QtBot,
    make_window: MakeWindow,
    restored_handlers: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    """The note kept in a file, the window goes without a "discard the changes?" question: a
    logout would wait for an answer no one gives. (Qt's quit closes every window, each asked.)"""
    from PySide6.QtWidgets import QMessageBox

    from reader import paths

    window = make_window(wait_for=("annotations_feature",))
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "green", (), "first")
    feature.go_to(record.id)
    if where == "dialog":
        dialog = feature.edits.edit_dialog()
        assert dialog is not None
        dialog.note_edit.setPlainText("第二稿：不可失去")
    else:
        editor = feature.margin.edit(record.id)
        assert editor is not None
        editor.setPlainText("第二稿：不可失去")
    store = window.services.store()
    assert store is not None
    store.read_only = True
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel  # what waiting for no one amounts to

    monkeypatch.setattr(QMessageBox, "question", question)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits: list[int] = []

    def quit_as_qt_does() -> None:
        quits.append(1)
        app.closeAllWindows()

    monkeypatch.setattr(app, "quit", quit_as_qt_does)
    window_app._close_on_signals(app, window)
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    assert asked == []
    assert not window.isVisible()
    assert [w for w in app.topLevelWidgets() if w.isVisible()] == []
    kept = list((paths.data_dir() / "unsaved").iterdir())
    assert len(kept) == 1 and "第二稿：不可失去" in kept[0].read_text(encoding="utf-8")
    assert str(kept[0]) in capsys.readouterr().err
    store.read_only = False
    window.services.close()

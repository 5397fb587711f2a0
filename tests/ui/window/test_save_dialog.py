"""The Save dialog of the window's exports: a name typed without a suffix gets the format's
(Obsidian, Pandoc and file managers go by it), and replacing a file is asked about."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from reader.ui.window.save_dialog import ask_save_path, with_suffix


def _answer(qtbot: QtBot, name: str, then: list[str]) -> None:
    """When the Save dialog shows, type ``name`` into it and press Save; then answer what
    comes up with ``then`` in turn: "yes" / "no" for a question, "cancel" for the dialog."""

    def act() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox) and then and then[0] in ("yes", "no"):
            yes = then.pop(0) == "yes"
            modal.button(
                QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
            ).click()
        elif isinstance(modal, QFileDialog):
            edit = modal.findChild(QLineEdit, "fileNameEdit")
            if then and then[0] == "cancel":
                then.pop(0)
                modal.reject()
                return
            if edit is not None and edit.text() != name:
                edit.setText(name)
                if then:  # Save may ask "replace?" in a loop of its own: be there to answer
                    QTimer.singleShot(20, act)
                modal.accept()
                return
        QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)


def test_a_bare_name_is_saved_with_the_format_suffix(qtbot: QtBot, tmp_path: Path) -> None:
    _answer(qtbot, "dlg-export", [])
    path = ask_save_path(
        None, "Save Export", str(tmp_path / "annotations.md"), "Markdown (*.md)", ".md"
    )
    assert path == tmp_path / "dlg-export.md"


def test_a_name_with_its_own_suffix_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    _answer(qtbot, "notes.txt", [])
    path = ask_save_path(None, "Save", str(tmp_path / "a.md"), "Markdown (*.md)", ".md")
    assert path == tmp_path / "notes.txt"


def test_replacing_the_suffixed_file_is_asked(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "kept.md").write_text("mine", encoding="utf-8")
    _answer(qtbot, "kept", ["no", "cancel"])
    path = ask_save_path(None, "Save", str(tmp_path / "a.md"), "Markdown (*.md)", ".md")
    assert path is None
    assert (tmp_path / "kept.md").read_text(encoding="utf-8") == "mine"
    _answer(qtbot, "kept", ["yes"])
    path = ask_save_path(None, "Save", str(tmp_path / "a.md"), "Markdown (*.md)", ".md")
    assert path == tmp_path / "kept.md"


@given(
    stem=st.text(
        alphabet=st.characters(exclude_characters="/.\x00", exclude_categories=["Cs"]),
        min_size=1,
        max_size=20,
    )
)
def test_with_suffix_adds_only_where_there_is_none(stem: str) -> None:
    assert with_suffix(f"/tmp/{stem}", ".md") == Path(f"/tmp/{stem}.md")
    assert with_suffix(f"/tmp/{stem}.csv", ".md") == Path(f"/tmp/{stem}.csv")
    assert with_suffix(f"/tmp/{stem}.MD", ".md") == Path(f"/tmp/{stem}.MD")


def test_a_dot_in_a_name_is_not_a_file_type() -> None:
    assert with_suffix("/tmp/notes.v2", ".md") == Path("/tmp/notes.v2.md")
    assert with_suffix("/tmp/連弘宜.一帶一路", ".md") == Path("/tmp/連弘宜.一帶一路.md")
    assert with_suffix("/tmp/notes.txt", ".md") == Path("/tmp/notes.txt")
    assert with_suffix("/tmp/refs.bib", ".md") == Path("/tmp/refs.bib")

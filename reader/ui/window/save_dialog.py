"""Asking where to save a file: the one Save dialog of the window's exports.

Qt's static ``QFileDialog.getSaveFileName`` takes a filter but no default suffix, so a name typed
without one ("notes" with "Markdown (*.md)" chosen) was saved without it — and Obsidian, Pandoc's
users and a file manager then do not know the file. :func:`ask_save_path` gives the dialog the
format's suffix, which it adds before asking "replace it?" about the real name; where a platform's
own dialog ignores the suffix, it is added here and an existing file is asked about here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def with_suffix(name: str, suffix: str) -> Path:
    """``name`` as a path with ``suffix`` (".md") added unless it ends in a file type's own
    suffix (``notes.txt`` stays; ``notes.v2`` and ``連弘宜.一帶一路`` get ``.md``: a dot in a
    name does not make a file type)."""
    path = Path(name)
    if suffix and not _names_a_type(path.suffix, suffix):
        path = path.with_name(path.name + suffix)
    return path


def _names_a_type(own: str, wanted: str) -> bool:
    """Whether ``own`` is a file type's suffix: an export format's, or one the platform's
    type table knows (.txt, .markdown …)."""
    if not own:
        return False
    from reader.export import formats

    if own.lower() in {wanted.lower(), *(f.extension for f in formats.REGISTRY)}:
        return True
    import mimetypes

    return mimetypes.guess_type("x" + own, strict=False)[0] is not None


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, file_filter: str, suffix: str
) -> Path | None:
    """The path the reader chose to save to (``suffix``, e.g. ".md", added to a bare name), or
    ``None`` when they cancelled. Replacing an existing file has been confirmed."""
    dialog = QFileDialog(parent, title, suggested, file_filter)
    dialog.setObjectName("meipiSaveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix.lstrip("."))
    if not dialog.exec():
        return None
    chosen = dialog.selectedFiles()
    if not chosen or not chosen[0]:
        return None
    path = with_suffix(chosen[0], suffix)
    if str(path) != chosen[0] and path.exists():
        # A platform dialog that ignored the suffix asked about the bare name, not this one.
        answer = QMessageBox.question(
            parent,
            title,
            # Qt's own words for it, in Qt's translations.
            QCoreApplication.translate(
                "QFileDialog", "%1 already exists.\nDo you want to replace it?"
            ).replace("%1", path.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return path

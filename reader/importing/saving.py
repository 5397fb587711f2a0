"""Saving a previewed text into the user texts folder, editing its metadata, removing it.

Every write is atomic (``reader.export.atomic.write_atomic``: a temporary file in the same folder,
fsync, rename; a new text's file is linked in only if its name is still free): the target is the
old file or the whole new one. New files get the permissions the user's umask gives, like the
database. A folder that cannot be written is an :class:`EnvironmentFailure` (exit 1).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import shutil
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from reader import documents, paths
from reader.documents import Document, MetadataOverrides
from reader.errors import EnvironmentFailure, InputError
from reader.export.atomic import write_atomic
from reader.fsync import fsync_folder, fsync_path
from reader.importing.base import Overrides
from reader.importing.pdf import ATTACHMENT_SUFFIXES
from reader.importing.preview import Preview, _check_overrides, _shift_pages, guess
from reader.importing.source import read_source


def save(
    preview: Preview,
    overrides: Overrides | None = None,
    *,
    folder: Path | None = None,
    replace: bool = False,
) -> Document:
    """Store the previewed document in the user texts folder, atomically, with what its format
    keeps beside it (a PDF and its page data). ``overrides`` (if given) are applied first, as
    :func:`guess` would. Refuses an id already taken, unless ``replace`` says to put this
    (corrected) file in place of the user's text with that id: annotations stay in the store
    and re-anchor to the new text when it is next opened (those that cannot become orphans);
    the replaced files are kept (:func:`save_undoably`)."""
    return save_undoably(preview, overrides, folder=folder, replace=replace).document


@dataclass(frozen=True)
class Saved:
    """What a save wrote, and what it put aside, so that it can be taken back (:func:`undo`)
    when what follows it (the database) fails. ``kept``: each file the save replaced, and where
    it is kept (``texts.replaced-STAMP/`` beside the texts folder, the same file name);
    ``made``: folders the save had to make."""

    document: Document
    written: tuple[Path, ...]
    kept: tuple[tuple[Path, Path], ...] = ()
    made: tuple[Path, ...] = ()

    @property
    def kept_text(self) -> Path | None:
        """The kept copy of the text file the save replaced (None: it replaced none)."""
        assert self.document.path is not None
        return next((k for p, k in self.kept if p == self.document.path), None)


_STAMP = "%Y%m%dT%H%M%S%fZ"  # as a restore names the texts it sets aside


def aside_folder(folder: Path) -> Path:
    """Where files a save replaces are kept: ``texts.replaced-STAMP/`` beside the texts folder
    (a restore keeps the texts it replaces in folders named so)."""
    stamp = datetime.now(UTC).strftime(_STAMP)
    return folder.parent / f"{folder.name}.replaced-{stamp}"


def save_undoably(
    preview: Preview,
    overrides: Overrides | None = None,
    *,
    folder: Path | None = None,
    replace: bool = False,
) -> Saved:
    """:func:`save`, saying what it wrote and kept. Every file it will write over (the text
    with ``replace``, what a PDF keeps beside it) is first kept aside, whole (a hard link, or a
    copy), so the replaced text stays recoverable and :func:`undo` can put it back."""
    if overrides is not None and overrides != preview.overrides:
        preview = guess(preview.source, overrides)
    folder = folder if folder is not None else paths.user_texts_dir()
    doc = preview.document
    if replace:
        _refuse_shipped(doc.id, folder)
    else:
        _refuse_taken(doc.id, folder)
    content = _serialise(doc)
    target = folder / f"{doc.id}{documents.TEXT_SUFFIX}"
    made = _missing_folders(folder)
    own = [target] + [folder / f"{doc.id}{suffix}" for suffix in ATTACHMENT_SUFFIXES]
    kept = _keep_aside([p for p in own if p.is_file()], folder)
    written: list[Path] = []
    saved = Saved(dataclasses.replace(doc, path=target, shipped=False), (), kept, made)
    try:
        present = {suffix for suffix, _ in preview.attachments}
        for suffix, data in preview.attachments:
            _write(folder / f"{doc.id}{suffix}", data)
            written.append(folder / f"{doc.id}{suffix}")
        if replace:
            # What the old text kept and the new one does not (a PDF replaced by a text file).
            for suffix in ATTACHMENT_SUFFIXES:
                if suffix not in present:
                    with contextlib.suppress(FileNotFoundError):
                        (folder / f"{doc.id}{suffix}").unlink()
        _write(target, content, exclusive=not replace)
        written.append(target)
    except BaseException:
        undo(dataclasses.replace(saved, written=tuple(written)))
        raise
    return dataclasses.replace(saved, written=tuple(written))


def _missing_folders(folder: Path) -> tuple[Path, ...]:
    """``folder`` and those of its parents that do not exist yet, innermost first."""
    missing = []
    for f in (folder, *folder.parents):
        if f.exists():
            break
        missing.append(f)
    return tuple(missing)


def _keep_aside(files: list[Path], folder: Path) -> tuple[tuple[Path, Path], ...]:
    if not files:
        return ()
    aside = aside_folder(folder)
    kept = []
    try:
        aside.mkdir(parents=True, exist_ok=False)
        for path in files:
            copy = aside / path.name
            try:
                os.link(path, copy)
            except OSError:
                shutil.copy2(path, copy)
                fsync_path(copy)
            kept.append((path, copy))
        fsync_folder(aside)
        fsync_folder(aside.parent)
    except OSError as exc:
        shutil.rmtree(aside, ignore_errors=True)
        raise EnvironmentFailure(
            f"Cannot keep a copy of the text being replaced in {aside} ({exc.strerror or exc}); "
            f"nothing was written. {_advice(exc).capitalize()}."
        ) from None
    return tuple(kept)


def undo(saved: Saved) -> None:
    """Take a save back: the files it replaced back in place (from where they were kept), the
    files it added removed, the folders it made removed when empty. Raises
    :class:`EnvironmentFailure` naming what could not be put back."""
    problems: list[str] = []
    originals = {path for path, _ in saved.kept}
    for path in saved.written:
        if path not in originals:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                problems.append(f"remove {path} ({exc.strerror or exc})")
    for path, copy in saved.kept:
        try:
            if path.exists() and os.path.samefile(copy, path):
                copy.unlink()  # not written over yet (rename would leave both names)
            else:
                os.replace(copy, path)
        except OSError as exc:
            problems.append(f"put {copy} back as {path} ({exc.strerror or exc})")
    for aside in {copy.parent for _, copy in saved.kept}:
        with contextlib.suppress(OSError):
            aside.rmdir()  # only when all went back
    for made in saved.made:
        with contextlib.suppress(OSError):
            made.rmdir()  # only when empty
    if problems:
        raise EnvironmentFailure(
            "The import failed and could not be taken back whole: could not "
            + "; ".join(problems)
            + "."
        )


def _refuse_shipped(doc_id: str, folder: Path) -> None:
    library = documents.load_library(user_dir=folder)
    existing = library.documents.get(doc_id)
    if existing is not None and existing.shipped:
        raise InputError(
            f"{doc_id!r} ships with Meipi and cannot be replaced; import with another --id."
        )


def _refuse_taken(doc_id: str, folder: Path) -> None:
    library = documents.load_library(user_dir=folder)
    existing = library.documents.get(doc_id)
    if existing is not None and existing.shipped:
        raise InputError(
            f"There is already a text with the id {doc_id!r}, which ships with Meipi. Choose "
            "another id with --id."
        )
    taken = existing is not None or (folder / f"{doc_id}{documents.TEXT_SUFFIX}").exists()
    if taken:
        raise InputError(
            f"There is already a text with the id {doc_id!r}. Choose another id with --id, "
            "put this file in its place with --replace, or remove the other text first "
            "(File ▸ Remove Text… in the Meipi window)."
        )


def _serialise(doc: Document) -> str:
    """The texts/ format, checked to read back as the same document before it is written."""
    content = documents.dumps(doc)
    again = documents.loads(content, shipped=False)
    if (again.text, again.blocks, again.pages, again.meta) != (
        doc.text,
        doc.blocks,
        doc.pages,
        doc.meta,
    ):
        raise InputError(
            f"The text {doc.id!r} cannot be stored faithfully in Meipi's format; nothing was "
            "written. Please report this with the file."
        )
    return content


def _advice(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space and import again"
    return "check that the folder is writable, or set MEIPI_DATA_DIR to another folder"


def _write(target: Path, content: str | bytes, *, exclusive: bool = False) -> None:
    """Write an imported text or what it keeps beside it (``reader.export.atomic``'s atomic
    write, with advice for an import), making the texts folder first."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot write to {folder} ({exc.strerror or exc}); nothing was written. Check that "
            "the folder exists and is writable, or set MEIPI_DATA_DIR to another folder."
        ) from None
    write_atomic(target, content, exclusive=exclusive, advice=_advice)


def _user_document(doc_id: str, folder: Path | None) -> Document:
    folder = folder if folder is not None else paths.user_texts_dir()
    library = documents.load_library(user_dir=folder)
    doc = library.get(doc_id)
    if doc.shipped or doc.path is None:
        raise InputError(
            f"{doc_id!r} ships with Meipi; only texts you imported can be changed or removed."
        )
    return doc


def remove(doc_id: str, *, folder: Path | None = None) -> Path:
    """Delete a user text's file (its annotations stay in the store, as orphans). Returns the
    path removed. Shipped texts cannot be removed."""
    doc = _user_document(doc_id, folder)
    assert doc.path is not None
    try:
        doc.path.unlink()
        for suffix in ATTACHMENT_SUFFIXES:
            with contextlib.suppress(FileNotFoundError):
                doc.path.with_name(f"{doc.id}{suffix}").unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot remove {doc.path} ({exc.strerror or exc}). Check the folder's permissions."
        ) from None
    return doc.path


# Metadata to change on a user text: ``None`` keeps a value, ``""`` clears an optional one. The
# id cannot change (annotations refer to it).
MetadataChanges = MetadataOverrides
_CLEARABLE = ("english_title", "affiliation", "venue", "issue", "date", "publisher")


def update_metadata(
    doc_id: str, changes: MetadataChanges, *, folder: Path | None = None
) -> Document:
    """Edit a user text's metadata and rewrite its file atomically; the text is unchanged."""
    doc = _user_document(doc_id, folder)
    if changes.id is not None and changes.id != doc.id:
        raise InputError(
            f"The id of {doc.id!r} cannot change (its annotations refer to it); import the "
            "file again under the new id instead."
        )
    checked = _check_overrides(
        MetadataOverrides(
            title=changes.title,
            authors=changes.authors,
            venue=changes.venue or None,
            date=changes.date or None,
            script=changes.script,
            first_page=changes.first_page,
        )
    )
    values: dict[str, object] = checked.given()
    for key in _CLEARABLE:
        value = getattr(changes, key)
        if value is not None:
            values[key] = " ".join(value.split()) or None
    meta = replace(doc.meta, **values)  # type: ignore[arg-type]
    updated = replace(doc, meta=meta)
    if meta.first_page != doc.meta.first_page:
        updated = _shift_pages(updated, meta.first_page - doc.meta.first_page)
    assert doc.path is not None
    _write(doc.path, _serialise(updated))
    return updated


def import_file(
    path: str | os.PathLike[str], overrides: Overrides | None = None, *, folder: Path | None = None
) -> tuple[Preview, Document]:
    """Read, guess and save in one go (what ``meipi import`` does)."""
    preview = guess(read_source(path), overrides)
    return preview, save(preview, folder=folder)

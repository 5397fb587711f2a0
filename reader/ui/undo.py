"""Undo and redo over the store: every annotation edit (create, edit, delete) and every tag
change (rename, merge, delete, colour) is a ``QUndoCommand`` whose undo and redo write to the
database at once, like the edit itself.

A command is pushed only after its first write succeeded (so a refused edit leaves no history
behind). When an undo or redo is refused later (the database became read-only, the disk is
full), nothing was written, the history stays where it was and ``History.failed`` says why.

Signals (History):
    failed(str): an undo or redo could not be written (the message says what to do).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.errors import EnvironmentFailure, MeipiError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from reader.store.annotations import AnnotationRecord, TagInfo
    from reader.ui.services import Services

T = TypeVar("T")


class Writer:
    """One store write per user action; tells every view of the change."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def write(self, action: Callable[[Session], T], document: str = "") -> T:
        """Run ``action`` in one write transaction; raises ``MeipiError`` (a message for the
        user) when the database refuses it — nothing is written then."""
        store = self.services.store()
        if store is None:
            raise EnvironmentFailure(
                self.services.store_error or "The annotation database could not be opened."
            )
        with store.writing() as s:
            result = action(s)
        self.services.notify_annotations_changed(document)
        return result


class StoreCommand(QUndoCommand):
    """A command whose first ``redo`` (when pushed) does nothing: the edit is already written."""

    def __init__(self, writer: Writer, text: str, document: str = "") -> None:
        super().__init__(text)
        self.writer = writer
        self.document = document
        self.failure: str | None = None
        self._skip = True

    def skip_next(self) -> None:
        self._skip = True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self.do)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._run(self.undo_write)

    def _run(self, write: Callable[[Session], object]) -> None:
        self.failure = None
        try:
            self.writer.write(write, self.document)
        except MeipiError as exc:
            self.failure = str(exc)

    def do(self, s: Session) -> object:
        raise NotImplementedError

    def undo_write(self, s: Session) -> object:
        raise NotImplementedError


class CreateCommand(StoreCommand):
    def __init__(self, writer: Writer, text: str, record: AnnotationRecord) -> None:
        super().__init__(writer, text, record.document)
        self.record = record

    def do(self, s: Session) -> object:
        from reader.store.annotations import restore_annotation

        return restore_annotation(s, self.record)

    def undo_write(self, s: Session) -> object:
        from reader.store.annotations import delete_annotation

        return delete_annotation(s, self.record.id)


class EditCommand(StoreCommand):
    def __init__(
        self, writer: Writer, text: str, before: AnnotationRecord, after: AnnotationRecord
    ) -> None:
        super().__init__(writer, text, before.document)
        self.before, self.after = before, after

    def do(self, s: Session) -> object:
        from reader.store.annotations import restore_annotation

        return restore_annotation(s, self.after)

    def undo_write(self, s: Session) -> object:
        from reader.store.annotations import restore_annotation

        return restore_annotation(s, self.before)


class DeleteCommand(StoreCommand):
    def __init__(self, writer: Writer, text: str, record: AnnotationRecord) -> None:
        super().__init__(writer, text, record.document)
        self.record = record

    def do(self, s: Session) -> object:
        from reader.store.annotations import delete_annotation

        return delete_annotation(s, self.record.id)

    def undo_write(self, s: Session) -> object:
        from reader.store.annotations import restore_annotation

        return restore_annotation(s, self.record)


class TagCommand(StoreCommand):
    """Rename, merge or delete a tag (with its children). Undo puts back every annotation it
    touched and the tags as they were (names, colours, descriptions)."""

    def __init__(
        self,
        writer: Writer,
        text: str,
        kind: str,
        name: str,
        new_name: str | None,
        tags_before: Sequence[TagInfo],
        records_before: Sequence[AnnotationRecord],
    ) -> None:
        super().__init__(writer, text)
        self.kind, self.name, self.new_name = kind, name, new_name
        self.tags_before = tuple(tags_before)
        self.records_before = tuple(records_before)

    def do(self, s: Session) -> object:
        return run_tag_change(s, self.kind, self.name, self.new_name)

    def undo_write(self, s: Session) -> object:
        from reader.errors import InputError
        from reader.store.annotations import (
            delete_tag,
            list_tags,
            rename_tag,
            restore_annotation,
            set_tag_details,
        )

        for record in self.records_before:
            restore_annotation(s, record)
        before = {t.key: t for t in self.tags_before}
        for tag in list_tags(s):
            subtree_new = tag.key not in before
            if subtree_new and tag.count == 0:
                with contextlib.suppress(InputError):  # already gone with its parent
                    delete_tag(s, tag.name)
        now = {t.key: t for t in list_tags(s)}
        for key, tag in before.items():
            current = now.get(key)
            if current is not None and current.name != tag.name:
                rename_tag(s, current.name, tag.name)
            if current is None or (current.color, current.description) != (
                tag.color,
                tag.description,
            ):
                set_tag_details(s, tag.name, color=tag.color, description=tag.description)
        return None


def run_tag_change(s: Session, kind: str, name: str, new_name: str | None) -> object:
    from reader.store.annotations import delete_tag, merge_tags, rename_tag

    if kind == "delete":
        return delete_tag(s, name)
    assert new_name is not None
    if kind == "merge":
        return merge_tags(s, name, new_name)
    return rename_tag(s, name, new_name)


class TagDetailsCommand(StoreCommand):
    """A tag's colour or description."""

    def __init__(
        self,
        writer: Writer,
        text: str,
        name: str,
        before: tuple[str | None, str | None],
        after: tuple[str | None, str | None],
    ) -> None:
        super().__init__(writer, text)
        self.name, self.before, self.after = name, before, after

    def do(self, s: Session) -> object:
        from reader.store.annotations import set_tag_details

        return set_tag_details(s, self.name, color=self.after[0], description=self.after[1])

    def undo_write(self, s: Session) -> object:
        from reader.store.annotations import set_tag_details

        return set_tag_details(s, self.name, color=self.before[0], description=self.before[1])


class History(QObject):
    """The undo stack of annotation edits, with undo/redo that survive a refused write."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)

    def push(self, command: StoreCommand) -> None:
        """Record an edit already written (its first redo does nothing)."""
        command.skip_next()
        self.stack.push(command)

    def undo(self) -> bool:
        index = self.stack.index()
        if index == 0:
            return False
        command = self.stack.command(index - 1)
        self.stack.undo()
        if isinstance(command, StoreCommand) and command.failure:
            message = command.failure
            command.skip_next()
            self.stack.redo()  # back where it was: nothing was written
            self.failed.emit(message)
            return False
        return True

    def redo(self) -> bool:
        index = self.stack.index()
        if index >= self.stack.count():
            return False
        command = self.stack.command(index)
        self.stack.redo()
        if isinstance(command, StoreCommand) and command.failure:
            message = command.failure
            command.skip_next()
            self.stack.undo()
            self.failed.emit(message)
            return False
        return True

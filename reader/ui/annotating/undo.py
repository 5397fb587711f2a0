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

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.errors import MeipiError
from reader.store.records import AnnotationRecord

if TYPE_CHECKING:
    from reader.store import Store
    from reader.store.records import TagInfo
    from reader.ui.window.services import Services

T = TypeVar("T")


class Writer:
    """One store write per user action, through the window's one writer
    (``Services.write``: the watcher is told the commit is ours, every view is told now)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def call(self, op: Callable[[Store], T], document: str = "") -> T:
        """Run ``op`` (a use case of ``reader.ops``, given the store); raises ``MeipiError`` (a
        message for the user) when the database refuses it — nothing is written then."""
        return self.services.write(op, document=document)

    def write(self, action: Callable[[Any], T], document: str = "") -> T:
        """Run ``action(session)`` in one write transaction (``reader.ops.write``), for the
        features that still pass store functions; prefer :meth:`call` with a use case."""
        from reader import ops

        return self.call(lambda store: ops.write(store, action), document)


class StoreCommand(QUndoCommand):
    """A command whose first ``redo`` (when pushed) does nothing: the edit is already written."""

    def __init__(self, writer: Writer, text: str, document: str = "") -> None:
        super().__init__(text)
        self.writer = writer
        self.document = document
        self.failure: str | None = None
        self.result: object = None  # what the last write returned
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

    def _run(self, write: Callable[[Store], object]) -> None:
        self.failure = None
        self.result = None
        try:
            self.result = self.writer.call(write, self.document)
        except MeipiError as exc:
            self.failure = str(exc)

    def changes(self, undone: bool) -> tuple[list[AnnotationRecord], list[str]] | None:
        """After its last redo (``undone`` False) or undo: the annotations it made or changed
        and the ids it deleted, for the window to update only those; None: anything may have
        changed (read everything again)."""
        return None

    def do(self, store: Store) -> object:
        raise NotImplementedError

    def undo_write(self, store: Store) -> object:
        raise NotImplementedError


class CreateCommand(StoreCommand):
    def __init__(self, writer: Writer, text: str, record: AnnotationRecord) -> None:
        super().__init__(writer, text, record.document)
        self.record = record

    def do(self, store: Store) -> object:
        from reader.ops.annotations import restore

        return restore(store, self.record)

    def undo_write(self, store: Store) -> object:
        from reader.ops.annotations import delete

        # Not over a note (tags, colour) given to it elsewhere since: refused, said.
        return delete(store, self.record.id, seen=self.record)

    def changes(self, undone: bool) -> tuple[list[AnnotationRecord], list[str]] | None:
        return _changes(self.result, self.record.id, deleted=undone)


class EditCommand(StoreCommand):
    def __init__(
        self, writer: Writer, text: str, before: AnnotationRecord, after: AnnotationRecord
    ) -> None:
        super().__init__(writer, text, before.document)
        self.before, self.after = before, after

    def do(self, store: Store) -> object:
        from reader.ops.annotations import restore

        return restore(store, self.after, seen=self.before)

    def undo_write(self, store: Store) -> object:
        from reader.ops.annotations import restore

        # Only over what this edit wrote: a change made elsewhere since is not undone unseen.
        return restore(store, self.before, seen=self.after)

    def changes(self, undone: bool) -> tuple[list[AnnotationRecord], list[str]] | None:
        return _changes(self.result, self.before.id, deleted=False)


class DeleteCommand(StoreCommand):
    def __init__(self, writer: Writer, text: str, record: AnnotationRecord) -> None:
        super().__init__(writer, text, record.document)
        self.record = record

    def do(self, store: Store) -> object:
        from reader.ops.annotations import delete

        return delete(store, self.record.id, seen=self.record)

    def undo_write(self, store: Store) -> object:
        from reader.ops.annotations import restore

        return restore(store, self.record)

    def changes(self, undone: bool) -> tuple[list[AnnotationRecord], list[str]] | None:
        return _changes(self.result, self.record.id, deleted=not undone)


def _changes(
    result: object, annotation_id: str, deleted: bool
) -> tuple[list[AnnotationRecord], list[str]] | None:
    """One annotation deleted, or made or changed into ``result`` (the record its write gave
    back); None when the write gave back no record."""
    if deleted:
        return [], [annotation_id]
    if isinstance(result, AnnotationRecord):
        return [result], []
    return None


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

    def do(self, store: Store) -> object:
        from reader.ops.tags import change

        return change(store, self.kind, self.name, self.new_name)[1]

    def undo_write(self, store: Store) -> object:
        from reader.ops.tags import undo_change

        undo_change(store, self.tags_before, self.records_before)
        return None


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

    def do(self, store: Store) -> object:
        from reader.ops.tags import set_details

        return set_details(store, self.name, color=self.after[0], description=self.after[1])

    def undo_write(self, store: Store) -> object:
        from reader.ops.tags import set_details

        return set_details(store, self.name, color=self.before[0], description=self.before[1])


class History(QObject):
    """The undo stack of annotation edits, with undo/redo that survive a refused write."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.last: tuple[QUndoCommand, bool] | None = None  # the last undone (True) or redone

    def changes(self) -> tuple[list[AnnotationRecord], list[str]] | None:
        """What the last undo or redo made, changed and deleted (``StoreCommand.changes``);
        None: anything may have changed."""
        if self.last is None or not isinstance(self.last[0], StoreCommand):
            return None
        return self.last[0].changes(self.last[1])

    def push(self, command: StoreCommand) -> None:
        """Record an edit already written (its first redo does nothing)."""
        command.skip_next()
        self.stack.push(command)

    def undo(self) -> bool:
        index = self.stack.index()
        if index == 0:
            return False
        command = self.stack.command(index - 1)
        self.last = (command, True)
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
        self.last = (command, False)
        self.stack.redo()
        if isinstance(command, StoreCommand) and command.failure:
            message = command.failure
            command.skip_next()
            self.stack.undo()
            self.failed.emit(message)
            return False
        return True

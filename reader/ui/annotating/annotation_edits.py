"""Annotating's writes: an annotation made, recoloured, retagged, re-noted or deleted (from a
colour key, the annotation dialog or a margin note), and the re-anchoring of an edited text's
annotations. Each goes through ``reader.ops`` in one transaction (``undo.Writer``) and is pushed
on the feature's undo history; a refusal is said (status bar, message box, or in the editor that
holds the typed text) and loses nothing. An edit writes only the fields the reader changed,
and never over a change made elsewhere (the command line, an import) since the editor opened:
it asks which to keep (``ops.annotations.edit_seen``). The rest of annotating (reading the
store, drawing, the sidebar and the margin) is
:class:`~reader.ui.annotating.annotations_feature.AnnotationsFeature`'s.

Over 600 lines as one job: every annotation write of the window and what it says when the
write is refused or runs into a change made elsewhere — split, the editors' refusals, their
conflict questions and the session end's rescue would each reach back into the same state
(the open dialog, what it read, the margin's editor).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import (
    QKeySequence,
)

from reader.errors import MeipiError

if TYPE_CHECKING:
    from reader.documents import Document
    from reader.ops.annotations import ChangedMeanwhile, Edit
    from reader.store.records import AnnotationRecord
    from reader.ui.annotating.annotations_feature import AnnotationsFeature
    from reader.ui.annotating.note_editor import AnnotationDialog, Draft


class AnnotationEdits(QObject):
    """The store writes of one window's annotating (``feature.edits``)."""

    def __init__(self, feature: AnnotationsFeature) -> None:
        super().__init__(feature)
        self.feature = feature
        self.window = feature.window
        self.view = feature.view
        self.dialog: AnnotationDialog | None = None
        # The annotation as the open dialog read it (what a save is checked against), and the
        # change made elsewhere its last save ran into.
        self._seen: AnnotationRecord | None = None
        self._conflict: ChangedMeanwhile | None = None

    def sync_texts(self, stale: list[Document]) -> bool:
        """Re-anchor the annotations of ``stale``, the texts changed since they were made (an
        edited text of one's own), as the command line does, so highlights stay on their
        words; what cannot be placed is kept as an orphan and said. True when any moved."""
        if not stale:
            return False
        try:
            from reader.ops.annotations import sync_document

            reports = self.feature.writer.call(
                lambda store: [sync_document(store, d) for d in stale]
            )
        except MeipiError as exc:
            self.window.statusBar().showMessage(str(exc), 15000)
            return False
        orphans = sum(len(r.orphans) for r in reports)
        if orphans:
            self.window.statusBar().showMessage(
                self.tr(
                    "The text of %1 changed: %n annotation(s) could not be placed again and "
                    "are kept, marked as not found in the text, in the sidebar.",
                    "",
                    orphans,
                ).replace("%1", ", ".join(d.id for d in stale)),
                15000,
            )
        return True

    def highlight(self, color: str) -> AnnotationRecord | None:
        """Highlight the selection in ``color`` (recolouring it when it is an annotation); with
        nothing selected, recolour the highlight the text's context menu was opened on."""
        # The editors' module (its dialog classes and their enums) when first used, not with
        # the window: nothing here is needed before a reader annotates.
        from reader.ui.annotating.note_editor import Draft

        selected = self.view.selected_range()
        if selected is None:
            pointed = self.feature.pointing.menu_record()
            if pointed is None or pointed.color == color:
                return pointed
            return self.recolor(pointed, color)
        existing = self.feature.annotation_on(*selected)
        if existing is not None:
            return self.recolor(existing, color)
        return self.create(selected[0], selected[1], Draft(color, (), None))

    def create(self, start: int, end: int, draft: Draft) -> AnnotationRecord | None:
        """A new annotation on the open article's canonical ``[start, end)``; None when the
        database refused it (the reason is reported, the selection kept)."""
        doc = self.window.current_document()
        if doc is None or self._refuse_blank(doc.text[start:end]):
            return None
        from reader.ops.annotations import annotate

        try:
            record = self.feature.writer.call(
                lambda store: annotate(
                    store, doc, start, end, color=draft.color, tags=draft.tags, note=draft.note
                ),
                doc.id,
            )
        except MeipiError as exc:
            self.report(str(exc))
            return None
        from reader.ui.annotating.undo import CreateCommand

        self.feature.history.push(CreateCommand(self.feature.writer, self.tr("Annotate"), record))
        self.view.setTextCursor(self.view.cursor_for(end, end))
        self.feature.apply(put=[record])
        # The new annotation is the current one: Ctrl+T / Ctrl+Alt+M go on with it.
        self.feature.sidebar.select(record.id)
        self.feature._on_selection_changed()
        return record

    def _refuse_blank(self, passage: str) -> bool:
        """True, said in the status bar, when ``passage`` is only white space (a double-click
        on a space selects one): there is nothing to mark or to quote."""
        if passage.strip():
            return False
        self.window.statusBar().showMessage(
            self.tr("Only white space is selected; select the words to annotate."), 8000
        )
        return True

    def recolor(self, record: AnnotationRecord, color: str) -> AnnotationRecord | None:
        """Give an annotation ``color`` (its colour alone: its tags and note stay as stored,
        whoever changed them last); None when refused (reported)."""
        from reader.ops.annotations import edit as edit_annotation

        try:
            edit = self.feature.writer.call(
                lambda store: edit_annotation(store, record.id, color=color), record.document
            )
        except MeipiError as exc:
            self.report(str(exc))
            return None
        self._push_edit(edit)
        return self.feature.record(record.id)

    def save(self, record: AnnotationRecord, draft: Draft) -> AnnotationRecord | None:
        """Change what ``draft`` changes of ``record`` (as read); None when refused (reported,
        as is a change made elsewhere meanwhile: nothing is written over it)."""
        try:
            self._write_edit(record, draft, record)
        except MeipiError as exc:
            self.report(str(exc))
            return None
        return self.feature.record(record.id)

    def _write_edit(self, record: AnnotationRecord, draft: Draft, seen: AnnotationRecord) -> None:
        """Write what ``draft`` changed of ``seen`` (the annotation as the editor read it);
        ``ChangedMeanwhile`` when a field changed elsewhere since (nothing written then)."""
        from reader.ops.annotations import edit_seen

        edit = self.feature.writer.call(
            lambda store: edit_seen(
                store, record.id, seen, color=draft.color, tags=list(draft.tags), note=draft.note
            ),
            record.document,
        )
        if edit is not None:
            self._push_edit(edit)

    def _push_edit(self, edit: Edit) -> None:
        from reader.ui.annotating.undo import EditCommand

        self.feature.history.push(
            EditCommand(self.feature.writer, self.tr("Edit Annotation"), edit.before, edit.after)
        )
        self.feature.apply(put=[edit.after])

    def delete(self, annotation_id: str) -> bool:
        record = self.feature.record(annotation_id)
        if record is None:
            return False
        from reader.ops.annotations import delete

        try:
            removed = self.feature.writer.call(
                lambda store: delete(store, annotation_id), record.document
            )
        except MeipiError as exc:
            self.report(str(exc))
            return False
        from reader.ui.annotating.undo import DeleteCommand

        self.feature.history.push(
            DeleteCommand(self.feature.writer, self.tr("Delete Annotation"), removed)
        )
        self.feature.apply(gone=[annotation_id])
        self.window.statusBar().showMessage(
            self.tr("Annotation deleted — %1 undoes it.").replace(
                "%1",
                self.feature.menus.undo_action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText
                ),
            ),
            5000,
        )
        return True

    def undo(self) -> None:
        if self.feature.history.undo():
            self._show_history_step()

    def redo(self) -> None:
        if self.feature.history.redo():
            self._show_history_step()

    def _show_history_step(self) -> None:
        """An undo or redo of one annotation updates only it; of a tag change, everything."""
        changes = self.feature.history.changes()
        if changes is None:
            self.feature.refresh()
        else:
            self.feature.apply(*changes)
        self._show_elsewhere()

    def _show_elsewhere(self) -> None:
        """An undo or redo of an annotation in another article than the open one is not made
        unseen: the window opens that article at the passage and the status bar says what was
        undone or redone and where — as a word processor shows the change its undo made, and
        as Zotero's undo acts only on the document in view."""
        from reader.store.records import AnnotationRecord  # (loaded already, with the menus)

        last = self.feature.history.last
        if last is None:
            return
        command, undone = last
        record = getattr(command, "record", None) or getattr(command, "before", None)
        if not isinstance(record, AnnotationRecord):
            return
        doc = self.window.current_document()
        if doc is not None and doc.id == record.document:
            return
        if self.feature.record(record.id) is not None:
            self.feature.go_to(record.id)
        else:  # gone by this step (a highlight undone): its place
            self.window.open_document(record.document)
            opened = self.window.current_document()
            if opened is not None and opened.id == record.document:
                self.view.scroll_to_offset(record.start)
        first, last_label = self.feature._page_labels(record)
        from reader.documents import citation

        message = (
            self.tr("Undid “%1” in 《%2》, %3.") if undone else self.tr("Redid “%1” in 《%2》, %3.")
        )
        self.window.statusBar().showMessage(
            message.replace("%1", command.text())
            .replace("%2", self.feature._document_title(record.document))
            .replace("%3", citation(first, last_label)),
            10000,
        )

    def report(self, message: str) -> None:
        """A refused write: said in the status bar and a message box; nothing typed is lost."""
        self.window.statusBar().showMessage(message, 15000)
        self.feature.edit_failed.emit(message)
        if not self.feature.quiet:
            # Made when first needed: the class and its enums cost ~1 ms of the start.
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Not Saved"),
                message,
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def edit_dialog(self, focus: str = "note") -> AnnotationDialog | None:
        """The dialog for the target annotation, or for a new one on the selection."""
        from reader.ui.annotating.note_editor import AnnotationDialog, Draft

        record = self.feature.target()
        selected = self.view.selected_range()
        if record is None and selected is None:
            return None
        doc = self.window.current_document()
        if (
            record is None
            and doc is not None
            and selected is not None
            and self._refuse_blank(doc.text[selected[0] : selected[1]])
        ):
            return None
        if record is not None:
            quote = self.feature._quote_for(record)
            dialog = AnnotationDialog(
                quote,
                color=record.color,
                tags=record.tags,
                note=record.note,
                known_tags=self.feature.tag_names(),
                meanings=self.feature.meanings,
                parent=self.window,
            )
        else:
            assert selected is not None and doc is not None
            dialog = AnnotationDialog(
                self.view.textCursor().selectedText().replace("\u2029", "\n"),
                color=None if focus == "note" else "yellow",
                tags=(),
                note=None,
                known_tags=self.feature.tag_names(),
                meanings=self.feature.meanings,
                parent=self.window,
            )
        target_id = record.id if record is not None else None
        span = selected
        self._seen, self._conflict = record, None

        def on_save(draft: object) -> None:
            assert isinstance(draft, Draft)
            self._on_dialog_save_requested(dialog, target_id, span, draft)

        dialog.save_requested.connect(on_save)
        dialog.conflict_resolved.connect(
            lambda choice: self._on_dialog_conflict_resolved(dialog, target_id, choice)
        )
        dialog.finished.connect(self._on_dialog_finished)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        (dialog.tags_edit if focus == "tags" else dialog.note_edit).setFocus()
        self.dialog = dialog
        self._place_beside_passage(dialog, (record.start, record.end) if record else selected)
        dialog.open()
        return dialog

    def _place_beside_passage(self, dialog: AnnotationDialog, span: tuple[int, int] | None) -> None:
        rects = self.view.range_rects(*span) if span else []
        if rects:
            box = rects[0]
            for rect in rects[1:]:
                box = box.united(rect)
            # Beside the column rather than over its other lines: the text stays readable.
            column = self.view.column_rect()
            box.setLeft(min(box.left(), column.left()))
            box.setRight(max(box.right(), column.right()))
            viewport = self.view.viewport()
            shown = viewport.rect().intersected(box.toRect()) or box.toRect()
            dialog.place_beside(shown.translated(viewport.mapToGlobal(QPoint(0, 0))))

    def _on_dialog_finished(self, _result: int) -> None:
        # Closed (and deleted on close): nothing of it may be used any more.
        self.dialog = None
        # The keys go back to the text, whatever the window system does with a closed dialog's
        # focus: 1–6, Ctrl+T go on at once (they did nothing until the text was clicked).
        if self.window.isVisible():
            self.window.activateWindow()
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_dialog_save_requested(
        self,
        dialog: AnnotationDialog,
        target_id: str | None,
        span: tuple[int, int] | None,
        draft: Draft,
    ) -> None:
        from reader.ops.annotations import annotate

        record = self.feature.record(target_id) if target_id else None
        doc = self.window.current_document()
        if target_id and record is None and span is None:
            # Deleted meanwhile (another window, the command line): keep what was typed.
            message = self.tr(
                "This annotation was deleted meanwhile, so your changes were not saved. "
                "Copy your note, then select the passage and annotate it again."
            )
            dialog.show_error(message)
            self.feature.edit_failed.emit(message)
            return
        from reader.ops.annotations import ChangedMeanwhile
        from reader.ui.annotating.undo import CreateCommand

        try:
            if record is not None:
                self._write_edit(record, draft, self._seen or record)
            elif span is not None and doc is not None:
                created = self.feature.writer.call(
                    lambda store: annotate(
                        store,
                        doc,
                        span[0],
                        span[1],
                        color=draft.color,
                        tags=draft.tags,
                        note=draft.note,
                    ),
                    doc.id,
                )
                self.feature.history.push(
                    CreateCommand(self.feature.writer, self.tr("Annotate"), created)
                )
                self.view.setTextCursor(self.view.cursor_for(span[1], span[1]))
                self.feature.refresh()
                self.feature.sidebar.select(created.id)
        except ChangedMeanwhile as conflict:
            self._conflict = conflict
            self.feature.apply(put=[conflict.current])
            dialog.show_conflict(self._conflict_sentence(conflict))
            return
        except MeipiError as exc:
            dialog.show_error(str(exc))
            self.feature.edit_failed.emit(str(exc))
            return
        dialog.accept()

    def _conflict_sentence(self, conflict: ChangedMeanwhile) -> str:
        """The question the dialog asks when its annotation changed elsewhere, with the other
        version of each field in conflict."""
        from reader.ui.annotating.palette import color_label

        current = conflict.current
        lines = [
            self.tr(
                "This annotation was changed elsewhere (the command line or an import) while "
                "you edited it: keep your version, the other, or both?"
            )
        ]
        if "color" in conflict.fields:
            other = color_label(current.color) if current.color else self.tr("no colour")
            lines.append(self.tr("Other colour: %1").replace("%1", other))
        if "tags" in conflict.fields:
            lines.append(self.tr("Other tags: %1").replace("%1", ", ".join(current.tags) or "—"))
        if "note" in conflict.fields:
            note = current.note or ""
            shown = note if len(note) <= 300 else note[:299] + "…"
            lines.append(self.tr("Other note: %1").replace("%1", shown or "—"))
        return "\n".join(lines)

    def _on_dialog_conflict_resolved(
        self, dialog: AnnotationDialog, target_id: str | None, choice: str
    ) -> None:
        """Keep mine (written over the other, which Ctrl+Z brings back), the other (nothing
        written) or both (the notes one after the other, yours first; the tags of both)."""
        from reader.ui.annotating.note_editor import Draft

        conflict, self._conflict = self._conflict, None
        if conflict is None:
            return
        current = conflict.current
        status = self.window.statusBar()
        if choice == "theirs":
            status.showMessage(
                self.tr("Kept the version changed elsewhere; yours was not saved."), 10000
            )
            dialog.accept()
            return
        typed, seen = dialog.draft(), self._seen or current
        # What the reader did not change stays as it is stored now (changed elsewhere or not).
        mine = Draft(
            typed.color if typed.color != seen.color else current.color,
            typed.tags if typed.tags != tuple(seen.tags) else tuple(current.tags),
            typed.note if (typed.note or None) != (seen.note or None) else current.note,
        )
        if choice == "both":
            tags = list(mine.tags) + [t for t in current.tags if t not in mine.tags]
            note = mine.note
            if "note" in conflict.fields and current.note:
                note = f"{mine.note}\n\n{current.note}" if mine.note else current.note
            mine = Draft(mine.color, tuple(tags), note)
            dialog.tags_edit.setText(", ".join(tags))
            dialog.note_edit.setPlainText(note or "")
        self._seen = current
        self._on_dialog_save_requested(dialog, target_id, None, mine)
        if dialog.isVisible():
            return  # refused (said in the dialog)
        undo_keys = self.feature.menus.undo_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )
        status.showMessage(
            (
                self.tr("Saved both versions, yours first; %1 brings back the other alone.")
                if choice == "both"
                else self.tr("Saved your version; %1 brings back the other.")
            ).replace("%1", undo_keys),
            10000,
        )

    def save_margin_note(self, annotation_id: str, note: str) -> None:
        record = self.feature.record(annotation_id)
        if record is None:
            message = self.tr(
                "This annotation was deleted meanwhile, so your note was not saved. "
                "Copy it before closing the editor."
            )
            self.feature.margin.show_error(annotation_id, message)
            self.feature.edit_failed.emit(message)
            return
        from reader.ops.annotations import ChangedMeanwhile, edit_seen

        editor = self.feature.margin.editor
        if editor is not None and editor.annotation_id == annotation_id:
            # Checked against the note as the editor read it, not as the window holds it now.
            record = record._replace(note=editor.original or None)
        try:
            edit = self.feature.writer.call(
                lambda store: edit_seen(store, annotation_id, record, note=note or None),
                record.document,
            )
        except ChangedMeanwhile as conflict:
            self._merge_margin_note(annotation_id, note, conflict.current)
            return
        except MeipiError as exc:
            self.feature.margin.show_error(annotation_id, str(exc))
            self.feature.edit_failed.emit(str(exc))
            return
        if edit is not None:
            self._push_edit(edit)
        self.feature.margin.finish_editing(annotation_id)

    def _merge_margin_note(self, annotation_id: str, mine: str, current: AnnotationRecord) -> None:
        """The note changed elsewhere while it was edited in the margin: both versions go in the
        editor, the reader's first, to keep what they want (nothing is written until then)."""
        self.feature.apply(put=[current])
        editor = self.feature.margin.editor
        if editor is None or editor.annotation_id != annotation_id:
            return
        theirs = current.note or ""
        editor.original = theirs
        editor.setPlainText(f"{mine}\n\n{theirs}" if mine and theirs else mine or theirs)
        message = self.tr(
            "This note was changed elsewhere while you edited it: both versions are in the "
            "editor now, yours first — keep what you want and press Ctrl+Enter."
        )
        self.feature.margin.show_error(annotation_id, message)
        self.feature.edit_failed.emit(message)

    def rescue_pending(self, folder: Path) -> Path | None:
        """What is still being typed and could not be saved (the session is ending and the
        database refused it), written as Markdown to a new file in ``folder``: the margin
        note and the annotation dialog's draft, each with its passage. None when nothing was
        pending."""
        from reader.export.atomic import write_atomic

        text = self.pending_markdown()
        if text is None:
            return None
        from datetime import UTC, datetime

        doc = self.window.current_document()
        now = datetime.now(UTC)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{now:%Y%m%dT%H%M%S}-{doc.id if doc is not None else 'note'}"
        path = folder / f"{stem}.md"
        number = 1
        while path.exists():  # a note kept in the same second is not replaced
            number += 1
            path = folder / f"{stem}-{number}.md"
        write_atomic(path, text)
        return path

    def drop_pending(self) -> None:
        """The session is ending and what was typed is kept elsewhere (``rescue_pending``):
        close the editors without saving and without asking (no one will answer)."""
        editor = self.feature.margin.editor
        if editor is not None:
            self.feature.margin.finish_editing(editor.annotation_id)
        dialog = self.dialog
        if dialog is not None:
            dialog.setResult(dialog.DialogCode.Accepted)  # its close asks nothing
            dialog.accept()

    def pending_markdown(self) -> str | None:
        """What is still being typed, as Markdown with each passage (``rescue_pending``'s
        file); None when nothing is."""
        parts: list[str] = []
        editor = self.feature.margin.editor
        if editor is not None and editor.is_modified():
            record = self.feature.record(editor.annotation_id)
            quote = record.quote if record is not None else ""
            parts.append(f"## Margin note\n\n{_quoted(quote)}\n\n{editor.toPlainText()}\n")
        dialog = self.dialog
        if dialog is not None and dialog.is_modified():
            draft = dialog.draft()
            tags = " ".join(f"#{tag}" for tag in draft.tags)
            parts.append(
                f"## Annotation\n\n{_quoted(dialog.quote)}\n\n"
                f"Colour: {draft.color or 'none'}  \nTags: {tags or 'none'}\n\n"
                f"{draft.note or ''}\n"
            )
        if not parts:
            return None
        from datetime import UTC, datetime  # (here: ~1 ms to import as the window got ready)

        doc = self.window.current_document()
        now = datetime.now(UTC)
        title = doc.title if doc is not None else ""
        return (
            f"# Not saved: {title}\n\nTyped in Meipi and not saved to the database when the "
            f"window was closed at {now:%Y-%m-%d %H:%M} UTC.\n\n" + "\n".join(parts)
        )

    def save_pending(self) -> bool:
        """Save what is still being typed (a margin note, the annotation dialog), as leaving
        it would; False when that was refused (the text stays on screen, with the reason)."""
        editor = self.feature.margin.editor
        if editor is not None and editor.is_modified():
            self.save_margin_note(editor.annotation_id, editor.toPlainText())
            if self.feature.margin.editor is not None:
                return False
        dialog = self.dialog
        if dialog is not None and dialog.isVisible() and dialog.is_modified():
            dialog.save_requested.emit(dialog.draft())
            if dialog.isVisible():  # refused: it stays open, saying why
                return False
        return True


def _quoted(passage: str) -> str:
    """``passage`` as a Markdown block quote, every line of it (a passage across paragraphs)."""
    return "\n".join(f"> {line}" if line else ">" for line in passage.split("\n"))

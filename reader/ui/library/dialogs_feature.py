"""Export, import and a text's own actions, on the main window (issues 8 and 11):
File ▸ Import Text… (Ctrl+O) and a file dropped on the window, File ▸ Export… (Ctrl+E),
File ▸ Text Details… and Remove Text… (texts the user imported), and Edit ▸ Copy with Citation
(Ctrl+Shift+C). Installed by ``install_dialogs(window)``.

Nothing heavy is imported here (the window imports this before its first paint): each dialog,
the importer and the exports load when their action is first used. A file to import is read
off the GUI thread; a refusal (empty, binary, huge, undecodable) is a message, nothing is added.

Signals:
    import_refused(str): a file could not be imported (the message shown).
    text_imported(str): a text was imported and opened (its id).
    text_removed(str): a text was removed (its id).
    citation_copied(str): a passage with its citation was put on the clipboard (the text).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from reader.documents import Document
    from reader.ui.library.export_dialog import ExportDialog
    from reader.ui.library.import_dialog import ImportDialog
    from reader.ui.library.text_details_dialog import TextDetailsDialog
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.workers import Runner

IMPORT_FILTER = "*.txt *.text *.md *.markdown *.mdown *.mkd *.mkdn *.pdf"


def _show_message(parent: QWidget, title: str, text: str) -> None:
    from reader.ui.window.messages import show_message

    show_message(parent, title, text)


def _local_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DialogsFeature(QObject):
    import_refused = Signal(str)
    text_imported = Signal(str)
    text_removed = Signal(str)
    citation_copied = Signal(str)
    # Pages of a PDF read so far (emitted from the reading thread; queued to the GUI thread).
    import_progressed = Signal(int, int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.details_dialog: TextDetailsDialog | None = None
        self.remove_box: QMessageBox | None = None
        self._reader: Runner | None = None  # made on the first import (startup time)
        self._reading: Path | None = None
        self.password_dialog: QInputDialog | None = None
        self.import_progressed.connect(self._on_import_progressed)
        self._build_actions()
        self._build_menus()
        window.setAcceptDrops(True)
        # A drop on the window reaches eventFilter through the window's own drag and drop
        # handlers (an event filter on the window ran Python for each of its events: ~100 as
        # the features installed themselves after the first paint); one on the text, here.
        window.reading_view.viewport().installEventFilter(self)
        window.document_opened.connect(self._on_document_opened)

    # -- actions and menus -------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcuts: list[QKeySequence] | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        unique = {k.toString(): k for k in shortcuts or [] if not k.isEmpty()}
        action.setShortcuts(list(unique.values()))
        action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.import_action = self._action(
            self.tr("&Import Text…"),
            self.ask_import,
            [QKeySequence("Ctrl+O"), QKeySequence(keys.Open)],
        )
        self.export_action = self._action(
            self.tr("&Export…"), self.show_export, [QKeySequence("Ctrl+E")]
        )
        self.details_action = self._action(self.tr("Text &Details…"), self.show_details)
        self.remove_action = self._action(self.tr("&Remove Text…"), self.ask_remove)
        self.copy_citation_action = self._action(
            self.tr("Copy with &Citation"), self.copy_with_citation, [QKeySequence("Ctrl+Shift+C")]
        )
        self.copy_citation_action.setStatusTip(
            self.tr("Copy the selected passage, as this view shows it, with its source and page.")
        )
        self._update_text_actions()

    def _build_menus(self) -> None:
        file_menu = self.window.file_menu
        first = file_menu.actions()[0] if file_menu.actions() else None
        for action in (self.import_action, self.export_action):
            file_menu.insertAction(first, action)  # type: ignore[arg-type]
        self.file_section = file_menu.insertSeparator(first)  # type: ignore[arg-type]
        file_menu.insertAction(first, self.details_action)  # type: ignore[arg-type]
        file_menu.insertAction(first, self.remove_action)  # type: ignore[arg-type]
        if first is not None:
            file_menu.insertSeparator(first)
        edit = self.window.edit_menu
        edit.addAction(self.copy_citation_action)

    def _user_text(self) -> Document | None:
        doc = self.window.current_document()
        return doc if doc is not None and not doc.shipped else None

    def _on_document_opened(self, _doc_id: str) -> None:
        self._update_text_actions()

    def _update_text_actions(self) -> None:
        user_text = self._user_text() is not None
        for action in (self.details_action, self.remove_action):
            action.setEnabled(user_text)
            action.setToolTip(
                "" if user_text else self.tr("Only texts you imported can be edited or removed.")
            )

    # -- import ------------------------------------------------------------------------------
    def ask_import(self) -> None:
        # The dialogs' classes (and their enums) made when first used, not at startup.
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import Text"),
            "",
            self.tr("Texts (%1);;All files (*)").replace("%1", IMPORT_FILTER),
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, password: str | None = None) -> None:
        """Read ``path`` off the GUI thread (a PDF page by page, in a child process), then show
        what would be imported. The database and its companions are refused unopened."""
        from reader.importing import read_source
        from reader.ui.window.workers import Runner

        if self._reader is None:
            self._reader = Runner(self)
        self._reading = path
        self.window.statusBar().showMessage(self.tr("Reading %1…").replace("%1", path.name))
        database, progressed = self.window.services.db_path, self.import_progressed.emit
        self._reader.run(
            "read",
            lambda: read_source(path, database=database, progress=progressed, password=password),
            self._on_reader_finished,
            on_error=self._on_reader_failed,
        )

    def _on_import_progressed(self, done: int, total: int) -> None:
        name = self._reading.name if self._reading is not None else ""
        self.window.statusBar().showMessage(
            self.tr("Reading %1: page %2 of %3…")
            .replace("%1", name)
            .replace("%2", str(done))
            .replace("%3", str(total))
        )

    def _ask_password(self, path: Path, wrong: bool) -> None:
        """A PDF that needs a password: ask for it (never stored), then read it again."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        dialog = QInputDialog(self.window)
        dialog.setObjectName("pdfPasswordDialog")
        dialog.setWindowTitle(self.tr("Password Needed"))
        text = self.tr("%1 is protected by a password. Type it to import the PDF:").replace(
            "%1", path.name
        )
        if wrong:
            text = self.tr("That password does not open %1. Try again:").replace("%1", path.name)
        dialog.setLabelText(text)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda value: self.import_file(path, value))
        dialog.destroyed.connect(self._on_password_dialog_destroyed)
        self.password_dialog = dialog
        dialog.open()

    def _on_password_dialog_destroyed(self) -> None:
        self.password_dialog = None

    def _on_reader_finished(self, source: object) -> None:
        from reader.importing import Source
        from reader.ui.library.import_dialog import ImportDialog

        assert isinstance(source, Source)
        self.window.statusBar().clearMessage()
        dialog = ImportDialog(source, self.window.services.library, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.text_imported.connect(self._on_import_dialog_text_imported)
        dialog.destroyed.connect(self._on_import_dialog_destroyed)
        self.import_dialog = dialog
        dialog.open()

    def _on_reader_failed(self, error: Exception) -> None:
        from reader.errors import MeipiError
        from reader.importing.pdf_extract import PasswordRequired

        self.window.statusBar().clearMessage()
        if isinstance(error, PasswordRequired) and self._reading is not None:
            self._ask_password(self._reading, error.wrong)
            return
        name = self._reading.name if self._reading is not None else ""
        message = str(error) if isinstance(error, MeipiError) else repr(error)
        _show_message(self.window, self.tr("Cannot Import %1").replace("%1", name).strip(), message)
        self.import_refused.emit(message)

    def _on_import_dialog_destroyed(self) -> None:
        self.import_dialog = None

    def _on_import_dialog_text_imported(self, doc_id: str) -> None:
        before = list(self.window.services.library)
        self.window.reload_library()
        self.window.open_document(doc_id)
        doc = self.window.current_document()
        if doc is not None and doc.id == doc_id:
            self._give_citekey(before, doc)
        title = doc.title if doc is not None else doc_id
        self.window.statusBar().showMessage(self.tr("Imported %1.").replace("%1", title), 8000)
        self.text_imported.emit(doc_id)

    def _give_citekey(self, before: list[Document], doc: Document) -> None:
        """The imported text's citekey, given now and kept (``reader.ops.references``), as
        ``meipi import`` gives it: the texts already there keep theirs."""
        from reader.errors import MeipiError
        from reader.ops.references import give_citekey

        try:
            self.window.services.write(lambda store: give_citekey(store, before, doc))
        except MeipiError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)

    # -- dropping a file on the window -------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if _local_files(event):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            files = _local_files(event)
            if files:
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                self.import_file(files[0])
                if len(files) > 1:
                    self.window.statusBar().showMessage(
                        self.tr("One file at a time: importing %1.").replace("%1", files[0].name),
                        8000,
                    )
                return True
        return super().eventFilter(watched, event)

    # -- export ------------------------------------------------------------------------------
    def show_export(self) -> None:
        from reader.ui.library.export_dialog import ExportDialog
        from reader.ui.window.settings import ReaderSettings

        if self.export_dialog is not None:
            self.export_dialog.raise_()
            self.export_dialog.activateWindow()
            return
        doc = self.window.current_document()
        dialog = ExportDialog(
            self.window.services,
            doc.id if doc is not None else None,
            ReaderSettings.default().path,
            self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._on_export_dialog_destroyed)
        self.export_dialog = dialog
        dialog.show()

    def _on_export_dialog_destroyed(self) -> None:
        self.export_dialog = None

    # -- copy with citation ------------------------------------------------------------------
    def copy_with_citation(self) -> str | None:
        """The selected passage, as the current view shows it, with its citation."""
        doc = self.window.current_document()
        selected = self.window.reading_view.selected_range()
        if doc is None or selected is None or selected[0] >= selected[1]:
            self.window.statusBar().showMessage(
                self.tr("Select a passage to copy it with its citation."), 5000
            )
            return None
        from reader.export.citing import citation_form, quote_with_citation

        view = self.window.services.view(doc)
        content = self.window.reading_view.content()
        script = content.script if content is not None else doc.meta.script
        # Chinese form when the interface is in Chinese (View ▸ Language, else the system's),
        # in the script the reader is looking at.
        from reader.ui.window.app import interface_language
        from reader.ui.window.settings import ReaderSettings

        language = interface_language(ReaderSettings.default().language())
        form = citation_form(language, script)
        text = quote_with_citation(doc, selected[0], selected[1], view, form=form)
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(self.tr("Copied with its citation."), 4000)
        self.citation_copied.emit(text)
        return text

    # -- a text's details, removing it -------------------------------------------------------
    def show_details(self) -> None:
        from reader.ui.library.text_details_dialog import TextDetailsDialog

        doc = self._user_text()
        if doc is None:
            return
        services = self.window.services
        dialog = TextDetailsDialog(
            doc,
            self.window,
            store=services.store(),
            library=list(services.library),
            write=lambda op: services.write(op, document=doc.id, announce=False),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.details_saved.connect(self._on_details_dialog_details_saved)
        dialog.destroyed.connect(self._on_details_dialog_destroyed)
        self.details_dialog = dialog
        dialog.open()

    def _on_details_dialog_destroyed(self) -> None:
        self.details_dialog = None

    def _on_details_dialog_details_saved(self, _doc_id: str) -> None:
        self.window.reload_library()
        self.window.statusBar().showMessage(self.tr("The text's details were saved."), 5000)

    def _annotation_count(self, doc_id: str) -> int | None:
        store = self.window.services.store()
        if store is None:
            return None
        from reader.ops.annotations import counts

        return counts(store).get(doc_id, 0)

    def ask_remove(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        doc = self._user_text()
        if doc is None:
            return
        count = self._annotation_count(doc.id)
        if count:
            kept = (
                self.tr(
                    "Its annotations (%1) stay in your database as orphans: importing the text "
                    "again with the id %2 brings them back."
                )
                .replace("%1", str(count))
                .replace("%2", doc.id)
            )
        else:
            kept = self.tr("Any annotations on it stay in your database as orphans.")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove Text"),
            self.tr("Remove “%1” from your library?").replace("%1", doc.title),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("removeTextBox")
        deleted = self.tr("The file %1 will be deleted.").replace("%1", str(doc.path))
        if doc.path is not None and doc.path.with_name(f"{doc.id}.pdf").is_file():
            deleted = self.tr(
                "The file %1 will be deleted, with the PDF it was imported from and its page data."
            ).replace("%1", str(doc.path))
        # Two sentences: a space between them in English, none in Chinese (the path last in,
        # so nothing in it is taken for a placeholder).
        box.setInformativeText(
            self.tr("%1 %2", "two sentences").replace("%2", kept).replace("%1", deleted)
        )
        remove = box.addButton(self.tr("&Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        doc_id = doc.id
        box.buttonClicked.connect(
            lambda button: self._on_remove_box_button_clicked(button is remove, doc_id)
        )
        box.destroyed.connect(self._on_remove_box_destroyed)
        self.remove_box = box
        box.open()

    def _on_remove_box_destroyed(self) -> None:
        self.remove_box = None

    def _on_remove_box_button_clicked(self, confirmed: bool, doc_id: str) -> None:
        if not confirmed:
            return
        from reader.errors import MeipiError
        from reader.importing import remove

        try:
            # The other texts keep the keys cited so far (a removed twin takes no letter away).
            from reader.ops.references import keep_citekeys

            library = list(self.window.services.library)
            self.window.services.write(lambda store: keep_citekeys(store, library), announce=False)
            remove(doc_id)
        except MeipiError as exc:
            _show_message(self.window, self.tr("Cannot Remove the Text"), str(exc))
            return
        self.window.reload_library()
        self.window.statusBar().showMessage(self.tr("The text was removed."), 6000)
        self.text_removed.emit(doc_id)


def install_dialogs(window: MainWindow) -> DialogsFeature:
    """Add the import, export, text details, removal and copy-with-citation actions."""
    return DialogsFeature(window)

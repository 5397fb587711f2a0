"""The user's glossary in a dialog: phrases whose wording is kept, conversions of one's own (both
applied in every view and export), and spellings that are one name (for search). Entries are
added and removed here; each change is one write to the database, and every view follows
(``Services.glossary_changed``).

``write_glossary`` is the one way the window writes the glossary (the dialog and the reading
pane's context menu): a refused write (a read-only database) is said in a message, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.glossary import Glossary

if TYPE_CHECKING:
    from reader.store import Store
    from reader.ui.window.main_window import MainWindow

KINDS = ("keep", "convert", "same")
_Index = QModelIndex | QPersistentModelIndex


def show_message(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A warning with one OK button, window-modal but not blocking (``open()``)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("glossaryMessage")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def change_glossary(window: MainWindow, op: Callable[[Store], Any]) -> bool:
    """Run ``op`` (a use case of ``reader.ops.glossary``) through the window's one writer;
    then every view follows, and the watcher knows the commit is the window's own. On a
    refusal (the database is read-only, damaged or busy) the reader is told why and False is
    returned."""
    from reader.errors import MeipiError

    try:
        window.services.write(op, glossary=True)
    except MeipiError as exc:
        text = QCoreApplication.translate(
            "GlossaryDialog", "The glossary was not changed. %1"
        ).replace("%1", str(exc))
        window.statusBar().showMessage(text, 10000)
        show_message(window, QCoreApplication.translate("GlossaryDialog", "Glossary"), text)
        return False
    return True


def write_glossary(window: MainWindow, change: Callable[[Any], Any]) -> bool:
    """Run ``change(session)`` in one write transaction, as :func:`change_glossary` does (for
    callers that pass store functions; prefer a use case of ``reader.ops.glossary``)."""
    from reader import ops

    return change_glossary(window, lambda store: ops.write(store, change))


def remove_keep(s: Any, phrase: str) -> None:
    """Inside a caller's transaction (:func:`write_glossary`)."""
    from reader.store.glossary import remove_keep as remove

    remove(s, phrase)


def remove_conversion(s: Any, original: str) -> None:
    """Inside a caller's transaction (:func:`write_glossary`)."""
    from reader.store.glossary import remove_conversion as remove

    remove(s, original)


def remove_equivalence(s: Any, a: str, b: str) -> None:
    """Inside a caller's transaction (:func:`write_glossary`)."""
    from reader.store.glossary import drop_glossary_entry

    drop_glossary_entry(s, f"{a}={b}")


class GlossaryModel(QAbstractTableModel):
    """The glossary's entries, one per row: kind, phrase, and what it becomes (or is the same as).
    ``Qt.UserRole`` on any column gives the entry as ``(kind, phrase, other)``."""

    COL_KIND, COL_PHRASE, COL_OTHER = range(3)

    def __init__(self, glossary: Glossary, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str]] = []
        self.set_glossary(glossary)

    def set_glossary(self, glossary: Glossary) -> None:
        self.beginResetModel()
        self._rows = [
            *(("keep", phrase, "") for phrase in sorted(glossary.keeps)),
            *(("convert", a, b) for a, b in sorted(glossary.conversions)),
            *(("same", a, b) for a, b in glossary.equivalences),
        ]
        self.endResetModel()

    def entry(self, row: int) -> tuple[str, str, str]:
        return self._rows[row]

    def entries(self) -> list[tuple[str, str, str]]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def _kind_label(self, kind: str) -> str:
        return {
            "keep": self.tr("Keep wording"),
            "convert": self.tr("Convert"),
            "same": self.tr("Same name (search)"),
        }[kind]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, phrase, other = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return (kind, phrase, other)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == self.COL_KIND:
                return self._kind_label(kind)
            if column == self.COL_PHRASE:
                return phrase
            if kind == "keep":
                kept = self.tr("(no substitution; characters follow the view)")
                return kept if role == Qt.ItemDataRole.DisplayRole else ""
            return ("→ " if kind == "convert" else "= ") + other
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return (self.tr("Entry"), self.tr("Phrase"), self.tr("Becomes / same as"))[section]
        return None


class GlossaryDialog(QDialog):
    """Lists and edits the glossary (non-modal; follows changes made anywhere)."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("glossaryDialog")
        self.setWindowTitle(self.tr("Glossary"))
        self._window = window
        self._services = window.services
        self.model = GlossaryModel(self._services.glossary(), self)

        intro = QLabel(
            self.tr(
                "Keep a phrase's wording in every view (no regional or dictionary substitution; "
                "its characters still follow the view's script), show it your own way, or "
                "declare two spellings one name so that search finds each from the other."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("glossaryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem(self.model._kind_label(kind), kind)
        self.phrase_edit = QLineEdit(self)
        self.phrase_edit.setPlaceholderText(self.tr("Phrase, as the original writes it"))
        self.other_edit = QLineEdit(self)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setDefault(True)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.remove_button.setEnabled(False)

        form = QHBoxLayout()
        form.addWidget(self.kind_combo)
        form.addWidget(self.phrase_edit, 1)
        form.addWidget(self.other_edit, 1)
        form.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 420)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.phrase_edit.returnPressed.connect(self._on_add_clicked)
        self.other_edit.returnPressed.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._services.glossary_changed.connect(self._on_glossary_changed)
        self._on_kind_changed()

    def _on_kind_changed(self, _index: int = 0) -> None:
        kind = self.kind_combo.currentData()
        self.other_edit.setEnabled(kind != "keep")
        self.other_edit.setPlaceholderText(
            {
                "keep": "",
                "convert": self.tr("What every view shows instead"),
                "same": self.tr("The other spelling"),
            }[kind]
        )

    def _on_selection_changed(self) -> None:
        self.remove_button.setEnabled(self.table.selectionModel().hasSelection())

    def _on_glossary_changed(self) -> None:
        self.model.set_glossary(self._services.glossary())
        self._on_selection_changed()

    def add_entry(self, kind: str, phrase: str, other: str = "") -> bool:
        """Add an entry (``keep``, ``convert`` or ``same``); False with a message if refused."""
        from reader.ops.glossary import add_entry

        phrase, other = phrase.strip(), other.strip()
        if not phrase or (kind != "keep" and not other):
            show_message(
                self,
                self.tr("Glossary"),
                self.tr("Give the phrase and, for a conversion or a name, the other spelling."),
            )
            return False
        if kind == "same" and phrase == other:
            show_message(self, self.tr("Glossary"), self.tr("The two spellings are the same."))
            return False

        done = change_glossary(self._window, lambda store: add_entry(store, kind, phrase, other))
        if done:
            self.phrase_edit.clear()
            self.other_edit.clear()
        return done

    def remove_entries(self, entries: list[tuple[str, str, str]]) -> bool:
        from reader.ops.glossary import remove_entries

        return change_glossary(self._window, lambda store: remove_entries(store, entries))

    def _on_add_clicked(self) -> None:
        self.add_entry(
            str(self.kind_combo.currentData()), self.phrase_edit.text(), self.other_edit.text()
        )

    def _on_remove_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if rows:
            self.remove_entries([self.model.entry(r) for r in rows])

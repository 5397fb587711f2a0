"""Colour meanings: the user names what each highlight colour means (yellow = 論點, green =
證據 …). The names show in the Annotate menu, the sidebar's rows and filters, and exports.

The dialog stays open with the names as typed when the database refuses the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.errors import MeipiError
from reader.store.records import COLORS
from reader.ui.annotating.palette import color_label, swatch_icon

if TYPE_CHECKING:
    from reader.ui.annotating.annotations_feature import AnnotationsFeature


class ColorMeaningsDialog(QDialog):
    def __init__(self, feature: AnnotationsFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colorMeanings")
        self.setWindowTitle(self.tr("Colour Meanings"))
        self.feature = feature
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("What each highlight colour means to you:"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for color in COLORS:
            edit = QLineEdit(feature.meanings.get(color, ""), self)
            edit.setAccessibleName(color_label(color))
            label = QLabel(f"&{color_label(color)}:", self)
            label.setBuddy(edit)
            row = QWidget(self)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            icon = QLabel(row)
            icon.setPixmap(swatch_icon(color, 16).pixmap(16, 16))
            row_layout.addWidget(icon)
            label.setParent(row)
            row_layout.addWidget(label)
            form.addRow(row, edit)
            self.edits[color] = edit
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b2432b;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            Qt.Orientation.Horizontal,
            self,
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def meanings(self) -> dict[str, str]:
        return {c: e.text().strip() for c, e in self.edits.items()}

    def save(self) -> bool:
        from reader.ops.notes import set_color_meanings

        wanted = {
            c: m for c, m in self.meanings().items() if m and m != self.feature.meanings.get(c)
        }
        try:
            if wanted:
                self.feature.writer.call(lambda store: set_color_meanings(store, wanted))
        except MeipiError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return False
        self.feature.refresh()
        self.accept()
        return True

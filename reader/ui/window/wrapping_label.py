"""A word-wrapped label that asks its layout for the height of all its lines.

A word-wrapped ``QLabel`` reports a one-line minimum height, so a layout squeezed by a
splitter gives it less than its text needs, and it draws the middle of its lines: half-height
fragments top and bottom. This one keeps its minimum height at the height its text takes at
its width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappingLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def needed_height(self, width: int | None = None) -> int:
        """The height the text takes at ``width`` (the label's own by default)."""
        if not self.text():
            return 0
        return max(0, self.heightForWidth(self.width() if width is None else width))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.needed_height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # a new width: the layout asks the height again

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

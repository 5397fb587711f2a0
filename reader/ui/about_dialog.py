"""The About box: what Meipi is, and the full citation of every article in the library."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Document
from reader.ui.citation import full_citation


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("meipi")
    except Exception:
        return ""


class AboutDialog(QDialog):
    def __init__(self, documents: list[Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Meipi"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        version = _version()
        heading = QLabel(
            "<h2>"
            + escape(self.tr("Meipi 眉批"))
            + "</h2><p>"
            + escape(
                self.tr("An offline reading desk for close readers of Chinese-language articles.")
            )
            + (" " + escape(self.tr("Version %1").replace("%1", version)) if version else "")
            + "</p>"
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.citations = QTextBrowser(self)
        self.citations.setObjectName("citations")
        self.citations.setOpenExternalLinks(False)
        self.citations.setHtml(self._citations_html(documents))
        layout.addWidget(self.citations, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _citations_html(self, documents: list[Document]) -> str:
        items = []
        for doc in documents:
            english = (
                f"<br><i>{escape(doc.meta.english_title)}</i>" if doc.meta.english_title else ""
            )
            items.append(f"<p style='margin-bottom:10px'>{escape(full_citation(doc))}{english}</p>")
        title = escape(self.tr("Articles in this library"))
        return f"<h3>{title}</h3>" + "".join(items)

    def citation_text(self) -> str:
        return self.citations.toPlainText()

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
from reader.ui.window.citation import full_citation


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
        about = self.tr("An offline reading desk for close readers of Chinese-language articles.")
        if version:
            about = self._sentences(about, self.tr("Version %1").replace("%1", version))
        heading = QLabel(
            "<h2>" + escape(self.tr("Meipi 眉批")) + "</h2><p>" + escape(about) + "</p>"
        )
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        self.citations = QTextBrowser(self)
        self.citations.setObjectName("citations")
        self.citations.setOpenExternalLinks(False)
        self.citations.setHtml(self._citations_html(documents))
        layout.addWidget(self.citations, 1)
        self.credits = QLabel(self._credits_html(), self)
        self.credits.setObjectName("credits")
        self.credits.setWordWrap(True)
        self.credits.setTextFormat(Qt.TextFormat.RichText)
        self.credits.setOpenExternalLinks(True)
        layout.addWidget(self.credits)
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

    def _sentences(self, first: str, second: str) -> str:
        """Two sentences in a row: a space between them in English, none in Chinese."""
        return self.tr("%1 %2", "two sentences").replace("%2", second).replace("%1", first)

    def _credits_html(self) -> str:
        """The dictionary's attribution (CC BY-SA 4.0 data, not under Meipi's licence) and the
        libraries behind words: whole sentences to translate, their punctuation with them (a
        Chinese interface writes it full-width)."""
        from reader import dictionary

        try:
            date = dictionary.data_info().date[:10]
        except dictionary.DictionaryMissing:
            date = ""
        data = (
            self.tr("CC-CEDICT, English definitions (published %1)").replace("%1", date)
            if date
            else self.tr("CC-CEDICT, English definitions")
        )
        licence = f"<a href='{dictionary.LICENCE_URL}'>CC BY-SA 4.0</a>"
        source_word = escape(self.tr("Source"))
        source = f"<a href='{dictionary.SOURCE_URL}'>{source_word}</a>"
        attribution = (
            self.tr(
                "<b>Dictionary</b>: %1, © MDBG and the CC-CEDICT contributors, based on CEDICT "
                "by Paul Denisowski; %2 (the data and the index Meipi builds from it stay under "
                "that licence, not Meipi's). %3."
            )
            .replace("%3", source)
            .replace("%2", licence)
            .replace("%1", escape(data))
        )
        words = escape(
            self.tr("Word segmentation: jieba (MIT). Pinyin and zhuyin: pypinyin (MIT).")
        )
        return "<p>" + self._sentences(attribution, words) + "</p>"

    def credits_text(self) -> str:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.credits.text())
        return doc.toPlainText()

    def citation_text(self) -> str:
        return self.citations.toPlainText()

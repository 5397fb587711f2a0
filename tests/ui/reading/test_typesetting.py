"""Typesetting a document for the reading pane: the body font's punctuation spacing, and the
block formats a reader expects (indent, leading, heading sizes, the column)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextLayout
from pytestqt.qtbot import QtBot

from reader.documents import load_library
from reader.ui.reading.fonts import CHWS, FontCatalog, has_contextual_spacing
from reader.ui.reading.reading_view import ReadingView
from reader.ui.reading.typesetting import ReadingContent, Typography


def test_body_text_is_set_as_a_reader_expects(view: ReadingView) -> None:
    doc = load_library().get("lian-obor")
    view.set_content(ReadingContent.original(doc))
    em = view.typography().em()
    block = view.document().findBlockByNumber(
        next(i for i, b in enumerate(doc.blocks) if b.kind == "paragraph")
    )
    fmt = block.blockFormat()
    assert fmt.textIndent() == pytest.approx(2 * em)  # two characters
    assert fmt.lineHeight() == pytest.approx(1.8 * em, rel=0.01)
    title = view.document().firstBlock()
    heading = view.document().findBlockByNumber(
        next(i for i, b in enumerate(doc.blocks) if b.kind == "heading")
    )
    size = block.charFormat().font().pointSizeF()
    assert title.charFormat().font().pointSizeF() > heading.charFormat().font().pointSizeF() > size
    # The text in the theme's ink, a solid brush.
    ink = block.charFormat().foreground()
    assert ink.style() == Qt.BrushStyle.SolidPattern
    assert ink.color() == QColor(view.typography().theme.ink)
    # A column of about forty characters, centred.
    view.resize(1400, 500)
    column = view.column_rect()
    assert column.width() == pytest.approx(40 * em, abs=1)
    assert column.left() == pytest.approx(view.viewport().width() - column.right(), abs=1)


def _width(font: QFont, text: str) -> float:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.naturalTextWidth()


def test_body_font_compresses_punctuation_only_through_chws(qtbot: QtBot) -> None:
    for style in ("serif", "sans"):
        families = tuple(FontCatalog.from_system().body_families(style, "zh-Hant-TW"))
        font = Typography(families).font()
        tags = {tag.toString() for tag in font.featureTags()}
        assert "halt" not in tags  # it would half-width every mark of the body text
        assert (CHWS in tags) == has_contextual_spacing(families)
        # A lone mark keeps its full width: nothing narrows punctuation that has no neighbour.
        assert _width(font, "中，中") == pytest.approx(3 * _width(font, "中"), abs=1)
        if CHWS in tags:
            assert _width(font, "」，「") < 3 * _width(font, "中") - 1


def test_headings_in_a_face_of_their_own_at_regular_weight(view: ReadingView) -> None:
    doc = load_library().get("lian-obor")
    catalog = FontCatalog.from_system()
    body = tuple(catalog.body_families("serif", "zh-Hant-TW"))
    hei = tuple(catalog.body_families("sans", "zh-Hant-TW"))
    first_heading = next(i for i, b in enumerate(doc.blocks) if b.kind == "heading")
    first_paragraph = next(i for i, b in enumerate(doc.blocks) if b.kind == "paragraph")

    def fonts() -> tuple[QFont, QFont, QFont]:
        document = view.document()
        return (
            document.firstBlock().charFormat().font(),
            document.findBlockByNumber(first_heading).charFormat().font(),
            document.findBlockByNumber(first_paragraph).charFormat().font(),
        )

    # Without a face of their own: the body's, in bold.
    view.set_content(ReadingContent.original(doc), typography=Typography(body))
    title, heading, paragraph = fonts()
    for font in (title, heading):
        assert font.families() == list(body) and font.weight() == QFont.Weight.Bold
    # With one (the Hei face under a Ming text): that face at its regular weight, the body
    # unchanged.
    view.set_typography(Typography(body, heading_families=hei))
    title, heading, paragraph = fonts()
    for font in (title, heading):
        assert font.families() == list(hei) and font.weight() == QFont.Weight.Normal
    assert title.pointSizeF() > heading.pointSizeF() > paragraph.pointSizeF()
    assert paragraph.families() == list(body) and paragraph.weight() == QFont.Weight.Normal

"""The reading pane's typesetting: what is shown (:class:`ReadingContent`, the canonical text
or a script view's, with its blocks and pages mapped into it), how it is set
(:class:`Typography`: fonts, size, zoom, colours, line height, column width) and the
``QTextDocument`` built from them (:func:`build_document`: one block per block, a handful of
shared formats, positions that are the shown text's). No widget here: the pane
(:mod:`~reader.ui.reading.reading_view`), the compare panes and the benchmark build from it.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.documents import Block, Document, Page
from reader.ui.reading.fonts import CHWS, has_contextual_spacing
from reader.ui.reading.offsets import OffsetMap, PositionMap
from reader.ui.window.theme import LIGHT, Theme

BASE_POINT_SIZE = 14.0


ZOOM_STEP = 1.1


ZOOM_MIN, ZOOM_MAX = -6, 10


LINE_HEIGHT = 180  # percent of the font size, for body text


COLUMN_EM = 40  # the column's maximum width in full-width characters


# Characters QTextCursor.insertText would turn into block or frame boundaries; replaced by a
# same-length character so positions keep matching the text.
_BOUNDARY_CHARS = str.maketrans({"\r": " ", "\u2029": " ", "\ufdd0": " ", "\ufdd1": " "})


_BOUNDARY_SET = ("\r", "\u2029", "\ufdd0", "\ufdd1")


class ScriptView(OffsetMap, Protocol):
    """What the pane needs of a script view (``reader.script.View`` has it)."""

    text: str
    view_id: str


# NamedTuples, not frozen dataclasses: made before the first paint (startup: see theme.Theme).
class ReadingContent(NamedTuple):
    """What the pane shows: a text with its blocks and pages, and how it maps to the canonical
    text of ``doc``."""

    doc: Document
    text: str
    blocks: tuple[Block, ...]
    pages: tuple[Page, ...]
    positions: PositionMap
    view_id: str = "original"

    @classmethod
    def original(cls, doc: Document) -> ReadingContent:
        return cls(doc, doc.text, doc.blocks, doc.pages, PositionMap(doc.text), "original")

    @classmethod
    def from_view(cls, doc: Document, view: ScriptView) -> ReadingContent:
        """``doc`` in a script view (a ``reader.script.View``): its text, with the blocks and
        page starts mapped into it."""
        view_map: OffsetMap = view
        view_text, view_id = view.text, view.view_id
        blocks = tuple(
            Block(b.kind, b.level, *view_map.to_view(b.start, b.end)) for b in doc.blocks
        )
        pages: list[Page] = []
        for page in doc.pages:
            end = min(page.start + 1, len(doc.text))
            start = view_map.to_view(page.start, end)[0]
            if not pages or start > pages[-1].start:
                pages.append(Page(page.number, start, page.label))
        return cls(doc, view_text, blocks, tuple(pages), PositionMap(view_text, view_map), view_id)

    @property
    def script(self) -> str:
        """The script shown: the view id, or the source's script for the original."""
        return self.doc.meta.script if self.view_id == "original" else self.view_id


class Typography(NamedTuple):
    """How to set the text: font families (best first), size, colours; the title's and the
    headings' families when they are set in a face of their own (a Hei face over a Ming text,
    as Chinese journals set them, at its regular weight: Hei needs no bold to stand out)."""

    families: tuple[str, ...]
    point_size: float = BASE_POINT_SIZE
    theme: Theme = LIGHT
    line_height: int = LINE_HEIGHT
    column_em: int = COLUMN_EM
    heading_families: tuple[str, ...] = ()  # empty: the body's families, in bold

    def font(self, scale: float = 1.0, *, bold: bool = False) -> QFont:
        return self._font(self.families, scale, bold)

    def heading_font(self, scale: float) -> QFont:
        """The font of the title and the headings."""
        if self.heading_families:
            return self._font(self.heading_families, scale, False)
        return self._font(self.families, scale, True)

    def _font(self, families: tuple[str, ...], scale: float, bold: bool) -> QFont:
        font = QFont()
        if families:
            font.setFamilies(list(families))
        font.setPointSizeF(self.point_size * scale)
        font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        if families and has_contextual_spacing(families):
            font.setFeature(QFont.Tag.fromString(CHWS), 1)
        return font

    def em(self) -> float:
        """The width of one full-width character, in pixels (the font's pixel size when no
        installed font has 中 and a narrow box stands in for it)."""
        font = self.font()
        return max(QFontMetricsF(font).horizontalAdvance("中"), float(QFontInfo(font).pixelSize()))


def zoomed_point_size(steps: int) -> float:
    steps = min(max(steps, ZOOM_MIN), ZOOM_MAX)
    return round(BASE_POINT_SIZE * ZOOM_STEP**steps, 1)


class _Style(NamedTuple):
    scale: float = 1.0
    bold: bool = False
    italic: bool = False
    color: str = "ink"
    # Justified: Qt spreads a line between its characters, and :class:`Justifier` fills the
    # lines where Qt would space out the letters of a Latin word (or stretch only its spaces).
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignJustify
    line_height: int | None = None  # None: the body's
    indent_em: float = 0.0
    top_em: float = 0.0
    bottom_em: float = 0.0
    side_em: float = 0.0


_CENTER = Qt.AlignmentFlag.AlignHCenter


_LEFT = Qt.AlignmentFlag.AlignLeft


_STYLES: dict[str, _Style] = {
    "title": _Style(
        1.65, bold=True, color="heading", align=_CENTER, line_height=145, top_em=1.2, bottom_em=0.5
    ),
    "subtitle": _Style(
        0.92, italic=True, color="muted", align=_CENTER, line_height=150, bottom_em=0.6, side_em=2.0
    ),
    "author": _Style(
        1.08, color="heading", align=_CENTER, line_height=160, top_em=0.4, bottom_em=0.1
    ),
    "affiliation": _Style(0.86, color="muted", align=_CENTER, line_height=150),
    "caption": _Style(0.84, color="muted", line_height=165, top_em=0.8, bottom_em=1.0, side_em=1.5),
    "heading1": _Style(
        1.25, bold=True, color="heading", align=_LEFT, line_height=150, top_em=1.7, bottom_em=0.5
    ),
    "heading2": _Style(
        1.08, bold=True, color="heading", align=_LEFT, line_height=155, top_em=1.2, bottom_em=0.35
    ),
    "heading3": _Style(
        1.0, bold=True, color="heading", align=_LEFT, line_height=160, top_em=0.9, bottom_em=0.2
    ),
    "paragraph": _Style(indent_em=2.0, bottom_em=0.45),
    "note": _Style(0.86, color="muted", line_height=165, top_em=1.6, bottom_em=0.4),
    "backmatter": _Style(0.84, color="muted", align=_CENTER, line_height=160, bottom_em=0.15),
}


_TITLE_BLOCK = ("title", "subtitle", "author", "affiliation")


def _style_for(block: Block) -> _Style:
    if block.kind == "heading":
        return _STYLES[f"heading{min(max(block.level, 1), 3)}"]
    return _STYLES[block.kind]


def build_document(content: ReadingContent, typo: Typography) -> QTextDocument:
    """The blocks of ``content`` as a ``QTextDocument`` whose positions are the shown text's
    UTF-16 positions (one block per block, nothing inserted between them)."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(typo.font())
    doc.setDocumentMargin(0)
    em = typo.em()
    colors = typo.theme.colors()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    previous: Block | None = None
    # Thousands of blocks share a handful of formats: each made once.
    formats: dict[tuple[str, int, float], tuple[QTextBlockFormat, QTextCharFormat]] = {}
    text = content.text
    if any(c in text for c in _BOUNDARY_SET):  # most texts have none: not copied for nothing
        text = text.translate(_BOUNDARY_CHARS)
    for i, block in enumerate(content.blocks):
        style = _style_for(block)
        top = style.top_em
        after_title = previous is not None and previous.kind in _TITLE_BLOCK
        if after_title and block.kind not in _TITLE_BLOCK:
            top = max(top, 2.2)  # the title block stands apart from the body
        if block.kind == "backmatter" and (previous is None or previous.kind != "backmatter"):
            top = 3.2  # room for the rule painted above the colophon
        key = (block.kind, block.level, top)
        made = formats.get(key)
        if made is None:
            fmt = QTextBlockFormat()
            fmt.setAlignment(style.align)
            # As in CSS, line height is a multiple of the font size (not of the font's own
            # line spacing, which for CJK fonts is already about 1.45 em).
            ratio = (style.line_height or typo.line_height) / 100
            fmt.setLineHeight(
                round(ratio * em * style.scale, 2),
                QTextBlockFormat.LineHeightTypes.FixedHeight.value,
            )
            fmt.setTextIndent(style.indent_em * em)
            fmt.setTopMargin(top * em)
            fmt.setBottomMargin(style.bottom_em * em)
            fmt.setLeftMargin(style.side_em * em)
            fmt.setRightMargin(style.side_em * em)
            fmt.setProperty(QTextFormat.Property.UserProperty, block.kind)
            chars = QTextCharFormat()
            if style.bold:  # the title and the headings
                chars.setFont(typo.heading_font(style.scale))
            else:
                chars.setFont(typo.font(style.scale))
            chars.setFontItalic(style.italic)
            # The colour alone (a solid brush of it): QBrush(QColor) makes PySide weigh every
            # QBrush constructor, creating QGradient's, QImage's and QPixmap's classes and
            # enums on the way (~2 ms before the first paint).
            chars.setForeground(QColor(colors[style.color]))
            made = formats[key] = (fmt, chars)
        fmt, chars = made
        if i == 0:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(chars)
        else:
            cursor.insertBlock(fmt, chars)
        cursor.insertText(text[block.start : block.end], chars)
        previous = block
    cursor.endEditBlock()
    return doc

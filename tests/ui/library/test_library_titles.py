"""A long title in the library list never leaves one character alone on its last line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from reader.ui.library.library_list import without_widow

TITLE = "一帶一路框架下中俄之潛在競合關係"


def _font() -> QFont:
    font = QFont("Noto Sans CJK TC")
    font.setPixelSize(15)
    return font


def _lines(text: str, font: QFont, width: int) -> list[str]:
    """The lines Qt's word wrap makes of ``text`` at ``width`` (a given break honoured)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
    return lines


def test_the_last_character_of_a_title_does_not_stand_alone(qapp: object) -> None:
    font = _font()
    width = QFontMetrics(font).horizontalAdvance(TITLE[:-1]) + 2  # 係 alone, left to Qt
    assert _lines(TITLE, font, width)[-1] == "係"
    shown = without_widow(TITLE, font, width)
    assert shown.replace("\n", "") == TITLE
    assert _lines(shown, font, width) == [TITLE[:-2], "關係"]


def test_a_title_that_fits_or_ends_well_is_left_as_it_is(qapp: object) -> None:
    font = _font()
    metrics = QFontMetrics(font)
    assert without_widow(TITLE, font, metrics.horizontalAdvance(TITLE) + 4) == TITLE
    width = metrics.horizontalAdvance(TITLE[:-3]) + 2  # 關係 already together on line two
    assert without_widow(TITLE, font, width) == TITLE


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(alphabet="一帶路框架下中俄之潛在競合關係戰略分歧", min_size=2, max_size=40),
    chars=st.integers(min_value=3, max_value=20),
)
def test_no_widow_and_nothing_lost(qapp: object, title: str, chars: int) -> None:
    font = _font()
    width = QFontMetrics(font).horizontalAdvance("中" * chars) + 1
    shown = without_widow(title, font, width)
    assert shown.replace("\n", "") == title
    lines = _lines(shown, font, width)
    assert "".join(lines) == title
    if len(lines) > 1:
        assert len(lines[-1]) >= 2

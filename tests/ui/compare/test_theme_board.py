"""The comparison window lists themes in the exports' order: zhuyin (ㄅㄆㄇㄈ) when the left
pane reads Traditional, pinyin in 简体; parents before their children."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from pytestqt.qtbot import QtBot

from reader.ui.compare.themes import COUNT_ROLE, ThemeRow, ThemeTableModel

NAMES = ["軍事", "北極", "能源", "中亞", "地區/中亞", "地區", "安全"]


def _order(model: ThemeTableModel, proxy: QSortFilterProxyModel) -> list[str]:
    proxy.invalidate()
    proxy.sort(ThemeTableModel.COL_THEME, Qt.SortOrder.AscendingOrder)
    col = ThemeTableModel.COL_THEME
    return [
        model.themes()[proxy.mapToSource(proxy.index(i, col)).row()].name
        for i in range(proxy.rowCount())
    ]


def test_board_sorts_themes_by_sound(qtbot: QtBot) -> None:
    model = ThemeTableModel()
    model.set_themes([ThemeRow(n, n, (1, 1)) for n in NAMES], ("a", "b"))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(COUNT_ROLE)
    # Traditional (the source's script): ㄅ北 ㄉ地 ㄋ能 ㄐ軍 ㄓ中 ㄢ安.
    assert _order(model, proxy) == ["北極", "地區", "地區/中亞", "能源", "軍事", "中亞", "安全"]
    model.set_sort_script("zh-Hans")
    # Pinyin: ān běi dì jūn néng zhōng.
    assert _order(model, proxy) == ["安全", "北極", "地區", "地區/中亞", "軍事", "能源", "中亞"]


@pytest.mark.parametrize("theme", ["", "能源政策"])  # the two texts an empty list shows
def test_an_empty_column_says_so_across_its_width(qtbot: QtBot, theme: str) -> None:
    """A tester saw "Choose a theme to see its passages here." wrapped into a column a few
    words wide in the middle of a wide pane: the label was placed when the column got its size,
    before the list inside it had its own (a window sized before it is shown, as on X11)."""
    from reader.ui.compare.theme_board import PassageColumn

    column = PassageColumn(0)
    qtbot.addWidget(column)
    column.set_title("許菁芸〈中俄兩國之戰略利益分歧〉")
    column.set_theme_name(theme)
    column.resize(900, 300)  # before it is shown: its children are sized after it
    column.show()
    qtbot.waitExposed(column)
    label, viewport = column.empty_label, column.list.viewport()
    qtbot.waitUntil(lambda: viewport.width() > 800)
    qtbot.waitUntil(lambda: label.width() >= viewport.width() - 24)
    assert label.needed_height() < label.fontMetrics().lineSpacing() * 1.5, label.text()
    # …and it follows the list when only the list changes size (a splitter, a scroll bar).
    column.list.setFixedWidth(400)
    qtbot.waitUntil(lambda: viewport.width() <= 400)
    qtbot.waitUntil(lambda: viewport.width() - 24 <= label.width() <= viewport.width())

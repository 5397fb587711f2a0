"""The comparison window lists themes in the exports' order: zhuyin (ㄅㄆㄇㄈ) when the left
pane reads Traditional, pinyin in 简体; parents before their children."""

from __future__ import annotations

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

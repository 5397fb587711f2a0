"""The tag tree and the colour list (checked with qtmodeltester): tags nested by ``/`` under
their parent, counts from the tags or given, check boxes for the sidebar's filters; the colours
named by their meanings, with counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from reader.store.records import NO_COLOR, TagInfo
from reader.ui.annotating.tag_models import ColorModel, TagTreeModel

TAGS = [
    TagInfo("地區", "地区", None, None, 0),
    TagInfo("地區/北極", "地区/北极", "purple", None, 2),
    TagInfo("地區/中亞", "地区/中亚", None, None, 3),
    TagInfo("能源", "能源", None, None, 1),
]


def test_the_tag_tree_nests_by_slash_and_counts(qapp: object, qtmodeltester: ModelTester) -> None:
    tags = TagTreeModel(checkable=True)
    tags.set_tags(TAGS)
    qtmodeltester.check(tags)
    parent = tags.index_of("地区")
    assert parent.isValid() and tags.rowCount(parent) == 2  # 北極 and 中亞 under 地區
    assert sorted(tags.data(tags.index(r, 0, parent)) for r in range(2)) == ["中亞", "北極"]
    assert sorted(tags.subtree_keys("地区")) == sorted(["地区", "地区/北极", "地区/中亚"])
    assert tags.count_of("地区/中亚") == 3
    tags.set_counts({"地区": 5, "地区/中亚": 4})
    assert tags.count_of("地区/中亚") == 4 and tags.count_of("能源") == 0
    tags.set_checked(["能源", "no such tag"])
    assert tags.checked() == ["能源"]
    energy = tags.index_of("能源")
    assert tags.data(energy, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert tags.setData(
        tags.index_of("地区"), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert tags.checked() == ["地区", "能源"]


def test_the_colours_read_their_meanings_and_counts(
    qapp: object, qtmodeltester: ModelTester
) -> None:
    colors = ColorModel()
    qtmodeltester.check(colors)
    assert colors.rowCount() == 6 and colors.color_at(5) == NO_COLOR
    first = colors.color_at(0)
    colors.set_counts({first: 3})
    colors.set_meanings({first: "論點"})
    assert colors.data(colors.index(0)) == "論點 (3)"
    assert colors.data(colors.index(5)) == "Note only (0)"
    colors.set_checked([NO_COLOR])
    assert colors.checked() == [NO_COLOR]
    assert colors.setData(colors.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert colors.checked() == [first, NO_COLOR]

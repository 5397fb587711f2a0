"""The tag manager: every tag nested by ``/`` with its count; merge, rename and delete saying how
many annotations they touch, each undone and redone over the store; a colour per
tag (colour meanings are test_color_meanings.py's)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader import paths
from reader.ui.annotating.tag_manager import TagManager
from reader.ui.annotating.tag_models import TAG_COUNT_ROLE
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, annotate, feature_of


def cli_tags(doc: str = "lian-obor") -> list[tuple[str, ...]]:
    result = meipi("annotations", doc, "--json", "--db", str(paths.db_path()))
    assert result.code == 0, result.err
    return [tuple(a["tags"]) for a in result.json()["annotations"]]


def test_merge_rename_and_delete_with_counts_and_undo(
    qtbot: QtBot, make_window: MakeWindow, qtmodeltester: ModelTester
) -> None:
    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "上海合作組織", "yellow", ("中亞",))
    annotate(feature, window, "戈巴契夫", "green", ("區域/中亞",))
    annotate(feature, window, "能源", "blue", ("區域/北極", "能源"))
    annotate(feature, window, "天然氣", "pink", ("Central Asia",))
    manager = feature.show_tag_manager()
    assert isinstance(manager, TagManager)
    qtmodeltester.check(manager.model)
    model = manager.model
    # Nesting shown as a tree, with counts (a parent counts its children's annotations).
    parent = model.index_of("区域")
    assert parent.isValid() and model.rowCount(parent) == 2
    assert model.data(parent, TAG_COUNT_ROLE) == 2
    assert model.data(model.index_of("中亚"), TAG_COUNT_ROLE) == 1
    assert manager.touched("區域") == 2

    # Merge Central Asia into 中亞: one annotation touched, said so.
    manager.select("Central Asia")
    assert manager.selected_name() == "Central Asia"
    assert manager.merge("Central Asia", "中亚")  # any script finds the tag 中亞
    assert "on 1 annotation" in manager.status.text()
    assert sorted(cli_tags()) == sorted(
        [("中亞",), ("區域/中亞",), ("區域/北極", "能源"), ("中亞",)]
    )
    assert not model.index_of(fold("Central Asia")).isValid()
    assert model.data(model.index_of("中亚"), TAG_COUNT_ROLE) == 2

    # Rename the parent: the children follow.
    assert manager.rename("區域", "地區")
    assert "on 2 annotation" in manager.status.text()
    assert sorted(cli_tags()) == sorted(
        [("中亞",), ("地區/中亞",), ("地區/北極", "能源"), ("中亞",)]
    )

    # Delete a tag: the annotations stay.
    assert manager.delete("能源")
    assert len(cli_tags()) == 4
    assert ("地區/北極",) in cli_tags()

    # Undo all three, one by one, over the store; then redo them.
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)
    assert ("地區/北極", "能源") in cli_tags()
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)
    assert sorted(cli_tags()) == sorted(
        [("中亞",), ("區域/中亞",), ("區域/北極", "能源"), ("中亞",)]
    )
    assert not model.index_of("地区").isValid()  # the new name is gone with the undo
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)
    assert sorted(cli_tags()) == sorted(
        [("中亞",), ("區域/中亞",), ("區域/北極", "能源"), ("Central Asia",)]
    )
    assert model.index_of(fold("Central Asia")).isValid()
    shift = Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Z, ctrl | shift)
    assert sorted(cli_tags()) == sorted([("中亞",), ("地區/中亞",), ("地區/北極",), ("中亞",)])


def fold(name: str) -> str:
    from reader.folding import fold_key

    return fold_key(name)


def test_a_colour_per_tag(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "上海合作組織", "yellow", ("中亞",))
    manager = feature.show_tag_manager()
    assert isinstance(manager, TagManager)
    assert manager.set_color("中亞", "purple")
    assert [t.color for t in feature.tags] == ["purple"]
    assert manager.model.data(manager.model.index_of("中亚"), Qt.ItemDataRole.DecorationRole)
    feature.edits.undo()
    assert [t.color for t in feature.tags] == [None]


def test_undo_works_from_the_tag_manager_window(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "上海合作組織", "yellow", ("SCO",))
    manager = feature.show_tag_manager()
    assert isinstance(manager, TagManager)
    assert manager.rename("SCO", "上合組織")
    assert "Ctrl+Z undoes it" in manager.status.text()
    manager.activateWindow()
    manager.tree.setFocus()
    qtbot.keyClick(manager.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cli_tags() == [("SCO",)]
    assert manager.model.index_of("sco").isValid()


def test_return_in_the_merge_dialog_never_merges_into_an_unchosen_tag(
    qtbot: QtBot, make_window: MakeWindow
) -> None:

    window = make_window()
    feature = feature_of(window)
    annotate(feature, window, "能源", "blue", ("區域/北極",))
    annotate(feature, window, "天然氣", "pink", ("Central Asia",))
    manager = feature.show_tag_manager()
    assert isinstance(manager, TagManager)
    dialog = manager.merge_dialog("區域/北極")
    assert dialog is not None
    dialog.open()
    qtbot.waitExposed(dialog)
    ok = dialog.ok_button()
    assert ok is not None
    assert dialog.textValue() == "" and not ok.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # nothing chosen: nothing merged
    dialog.setTextValue("Central Asia")
    assert ok.isEnabled()
    dialog.reject()
    # And the manager closes from a button of its own.
    assert manager.close_button.text() and manager.isVisible()
    manager.close_button.click()
    qtbot.waitUntil(lambda: not manager.isVisible())
    assert sorted(cli_tags()) == [("Central Asia",), ("區域/北極",)]


def test_counts_take_in_the_texts_that_are_not_open(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    # Tagged from a shell in the other article: the window holds only the open one's.
    made = meipi(
        "annotate", "hsu-divergence", "--quote", "北極地區因全球暖化因素", "--tag", "區域/北極"
    )
    assert made.code == 0, made.err
    annotate(feature, window, "戈巴契夫", "green", ("區域/中亞",))
    assert {r.document for r in feature.records()} == {"lian-obor"}
    manager = feature.show_tag_manager()
    assert isinstance(manager, TagManager)
    model = manager.model
    assert model.data(model.index_of("区域"), TAG_COUNT_ROLE) == 2
    assert model.data(model.index_of("区域/北极"), TAG_COUNT_ROLE) == 1
    assert manager.touched("區域") == 2


def test_undo_of_a_rename_keeps_a_note_written_elsewhere_since(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    record = annotate(feature, window, "上海合作組織", "yellow", ("SCO",), "window note")
    manager = feature.show_tag_manager()
    assert isinstance(manager, TagManager)
    assert manager.rename("SCO", "上合組織")
    result = meipi("edit", record.id, "--note", "CLI concurrent note", "--color", "green")
    assert result.code == 0, result.err
    manager.activateWindow()
    manager.tree.setFocus()
    qtbot.keyClick(manager.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cli_tags() == [("SCO",)]  # the rename undone
    stored = meipi("annotations", "--json").json()["annotations"]
    assert [(a["note"], a["color"]) for a in stored] == [("CLI concurrent note", "green")]

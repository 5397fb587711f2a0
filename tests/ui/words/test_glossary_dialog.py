"""The glossary dialog: listing, adding and removing kept phrases, conversions and equivalences,
with the open view following every change, and a refused write said plainly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.glossary import Glossary
from reader.ui.reading.views_feature import ViewsFeature
from reader.ui.window.main_window import MainWindow
from reader.ui.words.glossary_dialog import GlossaryDialog, GlossaryModel
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window(wait_for=("views_feature",))


def open_dialog(qtbot: QtBot, window: MainWindow) -> GlossaryDialog:
    feature = window.views_feature
    assert isinstance(feature, ViewsFeature)
    feature.glossary_action.trigger()
    dialog = feature.glossary_dialog
    assert isinstance(dialog, GlossaryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def add(qtbot: QtBot, dialog: GlossaryDialog, kind: str, phrase: str, other: str = "") -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    dialog.phrase_edit.setText(phrase)
    dialog.other_edit.setText(other)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)


def test_the_model_lists_every_kind_of_entry(qtmodeltester: ModelTester) -> None:
    model = GlossaryModel(
        Glossary(
            keeps=frozenset({"區域性"}),
            conversions=(("哈薩克", "哈萨克"),),
            equivalences=(("普京", "普丁"),),
        )
    )
    qtmodeltester.check(model)
    assert model.entries() == [
        ("keep", "區域性", ""),
        ("convert", "哈薩克", "哈萨克"),
        ("same", "普京", "普丁"),
    ]
    assert model.index(1, 2).data() == "→ 哈萨克"
    assert model.index(2, 2).data() == "= 普丁"
    model.set_glossary(Glossary())
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_adding_and_removing_entries_redraws_the_view(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    feature = window.views_feature
    assert isinstance(feature, ViewsFeature)
    doc = window.current_document()
    assert doc is not None
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        feature.set_view("zh-Hans-CN")
    # 喬治亞 (Georgia) reads 格鲁吉亚 on the mainland: the regional lexicon's name.
    assert "格鲁吉亚" in window.reading_view.toPlainText()
    dialog = open_dialog(qtbot, window)
    qtmodeltester.check(dialog.model)

    # Kept: no substitution, but its characters still follow the view's script.
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        add(qtbot, dialog, "keep", "喬治亞")
    shown = window.reading_view.toPlainText()
    assert "格鲁吉亚" not in shown and "喬治亞" not in shown
    assert shown.count("乔治亚") == doc.text.count("喬治亞")
    assert dialog.model.entries() == [("keep", "喬治亞", "")]
    assert dialog.phrase_edit.text() == ""

    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        add(qtbot, dialog, "convert", "哈薩克", "哈萨克")
    add(qtbot, dialog, "same", "普京", "普丁")
    assert ("same", "普京", "普丁") in dialog.model.entries()
    listed = meipi("glossary", "list")
    assert listed.code == 0 and "普丁" in listed.out and "喬治亞" in listed.out

    # Remove the kept phrase: the view converts it again; the rest stays.
    row = dialog.model.entries().index(("keep", "喬治亞", ""))
    dialog.table.selectionModel().select(
        dialog.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert dialog.remove_button.isEnabled()
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "格鲁吉亚" in window.reading_view.toPlainText()
    assert ("keep", "喬治亞", "") not in dialog.model.entries()
    assert ("same", "普京", "普丁") in dialog.model.entries()
    assert ("convert", "哈薩克", "哈萨克") in dialog.model.entries()
    qtmodeltester.check(dialog.model)


def test_the_dialog_follows_changes_made_on_the_command_line(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, window)
    assert meipi("glossary", "keep", "區域性").code == 0
    qtbot.waitUntil(lambda: ("keep", "區域性", "") in dialog.model.entries(), timeout=8000)


def test_a_refused_write_is_said_plainly(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    store = window.services.store()
    assert store is not None
    store.read_only = True  # what opening a read-only file gives
    add(qtbot, dialog, "keep", "區域性")
    qtbot.waitUntil(lambda: isinstance(active_message_box(), QMessageBox), timeout=3000)
    box = active_message_box()
    assert isinstance(box, QMessageBox)
    assert "read-only" in box.text() and "not changed" in box.text()
    assert dialog.model.entries() == []
    assert dialog.phrase_edit.text() == "區域性"  # nothing typed is lost


def active_message_box() -> QMessageBox | None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            return widget
    return None

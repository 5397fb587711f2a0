"""Undo and redo over the store (``reader.ui.annotating.undo``), in the real window: each writes
at once; an undo the store refuses (the annotation was deleted from the command line meanwhile)
writes nothing, leaves the history where it was and says why."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.ui.annotating.note_editor import Draft
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, feature_of


def stored_ids() -> list[str]:
    return [a["id"] for a in meipi("annotations", "--json").json()["annotations"]]


def test_undo_and_redo_write_at_once(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    start = doc.text.index("上海合作組織")
    record = feature.edits.create(start, start + 6, Draft("green", ("組織",), "SCO"))
    assert record is not None and stored_ids() == [record.id]
    stack = feature.history.stack
    assert stack.canUndo() and stack.undoText() == "Annotate"
    assert feature.history.undo()
    assert stored_ids() == [] and stack.canRedo() and not stack.canUndo()
    assert feature.history.redo()
    assert stored_ids() == [record.id]
    assert not feature.history.redo()  # nothing left to redo


def test_a_refused_undo_leaves_the_history_and_says_why(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    start = doc.text.index("上海合作組織")
    record = feature.edits.create(start, start + 6, Draft("yellow", (), None))
    assert record is not None
    assert meipi("delete", record.id).code == 0  # another process removes it
    with qtbot.waitSignal(feature.history.failed, timeout=5000) as failed:
        assert not feature.history.undo()
    assert record.id[:8] in failed.args[0] or "no annotation" in failed.args[0]
    assert feature.history.stack.index() == 1 and feature.history.stack.canUndo()

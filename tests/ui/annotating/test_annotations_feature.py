"""Annotating in the window, driven as a reader would: select words in the 简体 view, highlight
them with a key, tag and note them in the dialog; restart and find everything again on the same
words in every view; an annotation written from the command line appears while the window is
open (selecting words is tests/ui/reading/test_selection.py's)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import Library
from reader.ui.annotating.note_editor import Draft
from reader.views import VIEW_IDS
from tests.cli_helpers import meipi
from tests.ui.helpers import (
    MakeWindow,
    annotate,
    feature_of,
    layer_texts,
    only,
    select_shown,
    switch_view,
)

if TYPE_CHECKING:
    from reader.ui.window.services import AnnotationData


def test_annotate_in_simplified_and_find_it_on_its_words_after_a_restart(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = library.get("lian-obor")
    switch_view(qtbot, window, "zh-Hans")
    view = window.reading_view
    select_shown(window, "为理由出兵乔治亚")
    assert feature.menus.color_actions["green"].isEnabled()
    view.setFocus()
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_2)
    record = only(feature.records("lian-obor"))
    assert record.color == "green"
    # Stored canonically: the original's words, whatever view they were selected in.
    assert record.quote == "為理由出兵喬治亞"
    assert doc.text[record.start : record.end] == record.quote
    assert layer_texts(window, "green") == ["为理由出兵乔治亚"]
    # The sidebar lists it, in the view's script, as the current annotation.
    assert feature.sidebar.ids() == [record.id]
    assert feature.sidebar.current_id() == record.id

    # Tags and a note for it (Ctrl+T), through the dialog.
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = feature.edits.dialog
    assert dialog is not None and dialog.isVisible()
    # Chinese comes through an input method: inserted, as an IME commits it.
    dialog.tags_edit.insert("中亚, 地区/北极")
    dialog.note_edit.setFocus()
    note = "喬治亞 = 格鲁吉亚 — one state, two names 👀"
    dialog.note_edit.insertPlainText(note)
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    record = only(feature.records("lian-obor"))
    assert record.tags == ("中亚", "地区/北极")
    assert record.note == note
    assert record.color == "green"

    # A restart on the same database: everything is back, on the same words in every view.
    window.close()
    second = make_window()
    feature2 = feature_of(second)
    qtbot.waitUntil(lambda: len(feature2.records("lian-obor")) == 1, timeout=5000)
    again = only(feature2.records("lian-obor"))
    assert (again.start, again.end, again.tags, again.note) == (
        record.start,
        record.end,
        record.tags,
        record.note,
    )
    seen = {}
    for view_id in VIEW_IDS:
        if not second.views_feature.view_actions[view_id].isEnabled():
            continue
        switch_view(qtbot, second, view_id)
        content = second.reading_view.content()
        assert content is not None
        start, end = content.positions.canonical_to_shown(again.start, again.end)
        assert layer_texts(second, "green") == [content.text[start:end]], view_id
        seen[view_id] = content.text[start:end]
        # The sidebar's quote reads in the view shown.
        assert feature2.model.quote(feature2.model.row_of(again.id)) == content.text[start:end]
    assert seen["original"] == "為理由出兵喬治亞"
    assert seen["zh-Hans"] == "为理由出兵乔治亚"
    # The mainland's name for the state (the regional lexicon), of another length.
    assert seen["zh-Hans-CN"] == "为理由出兵格鲁吉亚"


def test_an_annotation_from_the_command_line_appears_while_the_window_is_open(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    assert feature.records() == []
    result = meipi(
        "annotate",
        "lian-obor",
        "--quote",
        "區域性",
        "--tag",
        "中亞",
        "--note",
        "from the shell",
        "--db",
        str(paths.db_path()),
    )
    assert result.code == 0, result.err
    qtbot.waitUntil(lambda: len(feature.records()) == 1, timeout=5000)
    record = only(feature.records())
    assert record.note == "from the shell"
    assert feature.sidebar.ids() == [record.id]
    assert layer_texts(window, "yellow") == ["區域性"]
    assert [t.name for t in feature.tags] == ["中亞"]


def test_tags_complete_from_existing_ones_and_new_ones_are_made(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    select_shown(window, "天然氣")
    feature.edits.highlight("yellow")
    first = only(feature.records())
    assert feature.edits.save(first, Draft("yellow", ("Energy/Gas",), None)) is not None
    select_shown(window, "能源")
    dialog = feature.edits.edit_dialog("tags")
    assert dialog is not None
    edit = dialog.tags_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "gas")  # contains, any case
    popup = edit._completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    popup.setCurrentIndex(edit._completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "Energy/Gas, "
    edit.insert("地緣政治")  # a new tag, made on the fly
    dialog.save_requested.emit(dialog.draft())
    second = next(r for r in feature.records() if r.id != first.id)
    assert second.tags == ("Energy/Gas", "地緣政治")
    assert sorted(t.name for t in feature.tags) == ["Energy/Gas", "地緣政治"]


def test_highlights_follow_an_edited_text_of_ones_own(
    qtbot: QtBot, tmp_path: Path, make_window: MakeWindow
) -> None:
    source = tmp_path / "mine.txt"
    source.write_text("中俄關係。北極航道的合作。南海問題。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "mine", "--title", "我的").code == 0
    window = make_window()
    feature = feature_of(window)
    window.reload_library()
    window.open_document("mine")
    select_shown(window, "北極航道")
    record = feature.edits.highlight("blue")
    assert record is not None
    # The text is edited (words added before the passage) while the window is open.
    stored = paths.user_texts_dir() / "mine.meipi.txt"
    stored.write_text(
        stored.read_text(encoding="utf-8").replace("中俄關係。", "中俄關係日益密切。"),
        encoding="utf-8",
    )
    window.reload_library()
    moved = feature.record(record.id)
    assert moved is not None and not moved.orphaned
    assert moved.start == record.start + 4
    assert layer_texts(window, "blue") == ["北極航道"]


def test_with_thousands_of_annotations_a_highlight_by_key_and_a_deletion_change_only_their_rows(
    qtbot: QtBot,
    make_window: MakeWindow,
    library: Library,
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.bench.workload import annotation_specs
    from reader.store import open_store
    from reader.store.bulk import create_annotations

    doc = library.get("lian-obor")
    with open_store(db_file) as store, store.writing() as s:
        create_annotations(s, doc, annotation_specs(doc, 3000))
    window = make_window()
    window.open_document("lian-obor")
    feature = feature_of(window)
    qtbot.waitUntil(lambda: len(feature.records("lian-obor")) == 3000, timeout=10000)
    sidebar = feature.sidebar
    before = sidebar.proxy.counts()
    kept = feature.records("lian-obor")[1234]
    # Every annotation read again from the store on each edit froze a window of 100,000 for
    # seconds: an edit of the window's own updates only what it changed.
    reads: list[object] = []
    read_annotations = feature.services.read_annotations

    def counted(document: str | None) -> AnnotationData | None:
        reads.append(None)
        return read_annotations(document)

    monkeypatch.setattr(feature.services, "read_annotations", counted)
    inserted: list[tuple[int, int]] = []
    feature.model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    select_shown(window, "為理由出兵喬治亞")
    view = window.reading_view
    view.setFocus()
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_2)
    made = next(r for r in feature.records("lian-obor") if r.quote == "為理由出兵喬治亞")
    assert made.color == "green"
    assert reads == []
    assert len(inserted) == 1 and inserted[0][0] == inserted[0][1]
    # In its place in text order, shown, current, counted.
    records = feature.records("lian-obor")
    assert records == sorted(records, key=lambda r: (r.start, r.end, r.created, r.id))
    assert sidebar.current_id() == made.id
    assert made.id in sidebar.ids() and len(sidebar.ids()) == 3001
    after = sidebar.proxy.counts()
    assert after.total == after.shown == before.total + 1
    assert after.colors["green"] == before.colors["green"] + 1
    assert "".join(filter(str.isdigit, sidebar.count_label.text())) == "3001"
    drawn = [r[:2] for r in view._layers["annotations"].ranges]
    assert len(drawn) == 1 + sum(not r.orphaned for r in records if r.id != made.id)
    assert (made.start, made.end) in drawn
    # What covers a place is found by bisection, as a scan of every annotation found it.
    for offset in range(0, len(doc.text), 211):
        scanned = [r for r in feature._doc_records if r.start <= offset < r.end]
        assert feature.annotations_at(offset) == sorted(scanned, key=lambda r: r.end - r.start)
    # Another one deleted: the current one stays current, one row fewer.
    sidebar.select(kept.id)
    assert sidebar.current_id() == kept.id
    with qtbot.waitSignal(feature.records_loaded, timeout=5000):
        assert feature.edits.delete(made.id)
    assert reads == []
    assert sidebar.current_id() == kept.id
    assert len(sidebar.ids()) == 3000 and made.id not in sidebar.ids()
    assert sidebar.proxy.counts().colors == before.colors
    # Undone, it comes back in its place.
    feature.edits.undo()
    assert feature.record(made.id) == made
    assert len(sidebar.ids()) == 3001
    assert sidebar.current_id() == kept.id
    feature.edits.redo()
    assert feature.record(made.id) is None and len(sidebar.ids()) == 3000
    assert reads == []


def test_a_row_whose_text_was_removed_says_so_instead_of_failing(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    source = tmp_path / "mine.txt"
    source.write_text("我的筆記\n\n能源政策的短文。\n", encoding="utf-8")
    assert meipi("import", str(source), "--id", "mine").code == 0
    annotation = meipi("annotate", "mine", "--quote", "能源").out.strip()
    window = make_window()
    feature = feature_of(window)
    with qtbot.waitSignal(feature.all_loaded, timeout=10_000):
        feature.sidebar.set_all_articles(True)
    (paths.user_texts_dir() / "mine.meipi.txt").unlink()
    window.reload_library()
    assert "mine" not in window.services.library.ids()
    shown = window.current_document()
    assert shown is not None
    feature.sidebar.select(annotation)  # its row: Enter goes to the passage
    assert feature.sidebar.list.current_id() == annotation
    qtbot.keyClick(feature.sidebar.list, Qt.Key.Key_Return)  # raised InputError in the loop
    assert window.current_document() is shown
    assert "Unknown document 'mine'" in window.statusBar().currentMessage()


def test_highlights_patched_by_edits_are_those_a_whole_redraw_makes(
    qtbot: QtBot, make_window: MakeWindow, library: Library, db_file: Path
) -> None:
    from reader.bench.workload import annotation_specs
    from reader.store import open_store
    from reader.store.bulk import create_annotations

    doc = library.get("lian-obor")
    with open_store(db_file) as store, store.writing() as s:
        create_annotations(s, doc, annotation_specs(doc, 400, seed=5))
    window = make_window()
    window.open_document("lian-obor")
    feature = feature_of(window)
    qtbot.waitUntil(lambda: len(feature.records("lian-obor")) == 400, timeout=10000)
    view = window.reading_view
    feature.annotations_at(0)  # the starts under the pointer made, to be patched too
    feature._doc_notes()
    made = feature.edits.create(100, 108, Draft("green", (), "a note"))
    plain = feature.edits.create(100, 104, Draft(None, (), "another"))
    assert made is not None and plain is not None
    kept = feature.records("lian-obor")[57]
    feature.edits.save(kept, Draft("purple", kept.tags, "now with a note"))
    assert feature.edits.delete(feature.records("lian-obor")[200].id)
    feature.edits.undo()
    feature.edits.undo()

    def drawn() -> tuple[list[tuple[int, int, str]], list[str], list[str], list[str]]:
        layer = view._layers["annotations"]
        ranges = [(a, b, layer.formats[f].background().color().name()) for a, b, f in layer.ranges]
        return (
            ranges,
            [r.id for r in feature._doc_notes()],
            [r.id for r in feature.annotations_at(102)],
            [c.record.id for c in feature.margin.cards],
        )

    patched = drawn()
    feature._redraw()
    assert drawn() == patched
    assert len(patched[0]) == sum(not r.orphaned for r in feature.records("lian-obor"))


def test_going_back_to_a_text_draws_its_annotations_without_reading_them_again(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back and forth between two texts (as a comparison goes) the texts left keep their
    annotations; any change to an annotation — the window's own, or another program's — has
    them read again."""
    window = make_window(wait_for=("annotations_feature",))
    feature = feature_of(window)
    mine = annotate(feature, window, "新思維", "green", ("中亞",), "first")
    window.open_document("hsu-divergence")
    services = window.services
    reads: list[str | None] = []
    original = services.read_annotations

    def counted(document: str | None, **kwargs: bool) -> object:
        reads.append(document)
        return original(document, **kwargs)

    monkeypatch.setattr(services, "read_annotations", counted)
    window.open_document("lian-obor")
    assert reads == []  # kept when it was left
    assert [r.id for r in feature.records()] == [mine.id]
    assert layer_texts(window, "green") == ["新思維"]
    window.open_document("hsu-divergence")
    assert reads == []
    # Another program's change: every text left is read again when it opens.
    result = meipi("annotate", "lian-obor", "--quote", "區域性", "--db", str(paths.db_path()))
    assert result.code == 0, result.err
    qtbot.waitUntil(lambda: bool(reads), timeout=5000)  # the open text's, read again at once
    reads.clear()
    window.open_document("lian-obor")
    assert reads == ["lian-obor"]
    assert len(feature.records()) == 2

"""What the window holds and when it reads it: only the open text's annotations until every
article's are asked for (then read on a worker thread, the window's own edits meanwhile kept),
a text of many read on a worker thread too, and the counts right after an add in another text,
in either scope, from the command line or the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from reader import paths
from reader.documents import Library
from reader.ui.annotating.note_editor import Draft
from tests.cli_helpers import meipi
from tests.ui.helpers import MakeWindow, feature_of

if TYPE_CHECKING:
    from reader.store.records import AnnotationRecord


def _many_texts(library: Library, db_file: Path, count: int, each: int) -> list[str]:
    """``count`` generated texts added to the window's library, ``each`` annotations on each
    (seeded), written to the database: their ids."""
    from reader.bench.workload import annotation_specs, library_documents
    from reader.documents import TEXT_SUFFIX, dumps
    from reader.store import open_store
    from reader.store.bulk import create_annotations

    docs = [d for d in library_documents(count, chars_each=800) if len(d.text) > 200]
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open_store(db_file) as store, store.writing() as s:
        for n, doc in enumerate(docs):
            (folder / f"{doc.id}{TEXT_SUFFIX}").write_text(dumps(doc), encoding="utf-8")
            library.documents[doc.id] = doc
            create_annotations(s, doc, annotation_specs(doc, each, seed=n))
    return [d.id for d in docs]


def test_only_the_open_texts_annotations_are_held_until_all_articles_are_asked_for(
    qtbot: QtBot, make_window: MakeWindow, library: Library, db_file: Path
) -> None:
    ids = _many_texts(library, db_file, 40, 12)
    total = 12 * len(ids)
    window = make_window()
    feature = feature_of(window)
    sidebar = feature.sidebar
    window.open_document(ids[3])
    # Only this text's: the 39 others' records are not in the window.
    assert {r.document for r in feature.records()} == {ids[3]}
    assert len(sidebar.ids()) == 12 and sidebar.count_label.text() == "12 annotation(s)"
    assert len(window.reading_view._layers["annotations"].ranges) == 12
    # Every article's: read on a worker thread, the sidebar saying so meanwhile.
    with qtbot.waitSignal(feature.all_loaded, timeout=10_000):
        sidebar.set_all_articles(True)
        assert feature.loading_all and sidebar.count_label.text() == "Reading…"
    assert not feature.loading_all and feature.holds_all
    assert len(feature.records()) == total == len(sidebar.ids())
    assert sidebar.count_label.text() == f"{total} annotation(s)"
    assert sidebar.proxy.counts().tags["能源"] == sum("能源" in r.tags for r in feature.records())
    # Filters over every text; opening another text reads nothing more.
    sidebar.set_color_filter(["green"])
    greens = [r.id for r in feature.records() if r.color == "green"]
    assert sidebar.ids() == greens and len({r.document for r in feature.records()}) == len(ids)
    sidebar.clear_filters()
    window.open_document(ids[7])
    assert len(feature.records()) == total
    assert len(window.reading_view._layers["annotations"].ranges) == sum(
        not r.orphaned for r in feature.records(ids[7])
    )
    # Back to this article: the others are let go again.
    sidebar.set_all_articles(False)
    assert {r.document for r in feature.records()} == {ids[7]}
    assert len(sidebar.ids()) == 12


def test_counts_follow_an_add_in_another_text_in_either_scope(
    qtbot: QtBot, make_window: MakeWindow, library: Library, db_file: Path
) -> None:
    ids = _many_texts(library, db_file, 6, 5)
    window = make_window()
    feature = feature_of(window)
    sidebar = feature.sidebar
    window.open_document(ids[0])
    with qtbot.waitSignal(feature.all_loaded, timeout=10_000):
        sidebar.set_all_articles(True)
    before = sidebar.proxy.counts()
    # From a shell, in a text that is not open: counted once the window has read it again.
    other = library.get(ids[2])
    quote = other.text[40:46]
    made = meipi(
        "annotate",
        ids[2],
        "--quote",
        quote,
        "--occurrence",
        "1",
        "--color",
        "pink",
        "--tag",
        "新標籤",
    )
    assert made.code == 0, made.err
    qtbot.waitUntil(lambda: sidebar.proxy.counts().total == before.total + 1, timeout=10_000)
    after = sidebar.proxy.counts()
    assert after.colors["pink"] == before.colors["pink"] + 1
    assert after.tags.get("新标签") == 1
    assert sidebar.count_label.text() == f"{before.total + 1} annotation(s)"
    # The window's own add in the open text: counted at once (no read of the others).
    doc = window.current_document()
    assert doc is not None and doc.id == ids[0]
    record = feature.edits.create(10, 14, Draft("blue", ("新標籤",), None))
    assert record is not None
    counts = sidebar.proxy.counts()
    assert counts.total == before.total + 2 and counts.tags["新标签"] == 2
    assert counts.colors["blue"] == before.colors["blue"] + 1
    # This article only: another text's add from a shell changes none of its counts.
    sidebar.set_all_articles(False)
    mine = sidebar.proxy.counts()
    assert mine.total == 6
    made = meipi(
        "annotate", ids[4], "--quote", library.get(ids[4]).text[30:35], "--occurrence", "1"
    )
    assert made.code == 0, made.err
    with qtbot.waitSignal(feature.records_loaded, timeout=10_000):
        pass  # the watcher saw the change and the window read this text's again
    assert sidebar.proxy.counts() == mine


def test_an_edit_made_while_every_articles_annotations_are_read_is_kept(
    qtbot: QtBot,
    make_window: MakeWindow,
    library: Library,
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    ids = _many_texts(library, db_file, 4, 5)
    window = make_window()
    feature = feature_of(window)
    window.open_document(ids[1])
    # The read of every text's waits until the edit is made (as a slow read of 100,000).
    read_all = feature.services.records_reader()
    go = threading.Event()

    def held_read() -> list[AnnotationRecord]:
        records = read_all()  # read before the edit: it lacks the new annotation
        go.wait(10)
        return records

    monkeypatch.setattr(feature.services, "records_reader", lambda _document=None: held_read)
    feature.sidebar.set_all_articles(True)
    assert feature.loading_all
    record = feature.edits.create(10, 14, Draft("purple", (), None))
    assert record is not None
    gone = next(r for r in feature.records(ids[1]) if r.id != record.id)
    assert feature.edits.delete(gone.id)
    with qtbot.waitSignal(feature.all_loaded, timeout=10_000):
        go.set()
    assert feature.record(record.id) == record
    assert feature.record(gone.id) is None
    assert len(feature.records()) == 4 * 5 - 1 + 1


def test_a_text_of_many_annotations_has_them_read_on_a_worker_thread(
    qtbot: QtBot,
    make_window: MakeWindow,
    library: Library,
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.ui.annotating import annotation_reads

    ids = _many_texts(library, db_file, 3, 8)
    monkeypatch.setattr(annotation_reads, "LARGE_TEXT", 5)  # 8 are many here
    window = make_window()
    feature = feature_of(window)
    sidebar = feature.sidebar
    window.open_document(ids[1])
    # Not yet: the reading pane is free meanwhile, the sidebar says it is reading.
    assert feature.records(ids[1]) == [] and sidebar.count_label.text() == "Reading…"
    assert not window.reading_view._layers["annotations"].ranges
    made = feature.edits.create(10, 14, Draft("green", (), None))  # kept, read or not
    assert made is not None
    qtbot.waitUntil(lambda: not feature.reads.reading, timeout=10_000)
    assert len(feature.records(ids[1])) == 9 and feature.record(made.id) == made
    assert {r.document for r in feature.records()} == {ids[1]}
    assert sidebar.count_label.text() == "9 annotation(s)"
    assert len(window.reading_view._layers["annotations"].ranges) == sum(
        not r.orphaned for r in feature.records()
    )
    # Another text of few: read at once; one of many opened and left before it was read
    # never lands on the text open since.
    monkeypatch.setattr(annotation_reads, "LARGE_TEXT", 8)
    window.open_document("lian-obor")
    assert feature.records() == []
    monkeypatch.setattr(annotation_reads, "LARGE_TEXT", 5)
    window.open_document(ids[2])
    monkeypatch.setattr(annotation_reads, "LARGE_TEXT", 8)
    window.open_document(ids[0])
    assert len(feature.records()) == 8 and {r.document for r in feature.records()} == {ids[0]}
    qtbot.waitUntil(lambda: not feature.reads.reading, timeout=10_000)
    assert {r.document for r in feature.records()} == {ids[0]}
    assert sidebar.count_label.text() == "8 annotation(s)"

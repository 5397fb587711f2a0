"""The window cites printed page labels (issue 17): an imported PDF whose front matter is
page "i" shows "p. i" / "pp. i–45" in the sidebar and "p. i" in the reading view's margin."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.documents import Library, load_library
from tests.cli_helpers import meipi
from tests.ui.test_annotating import MakeWindow, feature_of, make_window
from tests.ui.test_sidebar import annotate

__all__ = ["make_window"]

PDF = Path(__file__).resolve().parents[1] / "data" / "pdf" / "xelatex-tc.pdf"


@pytest.fixture
def library() -> Library:
    r = meipi("import", str(PDF))
    assert r.code == 0, r.err
    return load_library()


def test_sidebar_and_margin_show_printed_labels(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_document("xelatex-tc")
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=10000)
    doc = window.current_document()
    assert doc is not None and doc.id == "xelatex-tc"
    feature = feature_of(window)
    on_i = annotate(feature, window, "This article examines")
    across = annotate(feature, window, "發展政治軍事合作關係。\n壹、前言")
    assert on_i.pages == (1, 1) and across.pages == (1, 45)  # numbers order; labels cite
    lines = {}
    for record in (on_i, across):
        shown = record.id
        qtbot.waitUntil(lambda: feature.model.row_of(shown) >= 0, timeout=5000)  # noqa: B023
        index = feature.sidebar.proxy.mapFromSource(
            feature.model.index(feature.model.row_of(record.id))
        )
        lines[record.id] = feature.sidebar.delegate.meta_line(index)
    assert lines[on_i.id].startswith("p. i · ")
    assert lines[across.id].startswith("pp. i–45 · ")
    # The reading view's margin marks each page with what it prints.
    view = window.reading_view
    qtbot.waitUntil(lambda: len(view._page_info) == len(doc.pages), timeout=5000)
    assert [label for _n, _s, label in view._page_info] == ["i", "45", "46", "47"]

"""``reader.ui.compare.compare_window``: what compare mode remembers between sessions — the two
articles, each pane's view, scrolling together — comes back in the next session's window, and
a remembered view Meipi no longer has is not taken for one. (The window's behaviour as a reader
uses it is tested in test_compare_feature.)"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.ui.compare.compare_feature import compare_feature
from reader.ui.window.settings import ReaderSettings
from tests.ui.compare.test_compare_feature import make_window, open_compare  # noqa: F401
from tests.ui.helpers import MakeWindow


def test_the_articles_views_and_scrolling_come_back_next_session(
    qtbot: QtBot,
    make_window: MakeWindow,  # noqa: F811
) -> None:
    window = make_window()
    compare = open_compare(qtbot, window)
    compare.set_documents("hsu-divergence", "lian-obor", ("zh-Hans", None))
    compare.view.set_sync_scrolling(True)
    compare.save_state()

    again = make_window()  # a restart
    feature = compare_feature(again)
    assert feature is not None
    reopened = open_compare(qtbot, again)
    left, right = reopened.view.panes
    assert (left.document_id(), right.document_id()) == ("hsu-divergence", "lian-obor")
    assert (left.view_id(), right.view_id()) == ("zh-Hans", "original")
    assert reopened.view.sync_scrolling()
    state = reopened.saved_state()
    assert state.documents == ("hsu-divergence", "lian-obor")
    assert state.views == ("zh-Hans", "original")
    assert state.sync
    assert state.geometry is not None and state.splitter is not None


def test_a_view_it_no_longer_knows_is_not_remembered(
    qtbot: QtBot,
    make_window: MakeWindow,  # noqa: F811
) -> None:
    settings = ReaderSettings.default()
    settings.set_value("compare/left", "lian-obor")
    settings.set_value("compare/left_view", "zh-Klingon")
    settings.sync()
    window = make_window()
    state = open_compare(qtbot, window).saved_state()
    assert state.documents[0] == "lian-obor"
    assert state.views[0] is None

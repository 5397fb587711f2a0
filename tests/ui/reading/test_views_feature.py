"""Script views in the window, driven as a reader would: the switcher, the place and the
selection kept across a switch, substituted wording marked with the original in a tooltip, a
substitution vetoed from its context menu (and still vetoed after a restart), conversion off
the UI thread with stale results dropped."""

from __future__ import annotations

import functools
import threading

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog, QToolTip
from pytestqt.qtbot import QtBot

from reader import script
from reader.documents import Document, Library
from reader.glossary import Glossary
from reader.script import ScriptSettings, View
from reader.ui.reading import views_feature
from reader.ui.reading.views_feature import ViewsFeature
from reader.ui.window.main_window import MainWindow
from tests.ui.helpers import MakeWindow

# The lexicon turns it into 格鲁吉亚 in 简体（大陆用语）; a keep shows 乔治亚 (characters only).
REGIONAL = "喬治亞"
MAINLAND = "格鲁吉亚"
KEPT = "乔治亚"


@pytest.fixture
def make_window(make_window: MakeWindow) -> MakeWindow:
    """The shared window (tests/ui/conftest.py), once its views feature is installed."""
    return functools.partial(make_window, wait_for=("views_feature",))


def feature_of(window: MainWindow) -> ViewsFeature:
    feature = window.views_feature
    assert isinstance(feature, ViewsFeature)
    return feature


def shown_text(window: MainWindow) -> str:
    content = window.reading_view.content()
    assert content is not None
    return content.text


def switch(qtbot: QtBot, window: MainWindow, view_id: str) -> None:
    feature = feature_of(window)
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        feature.view_actions[view_id].trigger()
    assert feature.current_view_id() == view_id


def dotted(window: MainWindow) -> list[str]:
    """The texts drawn with a dotted underline."""
    style = QTextCharFormat.UnderlineStyle.DotLine
    return [
        s.cursor.selectedText()
        for s in window.reading_view.extraSelections()
        if s.format.underlineStyle() == style
    ]


def point_on(window: MainWindow, start: int, end: int) -> QPoint:
    """A viewport point on the middle of the first line of the canonical range."""
    rects = window.reading_view.range_rects(start, end)
    assert rects
    return rects[0].center().toPoint()


def test_switching_to_mainland_simplified_keeps_the_passage_at_the_top(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    regional = doc.text.index(REGIONAL)
    paragraph = doc.text.rindex("\n", 0, regional) + 1
    window.reading_view.scroll_to_offset(paragraph)
    top = window.reading_view.first_visible_offset()
    assert top == paragraph

    switch(qtbot, window, "zh-Hans-CN")
    view = feature.current_view()
    assert view is not None
    vstart, vend = view.to_view(regional, regional + len(REGIONAL))
    assert shown_text(window)[vstart:vend] == MAINLAND
    assert window.reading_view.toPlainText() == view.text
    assert abs(window.reading_view.first_visible_offset() - top) <= 2
    assert feature.combo.currentText() == "简体（大陆用语）"
    assert feature.view_actions["zh-Hans-CN"].isChecked()
    # The body font follows the script: a Simplified face first where one is installed.
    families = window.reading_view.typography().families
    if any("SC" in f for f in families):
        assert "SC" in families[0]

    switch(qtbot, window, "original")
    assert window.reading_view.toPlainText() == doc.text
    assert window.reading_view.first_visible_offset() == top


def test_every_view_of_both_articles_and_the_views_same_as_the_original(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    for doc_id in ("lian-obor", "hsu-divergence"):
        window.open_document(doc_id)
        doc = window.current_document()
        assert doc is not None
        # 繁體 of a Traditional (Taiwan) source is the original itself: offered disabled.
        assert not feature.view_actions["zh-Hant"].isEnabled()
        for view_id in ("zh-Hant-TW", "zh-Hant-HK", "zh-Hans", "zh-Hans-CN"):
            switch(qtbot, window, view_id)
            expected = script.document_view(doc, view_id).text
            assert window.reading_view.toPlainText() == expected
        switch(qtbot, window, "original")


def test_a_selection_in_mainland_simplified_maps_to_the_original_words(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    rv = window.reading_view
    doc = window.current_document()
    assert doc is not None
    regional = doc.text.index(REGIONAL)
    rv.scroll_to_offset(regional)
    switch(qtbot, window, "zh-Hans-CN")
    positions = rv.positions
    view = feature_of(window).current_view()
    assert positions is not None and view is not None
    vstart, _ = view.to_view(regional, regional + len(REGIONAL))
    # The reader selects only 格 of 格鲁吉亚: that is the whole of 喬治亞 in the original.
    cursor = QTextCursor(rv.document())
    cursor.setPosition(positions.shown_to_qt(vstart))
    cursor.setPosition(positions.shown_to_qt(vstart + 1), QTextCursor.MoveMode.KeepAnchor)
    rv.setTextCursor(cursor)
    assert cursor.selectedText() == "格"
    assert rv.selected_range() == (regional, regional + len(REGIONAL))

    # A selection carried across switches stays on exactly its words.
    rv.select_range(regional - 2, regional + len(REGIONAL))
    switch(qtbot, window, "original")
    assert rv.textCursor().selectedText() == doc.text[regional - 2 : regional + len(REGIONAL)]
    switch(qtbot, window, "zh-Hans-CN")
    assert rv.textCursor().selectedText().endswith(MAINLAND)
    assert rv.selected_range() == (regional - 2, regional + len(REGIONAL))


def test_substitutions_are_marked_with_the_original_in_a_tooltip(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    rv = window.reading_view
    doc = window.current_document()
    assert doc is not None
    assert feature.marked_ranges() == []  # 原文 changes nothing
    regional = doc.text.index(REGIONAL)
    rv.scroll_to_offset(regional)
    switch(qtbot, window, "zh-Hans-CN")
    view = feature.current_view()
    assert view is not None
    marked = feature.marked_ranges()
    assert (regional, regional + len(REGIONAL)) in marked
    assert marked == [(s.canon_start, s.canon_end) for s in view.substitutions]
    assert len(dotted(window)) == len(marked)

    point = point_on(window, regional, regional + len(REGIONAL))
    event = QHelpEvent(QEvent.Type.ToolTip, point, rv.viewport().mapToGlobal(point))
    QApplication.sendEvent(rv.viewport(), event)
    expected = "「原文：喬治亞」 — regional wording from Meipi's lexicon of names"
    qtbot.waitUntil(lambda: QToolTip.text() == expected, timeout=2000)

    # Back to 原文, the marks go; in the view again, they come back.
    switch(qtbot, window, "original")
    assert dotted(window) == []
    switch(qtbot, window, "zh-Hans-CN")
    assert len(dotted(window)) == len(marked)

    # Turned off, the marks go, and stay off after a restart.
    feature.mark_action.trigger()
    assert feature.marked_ranges() == []
    assert dotted(window) == []
    window.close()
    again = make_window()
    feature = feature_of(again)
    assert not feature.mark_action.isChecked()
    assert feature.current_view_id() == "zh-Hans-CN"  # remembered for the article
    assert feature.marked_ranges() == []


def test_keeping_a_phrase_from_its_context_menu_survives_a_restart(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    rv = window.reading_view
    doc = window.current_document()
    assert doc is not None
    regional = doc.text.index(REGIONAL)
    rv.scroll_to_offset(regional)
    switch(qtbot, window, "zh-Hans-CN")
    top = rv.first_visible_offset()
    menu = feature.context_menu_at(point_on(window, regional, regional + len(REGIONAL)))
    assert menu is not None
    labels = [a.text() for a in menu.actions()]
    assert "Keep 喬治亞 Unsubstituted" in labels
    assert "Convert 喬治亞 to…" in labels
    keep = next(a for a in menu.actions() if a.text() == "Keep 喬治亞 Unsubstituted")
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        keep.trigger()
    view = feature.current_view()
    assert view is not None
    vstart, vend = view.to_view(regional, regional + len(REGIONAL))
    assert shown_text(window)[vstart:vend] == KEPT  # no substitution, Simplified characters
    assert (regional, regional + len(REGIONAL)) not in feature.marked_ranges()
    assert abs(rv.first_visible_offset() - top) <= 2
    # Away from a substitution the pane's own menu is left alone.
    assert feature.context_menu_at(point_on(window, 0, 2)) is None

    window.close()
    again = make_window()
    feature = feature_of(again)
    assert feature.current_view_id() == "zh-Hans-CN"
    view = feature.current_view()
    assert view is not None
    vstart, vend = view.to_view(regional, regional + len(REGIONAL))
    assert shown_text(again)[vstart:vend] == KEPT
    assert MAINLAND not in again.reading_view.toPlainText()


def test_a_conversion_of_ones_own_is_shown_and_marked(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    switch(qtbot, window, "zh-Hans-CN")
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        assert feature.add_conversion(REGIONAL, "格鲁吉亚国")
    regional = doc.text.index(REGIONAL)
    view = feature.current_view()
    assert view is not None
    vstart, vend = view.to_view(regional, regional + len(REGIONAL))
    assert shown_text(window)[vstart:vend] == "格鲁吉亚国"
    sub = view.substitution_at(vstart)
    assert sub is not None and sub.source == "glossary"
    assert feature.tooltip_for(sub) == "「原文：喬治亞」 (your conversion)"


def test_a_refused_glossary_write_says_why(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    store = window.services.store()
    assert store is not None
    store.read_only = True  # what opening a read-only file gives
    assert not feature.keep_phrase(REGIONAL)
    assert "read-only" in window.statusBar().currentMessage()
    assert "not changed" in window.statusBar().currentMessage()
    assert window.services.glossary().keeps == frozenset()


def test_each_article_remembers_its_view(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    switch(qtbot, window, "zh-Hans")
    window.open_document("hsu-divergence")
    assert feature.current_view_id() == "original"
    switch(qtbot, window, "zh-Hant-HK")
    window.open_document("lian-obor")
    assert feature.current_view_id() == "zh-Hans"
    assert feature.combo.currentText() == "简体"
    window.open_document("hsu-divergence")
    assert feature.current_view_id() == "zh-Hant-HK"


def test_the_shortcut_switches_views(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    window.activateWindow()
    window.reading_view.setFocus()
    with qtbot.waitSignal(feature.view_switched, timeout=5000) as switched:
        qtbot.keyClick(window.reading_view, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert switched.args == ["lian-obor", "zh-Hans-CN"]


def test_long_texts_convert_off_the_ui_thread_and_stale_results_are_dropped(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    feature = feature_of(window)
    monkeypatch.setattr(views_feature, "SYNC_CHARS", 0)  # every text counts as long
    script.clear_caches()
    feature._converted.clear()  # nothing converted yet, as for a long text just opened
    doc = window.current_document()
    assert doc is not None
    switched: list[str] = []
    feature.view_switched.connect(lambda _doc, view: switched.append(view))

    feature.set_view("zh-Hans")
    # Not converted on this thread: the window shows the original until the worker answers.
    assert feature.runner.is_busy("view")
    content = window.reading_view.content()
    assert content is not None and content.view_id == "original"
    feature.set_view("zh-Hans-CN")  # the reader changes their mind: zh-Hans is now stale
    qtbot.waitUntil(lambda: switched == ["zh-Hans-CN"], timeout=10000)
    qtbot.waitUntil(lambda: not feature.runner.is_busy(), timeout=10000)
    assert switched == ["zh-Hans-CN"]
    assert window.reading_view.toPlainText() == script.document_view(doc, "zh-Hans-CN").text
    # Once converted, switching back to it is immediate.
    feature.set_view("original")
    feature.set_view("zh-Hans-CN")
    assert not feature.runner.is_busy("view")
    assert switched == ["zh-Hans-CN", "original", "zh-Hans-CN"]


def test_a_slow_conversion_shows_it_is_working_and_the_window_stays_usable(
    qtbot: QtBot, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    feature = feature_of(window)
    monkeypatch.setattr(views_feature, "SYNC_CHARS", 0)
    script.clear_caches()
    feature._converted.clear()  # nothing converted yet, as for a long text just opened
    release = threading.Event()
    convert = ViewsFeature._convert

    def slow(doc: Document, view_id: str, glossary: Glossary, settings: ScriptSettings) -> View:
        release.wait(10)  # a long text's first conversion, held until the test lets it go
        return convert(doc, view_id, glossary, settings)

    monkeypatch.setattr(ViewsFeature, "_convert", staticmethod(slow))
    feature.set_view("zh-Hans")
    indicator = feature.busy_indicator
    qtbot.waitUntil(indicator.isVisible, timeout=3000)
    assert indicator.label.text() == "Converting to 简体…"
    # Meanwhile the reader goes on reading the original.
    doc = window.current_document()
    assert doc is not None
    target = doc.text.index("總而言之")
    window.reading_view.scroll_to_offset(target)
    assert window.reading_view.first_visible_offset() == target
    with qtbot.waitSignal(feature.view_switched, timeout=10000):
        release.set()
    assert not indicator.isVisible()
    assert window.reading_view.first_visible_offset() == target
    assert window.reading_view.toPlainText() == script.document_view(doc, "zh-Hans").text


def test_converting_a_substitution_ones_own_way_from_its_context_menu(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    regional = doc.text.index(REGIONAL)
    window.reading_view.scroll_to_offset(regional)
    switch(qtbot, window, "zh-Hans-CN")
    menu = feature.context_menu_at(point_on(window, regional, regional + len(REGIONAL)))
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "Convert 喬治亞 to…").trigger()
    dialog = feature.conversion_dialog
    assert isinstance(dialog, QInputDialog)
    assert dialog.textValue() == MAINLAND  # what the view shows now, to edit
    dialog.setTextValue("格鲁吉亚国")
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        dialog.accept()
    view = feature.current_view()
    assert view is not None
    vstart, vend = view.to_view(regional, regional + len(REGIONAL))
    assert shown_text(window)[vstart:vend] == "格鲁吉亚国"
    # Its own menu now offers to stop converting it that way.
    menu = feature.context_menu_at(point_on(window, regional, regional + len(REGIONAL)))
    assert menu is not None
    stop = next(a for a in menu.actions() if a.text() == "Stop Converting 喬治亞 My Way")
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        stop.trigger()
    view = feature.current_view()
    assert view is not None
    vstart, vend = view.to_view(regional, regional + len(REGIONAL))
    assert shown_text(window)[vstart:vend] == MAINLAND


def test_views_that_show_the_original_unchanged_are_offered_disabled(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    window.open_document("hsu-divergence")
    doc = window.current_document()
    assert doc is not None
    # t2tw changes nothing in this article: once its views are prepared, 繁體（臺灣） is off.
    assert script.document_view(doc, "zh-Hant-TW").text == doc.text
    # They are prepared when the reader opens the switcher (never at startup: issue 10).
    feature.script_menu.aboutToShow.emit()
    qtbot.waitUntil(lambda: not feature.view_actions["zh-Hant-TW"].isEnabled(), timeout=5000)
    assert feature.view_actions["zh-Hans"].isEnabled()
    window.open_document("lian-obor")
    assert feature.view_actions["zh-Hant-TW"].isEnabled()  # it does change this one


def test_underlines_tell_regional_wording_from_corrections_and_say_their_layer(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    feature = feature_of(window)
    switch(qtbot, window, "zh-Hans-CN")
    view = feature.current_view()
    assert view is not None
    subs = {s.original: s for s in view.substitutions}
    lexicon, library = subs["喬治亞"], subs["透過"]
    assert (lexicon.source, library.source) == ("lexicon", "opencc")
    assert lexicon.regional and library.regional
    # Both are regional wording: dotted; a correction or one's own conversion: dashed; an
    # ambiguous character left alone: wavy.
    assert feature.underline_of("lexicon") == QTextCharFormat.UnderlineStyle.DotLine
    assert feature.underline_of("opencc") == QTextCharFormat.UnderlineStyle.DotLine
    assert feature.underline_of("correction") == QTextCharFormat.UnderlineStyle.DashUnderline
    assert feature.underline_of("glossary") == QTextCharFormat.UnderlineStyle.DashUnderline
    assert feature.underline_of("ambiguity") == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert "OpenCC" in feature.tooltip_for(library)
    assert "lexicon" in feature.tooltip_for(lexicon)
    # The IT vocabulary is out of the prose, and mainland quotation marks are in.
    assert "局部" not in shown_text(window) and "区域性" in shown_text(window)
    assert "“新思维”" in shown_text(window)


def test_software_vocabulary_and_quotes_are_settings(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    feature = feature_of(window)
    switch(qtbot, window, "zh-Hans-CN")
    assert not feature.it_action.isChecked() and feature.quotes_action.isChecked()
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        feature.it_action.trigger()  # "this is a software manual"
    assert "局部" in shown_text(window)
    with qtbot.waitSignal(feature.view_switched, timeout=5000):
        feature.quotes_action.trigger()
    assert "「新思维」" in shown_text(window)
    window.open_document("hsu-divergence")
    assert not feature.it_action.isChecked()  # per text
    window.close()
    again = make_window()
    feature = feature_of(again)
    again.open_document("lian-obor")
    qtbot.waitUntil(lambda: feature.current_view_id() == "zh-Hans-CN", timeout=5000)
    assert feature.it_action.isChecked() and not feature.quotes_action.isChecked()
    assert "局部" in shown_text(again) and "「新思维」" in shown_text(again)


def test_a_simplified_text_marks_an_ambiguous_character_with_a_wave(
    qtbot: QtBot, make_window: MakeWindow, library: Library
) -> None:
    window = make_window()
    feature = feature_of(window)
    doc = window.current_document()
    assert doc is not None
    # A mainland text: 他们系 (係) is left as OpenCC has it in 繁體（臺灣）, and marked.
    from reader.documents import Block, Metadata, Page

    text = "他们系同一个代表团的成员。"
    simplified = Document(
        Metadata(id="cn-note", title="cn", script="zh-Hans"),
        text,
        (Block("paragraph", 0, 0, len(text)),),
        (Page(1, 0),),
        shipped=False,
    )
    view = script.document_view(simplified, "zh-Hant-TW")
    marks = view.ambiguities
    assert [(m.original, m.canon_start) for m in marks] == [("系", 2)]
    assert "left as OpenCC has it" in feature.tooltip_for(marks[0])


def test_the_switcher_has_room_for_its_longest_label(qtbot: QtBot, make_window: MakeWindow) -> None:
    """Sized from the labels' length (full-width characters), not by measuring each label (which
    loaded the glyphs of labels not on screen): still room for the longest one in full."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    window = make_window()
    combo = feature_of(window).combo
    switch(qtbot, window, "zh-Hans-CN")
    assert combo.currentText() == "简体（大陆用语）"
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    option.rect = QRect(QPoint(0, 0), combo.sizeHint())  # as the toolbar lays it out
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    assert field.width() >= combo.fontMetrics().boundingRect(combo.currentText()).width()

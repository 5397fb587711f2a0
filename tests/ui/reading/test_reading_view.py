"""The reading pane on its own: what it renders for a script view and for astral characters,
and that every canonical offset lands on the right characters in Qt."""

from __future__ import annotations

import hypothesis
import pytest
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from reader.documents import Document, load_library, loads
from reader.ui.reading.fonts import FontCatalog
from reader.ui.reading.justify import letter_spaced_words
from reader.ui.reading.reading_view import ReadingView, page_mark
from reader.ui.reading.typesetting import ReadingContent, Typography
from tests.ui.helpers import MakeWindow, interface_in, pane

ASTRAL_TEXT = """meipi-text: 1
id: astral
title: 𠮷野家與😀
authors: 𡃁仔
---
title: 𠮷野家與😀
author: 𡃁仔
heading 1: 壹、𠀋前言
paragraph: 第一段有𠮷字，也有 emoji 😀 與英文 words。
page 2
+ 第二頁從這裡開始：𪚥四個龍。
note: 註：𠮷。
"""


def selected(view: ReadingView, start: int, end: int) -> str:
    # QTextCursor.selectedText() writes block boundaries as U+2029.
    return view.cursor_for(start, end).selectedText().replace("\u2029", "\n")


def test_astral_characters_map_to_the_right_positions(view: ReadingView) -> None:
    doc = loads(ASTRAL_TEXT)
    view.set_content(ReadingContent.original(doc))
    assert view.toPlainText() == doc.text
    assert len(view.toPlainText().encode("utf-16-le")) // 2 > len(doc.text)
    for word in ("𪚥四個龍", "😀 與英文", "註：𠮷", "𡃁仔\n壹"):
        start = doc.text.index(word)
        assert selected(view, start, start + len(word)) == word
        cursor = view.cursor_for(start, start + len(word))
        view.setTextCursor(cursor)
        assert view.selected_range() == (start, start + len(word))
    # The page that begins mid-paragraph is found and shown in the margin.
    marks = view.page_mark_positions()
    assert sorted(marks) == [1, 2]
    # Page 2's number sits level with the line where it begins.
    line = view.range_rects(doc.pages[1].start, doc.pages[1].start + 1)[0]
    assert marks[2] == pytest.approx(line.top(), abs=1)


def test_a_script_view_renders_with_canonical_offsets(view: ReadingView) -> None:
    from reader.script import document_view

    doc: Document = load_library().get("lian-obor")
    script_view = document_view(doc, "zh-Hans-CN")
    content = ReadingContent.from_view(doc, script_view)
    view.set_content(content)
    assert view.toPlainText() == script_view.text
    assert [b.kind for b in content.blocks] == [b.kind for b in doc.blocks]
    # 喬治亞 (Georgia) reads 格鲁吉亚 in this view, one character longer: the canonical range
    # selects the view's words.
    start = doc.text.index("喬治亞")
    assert selected(view, start, start + 3) == "格鲁吉亚"
    # Selecting only 格 in the view still covers the whole original phrase.
    qpos = content.positions.qt_position(start)
    cursor = QTextCursor(view.document())
    cursor.setPosition(qpos)
    cursor.setPosition(qpos + 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_range() == (start, start + 3)
    # Pages begin where they begin in the original.
    assert sorted(view.page_mark_positions()) == [p.number for p in doc.pages]
    passage = doc.text.index("總而言之，在中國崛起下")
    view.scroll_to_offset(passage)
    assert view.first_visible_offset() == passage
    assert view.current_page() == 5


def test_typography_changes_keep_the_place(view: ReadingView) -> None:
    doc = load_library().get("hsu-divergence")
    target = doc.text.index("南海：俄羅斯角色更加邊緣化")
    view.set_content(ReadingContent.original(doc), target)
    assert view.first_visible_offset() == target
    typo = view.typography()
    view.set_typography(Typography(typo.families, typo.point_size * 1.5, typo.theme))
    assert view.first_visible_offset() == target
    view.resize(520, 500)
    assert view.first_visible_offset() == target


@pytest.mark.parametrize("doc_id", ["lian-obor", "hsu-divergence"])
@pytest.mark.parametrize("width", [700, 1000])
def test_paragraphs_are_justified_without_letter_spacing_latin_words(
    qtbot: QtBot, doc_id: str, width: int
) -> None:
    from reader.ui.reading.justify import _line_x, _visible_end, utf16_units

    families = FontCatalog.from_system().body_families("serif", "zh-Hant-TW")
    view = ReadingView(Typography(tuple(families)))
    qtbot.addWidget(view)
    view.resize(width, 2000)  # the whole article near the screen: every paragraph justified
    view.show()
    view.set_content(ReadingContent.original(load_library().get(doc_id)))
    document = view.document()
    justifier = view.justifier
    assert justifier is not None
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0)
    justifier.justify_range(0, document.characterCount())
    assert letter_spaced_words(document) == []
    # And the lines are justified: every line but a paragraph's last reaches the right edge.
    block, flush, lines = document.firstBlock(), 0, 0
    while block.isValid():
        if block.blockFormat().property(QTextFormat.Property.UserProperty) == "paragraph":
            layout, units = block.layout(), utf16_units(block.text())
            for i in range(layout.lineCount() - 1):
                line = layout.lineAt(i)
                lines += 1
                right = _line_x(line, _visible_end(units, line))
                flush += abs(line.x() + line.width() - right) < 2.5  # Qt rounds to 2 px
        block = block.next()
    assert lines > 20 and flush == lines
    # A narrower column (as in the compare window): lines break anew and are justified anew.
    view.resize(width // 2, 2000)
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0)
    justifier.justify_range(0, document.characterCount())
    assert letter_spaced_words(document) == []


def test_progress_is_the_first_visible_character_over_the_length(view: ReadingView) -> None:
    doc = load_library().get("lian-obor")
    view.set_content(ReadingContent.original(doc))
    assert view.progress() == 0.0  # the top of the article, however much the screen holds
    target = len(doc.text) // 2
    view.scroll_to_offset(target)
    first = view.first_visible_offset()
    assert abs(first - target) < 80
    assert view.progress() == pytest.approx(first / len(doc.text))


def test_the_view_justifies_what_it_shows_by_itself(qtbot: QtBot) -> None:
    from reader.ui.reading.justify import letter_spaced_words

    families = FontCatalog.from_system().body_families("serif", "zh-Hant-TW")
    view = ReadingView(Typography(tuple(families)))
    qtbot.addWidget(view)
    view.resize(640, 1600)  # the whole article within reach of the screen
    view.show()
    view.set_content(ReadingContent.original(load_library().get("hsu-divergence")))
    qtbot.waitUntil(lambda: letter_spaced_words(view.document()) == [], timeout=5000)
    # After a narrower resize too, with no call from outside.
    view.resize(420, 1600)
    qtbot.waitUntil(lambda: letter_spaced_words(view.document()) == [], timeout=5000)


def test_an_article_replaced_leaves_no_document_behind(qtbot: QtBot, view: ReadingView) -> None:
    """Each article opened kept its whole laid-out text (1.5-2 MB) until the window closed: Qt
    deletes a replaced document only when its own control owns it, not the view."""
    from PySide6.QtGui import QTextDocument

    library = load_library()
    view.set_content(ReadingContent.original(library.get("lian-obor")))
    held = len(view.findChildren(QTextDocument))
    for _ in range(5):
        for doc_id in ("hsu-divergence", "lian-obor"):
            view.set_content(ReadingContent.original(library.get(doc_id)))
    qtbot.waitUntil(lambda: len(view.findChildren(QTextDocument)) == held, timeout=3000)
    assert view.toPlainText() == library.get("lian-obor").text


def lian_obor_view(qtbot: QtBot) -> ReadingView:
    """A pane of 600x400 showing lian-obor, not shown yet."""
    return pane(qtbot, load_library().get("lian-obor"))


def test_a_layer_in_order_of_starts_is_edited_in_place_and_draws_as_if_set_whole(
    qtbot: QtBot,
) -> None:
    from PySide6.QtGui import QTextCharFormat

    view = lian_obor_view(qtbot)
    view.show()
    qtbot.waitExposed(view)
    red, blue = QTextCharFormat(), QTextCharFormat()
    ranges = [(s, s + 3, red if s % 20 else blue) for s in range(0, 4000, 10)]  # > NEAR_LIMIT
    view.set_layer("marks", ranges)
    edited = list(ranges)
    changes: list[tuple[int, tuple[int, int, QTextCharFormat] | None]] = [
        (5, None),
        (0, (0, 9, red)),
        (3, (20, 22, blue)),
        (len(edited) - 1, None),
    ]
    for i, given in changes:
        if given is None:
            del edited[i]
        else:
            edited.insert(i, given)

    def drawn() -> tuple[object, ...]:
        layer = view._layers["marks"]
        given = [(a, b, id(layer.formats[f])) for a, b, f in layer.ranges]
        shown = [
            (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()
        ]
        return given, view.drawn_ranges("marks"), shown

    assert view.edit_layer("marks", changes)
    patched = drawn()
    assert patched[0] == [(a, b, id(f)) for a, b, f in edited]
    view.set_layer("marks", edited)
    assert drawn() == patched
    # Out of order (a range put before a later start): refused, to be set whole.
    assert not view.edit_layer("marks", [(0, (50, 53, red))])
    assert not view.edit_layer("no such layer", [])
    view.set_layer("unordered", [(30, 33, red), (10, 13, red)])
    assert not view.edit_layer("unordered", [(0, None)])


def test_the_views_own_viewport_is_set_up_as_qts_own(qtbot: QtBot, view: ReadingView) -> None:
    """The pane makes its viewport itself (PySide builds every widget class to name the one Qt
    makes): it is set up as a QTextBrowser's own, and Qt's first document measures on it."""
    plain = QTextBrowser()
    plain.setObjectName(view.objectName())  # the same rules of the window's style sheet
    qtbot.addWidget(plain)
    plain.show()
    qtbot.waitExposed(plain)
    theirs, ours = plain.viewport(), view.viewport()
    assert ours is not theirs and ours.parent() is view and ours.focusProxy() is view
    assert ours.objectName() == theirs.objectName()
    assert ours.backgroundRole() == theirs.backgroundRole()
    assert ours.autoFillBackground() == theirs.autoFillBackground()
    assert ours.hasMouseTracking() == theirs.hasMouseTracking()
    assert ours.acceptDrops() == theirs.acceptDrops()
    assert ours.cursor().shape() == theirs.cursor().shape()
    kept = (Qt.WidgetAttribute.WA_AcceptTouchEvents, Qt.WidgetAttribute.WA_InputMethodEnabled)
    for attribute in kept:
        assert ours.testAttribute(attribute) == theirs.testAttribute(attribute), attribute
    fresh = ReadingView(view.typography())
    qtbot.addWidget(fresh)
    assert fresh.document().documentLayout().paintDevice() is fresh.viewport()


def test_a_hidden_view_lays_its_text_out_only_once_shown(qtbot: QtBot) -> None:
    """Before it is shown a view has no width to break lines at: nothing is laid out (the
    layout made by setDocument() laid the whole text out at the default page size, and the
    justification then at width 0); shown, the short text is laid out in the column, to its end
    right after the first paint."""
    doc = load_library().get("lian-obor")
    view = pane(qtbot, doc, 600, 400)
    document = view.document()
    assert document.lastBlock().layout().lineCount() == 0  # (Qt lays out the first lines)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0)
    column = view.column_rect().width()
    first = document.findBlockByNumber(1).layout()
    assert first.lineCount() > 0
    assert all(first.lineAt(i).width() <= column + 1 for i in range(first.lineCount()))


def _long_text(first_paragraph: str) -> str:
    body = "\n".join("paragraph: " + "中亞地區的能源合作與區域安全。" * 6 for _ in range(120))
    head = "meipi-text: 1\nid: long\ntitle: 長文\n---\ntitle: 長文\n"
    return f"{head}paragraph: {first_paragraph}\n{body}\n"


@pytest.mark.parametrize(
    ("first_paragraph", "filled"),
    [("中亞地區的能源合作。" * 12, False), ("中亞地區的 New Thinking 能源合作。" * 12, True)],
)
def test_the_first_paint_lays_out_the_screen_and_the_rest_follows_justified(
    qtbot: QtBot, first_paragraph: str, filled: bool
) -> None:
    """A text under SHORT_TEXT is laid out before its first paint only as far as the screen,
    and to its end, justified, right after the paint — the paint itself (the page numbers in
    the margin) lays out no more than the screen. A line on screen that needs the justifier
    (a Latin word) is filled before the paint; the rest of the text, which that change of
    format leaves unlaid in Qt, is laid out after it, where it would have been."""
    doc = loads(_long_text(first_paragraph))
    view = pane(qtbot, doc, 500, 300)
    document = view.document()
    last = document.lastBlock()

    def laid_out() -> int:
        blocks = (document.findBlockByNumber(i) for i in range(document.blockCount()))
        return sum(block.layout().lineCount() > 0 for block in blocks)

    # How many paragraphs were laid out, whether the first (block 1, after the title) was
    # filled, and which of its Latin words were spaced out, when the first paint was over.
    painted: list[int] = []
    filled_at_paint: list[bool] = []
    spaced_on_screen: list[list[str]] = []

    def on_painted() -> None:
        painted.append(laid_out())
        assert view.justifier is not None
        filled_at_paint.append(1 in view.justifier._touched)
        words = letter_spaced_words(document)  # (lays the rest out: after the count)
        spaced_on_screen.append([w.word for w in words if w.block == 1])

    # How many were laid out as the first paint began: on a busy machine a tick of Qt's own
    # stepwise layout may come before the paint and lay out a step more (a bare QTextEdit's
    # too); what is checked is that the paint itself lays out nothing more.
    at_paint: list[int] = []

    class PaintStart(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not at_paint:
                at_paint.append(laid_out())
            return False

    watcher = PaintStart(view)
    view.viewport().installEventFilter(watcher)
    view.first_painted.connect(on_painted)
    view.show()  # shown and resized now; painted from the event loop
    assert not painted
    assert last.layout().lineCount() == 0
    shown = laid_out()
    qtbot.waitUntil(lambda: bool(painted) and last.layout().lineCount() > 0)
    assert at_paint[0] >= shown
    assert painted == at_paint[:1]  # (a cursor put in the page's top margin laid out 3x as much)
    assert spaced_on_screen == [[]]
    assert filled_at_paint == [filled]
    qtbot.waitUntil(lambda: not letter_spaced_words(view.document()))

    # Every paragraph laid out where a text laid out again in one go puts it.
    def places() -> list[tuple[float, float]]:
        layout = document.documentLayout()
        rects = (layout.blockBoundingRect(document.findBlockByNumber(i)) for i in range(shown))
        return [(rect.top(), rect.height()) for rect in rects]

    shown = document.blockCount()
    before = places()
    assert all(height > 0 for _, height in before)
    height = document.size().height()
    document.markContentsDirty(0, document.characterCount())
    assert places() == before
    assert document.size().height() == height


@pytest.mark.parametrize("width", [400, 450, 620])
def test_a_few_characters_before_an_address_are_not_spread_across_the_line(
    qtbot: QtBot, width: int
) -> None:
    """資料來源：https://… where the address cannot break before the line's end: the line's few
    Chinese characters were spread two characters apart (資 料 來 源 ：https://); such a line is
    set ragged, as one all address is. Lines with room to spread ordinarily still are."""
    from PySide6.QtGui import QFontMetricsF

    from reader.ui.reading.justify import _line_x, _visible_end, utf16_units

    address = "https://www.mofa.gov.tw/News_Content_M_2.aspx?n=8742DCE7A2A28761&sms=491D0E5BE8"
    paragraph = f"本文引用外交部的新聞稿，資料來源：{address}，以及其他報導與政府公開資料。"
    doc = loads(
        f"meipi-text: 1\nid: t\ntitle: 測試\nscript: zh-Hant-TW\n---\ntitle: 測試\n"
        f"paragraph: {paragraph}\n",
        source="t.meipi.txt",
        shipped=False,
    )
    families = FontCatalog.from_system().body_families("serif", "zh-Hant-TW")
    view = ReadingView(Typography(tuple(families)))
    qtbot.addWidget(view)
    view.resize(width, 1000)
    view.show()
    view.set_content(ReadingContent.original(doc))
    document = view.document()
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0)
    assert view.justifier is not None
    view.justifier.justify_range(0, document.characterCount())
    block = document.findBlock(document.toPlainText().index("資料來源"))
    units = utf16_units(block.text())
    metrics = QFontMetricsF(block.charFormat().font())
    em = metrics.horizontalAdvance("中")
    layout = block.layout()
    spread = []
    for i in range(layout.lineCount() - 1):
        line = layout.lineAt(i)
        start, end = line.textStart(), _visible_end(units, line)
        for j in range(start, end - 1):
            if ord(units[j]) >= 0x2E80:  # a Chinese character or full-width mark
                advance = metrics.horizontalAdvance(units[j])
                extra = _line_x(line, j + 1) - _line_x(line, j) - advance
                # Half an em at most between two characters (and half a pixel of rounding).
                assert extra <= em / 2 + 0.5, ("".join(units[start:end]), units[j], extra)
                spread.append(extra)
    assert any(extra > 0.5 for extra in spread)  # justified where it can be


def test_a_line_all_web_address_is_set_ragged_not_spaced_at_its_dots(qtbot: QtBot) -> None:
    """hsu-divergence's photo caption ends in a long web address, broken over lines at its
    slashes: those lines end short, as a typesetter sets them, with no space added between
    ``www`` and ``.`` (they read ``www . beijing . gov . cn``)."""
    from PySide6.QtGui import QFontMetricsF

    from reader.ui.reading.justify import _line_x, _visible_end, utf16_units

    families = FontCatalog.from_system().body_families("serif", "zh-Hant-TW")
    view = ReadingView(Typography(tuple(families)))
    qtbot.addWidget(view)
    view.resize(560, 2000)
    view.show()
    doc = load_library().get("hsu-divergence")
    view.set_content(ReadingContent.original(doc))
    document = view.document()
    justifier = view.justifier
    assert justifier is not None
    qtbot.waitUntil(lambda: document.lastBlock().layout().lineCount() > 0)
    justifier.justify_range(0, document.characterCount())
    block = document.findBlock(doc.text.index("www.beijing"))
    units = utf16_units(block.text())
    layout = block.layout()
    address_lines = 0
    for i in range(layout.lineCount() - 1):
        line = layout.lineAt(i)
        start, end = line.textStart(), _visible_end(units, line)
        text = "".join(units[start:end])
        if not text.isascii():
            continue
        address_lines += 1
        # Each mark sits right after the letter before it, as the font sets them.
        metrics = QFontMetricsF(block.charFormat().font())
        for j in range(start + 1, end):
            if units[j] in "./" and units[j - 1].isalnum():
                gap = _line_x(line, j) - _line_x(line, j - 1)
                extra = gap - metrics.horizontalAdvance(units[j - 1])
                assert extra < 1.0, (text, units[j - 1 : j + 1], extra)
    assert address_lines >= 1


def test_before_the_first_paint_only_the_lines_on_screen_are_filled(qtbot: QtBot) -> None:
    """Every paragraph holds a Latin word: before the first paint the justifier fills the
    paragraphs on screen only; those below it (a screen further, then to the end) after."""
    doc = loads(_long_text("中亞地區的 New Thinking 能源合作。" * 3).replace("安全。", "安全 ok。"))
    view = pane(qtbot, doc, 500, 300)
    document = view.document()
    layout = document.documentLayout()
    height = view.viewport().height()

    def tops() -> list[float]:
        assert view.justifier is not None
        blocks = (document.findBlockByNumber(n) for n in sorted(view.justifier._touched))
        return [layout.blockBoundingRect(block).top() for block in blocks]

    filled_at_paint: list[list[float]] = []
    view.first_painted.connect(lambda: filled_at_paint.append(tops()))
    view.show()
    qtbot.waitUntil(lambda: bool(filled_at_paint))
    assert filled_at_paint[0]  # the paragraphs on screen were filled
    assert all(top < height for top in filled_at_paint[0])
    qtbot.waitUntil(lambda: any(top > height for top in tops()))


def test_what_the_first_paint_starts_comes_before_the_lines_below(qtbot: QtBot) -> None:
    """The window installs its features in events queued on first_painted: they run before the
    text below the screen is laid out and justified (work the reader cannot see yet), which
    then follows."""
    doc = loads(_long_text("中亞地區的能源合作。" * 12))
    view = pane(qtbot, doc, 500, 300)
    last = view.document().lastBlock()
    # Whether the text was laid out to its end when an event queued on first_painted ran.
    installed: list[bool] = []
    view.first_painted.connect(
        lambda: QTimer.singleShot(0, lambda: installed.append(last.layout().lineCount() > 0))
    )
    view.show()
    qtbot.waitUntil(lambda: bool(installed) and last.layout().lineCount() > 0)
    assert installed == [False]
    qtbot.waitUntil(lambda: not letter_spaced_words(view.document()))


@hypothesis.given(
    label=st.floats(0, 200),
    number=st.floats(0, 60),
    side_em=st.floats(0.5, 12),
    em=st.floats(8, 60),
)
def test_a_page_mark_is_never_cut_at_the_panes_edge(
    label: float, number: float, side_em: float, em: float
) -> None:
    """The margin's page mark: the label where it fits, else the printed number, starting no
    further left than the pane's edge and ending before the text when the number fits."""
    widths = {"第 62 页": label, "62": number}
    side = side_em * em
    text, left = page_mark("第 62 页", "62", widths.__getitem__, side, em)
    assert left >= 0
    if label <= side - 1.45 * em:
        assert (text, left) == ("第 62 页", side - 1.2 * em - label)
    else:
        assert text == "62"
    if number <= side - 0.35 * em:
        assert left + widths[text] <= side


def test_the_chinese_page_marks_fit_a_narrow_pane(qtbot: QtBot, make_window: MakeWindow) -> None:
    """In the Chinese interface "第 2 页" is wider than the side room of a narrow pane: the mark
    was drawn from left of the pane's edge, its first character cut off."""
    with interface_in("zh_CN"):
        window = make_window(size=(700, 560))
        view = window.reading_view
        qtbot.waitUntil(lambda: bool(view.page_marks_drawn), timeout=10_000)
        assert view.column_rect().left() < 3.3 * view._typo.em()  # the narrowest side room
        window.go_to_page(3)  # (Go ▸ Page: its mark at the top of the pane)
        qtbot.waitUntil(lambda: len(view.page_marks_drawn) > 1, timeout=10_000)
        for text, left in view.page_marks_drawn.values():
            assert left >= 0, (text, left)
            assert text.isdigit() or text.startswith("第")


def test_few_highlights_do_not_lay_the_whole_text_out_before_it_is(qtbot: QtBot) -> None:
    """A returning reader's highlights, drawn as the window gets ready, made Qt lay the whole
    article out at once (a cursor on a range lays the text out down to it): those near the
    screen are drawn first, the rest as the paced layout reaches them, all once it is done."""
    from PySide6.QtGui import QTextCharFormat

    view = lian_obor_view(qtbot)  # laid out as far as the screen; the rest is paced
    step = len(load_library().get("lian-obor").text) // 60
    ranges = [(i * step, i * step + 4, QTextCharFormat()) for i in range(60)]
    view.set_layer("marks", ranges)
    assert not view._layout_done()
    shown = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()}
    assert 0 < len(shown) < len(ranges)
    view.show()
    qtbot.waitUntil(view._layout_done, timeout=10_000)
    qtbot.waitUntil(lambda: len(view.extraSelections()) == len(ranges), timeout=10_000)
    positions = view.positions
    assert positions is not None
    drawn = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()}
    assert drawn == {positions.to_qt(a, b) for a, b, _ in ranges}


def test_substitution_marks_and_find_hits_are_drawn_under_the_other_layers(
    view: ReadingView,
) -> None:
    """Whatever the order the features first set their layers in (each makes its own at first
    use), the script view's marks and the find hits lie under the highlights."""
    from reader.ui.reading import find_bar, views_feature
    from reader.ui.reading.reading_view import LAYER_ORDER, char_format

    assert LAYER_ORDER == (
        views_feature.SUBSTITUTION_LAYER,
        find_bar.HITS_LAYER,
        find_bar.CURRENT_LAYER,
    )
    view.set_content(ReadingContent.original(load_library().get("lian-obor")))
    view.set_layer("annotations", [(10, 14, char_format("#111111"))])
    view.set_layer("annotation-flash", [(10, 14, char_format("#222222"))])
    view.set_layer(find_bar.CURRENT_LAYER, [(10, 14, char_format("#333333"))])
    view.set_layer(views_feature.SUBSTITUTION_LAYER, [(10, 14, char_format("#444444"))])
    view.set_layer(find_bar.HITS_LAYER, [(10, 14, char_format("#555555"))])
    drawn = [s.format.background().color().name() for s in view.extraSelections()]
    assert drawn == ["#444444", "#555555", "#333333", "#111111", "#222222"]

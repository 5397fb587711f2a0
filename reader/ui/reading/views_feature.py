"""Script views in the window: the switcher (toolbar, View ▸ Script, Ctrl+1…Ctrl+6), remembered
per article; substituted wording marked with an underline whose style says what kind of change it
is — dotted: regional wording (OpenCC's phrase tables, the regional lexicon: 普丁→普京); dashed: a
correction of a table fault or the user's own conversion; wavy: a character left as OpenCC has it
though its form depends on the meaning (系/係/繫) — and whose tooltip shows the original and the
layer that made it; a substitution's context menu to keep its wording in one click (a glossary
keep: no substitution, the characters still follow the view's script) or convert it one's own
way; per text, OpenCC's software vocabulary on or off (off: prose), and mainland quotation marks
“” in 简体（大陆用语） (on by default); and the find bar and all-articles search, installed
alongside (``install_views``).

A switch keeps the passage at the top in place and the selection on exactly its words: both are
canonical offsets, so they are carried over as they are (``MainWindow.show_content`` keeps the
place, ``ReadingView.select_range`` maps the selection into the new view). A view not converted
yet for a long text is converted off the UI thread (``reader.ui.window.workers``), with the
status bar's busy indicator; a switch made meanwhile makes that result stale, and it is dropped.

Signals:
    view_switched(str, str): a view is now shown (document id, view id) — its text rendered, the
        selection carried over, the marks drawn.
    view_failed(str): a view could not be made (the message).

Over 600 lines as one job: the script views' whole face in the window (the switcher, the
substitution marks with their tooltips and menu, the per-text vocabulary and quotation
options), every part reading and changing the same per-article view state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QMenu,
    QToolTip,
    QWidget,
)

from reader.documents import Document
from reader.ui.reading.reading_view import char_format
from reader.ui.reading.typesetting import ReadingContent
from reader.views import LABELS, VIEW_IDS, config_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.glossary import Glossary
    from reader.script import ScriptSettings, Substitution, View
    from reader.ui.reading.find_bar import Finder
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.settings import ReaderSettings
    from reader.ui.window.workers import BusyIndicator, Runner

# Texts up to this many characters convert on the UI thread (lian-obor, 5,400 characters, takes
# about 15 ms in its slowest view); longer ones, when not converted yet, go to a worker.
SYNC_CHARS = 20_000
SUBSTITUTION_LAYER = "script-substitutions"
MARK_SETTING = "views/mark_substitutions"
QUOTES_SETTING = "views/mainland_quotes"
# Underline per kind of change (see the module docstring).
UNDERLINES = {
    "opencc": QTextCharFormat.UnderlineStyle.DotLine,
    "lexicon": QTextCharFormat.UnderlineStyle.DotLine,
    "correction": QTextCharFormat.UnderlineStyle.DashUnderline,
    "glossary": QTextCharFormat.UnderlineStyle.DashUnderline,
    "ambiguity": QTextCharFormat.UnderlineStyle.WaveUnderline,
}


def view_setting(doc_id: str) -> str:
    return f"views/{doc_id}"


def it_setting(doc_id: str) -> str:
    return f"views-it/{doc_id}"


def same_as_original(doc: Document, view_id: str) -> bool:
    """Whether the view is the original text by its configuration alone (繁體 of a Traditional
    source): such a view is offered disabled. (A view that converts but happens to change
    nothing is still offered: knowing that takes a conversion.)"""
    return view_id != "original" and config_for(view_id, doc.meta.script) is None


class ViewsFeature(QObject):
    view_switched = Signal(str, str)
    view_failed = Signal(str)

    def __init__(self, window: MainWindow, settings: ReaderSettings) -> None:
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.reading_view = window.reading_view
        self._settings = settings  # our keys live in the window's settings file
        # The worker lanes (and the status bar's busy strip) and the find bar's Finder: made
        # when first used (a long text's conversion, a search, Ctrl+F), not as the window gets
        # ready (startup time: issue 22).
        self._runner: Runner | None = None
        self._busy_indicator: BusyIndicator | None = None
        self._finder: Finder | None = None
        self._view: View | None = None  # what is shown, None for 原文
        self._shown: tuple[str, str, str] | None = None  # (doc id, view id, glossary version)
        self._converted: set[tuple[str, str, str]] = set()
        self._identical: dict[str, frozenset[str]] = {}  # doc id -> views showing the original
        self._prepared: tuple[str, str] | None = None  # (doc id, glossary version)
        # Views are converted when the reader uses them (memory and startup budget, issue 10):
        # every view is prepared only once the switcher was opened or a view other than 原文
        # was shown, never at startup.
        self._views_wanted = False
        self._marks_drawn = False  # the substitution layer holds marks

        self._build_actions()
        self._build_controls()
        self._build_find_actions()
        window.document_opened.connect(self._on_document_opened)
        window.theme_applied.connect(self._on_theme_applied)
        self.services.glossary_changed.connect(self._on_glossary_changed)
        self._viewport = self.reading_view.viewport()
        self._viewport.installEventFilter(self)
        self.script_menu.aboutToShow.connect(self.want_views)
        self.combo.installEventFilter(self)
        doc = window.current_document()
        if doc is not None:
            self._on_document_opened(doc.id)

    # -- building ------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        w = self.window
        self.view_group = QActionGroup(self)
        self.view_group.setExclusive(True)
        self.view_actions: dict[str, QAction] = {}
        for n, view_id in enumerate(VIEW_IDS, start=1):
            action = QAction(LABELS[view_id], w)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setData(view_id)
            action.triggered.connect(lambda _c=False, v=view_id: self.set_view(v))
            self.view_group.addAction(action)
            w.addAction(action)  # the shortcut works with the menu bar hidden
            self.view_actions[view_id] = action
        self.mark_action = QAction(self.tr("&Mark Substituted Wording"), w)
        self.mark_action.setCheckable(True)
        self.mark_action.setChecked(self._bool(MARK_SETTING, True))
        self.mark_action.setToolTip(
            self.tr("Underline phrases a view words differently from the original")
        )
        self.mark_action.toggled.connect(self._on_mark_action_toggled)
        self.it_action = QAction(self.tr("Software &Vocabulary in This Text"), w)
        self.it_action.setCheckable(True)
        self.it_action.setToolTip(
            self.tr(
                "Let OpenCC's software-localisation wording through in this text (建立→创建, "
                "執行→运行); off, prose keeps its own words"
            )
        )
        self.it_action.toggled.connect(self._on_it_action_toggled)
        self.quotes_action = QAction(self.tr("Mainland &Quotation Marks “”"), w)
        self.quotes_action.setCheckable(True)
        self.quotes_action.setChecked(self._bool(QUOTES_SETTING, True))
        self.quotes_action.setToolTip(self.tr("Show 「」『』 as “”‘’ in 简体（大陆用语）"))
        self.quotes_action.toggled.connect(self._on_quotes_action_toggled)
        self.glossary_action = QAction(self.tr("&Glossary…"), w)
        self.glossary_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.glossary_action.triggered.connect(self.show_glossary)
        w.addAction(self.glossary_action)

        self.script_menu = QMenu(self.tr("&Script"), w)
        self.script_menu.addActions(list(self.view_actions.values()))
        self.script_menu.addSeparator()
        self.script_menu.addAction(self.mark_action)
        self.script_menu.addAction(self.it_action)
        self.script_menu.addAction(self.quotes_action)
        self.script_menu.addAction(self.glossary_action)
        w.view_menu.insertMenu(w.view_script_section, self.script_menu)

    def _build_controls(self) -> None:
        self.combo = QComboBox(self.window)
        self.combo.setObjectName("scriptSwitcher")
        self.combo.setToolTip(self.tr("Script view (Ctrl+1 … Ctrl+6)"))
        self.combo.setAccessibleName(self.tr("Script view"))
        for view_id in VIEW_IDS:
            self.combo.addItem(LABELS[view_id], view_id)
        # As wide as the longest label, told from its length (every character of the labels
        # is full-width: one em each) rather than by measuring every label, which loaded the
        # glyphs of labels not on screen (~0.4 MB of the interface font's file, issue 22).
        metrics = self.combo.fontMetrics()
        widest = max(len(label) for label in LABELS.values()) * metrics.horizontalAdvance("中")
        self.combo.setIconSize(QSize(0, self.combo.iconSize().height()))
        self.combo.setMinimumContentsLength(-(-widest // metrics.horizontalAdvance("X")))
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.activated.connect(self._on_combo_activated)
        self.combo_action = self.window.toolbar.insertWidget(
            self.window.toolbar_script_section, self.combo
        )

    def _build_find_actions(self) -> None:
        """Edit ▸ Find…, Find Next, Find Previous and Search All Articles… with their keys, there
        from the start; what they do is the Finder's (``reader.ui.reading.find_bar``), made and
        imported when one is first used. (Their words are the Finder's to translate.)"""
        w = self.window
        keys = QKeySequence.StandardKey

        def action(text: str, slot: Callable[[Finder], None], *shortcuts: QKeySequence) -> QAction:
            act = QAction(text, w)
            unique = {k.toString(): k for k in shortcuts if not k.isEmpty()}
            act.setShortcuts(list(unique.values()))
            act.triggered.connect(lambda: slot(self.finder))
            w.addAction(act)
            return act

        self.find_action = action(
            QCoreApplication.translate("Finder", "&Find…"),
            lambda finder: finder.open_bar(),
            QKeySequence(keys.Find),
            QKeySequence("Ctrl+F"),
        )
        self.find_next_action = action(
            QCoreApplication.translate("Finder", "Find &Next"),
            lambda finder: finder.next_hit(),
            QKeySequence(keys.FindNext),
            QKeySequence("F3"),
        )
        self.find_previous_action = action(
            QCoreApplication.translate("Finder", "Find Pre&vious"),
            lambda finder: finder.previous_hit(),
            QKeySequence(keys.FindPrevious),
            QKeySequence("Shift+F3"),
        )
        self.search_all_action = action(
            QCoreApplication.translate("Finder", "&Search All Articles…"),
            lambda finder: finder.open_all_articles(),
            QKeySequence("Ctrl+Shift+F"),
        )
        menu = w.edit_menu
        if menu.actions():
            menu.addSeparator()
        menu.addActions(
            [
                self.find_action,
                self.find_next_action,
                self.find_previous_action,
                self.search_all_action,
            ]
        )

    @property
    def finder(self) -> Finder:
        """Find in the open article and across all articles (made when first used)."""
        if self._finder is None:
            from reader.ui.reading.find_bar import Finder

            self._finder = Finder(self.window, self)
        return self._finder

    @property
    def runner(self) -> Runner:
        """The worker lanes of the views and the find bar; the status bar's busy strip follows
        them (both made when first needed)."""
        if self._runner is None:
            from reader.ui.window.workers import BusyIndicator, Runner

            self._runner = Runner(self)
            self._busy_indicator = BusyIndicator(self._runner, self.window)
            self.window.statusBar().addPermanentWidget(self._busy_indicator)
        return self._runner

    @property
    def busy_indicator(self) -> BusyIndicator:
        """The status bar's strip saying what the runner is doing (see ``runner``)."""
        if self._busy_indicator is None:
            self.runner  # noqa: B018  (makes both)
        assert self._busy_indicator is not None
        return self._busy_indicator

    def _cancel(self, lane: str) -> None:
        """Drop the work under way in ``lane``, if any runner was ever made."""
        if self._runner is not None:
            self._runner.cancel(lane)

    # -- settings ------------------------------------------------------------------------------
    def _bool(self, key: str, default: bool) -> bool:
        return self._settings.flag(key, default)

    def remembered_view(self, doc_id: str) -> str:
        return self._settings.text(view_setting(doc_id), "original", VIEW_IDS)

    def script_settings(self, doc_id: str) -> ScriptSettings:
        """The reader's choices for this text's views (IT vocabulary, mainland quotes)."""
        from reader.script import ScriptSettings

        return ScriptSettings(
            it_vocabulary=self._bool(it_setting(doc_id), False),
            mainland_quotes=self._bool(QUOTES_SETTING, True),
        )

    def _settings_key(self, doc_id: str) -> str:
        s = self.script_settings(doc_id)
        return f"{int(s.it_vocabulary)}{int(s.mainland_quotes)}"

    def _on_it_action_toggled(self, checked: bool) -> None:
        doc = self.window.current_document()
        if doc is None or checked == self._bool(it_setting(doc.id), False):
            return
        self._settings.set_flag(it_setting(doc.id), checked)
        self._settings.sync()
        self._refresh()

    def _on_quotes_action_toggled(self, checked: bool) -> None:
        self._settings.set_flag(QUOTES_SETTING, checked)
        self._settings.sync()
        self._refresh()

    def _refresh(self) -> None:
        """Show the open article's view again (a setting changed what it says)."""
        doc = self.window.current_document()
        if doc is None:
            return
        self._prepared = None
        view_id = self.services.current_view(doc.id)
        if view_id != "original":
            self.set_view(view_id)
        if self._views_wanted:
            self._prepare_views(doc)

    def _remember(self, doc_id: str, view_id: str) -> None:
        if self.remembered_view(doc_id) == view_id:
            # (Each opening shows the remembered view: a sync here wrote the settings file,
            # the first start's whole file, as the window got ready.)
            return
        self._settings.set_value(view_setting(doc_id), view_id)
        self._settings.sync()

    # -- switching -----------------------------------------------------------------------------
    def current_view_id(self) -> str:
        doc = self.window.current_document()
        return self.services.current_view(doc.id) if doc is not None else "original"

    def current_view(self) -> View | None:
        """The script view shown (None for 原文)."""
        return self._view

    def set_view(self, view_id: str) -> None:
        """Show the open article in ``view_id``, keeping the place and the selection."""
        doc = self.window.current_document()
        if doc is None or view_id not in VIEW_IDS:
            return
        if same_as_original(doc, view_id):
            view_id = "original"
        self._remember(doc.id, view_id)
        self._show_choice(doc, view_id)
        if view_id == "original":
            self._cancel("view")
            self._apply(doc, "original", None, "")
            return
        glossary = self.services.glossary()
        settings = self.script_settings(doc.id)
        version = glossary.version + self._settings_key(doc.id)
        key = (doc.id, view_id, version)
        content = self.reading_view.content()
        if self._shown == key and content is not None and content.doc is doc:
            self._cancel("view")
            self.services.set_current_view(doc.id, view_id)
            return
        if key in self._converted or len(doc.text) <= SYNC_CHARS:
            self._cancel("view")
            self._apply(doc, view_id, self._convert(doc, view_id, glossary, settings), version)
            return
        self.runner.run(
            "view",
            lambda: self._convert(doc, view_id, glossary, settings),
            lambda view: self._on_view_converted(doc, view_id, view, version),
            self._on_view_failed,
            message=self.tr("Converting to %1…").replace("%1", LABELS[view_id]),
        )

    @staticmethod
    def _convert(doc: Document, view_id: str, glossary: Glossary, settings: ScriptSettings) -> View:
        from reader.script import document_view

        return document_view(doc, view_id, glossary, settings)

    def _on_view_converted(self, doc: Document, view_id: str, view: View, version: str) -> None:
        if self.window.current_document() is not doc:
            return
        self._apply(doc, view_id, view, version)

    def _on_view_failed(self, message: str) -> None:
        text = self.tr("The view could not be made: %1").replace("%1", message)
        self.window.statusBar().showMessage(text, 10000)
        doc = self.window.current_document()
        if doc is not None:
            self._show_choice(doc, self.services.current_view(doc.id))
        self.view_failed.emit(text)

    def _apply(self, doc: Document, view_id: str, view: View | None, version: str) -> None:
        rv = self.reading_view
        anchor = rv.reading_position()
        selection = rv.selected_range()
        shown = rv.content()
        if view is None and shown is not None and shown.doc is doc and shown.view_id == "original":
            pass  # 原文 is on screen already (an article just opened): not typeset again
        else:
            content = (
                ReadingContent.original(doc)
                if view is None
                else ReadingContent.from_view(doc, view)
            )
            self.window.show_content(content)
        if selection is not None:
            rv.select_range(*selection)
            rv.scroll_to_offset(anchor)  # a selection reaching off screen must not scroll
        self._view = view
        self._shown = (doc.id, view_id, version)
        self._converted.add(self._shown)
        self._show_choice(doc, view_id)
        self.services.set_current_view(doc.id, view_id)
        self._draw_marks()
        self.view_switched.emit(doc.id, view_id)
        if view_id != "original":
            self.want_views()

    def want_views(self) -> None:
        """The reader is choosing among views: convert the open article into the others in the
        background (so views showing 原文 unchanged are offered disabled, and a first switch
        costs no more than a later one)."""
        self._views_wanted = True
        doc = self.window.current_document()
        if doc is not None:
            self._prepare_views(doc)

    def _show_choice(self, doc: Document, view_id: str) -> None:
        """The switcher says ``view_id`` (views the same as 原文 here are disabled)."""
        model = self.combo.model()
        identical = self._identical.get(doc.id, frozenset())
        for i, candidate in enumerate(VIEW_IDS):
            same = same_as_original(doc, candidate) or (
                candidate in identical and candidate != view_id
            )
            item = model.item(i) if hasattr(model, "item") else None
            if item is not None:
                # Only what changes (each change is a dataChanged the switcher lays out for,
                # and this runs twice at each opening).
                if item.isEnabled() == same:
                    item.setEnabled(not same)
                tip = self.tr("The same as 原文 for this article") if same else ""
                if item.toolTip() != tip:
                    item.setToolTip(tip)
            self.view_actions[candidate].setEnabled(not same)
        self.view_actions[view_id].setChecked(True)
        self.combo.setCurrentIndex(VIEW_IDS.index(view_id))

    def _on_combo_activated(self, index: int) -> None:
        view_id = self.combo.itemData(index)
        if isinstance(view_id, str):
            self.set_view(view_id)

    def _on_document_opened(self, doc_id: str) -> None:
        doc = self.window.current_document()
        if doc is None or doc.id != doc_id:
            return
        self.it_action.blockSignals(True)
        self.it_action.setChecked(self._bool(it_setting(doc_id), False))
        self.it_action.blockSignals(False)
        # open_document showed the original text: that is what is on screen now.
        self._view = None
        self._shown = (doc_id, "original", "")
        self.services.set_current_view(doc_id, "original")
        self._draw_marks()
        self.set_view(self.remembered_view(doc_id))
        if self._views_wanted:
            self._prepare_views(doc)

    def _on_glossary_changed(self) -> None:
        doc = self.window.current_document()
        if doc is None or self._shown is None:
            return
        view_id = self.services.current_view(doc.id)
        version = self.services.glossary().version + self._settings_key(doc.id)
        if view_id != "original" and version != self._shown[2]:
            self.set_view(view_id)
        if self._views_wanted:
            self._prepare_views(doc)

    def _prepare_views(self, doc: Document) -> None:
        """Convert a short article into every view in the background, so that a first switch
        costs no more than a later one, and so views that show the original text unchanged
        can be offered disabled (a long article converts when asked, in a worker)."""
        if len(doc.text) > SYNC_CHARS:
            return
        glossary = self.services.glossary()
        settings = self.script_settings(doc.id)
        version = glossary.version + self._settings_key(doc.id)
        key = (doc.id, version)
        if self._prepared == key:
            return
        self._prepared = key
        candidates = [v for v in VIEW_IDS if v != "original" and not same_as_original(doc, v)]

        def run() -> frozenset[str]:
            from reader.script import document_view

            views = {v: document_view(doc, v, glossary, settings) for v in candidates}
            return frozenset(v for v, view in views.items() if view.text == doc.text)

        self.runner.run(
            "prepare",
            run,
            lambda same: self._on_views_prepared(doc, version, candidates, same),
            quiet=True,
        )

    def _on_views_prepared(
        self, doc: Document, version: str, converted: list[str], same: frozenset[str]
    ) -> None:
        self._converted.update((doc.id, v, version) for v in converted)
        self._identical[doc.id] = same
        if self.window.current_document() is doc:
            self._show_choice(doc, self.services.current_view(doc.id))

    # -- substitution marks --------------------------------------------------------------------
    def _mark_color(self) -> QColor:
        color = QColor(self.window.theme().accent)
        color.setAlpha(190)
        return color

    def _marks(self) -> list[Substitution]:
        """What is underlined: the substitutions and the marked ambiguities, in text order."""
        if self._view is None or not self.mark_action.isChecked():
            return []
        marks = [*self._view.substitutions, *self._view.ambiguities]
        return sorted(marks, key=lambda s: s.canon_start)

    def _draw_marks(self) -> None:
        marks = self._marks()
        if not marks and not self._marks_drawn:
            return  # (原文, as at each opening: nothing to draw, nothing to take away)
        color = self._mark_color().name(QColor.NameFormat.HexArgb)
        formats: dict[str, QTextCharFormat] = {}
        for origin, style in UNDERLINES.items():
            fmt = char_format(underline=color)
            fmt.setUnderlineStyle(style)
            formats[origin] = fmt
        ranges = [
            (s.canon_start, s.canon_end, formats.get(s.source, formats["opencc"])) for s in marks
        ]
        self.reading_view.set_layer(SUBSTITUTION_LAYER, ranges)
        self._marks_drawn = bool(ranges)

    def marked_ranges(self) -> list[tuple[int, int]]:
        """The canonical ranges underlined now (substitutions and marked ambiguities)."""
        return [(s.canon_start, s.canon_end) for s in self._marks()]

    def underline_of(self, origin: str) -> QTextCharFormat.UnderlineStyle:
        """The underline style that marks a change made by the layer ``origin``."""
        return UNDERLINES.get(origin, UNDERLINES["opencc"])

    def _on_mark_action_toggled(self, checked: bool) -> None:
        self._settings.set_flag(MARK_SETTING, checked)
        self._settings.sync()
        self._draw_marks()

    def _on_theme_applied(self, _theme_id: str) -> None:
        self._draw_marks()

    def substitution_at(self, point: QPoint) -> Substitution | None:
        """The substitution drawn under a viewport point, if any."""
        positions = self.reading_view.positions
        if self._view is None or positions is None:
            return None
        qt_pos = self.reading_view.cursorForPosition(point).position()
        shown = positions.qt_to_shown(qt_pos)
        for vpos in (shown, shown - 1):
            sub = self._view.substitution_at(vpos) if vpos >= 0 else None
            if sub is None and vpos >= 0:
                sub = next(
                    (a for a in self._view.ambiguities if a.view_start <= vpos < a.view_end),
                    None,
                )
            if sub is None:
                continue
            rects = self.reading_view.range_rects(sub.canon_start, sub.canon_end)
            if any(r.adjusted(0, 0, 1, 1).contains(point.toPointF()) for r in rects):
                return sub
        return None

    def tooltip_for(self, sub: Substitution) -> str:
        """The original and the layer that made the change."""
        if sub.source == "glossary":
            return self.tr("「原文：%1」 (your conversion)").replace("%1", sub.original)
        if sub.source == "ambiguity":
            return self.tr(
                "「原文：%1」 — its form depends on the meaning (系/係/繫); left as OpenCC has it"
            ).replace("%1", sub.original)
        layer = {
            "opencc": self.tr("regional wording from OpenCC's phrase tables"),
            "lexicon": self.tr("regional wording from Meipi's lexicon of names"),
            "correction": self.tr("Meipi's correction of an OpenCC table fault"),
        }.get(sub.source, sub.source)
        return self.tr("「原文：%1」 — %2").replace("%1", sub.original).replace("%2", layer)

    def context_menu_at(self, point: QPoint) -> QMenu | None:
        """The reading pane's context menu with a substitution's actions, when ``point`` is on
        one; None elsewhere (the pane's own menu is shown)."""
        sub = self.substitution_at(point)
        if sub is None:
            return None
        menu = self.reading_view.createStandardContextMenu(point)
        menu.addSeparator()
        note = menu.addAction(
            self.tr("原文：%1 → %2").replace("%1", sub.original).replace("%2", sub.converted)
        )
        note.setEnabled(False)
        if sub.source == "glossary":
            drop = menu.addAction(self.tr("Stop Converting %1 My Way").replace("%1", sub.original))
            drop.triggered.connect(lambda _c=False, p=sub.original: self.drop_conversion(p))
        elif sub.source != "ambiguity":
            keep = menu.addAction(self.tr("Keep %1 Unsubstituted").replace("%1", sub.original))
            keep.setToolTip(
                self.tr(
                    "No substitution for this phrase in any view; its characters still "
                    "follow the view's script"
                )
            )
            keep.triggered.connect(lambda _c=False, p=sub.original: self.keep_phrase(p))
        convert = menu.addAction(self.tr("Convert %1 to…").replace("%1", sub.original))
        convert.triggered.connect(
            lambda _c=False, s=sub: self.ask_conversion(s.original, s.converted)
        )
        menu.addAction(self.glossary_action)
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.combo:
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
                self.want_views()  # before its list pops up
            return False
        if watched is self._viewport:
            if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                sub = self.substitution_at(event.pos())
                if sub is not None:
                    QToolTip.showText(event.globalPos(), self.tooltip_for(sub), self.reading_view)
                    return True
            elif event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
                if getattr(self.window, "annotations_feature", None) is not None:
                    return False  # its menu includes ours (it asks context_menu_at)
                menu = self.context_menu_at(event.pos())
                if menu is not None:
                    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                    menu.popup(event.globalPos())
                    return True
        return False

    # -- the glossary ------------------------------------------------------------------------
    def keep_phrase(self, phrase: str) -> bool:
        """Never substitute ``phrase`` (a glossary keep, stored in the database; every view
        re-renders; its characters still follow each view's script)."""
        from reader.store.glossary import add_keep
        from reader.ui.words.glossary_dialog import write_glossary

        done = write_glossary(self.window, lambda s: add_keep(s, phrase))
        if done:
            self.window.statusBar().showMessage(
                self.tr(
                    "%1 keeps its wording in every view (its characters follow the script)."
                ).replace("%1", phrase),
                6000,
            )
        return done

    def add_conversion(self, original: str, replacement: str) -> bool:
        from reader.store.glossary import add_conversion
        from reader.ui.words.glossary_dialog import write_glossary

        return write_glossary(self.window, lambda s: add_conversion(s, original, replacement))

    def drop_conversion(self, original: str) -> bool:
        from reader.ui.words.glossary_dialog import remove_conversion, write_glossary

        return write_glossary(self.window, lambda s: remove_conversion(s, original))

    def ask_conversion(self, original: str, suggestion: str) -> None:
        from PySide6.QtWidgets import QInputDialog  # made when first asked (startup)

        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Convert Your Way"))
        dialog.setLabelText(self.tr("Show %1 in every view as:").replace("%1", original))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(suggestion)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda text: self.add_conversion(original, text) if text.strip() else None
        )
        dialog.open()
        self.conversion_dialog: QWidget | None = dialog

    def show_glossary(self) -> None:
        from reader.ui.words.glossary_dialog import GlossaryDialog

        existing = getattr(self, "glossary_dialog", None)
        if isinstance(existing, GlossaryDialog) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return
        dialog = GlossaryDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.glossary_dialog: GlossaryDialog | None = dialog


def install_views(window: MainWindow, settings: ReaderSettings) -> ViewsFeature:
    """Script views and search in ``window``: the switcher, marks and glossary, the find bar and
    the all-articles results (called once the text is first painted)."""
    return ViewsFeature(window, settings)

"""Words in the window: jieba and the dictionary warmed up on a worker, the look-up popup, and
the vocabulary.

* **Warm-up**: a moment (``WARM_UP_DELAY_MS``) after the window is painted (this feature is
  made by ``ChineseSelection`` after the annotations are installed), or at the first look-up,
  jieba's word index for the open article's script and the
  dictionary's index load on a worker (``reader.ui.window.workers.Runner`` on a one-thread pool of
  their own, so a search or a script view never waits behind them); nothing blocks the
  window. Double-click uses OpenCC's phrase list until the words are ready.
* **Look-up**: hold Shift over a word, or press Ctrl+Shift+D on a selection: a popup
  (``reader.ui.words.word_popup``) gives the longest dictionary word from that character, with
  pinyin (or zhuyin), English definitions, the other script's form and the view's
  substitution there. Hovering without Shift keeps showing substitutions as before.
* **Vocabulary**: "Add to Vocabulary" in the popup stores the word with its sentence and page
  (``reader.ops.vocabulary``); Edit ▸ Vocabulary… lists the article's words, edits and deletes
  them and exports them as a CSV file Anki imports.

Signals:
    words_ready(): jieba's word index for the open article is ready (double-click uses it).
    dictionary_ready(): the dictionary can be looked up.
    dictionary_failed(str): the dictionary cannot be opened (the message says what to do).
    popup_shown(): the look-up popup was shown (or refreshed).
    vocabulary_added(object): a word was added (the VocabularyRecord).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCursor, QKeyEvent, QKeySequence, QMouseEvent
from shiboken6 import isValid

from reader.ui.reading.reading_view import ReadingView
from reader.ui.window.workers import Runner

if TYPE_CHECKING:
    from reader.dictionary import Dictionary
    from reader.ui.reading.selection import ChineseSelection
    from reader.ui.window.settings import ReaderSettings
    from reader.ui.words.vocabulary_dialog import VocabularyDialog
    from reader.ui.words.word_popup import WordLookup, WordPopup

LOOKUP_SHORTCUT = "Ctrl+Shift+D"
ZHUYIN_SETTING = "words/zhuyin"
# Set by ``meipi bench``: once the words and the dictionary are ready, look a word up, print
# the time it took and the peak memory, and quit (the memory budget "after one look-up").
BENCH_LOOKUP = "MEIPI_BENCH_LOOKUP"
# How long after the window is up the warm-ups start (unless a word is asked for first).
WARM_UP_DELAY_MS = 1500
HIDE_DISTANCE = 48  # pixels the pointer may move from the word (no Shift) before the popup goes


_RUNNER: Runner | None = None
_POOL: QThreadPool | None = None


def _runner() -> Runner:
    """The warm-ups' runner, on a one-thread pool of their own: jieba's first load (building
    its frequency cache: ~13 s on a loaded machine) and the dictionary must never hold the
    threads that a search or a script view waits for (on 2 cores Qt's global pool has two, and
    a warm-up outliving its window, or one waiting for another's cache, took both). One
    thread also keeps their memory peaks apart."""
    global _RUNNER, _POOL
    if _RUNNER is None or not isValid(_RUNNER):
        app = QCoreApplication.instance()
        if _POOL is None or not isValid(_POOL):
            _POOL = QThreadPool(app)
            _POOL.setObjectName("wordsWarmUpPool")
            _POOL.setMaxThreadCount(1)
        _RUNNER = Runner(app, pool=_POOL)
    return _RUNNER


class WordsFeature(QObject):
    words_ready = Signal()
    dictionary_ready = Signal()
    dictionary_failed = Signal(str)
    popup_shown = Signal()
    vocabulary_added = Signal(object)

    def __init__(self, view: ReadingView, selection: ChineseSelection) -> None:
        super().__init__(selection)
        self.view = view
        self.selection = selection
        # The warm-ups outlive a closed window (jieba cannot be stopped half-way): their
        # runner lives as long as the application, and every callback checks the feature.
        self.runner = _runner()
        self.dictionary: Dictionary | None = None
        self.dictionary_error: str | None = None
        self._dictionary_loading = False
        self._words_loading = False
        self._words_key: tuple[str, str] | None = None
        self._pending: QPoint | None = None  # a look-up waiting for the dictionary
        self._anchor: QPoint | None = None  # where the popup's word is (viewport)
        # Made at the first look-up: its widgets and their classes (memory at startup).
        self._popup: WordPopup | None = None
        self.vocabulary_dialog: VocabularyDialog | None = None
        # Set once the reading pane is deleted: a warm-up of its window still waiting for the
        # worker is then skipped (one already running goes on: jieba cannot stop half-way).
        gone = self._gone = threading.Event()
        view.destroyed.connect(lambda *_: gone.set())
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        view.installEventFilter(self)
        view.content_rendered.connect(self._on_content_rendered)
        view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        services = self._services()
        if services is not None:
            services.glossary_changed.connect(self._on_glossary_changed)

        self.lookup_action = QAction(self.tr("&Look Up Word"), view)
        self.lookup_action.setObjectName("lookUpWordAction")
        self.lookup_action.setShortcut(QKeySequence(LOOKUP_SHORTCUT))
        self.lookup_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.lookup_action.triggered.connect(self.look_up_selection)
        self.vocabulary_action = QAction(self.tr("V&ocabulary…"), view)
        self.vocabulary_action.setObjectName("vocabularyAction")
        self.vocabulary_action.triggered.connect(self.show_vocabulary)
        menu = getattr(view.window(), "edit_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.lookup_action)
            menu.addAction(self.vocabulary_action)
        else:
            view.addAction(self.lookup_action)
        if os.environ.get(BENCH_LOOKUP):
            self.words_ready.connect(self._report_for_benchmark)
            self.dictionary_ready.connect(self._report_for_benchmark)
        # jieba and the dictionary (tens of MB, seconds of CPU on a busy machine) start a moment
        # after the window is up, so they never compete with its start (issue 22); a look-up,
        # or anything else that calls warm_up(), starts them at once.
        self._warm_started = False
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(WARM_UP_DELAY_MS)
        self._warm_timer.timeout.connect(self.warm_up)
        self._warm_timer.start()

    # -- services ------------------------------------------------------------------------------
    def _services(self) -> Any:
        return getattr(self.view.window(), "services", None)

    @staticmethod
    def _settings() -> ReaderSettings:
        """The window's settings file (``settings.ini`` in the data directory)."""
        from reader.ui.window.settings import ReaderSettings

        return ReaderSettings.default()

    # -- warm-up -------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load jieba for the open article's script and the dictionary, on the worker pool."""
        from reader.words import word_index

        self._warm_started = True
        self._warm_timer.stop()

        content = self.view.content()
        if content is not None:
            script = content.doc.meta.script
            glossary = self.selection.glossary()
            key = (script, glossary.version if glossary is not None else "")
            if key != self._words_key:
                self._words_key = key

                gone = self._gone

                def load_words() -> object:
                    if gone.is_set():
                        return None  # its window closed while it waited for the worker
                    index = word_index(script, glossary)
                    index.paragraph_words("中國大陸能源")  # the tokenizer's first run too
                    return index

                self._words_loading = True
                self.runner.run(
                    "words", load_words, self._on_words_loaded, self._on_words_failed, quiet=True
                )
        if self._words_loading:
            return  # one at a time (their peaks would add up): the dictionary follows the words
        if self.dictionary is None and not self._dictionary_loading:
            self._dictionary_loading = True
            gone = self._gone
            self.runner.run(
                "dictionary",
                lambda: None if gone.is_set() else self._load_dictionary(),
                self._on_dictionary_loaded,
                self._on_dictionary_failed,
                quiet=True,
            )

    @staticmethod
    def _load_dictionary() -> object:
        from reader.dictionary import open_dictionary

        dictionary = open_dictionary()
        dictionary.longest_match("中國", 0)  # the first query (SQLite's page cache)
        return dictionary

    def _on_words_loaded(self, _index: object) -> None:
        if not isValid(self) or not isValid(self.view):
            return  # the window closed while it loaded
        self._words_loading = False
        self.words_ready.emit()
        self.warm_up()  # the dictionary, now

    def _on_words_failed(self, text: str) -> None:
        if not isValid(self) or not isValid(self.view):
            return  # the window closed while it loaded
        self._words_loading = False
        self.warm_up()  # the dictionary still
        # Double-click keeps the phrase list; say why once, in the status bar.
        self._words_key = None
        window = self.view.window()
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(
                self.tr("Word segmentation is unavailable: %1").replace("%1", text)
            )

    def _on_dictionary_loaded(self, dictionary: object) -> None:
        if not isValid(self) or not isValid(self.view):
            return  # the window closed while it loaded
        from reader.dictionary import Dictionary

        self._dictionary_loading = False
        if isinstance(dictionary, Dictionary):
            self.dictionary = dictionary
            self.dictionary_ready.emit()
            if self._pending is not None:
                point, self._pending = self._pending, None
                self.look_up_at(point)

    def _on_dictionary_failed(self, text: str) -> None:
        if not isValid(self) or not isValid(self.view):
            return  # the window closed while it loaded
        self._dictionary_loading = False
        self.dictionary_error = text
        self.dictionary_failed.emit(text)
        if self._pending is not None:
            point, self._pending = self._pending, None
            self.popup.show_message(text, self._global_below(point))

    def words_are_ready(self) -> bool:
        return self.selection.word_index() is not None

    def _warm_up_if_started(self) -> None:
        """Warm up for what changed, unless the first warm-up is still to come (it will see the
        change)."""
        if self._warm_started:
            self.warm_up()

    def _on_content_rendered(self) -> None:
        self.hide_popup()
        self._warm_up_if_started()

    def _on_glossary_changed(self) -> None:
        self._warm_up_if_started()

    @property
    def popup(self) -> WordPopup:
        """The look-up popup."""
        if self._popup is None:
            from reader.ui.words.word_popup import WordPopup

            popup = self._popup = WordPopup(self.view)
            popup.set_zhuyin(self._settings().flag(ZHUYIN_SETTING, False))
            popup.zhuyin_toggled.connect(self._on_popup_zhuyin_toggled)
            popup.add_requested.connect(self._on_popup_add_requested)
        return self._popup

    def _popup_visible(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    # -- looking up ----------------------------------------------------------------------------
    def lookup_for(self, shown: int, length: int | None = None) -> WordLookup | None:
        """The look-up of the longest dictionary word from shown position ``shown`` (at most
        ``length`` characters); None before the dictionary is open."""
        from reader.ui.words.word_popup import WordLookup
        from reader.words import sentence_at

        content = self.view.content()
        if content is None or self.dictionary is None:
            return None
        text = content.text
        limit = len(text) if length is None else min(len(text), shown + length)
        word, entries = self.dictionary.longest_match(text[:limit], shown)
        if not word:
            word = text[shown : shown + 1]
        if not word.strip():
            return None
        positions = content.positions
        cstart, cend = positions.shown_to_canonical(shown, shown + len(word))
        doc = content.doc
        sstart, send = sentence_at(doc.text, cstart)
        substitution = None
        if content.view_id != "original":
            services = self._services()
            if services is not None:
                view = services.view(doc, content.view_id)
                for vpos in range(shown, shown + len(word)):
                    sub = view.substitution_at(vpos)
                    if sub is not None:
                        substitution = (sub.original, sub.converted)
                        break
        return WordLookup(
            word=word,
            entries=tuple(entries),
            doc_id=doc.id,
            view_id=content.view_id,
            canon_start=cstart,
            canon_end=cend,
            sentence=doc.text[sstart:send].strip(),
            sentence_start=sstart,
            page=doc.label_of(cstart),
            substitution=substitution,
        )

    def look_up_at(self, point: QPoint) -> WordLookup | None:
        """Show the popup for the word starting under a viewport point."""
        shown = self.selection.shown_at(point)
        if shown is None:
            return None
        return self._show(shown, None, point)

    def look_up_selection(self) -> WordLookup | None:
        """Show the popup for the selection (the longest dictionary word from its start)."""
        content = self.view.content()
        cursor = self.view.textCursor()
        if content is None or not cursor.hasSelection():
            point = self.view.viewport().mapFromGlobal(QCursor.pos())
            if self.view.viewport().rect().contains(point):
                return self.look_up_at(point)
            return None
        positions = content.positions
        start = positions.qt_to_shown(cursor.selectionStart())
        end = positions.qt_to_shown(cursor.selectionEnd())
        rect = self.view.cursorRect(cursor)
        return self._show(start, max(1, end - start), rect.bottomLeft())

    def _show(self, shown: int, length: int | None, point: QPoint) -> WordLookup | None:
        if self.dictionary is None:
            if self.dictionary_error is not None:
                self.popup.show_message(self.dictionary_error, self._global_below(point))
                self.popup_shown.emit()
                return None
            self._pending = point
            self.popup.show_message(self.tr("Loading the dictionary…"), self._global_below(point))
            self.popup_shown.emit()
            self.warm_up()
            return None
        lookup = self.lookup_for(shown, length)
        if lookup is None:
            self.hide_popup()
            return None
        rects = self.view.range_rects(lookup.canon_start, lookup.canon_end)
        below = rects[0].bottomLeft().toPoint() if rects else point
        self._anchor = below
        self.popup.show_lookup(lookup, self.view.viewport().mapToGlobal(below + QPoint(0, 4)))
        self.popup_shown.emit()
        return lookup

    def _global_below(self, point: QPoint) -> QPoint:
        self._anchor = point
        return self.view.viewport().mapToGlobal(point + QPoint(0, 18))

    def hide_popup(self) -> None:
        self._pending = None
        self._anchor = None
        if self._popup_visible():
            self.popup.hide()

    def _report_for_benchmark(self) -> None:
        import time

        from PySide6.QtCore import QCoreApplication, QTimer

        from reader.ui.window.app import peak_memory_kib

        content = self.view.content()
        if content is None or self.dictionary is None or not self.words_are_ready():
            return
        at = content.text.find("能源")
        at = max(at, 0)
        t0 = time.perf_counter()
        self.selection.word_range(at)
        lookup = self.lookup_for(at)
        elapsed = time.perf_counter() - t0
        print("lookup", elapsed * 1000, "found" if lookup else "none", flush=True)
        print("rss", peak_memory_kib(), flush=True)
        QTimer.singleShot(0, QCoreApplication.quit)

    # -- events --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isValid(self.view) or (self._popup is not None and not isValid(self._popup)):
            return False  # the window is being taken down
        if watched is self._viewport:
            if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                point = event.position().toPoint()
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                if shift and event.buttons() == Qt.MouseButton.NoButton:
                    self.look_up_at(point)
                elif self._anchor is not None and (
                    (point - self._anchor).manhattanLength() > HIDE_DISTANCE
                ):
                    self.hide_popup()
            elif kind == QEvent.Type.MouseButtonPress:
                self.hide_popup()
            elif kind == QEvent.Type.Leave and not (
                self._popup is not None and self._popup.underMouse()
            ):
                self._pending = None
        elif watched is self.view and isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress:
            others = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if event.key() == Qt.Key.Key_Shift and not event.isAutoRepeat() and not others:
                # Shift alone: Ctrl+Shift+P and other shortcuts pass Shift on their way.
                point = self.view.viewport().mapFromGlobal(QCursor.pos())
                if self.view.viewport().rect().contains(point):
                    self.look_up_at(point)
            elif event.key() == Qt.Key.Key_Escape and self._popup_visible():
                self.hide_popup()
                return True
        return False

    def _on_scrolled(self, _value: int) -> None:
        self.hide_popup()

    def _on_popup_zhuyin_toggled(self, on: bool) -> None:
        settings = self._settings()
        settings.set_flag(ZHUYIN_SETTING, on)
        settings.sync()

    # -- vocabulary ----------------------------------------------------------------------------
    def _store(self) -> Any:
        services = self._services()
        if services is None:
            return None
        store = services.store()
        if store is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self.view.window(),
                self.tr("Vocabulary"),
                services.store_error() or self.tr("The database cannot be opened."),
            )
        return store

    def add_to_vocabulary(self, lookup: WordLookup) -> object | None:
        """Store the looked-up word with its sentence and page; the record (None: refused)."""
        from reader.errors import MeipiError
        from reader.ops import vocabulary

        store = self._store()
        if store is None:
            return None
        first = lookup.entries[0] if lookup.entries else None
        definition = "; ".join(lookup.definitions())
        try:
            new = vocabulary.NewWord(
                document=lookup.doc_id,
                word=lookup.word,
                traditional=first.traditional if first else lookup.word,
                simplified=first.simplified if first else lookup.word,
                pinyin=lookup.pinyin(),
                definition=definition,
                sentence=lookup.sentence,
                start=lookup.canon_start,
                end=lookup.canon_end,
                page=lookup.page,
            )
            record, added = vocabulary.add(store, new)
        except MeipiError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.view.window(), self.tr("Vocabulary"), str(exc))
            return None
        window = self.view.window()
        status = getattr(window, "statusBar", None)
        if status is not None:
            message = (
                self.tr("Added %1 to your vocabulary.")
                if added
                else self.tr("%1 is already in your vocabulary.")
            )
            status().showMessage(message.replace("%1", lookup.word), 4000)
        self.vocabulary_added.emit(record)
        if self.vocabulary_dialog is not None:
            self.vocabulary_dialog.reload()
        return record

    def _on_popup_add_requested(self, lookup: object) -> None:
        from reader.ui.words.word_popup import WordLookup

        if isinstance(lookup, WordLookup):
            self.add_to_vocabulary(lookup)

    def show_vocabulary(self) -> VocabularyDialog | None:
        """The vocabulary dialog for the open article."""
        from reader.ui.words.vocabulary_dialog import VocabularyDialog

        content = self.view.content()
        store = self._store()
        if content is None or store is None:
            return None
        if self.vocabulary_dialog is None:
            self.vocabulary_dialog = VocabularyDialog(store, self.view.window())
        self.vocabulary_dialog.set_document(content.doc)
        self.vocabulary_dialog.show()
        self.vocabulary_dialog.raise_()
        return self.vocabulary_dialog

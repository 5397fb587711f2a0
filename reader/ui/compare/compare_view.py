"""Two articles side by side: each pane with its own article, view (script) and scroll position,
and scrolling together only when the reader asks for it (the articles differ in length, so it
is off by default; when on, both move by the same distance from wherever each one is).

``ComparePane`` is one article (choosers above a :class:`ReadingView`, an optional footer
below); ``CompareView`` holds the two panes and the synchronized-scrolling toggle.

Signals (ComparePane):
    document_changed(str): the pane shows another article (its id).
    view_changed(str): the pane shows its article in another view (the view id).

Signals (CompareView):
    sync_toggled(bool): synchronized scrolling was turned on or off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSlider,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.documents import Document, Library
from reader.ui.reading.reading_view import ReadingView
from reader.ui.reading.typesetting import ReadingContent, Typography
from reader.views import LABELS, VIEW_IDS

if TYPE_CHECKING:
    from reader.ui.window.services import Services

TypographyFor = Callable[[ReadingContent | None], Typography]
SIDES = (0, 1)


def article_label(doc: Document) -> str:
    """Authors and title (``許菁芸〈中俄兩國之戰略利益分歧〉``); the title alone without authors."""
    authors = "、".join(doc.meta.authors)
    return f"{authors}〈{doc.title}〉" if authors else doc.title


class ComparePane(QWidget):
    """One article of the comparison: article and view choosers, the text, a footer."""

    document_changed = Signal(str)
    view_changed = Signal(str)

    def __init__(
        self,
        side: int,
        library: Library,
        services: Services,
        typography: TypographyFor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"comparePane{side}")
        self._library = library
        self._services = services
        self._typography = typography
        self._doc_id: str | None = None
        self._view_id = "original"
        self._positions: dict[str, int] = {}  # this pane's place in each article it showed

        self.article_box = QComboBox(self)
        self.article_box.setObjectName("articleChooser")
        self.article_box.setAccessibleName(
            self.tr("Left article") if side == 0 else self.tr("Right article")
        )
        self.article_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article_box.setMinimumContentsLength(12)
        self.view_box = QComboBox(self)
        self.view_box.setObjectName("viewChooser")
        self.view_box.setAccessibleName(self.tr("Script"))
        for view_id in VIEW_IDS:
            self.view_box.addItem(LABELS[view_id], view_id)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("comparePageLabel")
        self.reading_view = ReadingView(typography(None), self)
        self.reading_view.setObjectName("readingView")
        self.fill_articles()

        head = QHBoxLayout()
        head.setContentsMargins(6, 4, 6, 4)
        head.addWidget(self.article_box, 1)
        head.addWidget(self.view_box)
        head.addWidget(self.page_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.reading_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)

        self.article_box.activated.connect(self._on_article_box_activated)
        self.view_box.activated.connect(self._on_view_box_activated)
        self.reading_view.position_changed.connect(self._on_reading_view_position_changed)
        services.glossary_changed.connect(self._on_glossary_changed)

    def fill_articles(self) -> None:
        """List every article of the library (again, after the user added one)."""
        self.article_box.clear()
        labels = [article_label(doc) for doc in self._library]
        times = Counter(labels)
        for label, doc in zip(labels, self._library, strict=True):
            # Two texts that read the same are told apart by their ids.
            shown = f"{label} ({doc.id})" if times[label] > 1 else label
            self.article_box.addItem(shown, doc.id)
        if self._doc_id is not None:
            self.article_box.setCurrentIndex(self.article_box.findData(self._doc_id))

    def set_footer(self, widget: QWidget) -> None:
        """A widget under the text (the theme's passages in this article)."""
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

    # -- what is shown -----------------------------------------------------------------------
    def document(self) -> Document | None:
        return self._library.documents.get(self._doc_id) if self._doc_id else None

    def document_id(self) -> str | None:
        return self._doc_id

    def view_id(self) -> str:
        return self._view_id

    def set_document(self, doc_id: str, view_id: str | None = None) -> None:
        """Show an article (where this pane left it), in ``view_id`` or the view it was read
        in last."""
        self._library.get(doc_id)  # an unknown id: InputError, nothing changed
        if self._doc_id is not None:
            self._positions[self._doc_id] = self.reading_view.reading_position()
        changed = doc_id != self._doc_id
        self._doc_id = doc_id
        self._view_id = view_id or self._services.current_view(doc_id)
        self.article_box.setCurrentIndex(self.article_box.findData(doc_id))
        self.view_box.setCurrentIndex(self.view_box.findData(self._view_id))
        self._show(self._positions.get(doc_id, 0))
        if changed:
            self.document_changed.emit(doc_id)

    def set_view(self, view_id: str) -> None:
        """Show the article in another script, keeping the place."""
        if self._doc_id is None or view_id == self._view_id:
            return
        self._view_id = view_id
        self.view_box.setCurrentIndex(self.view_box.findData(view_id))
        self._show(self.reading_view.reading_position())
        self.view_changed.emit(view_id)

    def content_for(self, doc: Document, view_id: str) -> ReadingContent:
        if view_id == "original":
            return ReadingContent.original(doc)
        return ReadingContent.from_view(doc, self._services.view(doc, view_id))

    def _show(self, anchor: int) -> None:
        doc = self.document()
        if doc is None:
            return
        content = self.content_for(doc, self._view_id)
        self.reading_view.set_typography(self._typography(content))
        self.reading_view.set_content(content, anchor)
        self._update_page()

    def retypeset(self) -> None:
        """Theme, font or size changed in the main window."""
        self.reading_view.set_typography(self._typography(self.reading_view.content()))

    def shown_quote(self, start: int, end: int, fallback: str) -> str:
        """How the canonical range reads in this pane's view."""
        content = self.reading_view.content()
        if content is None:
            return fallback
        doc = content.doc
        if not 0 <= start < end <= len(doc.text):
            return fallback
        if content.view_id == "original":
            return doc.text[start:end]
        view = self._services.view(doc, content.view_id)
        vstart, vend = view.to_view(start, end)
        return view.text[vstart:vend]

    def _update_page(self) -> None:
        if self.reading_view.content() is not None:
            self.page_label.setText(
                self.tr("p. %1").replace("%1", self.reading_view.current_label())
            )

    # -- slots -------------------------------------------------------------------------------
    def _on_article_box_activated(self, index: int) -> None:
        doc_id = self.article_box.itemData(index)
        if isinstance(doc_id, str) and doc_id != self._doc_id:
            self.set_document(doc_id)

    def _on_view_box_activated(self, index: int) -> None:
        view_id = self.view_box.itemData(index)
        if isinstance(view_id, str):
            self.set_view(view_id)

    def _on_reading_view_position_changed(self, _offset: int) -> None:
        self._update_page()

    def _on_glossary_changed(self) -> None:
        if self._doc_id is not None and self._view_id != "original":
            self._show(self.reading_view.reading_position())


class CompareView(QWidget):
    """Two :class:`ComparePane` side by side, and the synchronized-scrolling toggle."""

    sync_toggled = Signal(bool)

    def __init__(
        self,
        library: Library,
        services: Services,
        typography: TypographyFor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.panes = (
            ComparePane(0, library, services, typography),
            ComparePane(1, library, services, typography),
        )
        self.sync_box = QCheckBox(self.tr("Scroll &together"), self)
        self.sync_box.setObjectName("syncScrolling")
        self.sync_box.setToolTip(
            self.tr("Scroll both articles by the same distance (off: each keeps its own place).")
        )
        self.sync_box.setChecked(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for pane in self.panes:
            self.splitter.addWidget(pane)
        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(8, 4, 8, 0)
        self.bar.addStretch(1)
        self.bar.addWidget(self.sync_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.bar)
        layout.addWidget(self.splitter, 1)

        self.sync_box.toggled.connect(self._on_sync_box_toggled)
        for pane in self.panes:
            bar = pane.reading_view.verticalScrollBar()
            # Only the reader's own scrolling moves the other pane (not a re-layout): a scroll
            # bar reports those as actions, before the value moves.
            bar.actionTriggered.connect(
                lambda _action, side=pane.side: self._on_scroll_action_triggered(side)
            )

    def sync_scrolling(self) -> bool:
        return self.sync_box.isChecked()

    def set_sync_scrolling(self, on: bool) -> None:
        self.sync_box.setChecked(on)

    def set_documents(
        self, left: str, right: str, views: tuple[str | None, str | None] = (None, None)
    ) -> None:
        self.panes[0].set_document(left, views[0])
        self.panes[1].set_document(right, views[1])

    def retypeset(self) -> None:
        for pane in self.panes:
            pane.retypeset()

    def _on_sync_box_toggled(self, on: bool) -> None:
        self.sync_toggled.emit(on)

    def _on_scroll_action_triggered(self, side: int) -> None:
        if not self.sync_box.isChecked():
            return
        bar = self.panes[side].reading_view.verticalScrollBar()
        delta = bar.sliderPosition() - bar.value()
        if delta:
            other = self.panes[1 - side].reading_view.verticalScrollBar()
            other.setValue(other.value() + delta)


def scroll(view: ReadingView, action: QAbstractSlider.SliderAction) -> None:
    """Scroll as the reader would (a wheel, a key, the scroll bar): through a slider action."""
    view.verticalScrollBar().triggerAction(action)

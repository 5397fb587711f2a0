"""View ▸ Original Page: the PDF page an imported text came from, beside the text.

A dock that shows the rendered page holding the reading position and follows it; with a
passage selected, the page holding its start, with the passage outlined (the character boxes
kept with the imported text, :func:`reader.importing.pdf.page_data_of`). Pages are rendered to
PNG by PDFium in a child process (:func:`reader.importing.pdf_extract.render`), off the GUI
thread; a rendered page is kept while the text is open. Texts that did not come from a PDF
say so.

Signals (PageViewFeature):
    page_shown(int): a page is on screen (PDF page index, from 0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QVBoxLayout, QWidget

from reader.errors import MeipiError

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from reader.documents import Document
    from reader.importing.pdf import PageData
    from reader.ui.window.main_window import MainWindow
    from reader.ui.window.workers import Runner

FOLLOW_DELAY_MS = 150
RENDER_WIDTH = 900  # pixels: sharp enough to check a character, small enough to render fast


# A plain class, not a dataclass nor a NamedTuple: its class is made as the window gets ready
# (a frozen dataclass's ~0.6 ms, a NamedTuple's ~0.15).
class _Rendered:
    __slots__ = ("doc_id", "image", "page", "page_height", "scale")

    def __init__(
        self, doc_id: str, page: int, image: QImage, scale: float, page_height: float
    ) -> None:
        self.doc_id, self.page, self.image = doc_id, page, image
        self.scale, self.page_height = scale, page_height


class PageCanvas(QWidget):
    """The page image, scaled to the dock's width, with the passage's boxes outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self._image: QImage | None = None
        self._scale = 1.0
        self._page_height = 0.0
        self._boxes: list[tuple[float, float, float, float]] = []

    def show_page(
        self,
        image: QImage,
        scale: float,
        page_height: float,
        boxes: list[tuple[float, float, float, float]],
    ) -> None:
        self._image, self._scale, self._page_height = image, scale, page_height
        self._boxes = boxes
        self.updateGeometry()
        self.update()

    def box_point(self) -> tuple[float, float] | None:
        """Where on the canvas the first outlined box is (widget pixels)."""
        if self._image is None or not self._boxes:
            return None
        x0, _y0, _x1, y1 = self._boxes[0]
        factor = self._scale * self._zoom()
        return x0 * factor, (self._page_height - y1) * factor

    def clear(self) -> None:
        self._image, self._boxes = None, []
        self.updateGeometry()
        self.update()

    def outlined(self) -> list[tuple[float, float, float, float]]:
        return list(self._boxes)

    def has_page(self) -> bool:
        return self._image is not None

    def _zoom(self) -> float:
        if self._image is None or self._image.width() == 0:
            return 1.0
        return max(0.1, self.width() / self._image.width())

    def sizeHint(self) -> QSize:
        if self._image is None:
            return QSize(300, 400)
        return QSize(self._image.width() // 2, self._image.height() // 2)

    def hasHeightForWidth(self) -> bool:
        return self._image is not None

    def heightForWidth(self, width: int) -> int:
        if self._image is None or self._image.width() == 0:
            return 400
        return int(width * self._image.height() / self._image.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # Around the page (and with no page) the theme's colour; the page itself stays white.
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        if self._image is None:
            painter.end()
            return
        zoom = self._zoom()
        target = QRectF(0, 0, self._image.width() * zoom, self._image.height() * zoom)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        pen = QPen(QColor(220, 40, 40))
        pen.setWidthF(2.0)
        painter.setPen(pen)
        factor = self._scale * zoom
        for x0, y0, x1, y1 in self._boxes:
            # PDF points from the bottom left; the image from the top left.
            rect = QRectF(
                x0 * factor - 2,
                (self._page_height - y1) * factor - 2,
                (x1 - x0) * factor + 4,
                (y1 - y0) * factor + 4,
            )
            painter.drawRect(rect)
        painter.end()


class PageViewFeature(QObject):
    page_shown = Signal(int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._doc: Document | None = None
        self._data: PageData | None = None
        self._pdf: bytes | None = None
        self._cache: dict[tuple[str, int], _Rendered] = {}
        self._wanted: tuple[str, int] | None = None
        self._boxes: list[tuple[float, float, float, float]] = []
        self._placed = False
        # Put away by the window, not the reader: the open text has no page to show, and the
        # dock comes back with the next text that has one.
        self._put_away = False
        self._runner: Runner | None = None  # renders pages (made with the first one)
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_DELAY_MS)
        self._follow.timeout.connect(self._on_follow_timeout)

        self.dock = QDockWidget(self.tr("Original Page"), window)
        self.dock.setObjectName("pageViewDock")
        # What the dock shows (status line, page) is made when it is first shown: hidden, as
        # it is for any text not imported from a PDF, it was built as the window got ready.
        self._parts: tuple[QLabel, PageCanvas, QScrollArea] | None = None
        # Where, how wide and whether open the reader left it at the last quit (the window
        # restored its layout before this dock existed); else hidden, placed when first shown.
        if window.restoreDockWidget(self.dock):
            self._placed = True
            if self.dock.isVisible():
                # Open at quit: the tab in front (its tab group was restored with the tab
                # that existed then, the sidebar, in front).
                QTimer.singleShot(0, self.dock.raise_)
        else:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.hide()

        self.action: QAction = self.dock.toggleViewAction()
        self.action.setText(self.tr("Original &Page"))
        self.action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.action.setToolTip(self.tr("The PDF page this passage was imported from"))
        window.view_menu.insertAction(window.view_script_section, self.action)

        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self.action.triggered.connect(self._on_action_triggered)
        window.document_opened.connect(self._on_document_opened)
        window.reading_view.position_changed.connect(self._on_position_changed)
        window.reading_view.selectionChanged.connect(self._on_selection_changed)
        self.refresh()  # restored open: its page now (nothing when it is hidden)

    def _made(self) -> tuple[QLabel, PageCanvas, QScrollArea]:
        if self._parts is None:
            body = QWidget(self.dock)
            layout = QVBoxLayout(body)
            layout.setContentsMargins(4, 4, 4, 4)
            status = QLabel(body)
            status.setObjectName("pageViewStatus")
            status.setWordWrap(True)
            canvas = PageCanvas()
            scroll = QScrollArea(body)
            scroll.setWidgetResizable(True)
            scroll.setWidget(canvas)
            layout.addWidget(status)
            layout.addWidget(scroll, 1)
            self.dock.setWidget(body)
            self._parts = (status, canvas, scroll)
        return self._parts

    @property
    def status(self) -> QLabel:
        return self._made()[0]

    @property
    def canvas(self) -> PageCanvas:
        return self._made()[1]

    @property
    def scroll(self) -> QScrollArea:
        return self._made()[2]

    # -- what is shown -----------------------------------------------------------------------
    def shown_page(self) -> int | None:
        """The PDF page on screen (from 0), if any."""
        if self._wanted is None or self._parts is None:
            return None
        return self._wanted[1] if self.canvas.has_page() else None

    def _load(self) -> None:
        doc = self.window.current_document()
        if doc is self._doc:
            return
        self._doc, self._data, self._pdf = doc, None, None
        self._cache.clear()
        if doc is None or doc.shipped or doc.path is None:
            return
        # The PDF pipeline (and PDFium) is imported for an imported text only: the shipped
        # articles start without it (startup time and memory, issue 22).
        from reader.importing.pdf import original_of, page_data_of

        folder = doc.path.parent
        original = original_of(doc.id, folder)
        data = page_data_of(doc.id, folder)
        if original is None or data is None:
            return
        try:
            self._pdf = original.read_bytes()
        except OSError:
            return
        self._data = data

    def refresh(self) -> None:
        """Show the page of the selection's start, or of the reading position."""
        if not self.dock.isVisible():
            return
        self._load()
        doc = self._doc
        if doc is None:
            self._say(self.tr("Open a text to see its original page."))
            return
        if self._data is None or self._pdf is None:
            self._say(
                self.tr("“%1” was not imported from a PDF, so there is no page to show.").replace(
                    "%1", doc.title
                )
            )
            return
        selected = self.window.reading_view.selected_range()
        boxes: list[tuple[float, float, float, float]] = []
        if selected is not None and selected[0] < selected[1]:
            page, boxes = self._data.boxes(selected[0], selected[1])
        else:
            page = self._data.page_at(self.window.reading_view.reading_position())
        if page is None:
            self._say(self.tr("No page holds this place."))
            return
        self._boxes = boxes
        self._wanted = (doc.id, page)
        cached = self._cache.get(self._wanted)
        if cached is not None:
            self._show(cached)
            return
        label = self._data.pages[page][2] if page < len(self._data.pages) else str(page + 1)
        self.status.setText(self.tr("Rendering page %1…").replace("%1", label))
        pdf, doc_id, name = self._pdf, doc.id, doc.meta.source or doc.id
        from reader.importing.pdf_extract import render

        if self._runner is None:
            from reader.ui.window.workers import Runner

            self._runner = Runner(self)
        self._runner.run(
            "page",
            lambda: (doc_id, page, render(pdf, page, RENDER_WIDTH, name=name)),
            self._on_renderer_finished,
            on_error=self._on_renderer_failed,
        )

    def _show(self, rendered: _Rendered) -> None:
        assert self._data is not None
        width, height, label = self._data.pages[rendered.page]
        del width, height
        self.canvas.show_page(rendered.image, rendered.scale, rendered.page_height, self._boxes)
        if self._boxes:
            QTimer.singleShot(0, self._scroll_to_boxes)
        text = self.tr("Page %1 (PDF page %2)").replace("%1", label)
        text = text.replace("%2", str(rendered.page + 1))
        if self._boxes:
            text += " · " + self.tr("the selected passage is outlined")
        self.status.setText(text)
        self.page_shown.emit(rendered.page)

    def _scroll_to_boxes(self) -> None:
        """Bring the outlined passage into view."""
        point = self.canvas.box_point()
        if point is not None:
            self.scroll.ensureVisible(int(point[0]), int(point[1]), 40, 120)

    def _say(self, text: str) -> None:
        self._wanted = None
        self.canvas.clear()
        self.status.setText(text)

    # -- slots -------------------------------------------------------------------------------
    def _on_renderer_finished(self, result: object) -> None:
        assert isinstance(result, tuple)
        doc_id, page, rendered_page = result
        from PySide6.QtGui import QImage  # made with the first page (startup: issue 22)

        image = QImage.fromData(rendered_page.png)
        rendered = _Rendered(doc_id, page, image, rendered_page.scale, rendered_page.page_height)
        self._cache[(doc_id, page)] = rendered
        if self._wanted == (doc_id, page):
            self._show(rendered)

    def _on_renderer_failed(self, error: Exception) -> None:
        message = str(error) if isinstance(error, MeipiError) else repr(error)
        self.status.setText(message)

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self._make_room()
            self.refresh()

    def _make_room(self) -> None:
        """Shown for the first time: share the right side with the docks there as a tab of
        their full height, and take a third of the window's width (a page must be legible)."""
        if self.dock.isFloating() or self._placed:
            return
        self._placed = True
        window = self.window
        others = [
            d
            for d in window.findChildren(QDockWidget)
            if d is not self.dock
            and d.isVisible()
            and not d.isFloating()
            and window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        if others:
            window.tabifyDockWidget(others[0], self.dock)
            QTimer.singleShot(0, self.dock.raise_)
        window.resizeDocks([self.dock], [max(420, window.width() // 3)], Qt.Orientation.Horizontal)

    def _on_action_triggered(self, _checked: bool) -> None:
        self._put_away = False  # the reader's own choice from now on

    def _on_document_opened(self, _doc_id: str) -> None:
        # The dock shown for a PDF's pages goes away with a text that has none (a third of
        # the window saying there is no page), and comes back with the next that has.
        doc = self.window.current_document()
        has_pages = doc is not None and _has_pages(doc)
        if self.dock.isVisible() and not self.dock.isFloating() and not has_pages:
            if doc is not self._doc and self._doc is not None and self._data is not None:
                self._put_away = True
                self.dock.hide()
        elif self._put_away and has_pages:
            self._put_away = False
            self.dock.show()
            self.dock.raise_()
        self._follow.start()

    def _on_position_changed(self, _offset: int) -> None:
        self._follow.start()

    def _on_selection_changed(self) -> None:
        self._follow.start()

    def _on_follow_timeout(self) -> None:
        self.refresh()


def _has_pages(doc: Document) -> bool:
    """Whether ``doc`` was imported from a PDF whose pages can be shown (its PDF and page data
    are kept beside it)."""
    if doc.shipped or doc.path is None:
        return False
    from reader.importing.pdf import PAGES_SUFFIX, original_of

    return (
        original_of(doc.id, doc.path.parent) is not None
        and (doc.path.parent / f"{doc.id}{PAGES_SUFFIX}").is_file()
    )


def install_page_view(window: MainWindow) -> PageViewFeature:
    """Add View ▸ Original Page."""
    return PageViewFeature(window)

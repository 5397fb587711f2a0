"""The main window: the library beside the reading pane, menus, toolbar and status bar, and
what is remembered between sessions.

Services come in through the constructor (the library, the settings, the installed fonts); the
window owns no data of its own beyond what it shows.

Signals:
    document_opened(str): an article is now shown (its id).
    theme_applied(str): a theme was drawn (``light``, ``dark`` or ``sepia``).

Over 600 lines as one job: the frame every feature installs itself into (menus, toolbar,
docks, status bar, zoom, themes, the remembered layout and place); the features themselves live
in the task folders beside this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QFont,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import paths
from reader.documents import Document, Library
from reader.errors import InputError
from reader.shelf import OpeningLibrary

if TYPE_CHECKING:
    from collections.abc import Callable

    # (For the hints only: importing a PySide class makes it, with its enums, and these events
    # come at a drop or at the close, not before the first paint.)
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent

    from reader.ui.library.dialogs_feature import DialogsFeature
    from reader.ui.library.library_list import LibraryList, LibraryModel
from reader.ui.reading.fonts import FontCatalog, missing_font_message
from reader.ui.reading.reading_view import ReadingView, margin_room
from reader.ui.reading.typesetting import (
    ZOOM_MAX,
    ZOOM_MIN,
    ReadingContent,
    Typography,
    zoomed_point_size,
)
from reader.ui.window import resources
from reader.ui.window.services import Services
from reader.ui.window.settings import (
    COLUMN_WIDTHS,
    LINE_SPACINGS,
    MARGIN_COLLAPSED,
    ReaderSettings,
)
from reader.ui.window.theme import Theme, resolve

DEFAULT_DOCUMENT = "lian-obor"
SIDEBAR_WIDTH = 320  # the annotations sidebar's first width
POSITION_SAVE_DELAY_MS = 800


class FontBanner(QFrame):
    """A strip above the text saying which font package to install."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fontBanner")
        self._theme: Theme | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.icon = QLabel(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(missing_font_message(), self)
        self.label.setObjectName("fontBannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if not self.isHidden():
            self._draw_icon()

    def showEvent(self, event: QShowEvent) -> None:
        self._draw_icon()
        super().showEvent(event)

    def _draw_icon(self) -> None:
        # Drawn when the banner shows (hidden, as it is wherever a Chinese font is installed,
        # its icon loaded QtSvg and rendered before the text's first paint).
        if self._theme is not None:
            self.icon.setPixmap(resources.icon("warning", self._theme.bannerText).pixmap(20, 20))


class MainWindow(QMainWindow):
    document_opened = Signal(str)
    theme_applied = Signal(str)
    # Everything a reader expects is there: text painted, library listed, every feature that
    # called begin_loading() has called finish_loading() (the benchmark's "fully ready").
    fully_ready = Signal()

    def __init__(
        self,
        library: Library,
        settings: ReaderSettings,
        fonts: FontCatalog,
        parent: QWidget | None = None,
        services: Services | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._library = library
        # The store, glossary and script views, shared by every feature (opened lazily).
        self.services = services or Services(paths.db_path(), library, self)
        # A text imported from the command line appears without a restart.
        self.services.texts_changed.connect(self.reload_library)
        self._settings = settings
        self._fonts = fonts
        self._doc_id: str | None = None
        # The open text, one object while it is open: a library on a shelf (reader.shelf) hands
        # out a new one at each look-up, and the features tell a late result of their own from
        # one of another text by asking whether it is the current document.
        self._doc: Document | None = None
        self._loading: set[str] = set()
        self._close_guards: list[Callable[[], bool]] = []  # see add_close_guard
        self._ready = False
        self._zoom = min(max(settings.zoom(), ZOOM_MIN), ZOOM_MAX)
        self._theme_id = settings.theme()
        self._font_style = settings.font_style()
        self._line_spacing = settings.line_spacing()
        self._column_width = settings.column_width()
        self._theme = resolve(self._theme_id)

        # The chrome's own font first, then a CJK sans for titles and names (without it the
        # fallback font's metrics clip Chinese glyphs in the list).
        from reader.ui.window.app import interface_language  # app imports this module

        # In the interface's own script: 简体中文 menus in a Simplified face's glyph forms.
        hans = interface_language(self._settings.language()) == "zh_CN"
        ui_font = QFont(self.font())
        ui_font.setFamilies(
            [ui_font.family(), *fonts.body_families("sans", "zh-Hans" if hans else "zh-Hant-TW")]
        )
        self.setFont(ui_font)
        # The application's too: item views (the library list, the outline), menus and dialogs
        # take the application's font, not the window's, and drew their Chinese in the system's
        # fallback face (Japanese forms), a second face of the same font file (3 MB).
        QApplication.setFont(ui_font)

        self.reading_view = ReadingView(self._typography(None), self)
        self.banner = FontBanner(self)
        self.banner.setVisible(not fonts.covers_chinese)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.reading_view, 1)
        self.setCentralWidget(central)

        # The dock is made now (the layout does not move later); the list inside it after the
        # text is first painted (startup time: issue 10), or when first asked for.
        self._library_list: LibraryList | None = None
        self.library_dock = self._empty_dock(
            self.tr("Library"), "libraryDock", Qt.DockWidgetArea.LeftDockWidgetArea
        )
        # The annotations sidebar's dock too (filled by the annotations feature after the first
        # paint): made later, it took its room from the text, which was laid out again and
        # moved on screen a moment after it was first painted. Its title is the feature's.
        self.annotations_dock = self._empty_dock(
            QCoreApplication.translate("AnnotationsFeature", "Annotations"),
            "annotationsDock",
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.resizeDocks(
            [self.library_dock, self.annotations_dock],
            [220, SIDEBAR_WIDTH],
            Qt.Orientation.Horizontal,
        )

        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLabel")
        self.statusBar().addWidget(self.page_label)
        # A message takes the page's place rather than being drawn over it (Qt hides the label
        # only when it was visible as the message came, not when the window was still hidden).
        self.statusBar().messageChanged.connect(self._on_status_message_changed)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.statusBar().addPermanentWidget(self.progress_label)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(POSITION_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        # Import, export, text details, removal, copy with citation (issues 8 and 11): installed
        # first thing after the text is painted (startup time: issue 10), or when first asked for.
        self._dialogs: DialogsFeature | None = None
        self.setAcceptDrops(True)  # a file dropped before then installs them (dragEnterEvent)

        self.reading_view.first_painted.connect(self._on_first_painted)
        self.reading_view.position_changed.connect(self._on_position_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

        self.resize(1180, 820)
        # First start: most of the screen (the library, the text, the margin and the sidebar
        # need the room); later starts restore the reader's own geometry below.
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            self.resize(
                max(min(1180, room.width()), int(room.width() * 0.9)),
                max(min(820, room.height()), int(room.height() * 0.9)),
            )
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.window_state()
        if state is not None:
            self.restoreState(state)
        self._apply_theme()
        self._update_zoom_label()
        # Give the reading pane its real size now, so the text is laid out once, at the width
        # it is shown at (startup time: issue 10).
        layout = self.layout()
        if layout is not None:
            layout.activate()
        # The margin notes' room too (the feature draws them after the first paint).
        self.reading_view.setViewportMargins(
            0,
            0,
            margin_room(
                self.reading_view.width(),
                settings.flag(MARGIN_COLLAPSED, False),
                self.reading_view.typography().em(),
            ),
            0,
        )
        if not settings.writable():
            self.statusBar().showMessage(
                self.tr("Your place and settings cannot be saved: %1 is not writable.").replace(
                    "%1", str(settings.path)
                )
            )
        if isinstance(library, OpeningLibrary):
            library.when_listed(self._show_problems)  # after the first paint
        else:
            self._show_problems(library)
        first = self._initial_document()
        if first is not None:
            self.open_document(first)
        else:
            self.page_label.setText(self.tr("No articles found."))

    # -- building ----------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcuts: list[QKeySequence] | None = None,
        *,
        icon: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            # Standard keys repeat the explicit ones on some platforms (ZoomOut is Ctrl+-):
            # a shortcut bound twice is ambiguous and fires neither.
            unique = {k.toString(): k for k in shortcuts if not k.isEmpty()}
            action.setShortcuts(list(unique.values()))
        action.setCheckable(checkable)
        if icon:
            action.setData(icon)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.quit_action = self._action(
            self.tr("&Quit"), self.close, [QKeySequence(keys.Quit), QKeySequence("Ctrl+Q")]
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.zoom_in_action = self._action(
            self.tr("Zoom &In"),
            self.zoom_in,
            [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence(keys.ZoomIn)],
            icon="zoom-in",
        )
        self.zoom_out_action = self._action(
            self.tr("Zoo&m Out"),
            self.zoom_out,
            [QKeySequence("Ctrl+-"), QKeySequence(keys.ZoomOut)],
            icon="zoom-out",
        )
        self.zoom_reset_action = self._action(
            self.tr("&Actual Size"), self.zoom_reset, [QKeySequence("Ctrl+0")]
        )
        self.library_action = self.library_dock.toggleViewAction()
        self.library_action.setText(self.tr("&Library"))
        self.library_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.library_action.setData("library")
        self.addAction(self.library_action)
        self.full_screen_action = self._action(
            self.tr("Full Scr&een"),
            self._on_full_screen,
            [QKeySequence(keys.FullScreen), QKeySequence("F11")],
            checkable=True,
        )
        self.goto_page_action = self._action(
            self.tr("Go to &Page…"), self.ask_page, [QKeySequence("Ctrl+G")]
        )
        self.next_doc_action = self._action(
            self.tr("&Next Article"), self.next_document, [QKeySequence("Ctrl+PgDown")]
        )
        self.prev_doc_action = self._action(
            self.tr("P&revious Article"), self.previous_document, [QKeySequence("Ctrl+PgUp")]
        )
        self.about_action = self._action(self.tr("&About Meipi"), self.show_about, icon="about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(self.tr("About &Qt"), QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for theme_id, label in (
            ("system", self.tr("Follow &System")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
            ("sepia", self.tr("Se&pia")),
        ):
            action = QAction(label, self.theme_group)
            action.setCheckable(True)
            action.setChecked(theme_id == self._theme_id)
            action.triggered.connect(lambda _c=False, t=theme_id: self.set_theme(t))
            self.theme_actions[theme_id] = action
        self.font_group = QActionGroup(self)
        self.font_actions: dict[str, QAction] = {}
        for style, label in (
            ("serif", self.tr("&Serif (Ming/Song 明體)")),
            ("sans", self.tr("S&ans (Hei 黑體)")),
        ):
            action = QAction(label, self.font_group)
            action.setCheckable(True)
            action.setChecked(style == self._font_style)
            action.triggered.connect(lambda _c=False, s=style: self.set_font_style(s))
            self.font_actions[style] = action
        self.spacing_group = QActionGroup(self)
        self.spacing_actions: dict[int, QAction] = {}
        for percent in LINE_SPACINGS:
            action = QAction(self.tr("%1×").replace("%1", f"{percent / 100:.2f}"), self)
            action.setActionGroup(self.spacing_group)
            action.setCheckable(True)
            action.setChecked(percent == self._line_spacing)
            action.triggered.connect(lambda _c=False, p=percent: self.set_line_spacing(p))
            self.spacing_actions[percent] = action
        self.width_group = QActionGroup(self)
        self.width_actions: dict[int, QAction] = {}
        for em in COLUMN_WIDTHS:
            label = self.tr("%1 characters").replace("%1", str(em))
            action = QAction(label, self)
            action.setActionGroup(self.width_group)
            action.setCheckable(True)
            action.setChecked(em == self._column_width)
            action.triggered.connect(lambda _c=False, e=em: self.set_column_width(e))
            self.width_actions[em] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.quit_action)

        # Filled by the features installed after the first paint (undo, find, copy with citation).
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.setObjectName("editMenu")

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.library_action)
        # Script views (issue 4) insert their submenu and actions before this separator.
        self.view_script_section = self.view_menu.addSeparator()
        self.view_menu.addAction(self.zoom_in_action)
        self.view_menu.addAction(self.zoom_out_action)
        self.view_menu.addAction(self.zoom_reset_action)
        self.view_menu.addSeparator()
        self.theme_menu = self.view_menu.addMenu(self.tr("&Theme"))
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.font_menu = self.view_menu.addMenu(self.tr("&Font"))
        self.font_menu.addActions(list(self.font_actions.values()))
        self.spacing_menu = self.view_menu.addMenu(self.tr("Line Spacin&g"))
        self.spacing_menu.addActions(list(self.spacing_actions.values()))
        self.width_menu = self.view_menu.addMenu(self.tr("Column &Width"))
        self.width_menu.addActions(list(self.width_actions.values()))
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.full_screen_action)
        self._build_language_menu()

        self.go_menu = bar.addMenu(self.tr("&Go"))
        self.go_menu.addAction(self.goto_page_action)
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.prev_doc_action)
        self.go_menu.addAction(self.next_doc_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.toolbar.addAction(self.library_action)
        # Script views (issue 4) insert their switcher before this separator.
        self.toolbar_script_section = self.toolbar.addSeparator()
        self.toolbar.addAction(self.zoom_out_action)
        self.toolbar.addAction(self.zoom_in_action)
        self.theme_button = QToolButton(self)
        self.theme_button.setMenu(self.theme_menu)
        self.theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.theme_button.setToolTip(self.tr("Theme"))
        self.theme_button.setAccessibleName(self.tr("Theme"))
        self.toolbar.addWidget(self.theme_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    # -- the library list --------------------------------------------------------------------
    def _on_first_painted(self) -> None:
        # Nothing here runs before the paint is over: each step is its own event, in this order
        # (the dialogs make the Edit menu the other features add to).
        self.begin_loading("window")
        QTimer.singleShot(0, self, self._ensure_dialogs)
        QTimer.singleShot(0, self, self._ensure_library)
        # Script views and search (issues 4–5): switcher, substitution marks, glossary, find.
        QTimer.singleShot(0, self, self._install_views)
        # Features installed below call begin_loading() for work that finishes later.
        # -- compare mode (issue 9): View ▸ Compare Articles; builds its window when first used.
        QTimer.singleShot(0, self, self._install_compare)
        # -- the original page of an imported PDF (issue 17): View ▸ Original Page.
        QTimer.singleShot(0, self, self._install_page_view)
        # -- the outline of headings (issue 21): a dock, View ▸ Outline.
        QTimer.singleShot(0, self, self._install_outline)
        # -- annotations (issue 7): highlights, margin notes, sidebar, tags, undo.
        self.begin_loading("annotations")
        QTimer.singleShot(0, self, self._install_annotations)
        QTimer.singleShot(0, self, lambda: self.finish_loading("window"))

    def _install_outline(self) -> None:
        from reader.ui.reading.outline import install_outline

        self.outline = install_outline(self)

    def _install_page_view(self) -> None:
        from reader.ui.reading.page_view import install_page_view

        self.page_view = install_page_view(self)

    def _install_compare(self) -> None:
        from reader.ui.compare.compare_feature import install_compare

        install_compare(self, self._typography)

    @property
    def dialogs(self) -> DialogsFeature:
        """Import, export, text details, removal and copy with citation (installed on first use
        or right after the first paint)."""
        return self._ensure_dialogs()

    def _ensure_dialogs(self) -> DialogsFeature:
        if self._dialogs is None:
            from reader.ui.library.dialogs_feature import install_dialogs

            self._dialogs = install_dialogs(self)
        return self._dialogs

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # A file dropped on the window (on the text: the dialogs' filter on its viewport).
        self.dialogs.eventFilter(self, event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dialogs.eventFilter(self, event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.dialogs.eventFilter(self, event)

    def _install_annotations(self) -> None:
        from reader.ui.annotating.annotations_feature import install_annotations

        self.annotations_feature = install_annotations(self)
        self.finish_loading("annotations")

    def _install_views(self) -> None:
        from reader.ui.reading.views_feature import install_views

        self.views_feature = install_views(self, self._settings)

    def begin_loading(self, name: str) -> None:
        """A feature started loading something the reader will expect (see fully_ready)."""
        self._loading.add(name)

    def finish_loading(self, name: str) -> None:
        self._loading.discard(name)
        if not self._loading and not self._ready:
            self._ready = True
            self.fully_ready.emit()

    @property
    def is_fully_ready(self) -> bool:
        return self._ready

    @property
    def library_list(self) -> LibraryList:
        return self._ensure_library()

    @property
    def library_model(self) -> LibraryModel:
        from reader.ui.library.library_list import LibraryModel

        model = self._ensure_library().model()
        assert isinstance(model, LibraryModel)
        return model

    def _ensure_library(self) -> LibraryList:
        from reader.ui.library.library_list import LibraryModel

        if self._library_list is None:
            from reader.ui.library.library_panel import LibraryPanel
            from reader.ui.window.app import interface_language  # app imports this module

            model = LibraryModel(list(self._library), self)
            # The list, with its filter and sort above it (a library of thousands: issue 22).
            panel = LibraryPanel(
                model,
                self._settings,
                interface_language(self._settings.language()),
                self.library_dock,
            )
            self._library_list = panel.list
            self.library_dock.setWidget(panel)
            self.addAction(panel.focus_action)
            actions = self.view_menu.actions()  # after View ▸ Library
            after = actions[actions.index(self.library_action) + 1]
            self.view_menu.insertAction(after, panel.focus_action)
            if self._doc_id is not None:
                self._library_list.show_document(self._doc_id)
            self._library_list.document_activated.connect(self._on_document_activated)
        return self._library_list

    # -- documents ---------------------------------------------------------------------------
    def _show_problems(self, library: Library) -> None:
        for problem in library.problems:
            self.statusBar().showMessage(problem, 10000)

    def _initial_document(self) -> str | None:
        library = self._library
        if isinstance(library, OpeningLibrary) and not library.is_listed:
            # The text read straight from its file, the library listed after the first paint:
            # the one the reader left, else the default (any other case lists it now).
            last = self._settings.last_document()
            candidate = last if last is not None else DEFAULT_DOCUMENT
            if library.first(candidate) is not None:
                return candidate
        ids = library.ids()
        if not ids:
            return None
        last = self._settings.last_document()
        if last in ids:
            return last
        return DEFAULT_DOCUMENT if DEFAULT_DOCUMENT in ids else ids[0]

    def current_document(self) -> Document | None:
        if not self._doc_id:
            return None
        if self._doc is None or self._doc.id != self._doc_id:
            self._doc = self._library.find(self._doc_id)
        return self._doc

    def _empty_dock(self, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        """A closable, movable dock in ``area``, holding a placeholder until its feature fills
        it (made before the first paint, so the text's room does not change after it)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(QWidget(dock))
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(area, dock)
        return dock

    def open_document(self, doc_id: str) -> None:
        """Show an article where the reader left it."""
        if doc_id == self._doc_id:
            return
        try:
            doc = self._library.get(doc_id)
        except InputError as exc:  # e.g. a sidebar row of a text removed since it was listed
            self.statusBar().showMessage(str(exc), 15000)
            return
        try:
            # A library of thousands reads a text when it is opened (reader.shelf): its file
            # may have been spoilt or removed since the list was made.
            content = ReadingContent.original(doc)
        except InputError as exc:
            self.statusBar().showMessage(
                self.tr("%1 cannot be opened: %2").replace("%1", doc.title).replace("%2", str(exc)),
                15000,
            )
            self.reload_library()
            return
        self._remember_position()
        self._doc_id, self._doc = doc_id, doc
        self.reading_view.set_typography(self._typography(content))
        self.reading_view.set_content(content, self._settings.position(doc_id))
        if self._library_list is not None:
            self._library_list.show_document(doc_id)
        self.setWindowTitle(self.tr("%1 — Meipi").replace("%1", doc.title))
        self._settings.set_last_document(doc_id)
        self._update_status()
        self.document_opened.emit(doc_id)

    def reload_library(self) -> None:
        """Read the texts again after one was imported, edited or removed (issue 11): the list
        shows them, and the open article is shown again if its metadata changed, or replaced
        if it is gone."""
        from reader.shelf import open_library

        fresh = open_library()
        self.services.note_texts_changed()
        before = self.current_document()
        # In place: the services and every feature hold this same Library.
        self._library.documents.clear()
        self._library.documents.update(fresh.documents)
        self._library.problems[:] = fresh.problems
        if self._library_list is not None:
            self.library_model.set_documents(list(self._library))
        self._doc = None
        current = self.current_document()
        if before is not None and current is not None and current == before:
            self._doc = before  # the same text: the same object for the features
            if self._library_list is not None:
                self._library_list.show_document(current.id)
            return
        self._remember_position()
        self._doc_id = None
        following = current.id if current is not None else self._initial_document()
        if following is not None:
            self.open_document(following)

    def show_content(self, content: ReadingContent) -> None:
        """Show another rendition (a script view) of the open article, keeping the place."""
        anchor = self.reading_view.reading_position()
        # One render: the font (TC/SC) and the text change together.
        self.reading_view.set_content(content, anchor, self._typography(content))

    def _step_document(self, step: int) -> None:
        ids = self._library.ids()
        if self._library_list is not None:
            # The list's order, as filtered and sorted, while the open text is in it.
            shown = self.library_model.shown_ids()
            if self._doc_id in shown:
                ids = shown
        if not ids or self._doc_id is None:
            return
        self.open_document(ids[(ids.index(self._doc_id) + step) % len(ids)])

    def next_document(self) -> None:
        self._step_document(1)

    def previous_document(self) -> None:
        self._step_document(-1)

    def _on_document_activated(self, doc_id: str) -> None:
        self.open_document(doc_id)

    def ask_page(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # made when first asked

        doc = self.current_document()
        if doc is None or not doc.pages:
            return
        if any(page.label is not None for page in doc.pages):
            self._ask_labelled_page(doc)
            return
        first, last = doc.pages[0].number, doc.pages[-1].number
        number, ok = QInputDialog.getInt(
            self,
            self.tr("Go to Page"),
            self.tr("Printed page (%1–%2):").replace("%1", str(first)).replace("%2", str(last)),
            self.reading_view.current_page(),
            first,
            last,
        )
        if ok:
            self.go_to_page(number)

    def _ask_labelled_page(self, doc: Document) -> None:
        """Go to Page for a text whose pages are not all numbered (an imported PDF's Roman
        front matter): the printed labels to choose from."""
        from PySide6.QtWidgets import QInputDialog  # made when first asked

        labels = list(dict.fromkeys(page.printed for page in doc.pages))
        current = self.reading_view.current_label()
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Go to Page"),
            self.tr("Printed page (%1–%2):").replace("%1", labels[0]).replace("%2", labels[-1]),
            labels,
            labels.index(current) if current in labels else 0,
            False,
        )
        if ok:
            self.go_to_label(label)

    def go_to_label(self, label: str) -> None:
        """Scroll to the first page printed ``label``."""
        doc = self.current_document()
        if doc is None:
            return
        for page in doc.pages:
            if page.printed == label:
                self.reading_view.scroll_to_offset(page.start)
                return

    def go_to_page(self, number: int) -> None:
        doc = self.current_document()
        if doc is None:
            return
        for page in doc.pages:
            if page.number >= number:
                self.reading_view.scroll_to_offset(page.start)
                return

    # -- position and status -----------------------------------------------------------------
    def _on_status_message_changed(self, message: str) -> None:
        self.page_label.setVisible(not message)

    def _on_position_changed(self, _offset: int) -> None:
        self._update_status()
        self._save_timer.start()

    def _on_save_timer_timeout(self) -> None:
        self._remember_position()

    def _remember_position(self) -> None:
        if self._doc_id is not None and self.reading_view.content() is not None:
            self._settings.set_position(self._doc_id, self.reading_view.reading_position())

    def _update_status(self) -> None:
        if self.reading_view.content() is None:
            return
        page = self.reading_view.current_label()
        self.page_label.setText(self.tr("Page %1").replace("%1", page))
        percent = round(self.reading_view.progress() * 100)
        self.progress_label.setText(self.tr("%1%").replace("%1", str(percent)))

    def _update_zoom_label(self) -> None:
        percent = round(zoomed_point_size(self._zoom) / zoomed_point_size(0) * 100)
        self.zoom_label.setText(self.tr("Zoom %1%").replace("%1", str(percent)))

    # -- appearance --------------------------------------------------------------------------
    def _typography(self, content: ReadingContent | None) -> Typography:
        script = content.script if content is not None else "zh-Hant-TW"
        families = tuple(self._fonts.body_families(self._font_style, script))
        # Under a Ming/Song text, the title and headings in the Hei face (黑體) the window's
        # chrome already uses; a reader who chose the sans keeps its bold headings.
        headings = self._fonts.body_families("sans", script) if self._font_style == "serif" else []
        return Typography(
            families,
            zoomed_point_size(self._zoom),
            self._theme,
            line_height=self._line_spacing,
            column_em=self._column_width,
            heading_families=tuple(headings),
        )

    def _retypeset(self) -> None:
        self.reading_view.set_typography(self._typography(self.reading_view.content()))

    def zoom_steps(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = min(max(steps, ZOOM_MIN), ZOOM_MAX)
        if steps == self._zoom:
            return
        self._zoom = steps
        self._settings.set_zoom(steps)
        self._retypeset()
        self._update_zoom_label()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme_id: str) -> None:
        """``system``, ``light``, ``dark`` or ``sepia``."""
        self._theme_id = theme_id
        self._settings.set_theme(theme_id)
        self.theme_actions[theme_id].setChecked(True)
        self._apply_theme()

    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self._theme_id == "system":
            self._apply_theme(scheme)

    def _apply_theme(self, scheme: Qt.ColorScheme | None = None) -> None:
        self._theme = resolve(self._theme_id, scheme)
        theme = self._theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(theme.palette())
            app.setStyleSheet(resources.stylesheet("window", theme.colors()))
        for action in (
            self.library_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.about_action,
        ):
            name = action.data()
            if isinstance(name, str):
                action.setIcon(resources.icon(name, theme.text))
        self.theme_button.setIcon(resources.icon("theme", theme.text))
        self.banner.set_theme(theme)
        self._retypeset()
        self.theme_applied.emit(theme.id)

    def set_font_style(self, style: str) -> None:
        """``serif`` (Ming/Song) or ``sans`` (Hei)."""
        self._font_style = style
        self._settings.set_font_style(style)
        self.font_actions[style].setChecked(True)
        self._retypeset()

    def set_line_spacing(self, percent: int) -> None:
        """Body line height in percent of the font size (remembered)."""
        self._line_spacing = percent
        self._settings.set_line_spacing(percent)
        self.spacing_actions[percent].setChecked(True)
        self._retypeset()

    def set_column_width(self, em: int) -> None:
        """The column's greatest width in full-width characters (remembered)."""
        self._column_width = em
        self._settings.set_column_width(em)
        self.width_actions[em].setChecked(True)
        self._retypeset()

    def _on_full_screen(self, checked: bool) -> None:
        self.showFullScreen() if checked else self.showNormal()

    def _build_language_menu(self) -> None:
        """View ▸ Language: the system's, or a language named in its own script; remembered in
        the settings and applied on the next start (the window is built in one language)."""
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu(self.tr("Lang&uage"))
        self.language_menu.setObjectName("languageMenu")
        names = {  # the order of reader.ui.window.settings.LANGUAGES
            "system": self.tr("&System Language"),
            "en": "&English",
            "zh_TW": "繁體中文",
            "zh_CN": "简体中文",
        }
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        current = self._settings.language()
        for code, name in names.items():
            action = QAction(name, self)
            action.setActionGroup(group)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _c=False, c=code: self.set_language(c))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_menu.addSeparator()
        note = self.language_menu.addAction(self.tr("Applied When Meipi Starts Again"))
        note.setEnabled(False)

    def set_language(self, code: str) -> None:
        """Remember the interface language (``system``, ``en``, ``zh_TW``, ``zh_CN``) for the
        next start."""
        self._settings.set_language(code)
        self._settings.sync()
        self.language_actions[code].setChecked(True)
        self.statusBar().showMessage(
            self.tr("The interface language changes when Meipi starts again."), 10000
        )

    # -- dialogs -----------------------------------------------------------------------------
    def show_about(self) -> None:
        from reader.ui.window.about_dialog import AboutDialog  # not needed before the first paint

        dialog = AboutDialog(list(self._library), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- closing -----------------------------------------------------------------------------
    def save_state(self) -> None:
        self._remember_position()
        self._settings.set_geometry(self.saveGeometry())
        self._settings.set_window_state(self.saveState())
        self._settings.sync()

    def add_close_guard(self, guard: Callable[[], bool]) -> None:
        """Ask ``guard()`` before the window closes (the guard added last first): False keeps
        the window open (a feature that could not save what the reader typed shows it and
        why). Instead of an event filter on the window, which ran Python for each of its
        events (dozens as the features install themselves, before the window is ready)."""
        self._close_guards.append(guard)

    def closeEvent(self, event: QCloseEvent) -> None:
        for guard in reversed(self._close_guards):
            if not guard():
                event.ignore()
                return
        self._save_timer.stop()
        self.save_state()
        self.services.close()
        super().closeEvent(event)

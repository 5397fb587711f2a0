"""Themes: light, dark and sepia, and "system", which follows the desktop's colour scheme.

A theme is a set of named colours. They fill the application palette, the window's stylesheet
(``resources/styles/window.qss``) and the reading pane's text formats, so one table decides how
everything looks.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat

THEME_IDS = ("system", "light", "dark", "sepia")


# A NamedTuple, not a dataclass: made before the first paint, where a frozen dataclass costs
# ~0.9 ms of compiling its generated methods (one ~0.2); as immutable, compared and hashed.
class Theme(NamedTuple):
    id: str
    dark: bool
    window: str  # the chrome around the page
    text: str  # text of the chrome
    panel: str  # the library list
    hover: str
    rule: str  # hairlines between areas
    paper: str  # the reading page
    ink: str  # body text
    muted: str  # captions, notes, back matter, status text
    accent: str  # page numbers in the margin: cinnabar, like a scholar's 眉批
    heading: str
    selection: str  # selected rows and fields
    # Selected text in the reading pane: ink and paper swapped in one tone, so no highlight
    # wash (pale on light paper, deep on dark) can be taken for it.
    textSelection: str
    textSelectionInk: str
    scroll: str
    banner: str
    bannerRule: str
    bannerText: str

    def colors(self) -> dict[str, str]:
        return {k: v for k, v in self._asdict().items() if isinstance(v, str) and k != "id"}

    def palette(self) -> QPalette:
        p = QPalette()
        role = QPalette.ColorRole
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            p.setColor(group, role.Window, QColor(self.window))
            p.setColor(group, role.WindowText, QColor(self.text))
            p.setColor(group, role.Base, QColor(self.panel))
            p.setColor(group, role.AlternateBase, QColor(self.hover))
            p.setColor(group, role.Text, QColor(self.text))
            p.setColor(group, role.Button, QColor(self.window))
            p.setColor(group, role.ButtonText, QColor(self.text))
            p.setColor(group, role.Highlight, QColor(self.selection))
            p.setColor(group, role.HighlightedText, QColor(self.ink))
            p.setColor(group, role.ToolTipBase, QColor(self.paper))
            p.setColor(group, role.ToolTipText, QColor(self.ink))
            p.setColor(group, role.PlaceholderText, QColor(self.muted))
            p.setColor(group, role.Link, QColor(self.accent))
            p.setColor(group, role.Mid, QColor(self.rule))
        disabled = QPalette.ColorGroup.Disabled
        # Disabled text: the muted tone taken 40 % toward the window's — in the dark theme the
        # muted tone itself read almost as enabled in a menu (a tester).
        muted, window = QColor(self.muted), QColor(self.window)
        faded = QColor(
            round(muted.red() * 0.6 + window.red() * 0.4),
            round(muted.green() * 0.6 + window.green() * 0.4),
            round(muted.blue() * 0.6 + window.blue() * 0.4),
        )
        for r in (role.WindowText, role.Text, role.ButtonText):
            p.setColor(disabled, r, faded)
        p.setColor(disabled, role.Window, QColor(self.window))
        p.setColor(disabled, role.Base, QColor(self.panel))
        p.setColor(disabled, role.Button, QColor(self.window))
        return p


LIGHT = Theme(
    id="light",
    dark=False,
    window="#eeece7",
    text="#2b2a28",
    panel="#f6f4f0",
    hover="#e2dfd8",
    rule="#d6d2c9",
    paper="#fdfcf9",
    ink="#1e1d1b",
    muted="#7b766d",
    accent="#b2432b",
    heading="#1e1d1b",
    selection="#c7dbf0",
    textSelection="#41618a",
    textSelectionInk="#fdfcf9",
    scroll="#cdc8be",
    banner="#fff3cd",
    bannerRule="#e5c76b",
    bannerText="#4d3b00",
)
DARK = Theme(
    id="dark",
    dark=True,
    window="#232427",
    text="#d5d2cb",
    panel="#1c1d20",
    hover="#34363a",
    rule="#3a3c40",
    paper="#1a1b1d",
    ink="#d9d5cc",
    muted="#8e8a82",
    accent="#e08a6c",
    heading="#ece8df",
    selection="#35506f",
    textSelection="#a9c4e4",
    textSelectionInk="#1a1b1d",
    scroll="#4a4c51",
    banner="#4a3b10",
    bannerRule="#7a6220",
    bannerText="#f3e2a8",
)
SEPIA = Theme(
    id="sepia",
    dark=False,
    window="#e6dcc4",
    text="#3d3122",
    panel="#eee5cf",
    hover="#dacfb3",
    rule="#cbbd9c",
    paper="#f5edda",
    ink="#382c1d",
    muted="#857258",
    accent="#a03c22",
    heading="#2e2417",
    selection="#dcc795",
    textSelection="#6f5331",
    textSelectionInk="#f5edda",
    scroll="#c9b893",
    banner="#f7e2a6",
    bannerRule="#d4b354",
    bannerText="#4d3b00",
)
THEMES = {t.id: t for t in (LIGHT, DARK, SEPIA)}


def system_scheme() -> Qt.ColorScheme:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return Qt.ColorScheme.Unknown
    return app.styleHints().colorScheme()


def resolve(theme_id: str, scheme: Qt.ColorScheme | None = None) -> Theme:
    """The theme to draw for a setting: ``system`` is dark or light as the desktop's colour
    scheme (``scheme``, else asked of Qt) is; an unknown scheme reads as light."""
    if theme_id in THEMES:
        return THEMES[theme_id]
    if scheme is None:
        scheme = system_scheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def search_hit_format(theme: Theme, *, current: bool = False) -> QTextCharFormat:
    """How a search hit is drawn: a grey wash of the ink's own colour over a wavy underline
    (cinnabar; the ink's colour for the current hit).
    Highlights are saturated washes (yellow, green, blue, pink, purple) without an underline,
    so no highlight colour reads as a hit in any theme; the current hit is darker."""
    wash = QColor(theme.ink)
    # On dark paper a light wash needs more of itself to be seen at a glance (the light
    # theme's share left the hits barely visible).
    if theme.dark:
        wash.setAlpha(120 if current else 64)
    else:
        wash.setAlpha(80 if current else 38)
    fmt = QTextCharFormat()
    fmt.setBackground(wash)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(theme.ink if current else theme.accent))
    return fmt

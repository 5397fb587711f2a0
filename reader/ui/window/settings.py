"""The window's settings: an INI file in the data directory, so a test's data directory (and a
user's ``$MEIPI_DATA_DIR``) holds everything.

Remembered: window geometry and layout, the open article, each article's reading position (the
canonical offset of the first visible character), interface language, zoom, theme, font style,
line spacing and column width.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from reader import paths
from reader.ui.window.theme import THEME_IDS

FONT_STYLES = ("serif", "sans")
LINE_SPACINGS = (150, 165, 180, 200, 220)  # percent of the font size; 180 by default
COLUMN_WIDTHS = (30, 35, 40, 46, 54)  # full-width characters; 40 by default
MARGIN_COLLAPSED = "annotations/margin_collapsed"  # the margin notes folded to a strip
SETTINGS_FILENAME = "settings.ini"
# The interface language: the system's, or one chosen in View ▸ Language (read at start).
LANGUAGES = ("system", "en", "zh_TW", "zh_CN")


class ReaderSettings:
    """Typed access to the settings file (QSettings gives strings back from INI files)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # If the directory cannot be made, QSettings reports it through status() on sync().
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @classmethod
    def default(cls) -> ReaderSettings:
        return cls(paths.data_dir() / SETTINGS_FILENAME)

    def _int(self, key: str, default: int) -> int:
        value: object = self._qs.value(key, default)
        if not isinstance(value, int | float | str | bytes):  # what int() takes
            return default
        try:
            return int(value)
        except ValueError:
            return default

    def _str(self, key: str, default: str, allowed: tuple[str, ...] | None = None) -> str:
        value = self._qs.value(key, default)
        text = value if isinstance(value, str) else default
        if allowed is not None and text not in allowed:
            return default
        return text

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    # -- window ------------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, value: QByteArray) -> None:
        self._put("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, value: QByteArray) -> None:
        self._put("window/state", value)

    def language(self) -> str:
        """``system`` (the system locale's), ``en``, ``zh_TW`` or ``zh_CN``."""
        return self._str("window/language", "system", LANGUAGES)

    def set_language(self, language: str) -> None:
        self._put("window/language", language)

    # -- reading -----------------------------------------------------------------------------
    def last_document(self) -> str | None:
        value = self._qs.value("reading/document")
        return value if isinstance(value, str) and value else None

    def set_last_document(self, doc_id: str) -> None:
        self._put("reading/document", doc_id)

    def position(self, doc_id: str) -> int:
        return max(0, self._int(f"positions/{doc_id}", 0))

    def set_position(self, doc_id: str, offset: int) -> None:
        self._put(f"positions/{doc_id}", int(offset))

    # -- appearance --------------------------------------------------------------------------
    def zoom(self) -> int:
        return self._int("appearance/zoom", 0)

    def set_zoom(self, steps: int) -> None:
        self._put("appearance/zoom", int(steps))

    def theme(self) -> str:
        return self._str("appearance/theme", "system", THEME_IDS)

    def set_theme(self, theme_id: str) -> None:
        self._put("appearance/theme", theme_id)

    def font_style(self) -> str:
        return self._str("appearance/font", "serif", FONT_STYLES)

    def set_font_style(self, style: str) -> None:
        self._put("appearance/font", style)

    def line_spacing(self) -> int:
        """Body line height, percent of the font size (View ▸ Line Spacing)."""
        value = self._int("appearance/line_spacing", LINE_SPACINGS[2])
        return value if value in LINE_SPACINGS else LINE_SPACINGS[2]

    def set_line_spacing(self, percent: int) -> None:
        self._put("appearance/line_spacing", int(percent))

    def column_width(self) -> int:
        """The column's greatest width in full-width characters (View ▸ Column Width)."""
        value = self._int("appearance/column_width", COLUMN_WIDTHS[2])
        return value if value in COLUMN_WIDTHS else COLUMN_WIDTHS[2]

    def set_column_width(self, em: int) -> None:
        self._put("appearance/column_width", int(em))

    # -- the features' own keys ("group/name"), typed: no feature reads QSettings itself -----
    def text(self, key: str, default: str = "", allowed: tuple[str, ...] | None = None) -> str:
        """A string setting (``default`` when absent, or not one of ``allowed``)."""
        return self._str(key, default, allowed)

    def flag(self, key: str, default: bool = False) -> bool:
        """A yes/no setting (written ``true``/``false``)."""
        return self._bool(key, default)

    def strings(self, key: str) -> list[str] | None:
        """A list of strings kept as JSON text; None when absent or not such a list."""
        raw = self._qs.value(key)
        if not isinstance(raw, str):
            return None
        import json  # not before the first paint (only the export dialog keeps lists)

        try:
            value = json.loads(raw)
        except ValueError:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        return None

    def saved_layout(self, key: str) -> QByteArray | None:
        """A widget's saved geometry or state (``saveGeometry``, ``saveState``)."""
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _put(self, key: str, value: str | int | QByteArray) -> None:
        """Set ``key``, unless it holds ``value`` already: QSettings writes the whole file
        anew (a lock file, a temporary file, two fdatasync calls, a rename) after any
        setValue(), an unchanged one too, and the window set the text it opens, its view and
        its place at every start and every opening."""
        held = self._qs.value(key)
        if held is not None and (held == value or (isinstance(value, int) and held == str(value))):
            return
        self._qs.setValue(key, value)

    def set_value(self, key: str, value: str | int | QByteArray) -> None:
        self._put(key, value)

    def set_flag(self, key: str, on: bool) -> None:
        self._put(key, "true" if on else "false")

    def set_strings(self, key: str, values: Iterable[str]) -> None:
        import json

        self._put(key, json.dumps(list(values), ensure_ascii=False))

    def writable(self) -> bool:
        """Whether changes can be saved (the file, or else its directory, is writable)."""
        if self.path.exists():
            return self.path.is_file() and os.access(self.path, os.W_OK)
        return self.path.parent.is_dir() and os.access(self.path.parent, os.W_OK)

    def sync(self) -> bool:
        """Write to disk; False when the file cannot be written."""
        self._qs.sync()
        return self._qs.status() == QSettings.Status.NoError

"""The one place where canonical offsets meet Qt's text positions.

Everywhere else in Meipi an offset is a Unicode code point into a document's canonical text. The
reading pane shows a *shown text* (the canonical text, or a script view of it) in a
``QTextDocument``, whose positions count UTF-16 code units: a character outside the Basic
Multilingual Plane (𠮷, an emoji) is two positions there. Blocks in the shown text are separated
by one ``\\n`` and in the ``QTextDocument`` by one paragraph separator, so both count one.

:class:`PositionMap` composes the two steps — canonical ↔ shown (through the view's offset map)
and shown ↔ Qt (code points ↔ UTF-16) — and nothing else converts between them. No Qt here, so
the conversions are tested without a ``QApplication``.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap(Protocol):
    """How a view's text maps to the canonical text (``reader.script.View`` satisfies it)."""

    def to_view(self, start: int, end: int) -> tuple[int, int]: ...

    def to_canonical(self, vstart: int, vend: int) -> tuple[int, int]: ...


class IdentityMap:
    """The original view: the shown text is the canonical text."""

    def __init__(self, length: int) -> None:
        self._length = length

    def _clamp(self, value: int) -> int:
        return min(max(value, 0), self._length)

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        return self._clamp(start), self._clamp(end)

    def to_canonical(self, vstart: int, vend: int) -> tuple[int, int]:
        return self._clamp(vstart), self._clamp(vend)


class Utf16Map:
    """Code point offsets ↔ UTF-16 positions for one text."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Code point indices of astral characters (each takes two UTF-16 units). Most texts
        # have none, which its UTF-16 length says without walking a 1M-character text in Python.
        self._astral = (
            [m.start() for m in _ASTRAL.finditer(text)]
            if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
            else []
        )
        # The UTF-16 position of each astral character's first unit.
        self._astral_units = [i + n for n, i in enumerate(self._astral)]

    @property
    def length(self) -> int:
        """Length in code points."""
        return self._length

    @property
    def units(self) -> int:
        """Length in UTF-16 code units."""
        return self._length + len(self._astral)

    def to_units(self, offset: int) -> int:
        offset = min(max(offset, 0), self._length)
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_code_points(self, units: int) -> int:
        """The code point offset of a UTF-16 position; inside a surrogate pair, the character's
        start (never half a character)."""
        units = min(max(units, 0), self.units)
        if not self._astral:
            return units
        # Astral characters whose first unit lies strictly before this position.
        before = bisect.bisect_left(self._astral_units, units)
        if before and self._astral_units[before - 1] == units - 1:
            return self._astral[before - 1]
        return units - before


class PositionMap:
    """Canonical offsets ↔ ``QTextDocument`` positions for the text being shown."""

    def __init__(self, shown_text: str, view_map: OffsetMap | None = None) -> None:
        self._utf16 = Utf16Map(shown_text)
        self._view: OffsetMap = view_map or IdentityMap(len(shown_text))
        self._identity = view_map is None

    @property
    def shown_length(self) -> int:
        return self._utf16.length

    # -- shown text (code points) ↔ Qt ------------------------------------------------------
    def shown_to_qt(self, offset: int) -> int:
        return self._utf16.to_units(offset)

    def qt_to_shown(self, position: int) -> int:
        return self._utf16.to_code_points(position)

    # -- canonical ↔ shown ------------------------------------------------------------------
    def canonical_to_shown(self, start: int, end: int) -> tuple[int, int]:
        return self._view.to_view(start, end)

    def shown_to_canonical(self, start: int, end: int) -> tuple[int, int]:
        return self._view.to_canonical(start, end)

    # -- canonical ↔ Qt, the composition everyone else uses ----------------------------------
    def to_qt(self, start: int, end: int) -> tuple[int, int]:
        """The ``QTextDocument`` range showing the canonical range ``[start, end)``."""
        vstart, vend = self._view.to_view(start, end)
        return self._utf16.to_units(vstart), self._utf16.to_units(vend)

    def to_canonical(self, qstart: int, qend: int) -> tuple[int, int]:
        """The canonical range behind the ``QTextDocument`` range ``[qstart, qend)``."""
        vstart = self._utf16.to_code_points(qstart)
        vend = self._utf16.to_code_points(qend)
        if self._utf16.to_units(vend) < qend:
            # ``qend`` fell inside a surrogate pair: keep the whole character, never half.
            vend += 1
        return self._view.to_canonical(vstart, max(vstart, vend))

    def qt_position(self, offset: int) -> int:
        """Where the character at canonical ``offset`` begins in the ``QTextDocument``."""
        if self._identity:
            return self._utf16.to_units(offset)
        vstart, _ = self._view.to_view(offset, offset)
        return self._utf16.to_units(vstart)

    def canonical_offset(self, position: int) -> int:
        """The canonical offset of the character at Qt ``position`` (its segment's start in a
        view that rewrites wording)."""
        shown = self._utf16.to_code_points(position)
        if self._identity:
            return shown
        end = min(shown + 1, self._utf16.length)
        return self._view.to_canonical(shown, end)[0]

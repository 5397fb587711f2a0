"""Which installed font to read in: a Ming/Song serif (明體/宋体) matching the shown script, or a
sans (黑體) if the reader prefers, and whether any installed font can show Chinese at all.

The choice is made from a :class:`FontCatalog` (the installed families), so it can be decided —
and tested — for any set of fonts.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

# Preferred families, best first. Traditional and Simplified glyph shapes differ (骨, real
# Ming vs Song forms), so each script has its own order; the other script's fonts come after.
_SERIF_HANT = (
    "Noto Serif CJK TC",
    "Noto Serif TC",
    "Source Han Serif TC",
    "Source Han Serif TW",
    "Noto Serif CJK HK",
    "Source Han Serif HK",
    "Songti TC",
    "PMingLiU",
    "MingLiU",
    "AR PL UMing TW",
    "AR PL UMing HK",
)
_SERIF_HANS = (
    "Noto Serif CJK SC",
    "Noto Serif SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Songti SC",
    "STSong",
    "SimSun",
    "NSimSun",
    "AR PL UMing CN",
)
_SANS_HANT = (
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "Source Han Sans TC",
    "Source Han Sans TW",
    "Noto Sans CJK HK",
    "PingFang TC",
    "Microsoft JhengHei",
    "Heiti TC",
    "WenQuanYi Zen Hei",
)
_SANS_HANS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "PingFang SC",
    "Microsoft YaHei",
    "Heiti SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
_LAST_RESORT = ("Noto Serif CJK JP", "Noto Sans CJK JP", "Droid Sans Fallback")


def is_simplified(script: str) -> bool:
    """Whether a BCP 47 script id (a view id or a source script) is Simplified."""
    return script.startswith("zh-Hans")


# A NamedTuple, not a frozen dataclass: made before the first paint (startup: see theme.Theme).
class FontCatalog(NamedTuple):
    """The installed font families, and those that declare Chinese support."""

    families: frozenset[str]
    chinese: frozenset[str]

    @classmethod
    def from_system(cls) -> FontCatalog:
        ws = QFontDatabase.WritingSystem
        chinese = set(QFontDatabase.families(ws.TraditionalChinese))
        chinese.update(QFontDatabase.families(ws.SimplifiedChinese))
        return cls(frozenset(QFontDatabase.families()), frozenset(chinese))

    @classmethod
    def of(cls, families: Iterable[str], chinese: Iterable[str]) -> FontCatalog:
        return cls(frozenset(families), frozenset(chinese))

    @property
    def covers_chinese(self) -> bool:
        return bool(self.chinese)

    def _pick(self, names: Iterable[str]) -> list[str]:
        return [n for n in names if n in self.families]

    def body_families(self, style: str, script: str) -> list[str]:
        """Families for body text, best first (Qt falls back along the list glyph by glyph);
        empty when nothing installed shows Chinese."""
        hans = is_simplified(script)
        serif = (_SERIF_HANS, _SERIF_HANT) if hans else (_SERIF_HANT, _SERIF_HANS)
        sans = (_SANS_HANS, _SANS_HANT) if hans else (_SANS_HANT, _SANS_HANS)
        first, second = (sans, serif) if style == "sans" else (serif, sans)
        ordered = self._pick((*first[0], *first[1], *second[0], *second[1], *_LAST_RESORT))
        if not ordered:
            ordered = sorted(self.chinese)
        return list(dict.fromkeys(ordered))


def missing_font_message() -> str:
    """What the banner says when no installed font covers Chinese: which package to install."""
    if sys.platform.startswith("linux"):
        how = QCoreApplication.translate(
            "FontCheck",
            "Install the Noto CJK fonts: on Debian or Ubuntu, <code>sudo apt install "
            "fonts-noto-cjk</code>; on Fedora, <code>sudo dnf install "
            "google-noto-serif-cjk-fonts</code>; elsewhere, the Noto Serif CJK fonts.",
        )
    else:
        how = QCoreApplication.translate(
            "FontCheck", "Install the Noto Serif CJK fonts (free, from Google Fonts)."
        )
    return QCoreApplication.translate(
        "FontCheck",
        "<b>No installed font can show Chinese text</b>, so the article would appear as empty "
        "boxes. {how} Then restart Meipi.",
    ).format(how=how)


# Adjacent full-width punctuation (」，「) is compressed by the font's contextual half-width
# spacing ('chws'), which only narrows a mark next to another. Never 'halt', which would
# half-width every mark of the body text.
CHWS = "chws"
_PROBE = "」，「（"
_chws_support: dict[tuple[str, ...], bool] = {}


def has_contextual_spacing(families: tuple[str, ...]) -> bool:
    """Whether the first of ``families`` that Qt picks for Chinese has the 'chws' feature:
    told by setting a run of adjacent marks with and without it."""
    if families not in _chws_support:
        from PySide6.QtGui import QFont, QTextLayout

        widths: list[float] = []
        for on in (False, True):
            font = QFont()
            font.setFamilies(list(families))
            font.setPixelSize(40)
            if on:
                font.setFeature(QFont.Tag.fromString(CHWS), 1)
            layout = QTextLayout(_PROBE, font)
            layout.beginLayout()
            line = layout.createLine()
            layout.endLayout()
            widths.append(line.naturalTextWidth())
        _chws_support[families] = widths[1] < widths[0] - 1
    return _chws_support[families]

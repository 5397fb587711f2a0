"""Pronunciation for exports and ordering: a quote's pinyin, and themes sorted as readers
expect — by pinyin in Simplified, by zhuyin (bopomofo order) in Traditional.

:func:`theme_sort_key` is the one ordering of themes: the Markdown and comparison exports use
it, and so does the comparison window (``reader.ui.compare.compare_feature``), so both list themes
alike. pypinyin is imported on first use (its dictionaries take a moment to load).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_TONE_MARKS = str.maketrans("", "", "ˊˇˋ˙")


def uses_zhuyin(script: str, source_script: str = "zh-Hant-TW") -> bool:
    """Traditional exports sort by zhuyin, Simplified ones by pinyin (``original``: the
    source's script decides)."""
    if script == "original":
        script = source_script
    return not script.startswith("zh-Hans")


def quote_pinyin(text: str) -> str:
    """The text's pinyin with tone marks, one syllable per character, other text kept."""
    from pypinyin import Style, pinyin

    chunks = pinyin(text, style=Style.TONE, errors=lambda s: s)
    return " ".join(c[0].strip() for c in chunks if c and c[0].strip())


@functools.lru_cache(maxsize=4096)
def _char_key(char: str, zhuyin: bool) -> tuple[int, str, int]:
    if not _HAN.match(char):
        return (0, unicodedata.normalize("NFKC", char).casefold(), 0)
    from pypinyin import Style, pinyin

    tone3 = pinyin(char, style=Style.TONE3, neutral_tone_with_five=True)[0][0]
    tone = int(tone3[-1]) if tone3[-1:].isdigit() else 5
    if zhuyin:
        bopomofo = pinyin(char, style=Style.BOPOMOFO)[0][0].translate(_TONE_MARKS)
        return (1, bopomofo, tone)
    return (1, tone3.rstrip("012345"), tone)


def theme_sort_key(name: str, script: str, source_script: str = "zh-Hant-TW") -> tuple[Any, ...]:
    """A theme's sort key: level by level (parents lead their children), each character by
    its sound (zhuyin's ㄅㄆㄇㄈ order, or pinyin's a–z) then tone, then the text itself."""
    zhuyin = uses_zhuyin(script, source_script)
    levels = name.split("/")
    return tuple((tuple(_char_key(c, zhuyin) for c in level.strip()), level) for level in levels)


def theme_sort_text(name: str, script: str, source_script: str = "zh-Hant-TW") -> str:
    """:func:`theme_sort_key` as a string that sorts the same way (for Qt's sort roles, which
    compare strings, not tuples): levels joined by U+0001, characters ended by U+0002, so a
    parent sorts before its children and a shorter sound before a longer one."""
    zhuyin = uses_zhuyin(script, source_script)
    levels = []
    for level in name.split("/"):
        parts = [
            f"{cls}{sound}\x02{tone}"
            for cls, sound, tone in map(lambda c: _char_key(c, zhuyin), level.strip())
        ]
        levels.append("".join(parts))
    return "\x01".join(levels) + "\x00" + name

"""Word boundaries that suit Chinese: the dictionary word under a position.

Qt's word selection grabs a whole run of Chinese characters. A double-click in Meipi selects the
longest phrase from OpenCC's own phrase dictionaries (Traditional and Simplified) that covers the
clicked character, else that one character; a Latin word or number selects as usual.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

_MAX_PHRASE = 12
_LATIN_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF'’\-]+")


@functools.cache
def phrases() -> frozenset[str]:
    """Every phrase (two characters or more) of OpenCC's phrase dictionaries, both scripts."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    found: set[str] = set()
    for path in sorted(folder.glob("*Phrases*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            for word in (key, *values.split(" ")):
                if 2 <= len(word) <= _MAX_PHRASE:
                    found.add(word)
    return frozenset(found)


def _is_latin(ch: str) -> bool:
    return bool(_LATIN_WORD.fullmatch(ch))


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word covering ``text[offset]`` as a code-point range ``(start, end)``.

    Whitespace and punctuation select themselves (one character); an offset at the end of the
    text selects the last character.
    """
    if not text:
        return (0, 0)
    offset = min(max(offset, 0), len(text) - 1)
    ch = text[offset]
    if _is_latin(ch):
        start = offset
        while start > 0 and _is_latin(text[start - 1]):
            start -= 1
        end = offset + 1
        while end < len(text) and _is_latin(text[end]):
            end += 1
        return (start, end)
    if not unicodedata.category(ch).startswith("L"):
        return (offset, offset + 1)
    table = phrases()
    best = (offset, offset + 1)
    for start in range(max(0, offset - _MAX_PHRASE + 1), offset + 1):
        for end in range(min(len(text), start + _MAX_PHRASE), offset, -1):
            if end - start <= best[1] - best[0]:
                break
            if text[start:end] in table:
                best = (start, end)
                break
    return best

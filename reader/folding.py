"""Folding for matching: NFKC (width), case folding, and character-level script folding
(Traditional and Simplified characters fold to one form, using OpenCC's own character tables).

``fold_key`` is the identity of a tag (中亞 = 中亚, Energy = energy). Search builds its offset
maps on the same per-character rule.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path


@functools.cache
def _char_map() -> dict[str, str]:
    """Traditional -> Simplified, one character to one character (first candidate)."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    table: dict[str, str] = {}
    for name in ("TSCharacters.txt",):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            target = values.split(" ")[0] if values else ""
            if len(key) == 1 and len(target) == 1 and key != target:
                table.setdefault(key, target)
    # Resolve chains (a variant that maps to a traditional form that maps on).
    for key, value in list(table.items()):
        seen = {key}
        while value in table and value not in seen:
            seen.add(value)
            value = table[value]
        table[key] = value
    return table


def fold_char(ch: str) -> str:
    """One character folded: NFKC, case folding, script folding (may be several characters)."""
    table = _char_map()
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        out.append(table.get(c, c))
    return "".join(out)


def fold_key(text: str) -> str:
    """The folded identity of a tag or query: NFKC, case folding, script folding."""
    table = _char_map()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", text).casefold())

"""The user's glossary as a value: equivalences for search, phrases never converted, and
conversions of one's own. Stored in the database (``reader.store``); used by the script views
(vetoes, own conversions), search (equivalences) and exports."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.digests import sha256_hex


@dataclass(frozen=True)
class Glossary:
    # Phrases (in the original text's spelling) that no view converts.
    keeps: frozenset[str] = field(default_factory=frozenset)
    # The user's own conversions: original phrase -> what views show instead.
    conversions: tuple[tuple[str, str], ...] = ()
    # Spellings declared to be one name (search finds each from the other).
    equivalences: tuple[tuple[str, str], ...] = ()

    @property
    def version(self) -> str:
        """A short hash that changes whenever anything that affects conversion changes."""
        import json  # here: the window imports this module before anything is converted

        payload = json.dumps(
            [sorted(self.keeps), sorted(self.conversions)], ensure_ascii=False
        ).encode("utf-8")
        return sha256_hex(payload)[:16]

    @property
    def empty(self) -> bool:
        return not (self.keeps or self.conversions or self.equivalences)


EMPTY = Glossary()

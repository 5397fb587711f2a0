"""Finding a text in a library of thousands by what its list shows (issue 22): the Library
dock's filter, as a rule over plain values (the window's list applies it; no Qt here).

Every whitespace-separated term of a query must occur in one of a text's fields — title,
English title, an author, venue, issue, year, id — folded as search folds (width, case, and
Traditional/Simplified: 战略 finds 戰略). Each text's fields are folded once into one key, the
fields joined by a line break, which no term holds (terms are split at whitespace and folding
never makes one), so a term found in the key is found within one field.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.documents import Metadata
from reader.folding import fold_keys

_SEPARATOR = "\n"


def fields(meta: Metadata) -> tuple[str, ...]:
    """The fields a term may match, as the list shows them (empty ones left out)."""
    values = (
        meta.title,
        meta.english_title or "",
        *meta.authors,
        meta.venue or "",
        meta.issue or "",
        meta.year or "",
        meta.id,
    )
    return tuple(v for v in values if v)


def filter_keys(metas: Sequence[Metadata]) -> list[str]:
    """Each text's folded key, made in one pass (once per library, not per keystroke)."""
    return fold_keys([_SEPARATOR.join(fields(m)) for m in metas])


def query_terms(query: str) -> list[str]:
    """The folded terms of ``query`` (none for a blank query)."""
    return [t for t in fold_keys(query.split()) if t]


def matching(keys: Sequence[str], terms: Sequence[str]) -> list[int]:
    """The positions of the keys holding every term, in order (every position for no term)."""
    if not terms:
        return list(range(len(keys)))
    if len(terms) == 1:
        (term,) = terms
        return [i for i, key in enumerate(keys) if term in key]
    return [i for i, key in enumerate(keys) if all(t in key for t in terms)]

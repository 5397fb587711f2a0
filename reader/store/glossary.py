"""The user's glossary: kept phrases, conversions and equivalences (``load_glossary``,
``add_equivalence``, ``add_keep``, ``add_conversion``, ``drop_glossary_entry``, ``remove_keep``,
``remove_conversion``).
"""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.errors import InputError
from reader.glossary import Glossary
from reader.store import models
from reader.store.common import utc_now


def load_glossary(s: Session) -> Glossary:
    keeps = frozenset(s.scalars(select(models.GlossaryKeep.phrase)))
    # Plain tuples, not Rows: the glossary's version hashes them as JSON.
    conversions = tuple(
        (original, replacement)
        for original, replacement in s.execute(
            select(
                models.GlossaryConversion.original, models.GlossaryConversion.replacement
            ).order_by(models.GlossaryConversion.original)
        )
    )
    equivalences = tuple(
        (a, b)
        for a, b in s.execute(
            select(models.GlossaryEquivalence.a, models.GlossaryEquivalence.b).order_by(
                models.GlossaryEquivalence.id
            )
        )
    )
    return Glossary(keeps=keeps, conversions=conversions, equivalences=equivalences)


def _phrase(text: str) -> str:
    phrase = text.strip()
    if not phrase:
        raise InputError("A glossary entry needs at least one character.")
    return phrase


def _pair_key(a: str, b: str) -> str:
    return json.dumps(sorted([a, b]), ensure_ascii=False)


def add_equivalence(s: Session, a: str, b: str) -> bool:
    """Declare ``a`` and ``b`` one name; False when already declared."""
    a, b = _phrase(a), _phrase(b)
    if a == b:
        raise InputError(f"{a!r} and {b!r} are the same spelling already.")
    key = _pair_key(a, b)
    if s.scalars(
        select(models.GlossaryEquivalence).where(models.GlossaryEquivalence.key == key)
    ).first():
        return False
    s.add(models.GlossaryEquivalence(a=a, b=b, key=key, created=utc_now()))
    s.flush()
    return True


def add_keep(s: Session, phrase: str) -> bool:
    """Never convert ``phrase``; False when already kept."""
    phrase = _phrase(phrase)
    if s.get(models.GlossaryKeep, phrase) is not None:
        return False
    s.add(models.GlossaryKeep(phrase=phrase, created=utc_now()))
    s.flush()
    return True


def add_conversion(s: Session, original: str, replacement: str) -> None:
    original = _phrase(original)
    row = s.get(models.GlossaryConversion, original)
    if row is None:
        s.add(
            models.GlossaryConversion(original=original, replacement=replacement, created=utc_now())
        )
    else:
        row.replacement = replacement
    s.flush()


def drop_glossary_entry(s: Session, entry: str) -> list[str]:
    """Remove what ``entry`` names: a kept phrase, a conversion's original, or an equivalence
    given as ``A=B`` or by either spelling. Returns descriptions of what was removed."""
    entry = _phrase(entry)
    removed: list[str] = []
    keep = s.get(models.GlossaryKeep, entry)
    if keep is not None:
        s.delete(keep)
        removed.append(f"keep {entry}")
    conversion = s.get(models.GlossaryConversion, entry)
    if conversion is not None:
        s.delete(conversion)
        removed.append(f"convert {conversion.original} → {conversion.replacement}")
    sides = (
        [p.strip() for p in re.split(r"\s*[=＝]\s*", entry)]
        if re.search("[=＝]", entry)
        else [entry]
    )
    for row in list(s.scalars(select(models.GlossaryEquivalence))):
        pair = {row.a, row.b}
        if (len(sides) == 2 and pair == set(sides)) or (len(sides) == 1 and entry in pair):
            s.delete(row)
            removed.append(f"same {row.a} = {row.b}")
    s.flush()
    return removed


def remove_keep(s: Session, phrase: str) -> bool:
    """Convert ``phrase`` again (it was kept unconverted); False when it was not kept."""
    row = s.get(models.GlossaryKeep, phrase)
    if row is None:
        return False
    s.delete(row)
    s.flush()
    return True


def remove_conversion(s: Session, original: str) -> bool:
    """Forget the user's conversion of ``original``; False when there was none."""
    row = s.get(models.GlossaryConversion, original)
    if row is None:
        return False
    s.delete(row)
    s.flush()
    return True

"""Settings kept in the database (so a backup keeps them and every export agrees), and the
citekeys the user gave their texts.

Settings: ``creator`` (the name W3C exports give as ``creator``; omitted when unset) and
``bibliography`` (a file Pandoc's front matter names). Citekeys live in the ``documents`` table
(the shipped texts are read-only files, so a key cannot be written into them); the key Meipi
generated for a text when it entered the library is kept in ``generated_citekeys``, so that it
never changes once a scholar may have cited it.
All functions take the caller's session (``store.reading()`` / ``store.writing()``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.documents import Document as TextDocument
from reader.errors import InputError
from reader.store import models

KEYS = ("creator", "bibliography")
MAX_CHARS = 500


def get_setting(s: Session, key: str) -> str | None:
    row = s.get(models.Setting, key)
    return row.value if row is not None else None


def all_settings(s: Session) -> dict[str, str]:
    return {row.key: row.value for row in s.scalars(select(models.Setting))}


def set_setting(s: Session, key: str, value: str | None) -> None:
    """Set (or, with an empty value or None, clear) a setting. InputError for an unknown key
    or a value that is not one line of text."""
    if key not in KEYS:
        raise InputError(f"Unknown setting {key!r}. Settings: {', '.join(KEYS)}.")
    value = (value or "").strip()
    if "\n" in value or "\r" in value or len(value) > MAX_CHARS:
        raise InputError(f"The {key} must be one line of at most {MAX_CHARS} characters.")
    row = s.get(models.Setting, key)
    if not value:
        if row is not None:
            s.delete(row)
        return
    if row is None:
        s.add(models.Setting(key=key, value=value))
    else:
        row.value = value


def citekeys(s: Session) -> dict[str, str]:
    """The citekeys the user set: document id → key."""
    rows = s.execute(
        select(models.Document.id, models.Document.citekey).where(
            models.Document.citekey.is_not(None)
        )
    ).all()
    return {doc_id: key for doc_id, key in rows if key}


def kept_citekeys(s: Session) -> dict[str, str]:
    """Every key the database holds: document id → the user's key, else the generated key
    that was kept for it."""
    kept = generated_citekeys(s)
    kept.update(citekeys(s))
    return kept


def generated_citekeys(s: Session) -> dict[str, str]:
    """The keys Meipi gave texts as they entered the library: document id → key."""
    rows = s.execute(select(models.GeneratedCitekey.document_id, models.GeneratedCitekey.citekey))
    return {doc_id: key for doc_id, key in rows}


def keep_generated_citekeys(s: Session, keys: dict[str, str]) -> None:
    """Keep ``keys`` (document id → generated key) for the texts that have none kept yet."""
    have = set(s.scalars(select(models.GeneratedCitekey.document_id)))
    for doc_id, key in keys.items():
        if doc_id not in have:
            s.add(models.GeneratedCitekey(document_id=doc_id, citekey=key))
    s.flush()


def set_citekey(s: Session, doc: TextDocument, key: str | None) -> None:
    """Store the text's citekey (None or empty: back to the generated one). The key is checked
    (``reader.export.citekeys.check_citekey``) and must not be another text's."""
    from reader.export.citekeys import check_citekey
    from reader.store.documents import sync_document

    value = check_citekey(key) if key and key.strip() else None
    if value is not None:
        other = s.scalars(
            select(models.Document.id).where(
                models.Document.citekey == value, models.Document.id != doc.id
            )
        ).first()
        if other is None:
            other = s.scalars(
                select(models.GeneratedCitekey.document_id).where(
                    models.GeneratedCitekey.citekey == value,
                    models.GeneratedCitekey.document_id != doc.id,
                )
            ).first()
        if other is not None:
            raise InputError(f"The citekey {value!r} is already the key of {other!r}.")
    sync_document(s, doc)
    row = s.get(models.Document, doc.id)
    assert row is not None
    row.citekey = value

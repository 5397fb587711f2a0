"""The reader's vocabulary: words added from the dictionary popup, each with the sentence and
page it was met on (table ``vocabulary``, migration 3). Functions take the caller's session
(``reader.ops.vocabulary`` opens the transaction) and return plain records."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.errors import InputError
from reader.store.common import utc_now
from reader.store.models import VocabularyEntry


@dataclass(frozen=True)
class NewWord:
    """A word as the dictionary popup adds it: met at ``[start, end)`` of ``document`` (canonical
    code points), in ``sentence`` on printed page ``page``, with the dictionary's readings."""

    document: str
    word: str
    traditional: str
    simplified: str
    pinyin: str
    definition: str
    sentence: str
    start: int
    end: int
    page: str


@dataclass(frozen=True)
class VocabularyRecord:
    id: int
    document: str
    word: str
    traditional: str
    simplified: str
    pinyin: str
    definition: str
    sentence: str
    start: int
    end: int
    page: str
    created: str
    updated: str


def _record(row: VocabularyEntry) -> VocabularyRecord:
    return VocabularyRecord(
        row.id,
        row.document_id,
        row.word,
        row.traditional,
        row.simplified,
        row.pinyin,
        row.definition,
        row.sentence,
        row.start,
        row.end,
        row.page,
        row.created,
        row.updated,
    )


def add_word(s: Session, new: NewWord) -> tuple[VocabularyRecord, bool]:
    """Add ``new``; the existing record and False when that word at that place is already
    there."""
    if not new.word.strip():
        raise InputError("A vocabulary entry needs a word.")
    if new.end < new.start:
        raise InputError(f"The range {new.start}..{new.end} ends before it starts.")
    existing = s.scalars(
        select(VocabularyEntry).where(
            VocabularyEntry.document_id == new.document,
            VocabularyEntry.start == new.start,
            VocabularyEntry.end == new.end,
        )
    ).first()
    if existing is not None:
        return _record(existing), False
    now = utc_now()
    row = VocabularyEntry(
        document_id=new.document,
        word=new.word,
        traditional=new.traditional,
        simplified=new.simplified,
        pinyin=new.pinyin,
        definition=new.definition,
        sentence=new.sentence,
        start=new.start,
        end=new.end,
        page=new.page,
        created=now,
        updated=now,
    )
    s.add(row)
    s.flush()
    return _record(row), True


def list_words(s: Session, document: str | None = None) -> list[VocabularyRecord]:
    """The vocabulary of one article (None: all), in reading order."""
    query = select(VocabularyEntry).order_by(
        VocabularyEntry.document_id, VocabularyEntry.start, VocabularyEntry.id
    )
    if document is not None:
        query = query.where(VocabularyEntry.document_id == document)
    return [_record(row) for row in s.scalars(query)]


def _get(s: Session, entry_id: int) -> VocabularyEntry:
    row = s.get(VocabularyEntry, entry_id)
    if row is None:
        raise InputError(f"There is no vocabulary entry {entry_id}.")
    return row


def edit_word(
    s: Session,
    entry_id: int,
    *,
    pinyin: str | None = None,
    definition: str | None = None,
    sentence: str | None = None,
) -> VocabularyRecord:
    """Change what the reader may edit: pinyin, definition, sentence."""
    row = _get(s, entry_id)
    changed = False
    for name, value in (("pinyin", pinyin), ("definition", definition), ("sentence", sentence)):
        if value is not None and getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.updated = utc_now()
        s.flush()
    return _record(row)


def delete_word(s: Session, entry_id: int) -> VocabularyRecord:
    row = _get(s, entry_id)
    record = _record(row)
    s.delete(row)
    s.flush()
    return record

"""What the store's table families share: the time stamp, the colour check, an annotation row
as a plain record, and page lookups. Every function takes the caller's session."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.errors import InputError
from reader.store import models
from reader.store.records import (
    COLORS,
    AnnotationRecord,
    _Pages,
)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_color(color: str | None) -> str | None:
    if color is None or color in COLORS:
        return color
    raise InputError(f"Unknown colour {color!r}. Colours: {', '.join(COLORS)}.")


CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound variables


def row_record(row: models.Annotation, pages: _Pages) -> AnnotationRecord:
    return AnnotationRecord(
        id=row.id,
        document=row.document_id,
        start=row.start,
        end=row.end,
        quote=row.quote,
        prefix=row.prefix,
        suffix=row.suffix,
        pages=pages.span(row.start, row.end),
        color=row.color,
        tags=tuple(link.tag.name for link in row.tag_links),
        note=row.note,
        created=row.created,
        updated=row.updated,
        orphaned=bool(row.orphaned),
    )


class PageCache:
    def __init__(self, s: Session) -> None:
        self.s = s
        self.cache: dict[str, _Pages] = {}

    def __call__(self, doc_id: str) -> _Pages:
        pages = self.cache.get(doc_id)
        if pages is None:
            # Only the page starts: the snapshot may be a million characters.
            stored = self.s.scalar(
                select(models.Document.pages).where(models.Document.id == doc_id)
            )
            pages = self.cache[doc_id] = _Pages(stored or "[]")
        return pages


def annotation_row(s: Session, annotation_id: str) -> models.Annotation:
    row = s.get(models.Annotation, annotation_id)
    if row is None:
        raise InputError(f"There is no annotation with id {annotation_id!r}.")
    return row

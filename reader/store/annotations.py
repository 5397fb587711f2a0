"""Annotations, one at a time, and the fast listing. Every function takes the caller's session
(``Store.writing()`` for changes, ``Store.reading()`` for reads) and returns plain values, never
live ORM rows, so a window can keep them after the session ends::

    create_annotation(s, doc, start, end, color="yellow", tags=(), note=None) -> AnnotationRecord
    get_annotation(s, id) -> AnnotationRecord
    update_annotation(s, id, color=..., tags=..., note=...) -> Edit(before, after)
    delete_annotation(s, id) -> AnnotationRecord          # everything needed to put it back
    restore_annotation(s, record) -> AnnotationRecord     # undo: same id, times, tags, note
    list_annotations(s, documents=None, tags=(), colors=()) -> [AnnotationRecord] (text order)
    annotation_values(s, ...same filters) -> [tuple]       # the same, as field tuples
    annotation_counts(s) -> {document id: count}
    annotations_with_prefix(s, prefix), annotations_at(s, document, start, end)

Reads of thousands (``list_annotations``) fetch plain tuples through the driver with statements
built by SQLAlchemy, and pause cyclic garbage collection while the records are made.

Filters: any of ``tags`` (a parent includes its children, matched by folding key), any of
``colors`` (``"none"`` is a note-only annotation).

The other table families: :mod:`reader.store.documents`, :mod:`reader.store.tags`,
:mod:`reader.store.bulk`, :mod:`reader.store.glossary`, :mod:`reader.store.themes`.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from reader.documents import Document as TextDocument
from reader.errors import InputError
from reader.store import models
from reader.store.anchoring import Anchor, anchor_at, reanchor
from reader.store.common import CHUNK, PageCache, annotation_row, check_color, row_record, utc_now
from reader.store.documents import sync_document
from reader.store.records import (
    DEFAULT_COLOR,
    AnnotationRecord,
)
from reader.store.tags import clean_tag, matching_tag_ids, set_tags


@dataclass(frozen=True)
class Edit:
    before: AnnotationRecord
    after: AnnotationRecord


def create_annotation(
    s: Session,
    doc: TextDocument,
    start: int,
    end: int,
    *,
    color: str | None = DEFAULT_COLOR,
    tags: Sequence[str] = (),
    note: str | None = None,
    annotation_id: str | None = None,
    now: str | None = None,
) -> AnnotationRecord:
    """Annotate ``doc.text[start:end]`` (canonical offsets)."""
    check_color(color)
    tags = [clean_tag(t) for t in tags]  # every input checked before anything is written
    if not 0 <= start < end <= len(doc.text):
        raise InputError(
            f"The range {start}–{end} is not a passage of {doc.id} "
            f"(its text has {len(doc.text)} characters)."
        )
    sync_document(s, doc)
    a = anchor_at(doc.text, start, end)
    stamp = now or utc_now()
    row = models.Annotation(
        id=annotation_id or str(uuid.uuid4()),
        document_id=doc.id,
        start=a.start,
        end=a.end,
        quote=a.quote,
        prefix=a.prefix,
        suffix=a.suffix,
        color=color,
        note=note,
        created=stamp,
        updated=stamp,
        orphaned=False,
    )
    s.add(row)
    s.flush()
    set_tags(s, row, tags)
    s.flush()
    return get_annotation(s, row.id)


def get_annotation(s: Session, annotation_id: str) -> AnnotationRecord:
    row = annotation_row(s, annotation_id)
    return row_record(row, PageCache(s)(row.document_id))


class _Unset:
    pass


UNSET: Any = _Unset()


def update_annotation(
    s: Session, annotation_id: str, *, color: Any = UNSET, tags: Any = UNSET, note: Any = UNSET
) -> Edit:
    """Change colour, tags or note; returns the annotation before and after."""
    before = get_annotation(s, annotation_id)
    row = annotation_row(s, annotation_id)
    if color is not UNSET:
        row.color = check_color(color)
    if note is not UNSET:
        row.note = note
    if tags is not UNSET:
        set_tags(s, row, tags)
    row.updated = utc_now()
    s.flush()
    return Edit(before, get_annotation(s, annotation_id))


def delete_annotation(s: Session, annotation_id: str) -> AnnotationRecord:
    """Delete; the record returned is everything ``restore_annotation`` needs."""
    record = get_annotation(s, annotation_id)
    s.delete(annotation_row(s, annotation_id))
    s.flush()
    return record


def restore_annotation(s: Session, record: AnnotationRecord) -> AnnotationRecord:
    """Put ``record`` back exactly (same id, offsets, quote, times, note, tags): undo of a
    delete or an edit, and the way an import writes an annotation.

    The document must be in the store (``sync_document`` first). When the stored text at the
    record's offsets is not its quote (an import made on another version of the text), the
    record is placed again by its quote and context, or kept as an orphan.
    """
    check_color(record.color)
    tags = [clean_tag(t) for t in record.tags]
    doc = s.get(models.Document, record.document)
    if doc is None:
        raise InputError(f"Unknown document {record.document!r} for annotation {record.id}.")
    anchor = Anchor(record.start, record.end, record.quote, record.prefix, record.suffix)
    orphaned = record.orphaned
    text = doc.snapshot
    if not (
        0 <= anchor.start < anchor.end <= len(text)
        and text[anchor.start : anchor.end] == anchor.quote
    ):
        placed = reanchor(text, text, [anchor])[0].anchor
        if placed is not None:
            anchor, orphaned = placed, False
        else:
            orphaned = True
            if not 0 <= anchor.start < anchor.end:
                anchor = replace(anchor, start=0, end=max(1, len(anchor.quote)))
    row = s.get(models.Annotation, record.id)
    if row is None:
        row = models.Annotation(id=record.id)
        s.add(row)
    row.document_id = record.document
    row.start, row.end, row.quote = anchor.start, anchor.end, anchor.quote
    row.prefix, row.suffix = anchor.prefix, anchor.suffix
    row.color, row.note = record.color, record.note
    row.created, row.updated, row.orphaned = record.created, record.updated, orphaned
    s.flush()
    set_tags(s, row, tags)
    s.flush()
    return get_annotation(s, record.id)


def list_annotations(
    s: Session,
    *,
    documents: Sequence[str] | None = None,
    tags: Sequence[str] = (),
    colors: Sequence[str] = (),
) -> list[AnnotationRecord]:
    """Annotations in text order (document, start, end, created), filtered.

    Read with plain column queries (no ORM objects): a sidebar lists thousands at once.
    """
    values = annotation_values(s, documents=documents, tags=tags, colors=colors)
    with no_gc():
        return [record_of(v) for v in values]


def count_annotations(s: Session) -> int:
    """How many annotations the database holds, of every text."""
    return int(s.scalar(select(func.count()).select_from(models.Annotation)) or 0)


RECORD_FIELDS = AnnotationRecord._fields


def annotation_values(
    s: Session,
    *,
    documents: Sequence[str] | None = None,
    tags: Sequence[str] = (),
    colors: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """What ``list_annotations`` returns, as plain tuples of the record's fields in the order
    of :data:`RECORD_FIELDS`: for a caller that makes its own records of thousands (an export),
    so each is built once."""
    a = models.Annotation
    query = select(
        a.id,
        a.document_id,
        a.start,
        a.end,
        a.quote,
        a.prefix,
        a.suffix,
        a.color,
        a.note,
        a.created,
        a.updated,
        a.orphaned,
    )
    if documents is not None:
        query = query.where(a.document_id.in_(list(documents)))
    if tags:
        ids = matching_tag_ids(s, tags)
        query = query.where(
            a.id.in_(
                select(models.AnnotationTag.annotation_id).where(
                    models.AnnotationTag.tag_id.in_(ids)
                )
            )
        )
    if colors:
        wanted = [c for c in colors if c != "none"]
        for c in wanted:
            check_color(c)
        conditions = [a.color.in_(wanted)]
        if "none" in colors:
            conditions.append(a.color.is_(None))
        query = query.where(or_(*conditions))
    query = query.order_by(a.document_id, a.start, a.end, a.created, a.id)
    with no_gc():
        rows = _fetch(s, query)
        names = _tag_names(s, [r[0] for r in rows])
        pages = PageCache(s)
        none: tuple[str, ...] = ()
        return [
            (
                *r[:7],
                pages(r[1]).span(r[2], r[3]),
                r[7],
                names.get(r[0], none),
                *r[8:11],
                bool(r[11]),
            )
            for r in rows
        ]


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """No cyclic garbage collection while thousands of acyclic records are made: each full
    collection would walk every object of the process (SQLAlchemy's many among them) and
    costs more than making the records. Reference counting still frees as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def record_of(values: tuple[Any, ...]) -> AnnotationRecord:
    """``AnnotationRecord(*values)``, made in one step (listing thousands)."""
    return AnnotationRecord._make(values)


def _fetch(s: Session, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as plain tuples, read by the driver on the session's own
    connection (so inside its transaction). For thousands of rows SQLAlchemy's ``Row`` objects
    cost more than SQLite's query; the statement is still built and compiled by SQLAlchemy."""
    conn = s.connection()
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = [params[name] for name in compiled.positiontup or ()]
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver.execute(compiled.string, args).fetchall()


def _tag_names(s: Session, annotation_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The tag names of each annotation, in its order: the tags, then the links of these
    annotations (or every link, when that is most of them) sorted by SQLite."""
    if not annotation_ids:
        return {}
    tag_names: dict[int, str] = dict(_fetch(s, select(models.Tag.id, models.Tag.name)))
    link = models.AnnotationTag
    query = select(link.annotation_id, link.tag_id).order_by(link.annotation_id, link.position)
    wanted: set[str] | None = None
    if len(annotation_ids) <= CHUNK:
        query = query.where(link.annotation_id.in_(annotation_ids))
    else:
        wanted = set(annotation_ids)
    grouped: dict[str, list[str]] = {}
    for annotation_id, tag_id in _fetch(s, query):
        if wanted is not None and annotation_id not in wanted:
            continue
        names = grouped.get(annotation_id)
        if names is None:
            grouped[annotation_id] = [tag_names[tag_id]]
        else:
            names.append(tag_names[tag_id])
    return {k: tuple(v) for k, v in grouped.items()}


def annotation_counts(s: Session) -> dict[str, int]:
    rows = s.execute(
        select(models.Annotation.document_id, func.count()).group_by(models.Annotation.document_id)
    ).all()
    return {doc_id: int(n) for doc_id, n in rows}


def annotations_with_prefix(s: Session, prefix: str) -> list[AnnotationRecord]:
    """The annotations whose id starts with ``prefix`` (an id as printed, or its start)."""
    a = models.Annotation
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    ids = list(s.scalars(select(a.id).where(a.id.like(escaped + "%", escape="\\")).order_by(a.id)))
    return [get_annotation(s, i) for i in ids]


def annotations_at(s: Session, document: str, start: int, end: int) -> list[AnnotationRecord]:
    """The annotations of ``document`` spanning exactly ``[start, end)`` (duplicates)."""
    a = models.Annotation
    ids = s.scalars(select(a.id).where(a.document_id == document, a.start == start, a.end == end))
    return [get_annotation(s, i) for i in ids]

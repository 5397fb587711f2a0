"""Bulk writes: thousands in one transaction (an import, the benchmark's workload, undo of a
change to many annotations). Every input is checked first, tags are resolved once, rows are
written with a few ``executemany``, nothing is read back::

    restore_annotations(s, records) -> [AnnotationRecord]  # an import; undo of many: the same
        # result as restore_annotation for each in turn (re-anchoring, orphans, later id wins)
    create_annotations(s, doc, specs) -> [AnnotationRecord]  # specs: (start, end, colour,
        # tags, note), as reader.bench.workload.annotation_specs makes them
    undo_tag_change(s, tags_before, records_before)  # a tag rename, merge or delete undone
"""

from __future__ import annotations

import contextlib
import operator
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Insert, Table, delete, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state

from reader.documents import Document as TextDocument
from reader.errors import InputError
from reader.folding import fold_key
from reader.store import models
from reader.store.anchoring import CONTEXT, Anchor, reanchor
from reader.store.annotations import record_of, restore_annotation
from reader.store.common import CHUNK, check_color, utc_now
from reader.store.documents import pages_json, sync_document
from reader.store.records import (
    AnnotationRecord,
    TagInfo,
    _Pages,
)
from reader.store.tags import clean_tag, delete_tag, list_tags, rename_tag, set_tag_details

AnnotationSpec = tuple[int, int, str | None, Sequence[str], str | None]


def _table(cls: type[models.Base]) -> Table:
    table = cls.__table__
    assert isinstance(table, Table)
    return table


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _TagResolver:
    """``resolve_tag`` for many spellings at once: every tag is read once, new ones are
    inserted together (``write``). Same rules: a tag is its folding key, the first spelling is
    kept, and a new nested tag takes the spelling of its nearest existing relative (the oldest
    tag whose key is, or lies under, the parent's key)."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.by_key: dict[str, tuple[int, str]] = {}
        # "/"-separated leading parts of every key -> the oldest tag there (id, name): the
        # tags ``key == P or key LIKE P || '/%'`` finds in ``resolve_tag``.
        self.by_prefix: dict[str, tuple[int, str]] = {}
        self.new: list[dict[str, Any]] = []
        self.spelled: dict[str, tuple[int, str]] = {}  # a spelling seen before: its tag
        rows = s.execute(
            select(models.Tag.id, models.Tag.name, models.Tag.key).order_by(models.Tag.id)
        ).all()
        self.next_id = 1
        for tag_id, name, key in rows:
            self._index(tag_id, name, key)

    def _index(self, tag_id: int, name: str, key: str) -> None:
        self.by_key[key] = (tag_id, name)
        parts = key.split("/")
        for depth in range(1, len(parts) + 1):
            self.by_prefix.setdefault("/".join(parts[:depth]), (tag_id, name))
        self.next_id = max(self.next_id, tag_id + 1)

    def resolve(self, cleaned: str) -> tuple[int, str]:
        """(id, name) of the tag spelled ``cleaned`` (a ``clean_tag`` result)."""
        found = self.spelled.get(cleaned)
        if found is None:
            found = self.spelled[cleaned] = self._resolve(cleaned)
        return found

    def _resolve(self, cleaned: str) -> tuple[int, str]:
        key = fold_key(cleaned)
        found = self.by_key.get(key)
        if found is not None:
            return found
        parts = cleaned.split("/")
        for i in range(len(parts) - 1, 0, -1):
            relative = self.by_prefix.get(fold_key("/".join(parts[:i])))
            if relative is not None:
                parts[:i] = relative[1].split("/")[:i]
                break
        name = "/".join(parts)
        tag_id = self.next_id
        self._index(tag_id, name, key)
        self.new.append({"id": tag_id, "name": name, "key": key})
        return tag_id, name

    def write(self) -> None:
        if self.new:
            _executemany(self.s, insert(_table(models.Tag)), self.new)
            self.new = []


def _write_rows(
    s: Session,
    rows: list[dict[str, Any]],
    tags: dict[str, list[str]],
    *,
    upsert: bool,
) -> dict[str, tuple[str, ...]]:
    """Write annotation rows (column values by attribute name) and their tags, a few
    statements in all. ``upsert``: ids may exist already and are overwritten whole (their
    tags replaced). Returns the stored tag names of each id."""
    resolver = _TagResolver(s)
    links: list[dict[str, Any]] = []
    names: dict[str, tuple[str, ...]] = {}
    for row in rows:
        seen: dict[int, str] = {}
        for spelling in tags.get(row["id"], ()):
            tag_id, name = resolver.resolve(spelling)
            seen.setdefault(tag_id, name)
        names[row["id"]] = tuple(seen.values())
        links.extend(
            {"annotation_id": row["id"], "tag_id": tag_id, "position": position}
            for position, tag_id in enumerate(seen)
        )
    resolver.write()
    table = _table(models.Annotation)
    if upsert:
        ids = [row["id"] for row in rows]
        link = _table(models.AnnotationTag)
        for chunk in _chunks(ids):
            s.execute(delete(link).where(link.c.annotation_id.in_(chunk)))
        stmt = sqlite_insert(table)
        columns = {c.name: stmt.excluded[c.name] for c in table.c if c.name != "id"}
        _executemany(s, stmt.on_conflict_do_update(index_elements=["id"], set_=columns), rows)
    else:
        _executemany(s, insert(table), rows)
    _executemany(s, insert(_table(models.AnnotationTag)), links)
    # ORM objects this session may hold for these rows are stale now: annotations are read
    # again when next used; their old tag links are forgotten (the rows may be gone).
    written = set(names)
    for obj in list(s.identity_map.values()):
        if not isinstance(obj, models.Annotation | models.AnnotationTag):
            continue
        identity = instance_state(obj).identity  # the primary key, loading nothing
        if identity is None or identity[0] not in written:
            continue
        if isinstance(obj, models.Annotation):
            s.expire(obj)
        else:
            s.expunge(obj)
    return names


def _executemany(s: Session, stmt: Insert, rows: list[dict[str, Any]]) -> None:
    """``s.execute(stmt, rows)`` for thousands of rows: the statement compiled once by
    SQLAlchemy, the rows handed as tuples to the driver's ``executemany`` on the session's own
    connection (so inside its transaction, rolled back with it). SQLAlchemy's per-row
    parameter handling would cost more than SQLite's inserts."""
    if not rows:
        return
    conn = s.connection()
    compiled = stmt.compile(dialect=conn.dialect, column_keys=list(rows[0]))
    order = list(compiled.positiontup or ())
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    values = operator.itemgetter(*order)
    if len(order) == 1:
        driver.executemany(compiled.string, ((values(row),) for row in rows))
    else:
        driver.executemany(compiled.string, map(values, rows))


def _as_record(row: dict[str, Any], tags: tuple[str, ...], pages: _Pages) -> AnnotationRecord:
    start, end = row["start"], row["end"]
    return record_of(
        (
            row["id"],
            row["document_id"],
            start,
            end,
            row["quote"],
            row["prefix"],
            row["suffix"],
            pages.span(start, end),
            row["color"],
            tags,
            row["note"],
            row["created"],
            row["updated"],
            bool(row["orphaned"]),
        )
    )


def create_annotations(
    s: Session,
    doc: TextDocument,
    specs: Iterable[AnnotationSpec],
    *,
    now: str | None = None,
) -> list[AnnotationRecord]:
    """Many ``create_annotation`` at once: ``specs`` are ``(start, end, colour, tags, note)``
    in canonical offsets of ``doc``. Every spec is checked before anything is written (an
    InputError names the first bad one); the rows and tag links are then inserted with a few
    statements. Returns the records, in the order of ``specs``."""
    text = doc.text
    stamp = now or utc_now()
    rows: list[dict[str, Any]] = []
    tags: dict[str, list[str]] = {}
    for number, (start, end, color, spellings, note) in enumerate(specs, start=1):
        check_color(color)
        cleaned = [clean_tag(t) for t in spellings]
        if not 0 <= start < end <= len(text):
            raise InputError(
                f"Annotation {number}: the range {start}–{end} is not a passage of {doc.id} "
                f"(its text has {len(text)} characters). Nothing was written."
            )
        annotation_id = str(uuid.uuid4())
        rows.append(
            {
                "id": annotation_id,
                "document_id": doc.id,
                "start": start,
                "end": end,
                "quote": text[start:end],
                "prefix": text[max(0, start - CONTEXT) : start],
                "suffix": text[end : end + CONTEXT],
                "color": color,
                "note": note,
                "created": stamp,
                "updated": stamp,
                "orphaned": False,
            }
        )
        tags[annotation_id] = cleaned
    sync_document(s, doc)
    s.flush()
    names = _write_rows(s, rows, tags, upsert=False)
    pages = _Pages(pages_json(doc))
    return [_as_record(row, names[row["id"]], pages) for row in rows]


def restore_annotations(s: Session, records: Iterable[AnnotationRecord]) -> list[AnnotationRecord]:
    """Many ``restore_annotation`` at once, with the same result as restoring each in turn (a
    later record with the same id wins): ids, offsets, quotes, times, notes and tags exactly;
    a record whose quote is not the stored text at its offsets (made on another version of the
    text) is placed again by quote and context, or kept as an orphan. Every record is checked
    before anything is written; tags are resolved once; the rows are written with a few
    statements and nothing is read back. Returns the records as stored, in input order (of
    each id's last occurrence)."""
    latest: dict[str, AnnotationRecord] = {}
    tags: dict[str, list[str]] = {}
    for record in records:
        check_color(record.color)
        tags[record.id] = [clean_tag(t) for t in record.tags]
        latest.pop(record.id, None)
        latest[record.id] = record
    if not latest:
        return []
    s.flush()
    wanted = sorted({r.document for r in latest.values()})
    stored: dict[str, tuple[str, _Pages]] = {}
    for chunk in _chunks(wanted):
        for doc_id, snapshot, starts in s.execute(
            select(models.Document.id, models.Document.snapshot, models.Document.pages).where(
                models.Document.id.in_(chunk)
            )
        ):
            stored[doc_id] = (snapshot, _Pages(starts))
    for record in latest.values():
        if record.document not in stored:
            raise InputError(f"Unknown document {record.document!r} for annotation {record.id}.")
    # Offsets that no longer hold the quote: placed again, all of a document's at once.
    misplaced: dict[str, list[AnnotationRecord]] = {}
    for record in latest.values():
        text = stored[record.document][0]
        if not (
            0 <= record.start < record.end <= len(text)
            and text[record.start : record.end] == record.quote
        ):
            misplaced.setdefault(record.document, []).append(record)
    placed: dict[str, tuple[Anchor, bool]] = {}
    for doc_id, lost in misplaced.items():
        text = stored[doc_id][0]
        anchors = [Anchor(r.start, r.end, r.quote, r.prefix, r.suffix) for r in lost]
        for record, anchor, placement in zip(
            lost, anchors, reanchor(text, text, anchors), strict=True
        ):
            if placement.anchor is not None:
                placed[record.id] = (placement.anchor, False)
            elif not 0 <= anchor.start < anchor.end:
                fallback = replace(anchor, start=0, end=max(1, len(anchor.quote)))
                placed[record.id] = (fallback, True)
            else:
                placed[record.id] = (anchor, True)
    rows: list[dict[str, Any]] = []
    for record in latest.values():
        anchor, orphaned = placed.get(
            record.id,
            (
                Anchor(record.start, record.end, record.quote, record.prefix, record.suffix),
                record.orphaned,
            ),
        )
        rows.append(
            {
                "id": record.id,
                "document_id": record.document,
                "start": anchor.start,
                "end": anchor.end,
                "quote": anchor.quote,
                "prefix": anchor.prefix,
                "suffix": anchor.suffix,
                "color": record.color,
                "note": record.note,
                "created": record.created,
                "updated": record.updated,
                "orphaned": orphaned,
            }
        )
    names = _write_rows(s, rows, tags, upsert=True)
    return [_as_record(row, names[row["id"]], stored[row["document_id"]][1]) for row in rows]


def undo_tag_change(
    s: Session, tags_before: Sequence[TagInfo], records_before: Sequence[AnnotationRecord]
) -> None:
    """Put back the tags of the annotations a tag change touched and the tags as they were
    (names, colours, descriptions); tags the change made are removed when nothing uses them.
    An annotation's note and colour stay as stored: changed elsewhere since (``meipi edit``,
    an import), they are not the tag change's to undo."""
    for record in records_before:
        row = s.get(models.Annotation, record.id)
        if row is not None:
            record = record._replace(color=row.color, note=row.note, updated=row.updated)
        restore_annotation(s, record)
    before = {t.key: t for t in tags_before}
    for tag in list_tags(s):
        if tag.key not in before and tag.count == 0:
            with contextlib.suppress(InputError):  # already gone with its parent
                delete_tag(s, tag.name)
    now = {t.key: t for t in list_tags(s)}
    for key, tag in before.items():
        current = now.get(key)
        if current is not None and current.name != tag.name:
            rename_tag(s, current.name, tag.name)
        if current is None or (current.color, current.description) != (
            tag.color,
            tag.description,
        ):
            set_tag_details(s, tag.name, color=tag.color, description=tag.description)

"""What a user action does to the store: annotations, tags, colour meanings, the glossary and
theme memos. Every function takes the caller's session (``Store.writing()`` for changes,
``Store.reading()`` for reads) and returns plain values, never live ORM rows, so a window can
keep them after the session ends.

Annotations::

    create_annotation(s, doc, start, end, color="yellow", tags=(), note=None) -> AnnotationRecord
    get_annotation(s, id) -> AnnotationRecord
    update_annotation(s, id, color=..., tags=..., note=...) -> Edit(before, after)
    delete_annotation(s, id) -> AnnotationRecord          # everything needed to put it back
    restore_annotation(s, record) -> AnnotationRecord     # undo: same id, times, tags, note
    list_annotations(s, documents=None, tags=(), colors=()) -> [AnnotationRecord] (text order)
    annotation_values(s, ...same filters) -> [tuple]       # the same, as field tuples
    annotation_counts(s) -> {document id: count}
    sync_document(s, doc) -> SyncReport     # re-anchor when the text changed (orphans kept)

In bulk (thousands in one transaction: every input checked first, tags resolved once, rows
written with a few ``executemany``, nothing read back)::

    restore_annotations(s, records) -> [AnnotationRecord]  # an import; undo of many: the same
        # result as restore_annotation for each in turn (re-anchoring, orphans, later id wins)
    create_annotations(s, doc, specs) -> [AnnotationRecord]  # specs: (start, end, colour,
        # tags, note), as reader.bench_workload.annotation_specs makes them

Reads of thousands (``list_annotations``) fetch plain tuples through the driver with statements
built by SQLAlchemy, and pause cyclic garbage collection while the records are made.

Filters: any of ``tags`` (a parent includes its children, matched by folding key), any of
``colors`` (``"none"`` is a note-only annotation).

Tags are matched by ``reader.folding.fold_key`` (中亚 is the tag 中亞, Energy is energy); the
first spelling is kept; ``/`` nests (``地區/中亞``), and a new child takes its parent's existing
spelling. ``list_tags``, ``rename_tag`` (children follow; ``merge=True`` joins an existing tag),
``delete_tag`` (annotations are kept) return counts and the records as they were before, for undo.

Colours: ``color_meanings``/``set_color_meaning``. Glossary: ``load_glossary``,
``add_equivalence``, ``add_keep``, ``add_conversion``, ``drop_glossary_entry``. Theme memos:
``theme_memo``/``set_theme_memo``/``list_theme_memos`` (kept by tag key, so deleting a tag
never deletes a memo).
"""

from __future__ import annotations

import contextlib
import gc
import json
import operator
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Insert, Select, Table, delete, func, insert, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import instance_state

from reader import tags as tags_rule
from reader.documents import Document as TextDocument
from reader.errors import InputError
from reader.folding import fold_key
from reader.glossary import Glossary
from reader.store import models
from reader.store.anchoring import CONTEXT, Anchor, anchor_at, reanchor
from reader.store.records import (
    COLORS,
    DEFAULT_COLOR,
    DEFAULT_MEANINGS,
    AnnotationRecord,
    TagInfo,
    _Pages,
)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_color(color: str | None) -> str | None:
    if color is None or color in COLORS:
        return color
    raise InputError(f"Unknown colour {color!r}. Colours: {', '.join(COLORS)}.")


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Edit:
    before: AnnotationRecord
    after: AnnotationRecord


@dataclass(frozen=True)
class SyncReport:
    document: str
    changed: bool  # the text differed from the snapshot
    placed: dict[str, int] = field(default_factory=dict)  # how -> count
    orphans: tuple[str, ...] = ()  # ids that are orphans now


def _record(row: models.Annotation, pages: _Pages) -> AnnotationRecord:
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


class _PageCache:
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


def _row(s: Session, annotation_id: str) -> models.Annotation:
    row = s.get(models.Annotation, annotation_id)
    if row is None:
        raise InputError(f"There is no annotation with id {annotation_id!r}.")
    return row


# ---------------------------------------------------------------------------------------------
# Documents and re-anchoring


def _pages_json(doc: TextDocument) -> str:
    return json.dumps([[p.number, p.start] for p in doc.pages])


def sync_document(s: Session, doc: TextDocument) -> SyncReport:
    """Make the stored snapshot of ``doc`` current, re-anchoring its annotations when the text
    changed. Needs a writing session."""
    row = s.get(models.Document, doc.id)
    if row is None:
        s.add(
            models.Document(
                id=doc.id,
                sha256=doc.sha256,
                snapshot=doc.text,
                pages=_pages_json(doc),
                title=doc.title,
            )
        )
        s.flush()
        return SyncReport(doc.id, changed=False)
    if row.sha256 == doc.sha256 and row.snapshot == doc.text:
        if row.pages != _pages_json(doc):
            row.pages = _pages_json(doc)
        return SyncReport(doc.id, changed=False)
    rows = list(
        s.scalars(
            select(models.Annotation)
            .where(models.Annotation.document_id == doc.id)
            .order_by(models.Annotation.start, models.Annotation.id)
        )
    )
    anchors = [Anchor(r.start, r.end, r.quote, r.prefix, r.suffix) for r in rows]
    placements = reanchor(row.snapshot, doc.text, anchors)
    placed: dict[str, int] = {}
    orphans = []
    for r, placement in zip(rows, placements, strict=True):
        placed[placement.how] = placed.get(placement.how, 0) + 1
        if placement.anchor is None:
            r.orphaned = True
            orphans.append(r.id)
            continue
        a = placement.anchor
        r.start, r.end, r.quote, r.prefix, r.suffix = a.start, a.end, a.quote, a.prefix, a.suffix
        r.orphaned = False
    row.sha256, row.snapshot, row.pages, row.title = (
        doc.sha256,
        doc.text,
        _pages_json(doc),
        doc.title,
    )
    s.flush()
    return SyncReport(doc.id, changed=True, placed=placed, orphans=tuple(orphans))


def stale_documents(s: Session, docs: Iterable[TextDocument]) -> list[TextDocument]:
    """The documents whose stored snapshot no longer matches their text."""
    stored = dict(s.execute(select(models.Document.id, models.Document.sha256)).all())
    return [d for d in docs if d.id in stored and stored[d.id] != d.sha256]


# ---------------------------------------------------------------------------------------------
# Tags


clean_tag = tags_rule.clean  # the stored spelling of a tag (reader.tags)
tag_key = tags_rule.key  # the identity of a tag (reader.tags)


def _children_of(key: str) -> Any:
    return func.substr(models.Tag.key, 1, len(key) + 1) == key + "/"


def resolve_tag(s: Session, spelling: str) -> models.Tag:
    """The tag spelled ``spelling`` (by folding key), created with this spelling if new."""
    name = clean_tag(spelling)
    key = fold_key(name)
    existing = s.scalars(select(models.Tag).where(models.Tag.key == key)).first()
    if existing is not None:
        return existing
    parts = name.split("/")
    for i in range(len(parts) - 1, 0, -1):
        parent_key = fold_key("/".join(parts[:i]))
        relative = s.scalars(
            select(models.Tag)
            .where(or_(models.Tag.key == parent_key, _children_of(parent_key)))
            .order_by(models.Tag.id)
        ).first()
        if relative is not None:
            parts[:i] = relative.name.split("/")[:i]
            break
    tag = models.Tag(name="/".join(parts), key=key)
    s.add(tag)
    s.flush()
    return tag


def matching_tag_ids(s: Session, spellings: Iterable[str]) -> set[int]:
    """Tags matching any spelling, children included."""
    ids: set[int] = set()
    for spelling in spellings:
        key = tag_key(spelling)
        ids.update(
            s.scalars(select(models.Tag.id).where(or_(models.Tag.key == key, _children_of(key))))
        )
    return ids


def _set_tags(s: Session, row: models.Annotation, spellings: Sequence[str]) -> None:
    tags: list[models.Tag] = []
    for spelling in spellings:
        tag = resolve_tag(s, spelling)
        if all(t.id != tag.id for t in tags):
            tags.append(tag)
    row.tag_links.clear()
    s.flush()
    for position, tag in enumerate(tags):
        row.tag_links.append(models.AnnotationTag(tag=tag, position=position))


@dataclass(frozen=True)
class TagChange:
    tags: int  # tags renamed, merged or deleted
    annotations: int  # annotations whose tags changed
    before: tuple[AnnotationRecord, ...]  # those annotations as they were (undo: restore each)
    removed: tuple[TagInfo, ...] = ()


def list_tags(s: Session) -> list[TagInfo]:
    counts = dict(
        s.execute(
            select(models.AnnotationTag.tag_id, func.count()).group_by(models.AnnotationTag.tag_id)
        ).all()
    )
    return [
        TagInfo(t.name, t.key, t.color, t.description, counts.get(t.id, 0))
        for t in s.scalars(select(models.Tag).order_by(models.Tag.key))
    ]


def _subtree(s: Session, key: str) -> list[models.Tag]:
    return list(
        s.scalars(
            select(models.Tag)
            .where(or_(models.Tag.key == key, _children_of(key)))
            .order_by(models.Tag.key)
        )
    )


def _records_tagged(s: Session, tag_ids: Iterable[int]) -> list[AnnotationRecord]:
    ids = list(tag_ids)
    if not ids:
        return []
    rows = s.scalars(
        select(models.Annotation)
        .options(selectinload(models.Annotation.tag_links))
        .join(models.AnnotationTag)
        .where(models.AnnotationTag.tag_id.in_(ids))
        .distinct()
    )
    pages = _PageCache(s)
    return [_record(r, pages(r.document_id)) for r in rows]


def rename_tag(s: Session, old: str, new: str, *, merge: bool = False) -> TagChange:
    """Rename a tag and its children (``地區`` → ``區域`` makes ``區域/中亞``). When the new name
    is already a tag, ``merge`` joins them; otherwise that is an InputError."""
    old_key = tag_key(old)
    new_name = clean_tag(new)
    subtree = _subtree(s, old_key)
    if not subtree:
        raise InputError(f"There is no tag {old!r}.")
    before = _records_tagged(s, (t.id for t in subtree))
    now = utc_now()
    touched: set[str] = set()
    old_depth = len(old_key.split("/"))
    for tag in subtree:
        rest = tag.name.split("/")[old_depth:]
        target_name = "/".join([new_name, *rest])
        target_key = fold_key(target_name)
        target = s.scalars(select(models.Tag).where(models.Tag.key == target_key)).first()
        if target is None or target.id == tag.id:
            _move_memo(s, tag.key, target_key, target_name)
            tag.name, tag.key = target_name, target_key
            s.flush()
            touched.update(
                link.annotation_id
                for link in s.scalars(
                    select(models.AnnotationTag).where(models.AnnotationTag.tag_id == tag.id)
                )
            )
            continue
        if not merge:
            raise InputError(f"The tag {target.name!r} already exists; merge the two instead.")
        links = list(
            s.scalars(select(models.AnnotationTag).where(models.AnnotationTag.tag_id == tag.id))
        )
        for link in links:
            touched.add(link.annotation_id)
            has = s.get(models.AnnotationTag, (link.annotation_id, target.id))
            if has is None:
                s.add(
                    models.AnnotationTag(
                        annotation_id=link.annotation_id, tag_id=target.id, position=link.position
                    )
                )
            s.delete(link)
        _move_memo(s, tag.key, target.key, target.name)
        target.color = target.color or tag.color
        target.description = target.description or tag.description
        s.flush()
        s.delete(tag)
        s.flush()
    for annotation_id in touched:
        _row(s, annotation_id).updated = now
    s.flush()
    return TagChange(len(subtree), len(touched), tuple(before))


def merge_tags(s: Session, source: str, target: str) -> TagChange:
    return rename_tag(s, source, target, merge=True)


def delete_tag(s: Session, name: str) -> TagChange:
    """Remove a tag and its children from every annotation (the annotations stay)."""
    subtree = _subtree(s, tag_key(name))
    if not subtree:
        raise InputError(f"There is no tag {name!r}.")
    before = _records_tagged(s, (t.id for t in subtree))
    infos = tuple(TagInfo(t.name, t.key, t.color, t.description, 0) for t in subtree)
    now = utc_now()
    for record in before:
        _row(s, record.id).updated = now
    for tag in subtree:
        s.execute(delete(models.AnnotationTag).where(models.AnnotationTag.tag_id == tag.id))
        s.delete(tag)
    s.flush()
    s.expire_all()
    return TagChange(len(subtree), len(before), tuple(before), infos)


def set_tag_details(
    s: Session, name: str, *, color: str | None = None, description: str | None = None
) -> TagInfo:
    tag = resolve_tag(s, name)
    tag.color = check_color(color)
    tag.description = description
    s.flush()
    count = (
        s.scalar(
            select(func.count())
            .select_from(models.AnnotationTag)
            .where(models.AnnotationTag.tag_id == tag.id)
        )
        or 0
    )
    return TagInfo(tag.name, tag.key, tag.color, tag.description, count)


# ---------------------------------------------------------------------------------------------
# Annotations


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
    _set_tags(s, row, tags)
    s.flush()
    return get_annotation(s, row.id)


def get_annotation(s: Session, annotation_id: str) -> AnnotationRecord:
    row = _row(s, annotation_id)
    return _record(row, _PageCache(s)(row.document_id))


class _Unset:
    pass


UNSET: Any = _Unset()


def update_annotation(
    s: Session, annotation_id: str, *, color: Any = UNSET, tags: Any = UNSET, note: Any = UNSET
) -> Edit:
    """Change colour, tags or note; returns the annotation before and after."""
    before = get_annotation(s, annotation_id)
    row = _row(s, annotation_id)
    if color is not UNSET:
        row.color = check_color(color)
    if note is not UNSET:
        row.note = note
    if tags is not UNSET:
        _set_tags(s, row, tags)
    row.updated = utc_now()
    s.flush()
    return Edit(before, get_annotation(s, annotation_id))


def delete_annotation(s: Session, annotation_id: str) -> AnnotationRecord:
    """Delete; the record returned is everything ``restore_annotation`` needs."""
    record = get_annotation(s, annotation_id)
    s.delete(_row(s, annotation_id))
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
    _set_tags(s, row, tags)
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
        return [_record_of(v) for v in values]


RECORD_FIELDS = tuple(f.name for f in fields(AnnotationRecord))


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
        pages = _PageCache(s)
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


def _record_of(values: tuple[Any, ...]) -> AnnotationRecord:
    """``AnnotationRecord(*values)`` without the frozen dataclass's ``__init__``, which sets each
    field through ``object.__setattr__`` and is most of the cost of listing thousands (the
    result is the same record: equal, hashable, immutable)."""
    record = object.__new__(AnnotationRecord)
    record.__dict__.update(zip(RECORD_FIELDS, values, strict=True))
    return record


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
    if len(annotation_ids) <= _CHUNK:
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


# ---------------------------------------------------------------------------------------------
# Bulk writes: an import, the benchmark's workload, undo of a change to many annotations

_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound variables

AnnotationSpec = tuple[int, int, str | None, Sequence[str], str | None]


def _table(cls: type[models.Base]) -> Table:
    table = cls.__table__
    assert isinstance(table, Table)
    return table


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
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
    return _record_of(
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
    pages = _Pages(_pages_json(doc))
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
        for doc_id, snapshot, pages_json in s.execute(
            select(models.Document.id, models.Document.snapshot, models.Document.pages).where(
                models.Document.id.in_(chunk)
            )
        ):
            stored[doc_id] = (snapshot, _Pages(pages_json))
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


# ---------------------------------------------------------------------------------------------
# Colour meanings


def color_meanings(s: Session) -> dict[str, str]:
    meanings = dict(DEFAULT_MEANINGS)
    for row in s.scalars(select(models.ColorMeaning)):
        if row.color in meanings:
            meanings[row.color] = row.meaning
    return meanings


def set_color_meaning(s: Session, color: str, meaning: str) -> None:
    check_color(color)
    row = s.get(models.ColorMeaning, color)
    if row is None:
        s.add(models.ColorMeaning(color=color, meaning=meaning))
    else:
        row.meaning = meaning
    s.flush()


# ---------------------------------------------------------------------------------------------
# Glossary


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


# ---------------------------------------------------------------------------------------------
# Theme memos


def theme_memo(s: Session, tag: str) -> str | None:
    row = s.get(models.ThemeMemo, tag_key(tag))
    return row.body if row else None


def theme_memos_by_key(s: Session) -> dict[str, str]:
    """Every theme memo by its tag's folding key (one query; look up with ``tag_key``)."""
    rows = s.execute(select(models.ThemeMemo.tag_key, models.ThemeMemo.body))
    return {key: body for key, body in rows}


def list_theme_memos(s: Session) -> dict[str, str]:
    """Every theme memo, by the tag's name (as spelled when the memo was written)."""
    rows = s.scalars(select(models.ThemeMemo).order_by(models.ThemeMemo.tag_key))
    return {row.tag_name: row.body for row in rows}


def set_theme_memo(s: Session, tag: str, body: str) -> None:
    name = clean_tag(tag)
    key = fold_key(name)
    row = s.get(models.ThemeMemo, key)
    now = utc_now()
    if row is None:
        s.add(models.ThemeMemo(tag_key=key, tag_name=name, body=body, created=now, updated=now))
    else:
        row.body, row.updated = body, now
    s.flush()


def _move_memo(s: Session, old_key: str, new_key: str, new_name: str) -> None:
    if old_key == new_key:
        return
    memo = s.get(models.ThemeMemo, old_key)
    if memo is None:
        return
    target = s.get(models.ThemeMemo, new_key)
    if target is None:
        s.add(
            models.ThemeMemo(
                tag_key=new_key,
                tag_name=new_name,
                body=memo.body,
                created=memo.created,
                updated=utc_now(),
            )
        )
    else:
        # Never lose what was written: both memos are kept, one after the other.
        target.body = f"{target.body}\n\n{memo.body}" if target.body else memo.body
        target.updated = utc_now()
    s.delete(memo)
    s.flush()


# ---------------------------------------------------------------------------------------------
# Lookups for the command line, the glossary's removals and a tag change's undo


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


def change_tag(s: Session, kind: str, name: str, new_name: str | None) -> TagChange:
    """``rename``, ``merge`` or ``delete`` a tag (with its children)."""
    if kind == "delete":
        return delete_tag(s, name)
    if new_name is None:
        raise InputError(f"A tag {kind} needs the new name.")
    if kind == "merge":
        return merge_tags(s, name, new_name)
    return rename_tag(s, name, new_name)


def undo_tag_change(
    s: Session, tags_before: Sequence[TagInfo], records_before: Sequence[AnnotationRecord]
) -> None:
    """Put back the annotations a tag change touched and the tags as they were (names,
    colours, descriptions); tags the change made are removed when nothing uses them."""
    for record in records_before:
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

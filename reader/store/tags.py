"""Tags: resolve, list, rename, merge, delete, colour and description.

Tags are matched by ``reader.folding.fold_key`` (中亚 is the tag 中亞, Energy is energy); the
first spelling is kept; ``/`` nests (``地區/中亞``), and a new child takes its parent's existing
spelling. ``list_tags``, ``rename_tag`` (children follow; ``merge=True`` joins an existing tag),
``delete_tag`` (annotations are kept) return counts and the records as they were before, for undo
(``reader.store.bulk.undo_tag_change``). The spelling rules are in :mod:`reader.tags`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from reader import tags as tags_rule
from reader.errors import InputError
from reader.folding import fold_key
from reader.store import models
from reader.store.common import PageCache, annotation_row, check_color, row_record, utc_now
from reader.store.records import (
    AnnotationRecord,
    TagInfo,
)
from reader.store.themes import move_memo

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


def set_tags(s: Session, row: models.Annotation, spellings: Sequence[str]) -> None:
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
    pages = PageCache(s)
    return [row_record(r, pages(r.document_id)) for r in rows]


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
            move_memo(s, tag.key, target_key, target_name)
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
        move_memo(s, tag.key, target.key, target.name)
        target.color = target.color or tag.color
        target.description = target.description or tag.description
        s.flush()
        s.delete(tag)
        s.flush()
    for annotation_id in touched:
        annotation_row(s, annotation_id).updated = now
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
        annotation_row(s, record.id).updated = now
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


def change_tag(s: Session, kind: str, name: str, new_name: str | None) -> TagChange:
    """``rename``, ``merge`` or ``delete`` a tag (with its children)."""
    if kind == "delete":
        return delete_tag(s, name)
    if new_name is None:
        raise InputError(f"A tag {kind} needs the new name.")
    if kind == "merge":
        return merge_tags(s, name, new_name)
    return rename_tag(s, name, new_name)

"""Tags: list, rename, merge, delete, colour and description, and undoing a change.

The rules for spelling and matching tags are in :mod:`reader.tags`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.store import bulk as store_bulk
from reader.store import tags as store_tags
from reader.store.records import AnnotationRecord, TagInfo

if TYPE_CHECKING:
    from reader.store import Store

TagChange = store_tags.TagChange
KINDS = ("rename", "merge", "delete")


def list_tags(store: Store) -> list[TagInfo]:
    with store.reading() as s:
        return store_tags.list_tags(s)


def change(
    store: Store, kind: str, name: str, new_name: str | None = None
) -> tuple[list[TagInfo], store_tags.TagChange]:
    """``rename``/``merge``/``delete`` a tag and its children, in one transaction: the tags as
    they were (for undo) and what changed."""
    with store.writing() as s:
        before = store_tags.list_tags(s)
        return before, store_tags.change_tag(s, kind, name, new_name)


def rename(store: Store, old: str, new: str) -> store_tags.TagChange:
    return change(store, "rename", old, new)[1]


def merge(store: Store, source: str, target: str) -> store_tags.TagChange:
    return change(store, "merge", source, target)[1]


def delete(store: Store, name: str) -> store_tags.TagChange:
    return change(store, "delete", name)[1]


def set_details(
    store: Store, name: str, *, color: str | None = None, description: str | None = None
) -> TagInfo:
    with store.writing() as s:
        return store_tags.set_tag_details(s, name, color=color, description=description)


def undo_change(
    store: Store, tags_before: Sequence[TagInfo], records_before: Sequence[AnnotationRecord]
) -> None:
    """Undo a rename, merge or delete: annotations and tags as they were."""
    with store.writing() as s:
        store_bulk.undo_tag_change(s, tags_before, records_before)

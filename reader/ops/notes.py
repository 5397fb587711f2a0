"""What the user writes about colours and themes: colour meanings and theme memos."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reader.store import annotations as store_ops
from reader.store import tags as store_tags
from reader.store import themes as store_themes
from reader.store.records import AnnotationRecord, TagInfo

if TYPE_CHECKING:
    from reader.store import Store


def color_meanings(store: Store) -> dict[str, str]:
    with store.reading() as s:
        return store_themes.color_meanings(s)


def set_color_meanings(store: Store, meanings: Mapping[str, str]) -> None:
    """Set the meaning of each colour given, in one transaction."""
    with store.writing() as s:
        for color, meaning in meanings.items():
            store_themes.set_color_meaning(s, color, meaning)


def theme_memo(store: Store, tag: str) -> str | None:
    """The memo about a theme (a tag, matched by ``reader.tags``), None when none."""
    with store.reading() as s:
        return store_themes.theme_memo(s, tag)


def list_theme_memos(store: Store) -> dict[str, str]:
    """Every theme memo, by the tag's name as spelled when the memo was written."""
    with store.reading() as s:
        return store_themes.list_theme_memos(s)


def set_theme_memo(store: Store, tag: str, body: str) -> None:
    with store.writing() as s:
        store_themes.set_theme_memo(s, tag, body)


def themes(
    store: Store, documents: Sequence[str] | None
) -> tuple[list[TagInfo], list[AnnotationRecord], dict[str, str]]:
    """What a comparison theme by theme reads, in one transaction: the tags, the annotations
    of ``documents`` (None: none read, an empty list), the theme memos by tag name."""
    with store.reading() as s:
        records = store_ops.list_annotations(s, documents=documents) if documents else []
        return store_tags.list_tags(s), records, store_themes.list_theme_memos(s)

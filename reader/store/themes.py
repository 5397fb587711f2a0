"""What the user writes about colours and themes: colour meanings
(``color_meanings``/``set_color_meaning``) and theme memos
(``theme_memo``/``set_theme_memo``/``list_theme_memos``, kept by tag key, so deleting a tag
never deletes a memo; a renamed or merged tag takes its memo along: ``move_memo``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader import tags as tags_rule
from reader.folding import fold_key
from reader.store import models
from reader.store.common import check_color, utc_now
from reader.store.records import (
    DEFAULT_MEANINGS,
)


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


def theme_memo(s: Session, tag: str) -> str | None:
    row = s.get(models.ThemeMemo, tags_rule.key(tag))
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
    name = tags_rule.clean(tag)
    key = fold_key(name)
    row = s.get(models.ThemeMemo, key)
    now = utc_now()
    if row is None:
        s.add(models.ThemeMemo(tag_key=key, tag_name=name, body=body, created=now, updated=now))
    else:
        row.body, row.updated = body, now
    s.flush()


def move_memo(s: Session, old_key: str, new_key: str, new_name: str) -> None:
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

"""The store's tags (``reader.store.tags``): one tag per folding key, the first spelling kept;
rename, merge and delete with counts; colour and description."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import InputError
from reader.folding import fold_key
from reader.store import Store
from reader.store import annotations as ops
from reader.store import tags as store_tags
from reader.store import themes as store_themes
from tests.store.helpers import DOC, span


def test_tag_folding_keeps_first_spelling(store: Store) -> None:
    with store.writing() as s:
        a = ops.create_annotation(s, DOC, *span("中亞地區"), tags=["中亞", "Energy"])
        b = ops.create_annotation(
            s, DOC, *span("能源合作"), tags=["中亚", "energy", "ＥＮＥＲＧＹ"]
        )
        c = ops.create_annotation(s, DOC, *span("北極"), tags=["地區/中亞"])
        d = ops.create_annotation(s, DOC, *span("一帶"), tags=["地区／能源 "])
    assert a.tags == ("中亞", "Energy")
    assert b.tags == ("中亞", "Energy")  # reused, and duplicates within one annotation folded
    assert c.tags == ("地區/中亞",)
    assert d.tags == ("地區/能源",)  # the parent's existing spelling
    with store.reading() as s:
        names = {t.name: t.count for t in store_tags.list_tags(s)}
    assert names == {"中亞": 2, "Energy": 2, "地區/中亞": 1, "地區/能源": 1}


def test_rename_merge_delete_tags_with_counts(store: Store) -> None:
    with store.writing() as s:
        a = ops.create_annotation(s, DOC, *span("中亞地區"), tags=["地區/中亞", "能源"])
        b = ops.create_annotation(s, DOC, *span("北極"), tags=["區域/北極"])
        store_themes.set_theme_memo(s, "地區/中亞", "中亞的比較")
    with store.writing() as s:
        change = store_tags.rename_tag(s, "地区", "區域", merge=False)
    assert (change.tags, change.annotations) == (1, 1)
    assert change.before[0].tags == ("地區/中亞", "能源")
    with store.reading() as s:
        assert ops.get_annotation(s, a.id).tags == ("區域/中亞", "能源")
        assert store_themes.theme_memo(s, "区域/中亚") == "中亞的比較"  # the memo followed
    with pytest.raises(InputError, match="merge"), store.writing() as s:
        store_tags.rename_tag(s, "能源", "區域/北極")
    with store.writing() as s:
        merged = store_tags.merge_tags(s, "能源", "區域/北極")
    assert (merged.tags, merged.annotations) == (1, 1)
    with store.reading() as s:
        assert ops.get_annotation(s, a.id).tags == ("區域/中亞", "區域/北極")
    with store.writing() as s:
        deleted = store_tags.delete_tag(s, "區域")
    assert (deleted.tags, deleted.annotations) == (2, 2)
    with store.reading() as s:
        assert ops.get_annotation(s, a.id).tags == ()
        assert ops.get_annotation(s, b.id).tags == ()
        assert store_themes.theme_memo(s, "區域/中亞") == "中亞的比較"  # memos are never deleted
        assert store_themes.list_theme_memos(s) == {"區域/中亞": "中亞的比較"}
    with store.writing() as s:  # undo
        for record in deleted.before:
            ops.restore_annotation(s, record)
    with store.reading() as s:
        assert ops.get_annotation(s, a.id).tags == ("區域/中亞", "區域/北極")


spellings = st.lists(
    st.text(alphabet="中亞亚地區区能源Energyey /／", min_size=1, max_size=6),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=spellings)
def test_a_tag_is_its_folding_key_and_keeps_the_first_spelling(
    store: Store, names: list[str]
) -> None:
    usable = []
    for name in names:
        try:
            usable.append(store_tags.clean_tag(name))
        except InputError:
            continue
    with store.writing() as s:
        first: dict[str, str] = {}
        for name in usable:
            tag = store_tags.resolve_tag(s, name)
            key = fold_key(name)
            assert tag.key == key
            first.setdefault(key, tag.name)
            assert tag.name == first[key]  # the first spelling, whatever came later
        assert len(store_tags.list_tags(s)) == len(first)
        s.rollback()


def test_tag_colour_and_description(store: Store) -> None:
    with store.writing() as s:
        ops.create_annotation(s, DOC, *span("北極"), tags=["北極"])
        info = store_tags.set_tag_details(s, "北极", color="blue", description="Arctic routes")
    assert (info.name, info.color, info.description, info.count) == (
        "北極",
        "blue",
        "Arctic routes",
        1,
    )
    with pytest.raises(InputError), store.writing() as s:
        store_tags.set_tag_details(s, "北極", color="red")
    with store.reading() as s:
        (tag,) = store_tags.list_tags(s)
    assert tag.color == "blue"

"""The tag use cases (``reader.ops.tags``): rename, merge and delete a tag with its children in
one transaction, and undo each back to exactly what was there."""

from __future__ import annotations

import pytest

from reader.documents import Document, load_library
from reader.errors import InputError
from reader.ops import annotations as annotation_ops
from reader.ops import tags
from reader.store import Store


@pytest.fixture
def doc() -> Document:
    return load_library().get("lian-obor")


def annotate(store: Store, doc: Document, quote: str, *names: str) -> None:
    start = doc.text.index(quote)
    annotation_ops.annotate(store, doc, start, start + len(quote), tags=list(names))


def state(store: Store) -> tuple[list[tuple[str, int]], list[tuple[str, ...]]]:
    listed = [(t.name, t.count) for t in tags.list_tags(store)]
    return listed, [r.tags for r in annotation_ops.list_annotations(store)]


@pytest.mark.parametrize(
    ("kind", "name", "new_name", "after"),
    [
        ("rename", "地區", "區域", [("區域/中亞", 1), ("能源", 2)]),
        ("merge", "地區/中亞", "能源", [("能源", 2)]),
        ("delete", "地區", None, [("能源", 2)]),
    ],
)
def test_each_change_and_its_undo(
    store: Store,
    doc: Document,
    kind: str,
    name: str,
    new_name: str | None,
    after: list[tuple[str, int]],
) -> None:
    annotate(store, doc, "戈巴契夫", "地區/中亞", "能源")
    annotate(store, doc, "中亞", "能源")
    before = state(store)
    tags_before, change = tags.change(store, kind, name, new_name)
    assert change.annotations == 1
    listed, tagged = state(store)
    assert sorted(listed) == sorted(after)
    assert not any(name in t for t in tagged)  # no annotation keeps the changed tag
    tags.undo_change(store, tags_before, change.before)
    assert state(store) == before


def test_details_and_refusals(store: Store, doc: Document) -> None:
    annotate(store, doc, "戈巴契夫", "北極")
    info = tags.set_details(store, "北极", color="blue", description="Arctic routes")
    assert (info.name, info.color, info.description) == ("北極", "blue", "Arctic routes")
    with pytest.raises(InputError):
        tags.rename(store, "no such tag", "x")
    with pytest.raises(InputError):
        tags.set_details(store, "北極", color="red")
    assert [(t.name, t.color) for t in tags.list_tags(store)] == [("北極", "blue")]

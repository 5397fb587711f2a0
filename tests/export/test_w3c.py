"""W3C Web Annotation JSON: the shape of the export, the round trip, and hostile files."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.documents import Document
from reader.errors import InputError
from reader.export import w3c
from reader.export.records import AnnotationRecord, ExportOptions
from reader.export.w3c import parse_import, plan_import, render_json, to_collection
from reader.folding import fold_key
from tests.export.helpers import anchor, library_docs, source_for

STAMP = "2026-11-22T01:02:03Z"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return library_docs()


@pytest.fixture(scope="module")
def records(docs: list[Document]) -> list[AnnotationRecord]:
    lian, hsu = docs
    return [
        anchor(
            lian,
            "區域性的多邊或雙邊合作",
            color="green",
            tags=["地區/中亞", "安全"],
            note="**why** it matters\n\n---",
        ),
        anchor(lian, "出兵喬治亞", tags=[]),
        anchor(
            hsu,
            "中亞",
            color=None,
            tags=["中亚"],
            note="note only",
            created="2026-11-20T08:00:00Z",
            updated="2026-11-21T10:00:00Z",
        ),
    ]


def export(docs: list[Document], records: list[AnnotationRecord], **kw: Any) -> str:
    return render_json(
        ExportOptions(format="json", exported_at=STAMP, **kw), source_for(docs, records)
    )


def items_of(collection: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = collection.get("first")
    while page:
        assert page["type"] == "AnnotationPage"
        assert page["partOf"] == {"id": collection["id"], "total": collection["total"]}
        assert page["startIndex"] == len(out)
        out.extend(page["items"])
        page = page.get("next")
    return out


def test_collection_follows_the_contract(
    docs: list[Document], records: list[AnnotationRecord]
) -> None:
    data = json.loads(export(docs, records))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["id"].startswith("urn:uuid:")
    assert data["total"] == 3
    assert data["generated"] == STAMP
    items = items_of(data)
    # One embedded page, first and last, no next.
    assert data["last"] == data["first"]["id"]
    assert "next" not in data["first"]
    first, second, third = items
    assert first["id"] == f"urn:uuid:{records[0].id}"
    assert first["type"] == "Annotation"
    assert first["motivation"] == "commenting"
    assert first["created"] == first["modified"] == "2026-11-21T09:30:00Z"
    assert first["body"] == [
        {
            "type": "TextualBody",
            "purpose": "tagging",
            "value": "地區/中亞",
            "language": "zh-Hant-TW",
        },
        {"type": "TextualBody", "purpose": "tagging", "value": "安全", "language": "zh-Hant-TW"},
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "format": "text/markdown",
            "language": "und",
            "value": "**why** it matters\n\n---",
        },
    ]
    assert first["stylesheet"] == {
        "type": "CssStylesheet",
        "value": ".green { background-color: #c5e1a5; }",
    }
    assert "creator" not in first and "creator" not in data
    target = first["target"]
    assert target["type"] == "SpecificResource"
    assert target["source"] == {
        "id": "urn:meipi:document:lian-obor",
        "type": "Text",
        "sha256": docs[0].sha256,
    }
    assert target["styleClass"] == "green"
    quote, position = target["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": records[0].quote,
        "prefix": records[0].prefix,
        "suffix": records[0].suffix,
    }
    assert position == {
        "type": "TextPositionSelector",
        "start": records[0].start,
        "end": records[0].end,
    }
    assert second["motivation"] == "highlighting"
    assert "body" not in second
    assert "styleClass" not in third["target"] and "stylesheet" not in third
    assert third["modified"] == "2026-11-21T10:00:00Z"


def test_round_trip_is_identical(docs: list[Document], records: list[AnnotationRecord]) -> None:
    text = export(docs, records)
    back = parse_import(text.encode("utf-8"), docs)
    assert sorted(back, key=lambda r: r.id) == sorted(records, key=lambda r: r.id)
    assert export(docs, back) == text


def test_filters_apply_to_json(docs: list[Document], records: list[AnnotationRecord]) -> None:
    data = json.loads(export(docs, records, colors=("green",)))
    assert [i["id"] for i in items_of(data)] == [f"urn:uuid:{records[0].id}"]
    assert "next" not in data["first"]
    empty = json.loads(export(docs, records, tags=("北極",)))
    assert empty["total"] == 0 and "first" not in empty
    assert parse_import(json.dumps(empty).encode(), docs) == []


tag_text = (
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=40, deadline=None)
@given(
    note=st.none() | st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    tags=st.lists(tag_text, max_size=4, unique_by=fold_key),
    color=st.sampled_from([None, "yellow", "purple"]),
    span=st.tuples(st.integers(0, 3000), st.integers(1, 60)),
)
def test_any_note_and_tags_survive_the_round_trip(
    note: str | None, tags: list[str], color: str | None, span: tuple[int, int]
) -> None:
    doc = library_docs()[1]
    start = min(span[0], len(doc.text) - 1)
    end = min(start + span[1], len(doc.text))
    rec = anchor(doc, doc.text[start:end], color=color, tags=tags, note=note or None)
    rec = rec._replace(start=start, end=end, pages=doc.pages_of(start, end))
    text = export([doc], [rec])
    assert parse_import(text.encode("utf-8"), [doc]) == [rec]


def test_times_in_other_zones_become_utc(
    docs: list[Document], records: list[AnnotationRecord]
) -> None:
    data = json.loads(export(docs, records[:1]))
    data["first"]["items"][0]["modified"] = "2026-11-22T08:00:00.250+08:00"
    (rec,) = parse_import(json.dumps(data).encode(), docs)
    assert rec.updated == "2026-11-22T00:00:00.250Z"


def test_plan_adds_new_updates_newer_keeps_the_rest(records: list[AnnotationRecord]) -> None:
    a, b, c = records
    older_b = b._replace(updated="2026-11-01T00:00:00Z", note="older")
    newer_c = c._replace(updated="2026-12-01T00:00:00Z")
    plan = plan_import([a, b, c], {b.id: older_b, c.id: newer_c})
    assert plan.added == [a]
    assert plan.updated == [b]
    assert plan.unchanged == 1 and plan.skipped == []
    assert plan.summary() == "1 added, 1 updated, 1 unchanged, 0 skipped."
    again = plan_import([a], {a.id: a})
    assert (again.added, again.updated, again.unchanged, again.skipped) == ([], [], 1, [])


@pytest.mark.parametrize(
    "change",
    [
        {"note": "edited here later"},
        {"color": "pink"},
        {"tags": ("另一個",)},
        {"start": 1, "end": 3},
    ],
)
def test_an_older_copy_that_differs_is_skipped_not_unchanged(
    records: list[AnnotationRecord], change: dict[str, object]
) -> None:
    """A tester: an older, different copy was counted "unchanged", hiding that they disagree."""
    a, b, _ = records
    ours = b._replace(updated="2026-12-01T00:00:00Z", **change)  # type: ignore[arg-type]
    same_time = a._replace(note="written at the same moment")
    plan = plan_import([a, b], {a.id: same_time, b.id: ours})
    assert (plan.added, plan.updated, plan.unchanged, plan.skipped) == ([], [], 0, [a, b])
    assert plan.summary() == (
        "0 added, 0 updated, 0 unchanged, 2 skipped (the file's copies differ but are not newer;"
        " this database's were kept)."
    )


def test_a_copy_that_differs_only_in_its_time_or_tag_spelling_is_unchanged(
    records: list[AnnotationRecord],
) -> None:
    a, *_ = records
    assert a.tags == ("地區/中亞", "安全")
    ours = a._replace(updated="2026-12-01T00:00:00Z", tags=("安全", "地区 / 中亚"))
    plan = plan_import([a], {a.id: ours})
    assert (plan.unchanged, plan.skipped) == (1, [])


# ---------------------------------------------------------------------------------------------
# Hostile files: rejected whole, with a message saying what is wrong


def _mutate(docs: list[Document], records: list[AnnotationRecord], path: str, value: Any) -> bytes:
    """The export with one value replaced; ``path`` like ``first.items.0.target.styleClass``."""
    data: Any = json.loads(export(docs, records))
    keys = path.split(".")
    node = data
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if value is _DELETE:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


_DELETE = object()
ITEM = "first.items.0"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("@context", "http://example.org/other", "not W3C Web Annotation JSON"),
        ("type", "Collection", "neither AnnotationCollection nor AnnotationPage"),
        ("first", "urn:uuid:elsewhere", "page 1 is not an embedded AnnotationPage"),
        ("first.items", {"a": 1}, "page 1 has no list of items"),
        (ITEM, "just a string", "annotation 1: it is not a JSON object"),
        (f"{ITEM}.type", "Note", "its type is not Annotation"),
        (f"{ITEM}.id", "http://example.org/1", "must be a urn:uuid: identifier"),
        (f"{ITEM}.id", "urn:uuid:not-a-uuid", "not a valid UUID"),
        (f"{ITEM}.created", _DELETE, "created must be an ISO 8601 time"),
        (f"{ITEM}.modified", "2026-11-21 09:30", "modified must be an ISO 8601 time"),
        (f"{ITEM}.modified", "2026-13-41T09:30:00Z", "not a real date"),
        (f"{ITEM}.motivation", 7, "motivation must be a string"),
        (f"{ITEM}.body.0", {"type": "SpecificResource"}, "TextualBody"),
        (f"{ITEM}.body.0.value", ["x"], "a tag must be a string"),
        (f"{ITEM}.body.0.value", " ", "a tag is empty"),
        (f"{ITEM}.body.0.value", "a\nb", "spans several lines"),
        (f"{ITEM}.body.0.purpose", "linking", "purpose 'linking'"),
        (f"{ITEM}.body.2.format", "text/html", "format 'text/html'"),
        (f"{ITEM}.body.2.value", None, "the note must be a string"),
        (f"{ITEM}.target", [], "exactly one target"),
        (f"{ITEM}.target.source.id", "https://example.org/doc", "must be a Meipi document"),
        (f"{ITEM}.target.source.id", "urn:meipi:document:nope", "unknown document 'nope'"),
        (f"{ITEM}.target.styleClass", "red", "unknown colour 'red'"),
        (f"{ITEM}.target.selector", [], "needs a TextQuoteSelector and a TextPositionSelector"),
        (f"{ITEM}.target.selector.1.start", True, "start must be a whole number"),
        (f"{ITEM}.target.selector.1.start", 1.5, "start must be a whole number"),
        (f"{ITEM}.target.selector.1.start", -1, "outside the text"),
        (f"{ITEM}.target.selector.1.end", 10**9, "outside the text"),
        (f"{ITEM}.target.selector.0.exact", "區域性的多邊或雙邊合", "quote is not the text"),
        (f"{ITEM}.target.selector.0.prefix", "x" * 5000, "prefix is longer"),
        (f"{ITEM}.orphaned", "yes", "orphaned must be true or false"),
        ("first.items.1.id", "urn:uuid:{first}", "appears twice"),
    ],
)
def test_hostile_file_is_rejected_whole(
    docs: list[Document], records: list[AnnotationRecord], path: str, value: Any, message: str
) -> None:
    if value == "urn:uuid:{first}":
        value = f"urn:uuid:{records[0].id}"
    data = _mutate(docs, records, path, value)
    with pytest.raises(InputError, match="Nothing was imported") as info:
        parse_import(data, docs, name="bad.json")
    assert message in str(info.value)
    assert str(info.value).startswith("bad.json cannot be imported:")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[]", "expected a JSON object"),
        (
            b'{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",'
            b' "total": NaN}',
            "not valid JSON",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_files_are_rejected(docs: list[Document], data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_import(data, docs)


def test_a_changed_text_is_named(docs: list[Document], records: list[AnnotationRecord]) -> None:
    data = json.loads(export(docs, records[:1]))
    item = data["first"]["items"][0]
    item["target"]["source"]["sha256"] = "0" * 64
    item["target"]["selector"][0]["exact"] = "something else"
    with pytest.raises(InputError, match="the text changed since the export"):
        parse_import(json.dumps(data).encode(), docs)


def test_many_problems_are_summed_up(docs: list[Document], records: list[AnnotationRecord]) -> None:
    data = json.loads(export(docs, records))
    for item in items_of(data):
        item["target"]["styleClass"] = "red"
    with pytest.raises(InputError, match="; and 1 more\\.") as info:
        parse_import(json.dumps(data).encode(), docs)
    assert str(info.value).count("unknown colour") == 2


def test_size_and_count_limits(
    docs: list[Document], records: list[AnnotationRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = export(docs, records).encode()
    monkeypatch.setattr(w3c, "MAX_ANNOTATIONS", 2)
    with pytest.raises(InputError, match="more than 2 annotations"):
        parse_import(text, docs)
    monkeypatch.setattr(w3c, "MAX_BYTES", len(text) - 1)
    with pytest.raises(InputError, match="larger than"):
        parse_import(text, docs)


def test_a_single_page_file_is_read_too(
    docs: list[Document], records: list[AnnotationRecord]
) -> None:
    collection = to_collection(
        ExportOptions(format="json", documents=("lian-obor",)), source_for(docs, records)
    )
    page = {"@context": w3c.CONTEXT, **collection["first"]}
    assert len(parse_import(json.dumps(page).encode(), docs)) == 2


def test_creator_when_set(docs: list[Document], records: list[AnnotationRecord]) -> None:
    source = source_for(docs, records)
    source.creator = "林小明"
    data = json.loads(render_json(ExportOptions(format="json", exported_at=STAMP), source))
    assert data["creator"] == {"type": "Person", "name": "林小明"}
    assert all(i["creator"] == {"type": "Person", "name": "林小明"} for i in items_of(data))
    back = parse_import(json.dumps(data).encode("utf-8"), docs)
    assert sorted(back, key=lambda r: r.id) == sorted(records, key=lambda r: r.id)


def test_import_reads_the_earlier_chained_pages(
    docs: list[Document], records: list[AnnotationRecord]
) -> None:
    data = json.loads(export(docs, records))
    page = data["first"]
    first_items, rest = page["items"][:1], page["items"][1:]
    data["first"] = {
        **page,
        "partOf": data["id"],
        "items": first_items,
        "next": {**page, "id": "urn:uuid:0", "partOf": data["id"], "startIndex": 1, "items": rest},
    }
    back = parse_import(json.dumps(data).encode("utf-8"), docs)
    assert sorted(back, key=lambda r: r.id) == sorted(records, key=lambda r: r.id)

"""The plain values the store returns (``reader.store.records``): an annotation's JSON shape and
its inverse, the citation of its pages, page lookup from a document's page starts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.store.records import COLORS, DEFAULT_MEANINGS, AnnotationRecord, _Pages

RECORD = AnnotationRecord(
    id="8588fba8-a3a2-40cc-89b5-5b8ba37952ec",
    document="lian-obor",
    start=10,
    end=14,
    quote="中亞地區",
    prefix="在",
    suffix="的",
    pages=(3, 4),
    color="blue",
    tags=("地區/中亞",),
    note="note",
    created="2026-01-01T00:00:00Z",
    updated="2026-01-02T00:00:00Z",
)


def test_the_json_shape_of_the_contract_and_back() -> None:
    data = RECORD.to_json()
    assert list(data) == [
        *("id", "document", "start", "end", "quote", "prefix", "suffix", "pages", "color"),
        *("tags", "note", "created", "updated", "orphaned"),
    ]
    assert data["pages"] == [3, 4] and data["tags"] == ["地區/中亞"]
    assert AnnotationRecord.from_dict(data) == RECORD
    assert RECORD.citation == "pp. 3–4"


def test_a_record_from_an_older_export_fills_what_it_lacks() -> None:
    data = {k: v for k, v in RECORD.to_json().items() if k not in ("prefix", "pages", "tags")}
    back = AnnotationRecord.from_dict(data)
    assert (back.prefix, back.pages, back.tags, back.orphaned) == ("", (0, 0), (), False)


def test_every_colour_has_a_default_meaning() -> None:
    assert set(DEFAULT_MEANINGS) == set(COLORS)


def test_page_lookup() -> None:
    pages = _Pages("[[1, 0], [2, 100], [5, 250]]")
    assert [pages.of(o) for o in (-3, 0, 99, 100, 249, 250, 10_000)] == [1, 1, 1, 2, 2, 5, 5]
    assert pages.span(90, 100) == (1, 1)  # the end is exclusive
    assert pages.span(90, 101) == (1, 2)
    assert pages.span(120, 120) == (2, 2)
    assert _Pages("[]").span(0, 5) == (1, 1)


@given(st.lists(st.integers(1, 500), min_size=1, max_size=10, unique=True), st.data())
def test_an_offset_is_on_the_page_whose_start_is_the_last_before_it(
    gaps: list[int], data: st.DataObject
) -> None:
    starts = [0]
    for gap in sorted(gaps)[1:]:
        starts.append(starts[-1] + gap)
    pages = _Pages(str([[i + 1, s] for i, s in enumerate(starts)]))
    offset = data.draw(st.integers(0, starts[-1] + 10))
    page = pages.of(offset)
    assert starts[page - 1] <= offset
    assert page == len(starts) or offset < starts[page]

"""Every MUST of the W3C Web Annotation test suite (w3c/web-annotation-tests:
annotations/annotationMusts.test, collections/collectionMusts.test,
collections/pages/pageMusts.test), checked over a real export.

The suite's assertions are JSON schemas; each is restated here as a Python check under the
assertion's own file name (its schema text is not copied), so a failure names the assertion.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest

from reader.export.records import ExportOptions
from reader.export.w3c import render_json
from tests.export.helpers import anchor, library_docs, source_for

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*")
Check = Callable[[dict[str, Any]], bool]


def _export() -> dict[str, Any]:
    lian, hsu = library_docs()
    recs = [
        anchor(lian, "區域性的多邊或雙邊合作", color="green", tags=["地區/中亞", "安全"], note="n"),
        anchor(lian, "出兵喬治亞", color="yellow"),
        anchor(lian, "普京上台以後", color="blue", tags=["Energy"]),
        anchor(lian, "上海合作組織", color="pink", note="**md**"),
        anchor(hsu, "北極地區", color="purple", tags=["北極"]),
        anchor(hsu, "中亞", color=None, tags=["中亚"], note="note only"),
    ]
    source = source_for([lian, hsu], recs)
    source.creator = "林小明"
    return dict(json.loads(render_json(ExportOptions(format="json"), source)))


def is_uri(v: Any) -> bool:
    return isinstance(v, str) and bool(_URI.fullmatch(v))


def single(v: Any) -> Any:
    """A single value: itself, or the one item of a one-item array (None otherwise)."""
    if isinstance(v, list):
        return v[0] if len(v) == 1 else None
    return v


def is_datetime(v: Any) -> bool:
    v = single(v)
    if not isinstance(v, str):
        return False
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def listed(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [] if v is None else [v]


def types(obj: Any) -> list[str]:
    return listed(obj.get("type")) if isinstance(obj, dict) else []


def items_in(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    page = data.get("first")
    while isinstance(page, dict):
        yield from page["items"]
        page = page.get("next")


def pages(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    page = data.get("first")
    while isinstance(page, dict):
        yield page
        page = page.get("next")


def resources(a: dict[str, Any], key: str) -> list[Any]:
    return listed(a.get(key))


def with_sources(objs: list[Any]) -> list[dict[str, Any]]:
    out = [o for o in objs if isinstance(o, dict)]
    out += [o["source"] for o in out if isinstance(o.get("source"), dict)]
    return out


def kind(obj: Any) -> str:
    """What a body or target is, as the suite tells them apart."""
    if isinstance(obj, str):
        return "uri"
    t = types(obj)
    if "TextualBody" in t or ("value" in obj and "source" not in obj and "items" not in obj):
        return "textual"
    if "Choice" in t or "List" in t or "Composite" in t or "Independents" in t or "items" in obj:
        return "choice"
    if "SpecificResource" in t or "source" in obj:
        return "specific"
    return "ewr"


def each_resource(key: str, what: str, rule: Callable[[dict[str, Any]], bool]) -> Check:
    def check(data: dict[str, Any]) -> bool:
        return all(
            rule(r)
            for a in items_in(data)
            for r in resources(a, key)
            if isinstance(r, dict) and kind(r) == what
        )

    return check


def each_level(key: str, prop: str, rule: Callable[[Any], bool]) -> Check:
    """Bodies/targets and their sources: ``prop``, if present, obeys ``rule``."""

    def check(data: dict[str, Any]) -> bool:
        return all(
            rule(o[prop])
            for a in items_in(data)
            for o in with_sources(resources(a, key))
            if prop in o
        )

    return check


def each_annotation(rule: Callable[[dict[str, Any]], bool]) -> Check:
    return lambda data: all(rule(a) for a in items_in(data))


def if_present(obj: dict[str, Any], key: str, rule: Callable[[Any], bool]) -> bool:
    return key not in obj or rule(obj[key])


def all_uris(v: Any) -> bool:
    return all(is_uri(x) for x in listed(v))


def selectors(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for a in items_in(data):
        for r in [*resources(a, "target"), *resources(a, "body")]:
            if isinstance(r, dict):
                for s in listed(r.get("selector")):
                    if isinstance(s, dict):
                        yield s
                        yield from (x for x in listed(s.get("refinedBy")) if isinstance(x, dict))


def states(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for a in items_in(data):
        for r in [*resources(a, "target"), *resources(a, "body")]:
            if isinstance(r, dict):
                yield from (s for s in listed(r.get("state")) if isinstance(s, dict))


def has_style_class(r: Any) -> bool:
    return isinstance(r, dict) and "styleClass" in r


def typed_or_uri(v: Any) -> bool:
    return all(is_uri(x) or (isinstance(x, dict) and types(x)) for x in listed(v)) and bool(
        listed(v)
    )


def one_ok(v: Any) -> bool:
    return single(v) is not None


ANNOTATION_MUSTS: dict[str, Check] = {
    "3.1-annotationContextValidated": each_annotation(lambda a: True),  # context: collection
    "3.1-annotationIdValidated": each_annotation(lambda a: is_uri(single(a.get("id")))),
    "3.1-annotationTypeValidated": each_annotation(lambda a: "Annotation" in types(a)),
    "3.1-targetKeyFound": each_annotation(lambda a: "target" in a),
    "3.2-targetObjectsRecognized": each_annotation(
        lambda a: (
            bool(resources(a, "target"))
            and all(kind(t) in ("uri", "ewr", "choice", "specific") for t in resources(a, "target"))
        )
    ),
    "3.2.5-notBodyBodyValue": each_annotation(lambda a: not ("body" in a and "bodyValue" in a)),
    "3.2-bodyObjectsRecognized": each_annotation(
        lambda a: all(
            kind(b) in ("uri", "ewr", "textual", "choice", "specific") for b in resources(a, "body")
        )
    ),
    "3.2.5-bodyValueValidated": each_annotation(
        lambda a: if_present(a, "bodyValue", lambda v: isinstance(single(v), str))
    ),
    "3.3.1-annotationCreatedValidated": each_annotation(
        lambda a: if_present(a, "created", is_datetime)
    ),
    "3.3.1-annotationModifiedValidated": each_annotation(
        lambda a: if_present(a, "modified", is_datetime)
    ),
    "3.3.1-annotationGeneratedValidated": each_annotation(
        lambda a: if_present(a, "generated", is_datetime)
    ),
    "3.3.6-annotationRightsValidated": each_annotation(lambda a: if_present(a, "rights", all_uris)),
    "3.3.7-annotationCanonicalValidated": each_annotation(
        lambda a: if_present(a, "canonical", lambda v: is_uri(single(v)))
    ),
    "3.3.7-annotationViaValidated": each_annotation(lambda a: if_present(a, "via", all_uris)),
}
for side, key in (("body", "body"), ("targ", "target")):
    ANNOTATION_MUSTS.update(
        {
            f"3.2.1-{side}TextDirectionValidated": each_level(
                key, "textDirection", lambda v: single(v) in ("ltr", "rtl", "auto")
            ),
            f"3.3.1-{side}CreatedValidated": each_level(key, "created", is_datetime),
            f"3.3.1-{side}ModifiedValidated": each_level(key, "modified", is_datetime),
            f"3.3.6-{side}RightsValidated": each_level(key, "rights", all_uris),
            f"3.3.7-{side}CanonicalValidated": each_level(
                key, "canonical", lambda v: is_uri(single(v))
            ),
            f"3.3.7-{side}ViaValidated": each_level(key, "via", all_uris),
            f"3.2.7-{side}EWRNoItems": each_resource(key, "ewr", lambda r: "items" not in r),
            f"3.3.5-{side}EWRNoPurpose": each_resource(key, "ewr", lambda r: "purpose" not in r),
            f"3.2.4-{side}ChoiceSetNoValue": each_resource(
                key, "choice", lambda r: "value" not in r
            ),
            f"4-{side}ChoiceSetNoSource": each_resource(key, "choice", lambda r: "source" not in r),
            f"3.3.5-{side}ChoiceSetNoPurpose": each_resource(
                key, "choice", lambda r: "purpose" not in r
            ),
            f"3.2.7-{side}SpecificResourceNoItems": each_resource(
                key, "specific", lambda r: "items" not in r
            ),
            f"4-{side}SpecificResourceNoValue": each_resource(
                key, "specific", lambda r: "value" not in r
            ),
        }
    )
ANNOTATION_MUSTS.update(
    {
        "3.2.7-bodyEmbeddedTextualNoItems": each_resource(
            "body", "textual", lambda r: "items" not in r
        ),
        "4-bodyEmbeddedTextualNoSource": each_resource(
            "body", "textual", lambda r: "source" not in r
        ),
        "3.2.4-targNoTypeTextualBody": each_annotation(
            lambda a: all(
                "TextualBody" not in types(t)
                and all("TextualBody" not in types(i) for i in listed(t.get("items")))
                for t in resources(a, "target")
                if isinstance(t, dict)
            )
        ),
        "4.2-selectorValidIfPresent": lambda d: all(
            typed_or_uri(r["selector"])
            for a in items_in(d)
            for r in [*resources(a, "target"), *resources(a, "body")]
            if isinstance(r, dict) and "selector" in r
        ),
        "4.3-stateValidIfPresent": lambda d: all(
            typed_or_uri(r["state"])
            for a in items_in(d)
            for r in [*resources(a, "target"), *resources(a, "body")]
            if isinstance(r, dict) and "state" in r
        ),
        "4.3.3-refinedByValidated": lambda d: all(
            typed_or_uri(s["refinedBy"]) for s in selectors(d) if "refinedBy" in s
        ),
        "4.4-styleClassValidIfPresent": each_annotation(
            lambda a: (
                one_ok(a.get("stylesheet"))
                or not any(
                    has_style_class(r) for r in [*resources(a, "target"), *resources(a, "body")]
                )
            )
        ),
        "4.2-fragmentCssXPathSelectorValid": lambda d: all(
            one_ok(s.get("value"))
            for s in selectors(d)
            if {"FragmentSelector", "CssSelector", "XPathSelector"} & set(types(s))
        ),
        "4.2.4-textQuoteSelectorValid": lambda d: all(
            isinstance(single(s.get("exact")), str)
            for s in selectors(d)
            if "TextQuoteSelector" in types(s)
        ),
        "4.2-TextDataPositionSelectorValid": lambda d: all(
            isinstance(single(s.get("start")), int)
            and isinstance(single(s.get("end")), int)
            and single(s.get("start")) >= 0
            and single(s.get("end")) >= 0
            for s in selectors(d)
            if {"TextPositionSelector", "DataPositionSelector"} & set(types(s))
        ),
        "4.2.7-svgSelectorValid": lambda d: all(
            one_ok(s.get("value")) or is_uri(single(s.get("id")))
            for s in selectors(d)
            if "SvgSelector" in types(s)
        ),
        "4.2.8-rangeSelectorValid": lambda d: all(
            isinstance(single(s.get("startSelector")), dict)
            and isinstance(single(s.get("endSelector")), dict)
            for s in selectors(d)
            if "RangeSelector" in types(s)
        ),
        "4.3.1-timeStateValid": lambda d: all(
            ("sourceDate" in s) != ("sourceDateStart" in s and "sourceDateEnd" in s)
            for s in states(d)
            if "TimeState" in types(s)
        ),
        "4.3.2-httpRequestStateValid": lambda d: all(
            "value" in s for s in states(d) if "HttpRequestState" in types(s)
        ),
    }
)

COLLECTION_MUSTS: dict[str, Check] = {
    "5.1-collectionContextValidated": lambda d: CONTEXT in listed(d.get("@context")),
    "5.1-collectionIdValidated": lambda d: is_uri(single(d.get("id"))),
    "5.1-collectionTypeValidated": lambda d: "AnnotationCollection" in types(d),
    "5.1-collectionLabelValidated": lambda d: if_present(d, "label", lambda v: isinstance(v, str)),
    "5.1-collectionTotalValidated": lambda d: if_present(
        d, "total", lambda v: isinstance(single(v), int) and single(v) >= 0
    ),
    "5.1-collectionFirstValidated": lambda d: "first" in d or not single(d.get("total", 0)),
    "5.1-collectionLastValidated": lambda d: if_present(d, "last", lambda v: is_uri(single(v))),
    "3.3.1-collectionCreatedValidated": lambda d: if_present(d, "created", is_datetime),
    "3.3.1-collectionModifiedValidated": lambda d: if_present(d, "modified", is_datetime),
    "3.3.6-collectionRightsValidated": lambda d: if_present(d, "rights", all_uris),
}


def each_page(rule: Callable[[dict[str, Any]], bool]) -> Check:
    return lambda d: all(rule(p) for p in pages(d))


def part_of(p: dict[str, Any]) -> dict[str, Any]:
    v = single(p.get("partOf"))
    return v if isinstance(v, dict) else {}


PAGE_MUSTS: dict[str, Check] = {
    # An embedded page takes the collection's @context.
    "5.2-pageContextValidated": lambda d: CONTEXT in listed(d.get("@context")),
    "5.2-pageIdValidated": each_page(lambda p: is_uri(single(p.get("id")))),
    "5.2-pageTypeValidated": each_page(lambda p: "AnnotationPage" in types(p)),
    "5.2-pageItemsValidated": each_page(
        lambda p: (
            isinstance(p.get("items"), list)
            and all(is_uri(i) or "Annotation" in types(i) for i in p["items"])
        )
    ),
    "5.2-pageStartIndexValidated": each_page(
        lambda p: if_present(p, "startIndex", lambda v: isinstance(single(v), int) and v >= 0)
    ),
    "5.2-pagePartOfValidated": each_page(
        lambda p: if_present(
            p, "partOf", lambda v: is_uri(single(v)) or is_uri(part_of(p).get("id"))
        )
    ),
    "5.2-pageNextValidated": each_page(
        lambda p: if_present(p, "next", lambda v: is_uri(single(v)))
    ),
    "5.2-pagePrevValidated": each_page(
        lambda p: if_present(p, "prev", lambda v: is_uri(single(v)))
    ),
    "5.2-pageTotalValidated": each_page(
        lambda p: if_present(
            part_of(p), "total", lambda v: isinstance(single(v), int) and single(v) >= 0
        )
    ),
    "5.2-pageLabelValidated": each_page(
        lambda p: if_present(part_of(p), "label", lambda v: isinstance(v, str))
    ),
    "5.2-pageFirstValidated": each_page(
        lambda p: if_present(part_of(p), "first", lambda v: is_uri(single(v)))
    ),
    "5.2-pageLastValidated": each_page(
        lambda p: if_present(part_of(p), "last", lambda v: is_uri(single(v)))
    ),
    "3.3.1-pageCreatedValidated": each_page(
        lambda p: if_present(part_of(p), "created", is_datetime)
    ),
    "3.3.1-pageModifiedValidated": each_page(
        lambda p: if_present(part_of(p), "modified", is_datetime)
    ),
    "3.3.6-pageRightsValidated": each_page(lambda p: if_present(part_of(p), "rights", all_uris)),
}

ALL_MUSTS = {**ANNOTATION_MUSTS, **COLLECTION_MUSTS, **PAGE_MUSTS}


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return _export()


def test_every_must_of_the_suite_is_listed() -> None:
    # annotationMusts.test lists 54, collectionMusts.test 10, pageMusts.test 15.
    assert (len(ANNOTATION_MUSTS), len(COLLECTION_MUSTS), len(PAGE_MUSTS)) == (54, 10, 15)


@pytest.mark.parametrize("assertion", sorted(ALL_MUSTS))
def test_w3c_must_holds(data: dict[str, Any], assertion: str) -> None:
    assert ALL_MUSTS[assertion](data), assertion


def test_the_checks_can_fail(data: dict[str, Any]) -> None:
    """The stylesheet, partOf and next rules catch the old export's shape."""
    broken = json.loads(json.dumps(data))
    for a in broken["first"]["items"]:
        a.pop("stylesheet", None)
    assert not ALL_MUSTS["4.4-styleClassValidIfPresent"](broken)
    broken["first"]["partOf"] = {"total": 3}
    assert not ALL_MUSTS["5.2-pagePartOfValidated"](broken)
    broken["first"]["next"] = {"type": "AnnotationPage", "items": []}
    assert not ALL_MUSTS["5.2-pageNextValidated"](broken)


def test_export_uses_the_features(data: dict[str, Any]) -> None:
    """The export really carries what the checks look at (not passing by absence)."""
    items = list(items_in(data))
    assert len(items) == 6
    assert sum("stylesheet" in a for a in items) == 5
    assert all(a["creator"] == {"type": "Person", "name": "林小明"} for a in items)
    assert all(b["language"] for a in items for b in a.get("body", []))
    assert {b["purpose"] for a in items for b in a.get("body", [])} == {"tagging", "commenting"}
    assert "next" not in data["first"] and data["first"]["partOf"]["total"] == 6

"""``--format json``: the W3C Web Annotation Data Model, and reading such a file back.

The export is an ``AnnotationCollection`` (``@context`` http://www.w3.org/ns/anno.jsonld) with
one embedded ``AnnotationPage`` (``first``, no ``next``; its ``partOf`` is the collection's
``{"id", "total"}``) holding the annotations in article and text order::

    {"id": "urn:uuid:…", "type": "Annotation", "created": "…Z", "modified": "…Z",
     "motivation": "commenting",              # "highlighting" when there is no note
     "body": [{"type": "TextualBody", "purpose": "tagging", "value": "地區/中亞"},
              {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown",
               "value": "the note, Markdown as typed"}],
     "target": {"type": "SpecificResource",
                "source": {"id": "urn:meipi:document:lian-obor", "type": "Text",
                           "sha256": "<hash of the canonical text>"},
                "styleClass": "yellow",       # absent for a note without colour
                "selector": [{"type": "TextQuoteSelector", "exact": …, "prefix": …, "suffix": …},
                             {"type": "TextPositionSelector", "start": …, "end": …}]}}

An annotation whose passage is no longer found in the text carries ``"orphaned": true`` (an
extension; JSON-LD processors ignore it), so exporting never loses a note.

:func:`parse_import` validates a whole file before anything is changed: bad JSON, wrong types,
unknown documents, offsets outside the text, a quote that is not the text at its offsets, more
than :data:`MAX_BYTES` or :data:`MAX_ANNOTATIONS` → one :class:`InputError` naming the first
problems. :func:`plan_import` then sorts the annotations into added, updated (``modified`` newer
than ours), unchanged (the same as ours) and skipped (different, not newer: ours is kept).
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import reader
from reader.documents import Document
from reader.errors import InputError, shorten
from reader.export.records import (
    AnnotationRecord,
    ExportOptions,
    ExportSource,
    select,
)
from reader.folding import fold_key
from reader.store.records import COLORS
from reader.tags import key_of_stored as tag_key

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SOURCE_PREFIX = "urn:meipi:document:"
MAX_BYTES = 50 * 1024 * 1024
MAX_ANNOTATIONS = 100_000
MAX_PAGES = 10_000
MAX_TAGS = 200
MAX_TAG_CHARS = 200
MAX_NOTE_CHARS = 1_000_000
MAX_CONTEXT_CHARS = 1_000
_NAMESPACE = uuid.UUID("0b5b6e0e-6f1e-5d43-9a43-6d6569706921")  # fixed: exports are repeatable


def annotation_iri(record_id: str) -> str:
    """``urn:uuid:…`` for a stored id (the store keeps the bare UUID)."""
    return record_id if record_id.startswith("urn:uuid:") else f"urn:uuid:{record_id}"


def document_iri(doc_id: str) -> str:
    return SOURCE_PREFIX + doc_id


# One CSS rule per colour; an annotation with a styleClass carries the stylesheet the model
# then requires (Web Annotation model 4.4: a stylesheet key on the Annotation).
STYLE_RULES = {
    "yellow": ".yellow { background-color: #fff59d; }",
    "green": ".green { background-color: #c5e1a5; }",
    "blue": ".blue { background-color: #90caf9; }",
    "pink": ".pink { background-color: #f8bbd0; }",
    "purple": ".purple { background-color: #ce93d8; }",
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def body_language(text: str, doc_language: str) -> str:
    """A body's BCP 47 language: the text's language when it is written in Chinese, else
    ``und`` (undetermined: Meipi does not guess the language of a note in Latin letters)."""
    return doc_language if _CJK.search(text) else "und"


def to_annotation(
    rec: AnnotationRecord,
    source_ref: Mapping[str, Any],
    *,
    language: str = "und",
    creator: str | None = None,
) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "purpose": "tagging",
            "value": tag,
            "language": body_language(tag, language),
        }
        for tag in rec.tags
    ]
    if rec.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "format": "text/markdown",
                "language": body_language(rec.note, language),
                "value": rec.note,
            }
        )
    target: dict[str, Any] = {"type": "SpecificResource", "source": source_ref}
    if rec.color:
        target["styleClass"] = rec.color
    target["selector"] = [
        {
            "type": "TextQuoteSelector",
            "exact": rec.quote,
            "prefix": rec.prefix,
            "suffix": rec.suffix,
        },
        {"type": "TextPositionSelector", "start": rec.start, "end": rec.end},
    ]
    annotation: dict[str, Any] = {
        "id": annotation_iri(rec.id),
        "type": "Annotation",
        "motivation": "commenting" if rec.note else "highlighting",
        "created": rec.created,
        "modified": rec.updated,
    }
    if creator:
        annotation["creator"] = {"type": "Person", "name": creator}
    if rec.color in STYLE_RULES:
        annotation["stylesheet"] = {"type": "CssStylesheet", "value": STYLE_RULES[rec.color]}
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = target
    if rec.orphaned:
        annotation["orphaned"] = True
    return annotation


def to_collection(options: ExportOptions, source: ExportSource) -> dict[str, Any]:
    """The export as a JSON-ready value."""
    options = options.checked()
    documents = source.selected_documents(options)
    records = select(source.annotations, options, documents)
    key = json.dumps([[d.id for d in documents], options.filters()], ensure_ascii=False)
    collection_uuid = uuid.uuid5(_NAMESPACE, key)
    collection_id = f"urn:uuid:{collection_uuid}"
    items: list[dict[str, Any]] = []
    for doc in documents:
        ref = {"id": document_iri(doc.id), "type": "Text", "sha256": doc.sha256}
        items.extend(
            to_annotation(r, ref, language=doc.meta.script, creator=source.creator)
            for r in records
            if r.document == doc.id
        )
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Meipi annotations",
        "generator": {"type": "Software", "name": f"Meipi {reader.__version__}"},
        "generated": options.stamp(),
        "total": len(records),
    }
    if source.creator:
        collection["creator"] = {"type": "Person", "name": source.creator}
    if items:
        # A file holds one page, embedded as the collection's first (and last); it names the
        # collection it is part of (id and total). Import also reads pages chained by "next".
        page_id = f"urn:uuid:{uuid.uuid5(collection_uuid, 'page-1')}"
        collection["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "partOf": {"id": collection_id, "total": len(records)},
            "startIndex": 0,
            "items": items,
        }
        collection["last"] = page_id
    return collection


def render_json(options: ExportOptions, source: ExportSource) -> str:
    """The export as text: the collection and its pages indented, one annotation per line
    (readable, diffable, and fast: each line is written by the C JSON encoder)."""
    out: list[str] = []
    _write(to_collection(options, source), 0, out)
    out.append("\n")
    return "".join(out)


_compact = json.JSONEncoder(ensure_ascii=False).encode


def _write(value: Any, depth: int, out: list[str]) -> None:
    pad = " " * (depth + 1)
    if isinstance(value, dict) and value and value.get("type") != "Annotation":
        out.append("{\n")
        last = len(value) - 1
        for i, (key, item) in enumerate(value.items()):
            out.append(f"{pad}{_compact(key)}: ")
            _write(item, depth + 1, out)
            out.append(",\n" if i < last else "\n")
        out.append(" " * depth + "}")
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out.append("[\n")
        last = len(value) - 1
        for i, item in enumerate(value):
            out.append(pad)
            _write(item, depth + 1, out)
            out.append(",\n" if i < last else "\n")
        out.append(" " * depth + "]")
    else:
        out.append(_compact(value))


# ---------------------------------------------------------------------------------------------
# Import


@dataclass
class _Problems:
    found: list[str] = field(default_factory=list)
    total: int = 0

    def add(self, where: str, what: str) -> None:
        self.total += 1
        if len(self.found) < 2:
            self.found.append(f"{where}: {what}" if where else what)


class _Bad(Exception):
    """One annotation is wrong (the message says how)."""


def _fail(name: str, message: str) -> InputError:
    return InputError(f"{name} cannot be imported: {message} Nothing was imported.")


def _decode(data: bytes, name: str) -> Any:
    if len(data) > MAX_BYTES:
        raise _fail(name, f"it is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(name, "it is not UTF-8 text.") from None

    def no_constants(token: str) -> Any:
        raise ValueError(f"{token} is not a JSON number")

    try:
        return json.loads(text, parse_constant=no_constants)
    except RecursionError:
        raise _fail(name, "its JSON is nested too deeply.") from None
    except ValueError as exc:
        raise _fail(name, f"it is not valid JSON ({exc}).") from None


def _has_type(value: Mapping[str, Any], wanted: str) -> bool:
    kind = value.get("type")
    return kind == wanted or (isinstance(kind, list) and wanted in kind)


def _items(root: Any, name: str) -> list[Any]:
    """The annotations of a collection (or of a single page), pages followed in order."""
    if not isinstance(root, dict):
        raise _fail(name, "it is not a W3C annotation collection (expected a JSON object).")
    context = root.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if CONTEXT not in contexts:
        raise _fail(name, f"it is not W3C Web Annotation JSON (no @context {CONTEXT}).")
    if _has_type(root, "AnnotationPage"):
        page: Any = root
    elif _has_type(root, "AnnotationCollection"):
        page = root.get("first")
        if page is None:
            return []
    else:
        raise _fail(name, "its type is neither AnnotationCollection nor AnnotationPage.")
    items: list[Any] = []
    for number in range(1, MAX_PAGES + 2):
        if number > MAX_PAGES:
            raise _fail(name, f"it has more than {MAX_PAGES} pages.")
        if not isinstance(page, dict) or not _has_type(page, "AnnotationPage"):
            raise _fail(name, f"page {number} is not an embedded AnnotationPage object.")
        page_items = page.get("items")
        if not isinstance(page_items, list):
            raise _fail(name, f"page {number} has no list of items.")
        items.extend(page_items)
        if len(items) > MAX_ANNOTATIONS:
            raise _fail(name, f"it holds more than {MAX_ANNOTATIONS} annotations.")
        page = page.get("next")
        if page is None:
            break
    return items


def _listify(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise _Bad(f"{what} must be a string")
    if len(value) > limit:
        raise _Bad(f"{what} is longer than {limit} characters")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            # JSON's \udcff escapes can name half a surrogate pair, which is no character.
            bad = f"\\u{ord(value[exc.start]):04x}"
            raise _Bad(f"{what} holds {bad}, half of a surrogate pair, not a character") from None
    return value


def _int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad(f"{what} must be a whole number")
    return value


_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)")


def parse_time(value: Any, what: str) -> str:
    """An ISO 8601 time with a zone, as UTC ``…Z`` (kept verbatim when already so)."""
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise _Bad(f"{what} must be an ISO 8601 time with a zone, e.g. 2026-11-21T09:30:00Z")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{what} is not a real date and time") from None
    if match.group(2) == "Z":
        return match.group(0)
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        # 9999-12-31T23:00:00-05:00 is in the year 10000 in UTC, 0001-01-01T00:00:00+05:00
        # in the year 0: neither can be stored.
        raise _Bad(f"{what} {value} is outside the years 1 to 9999 in UTC") from None
    return in_utc.strftime("%Y-%m-%dT%H:%M:%S") + (match.group(1) or "") + "Z"


def time_key(value: str) -> datetime:
    """A stored or imported time, comparable (an unreadable one counts as the oldest)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_tag_key = functools.lru_cache(maxsize=4096)(fold_key)  # tags repeat across a file


def _record(item: Any, docs: Mapping[str, Document]) -> AnnotationRecord:
    if not isinstance(item, dict):
        raise _Bad("it is not a JSON object")
    if not _has_type(item, "Annotation"):
        raise _Bad("its type is not Annotation")
    raw_id = item.get("id")
    if not isinstance(raw_id, str) or not raw_id.startswith("urn:uuid:"):
        raise _Bad("its id must be a urn:uuid: identifier")
    try:
        ident = str(uuid.UUID(raw_id[len("urn:uuid:") :]))  # the store keeps bare UUIDs
    except ValueError:
        raise _Bad("its id is not a valid UUID") from None
    motivation = item.get("motivation")
    if motivation is not None and not all(isinstance(m, str) for m in _listify(motivation)):
        raise _Bad("motivation must be a string or a list of strings")
    created = parse_time(item.get("created"), "created")
    modified = parse_time(item.get("modified", item.get("created")), "modified")

    tags: list[str] = []
    tag_keys: set[str] = set()
    notes: list[str] = []
    for body in _listify(item.get("body")):
        if not isinstance(body, dict) or not _has_type(body, "TextualBody"):
            raise _Bad("each body must be a TextualBody object")
        purpose = body.get("purpose")
        if purpose == "tagging":
            tag = _text(body.get("value"), "a tag", MAX_TAG_CHARS).strip()
            if not tag or "\n" in tag or "\r" in tag:
                raise _Bad("a tag is empty or spans several lines")
            key = _tag_key(tag)
            if key not in tag_keys:
                tag_keys.add(key)
                tags.append(tag)
        elif purpose in (None, "commenting", "describing"):
            fmt = body.get("format", "text/markdown")
            if fmt not in ("text/markdown", "text/plain"):
                raise _Bad(
                    f"a note in format {shorten(repr(fmt))} (only text/markdown or text/plain)"
                )
            notes.append(_text(body.get("value"), "the note", MAX_NOTE_CHARS))
        else:
            raise _Bad(
                f"a body with purpose {shorten(repr(purpose))} (only tagging and commenting)"
            )
    if len(tags) > MAX_TAGS:
        raise _Bad(f"it has more than {MAX_TAGS} tags")
    note = "\n\n".join(notes) if notes else None

    targets = _listify(item.get("target"))
    if len(targets) != 1 or not isinstance(targets[0], dict):
        raise _Bad("it must have exactly one target object")
    target = targets[0]
    source = target.get("source")
    source_id = source.get("id") if isinstance(source, dict) else source
    if not isinstance(source_id, str) or not source_id.startswith(SOURCE_PREFIX):
        raise _Bad(f"its target source must be a Meipi document ({SOURCE_PREFIX}…)")
    doc_id = source_id[len(SOURCE_PREFIX) :]
    doc = docs.get(doc_id)
    if doc is None:
        known = ", ".join(docs) or "(none)"
        raise _Bad(f"unknown document {shorten(repr(doc_id))} (known: {known})")
    color = target.get("styleClass")
    if color is not None and color not in COLORS:
        raise _Bad(f"unknown colour {shorten(repr(color))} (valid: {', '.join(COLORS)})")

    quote_sel: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for selector in _listify(target.get("selector")):
        if not isinstance(selector, dict):
            raise _Bad("each selector must be an object")
        if _has_type(selector, "TextQuoteSelector") and quote_sel is None:
            quote_sel = selector
        elif _has_type(selector, "TextPositionSelector") and position is None:
            position = selector
    if quote_sel is None or position is None:
        raise _Bad("its target needs a TextQuoteSelector and a TextPositionSelector")
    start = _int(position.get("start"), "start")
    end = _int(position.get("end"), "end")
    exact = _text(quote_sel.get("exact"), "the quote", len(doc.text) + 1)
    prefix = _text(quote_sel.get("prefix", ""), "the prefix", MAX_CONTEXT_CHARS)
    suffix = _text(quote_sel.get("suffix", ""), "the suffix", MAX_CONTEXT_CHARS)
    orphaned = item.get("orphaned", False)
    if not isinstance(orphaned, bool):
        raise _Bad("orphaned must be true or false")
    if not 0 <= start < end <= len(doc.text):
        raise _Bad(f"offsets {start}–{end} are outside the text of {doc_id} (0–{len(doc.text)})")
    if not orphaned and doc.text[start:end] != exact:
        digest = source.get("sha256") if isinstance(source, dict) else None
        changed = " (the text changed since the export)" if digest not in (None, doc.sha256) else ""
        raise _Bad(f"its quote is not the text of {doc_id} at {start}–{end}{changed}")
    return AnnotationRecord(
        id=ident,
        document=doc_id,
        start=start,
        end=end,
        quote=exact,
        prefix=prefix,
        suffix=suffix,
        pages=doc.pages_of(start, end),
        color=color,
        tags=tuple(tags),
        note=note,
        created=created,
        updated=modified,
        orphaned=orphaned,
    )


def parse_import(
    data: bytes, documents: Sequence[Document], *, name: str = "The file"
) -> list[AnnotationRecord]:
    """Every annotation of a W3C JSON file, validated; InputError (nothing read) if any is bad."""
    root = _decode(data, name)
    items = _items(root, name)
    docs = {doc.id: doc for doc in documents}
    problems = _Problems()
    records: list[AnnotationRecord] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        label = item.get("id") if isinstance(item, dict) else None
        where = f"annotation {number}" + (f" ({shorten(label)})" if isinstance(label, str) else "")
        try:
            rec = _record(item, docs)
        except _Bad as exc:
            problems.add(where, str(exc))
            continue
        if rec.id in seen:
            problems.add(where, "its id appears twice in the file")
            continue
        seen.add(rec.id)
        records.append(rec)
    if problems.total:
        more = problems.total - len(problems.found)
        detail = "; ".join(problems.found) + (f"; and {more} more" if more else "")
        raise _fail(name, f"{detail}.")
    return records


@dataclass
class ImportPlan:
    added: list[AnnotationRecord]
    updated: list[AnnotationRecord]
    unchanged: int
    # Known ids whose copy in the file differs from ours but is not newer: ours is kept, and the
    # summary says so (counted "unchanged", they hid that the two copies disagree).
    skipped: list[AnnotationRecord] = field(default_factory=list)

    def summary(self) -> str:
        counts = (
            f"{len(self.added)} added, {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.skipped)} skipped"
        )
        if len(self.skipped) == 1:
            return counts + " (the file's copy differs but is not newer; this database's was kept)."
        if self.skipped:
            return counts + (
                " (the file's copies differ but are not newer; this database's were kept)."
            )
        return counts + "."


def _same_annotation(a: AnnotationRecord, b: AnnotationRecord) -> bool:
    """Whether two copies of an annotation say the same: its passage, colour, note and tags
    (as tags are identified: spelling variants and order aside), whatever their times."""
    return (a.document, a.start, a.end, a.quote, a.color, a.note or None) == (
        b.document,
        b.start,
        b.end,
        b.quote,
        b.color,
        b.note or None,
    ) and sorted(map(tag_key, a.tags)) == sorted(map(tag_key, b.tags))


def plan_import(
    incoming: Sequence[AnnotationRecord], existing: Mapping[str, AnnotationRecord]
) -> ImportPlan:
    """New ids are added; a known id is updated only when the file's ``modified`` is newer, and
    otherwise unchanged when both copies say the same, skipped (ours kept) when they differ."""
    plan = ImportPlan([], [], 0)
    for rec in incoming:
        current = existing.get(rec.id)
        if current is None:
            plan.added.append(rec)
        elif time_key(rec.updated) > time_key(current.updated):
            plan.updated.append(rec)
        elif _same_annotation(rec, current):
            plan.unchanged += 1
        else:
            plan.skipped.append(rec)
    return plan

"""Annotating: create, edit, delete, put back, list, find by id, and re-anchor changed texts.

Each function opens its own transaction on the store it is given and returns plain records.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.documents import Document, Library
from reader.errors import InputError
from reader.store import annotations as store_ops
from reader.store import documents as store_documents
from reader.store import tags as store_tags
from reader.store import themes as store_themes
from reader.store.anchoring import anchor_at
from reader.store.records import DEFAULT_COLOR, AnnotationRecord, TagInfo

if TYPE_CHECKING:
    from reader.store import Store

Edit = store_ops.Edit
UNSET: Any = store_ops.UNSET


class Duplicate(InputError):
    """The passage is annotated already (same document, start and end)."""

    def __init__(self, existing: AnnotationRecord, doc: Document | None = None) -> None:
        self.existing = existing
        # The printed page labels of the text when it is at hand (``p. i``), else the numbers.
        where = doc.cite(existing.start, existing.end) if doc is not None else existing.citation
        super().__init__(
            f"{existing.document} {where} is annotated already, with the same "
            f"start and end (annotation {existing.id}). Edit it with `meipi edit "
            f"{existing.id[:8]}`, or choose another passage."
        )


def annotate(
    store: Store,
    doc: Document,
    start: int,
    end: int,
    *,
    color: str | None = DEFAULT_COLOR,
    tags: Sequence[str] = (),
    note: str | None = None,
    refuse_duplicate: bool = False,
) -> AnnotationRecord:
    """Annotate ``doc.text[start:end]`` (canonical offsets). ``refuse_duplicate``: raise
    :class:`Duplicate` when that exact span of the document is annotated already."""
    if refuse_duplicate:
        return annotate_many(store, doc, [(start, end)], color=color, tags=tags, note=note)[0]
    with store.writing() as s:
        return store_ops.create_annotation(s, doc, start, end, color=color, tags=tags, note=note)


def edit(
    store: Store, annotation_id: str, *, color: Any = UNSET, tags: Any = UNSET, note: Any = UNSET
) -> store_ops.Edit:
    """Change colour, tags or note; the annotation before and after."""
    with store.writing() as s:
        return store_ops.update_annotation(s, annotation_id, color=color, tags=tags, note=note)


class ChangedMeanwhile(InputError):
    """A field the caller wants to change was changed by someone else (the command line, an
    import) since the caller read it, to another value: nothing was written. ``current`` is
    the annotation as stored now; ``fields`` names the fields in conflict (``color``,
    ``tags``, ``note``)."""

    def __init__(self, current: AnnotationRecord, fields: Sequence[str]) -> None:
        self.current = current
        self.fields = tuple(fields)
        super().__init__(
            f"The {', '.join(self.fields)} of annotation {current.id[:8]} changed since it was "
            "read; nothing was written, so neither version is lost."
        )


def _field(record: AnnotationRecord, name: str) -> object:
    value = getattr(record, name)
    if name == "tags":
        return tuple(value)
    return value or None  # an empty note is no note


def edit_seen(
    store: Store,
    annotation_id: str,
    seen: AnnotationRecord,
    *,
    color: Any = UNSET,
    tags: Any = UNSET,
    note: Any = UNSET,
) -> store_ops.Edit | None:
    """Change colour, tags or note from what the caller read (``seen``), losing no change made
    elsewhere meanwhile: a field given as it was seen is left as it is stored now (someone
    else may have changed it); a field given changed is written unless it is stored unlike
    ``seen`` and unlike the value given — then :class:`ChangedMeanwhile` is raised and
    nothing is written. None when nothing was to be written."""
    wanted = {"color": color, "tags": tags, "note": note}
    with store.writing() as s:
        current = store_ops.get_annotation(s, annotation_id)
        writes: dict[str, Any] = {}
        conflicts: list[str] = []
        for name, value in wanted.items():
            if value is UNSET:
                continue
            mine = tuple(value) if name == "tags" else (value or None)
            base, stored = _field(seen, name), _field(current, name)
            if mine in (base, stored):
                continue
            if stored != base:
                conflicts.append(name)
            writes[name] = value
        if conflicts:
            raise ChangedMeanwhile(current, conflicts)
        if not writes:
            return None
        return store_ops.update_annotation(s, annotation_id, **writes)


def delete(
    store: Store, annotation_id: str, *, seen: AnnotationRecord | None = None
) -> AnnotationRecord:
    """Delete; the record returned is everything :func:`restore` needs to put it back.
    ``seen``: refuse (:class:`ChangedMeanwhile`) when its colour, tags or note are not as
    stored (an undo would otherwise drop a change made elsewhere since)."""
    with store.writing() as s:
        if seen is not None:
            _check_seen(store_ops.get_annotation(s, annotation_id), seen)
        return store_ops.delete_annotation(s, annotation_id)


def restore(
    store: Store, record: AnnotationRecord, *, seen: AnnotationRecord | None = None
) -> AnnotationRecord:
    """Put ``record`` back exactly (undo of a delete or an edit). ``seen``: refuse
    (:class:`ChangedMeanwhile`) when the annotation is stored unlike it (colour, tags or
    note changed elsewhere since the caller wrote it)."""
    with store.writing() as s:
        if seen is not None:
            _check_seen(store_ops.get_annotation(s, seen.id), seen)
        return store_ops.restore_annotation(s, record)


def _check_seen(current: AnnotationRecord, seen: AnnotationRecord) -> None:
    """:class:`ChangedMeanwhile` when ``current`` differs from ``seen`` in colour, tags or
    note: someone else changed it since."""
    fields = [f for f in ("color", "tags", "note") if _field(current, f) != _field(seen, f)]
    if fields:
        raise ChangedMeanwhile(current, fields)


def get(store: Store, annotation_id: str) -> AnnotationRecord:
    with store.reading() as s:
        return store_ops.get_annotation(s, annotation_id)


def list_annotations(
    store: Store,
    *,
    documents: Sequence[str] | None = None,
    tags: Sequence[str] = (),
    colors: Sequence[str] = (),
) -> list[AnnotationRecord]:
    """Annotations in text order, filtered (tags by ``reader.tags``; ``none``: notes)."""
    with store.reading() as s:
        return store_ops.list_annotations(s, documents=documents, tags=tags, colors=colors)


def counts(store: Store) -> dict[str, int]:
    """Annotations per document id."""
    with store.reading() as s:
        return store_ops.annotation_counts(s)


def with_prefix(store: Store, prefix: str) -> list[AnnotationRecord]:
    """The annotations whose id starts with ``prefix``."""
    with store.reading() as s:
        return store_ops.annotations_with_prefix(s, prefix)


def find(store: Store, prefix: str, library: Library | None = None) -> AnnotationRecord:
    """The one annotation whose id is or starts with ``prefix``: InputError when none does or
    several do (the message lists them, with their pages' printed labels when ``library``
    holds their texts)."""
    from reader.documents import citation

    def cite(r: AnnotationRecord) -> str:
        doc = library.documents.get(r.document) if library is not None else None
        return doc.cite(r.start, r.end) if doc is not None else citation(*r.pages)

    wanted = prefix.strip()
    if not wanted:
        raise InputError("Give the id of an annotation (as `meipi annotations --json` prints it).")
    found = with_prefix(store, wanted)
    if not found:
        raise InputError(
            f"There is no annotation with the id {wanted!r}. `meipi annotations` lists them."
        )
    exact = [r for r in found if r.id == wanted]
    if exact:
        return exact[0]
    if len(found) > 1:
        lines = "\n".join(
            f"  {r.id}  {r.document} {cite(r)}  「{r.quote[:12]}」" for r in found[:10]
        )
        more = f"\n  … and {len(found) - 10} more" if len(found) > 10 else ""
        raise InputError(
            f"The id {wanted!r} is the start of {len(found)} annotations; give more of it:\n"
            f"{lines}{more}"
        )
    return found[0]


@dataclass(frozen=True)
class Synced:
    """What re-anchoring changed texts did: orphans per document, or what could not be done."""

    orphans: dict[str, int]  # document id -> annotations that could not be placed again
    read_only_stale: tuple[str, ...] = ()  # changed texts left as they were (read-only)


def stale(store: Store, docs: Iterable[Document]) -> list[Document]:
    """The texts changed since their annotations were made."""
    with store.reading() as s:
        return store_documents.stale_documents(s, docs)


def sync_texts(store: Store, docs: Iterable[Document]) -> Synced:
    """Re-anchor the annotations of every text that changed since they were made."""
    changed = stale(store, docs)
    if not changed:
        return Synced({})
    if store.read_only:
        return Synced({}, tuple(d.id for d in changed))
    orphans: dict[str, int] = {}
    with store.writing() as s:
        for doc in changed:
            report = store_documents.sync_document(s, doc)
            if report.orphans:
                orphans[doc.id] = len(report.orphans)
    return Synced(orphans)


def sync_document(store: Store, doc: Document) -> store_documents.SyncReport:
    """Re-anchor one document's annotations (its text changed)."""
    with store.writing() as s:
        return store_documents.sync_document(s, doc)


@dataclass(frozen=True)
class Replaced:
    """What became of a replaced text's annotations: how many kept their place (the same
    passage, found through the change), moved (the same quote, found elsewhere), changed
    their quote (placed on a passage that was edited: id, quote before, quote now), or are
    orphans now (id, quote; kept, with their notes)."""

    kept: int = 0
    moved: int = 0
    changed: tuple[tuple[str, str, str], ...] = ()
    orphaned: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> int:
        return self.kept + self.moved + len(self.changed) + len(self.orphaned)


def reanchor_replaced(store: Store, doc: Document) -> Replaced:
    """Re-anchor the annotations of ``doc`` (just replaced by a corrected file) now, in one
    transaction, and say what became of them."""
    with store.writing() as s:
        report = store_documents.sync_document(s, doc)
        if not report.changed:
            return Replaced(kept=store_ops.annotation_counts(s).get(doc.id, 0))
        quotes = {}
        if report.orphans:
            records = store_ops.list_annotations(s, documents=[doc.id])
            quotes = {r.id: r.quote for r in records}
    changed = len(report.changed_quotes)
    moved = report.placed.get("exact", 0) + report.placed.get("fuzzy", 0) - changed
    return Replaced(
        kept=report.placed.get("mapped", 0),
        moved=moved,
        changed=report.changed_quotes,
        orphaned=tuple((i, quotes.get(i, "")) for i in report.orphans),
    )


def annotate_many(
    store: Store,
    doc: Document,
    spans: Sequence[tuple[int, int]],
    *,
    color: str | None = DEFAULT_COLOR,
    tags: Sequence[str] = (),
    note: str | None = None,
    refuse_duplicate: bool = True,
) -> list[AnnotationRecord]:
    """Annotate each span of ``doc`` in one transaction; refuses (:class:`Duplicate`, nothing
    written) when any span is annotated already or given twice (unless not ``refuse_duplicate``)."""
    with store.writing() as s:
        store_documents.sync_document(s, doc)
        made: list[AnnotationRecord] = []
        for start, end in spans:
            placed = anchor_at(doc.text, start, end) if 0 <= start < end <= len(doc.text) else None
            at = (placed.start, placed.end) if placed is not None else (start, end)
            existing = store_ops.annotations_at(s, doc.id, *at) if refuse_duplicate else []
            if existing:
                raise Duplicate(existing[0], doc)
            made.append(
                store_ops.create_annotation(s, doc, start, end, color=color, tags=tags, note=note)
            )
        return made


@dataclass(frozen=True)
class Deleted:
    record: AnnotationRecord
    kept: Path  # the annotation as W3C JSON: ``meipi import-annotations`` brings it back


def delete_keeping(store: Store, annotation_id: str, doc: Document, folder: Path) -> Deleted:
    """Delete an annotation of ``doc`` after writing it, as a ``--format json`` export, into
    ``folder`` (created if missing). The file is written first: if the delete fails, it is
    removed again and nothing changed."""
    from datetime import UTC, datetime

    from reader.export.atomic import write_atomic
    from reader.export.records import ExportOptions, ExportSource
    from reader.export.w3c import render_json

    record = get(store, annotation_id)
    text = render_json(ExportOptions(format="json"), ExportSource([doc], [record]))
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{stamp}-{record.id}.json"
    write_atomic(path, text.encode("utf-8"))
    try:
        delete(store, record.id)
    except BaseException:
        path.unlink(missing_ok=True)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # the folder too, when this made it (and it is empty)
        raise
    return Deleted(record, path)


def window_data(
    store: Store, documents: Sequence[str] | None = None
) -> tuple[list[AnnotationRecord], list[TagInfo], dict[str, str], int]:
    """The annotations of ``documents`` (None: every text's), in text order, every tag and
    colour meaning, and how many annotations there are in all, in one read: what the window
    shows."""
    with store.reading() as s:
        return (
            store_ops.list_annotations(s, documents=documents),
            store_tags.list_tags(s),
            store_themes.color_meanings(s),
            store_ops.count_annotations(s),
        )

"""The reading side of the exports and the import of a ``--format json`` export.

:func:`source_from_store` gathers what an export reads (documents, annotations, colour
meanings, theme memos, the script views with the user's glossary) from an open store; the
command line and the Export dialog then call ``reader.export.render_export``/``write_export``.
:func:`import_records` writes an import in one transaction (all or nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.documents import Document
from reader.export.records import AnnotationRecord, ExportSource, ViewLike
from reader.export.w3c import ImportPlan, plan_import
from reader.glossary import Glossary
from reader.ops.reading import ExportReads, memos_in_use, removed_texts
from reader.store import annotations as store_ops
from reader.store import bulk as store_bulk
from reader.store import documents as store_documents
from reader.store import glossary as store_glossary
from reader.store import tags as store_tags
from reader.store import themes as store_themes

if TYPE_CHECKING:
    from reader.store import Store


def document_view(doc: Document, view_id: str, glossary: Glossary) -> ViewLike:
    from reader.script import document_view as make_view

    return make_view(doc, view_id, glossary)


def export_records(values: list[tuple[Any, ...]]) -> list[AnnotationRecord]:
    """Records from ``annotation_values``, each made in one step from its values."""
    with store_ops.no_gc():
        return list(map(AnnotationRecord._make, values))


def read_store(
    store: Store, documents: list[Document]
) -> tuple[list[AnnotationRecord], dict[str, str], dict[str, str], Glossary]:
    """Annotations of ``documents``, colour meanings, theme memos (by tag), the glossary."""
    with store.reading() as s:
        records = export_records(
            store_ops.annotation_values(s, documents=[d.id for d in documents])
        )
        meanings = store_themes.color_meanings(s)
        memos = memos_in_use(records, store_themes.theme_memos_by_key(s))
        glossary = store_glossary.load_glossary(s)
    return records, meanings, memos, glossary


def source_from_store(
    store: Store | None,
    documents: Sequence[Document],
    library: Sequence[Document] | None = None,
) -> ExportSource:
    """What an export of ``documents`` reads from an open store (``None``: no database yet);
    citekeys as the whole ``library`` (default: ``documents``) has them."""
    if store is None:
        return ExportReads().source(documents, library)
    from reader.store import settings as stored

    records, meanings, memos, glossary = read_store(store, list(documents))
    with store.reading() as s:
        settings = stored.all_settings(s)
        keys = stored.kept_citekeys(s)
    return ExportReads(records, meanings, memos, glossary, settings, keys).source(
        documents, library
    )


@dataclass(frozen=True)
class DialogData:
    """What the Export dialog reads: the export source and the tags in use, with counts; and the
    annotations kept for texts no longer in the library (removed), by id, which no export holds."""

    source: ExportSource
    tags: list[tuple[str, int]]
    gone: dict[str, int]


def dialog_data(store: Store | None, documents: Sequence[Document]) -> DialogData:
    source = source_from_store(store, documents)
    tags: list[tuple[str, int]] = []
    gone: dict[str, int] = {}
    if store is not None:
        with store.reading() as s:
            tags = [(t.name, t.count) for t in store_tags.list_tags(s) if t.count]
            counts = store_ops.annotation_counts(s)
        gone = removed_texts(counts, {d.id for d in documents})
    return DialogData(source, tags, gone)


def import_records(
    store: Store, records: list[AnnotationRecord], documents: dict[str, Document]
) -> ImportPlan:
    """Add new ids, update those whose ``modified`` is newer; one transaction (all or nothing),
    written in bulk (``restore_annotations``: tags resolved once, a few statements)."""
    with store.writing() as s:
        for doc_id in sorted({r.document for r in records}):
            store_documents.sync_document(s, documents[doc_id])
        existing = {r.id: r for r in store_ops.list_annotations(s)}
        plan = plan_import(records, existing)
        store_bulk.restore_annotations(s, [*plan.added, *plan.updated])
    return plan

"""The read use cases through plain ``sqlite3`` (``reader.store.quick``): what the read-only
commands (``list``, ``text``, ``search``, ``annotations``, ``export``) read, without importing
SQLAlchemy — importing it costs a command more than its work (issue 22).

Each function returns what its twin over an open store returns (``reader.ops.annotations``,
``reader.ops.glossary``, ``reader.ops.exporting.source_from_store``), read in the one read-only
transaction of :func:`reading`. :func:`reading` yields ``None`` when only the store may read the
file (an older schema, which ``open_store`` upgrades): the caller then takes the store's way.
A text changed since its annotations were made is re-anchored by the store (a write), so a
caller that shows annotations asks :func:`stale` first and takes the store's way when any is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader import tags as tags_rule
from reader.glossary import EMPTY, Glossary
from reader.store import quick
from reader.store.records import DEFAULT_MEANINGS, AnnotationRecord

if TYPE_CHECKING:
    from reader.documents import Document
    from reader.export.records import ExportSource, ViewLike

Reader = quick.Reader


@contextlib.contextmanager
def reading(db: Path, reads: Collection[str] | None = None) -> Iterator[Reader | None]:
    """One read-only transaction on the existing database ``db``; ``None`` when the store must
    read it (an older schema). Refusals (damaged, foreign, newer) raise as ``open_store``'s.
    ``reads``: the only tables the caller reads (checked alone; others refused)."""
    with contextlib.ExitStack() as stack:
        try:
            reader: Reader | None = stack.enter_context(quick.reading(db, reads))
        except quick.NeedsStore:
            reader = None
        yield reader


GLOSSARY_TABLES = quick.GLOSSARY_TABLES


def glossary(reader: Reader | None) -> Glossary:
    return reader.glossary() if reader is not None else EMPTY


def counts(reader: Reader) -> dict[str, int]:
    """Annotations per document id."""
    return reader.counts()


def removed_texts(counts: Mapping[str, int], known: Collection[str]) -> dict[str, int]:
    """Of the annotation counts by text id, those of the ids ``known`` lacks: texts removed from
    the library, whose annotations the database keeps (as orphans) and no export can hold."""
    return {doc_id: n for doc_id, n in sorted(counts.items()) if n and doc_id not in known}


def stale(reader: Reader, docs: Sequence[Document]) -> list[Document]:
    """The texts changed since their annotations were made (the store re-anchors them)."""
    return reader.stale_documents(docs)


def list_annotations(
    reader: Reader,
    *,
    documents: Sequence[str] | None = None,
    tags: Sequence[str] = (),
    colors: Sequence[str] = (),
) -> list[AnnotationRecord]:
    """Annotations in text order, filtered (tags by ``reader.tags``; ``none``: notes)."""
    return reader.annotations(documents=documents, tags=tags, colors=colors)


@dataclass(frozen=True)
class ExportReads:
    """What an export reads from the database, by either read path (this module's or
    ``reader.ops.exporting.source_from_store``'s); the defaults: no database yet."""

    records: list[AnnotationRecord] = field(default_factory=list)
    meanings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MEANINGS))
    memos: dict[str, str] = field(default_factory=dict)
    glossary: Glossary = EMPTY
    settings: dict[str, str] = field(default_factory=dict)
    citekeys: dict[str, str] = field(default_factory=dict)

    def source(
        self, documents: Sequence[Document], library: Sequence[Document] | None = None
    ) -> ExportSource:
        """The export source of ``documents``: these reads, and the script views with the
        glossary. Every text's citekey is the one it has in ``library`` (the whole library;
        default ``documents``), so a subset exports the keys the whole library does."""
        from reader.export.citekeys import citekeys
        from reader.export.records import ExportSource
        from reader.export.scripts import chars_in_view

        glossary = self.glossary

        def views(doc: Document, view_id: str) -> ViewLike:
            from reader.script import document_view

            return document_view(doc, view_id, glossary)

        return ExportSource(
            documents=list(documents),
            annotations=self.records,
            views=views,
            color_meanings=self.meanings,
            theme_memos=self.memos,
            citekeys=citekeys(_with(library, documents), self.citekeys),
            creator=self.settings.get("creator"),
            bibliography=self.settings.get("bibliography"),
            convert_chars=chars_in_view,
        )


def _with(library: Sequence[Document] | None, documents: Sequence[Document]) -> list[Document]:
    """The library's texts, then those of ``documents`` it does not hold."""
    if library is None:
        return list(documents)
    ids = {d.id for d in library}
    return [*library, *(d for d in documents if d.id not in ids)]


def export_source(
    reader: Reader | None,
    documents: Sequence[Document],
    library: Sequence[Document] | None = None,
) -> ExportSource:
    """What an export of ``documents`` reads (``None``: no database yet), as
    ``reader.ops.exporting.source_from_store`` gathers it from a store; citekeys as the whole
    ``library`` has them."""
    if reader is None:
        return ExportReads().source(documents, library)
    records = reader.annotations(documents=[d.id for d in documents])
    return ExportReads(
        records=records,
        meanings=reader.color_meanings(),
        memos=memos_in_use(records, reader.theme_memos_by_key()),
        glossary=reader.glossary(),
        settings=reader.settings(),
        citekeys=reader.citekeys(),
    ).source(documents, library)


def memos_in_use(records: Sequence[AnnotationRecord], by_key: dict[str, str]) -> dict[str, str]:
    """The theme memos of the tags in use, by name; the parents of a nested tag are themes
    too. Both read paths of an export (this one and ``reader.ops.exporting.read_store``) use it."""
    memos: dict[str, str] = {}
    if not by_key:
        return memos
    seen: set[str] = set()
    for tag in dict.fromkeys(tag for rec in records for tag in rec.tags):
        parts = tag.split(tags_rule.SEPARATOR)
        for depth in range(1, len(parts) + 1):
            name = tags_rule.SEPARATOR.join(parts[:depth])
            if name in seen:
                continue
            seen.add(name)
            memo = by_key.get(tags_rule.key_of_stored(name))
            if memo:
                memos[name] = memo
    return memos

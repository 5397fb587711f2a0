"""``meipi export`` and ``meipi import-annotations``: the store and the texts on one side, the
pure exports of ``reader.export`` on the other.

:func:`source_from_store` gathers what an export reads (documents, annotations, colour
meanings, theme memos, the script views with the user's glossary) from an open store; the Export
dialog calls it with the window's store and then ``reader.export.render_export`` for its live
preview. Reading never creates a database.
An import validates the whole file first and then writes every change in one transaction, so a
bad file or a failure changes nothing.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli import Context
from reader.documents import Document
from reader.errors import EnvironmentFailure, InputError
from reader.export import ExportOptions, ExportSource, export_text, write_export
from reader.export.atomic import check_target, file_kind
from reader.export.records import AnnotationRecord, ViewLike, select
from reader.export.w3c import MAX_BYTES, ImportPlan, parse_import, plan_import
from reader.glossary import EMPTY, Glossary
from reader.paths import protected_role
from reader.store import Store
from reader.store import annotations as ops
from reader.views import check_view

if TYPE_CHECKING:
    from collections.abc import Sequence


def document_view(doc: Document, view_id: str, glossary: Glossary) -> ViewLike:
    from reader.script import document_view as make_view

    return make_view(doc, view_id, glossary)


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    return ExportOptions(
        format=args.format,
        documents=tuple(args.doc),
        tags=tuple(args.tag),
        colors=tuple(args.color),
        script=check_view(args.script),
        group_by=args.group_by,
        by=args.by,
        originals=not args.no_originals,
    ).checked()


def to_export_record(record: ops.AnnotationRecord) -> AnnotationRecord:
    """The store's records are the exports' records (one type since both moved to
    reader.store.records): kept as a named step for readers of the glue."""
    return record


def export_records(values: list[tuple[Any, ...]]) -> list[AnnotationRecord]:
    """Records from ``ops.annotation_values``: the field values are set directly, skipping the
    frozen dataclass's per-field ``__init__``, which is most of the cost for 10,000."""
    made = []
    with ops.no_gc():
        for v in values:
            record = object.__new__(AnnotationRecord)
            record.__dict__.update(zip(ops.RECORD_FIELDS, v, strict=True))
            made.append(record)
    return made


def to_store_record(record: AnnotationRecord) -> ops.AnnotationRecord:
    return record


def read_store(
    store: Store, documents: list[Document]
) -> tuple[list[AnnotationRecord], dict[str, str], dict[str, str], Glossary]:
    """Annotations of ``documents``, colour meanings, theme memos (by tag), the glossary."""
    with store.reading() as s:
        records = export_records(ops.annotation_values(s, documents=[d.id for d in documents]))
        meanings = ops.color_meanings(s)
        memos: dict[str, str] = {}
        by_key = ops.theme_memos_by_key(s)
        if by_key:
            seen: set[str] = set()
            for tag in dict.fromkeys(tag for rec in records for tag in rec.tags):
                # A memo belongs to a theme; the parents of a nested tag are themes too.
                parts = tag.split("/")
                for depth in range(1, len(parts) + 1):
                    name = "/".join(parts[:depth])
                    if name in seen:
                        continue
                    seen.add(name)
                    memo = by_key.get(ops.tag_key(name))
                    if memo:
                        memos[name] = memo
        glossary = ops.load_glossary(s)
    return records, meanings, memos, glossary


def source_from_store(store: Store | None, documents: Sequence[Document]) -> ExportSource:
    """What an export of ``documents`` reads from an open store (``None``: no database yet).

    The Export dialog calls this with the window's store, then
    ``reader.export.render_export(options, source)`` for its preview.
    """
    records: list[AnnotationRecord] = []
    meanings = dict(ops.DEFAULT_MEANINGS)
    memos: dict[str, str] = {}
    glossary = EMPTY
    if store is not None:
        records, meanings, memos, glossary = read_store(store, list(documents))

    def views(doc: Document, view_id: str) -> ViewLike:
        return document_view(doc, view_id, glossary)

    return ExportSource(
        documents=list(documents),
        annotations=records,
        views=views,
        color_meanings=meanings,
        theme_memos=memos,
    )


def load_source(ctx: Context, options: ExportOptions) -> ExportSource:
    """Everything the export of ``options`` reads, from the texts and the database."""
    from reader.commands.annotations import opened, sync_texts

    library = ctx.library()
    documents = (
        [library.get(d) for d in dict.fromkeys(options.documents)]
        if options.documents
        else list(library)
    )
    if not ctx.db.exists():
        return source_from_store(None, documents)
    with opened(ctx, create=False) as store:
        sync_texts(store, ctx)
        return source_from_store(store, documents)


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    options = options_from_args(args)
    if options.format == "compare" and 0 < len(set(options.documents)) < 2:
        raise InputError(
            "A comparison needs two or more articles; give --doc at least twice "
            "(or leave --doc out to compare every article)."
        )
    path: Path | None = None
    if args.output is not None:
        if not args.output.strip():
            raise InputError("-o was given an empty file name; give the file to export to.")
        path = Path(args.output).expanduser()
        # Refused before anything is read or rendered; write_atomic refuses a non-regular
        # file again at the moment of writing.
        check_target(path, db=ctx.db, force=args.force)
    source = load_source(ctx, options)
    if path is not None:
        write_export(options, source, path)
        count = len(select(source.annotations, options, source.selected_documents(options)))
        print(f"Exported {count} annotation(s) as {options.format} to {path}.", file=ctx.stderr)
        return 0
    ctx.stdout.write(export_text(options, source))
    return 0


def _too_large(path: Path) -> InputError:
    return InputError(
        f"{path.name} cannot be imported: it is larger than "
        f"{MAX_BYTES // (1024 * 1024)} MB. Nothing was imported."
    )


def _read_file(path: Path, db: Path | None = None) -> bytes:
    """The bytes of a file to import: a regular file (a device or a pipe may never end), not
    the database ``db``, its companions or backups (compared by stat, never opened), at most
    ``MAX_BYTES`` (checked before reading, and again while reading)."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(
            f"There is no file {path}. Give the path of a --format json export."
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise InputError(
                "The file name is too long to be a file. Give the path of a --format json export."
            ) from None
        raise EnvironmentFailure(f"Cannot read {path} ({exc.strerror}).") from None
    kind = file_kind(st.st_mode)
    if kind == "a folder":
        raise InputError(f"{path} is a folder; give the path of a --format json export.")
    if kind is not None:
        raise InputError(
            f"{path} is {kind}, not a regular file, so nothing was imported. Give the path "
            "of a --format json export."
        )
    role = protected_role(path, db) if db is not None else None
    if role is not None:
        raise InputError(
            f"{path} is {role}, not an export, so nothing was imported. Give the path of a "
            "file written by 'meipi export --format json -o FILE'."
        )
    if st.st_size > MAX_BYTES:
        raise _too_large(path)
    try:
        # Non-blocking: a file swapped for a pipe after the stat must not hang the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot read {path} ({exc.strerror}). Check its permissions, then try again."
        ) from None
    try:
        opened_st = os.fstat(fd)
        if (opened_st.st_dev, opened_st.st_ino) != (st.st_dev, st.st_ino) or not (
            stat.S_ISREG(opened_st.st_mode)
        ):
            raise InputError(f"{path} changed while it was being opened; nothing was imported.")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:
                raise _too_large(path)
            chunks.append(chunk)
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot read {path} ({exc.strerror}). Check its permissions, then try again."
        ) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def import_records(
    store: Store, records: list[AnnotationRecord], documents: dict[str, Document]
) -> ImportPlan:
    """Add new ids, update those whose ``modified`` is newer; one transaction (all or nothing),
    written in bulk (``restore_annotations``: tags resolved once, a few statements)."""
    with store.writing() as s:
        for doc_id in sorted({r.document for r in records}):
            ops.sync_document(s, documents[doc_id])
        existing = {r.id: to_export_record(r) for r in ops.list_annotations(s)}
        plan = plan_import(records, existing)
        ops.restore_annotations(s, [to_store_record(rec) for rec in (*plan.added, *plan.updated)])
    return plan


def cmd_import_annotations(args: argparse.Namespace, ctx: Context) -> int:
    from reader.commands.annotations import opened, sync_texts

    path = Path(args.file).expanduser()
    data = _read_file(path, ctx.db)
    library = ctx.library()
    records = parse_import(data, list(library), name=path.name)
    with opened(ctx, create=True) as store:
        sync_texts(store, ctx)
        plan = import_records(store, records, {d.id: d for d in library})
    print(plan.summary(), file=ctx.stdout)
    return 0

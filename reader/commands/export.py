"""``meipi export`` and ``meipi import-annotations``: the store and the texts on one side, the
pure exports of ``reader.export`` on the other.

:func:`source_from_store` gathers what an export reads (documents, annotations, colour
meanings, theme memos, the script views with the user's glossary) from an open store; it lives in
``reader.ops.exporting``, which the Export dialog calls too. Reading never creates a database.
An import validates the whole file first and then writes every change in one transaction, so a
bad file or a failure changes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import Context
from reader.commands.common import opened, sync_texts
from reader.errors import EnvironmentFailure, InputError
from reader.export import ExportOptions, ExportSource, export_text, write_export
from reader.export.records import select
from reader.export.w3c import MAX_BYTES, parse_import
from reader.ops.exporting import (
    document_view,
    export_records,
    import_records,
    read_store,
    source_from_store,
)
from reader.views import check_view

# The reading side of the exports lives in reader.ops.exporting; named here too for callers
# that knew it here (the benchmark).
__all__ = [
    "cmd_export",
    "cmd_import_annotations",
    "document_view",
    "export_records",
    "import_records",
    "read_store",
    "source_from_store",
]


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


def load_source(ctx: Context, options: ExportOptions) -> ExportSource:
    """Everything the export of ``options`` reads, from the texts and the database."""
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
    source = load_source(ctx, options)
    if args.output:
        path = Path(args.output).expanduser()
        write_export(options, source, path)
        count = len(select(source.annotations, options, source.selected_documents(options)))
        print(f"Exported {count} annotation(s) as {options.format} to {path}.", file=ctx.stderr)
        return 0
    ctx.stdout.write(export_text(options, source))
    return 0


def _read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(
            f"There is no file {path}. Give the path of a --format json export."
        ) from None
    except OSError as exc:
        raise EnvironmentFailure(f"Cannot read {path} ({exc.strerror}).") from None
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the path of a --format json export.")
    if size > MAX_BYTES:
        raise InputError(
            f"{path.name} cannot be imported: it is larger than "
            f"{MAX_BYTES // (1024 * 1024)} MB. Nothing was imported."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot read {path} ({exc.strerror}). Check its permissions, then try again."
        ) from None


def cmd_import_annotations(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.file).expanduser()
    data = _read_file(path)
    library = ctx.library()
    records = parse_import(data, list(library), name=path.name)
    with opened(ctx, create=True) as store:
        sync_texts(store, ctx)
        plan = import_records(store, records, {d.id: d for d in library})
    print(plan.summary(), file=ctx.stdout)
    return 0

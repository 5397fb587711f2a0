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
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli import Context
from reader.commands.annotations import check_tag_filters
from reader.commands.common import opened, sync_texts
from reader.errors import EnvironmentFailure, InputError
from reader.export import ExportOptions, ExportSource, export_text, write_export
from reader.export.atomic import check_target, file_kind
from reader.export.records import select
from reader.export.w3c import MAX_BYTES, parse_import
from reader.paths import protected_role
from reader.views import check_view
from reader.wording import counted

if TYPE_CHECKING:
    from reader.documents import Document, Library

# The reading side of the exports lives in reader.ops.exporting (the store) and
# reader.ops.reading (plain sqlite3: an export never imports SQLAlchemy unless a changed text
# must be re-anchored first, issue 22); named here too for callers that knew it here (the
# benchmark), and imported when asked for.
_FROM_OPS = ("document_view", "export_records", "import_records", "read_store", "source_from_store")
__all__ = ["cmd_export", "cmd_import_annotations", *_FROM_OPS]


def __getattr__(name: str) -> Any:
    if name in _FROM_OPS:
        from reader.ops import exporting

        return getattr(exporting, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        flavour=getattr(args, "flavour", "obsidian"),
        citations=getattr(args, "citations", None),
        links=not getattr(args, "no_links", False),
        pinyin=getattr(args, "pinyin", False),
    ).checked()


def load_source(ctx: Context, options: ExportOptions) -> tuple[ExportSource, dict[str, int]]:
    """Everything the export of ``options`` reads, from the texts and the database; and the
    annotations the database keeps for texts no longer in the library (removed: their count
    by id), which no export can hold — their text, pages and details went with the file."""
    library = ctx.library()
    from reader.ops import reading

    if not ctx.db.exists():
        return reading.export_source(None, _asked(library, options, {}), list(library)), {}
    with reading.reading(ctx.db) as reader:
        if reader is not None and not reading.stale(reader, list(library)):
            gone = reading.removed_texts(reading.counts(reader), library.documents)
            documents = _asked(library, options, gone)
            return reading.export_source(reader, documents, list(library)), gone
    from reader.ops import annotations as annotation_ops
    from reader.ops.exporting import source_from_store

    with opened(ctx, create=False) as store:
        sync_texts(store, ctx)
        gone = reading.removed_texts(annotation_ops.counts(store), library.documents)
        return source_from_store(store, _asked(library, options, gone), list(library)), gone


def _asked(library: Library, options: ExportOptions, gone: dict[str, int]) -> list[Document]:
    """The texts ``--doc`` names (every text without it). A removed text's id is refused with
    what became of its annotations, not as an id never known."""
    if not options.documents:
        return list(library)
    for doc_id in options.documents:
        if doc_id in gone:
            n = gone[doc_id]
            raise InputError(
                f"{doc_id} is no longer in the library (its text was removed); its "
                f"{counted(n, 'annotation')} {'is' if n == 1 else 'are'} kept in the database: "
                f"import the text again with --id {doc_id} to export "
                f"{'it' if n == 1 else 'them'}."
            )
    return [library.get(d) for d in dict.fromkeys(options.documents)]


def _gone_note(options: ExportOptions, gone: dict[str, int]) -> list[str]:
    """What an export of every text leaves out: the annotations of removed texts."""
    if options.documents or not gone or options.format in ("csl-json", "bibtex"):
        return []
    total = sum(gone.values())
    return [
        f"Left out {counted(total, 'annotation')} kept for texts no longer in the library "
        f"({', '.join(gone)}): import a text again with its id (meipi import FILE --id ID) to "
        f"export {'it' if total == 1 else 'them'}."
    ]


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    options = options_from_args(args)
    if options.format == "compare" and 0 < len(set(options.documents)) < 2:
        raise InputError(
            "A comparison needs two or more articles; give --doc at least twice "
            "(or leave --doc out to compare every article)."
        )
    folder = getattr(args, "dir", None)
    if folder is not None:
        return _export_dir(args, ctx, options, folder)
    path: Path | None = None
    if args.output is not None:
        if not args.output.strip():
            raise InputError("-o was given an empty file name; give the file to export to.")
        path = Path(args.output).expanduser()
        # Refused before anything is read or rendered; write_atomic refuses a non-regular
        # file again at the moment of writing.
        check_target(path, db=ctx.db, force=args.force)
    source, gone = load_source(ctx, options)
    notes = _check_matches(options, source) + _gone_note(options, gone)
    if options.format in ("markdown", "compare"):
        from reader.export.markdown import omitted_documents

        left_out = omitted_documents(options, source)
        if left_out and len(left_out) < len(source.selected_documents(options)):
            notes.append(f"Left out {counted(len(left_out), 'text')} with no matching annotation.")
    # The notes on what the export holds are said once it is made: a failed write (an
    # unwritable path) is its one error alone.
    if path is not None:
        write_export(options, source, path)
        if options.format in ("csl-json", "bibtex"):
            what = counted(len(source.selected_documents(options)), "reference")
        else:
            count = len(select(source.annotations, options, source.selected_documents(options)))
            what = counted(count, "annotation")
        _say(ctx, [*notes, f"Exported {what} as {options.format} to {path}."])
        return 0
    text = export_text(options, source)
    _say(ctx, notes)
    ctx.stdout.write(text)
    return 0


def _say(ctx: Context, lines: list[str]) -> None:
    for line in lines:
        print(line, file=ctx.stderr)


def _check_matches(options: ExportOptions, source: ExportSource) -> list[str]:
    """A ``--tag`` no annotation of the selected texts carries is exit 2 (as in ``meipi
    annotations``); when the filters match nothing at all, the note for stderr that says so
    (never the file)."""
    selected = source.selected_documents(options)
    ids = {doc.id for doc in selected}
    in_scope = [r for r in source.annotations if r.document in ids]
    where = f" in {', '.join(options.documents)}" if options.documents else ""
    check_tag_filters(options.tags, in_scope, where)
    if options.format in ("csl-json", "bibtex"):
        return []
    if not select(source.annotations, options, selected):
        what = "matches the filters" if options.tags or options.colors else "was found"
        return [f"No annotation {what}; the export holds none."]
    return []


def _export_dir(args: argparse.Namespace, ctx: Context, options: ExportOptions, folder: str) -> int:
    """``--dir FOLDER``: one Markdown file per text (reader.export.vault)."""
    from reader.export.vault import export_to_vault

    if args.output is not None:
        raise InputError("Give either -o FILE or --dir FOLDER, not both.")
    if not folder.strip():
        raise InputError("--dir was given an empty folder name; give the vault's folder.")
    source, gone = load_source(ctx, options)
    notes = _check_matches(options, source) + _gone_note(options, gone)
    report = export_to_vault(options, source, Path(folder).expanduser(), db=ctx.db)
    _say(ctx, notes)
    for path in report.written:
        print(f"Wrote {path}.", file=ctx.stderr)
    for path in report.updated:
        print(f"Updated Meipi's section of {path}.", file=ctx.stderr)
    if report.omitted:
        print(
            f"Left out {counted(report.omitted, 'text')} with no matching annotation.",
            file=ctx.stderr,
        )
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


def cmd_import_annotations(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.file).expanduser()
    data = _read_file(path, ctx.db)
    library = ctx.library()
    records = parse_import(data, list(library), name=path.name)
    from reader.ops.exporting import import_records

    with opened(ctx, create=True) as store:
        sync_texts(store, ctx)
        plan = import_records(store, records, {d.id: d for d in library})
    print(plan.summary(), file=ctx.stdout)
    return 0

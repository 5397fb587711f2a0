"""``meipi edit ID`` and ``meipi delete ID``: change or remove one annotation.

ID is an annotation's id as ``meipi annotations --json`` prints it, or a unique start of it (the
short id ``meipi annotations`` shows); an ambiguous start is exit 2, listing the matches. Both
print what changed. ``delete`` first keeps the annotation as W3C JSON in the data directory's
``deleted/`` folder and prints the ``meipi import-annotations`` command that brings it back.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from reader import paths
from reader.cli import Context
from reader.commands.common import opened, shown_tags, sync_texts
from reader.documents import Library, citation
from reader.errors import InputError, visible
from reader.ops import annotations as annotation_ops
from reader.store import common as store_common
from reader.store import tags as store_tags
from reader.store.records import AnnotationRecord


def _short(text: str, limit: int = 30) -> str:
    """One line of at most ``limit`` characters, terminal controls shown as escapes."""
    one_line = " ".join(text.split())
    return visible(one_line if len(one_line) <= limit else one_line[: limit - 1] + "…", keep="")


def _where(record: AnnotationRecord, library: Library) -> str:
    """Document, the printed labels of the passage's pages (``p. i``), and the quote's start."""
    doc = library.documents.get(record.document)
    pages = doc.cite(record.start, record.end) if doc is not None else citation(*record.pages)
    return f"{record.document} {pages} 「{_short(record.quote)}」"


def _tags(tags: tuple[str, ...]) -> str:
    return shown_tags(tags) or "(none)"


def _note(note: str | None) -> str:
    return f"「{_short(note, 60)}」" if note else "(none)"


def changes(before: AnnotationRecord, after: AnnotationRecord) -> list[str]:
    """What an edit changed, one line per field."""
    lines = []
    if before.color != after.color:
        lines.append(f"  colour: {before.color or 'none'} → {after.color or 'none'}")
    if before.tags != after.tags:
        lines.append(f"  tags:   {_tags(before.tags)} → {_tags(after.tags)}")
    if before.note != after.note:
        lines.append(f"  note:   {_note(before.note)} → {_note(after.note)}")
    return lines


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    wanted: dict[str, Any] = {}
    if args.color is not None:
        wanted["color"] = None if args.color == "none" else store_common.check_color(args.color)
    if args.tag:
        wanted["tags"] = [store_tags.clean_tag(t) for t in args.tag]
    if args.note is not None:
        wanted["note"] = args.note if args.note.strip() else None
    if not wanted:
        raise InputError("Nothing to change: give --color, --tag or --note.")
    if not ctx.db.exists():
        raise InputError("There are no annotations yet, so there is nothing to edit.")
    library = ctx.library()
    with opened(ctx, create=False) as store:
        sync_texts(store, ctx)
        record = annotation_ops.find(store, args.id, library)
        color = wanted.get("color", record.color)
        note = wanted.get("note", record.note)
        if color is None and not note:
            raise InputError(
                "An annotation without a colour needs a note; give --note, or keep a colour."
            )
        edit = annotation_ops.edit(store, record.id, **wanted)
    lines = changes(edit.before, edit.after)
    if not lines:
        print(f"Nothing changed in {record.id} ({_where(record, library)}).", file=ctx.stdout)
        return 0
    print(f"Edited {record.id} ({_where(record, library)}):", file=ctx.stdout)
    for line in lines:
        print(line, file=ctx.stdout)
    replaced = edit.before.note
    if replaced and replaced != edit.after.note and _short(replaced, 60) != replaced:
        # The line above shows it shortened: the note it replaced, whole, to copy back.
        print(f"The note it replaced, in full:\n{replaced}", file=ctx.stderr)
    return 0


def cmd_delete(args: argparse.Namespace, ctx: Context) -> int:
    if not ctx.db.exists():
        raise InputError("There are no annotations yet, so there is nothing to delete.")
    library = ctx.library()
    with opened(ctx, create=False) as store:
        sync_texts(store, ctx)
        record = annotation_ops.find(store, args.id, library)
        doc = library.get(record.document)
        deleted = annotation_ops.delete_keeping(store, record.id, doc, paths.data_dir() / "deleted")
    command = ["meipi"]
    if getattr(args, "db", None):
        command += ["--db", str(ctx.db)]
    command += ["import-annotations", str(deleted.kept)]
    print(f"Deleted {record.id} ({_where(record, library)}).", file=ctx.stdout)
    print(f"Kept as {deleted.kept}; to bring it back:", file=ctx.stdout)
    print("  " + shlex.join(command), file=ctx.stdout)
    return 0

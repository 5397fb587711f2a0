"""``meipi annotate`` and ``meipi annotations`` (and the counts ``meipi list`` shows).

``annotate`` finds the N-th occurrence (non-overlapping, from the start) of the quote as it reads
in view S, maps it to the smallest canonical range of whole segments through the view's offset
map, and stores canonical offsets and the canonical quote. Read-only commands never create the
database; commands that write create it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator

from reader.cli import Context
from reader.documents import Document, citation
from reader.errors import InputError, visible
from reader.store import Store, open_store
from reader.store import annotations as ops
from reader.views import check_view


@contextlib.contextmanager
def opened(ctx: Context, *, create: bool) -> Iterator[Store]:
    """The store for one command; closing it may make the daily backup."""
    store = open_store(ctx.db, create=create)
    try:
        yield store
    finally:
        warning = store.close()
        if warning:
            print(f"meipi: warning: {warning}", file=ctx.stderr)


def sync_texts(store: Store, ctx: Context) -> None:
    """Re-anchor the annotations of every text that changed since they were made."""
    library = ctx.library()
    with store.reading() as s:
        stale = ops.stale_documents(s, library)
    if not stale:
        return
    if store.read_only:
        names = ", ".join(d.id for d in stale)
        print(
            f"meipi: warning: the text of {names} changed since it was annotated; the "
            "database is read-only, so positions were not updated.",
            file=ctx.stderr,
        )
        return
    with store.writing() as s:
        for doc in stale:
            report = ops.sync_document(s, doc)
            if report.orphans:
                print(
                    f"meipi: the text of {doc.id} changed; {len(report.orphans)} "
                    "annotation(s) could not be placed again and are kept as orphans "
                    '("orphaned": true).',
                    file=ctx.stderr,
                )


def annotation_counts(ctx: Context) -> dict[str, int]:
    with opened(ctx, create=False) as store, store.reading() as s:
        return ops.annotation_counts(s)


def find_occurrence(text: str, quote: str, occurrence: int, where: str) -> tuple[int, int]:
    """The span of the ``occurrence``-th (from 1, non-overlapping) ``quote`` in ``text``."""
    if not quote.strip():
        what = "empty" if not quote else "only white space"
        raise InputError(
            f"The quote is {what}; give the passage to annotate with --quote (at least one "
            "character that is not a space)."
        )
    if occurrence < 1:
        raise InputError(f"--occurrence counts from 1 (got {occurrence}).")
    positions = []
    pos = text.find(quote)
    while pos != -1:
        positions.append(pos)
        pos = text.find(quote, pos + len(quote))
    if not positions:
        raise InputError(
            f"The quote 「{_short(quote)}」 does not occur in {where}. Quote it "
            "exactly as it reads there (or use --script for another view)."
        )
    if occurrence > len(positions):
        times = "once" if len(positions) == 1 else f"{len(positions)} times"
        raise InputError(
            f"The quote 「{_short(quote)}」 occurs {times} in {where}; "
            f"--occurrence {occurrence} is past the last."
        )
    start = positions[occurrence - 1]
    return start, start + len(quote)


def _short(text: str, limit: int = 30) -> str:
    """One line of at most ``limit`` characters, with terminal controls (ESC, BEL …) shown as
    escapes: a note or a quote is the user's text and must not drive the terminal."""
    one_line = " ".join(text.split())
    return visible(one_line if len(one_line) <= limit else one_line[: limit - 1] + "…", keep="")


def canonical_span(
    ctx: Context, doc: Document, view_id: str, quote: str, occurrence: int
) -> tuple[int, int]:
    if view_id == "original":
        return find_occurrence(doc.text, quote, occurrence, f"{doc.id}")
    from reader.commands.glossary import load_glossary
    from reader.script import document_view

    glossary = load_glossary(ctx) if ctx.db.exists() else None
    view = document_view(doc, view_id, glossary)
    vstart, vend = find_occurrence(view.text, quote, occurrence, f"{doc.id} (view {view_id})")
    return view.to_canonical(vstart, vend)


def cmd_annotate(args: argparse.Namespace, ctx: Context) -> int:
    view_id = check_view(args.script)
    doc = ctx.library().get(args.doc)
    color: str | None = args.color if args.color is not None else ops.DEFAULT_COLOR
    if color == "none":
        if not args.note:
            raise InputError("A note-only annotation (--color none) needs a --note.")
        color = None
    ops.check_color(color)
    tags = [ops.clean_tag(t) for t in args.tag]
    start, end = canonical_span(ctx, doc, view_id, args.quote, args.occurrence)
    with opened(ctx, create=True) as store:
        sync_texts(store, ctx)
        with store.writing() as s:
            record = ops.create_annotation(
                s, doc, start, end, color=color, tags=tags, note=args.note
            )
    print(record.id, file=ctx.stdout)
    print(
        f"Annotated {doc.id} {citation(*record.pages)} ({record.color or 'note only'}): "
        f"「{_short(record.quote)}」",
        file=ctx.stderr,
    )
    return 0


def format_line(record: ops.AnnotationRecord) -> str:
    """One readable line: document, pages, colour, quote, tags, note, short id."""
    parts = [
        record.document,
        citation(*record.pages),
        record.color or "note",
        f"「{_short(record.quote, 40)}」",
    ]
    if record.tags:
        parts.append(" ".join("#" + visible(t.replace(" ", "-"), keep="") for t in record.tags))
    if record.note:
        parts.append("— " + _short(record.note, 60))
    if record.orphaned:
        parts.insert(0, "[orphaned]")
    parts.append(f"({record.id[:8]})")
    return "  ".join(parts)


def cmd_annotations(args: argparse.Namespace, ctx: Context) -> int:
    for color in args.color:
        if color != "none":
            ops.check_color(color)
    for tag in args.tag:
        ops.clean_tag(tag)
    records: list[ops.AnnotationRecord] = []
    if ctx.db.exists():
        with opened(ctx, create=False) as store:
            sync_texts(store, ctx)
            with store.reading() as s:
                documents = None
                if args.doc is not None:
                    known = ops.annotation_counts(s)
                    if args.doc not in known:
                        ctx.library().get(args.doc)  # an unknown id is an input error
                    documents = [args.doc]
                records = ops.list_annotations(
                    s, documents=documents, tags=args.tag, colors=args.color
                )
    elif args.doc is not None:
        ctx.library().get(args.doc)
    if args.json:
        json.dump({"annotations": [r.to_json() for r in records]}, ctx.stdout, ensure_ascii=False)
        ctx.stdout.write("\n")
        return 0
    if not records:
        print("No annotations.", file=ctx.stdout)
        return 0
    for record in records:
        print(format_line(record), file=ctx.stdout)
    return 0

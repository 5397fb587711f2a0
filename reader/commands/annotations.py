"""``meipi annotate`` and ``meipi annotations`` (and the counts ``meipi list`` shows).

``annotate`` finds the N-th occurrence (non-overlapping, from the start) of the quote as it reads
in view S, maps it to the smallest canonical range of whole segments through the view's offset
map, and stores canonical offsets and the canonical quote. A quote found more than once needs
``--occurrence N`` or ``--all`` (else exit 2, listing the occurrences with their pages); an exact
duplicate (same document, start and end) is exit 2 naming the existing annotation. Read-only
commands never create the database; commands that write create it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence

from reader import tags as tags_rule
from reader.cli import Context
from reader.commands.common import load_glossary, opened, shown_tags, sync_texts
from reader.documents import Document
from reader.errors import MESSAGE_LIMIT, InputError, visible
from reader.radicals import unify
from reader.store.records import COLORS, DEFAULT_COLOR, NO_COLOR, AnnotationRecord
from reader.views import check_view

# The store (SQLAlchemy) is imported only by the commands that write, or when a changed text
# must be re-anchored first: listing and counting read through reader.ops.reading (issue 22).

__all__ = ["load_glossary", "opened", "sync_texts"]  # shared by the other commands


def annotation_counts(ctx: Context) -> dict[str, int]:
    from reader.ops import reading

    with reading.reading(ctx.db) as reader:
        if reader is not None:
            return reading.counts(reader)
    from reader.ops import annotations as annotation_ops

    with opened(ctx, create=False) as store:
        return annotation_ops.counts(store)


def _check_color(color: str | None) -> None:
    if color is not None and color not in COLORS:
        raise InputError(f"Unknown colour {color!r}. Colours: {', '.join(COLORS)}.")


def check_tag_filters(
    filters: Sequence[str], records: Iterable[AnnotationRecord], where: str = ""
) -> None:
    """Exit 2 when a ``--tag`` filter names no tag in use: no annotation among ``records`` (those
    in scope, before the tag filter) carries it or a tag under it. ``meipi annotations`` and
    ``meipi export`` both ask, so a misspelt tag is an error in both, never an empty result."""
    if not filters:
        return
    spellings: dict[str, str] = {}
    for record in records:
        for name in record.tags:
            spellings.setdefault(tags_rule.key_of_stored(name), name)
    known = {parent for key in spellings for parent in tags_rule.parents(key)}
    unknown = [f for f in filters if tags_rule.filter_key(f) not in known]
    if not unknown:
        return
    names = ", ".join(repr(visible(f)) for f in unknown)
    what = f"No annotation{where} is tagged {names}"
    if not spellings:
        raise InputError(f"{what}: there are no tags{where} yet.")
    in_use = sorted(spellings.values(), key=tags_rule.key_of_stored)
    shown = ", ".join(in_use[:8]) + (f" … ({len(in_use)} in all)" if len(in_use) > 8 else "")
    raise InputError(f"{what}. Tags in use: {shown}.")


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
    positions = _positions(text, quote)
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
    from reader.script import document_view

    glossary = load_glossary(ctx) if ctx.db.exists() else None
    view = document_view(doc, view_id, glossary)
    vstart, vend = find_occurrence(view.text, quote, occurrence, f"{doc.id} (view {view_id})")
    return view.to_canonical(vstart, vend)


def canonical_spans(ctx: Context, doc: Document, view_id: str, quote: str) -> list[tuple[int, int]]:
    """Every occurrence (non-overlapping, from the start) of ``quote`` in the view, as
    canonical spans; InputError when there is none."""
    if view_id == "original":
        find_occurrence(doc.text, quote, 1, doc.id)  # none: the same message as --occurrence
        return [(p, p + len(quote)) for p in _positions(doc.text, quote)]
    from reader.script import document_view

    glossary = load_glossary(ctx) if ctx.db.exists() else None
    view = document_view(doc, view_id, glossary)
    find_occurrence(view.text, quote, 1, f"{doc.id} (view {view_id})")
    return [view.to_canonical(p, p + len(quote)) for p in _positions(view.text, quote)]


def _positions(text: str, quote: str) -> list[int]:
    """Where ``quote`` begins in ``text``, non-overlapping. A radical some PDF producers write
    for an ideograph (⽇ for 日) matches the ideograph: texts imported before radicals were
    mapped still hold them, and the mapping keeps every offset."""
    text, quote = unify(text)[0], unify(quote)[0]
    positions = []
    pos = text.find(quote)
    while pos != -1:
        positions.append(pos)
        pos = text.find(quote, pos + len(quote))
    return positions


_LISTED = 20  # occurrences listed when a quote is ambiguous (the message stays whole)


def _ambiguous(
    ctx: Context, doc: Document, view_id: str, quote: str, spans: list[tuple[int, int]]
) -> InputError:
    """The occurrences of an ambiguous quote, with their pages and a little context, as they
    read in the view the user quoted from (``spans`` are canonical, for the pages)."""
    text = doc.text
    shown = spans
    where = doc.id if view_id == "original" else f"{doc.id} (view {view_id})"
    if view_id != "original":
        from reader.script import document_view

        view = document_view(doc, view_id, load_glossary(ctx) if ctx.db.exists() else None)
        text = view.text
        shown = [(p, p + len(quote)) for p in _positions(view.text, quote)]
    head = (
        f"The quote 「{_short(quote)}」 occurs {len(spans)} times in {where}; nothing was "
        "annotated. Choose one with --occurrence N, or annotate every one with --all:"
    )
    # Lines are listed while the message stays under the terminal's limit (a longer one would
    # be cut in its middle), leaving room for the line that counts the rest.
    room = MESSAGE_LIMIT - len(head) - 120
    lines: list[str] = []
    for n, ((start, end), (vstart, vend)) in enumerate(
        zip(spans[:_LISTED], shown, strict=False), 1
    ):
        before = text[max(0, vstart - 6) : vstart].split("\n")[-1]
        after = text[vend : vend + 6].split("\n")[0]
        line = (
            f"  {n:>3}  {doc.cite(start, end)}  …{_short(before, 8)}"
            f"【{_short(text[vstart:vend], 20)}】{_short(after, 8)}…"
        )
        room -= len(line) + 1
        if room < 0:
            break
        lines.append(line)
    if len(spans) > len(lines):
        rest = list(dict.fromkeys(doc.label_of(start) for start, _end in spans[len(lines) :]))
        pages = _short(", ".join(rest[:10]), 80) + (", …" if len(rest) > 10 else "")
        lines.append(f"  … and {len(spans) - len(lines)} more (p. {pages})")
    return InputError(head + "\n" + "\n".join(lines))


def cmd_annotate(args: argparse.Namespace, ctx: Context) -> int:
    from reader.ops import annotations as annotation_ops

    view_id = check_view(args.script)
    doc = ctx.library().get(args.doc)
    color: str | None = args.color if args.color is not None else DEFAULT_COLOR
    if color == NO_COLOR:
        if not args.note:
            raise InputError("A note-only annotation (--color none) needs a --note.")
        color = None
    _check_color(color)
    tags = [tags_rule.clean(t) for t in args.tag]
    every = bool(getattr(args, "all", False))
    occurrence: int | None = args.occurrence
    if every and occurrence is not None:
        raise InputError("Give --occurrence N or --all, not both.")
    if occurrence is not None:
        spans = [canonical_span(ctx, doc, view_id, args.quote, occurrence)]
    else:
        spans = canonical_spans(ctx, doc, view_id, args.quote)
        if len(spans) > 1 and not every:
            raise _ambiguous(ctx, doc, view_id, args.quote, spans)
    with opened(ctx, create=True) as store:
        sync_texts(store, ctx)
        records = annotation_ops.annotate_many(
            store, doc, spans, color=color, tags=tags, note=args.note
        )
    from reader.export.citing import passage_citation

    for record in records:
        print(record.id, file=ctx.stdout)
        print(
            f"Annotated {doc.id} {passage_citation(record, doc)} "
            f"({record.color or 'note only'}): "
            f"「{_short(record.quote)}」",
            file=ctx.stderr,
        )
    return 0


def format_line(record: AnnotationRecord, doc: Document | None = None) -> str:
    """One readable line: document, pages (``doc``'s printed labels: ``p. i``), colour, quote,
    tags, note, short id."""
    from reader.export.citing import passage_citation  # not at start-up: listing stays light

    parts = [
        record.document,
        passage_citation(record, doc),
        record.color or "note",
        f"「{_short(record.quote, 40)}」",
    ]
    if record.tags:
        parts.append("tags: " + shown_tags(record.tags))
    if record.note:
        parts.append("— " + _short(record.note, 60))
    if record.orphaned:
        parts.insert(0, "[orphaned]")
    parts.append(f"({record.id[:8]})")
    return "  ".join(parts)


def cmd_annotations(args: argparse.Namespace, ctx: Context) -> int:
    for color in args.color:
        if color != NO_COLOR:
            _check_color(color)
    for tag in args.tag:
        tags_rule.clean(tag)
    records: list[AnnotationRecord] = []
    if ctx.db.exists():
        records = _listed(args, ctx)
    elif args.doc is not None:
        ctx.library().get(args.doc)
    if args.tag and ctx.db.exists():
        # Only the tags: every annotation in scope, whatever its colour.
        where = f" in {args.doc}" if args.doc is not None else ""
        check_tag_filters(args.tag, _listed(args, ctx, tags=(), colors=()), where)
    elif args.tag:
        check_tag_filters(args.tag, [])
    if records:
        # A removed text's annotations are kept, as orphans: their passage has no text now.
        texts = ctx.library().documents
        records = [r if r.document in texts else r._replace(orphaned=True) for r in records]
    if args.json:
        json.dump({"annotations": [r.to_json() for r in records]}, ctx.stdout, ensure_ascii=False)
        ctx.stdout.write("\n")
        return 0
    if not records:
        print("No annotations.", file=ctx.stdout)
        return 0
    documents = ctx.library().documents
    for record in records:
        print(format_line(record, documents.get(record.document)), file=ctx.stdout)
    return 0


def _listed(
    args: argparse.Namespace,
    ctx: Context,
    *,
    tags: Sequence[str] | None = None,
    colors: Sequence[str] | None = None,
) -> list[AnnotationRecord]:
    """The annotations ``meipi annotations`` lists: read through plain sqlite3, unless a text
    changed since it was annotated (the store re-anchors it first) or the schema is older."""
    from reader.ops import reading

    tags = args.tag if tags is None else tags
    colors = args.color if colors is None else colors
    with reading.reading(ctx.db) as reader:
        if reader is not None and not reading.stale(reader, list(ctx.library())):
            documents = None
            if args.doc is not None:
                if args.doc not in reading.counts(reader):
                    ctx.library().get(args.doc)  # an unknown id is an input error
                documents = [args.doc]
            return reading.list_annotations(reader, documents=documents, tags=tags, colors=colors)
    from reader.ops import annotations as annotation_ops

    with opened(ctx, create=False) as store:
        sync_texts(store, ctx)
        documents = None
        if args.doc is not None:
            if args.doc not in annotation_ops.counts(store):
                ctx.library().get(args.doc)  # an unknown id is an input error
            documents = [args.doc]
        return annotation_ops.list_annotations(store, documents=documents, tags=tags, colors=colors)

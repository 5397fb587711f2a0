"""``meipi list`` and ``meipi text``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from reader.cli import Context
from reader.documents import Block, Document, Metadata, Page
from reader.views import check_view


def _annotation_counts(ctx: Context) -> dict[str, int]:
    """Annotations per document; an absent database has none (and is not created)."""
    if not ctx.db.exists():
        return {}
    from reader.commands.annotations import annotation_counts

    return annotation_counts(ctx)


def _summary(meta: Metadata, pages: int, characters: int, annotations: int) -> dict[str, Any]:
    return {
        "id": meta.id,
        "title": meta.title,
        "authors": list(meta.authors),
        "venue": meta.venue,
        "issue": meta.issue,
        "date": meta.date,
        "script": meta.script,
        "pages": pages,
        "characters": characters,
        "annotations": annotations,
    }


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from reader.search_index import library_listing

    # The cache's record of each file, checked by its size and time (a library of thousands
    # is not read and parsed for a list); else the library, which reports any text it skips.
    listing = library_listing()
    if listing is None:
        listing = [(doc.meta, len(doc.pages), len(doc.text)) for doc in ctx.library()]
    counts = _annotation_counts(ctx)
    rows = [_summary(*item, counts.get(item[0].id, 0)) for item in listing]
    if args.json:
        json.dump({"documents": rows}, ctx.stdout, ensure_ascii=False)
        ctx.stdout.write("\n")
        return 0
    if not rows:
        print("No documents.", file=ctx.stdout)
        return 0
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        who = "、".join(r["authors"]) or "—"
        where = " ".join(x for x in (r["venue"], r["issue"], r["date"]) if x)
        print(
            f"{r['id']:<{width}}  {who}〈{r['title']}〉{where}  "
            f"{r['pages']} {'page' if r['pages'] == 1 else 'pages'}, {r['characters']} chars, "
            f"{r['annotations']} annotation{'' if r['annotations'] == 1 else 's'}",
            file=ctx.stdout,
        )
    return 0


def view_layout(
    doc: Document, view_id: str, ctx: Context | None = None
) -> tuple[str, list[Block], list[Page]]:
    """The text of a view with its blocks and pages mapped into the view's offsets.

    The database given (``--db``, ``$MEIPI_DB``) is checked in every view: a file that is not
    a Meipi database, or a newer one, is exit 1 as in every other command, never silently
    ignored. As the search does, only what is read is checked: a view reads the glossary's
    tables (their pages are checked, damage there is exit 1); 原文, which the glossary does not
    change, reads no table, so only the file's header, application id, schema and tables are
    checked (damage elsewhere does not change the text it prints)."""
    glossary = None
    if ctx is not None and ctx.db.exists():
        if view_id == "original":
            from reader.ops import reading

            with reading.reading(ctx.db, ()):
                return doc.text, list(doc.blocks), list(doc.pages)
        from reader.commands.common import load_glossary

        glossary = load_glossary(ctx)
    if view_id == "original":
        return doc.text, list(doc.blocks), list(doc.pages)
    from reader.script import document_view

    view = document_view(doc, view_id, glossary)
    blocks = []
    for b in doc.blocks:
        start, end = view.to_view(b.start, b.end)
        blocks.append(Block(b.kind, b.level, start, end))
    pages = [Page(p.number, view.to_view(p.start, p.start)[0], p.label) for p in doc.pages]
    return view.text, blocks, pages


def cmd_text(args: argparse.Namespace, ctx: Context) -> int:
    view_id = check_view(args.script)
    from reader.search_index import find_document

    # One text read alone when the search index knows the library's files (thousands of texts)
    doc = find_document(args.doc) or ctx.library().get(args.doc)
    text, blocks, pages = view_layout(doc, view_id, ctx)
    if not args.json:
        ctx.stdout.write(text + "\n")
        return 0
    payload = {
        "id": doc.id,
        "title": doc.title,
        "authors": list(doc.meta.authors),
        "venue": doc.meta.venue,
        "issue": doc.meta.issue,
        "date": doc.meta.date,
        "source_script": doc.meta.script,
        "script": view_id,
        "text": text,
        "blocks": [
            {"kind": b.kind, "level": b.level, "start": b.start, "end": b.end} for b in blocks
        ],
        "pages": [
            {"number": p.printed_number, "label": p.printed, "start": p.start} for p in pages
        ],
    }
    json.dump(payload, ctx.stdout, ensure_ascii=False)
    ctx.stdout.write("\n")
    return 0

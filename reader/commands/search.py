"""``meipi search QUERY [--doc DOC]… [--script S] [--json]``."""

from __future__ import annotations

import argparse
import json

from reader.cli import Context
from reader.views import LABELS, check_view


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    from reader.commands.common import load_glossary
    from reader.search import query_variants, search

    view_id = check_view(args.script)
    query_variants(args.query)  # an empty query is an input error before anything is loaded
    glossary = load_glossary(ctx)  # empty without a database (none is created)
    try:  # through the persistent index (reader.search_index) when it can serve
        from reader import search_index

        matches, found = search_index.search_library(
            args.query, ids=args.doc or None, view_id=view_id, glossary=glossary
        )
        doc_of = found.__getitem__
    except search_index.Unavailable:  # missing, damaged, busy: the same places, unindexed
        library = ctx.library()
        matches = search(
            library, args.query, docs=args.doc or None, view_id=view_id, glossary=glossary
        )
        doc_of = library.get
    if args.json:
        payload = {
            "query": args.query,
            "script": view_id,
            "matches": [m.to_json() for m in matches],
        }
        json.dump(payload, ctx.stdout, ensure_ascii=False)
        ctx.stdout.write("\n")
        return 0
    if not matches:
        print(f"No matches for {args.query!r}.", file=ctx.stdout)
        return 0
    by_doc: dict[str, int] = {}
    for m in matches:
        by_doc[m.document] = by_doc.get(m.document, 0) + 1
    # The printed page label (``p. i`` in an imported PDF's front matter); the JSON keeps the
    # page number, as the contract says.
    where = [f"p. {doc_of(m.document).label_of(m.start)}" for m in matches]
    width = max(len(page) for page in where)
    current = None
    for m, page in zip(matches, where, strict=True):
        if m.document != current:
            current = m.document
            if current != matches[0].document:
                print(file=ctx.stdout)
            count = by_doc[current]
            print(
                f"{current}〈{doc_of(current).title}〉 {count} match{'es' if count != 1 else ''}",
                file=ctx.stdout,
            )
        print(f"  {page:<{width}}  {m.before}【{m.text}】{m.after}", file=ctx.stdout)
    total = len(matches)
    label = LABELS[view_id]
    print(
        f"\n{total} match{'es' if total != 1 else ''} in {len(by_doc)} "
        f"article{'s' if len(by_doc) != 1 else ''} (view {view_id} {label}).",
        file=ctx.stdout,
    )
    return 0

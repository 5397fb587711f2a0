"""``meipi search QUERY [--doc DOC]… [--script S] [--json]``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.cli import Context
from reader.views import LABELS, check_view

if TYPE_CHECKING:
    from reader.search_index import ResultText


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    from reader.commands.common import load_glossary
    from reader.search import query_variants, search

    view_id = check_view(args.script)
    doc_of: Callable[[str], ResultText]
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
        # One string written once: json.dump writes a piece at a time, and a word in every
        # text of a library has tens of thousands of matches.
        fields = matches[0]._fields if matches else ()
        payload = {
            "query": args.query,
            "script": view_id,
            "matches": [dict(zip(fields, m, strict=True)) for m in matches],
        }
        ctx.stdout.write(json.dumps(payload, ensure_ascii=False))
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
    # The lines written at once (tens of thousands for a word in every text).
    lines: list[str] = []
    current = None
    for m, page in zip(matches, where, strict=True):
        if m.document != current:
            current = m.document
            if current != matches[0].document:
                lines.append("")
            count = by_doc[current]
            lines.append(
                f"{current}〈{doc_of(current).title}〉 {count} match{'es' if count != 1 else ''}"
            )
        lines.append(f"  {page:<{width}}  {m.before}【{m.text}】{m.after}")
    lines.append("")
    ctx.stdout.write("\n".join(lines))
    total = len(matches)
    label = LABELS[view_id]
    print(
        f"\n{total} match{'es' if total != 1 else ''} in {len(by_doc)} "
        f"article{'s' if len(by_doc) != 1 else ''} (view {view_id} {label}).",
        file=ctx.stdout,
    )
    return 0

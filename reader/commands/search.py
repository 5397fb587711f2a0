"""``meipi search QUERY [--doc DOC]… [--script S] [--json]``."""

from __future__ import annotations

import argparse
import gc
import json
from itertools import chain, groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from reader.cli import Context
from reader.views import LABELS, check_view
from reader.wording import counted

if TYPE_CHECKING:
    from reader.glossary import Glossary
    from reader.search import Match
    from reader.search_index import ResultText


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    # A word in every text makes tens of thousands of matches, hundreds of thousands of
    # objects, none in a cycle: the cyclic collector's passes over them were a tenth of the
    # command. It is off while the indexed search and the output run (the process ends with
    # them); building the index (``reader.search_index``) and the unindexed search fold texts,
    # which leaves cycles, and run with it on.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _search(args, ctx, collecting)
    finally:
        if collecting:
            gc.enable()


def _search(args: argparse.Namespace, ctx: Context, collecting: bool) -> int:
    from reader.commands.common import load_glossary
    from reader.search import check_query

    view_id = check_view(args.script)
    check_query(args.query)  # an empty query is an input error before anything is loaded
    glossary = load_glossary(ctx)  # empty without a database (none is created)
    if args.json:
        matches = _matches(args, ctx, collecting, view_id, glossary)
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
    results = _printed(args, ctx, collecting, view_id, glossary)
    if not results:
        print(f"No matches for {args.query!r}.", file=ctx.stdout)
        return 0
    # Matches come grouped by document. The printed page label (``p. i`` in an imported PDF's
    # front matter); the JSON keeps the page number, as the contract says.
    by_doc: dict[str, int] = {}
    for doc, labels, _lines in results:
        by_doc[doc.id] = by_doc.get(doc.id, 0) + len(labels)
    # a few labels, tens of thousands of matches
    printed = set(chain.from_iterable(labels for _doc, labels, _lines in results))
    width = max(map(len, printed)) + len("p. ")
    pad = {label: f"  {'p. ' + label:<{width}}  " for label in printed}
    # The lines written a few thousand at a time, each piece one string (a word in every text
    # has tens of thousands): all in one string was megabytes of memory never used before, each
    # page of it, and of its UTF-8, a fault the system had to serve.
    lines: list[str] = []
    write = ctx.stdout.write
    for n, (doc, labels, found) in enumerate(results):
        if n:
            lines.append("")
        count = by_doc[doc.id]
        lines.append(f"{doc.id}〈{doc.title}〉 {count} match{'es' if count != 1 else ''}")
        lines += map(str.__add__, map(pad.__getitem__, labels), found)
        if len(lines) >= _LINES_AT_ONCE:
            lines.append("")  # each line ends with a line break
            write("\n".join(lines))
            lines.clear()
    lines.append("")
    write("\n".join(lines))
    total = sum(len(labels) for _doc, labels, _lines in results)
    label = LABELS[view_id]
    print(
        f"\n{counted(total, 'match', 'matches')} in {counted(len(by_doc), 'article')} "
        f"(view {view_id} {label}).",
        file=ctx.stdout,
    )
    return 0


# How a match is printed: its context, the match between these.
MARKS = ("【", "】")
_LINES_AT_ONCE = 4096


def _matches(
    args: argparse.Namespace, ctx: Context, collecting: bool, view_id: str, glossary: Glossary
) -> list[Match]:
    """The matches: through the persistent index (``reader.search_index``) when it can serve,
    else the same places, unindexed."""
    from reader import search_index
    from reader.search import search

    try:
        matches, _found = search_index.search_library(
            args.query, ids=args.doc or None, view_id=view_id, glossary=glossary
        )
        return matches
    except search_index.Unavailable:  # missing, damaged, busy: the same places, unindexed
        if collecting:
            gc.enable()
        return search(
            ctx.library(), args.query, docs=args.doc or None, view_id=view_id, glossary=glossary
        )


def _printed(
    args: argparse.Namespace, ctx: Context, collecting: bool, view_id: str, glossary: Glossary
) -> list[tuple[ResultText, list[str], list[str]]]:
    """Each text with matches, in order, with each match's page label and line
    (``reader.search_index.printed_matches``), as :func:`_matches` finds them."""
    from reader import search_index
    from reader.search import search

    try:
        return search_index.search_library_printed(
            args.query, MARKS, ids=args.doc or None, view_id=view_id, glossary=glossary
        )
    except search_index.Unavailable:
        if collecting:
            gc.enable()
        library = ctx.library()
        matches = search(
            library, args.query, docs=args.doc or None, view_id=view_id, glossary=glossary
        )
        results: list[tuple[ResultText, list[str], list[str]]] = []
        for doc_id, group in groupby(matches, itemgetter(0)):
            doc = library.get(doc_id)
            results.append((doc, *search_index.printed_matches(doc, list(group), MARKS)))
        return results

"""``meipi search QUERY [--doc DOC]… [--script S] [--json]``."""

from __future__ import annotations

import argparse
import gc
import json
from collections.abc import Callable
from itertools import chain, groupby
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from reader.cli import Context
from reader.views import LABELS, check_view

if TYPE_CHECKING:
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
    from reader.search import check_query, search

    view_id = check_view(args.script)
    doc_of: Callable[[str], ResultText]
    check_query(args.query)  # an empty query is an input error before anything is loaded
    glossary = load_glossary(ctx)  # empty without a database (none is created)
    try:  # through the persistent index (reader.search_index) when it can serve
        from reader import search_index

        matches, found = search_index.search_library(
            args.query, ids=args.doc or None, view_id=view_id, glossary=glossary
        )
        doc_of = found.__getitem__
    except search_index.Unavailable:  # missing, damaged, busy: the same places, unindexed
        if collecting:
            gc.enable()
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
    # Matches come grouped by document. The printed page label (``p. i`` in an imported PDF's
    # front matter); the JSON keeps the page number, as the contract says.
    groups = [(doc_id, list(group)) for doc_id, group in groupby(matches, itemgetter(0))]
    by_doc: dict[str, int] = {}
    for doc_id, group in groups:
        by_doc[doc_id] = by_doc.get(doc_id, 0) + len(group)
    where = [_labels(doc_of(doc_id), group) for doc_id, group in groups]
    printed = set(chain.from_iterable(where))  # a few labels, tens of thousands of matches
    width = max(map(len, printed))
    pad = {page: f"  {page:<{width}}  " for page in printed}
    # The lines written a few thousand at a time, each piece one string (a word in every text
    # has tens of thousands): all in one string was megabytes of memory never used before, each
    # page of it, and of its UTF-8, a fault the system had to serve.
    lines: list[str] = []
    write = ctx.stdout.write
    for n, ((doc_id, group), labels) in enumerate(zip(groups, where, strict=True)):
        if n:
            lines.append("")
        count = by_doc[doc_id]
        lines.append(
            f"{doc_id}〈{doc_of(doc_id).title}〉 {count} match{'es' if count != 1 else ''}"
        )
        lines += [
            f"{pad[page]}{before}【{text}】{after}"
            for (_d, _s, _e, _vs, _ve, _p, text, before, after), page in zip(
                group, labels, strict=True
            )
        ]
        if len(lines) >= _LINES_AT_ONCE:
            lines.append("")  # each line ends with a line break
            write("\n".join(lines))
            lines.clear()
    lines.append("")
    write("\n".join(lines))
    total = len(matches)
    label = LABELS[view_id]
    print(
        f"\n{total} match{'es' if total != 1 else ''} in {len(by_doc)} "
        f"article{'s' if len(by_doc) != 1 else ''} (view {view_id} {label}).",
        file=ctx.stdout,
    )
    return 0


_PAGE = attrgetter("page")
_LINES_AT_ONCE = 4096


def _labels(doc: ResultText, matches: list[Match]) -> list[str]:
    """``p.`` and the printed label of each match's page: the label of the page its number
    names (a match's page is the page of its start), when no two pages share a number."""
    from reader.search_index import printed_pages

    pages = printed_pages(doc)
    if not pages:
        return [f"p. {m.page}" for m in matches]  # label_of: the first page's number
    printed = {number: f"p. {label}" for number, label in pages}
    if len(printed) == len(pages):
        return list(map(printed.__getitem__, map(_PAGE, matches)))
    return [f"p. {doc.label_of(m.start)}" for m in matches]

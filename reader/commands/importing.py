"""``meipi import FILE``: add the user's own text, and say what was guessed."""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli import Context
from reader.errors import InputError
from reader.importing import Overrides, Preview, format_label, guess, read_source, save
from reader.importing.metadata_file import Reference, load_reference, with_published

if TYPE_CHECKING:
    from reader.ops.annotations import Replaced

_KIND_NAMES = {
    "heading": ("heading", "headings"),
    "paragraph": ("paragraph", "paragraphs"),
    "caption": ("caption", "captions"),
    "note": ("note", "notes"),
    "backmatter": ("back matter block", "back matter blocks"),
}


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    reference = _reference(args)
    overrides = Overrides(
        id=args.doc_id,
        title=args.title,
        authors=tuple(args.author) if args.author is not None else None,
        venue=args.venue,
        date=args.date,
        script=args.script,
        first_page=args.first_page,
        password=getattr(args, "password", None),
    )
    citekey = getattr(args, "citekey", None)
    if reference is not None:
        overrides = with_reference(overrides, reference, pdf=_is_pdf(args.file))
        if citekey is None:
            citekey = reference.key
    if citekey is not None:
        from reader.export.citekeys import check_citekey

        citekey = check_citekey(citekey)  # before anything is saved
    source = read_source(args.file, database=ctx.db, password=overrides.password)
    replace = bool(getattr(args, "replace", False))
    preview = guess(source, overrides, library=ctx.library())
    if reference is not None:
        preview = dataclasses.replace(preview, document=with_published(preview.document, reference))
    if citekey is not None:
        _check_citekey_free(ctx, citekey, preview.document.id)
    before = list(ctx.library())
    from reader.commands.common import opened
    from reader.ops.references import citekey_of, give_citekey, set_citekey

    # An existing database is opened (a damaged one refused) before the text is saved; a new
    # one is made after (a text that cannot be saved makes none). The key is given then and
    # kept: every export, later ones too, cites the text by it.
    replaced = None
    existed = ctx.db.exists()
    doc = None if existed else save(preview, replace=replace)
    with opened(ctx, create=True) as store:
        if doc is None:
            doc = save(preview, replace=replace)
        kept = not store.read_only
        if not kept:
            citekey = citekey_of(store, doc, before)  # what exports give it meanwhile
            print(
                f"meipi: warning: {store.path} is read-only: the text is imported, but its "
                "citekey is kept (and, with --replace, its annotations re-anchored) only once "
                "the database can be written.",
                file=ctx.stderr,
            )
        else:
            if replace:  # first: setting a citekey re-anchors too, and would leave no report
                from reader.ops.annotations import reanchor_replaced

                replaced = reanchor_replaced(store, doc)
            if citekey is not None:
                set_citekey(store, doc, citekey)
            citekey = give_citekey(store, before, doc)
    for notice in preview.notices:
        if notice.kind != "id-taken":  # save() refused it otherwise
            print(f"meipi: {notice}", file=ctx.stderr)
    for line in describe(preview):
        print(line, file=ctx.stdout)
    if replaced is not None:
        for line in describe_replaced(replaced, doc.id):
            print(line, file=ctx.stdout)
    if kept:
        print(f"Cite it as [@{citekey}] (its key from now on, in every export).", file=ctx.stdout)
    else:
        print(f"Exports cite it as [@{citekey}] until its key can be kept.", file=ctx.stdout)
    print(f"Read it with: meipi text {doc.id}", file=ctx.stdout)
    return 0


def _reference(args: argparse.Namespace) -> Reference | None:
    """The ``--metadata`` file's entry (``--entry KEY``, or its only one)."""
    path = getattr(args, "metadata", None)
    entry = getattr(args, "entry", None)
    if path is None:
        if entry is not None:
            raise InputError("--entry chooses an entry of --metadata FILE; give that file too.")
        return None
    return load_reference(Path(path), entry)


def _is_pdf(file: str) -> bool:
    return Path(file).suffix.lower() == ".pdf"


def with_reference(overrides: Overrides, ref: Reference, *, pdf: bool = False) -> Overrides:
    """``overrides`` with the fields the user left unsaid filled from ``ref``. A PDF keeps its
    own printed page labels: the reference's first page fills only other formats."""
    first_page = overrides.first_page
    if first_page is None and not pdf:
        first_page = ref.first_page
    return dataclasses.replace(
        overrides,
        title=overrides.title if overrides.title is not None else ref.title,
        authors=overrides.authors if overrides.authors is not None else (ref.authors or None),
        venue=overrides.venue if overrides.venue is not None else ref.venue,
        date=overrides.date if overrides.date is not None else ref.date,
        first_page=first_page,
    )


def _check_citekey_free(ctx: Context, key: str, doc_id: str) -> None:
    """InputError when another text already has ``key`` (stored or generated)."""
    from reader.export.citekeys import citekeys

    stored: dict[str, str] = {}
    given: dict[str, str] = {}
    if ctx.db.exists():
        from reader.commands.common import opened
        from reader.store import settings

        with opened(ctx, create=False) as store, store.reading() as s:
            stored = settings.kept_citekeys(s)
            given = settings.generated_citekeys(s)
    # A key given to a text whose user set their own is still that text's (the database
    # refuses it for another, after the text would have been saved).
    taken = {v: k for k, v in given.items() if k != doc_id}
    keys = citekeys(list(ctx.library()), stored, given.values())
    taken.update((v, k) for k, v in keys.items() if k != doc_id)
    if key in taken:
        raise InputError(f"The citekey {key!r} is already the key of {taken[key]!r}.")


_NAMED = 5  # changed or orphaned annotations named one by one; the rest counted


def _short(quote: str, limit: int = 24) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def describe_replaced(replaced: Replaced, doc_id: str) -> list[str]:
    """What became of the replaced text's annotations, and each one whose quote changed or
    that could not be placed again (an id prefix ``meipi edit`` takes, the quote)."""
    if not replaced.total:
        return []
    lines = [
        f"  annotations: {replaced.kept} kept their place, {replaced.moved} moved, "
        f"{len(replaced.changed)} changed their quote, {len(replaced.orphaned)} orphaned"
    ]
    for ann_id, before, now in replaced.changed[:_NAMED]:
        lines.append(f"    {ann_id[:8]} changed: 「{_short(before)}」 → 「{_short(now)}」")
    for ann_id, quote in replaced.orphaned[:_NAMED]:
        lines.append(f"    {ann_id[:8]} orphaned (kept with its note): 「{_short(quote)}」")
    more = max(0, len(replaced.changed) - _NAMED) + max(0, len(replaced.orphaned) - _NAMED)
    if more:
        lines.append(f"    and {more} more: meipi annotations {doc_id} --json")
    return lines


def describe(preview: Preview) -> list[str]:
    """What was imported and what was guessed, a few lines for people."""
    doc, source, script = preview.document, preview.source, preview.script_guess
    meta = doc.meta
    script_note = (
        "as you said"
        if preview.overrides.script
        else f"guessed from {script.traditional} Traditional-only and {script.simplified} "
        "Simplified-only characters; --script to change"
    )
    counts = Counter(b.kind for b in doc.blocks)
    parts = []
    for kind, (one, many) in _KIND_NAMES.items():
        if counts[kind]:
            parts.append(f"{counts[kind]} {one if counts[kind] == 1 else many}")
    first, last = doc.pages[0].printed, doc.pages[-1].printed
    pages = (
        f"{len(doc.pages)} (p. {first})"
        if first == last
        else f"{len(doc.pages)} (pp. {first}–{last})"
    )
    lines = [
        f"Imported {doc.id} from {source.name} ({source.encoding}, {format_label(source.format)}).",
        f"  title:      {meta.title}",
        f"  authors:    {'、'.join(meta.authors) or '(none found; --author to set)'}",
    ]
    if meta.venue or meta.issue:
        lines.append(f"  venue:      {' '.join(x for x in (meta.venue, meta.issue) if x)}")
    if meta.date:
        lines.append(f"  date:       {meta.date}")
    lines += [
        f"  script:     {meta.script} ({script_note})",
        f"  pages:      {pages}",
        f"  blocks:     {len(doc.blocks)}" + (f" ({', '.join(parts)})" if parts else ""),
        f"  characters: {len(doc.text)}",
    ]
    if preview.radicals:
        count = preview.radicals
        lines.append(
            f"  mapped:     {count} {'radical' if count == 1 else 'radicals'} written for "
            "ideographs (⽇ for 日) to the ideographs"
        )
    if preview.same_as:
        named = ", ".join(f"{doc_id} ({title})" for doc_id, title in preview.same_as)
        lines.append(f"  same text:  as {named}: this is a second copy")
    if preview.dropped:
        count = len(preview.dropped)
        lines.append(
            f"  removed:    {count} {'line' if count == 1 else 'lines'} of running headers, "
            "page numbers or mastheads"
        )
    return lines

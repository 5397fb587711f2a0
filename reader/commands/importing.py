"""``meipi import FILE``: add the user's own text, and say what was guessed."""

from __future__ import annotations

import argparse
import dataclasses
import shlex
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli import Context
from reader.documents import Document
from reader.errors import InputError
from reader.importing import Overrides, Preview, format_label, guess, read_source
from reader.importing.metadata_file import Reference, load_reference, with_published
from reader.importing.pdf import PDF_SUFFIX
from reader.importing.replacing import carried, changes
from reader.importing.saving import Saved, save_undoably, undo

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
    old = _replaced(ctx, preview.document.id) if replace else None
    if old is not None:  # the details given the text it replaces stay (see replacing.py)
        preview = guess(source, carried(old, preview, overrides), library=ctx.library())
    if reference is not None:
        preview = dataclasses.replace(preview, document=with_published(preview.document, reference))
    if citekey is not None:
        _check_citekey_free(ctx, citekey, preview.document.id)
    before = list(ctx.library())
    from reader.commands.common import opened
    from reader.ops.references import citekey_of, give_citekey, set_citekey

    # An existing database is opened (a damaged one refused) before the text is saved; a new
    # one is made after (a text that cannot be saved makes none). Whatever fails after the
    # save takes it back (the replaced text back in place): a failed import changes nothing.
    # The key is given then and kept: every export, later ones too, cites the text by it.
    replaced = None
    saved: Saved | None = None
    recorded = False
    try:
        if not ctx.db.exists():
            saved = save_undoably(preview, replace=replace)
        with opened(ctx, create=True) as store:
            if saved is None:
                saved = save_undoably(preview, replace=replace)
            doc = saved.document
            kept = not store.read_only
            try:
                if not kept:
                    citekey = citekey_of(store, doc, before)  # what exports give it meanwhile
                    print(
                        f"meipi: warning: {store.path} is read-only: the text is imported, but "
                        "its citekey is kept (and, with --replace, its annotations re-anchored) "
                        "only once the database can be written.",
                        file=ctx.stderr,
                    )
                else:
                    if replace:  # first: a citekey set re-anchors too, and leaves no report
                        from reader.ops.annotations import reanchor_replaced

                        replaced = reanchor_replaced(store, doc)
                    if citekey is not None:
                        set_citekey(store, doc, citekey)
                    citekey = give_citekey(store, before, doc)
            except BaseException:
                taken_back: Saved = saved
                saved = None
                undo(taken_back)  # before closing the store, which may make the daily backup
                raise
            recorded = True
    except BaseException:
        if saved is not None and not recorded:
            undo(saved)
        raise
    for notice in preview.notices:
        if notice.kind == "id-taken":  # save() refused it otherwise
            continue
        if notice.kind == "title-from-name" and notice.value("title") != doc.meta.title:
            continue  # a title was given (or kept from the text replaced) after all
        print(f"meipi: {notice}", file=ctx.stderr)
    for line in describe(preview, overrides):
        print(line, file=ctx.stdout)
    if old is not None:
        db = ["--db", str(ctx.db)] if getattr(args, "db", None) else []
        for line in describe_metadata(old, doc, saved.kept_text, args.file, db, overrides):
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


def _replaced(ctx: Context, doc_id: str) -> Document | None:
    """The user's text that ``--replace`` puts the file in place of (None: there is none, or
    it ships with Meipi, which saving refuses)."""
    library = ctx.library()
    if doc_id not in library.documents:
        return None
    doc = library.get(doc_id)
    return None if doc.shipped else doc


def describe_metadata(
    old: Document, doc: Document, kept: Path | None, file: str, db: list[str], said: Overrides
) -> list[str]:
    """What replacing did to the text's details, and where the replaced text is kept (the
    command that puts it back: ``db``, the ``--db`` option given, if any)."""
    changed, same = changes(old.meta, doc.meta)
    lines = []
    if same:
        lines.append(f"  kept:       {', '.join(same)} (as the text you replaced had them)")
    name = Path(file).name
    for change in changed:
        if getattr(said, change.name) is not None:
            why = "as you said"
        else:
            why = f"from {name}" + (f"; {change.option} to set it" if change.option else "")
        lines.append(f"  changed:    {change.label}: {change.before} → {change.after} ({why})")
    if kept is not None:
        # A PDF is read again (its page labels and page data); any other text from its copy.
        pdf = kept.with_name(f"{doc.id}{PDF_SUFFIX}")
        again = (
            ["meipi", "import", str(pdf), "--id", doc.id]
            if pdf.exists()
            else ["meipi", "import", str(kept)]
        )
        lines.append(f"  replaced:   the old text is kept as {kept}; to put it back:")
        lines.append("    " + shlex.join([*again, *db, "--replace"]))
    return lines


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


def describe(preview: Preview, said: Overrides | None = None) -> list[str]:
    """What was imported and what was guessed, a few lines for people. ``said``: what the
    command line said, when the preview's overrides also carry a replaced text's details."""
    doc, source, script = preview.document, preview.source, preview.script_guess
    meta = doc.meta
    said = said if said is not None else preview.overrides
    script_note = (
        "as you said"
        if said.script
        else "as the text you replaced had it; --script to change"
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

"""``meipi open [DOC | --url LINK] [--at OFFSET] [--annotation ID]``: the window at a place.

When a window is open on the database it is asked to show the place and come to the front
(``reader.open_request``); otherwise the window starts there. A ``meipi://`` link (from an
export, through the URL handler) is untrusted: only ``meipi://open?doc=ID&at=N`` and
``meipi://annotation/UUID`` are accepted (``reader.links``).
"""

from __future__ import annotations

import argparse

from reader.cli import Context
from reader.errors import EnvironmentFailure, InputError
from reader.links import Place, parse_url


def requested_place(args: argparse.Namespace, ctx: Context) -> Place:
    """The place asked for, checked against the library and the database."""
    url = getattr(args, "url", None)
    target = args.doc
    if target is not None and target.lower().startswith("meipi:"):
        url, target = target, None
    if url is not None:
        if target is not None or args.at is not None or args.annotation is not None:
            raise InputError("Give either a meipi:// link or DOC with --at / --annotation.")
        place = parse_url(url)
    else:
        place = Place(document=target, at=args.at, annotation=args.annotation)
    if place.at is not None and place.at < 0:
        raise InputError("--at must be a canonical offset (0 or more).")
    if place.annotation is not None:
        from reader.commands.common import opened
        from reader.ops.annotations import find

        if not ctx.db.exists():
            raise InputError(f"There is no annotation with the id {place.annotation!r}.")
        with opened(ctx, create=False) as store:
            record = find(store, place.annotation)
        if place.document is not None and place.document != record.document:
            raise InputError(
                f"Annotation {record.id} is in {record.document}, not {place.document}."
            )
        if record.document not in ctx.library().documents:
            raise InputError(
                f"Annotation {record.id} is in {record.document}, a text no longer in the "
                "library: import it again (meipi import) to read it there."
            )
        return Place(document=record.document, at=record.start, annotation=record.id)
    if place.document is not None:
        doc = ctx.library().get(place.document)
        if place.at is not None and place.at > len(doc.text):
            raise InputError(
                f"--at {place.at} is past the end of {doc.id} ({len(doc.text)} characters)."
            )
    elif place.at is not None:
        raise InputError("--at needs a document: meipi open DOC --at OFFSET.")
    return place


def cmd_open(args: argparse.Namespace, ctx: Context) -> int:
    from reader.open_request import send
    from reader.store.window_lock import window_holder

    place = requested_place(args, ctx)
    if window_holder(ctx.db) is not None:
        if not send(ctx.db, place):
            raise EnvironmentFailure(
                "Meipi is open on this database but did not answer. Switch to its window, or "
                "close it and run the command again."
            )
        print("Shown in the open Meipi window.", file=ctx.stderr)
        return 0
    from reader.commands import window

    if place != Place():
        from reader.ui.window import open_channel

        open_channel.set_pending(place)
    return window.run(args, ctx)

"""``meipi glossary list|same A B|keep PHRASE|drop ENTRY``, and the glossary other commands use.

``list --json`` prints ``{"keeps": [..], "equivalences": [[a, b], ..], "conversions":
[[original, replacement], ..]}``. ``drop`` takes a kept phrase, a conversion's original, or an
equivalence as ``A=B`` or by either spelling.
"""

from __future__ import annotations

import argparse
import json

from reader.cli import Context
from reader.commands.common import load_glossary, opened
from reader.errors import InputError
from reader.glossary import Glossary
from reader.ops import glossary as glossary_ops

__all__ = ["cmd_glossary", "load_glossary"]


def _print_glossary(glossary: Glossary, ctx: Context, as_json: bool) -> None:
    if as_json:
        json.dump(
            {
                "keeps": sorted(glossary.keeps),
                "equivalences": [list(p) for p in glossary.equivalences],
                "conversions": [list(p) for p in glossary.conversions],
            },
            ctx.stdout,
            ensure_ascii=False,
        )
        ctx.stdout.write("\n")
        return
    if glossary.empty:
        print(
            "The glossary is empty. Add to it with `meipi glossary same A B` or "
            "`meipi glossary keep PHRASE`.",
            file=ctx.stdout,
        )
        return
    for a, b in glossary.equivalences:
        print(f"same {a} = {b}", file=ctx.stdout)
    for phrase in sorted(glossary.keeps):
        print(f"keep {phrase}", file=ctx.stdout)
    for original, replacement in glossary.conversions:
        print(f"convert {original} → {replacement}", file=ctx.stdout)


def cmd_glossary(args: argparse.Namespace, ctx: Context) -> int:
    action = args.glossary_command
    if action == "list":
        _print_glossary(load_glossary(ctx), ctx, args.json)
        return 0
    with opened(ctx, create=True) as store:
        if action == "same":
            added = glossary_ops.add_equivalence(store, args.a, args.b)
            message = (
                f"{args.a.strip()} and {args.b.strip()} are now one name for search."
                if added
                else f"{args.a.strip()} = {args.b.strip()} was already there."
            )
        elif action == "keep":
            added = glossary_ops.add_keep(store, args.phrase)
            message = (
                f"{args.phrase.strip()} will not be converted in any view."
                if added
                else f"{args.phrase.strip()} was already kept."
            )
        elif action == "drop":
            removed = glossary_ops.drop(store, _entry_as_listed(args.entry))
            if not removed:
                entries = _entries(glossary_ops.load(store))
                raise InputError(
                    f"The glossary has no entry {args.entry!r}. Entries: "
                    f"{', '.join(entries) or '(none)'}."
                )
            message = "Removed: " + "; ".join(removed) + "."
        else:  # argparse allows only the four actions
            raise InputError(f"Unknown glossary action {action!r}.")
    print(message, file=ctx.stdout)
    return 0


def _entry_as_listed(entry: str) -> str:
    """``drop`` also takes an entry as ``glossary list`` prints it (``keep 區域性``,
    ``same 普京 = 普丁``, ``convert 軟體 → 軟件``), so a listed line can be pasted back."""
    text = entry.strip()
    for prefix in ("keep ", "same ", "convert "):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    return text.split("→")[0].strip() if "→" in text else text


def _entries(glossary: Glossary) -> list[str]:
    return (
        [f"{a}={b}" for a, b in glossary.equivalences]
        + sorted(glossary.keeps)
        + [o for o, _ in glossary.conversions]
    )

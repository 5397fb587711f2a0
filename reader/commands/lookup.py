"""``meipi lookup WORD [--json]``: the dictionary entry (CC-CEDICT, English definitions).

``--json`` prints ``{"word", "entries": [{"traditional", "simplified", "pinyin", "zhuyin",
"definitions": [..]}]}``. A word the dictionary does not have is exit 2.
"""

from __future__ import annotations

import argparse
import json

from reader.cli import Context
from reader.errors import InputError


def cmd_lookup(args: argparse.Namespace, ctx: Context) -> int:
    from reader import dictionary

    word = args.word.strip()
    if not word:
        raise InputError("Give a word to look up, e.g. `meipi lookup 能源`.")
    info = dictionary.data_info()
    if not dictionary.is_open() and not dictionary.index_path(info).is_file():
        print("Building the dictionary's index (once; a few seconds)…", file=ctx.stderr)
    entries = dictionary.open_dictionary().lookup(word)
    if not entries:
        raise InputError(
            f"{word} is not in the dictionary (CC-CEDICT has {info.entries} entries, in "
            "Traditional and Simplified). Try a shorter word."
        )
    if args.json:
        json.dump(
            {"word": word, "entries": [e.as_json() for e in entries]},
            ctx.stdout,
            ensure_ascii=False,
        )
        ctx.stdout.write("\n")
        return 0
    for entry in entries:
        forms = entry.traditional
        if entry.simplified != entry.traditional:
            forms = f"{entry.traditional} / {entry.simplified}"
        print(f"{forms}  {entry.pinyin}  ({entry.zhuyin})", file=ctx.stdout)
        for n, sense in enumerate(entry.definitions, 1):
            print(f"  {n}. {sense}", file=ctx.stdout)
    print(f"CC-CEDICT ({info.date[:10]}), CC BY-SA 4.0", file=ctx.stdout)
    return 0

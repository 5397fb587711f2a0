"""Regenerate the shipped ``texts/`` from the raw PDF-extracted seeds.

``python -m reader.texts_build [SEEDS_DIR] [OUT_DIR]`` runs the importer (``reader.ingest``)
over each seed with what we know of it (the recipe below: ids and metadata the seeds cannot
tell, never edits to the text) and writes ``texts/<id>.meipi.txt``. A test regenerates them and
compares with what is checked in.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from reader import documents, paths
from reader.ingest import Hints, clean

RECIPES: dict[str, tuple[str, Hints]] = {
    "lian-obor": (
        "000_0128a1f7cfc4891a.txt",
        Hints(
            id="lian-obor",
            venue="戰略瞭望",  # the column's running header
            script="zh-Hant-TW",
            first_page=1,
            source="000_0128a1f7cfc4891a.txt",
        ),
    ),
    "hsu-divergence": (
        "004_872ebe7bffeb99b9.txt",
        Hints(
            id="hsu-divergence",
            # The photo caption stands before the title in the seed, so name the title.
            title="中俄兩國之戰略利益分歧",
            venue="遠景論壇",
            publisher="財團法人兩岸交流遠景基金會",
            script="zh-Hant-TW",
            first_page=1,
            source="004_872ebe7bffeb99b9.txt",
            backmatter_from_page=4,  # the publisher's colophon
        ),
    ),
}


def build(doc_id: str, seeds: Path) -> documents.Document:
    seed_name, hints = RECIPES[doc_id]
    raw = (seeds / seed_name).read_text(encoding="utf-8")
    doc = clean(raw, hints).document
    return replace(doc, shipped=True)


def render(doc_id: str, seeds: Path) -> str:
    return documents.dumps(build(doc_id, seeds))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    seeds = Path(args[0]) if args else paths.seeds_dir()
    out = Path(args[1]) if len(args) > 1 else paths.shipped_texts_dir()
    if seeds is None or not seeds.is_dir():
        print(
            "The seeds folder (../shared/seeds) was not found; pass it as the first argument.",
            file=sys.stderr,
        )
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for number, doc_id in enumerate(RECIPES, start=1):
        # The number keeps the articles in their order (the library lists files by name).
        target = out / f"{number}-{doc_id}{documents.TEXT_SUFFIX}"
        target.write_text(render(doc_id, seeds), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Plain text, including text extracted from a PDF by another program (like the seeds): cleaned by
:mod:`reader.ingest` — running headers and page numbers dropped, lines joined, headings found."""

from __future__ import annotations

from dataclasses import replace

from reader.importing.base import Built, FormatReader, Overrides, Source
from reader.ingest import Hints, clean, detect_layout
from reader.radicals import unify


class PlainTextReader(FormatReader):
    name = "text"
    label = "plain text"
    suffixes = (".txt", ".text")

    def sniff_text(self, text: str, name: str) -> bool:
        return True  # the fallback: every decoded text is at least plain text

    def build(self, source: Source, overrides: Overrides) -> Built:
        o = overrides
        hints = Hints(
            id="imported",
            title=o.title,
            venue=o.venue,
            date=o.date,
            script=o.script or "zh-Hant-TW",
            first_page=o.first_page or 1,
            source=source.name,
            layout=detect_layout(source.text),
        )
        # Text copied out of a PDF may keep the radicals its producer wrote for ideographs.
        text, radicals = unify(source.text)
        cleaned = clean(text, hints)
        if o.title is not None and not any(b.kind == "title" for b in cleaned.document.blocks):
            # The title the user typed is not a line of the text: keep the structure as guessed
            # (the first line stays the title block) and use theirs as the metadata title.
            cleaned = clean(text, replace(hints, title=None))
        return Built(cleaned.document, tuple(cleaned.dropped), radicals=radicals)

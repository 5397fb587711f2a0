"""Meipi's own ``texts/`` format (``*.meipi.txt``): read as it is, nothing guessed but the id."""

from __future__ import annotations

from reader import documents
from reader.importing.base import Built, FormatReader, Overrides, Source


class MeipiTextReader(FormatReader):
    name = "meipi"
    label = "Meipi text"
    suffixes = (documents.TEXT_SUFFIX,)

    def sniff_text(self, text: str, name: str) -> bool:
        return text.lstrip("\ufeff").startswith("meipi-text:")

    def build(self, source: Source, overrides: Overrides) -> Built:
        return Built(documents.loads(source.text, source=source.name, shipped=False))

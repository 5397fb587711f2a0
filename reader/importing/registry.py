"""Which formats there are, in the order their sniffing is tried (plain text last: it takes
anything decoded)."""

from __future__ import annotations

import functools

from reader.errors import InputError
from reader.importing.base import FormatReader


@functools.cache
def readers() -> tuple[FormatReader, ...]:
    from reader.importing.markdown import MarkdownReader
    from reader.importing.meipi_text import MeipiTextReader
    from reader.importing.pdf import PdfReader
    from reader.importing.plain import PlainTextReader

    return (PdfReader(), MeipiTextReader(), MarkdownReader(), PlainTextReader())


def binary_readers() -> tuple[FormatReader, ...]:
    return tuple(r for r in readers() if r.binary)


def text_readers() -> tuple[FormatReader, ...]:
    return tuple(r for r in readers() if not r.binary)


def reader_named(name: str) -> FormatReader:
    for reader in readers():
        if reader.name == name:
            return reader
    raise InputError(f"Unknown format {name!r}.")


def format_names() -> tuple[str, ...]:
    return tuple(r.name for r in readers())


def format_label(name: str) -> str:
    for reader in readers():
        if reader.name == name:
            return reader.label
    return name

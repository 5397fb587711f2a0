"""Replacing a text (``meipi import FILE --id ID --replace``): what of the old text's metadata the
new file keeps, and what changed.

The details the user gave the text they replace (in the import dialog, with ``--author`` …, by
editing it) stay, unless the command line gives a value, or the new file states one of its own
that the old file did not: a title line or author lines that differ from the old text's, a
front matter's date, a PDF's metadata, everything the ``texts/`` format holds. A script the
characters suggest is a guess: the old one stays while it is of the same kind (Traditional or
Simplified); a PDF keeps its own page labels, so its first page is never carried.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reader.documents import Document, Metadata
from reader.importing.base import Overrides
from reader.importing.preview import Preview

# What is compared and reported, in the order a report names them, with the flag that sets each.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "title", "--title"),
    ("english_title", "English title", ""),
    ("authors", "authors", "--author"),
    ("affiliation", "affiliation", ""),
    ("venue", "venue", "--venue"),
    ("issue", "issue", ""),
    ("date", "date", "--date"),
    ("publisher", "publisher", ""),
    ("script", "script", "--script"),
    ("first_page", "first page", "--first-page"),
)
_OPTIONAL = ("english_title", "affiliation", "venue", "issue", "date", "publisher")


def _block_texts(doc: Document, kind: str) -> tuple[str, ...]:
    return tuple(doc.block_text(b) for b in doc.blocks if b.kind == kind)


def _hans(script: str) -> bool:
    return script.startswith("zh-Hans")


def carried(old: Document, preview: Preview, given: Overrides) -> Overrides:
    """``given`` (what the command line says) with the old text's metadata filled in where
    neither the command line nor the new file (``preview``, guessed with ``given``) says
    something new."""
    new, guessed = preview.document, preview.guessed
    meta = old.meta
    values: dict[str, object] = {}
    own_file = preview.source.format == "meipi"  # the texts/ format states every field
    titled = not any(n.kind == "title-from-name" for n in preview.notices)
    if given.title is None and not own_file:
        line = _block_texts(new, "title")
        same_line = bool(line) and line == _block_texts(old, "title")
        if not titled or same_line:
            values["title"] = meta.title
    if given.authors is None and meta.authors and not own_file:
        lines = _block_texts(new, "author")
        same_lines = bool(lines) and lines == _block_texts(old, "author")
        if not guessed.authors or same_lines:
            values["authors"] = meta.authors
    for name in _OPTIONAL:
        stated = getattr(given, name) is not None or getattr(guessed, name) is not None
        if not stated and not own_file and getattr(meta, name) is not None:
            values[name] = getattr(meta, name)
    if given.script is None and not own_file and _hans(meta.script) == _hans(new.meta.script):
        values["script"] = meta.script
    pdf = preview.source.format == "pdf"
    if given.first_page is None and not own_file and not pdf and meta.first_page != 1:
        values["first_page"] = meta.first_page
    return dataclasses.replace(given, **values)  # type: ignore[arg-type]


def _shown(value: object) -> str:
    if value is None or value == ():
        return "(none)"
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Change:
    """One metadata field the replacement changed: its name for people, the old and new
    values as shown, and the option that sets it ('' when only the window's details do)."""

    name: str  # the metadata field
    label: str
    before: str
    after: str
    option: str


def changes(before: Metadata, after: Metadata) -> tuple[list[Change], list[str]]:
    """The fields that changed, and the labels of those the old text had and kept."""
    changed: list[Change] = []
    kept: list[str] = []
    for name, label, option in FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changed.append(Change(name, label, _shown(old), _shown(new), option))
        elif old not in (None, (), "") and not (name == "first_page" and old == 1):
            kept.append(label)
    return changed, kept

"""Guessing: the document a file would be saved as, what was guessed, what the user should know.

``guess(source, overrides)`` asks the source's format reader for the document, then does what is
the same for every format: the script, the id, the title when none was found, the user's
corrections (:class:`~reader.importing.base.Overrides`), and the warnings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from reader import documents
from reader.documents import Document, Library, Metadata, MetadataOverrides, Page, is_date
from reader.importing.base import (
    ID_RULE,
    MAX_FIRST_PAGE,
    Overrides,
    Source,
    split_authors,
)
from reader.importing.encoding import ScriptGuess, guess_script
from reader.importing.markdown import MARKDOWN_SUFFIXES
from reader.importing.notices import Notice, RefusedInput
from reader.importing.registry import reader_named


@dataclass(frozen=True)
class Preview:
    """What saving would store: the document (metadata with the overrides applied), what was
    guessed before the overrides, and what the user should know."""

    source: Source
    document: Document
    guessed: Metadata
    script_guess: ScriptGuess
    overrides: Overrides = field(default_factory=Overrides)
    dropped: tuple[str, ...] = ()  # lines removed as running headers, page numbers, mastheads
    notices: tuple[Notice, ...] = ()  # what the reader should check (the window words each)
    # Saved beside the text (suffix, bytes): a PDF's original and its page data.
    attachments: tuple[tuple[str, bytes], ...] = field(default=(), repr=False, compare=False)
    radicals: int = 0  # radicals written for ideographs (⽇ for 日), mapped to the ideographs
    # Texts of the library with the same canonical text (id, title): the import adds a copy.
    same_as: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notices as the command line says them."""
        return tuple(str(n) for n in self.notices)


def check_id(doc_id: str) -> str:
    """``doc_id`` if it can name a text (lower-case letters, digits, inner hyphens)."""
    if not ID_RULE.match(doc_id):
        raise RefusedInput(
            Notice(
                "bad-id",
                f"The id {doc_id!r} cannot be used: an id is 1 to 64 lower-case letters a-z, "
                "digits and inner hyphens, for example hsu-2024.",
                (("id", doc_id),),
            )
        )
    return doc_id


def free_id(doc_id: str, taken: set[str] | list[str] | dict[str, Document]) -> str:
    """``doc_id`` if free, else ``doc_id-2``, ``doc_id-3`` …: what the window offers on a clash."""
    if doc_id not in taken:
        return doc_id
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = doc_id[: 64 - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def slug(name: str) -> str:
    """An ASCII id from a file name ('' when nothing ASCII is left)."""
    stem = name
    for suffix in (documents.TEXT_SUFFIX, *MARKDOWN_SUFFIXES, ".txt", ".text", ".pdf"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return words[:64].rstrip("-")


def _check_text_value(label: str, value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise RefusedInput(
            Notice("empty-value", f"The {label} cannot be empty.", (("field", label),))
        )
    return value


_O = TypeVar("_O", bound=MetadataOverrides)
# Optional fields with no rule of their own: an empty value clears them.
_CLEARABLE = ("english_title", "affiliation", "issue", "publisher")


def _check_overrides(o: _O) -> _O:
    """``o`` with its values checked (InputError) and tidied; the free-text fields keep an empty
    value (it clears the field)."""
    title = _check_text_value("title", o.title) if o.title is not None else None
    venue = _check_text_value("venue", o.venue) if o.venue is not None else None
    authors = None
    if o.authors is not None:
        authors = tuple(_check_text_value("author", a) for a in o.authors)
        for author in authors:
            if ";" in author:
                raise RefusedInput(
                    Notice(
                        "author-list",
                        f"Give each author separately (--author once per author), not {author!r}.",
                        (("author", author),),
                    )
                )
    date = o.date.strip() if o.date is not None else None
    if date is not None and not is_date(date):
        raise RefusedInput(
            Notice(
                "bad-date",
                f"The date {o.date!r} is not a date Meipi understands: write YYYY, YYYY-MM or "
                "YYYY-MM-DD, for example 2024-11.",
                (("date", date),),
            )
        )
    if o.script is not None and o.script not in documents.SOURCE_SCRIPTS:
        raise RefusedInput(
            Notice(
                "unknown-script",
                f"Unknown script {o.script!r}: choose {', '.join(documents.SOURCE_SCRIPTS)}.",
                (("script", o.script),),
            )
        )
    if o.first_page is not None and not 1 <= o.first_page <= MAX_FIRST_PAGE:
        raise RefusedInput(
            Notice(
                "bad-first-page",
                f"The first page must be a whole number from 1 to {MAX_FIRST_PAGE}.",
                (("largest", str(MAX_FIRST_PAGE)),),
            )
        )
    doc_id = check_id(o.id) if o.id is not None else None
    return replace(
        o,
        id=doc_id,
        title=title,
        authors=authors,
        venue=venue,
        date=date,
        english_title=_tidy(o.english_title),
        affiliation=_tidy(o.affiliation),
        issue=_tidy(o.issue),
        publisher=_tidy(o.publisher),
    )


def _tidy(value: str | None) -> str | None:
    return None if value is None else " ".join(value.split())


def guess(
    source: Source, overrides: Overrides | None = None, *, library: Library | None = None
) -> Preview:
    """The document that :func:`save` would store, with what was guessed. ``library`` (default:
    the user's) is only used to warn of an id already taken; :func:`save` refuses it."""
    o = _check_overrides(overrides or Overrides())
    warnings: list[Notice] = []
    built = reader_named(source.format).build(source, o)
    doc, dropped = built.document, built.dropped
    warnings.extend(built.notices)
    if not doc.text.strip():
        raise RefusedInput(
            Notice(
                "nothing-left",
                f"{source.name} has no text left once page numbers and running headers are "
                "removed; there is nothing to import.",
                (("name", source.name),),
            )
        )
    script = guess_script(doc.text)
    guessed = _guessed_metadata(source, doc, script, warnings, built.found_title)
    meta = _apply(guessed, o)
    if meta.first_page != doc.meta.first_page:
        doc = _shift_pages(doc, meta.first_page - doc.meta.first_page)
    doc = replace(doc, meta=meta, shipped=False, path=None)
    if o.script is None and not (script.traditional or script.simplified):
        warnings.append(
            Notice(
                "script-unknown",
                f"No character tells Traditional from Simplified, so the script is taken to be "
                f"{meta.script}; set it with --script if that is wrong.",
                (("script", meta.script),),
            )
        )
    elif o.script is None and script.mixed:
        warnings.append(
            Notice(
                "script-mixed",
                f"The text mixes Traditional ({script.traditional}) and Simplified "
                f"({script.simplified}) characters; check the script ({meta.script}).",
                (
                    ("traditional", str(script.traditional)),
                    ("simplified", str(script.simplified)),
                    ("script", meta.script),
                ),
            )
        )
    lib = library if library is not None else _library_quietly()
    if lib is not None and meta.id in lib.documents:
        warnings.append(
            Notice(
                "id-taken",
                f"The id {meta.id!r} is already taken; choose another id.",
                (("id", meta.id),),
            )
        )
    same_as = same_text(doc, lib)
    if same_as:
        warnings.append(Notice("same-text", same_text_warning(same_as)))
    return Preview(
        source,
        doc,
        guessed,
        script,
        o,
        dropped,
        tuple(warnings),
        built.attachments,
        built.radicals,
        same_as,
    )


def same_text_warning(same_as: tuple[tuple[str, str], ...]) -> str:
    """The warning of a text the library already holds (``same_as``: :func:`same_text`); the
    window shows its own, translated, in its place."""
    named = ", ".join(f"{doc_id!r} ({title})" for doc_id, title in same_as)
    return (
        f"The library already holds this same text as {named}; importing it adds a "
        f"second copy. To keep one, remove the other with File ▸ Remove Text… in the "
        f"Meipi window."
    )


def same_text(doc: Document, library: Library | None) -> tuple[tuple[str, str], ...]:
    """The texts of ``library`` other than ``doc``'s id whose canonical text is ``doc``'s
    (a copy of the same file in another encoding or format): (id, title) each."""
    if library is None:
        return ()
    digest = doc.sha256
    return tuple(
        (other.id, other.title)
        for other in library.documents.values()
        if other.id != doc.id and other.sha256 == digest
    )


def _library_quietly() -> Library | None:
    try:
        return documents.load_library()
    except OSError:
        return None


def _guessed_metadata(
    source: Source,
    doc: Document,
    script: ScriptGuess,
    warnings: list[Notice],
    found_title: str | None = None,
) -> Metadata:
    meta = doc.meta
    if source.format == "meipi":
        doc_id = meta.id if ID_RULE.match(meta.id) else slug(source.name)
    else:
        doc_id = slug(source.name)
    if not doc_id:
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:8]
        doc_id = f"text-{digest}"
        warnings.append(
            Notice(
                "id-from-digest",
                f"The file name has no letters a-z or digits to make an id from, so the id is "
                f"{doc_id}; choose another with --id.",
                (("id", doc_id),),
            )
        )
    title = meta.title
    if found_title and not any(b.kind == "title" for b in doc.blocks):
        title = found_title
    elif source.format != "meipi" and not any(b.kind == "title" for b in doc.blocks):
        stem = Path(source.name).stem or doc_id
        title = stem
        warnings.append(
            Notice(
                "title-from-name",
                f"No title was found at the top of the text, so the file name "
                f"{stem!r} is the title; set another with --title.",
                (("title", stem),),
            )
        )
    authors = meta.authors if source.format == "meipi" else split_authors(meta.authors)
    return replace(
        meta,
        id=doc_id,
        title=title,
        authors=authors,
        script=meta.script if source.format == "meipi" else script.script,
        source=meta.source or source.name,
    )


def _apply(meta: Metadata, o: MetadataOverrides) -> Metadata:
    cleared = {k: None for k in _CLEARABLE if getattr(o, k) == ""}
    return replace(o.apply(meta), **cleared)  # type: ignore[arg-type]


def _shift_pages(doc: Document, delta: int) -> Document:
    pages = tuple(
        Page(p.number + delta, p.start, None if p.label is None else _shift_label(p, delta))
        for p in doc.pages
    )
    return replace(doc, pages=pages)


def _shift_label(page: Page, delta: int) -> str:
    """A label that is the page's number follows it; a printed label of its own stays."""
    return str(page.number + delta) if page.label == str(page.number) else str(page.label)

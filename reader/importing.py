"""Bringing the user's own texts in: read a file, guess its metadata, preview, save, remove.

The flow a window dialog (or ``meipi import``) follows::

    source = read_source(path)             # bytes -> text: size, binary, encoding, format
    preview = guess(source, Overrides())   # a Document as it would be saved, with what was guessed
    preview = guess(source, Overrides(title="…", script="zh-Hans"))   # the user corrected it
    document = save(preview)               # written atomically into the user texts folder

``remove(doc_id)`` deletes a user text (shipped texts cannot be removed; annotations are the
store's business) and ``update_metadata(doc_id, MetadataChanges(...))`` edits one later.
``check_id`` validates an id as typed, ``free_id`` offers ``id-2`` on a clash, ``Preview.guessed``
prefills a form and ``Preview.warnings`` are sentences to show. ``read_source``/``guess`` take
well under a second for an article but about 20 s for a 20 MB text: run them off the GUI thread.

Formats: plain text (including PDF-extracted text like the seeds: cleaned by
:mod:`reader.ingest`), Markdown, and the ``texts/`` format itself. Encodings: UTF-8 with or
without BOM, UTF-16/32 with BOM (UTF-16 without BOM when its NUL pattern shows), Big5 (cp950,
Big5-HKSCS) and GB18030. Big5 and GB18030 both decode most byte strings without error, so the
choice between them is made by how common the resulting characters are (characters of OpenCC's
phrase tables), with charset-normalizer as the tie-breaker.

Every error a user can cause is an :class:`InputError` (exit 2) with one clear sentence; a folder
that cannot be written is an :class:`EnvironmentFailure` (exit 1). Nothing is half-written.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader import documents, paths
from reader.documents import BlockDraft, Document, Library, Metadata, Page
from reader.errors import EnvironmentFailure, InputError
from reader.fsync import fsync_folder
from reader.ingest import Hints, clean, detect_layout

MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("text", "markdown", "meipi")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_ID_RULE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_DATE_RULE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_MAX_FIRST_PAGE = 100_000


# ---------------------------------------------------------------------------------------------
# Reading a file


@dataclass(frozen=True)
class Source:
    """A file read into text: what it says, how it was encoded and what kind of text it is."""

    name: str  # the file name, e.g. "article.txt"
    text: str
    encoding: str  # for people: "UTF-8", "UTF-8 (BOM)", "UTF-16", "Big5", "GB18030" …
    format: str  # one of FORMATS
    path: Path | None = None


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read a file to import; refuses (InputError) a missing, empty, huge, binary or undecodable
    file with one sentence saying so."""
    file = Path(path).expanduser()
    name = file.name
    try:
        status = file.stat()
        size = status.st_size
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"{file} is a folder; give the path of a text file.")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{file} is not a regular file; give the path of a text file.")
        if size > MAX_BYTES:
            raise InputError(
                f"{name} is {size / 1024 / 1024:.1f} MB; Meipi imports texts up to "
                f"{MAX_BYTES // 1024 // 1024} MB. Split it into smaller files."
            )
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"There is no file {file}. Check the path and try again.") from None
    except PermissionError:
        raise InputError(f"{file} cannot be read (permission denied).") from None
    except OSError as exc:
        raise InputError(f"{file} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB, the limit.")
    return source_from_bytes(data, name, path=file)


def source_from_bytes(data: bytes, name: str, *, path: Path | None = None) -> Source:
    """Like :func:`read_source` for bytes already in memory (a drop from another program)."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB, the limit.")
    if not data.strip():
        raise InputError(f"{name} is empty; there is nothing to import.")
    _refuse_known_binaries(data, name)
    text, encoding = decode(data, name)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{name} is empty; there is nothing to import.")
    _refuse_json(text, name)
    return Source(name, text, encoding, detect_format(text, name), path)


def _refuse_json(text: str, name: str) -> None:
    """A JSON file is data, not an article (most likely an annotations export)."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return
    import json

    try:
        json.loads(text)
    except ValueError:
        return
    raise InputError(
        f"{name} is a JSON file, not an article. To add annotations exported as JSON, use "
        "`meipi import-annotations`."
    )


def _refuse_known_binaries(data: bytes, name: str) -> None:
    if data.startswith(b"%PDF-"):
        raise InputError(
            f"{name} is a PDF. Extract its text first (for instance with pdftotext) and "
            "import the .txt file."
        )
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{name} is a compressed document (Word, EPUB or ZIP). Save it as plain text "
            "(UTF-8) and import that."
        )


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 (BOM)"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
_BINARY = (
    "looks like a binary file, not text. Meipi imports text files (UTF-8, UTF-16, Big5 or GB18030)."
)
_UNDECODABLE = (
    "is not in an encoding Meipi can read (UTF-8, UTF-16, Big5 or GB18030). Save it as "
    "UTF-8 and import it again."
)


def decode(data: bytes, name: str = "The file") -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding; InputError if binary or undecodable.

    Order: byte-order marks, then NUL bytes (UTF-16 without BOM, else binary), then strict
    UTF-8, then Big5 / GB18030 decided by the characters they yield."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name} starts like {label} but is not valid {label}.") from None
            _refuse_control_characters(text, name)
            return text, label
    if b"\x00" in data:
        text_16 = _utf16_without_bom(data)
        if text_16 is None:
            raise InputError(f"{name} {_BINARY}")
        _refuse_control_characters(text_16, name)
        return text_16, "UTF-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error: UnicodeDecodeError = exc
    else:
        _refuse_control_characters(text, name)
        return text, "UTF-8"
    try:
        text, label = _decode_chinese(data, name)
    except InputError:
        if _mostly_utf8(data):
            raise InputError(
                f"{name} is UTF-8 with damaged bytes (the first at byte {utf8_error.start}); "
                "repair or re-save it as UTF-8 and import it again."
            ) from None
        raise
    _refuse_control_characters(text, name)
    return text, label


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few bytes (a truncated or damaged file)."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    return any(ord(c) >= 0x80 and c != "\ufffd" for c in text) and damaged <= max(
        3, len(text) // 1000
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs on one side of each pair (ASCII characters)."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if min(even, odd) > max(even, odd) // 10:
        return None  # NULs on both sides: binary
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    odd_characters = sum(1 for c in text[:65536] if unicodedata.category(c) in ("Cn", "Co", "Cs"))
    if "\x00" in text or odd_characters > len(text[:65536]) // 100:
        return None
    return text


def _refuse_control_characters(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(
        1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v\x1a"
    )
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise InputError(f"{name} {_BINARY}")


# Candidate legacy encodings: (Python codec, label). cp950 is Big5 as Windows writes it.
_CHINESE_CODECS: tuple[tuple[str, str], ...] = (
    ("cp950", "Big5"),
    ("big5hkscs", "Big5-HKSCS"),
    ("gb18030", "GB18030"),
)
_CHARSET_NORMALIZER_NAMES = {
    "big5": "cp950",
    "cp950": "cp950",
    "big5hkscs": "big5hkscs",
    "gb18030": "gb18030",
}
_PUNCTUATION = (
    set("，。、；：？！「」『』（）《》〈〉…—～·％“”‘’【】")
    | {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    | {chr(c) for c in range(0xFF01, 0xFF5F)}  # fullwidth ASCII: ２０２４年, ＮＡＴＯ
)


@functools.cache
def _common_characters() -> frozenset[str]:
    """The few thousand characters most used in OpenCC's phrase tables (Traditional and
    Simplified): real Chinese text is mostly made of them, mis-decoded bytes mostly are not."""
    folder = _opencc_dictionary()
    counts: Counter[str] = Counter()
    for name in ("TSPhrases.txt", "STPhrases.txt", "TWPhrases.txt"):
        path = folder / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                counts.update(key)
                counts.update(values.replace(" ", ""))
    common = {c for c, _ in counts.most_common(4000) if ord(c) >= 0x3400}
    return frozenset(common | _PUNCTUATION)


def chinese_score(text: str) -> float:
    """The share of wide (East Asian) characters that are common Chinese characters or
    punctuation. Letters of alphabets (Cyrillic, Greek, accented Latin) do not count either way:
    a Chinese article may quote Russian."""
    common = _common_characters()
    wide = [c for c in text if ord(c) >= 0x80 and not _alphabetic(c)]
    if not wide:
        return 0.0
    return sum(1 for c in wide if c in common) / len(wide)


def _alphabetic(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and unicodedata.east_asian_width(ch) in (
        "A",
        "N",
        "Na",
        "H",
    )


def _decode_chinese(data: bytes, name: str) -> tuple[str, str]:
    decoded: dict[str, tuple[str, str]] = {}
    for codec, label in _CHINESE_CODECS:
        if codec == "big5hkscs" and "cp950" in decoded:
            continue  # the same bytes, read the same way
        try:
            decoded[codec] = (data.decode(codec), label)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise InputError(f"{name} {_UNDECODABLE}")
    scores = {codec: chinese_score(text) for codec, (text, _) in decoded.items()}
    ranked = sorted(scores, key=lambda c: scores[c], reverse=True)
    best = ranked[0]
    if len(ranked) > 1 and scores[best] - scores[ranked[1]] < 0.1:
        best = _charset_normalizer_choice(data, list(decoded)) or best
    if scores[best] < 0.3:
        raise InputError(f"{name} {_UNDECODABLE}")
    return decoded[best]


def _charset_normalizer_choice(data: bytes, codecs: list[str]) -> str | None:
    from charset_normalizer import from_bytes

    isolation = [n for n, codec in _CHARSET_NORMALIZER_NAMES.items() if codec in codecs]
    match = from_bytes(data[:65536], cp_isolation=isolation).best()
    if match is None:
        return None
    return _CHARSET_NORMALIZER_NAMES.get(match.encoding.lower().replace("_", ""))


def detect_format(text: str, name: str = "") -> str:
    """``meipi`` (the texts/ format), ``markdown`` (by suffix or by its headings), or ``text``."""
    if text.lstrip("\ufeff").startswith("meipi-text:"):
        return "meipi"
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    headings = len(re.findall(r"(?m)^#{1,6}[ \t]+\S", text))
    emphasis = len(re.findall(r"\*\*\S[^*\n]*\*\*|\[[^\]\n]+\]\([^)\s]+\)", text))
    if headings >= 2 or (headings >= 1 and emphasis >= 1):
        return "markdown"
    return "text"


# ---------------------------------------------------------------------------------------------
# The source script


@dataclass(frozen=True)
class ScriptGuess:
    script: str
    traditional: int  # characters only Traditional writing uses
    simplified: int  # characters only Simplified writing uses

    @property
    def mixed(self) -> bool:
        low, high = sorted((self.traditional, self.simplified))
        return low >= 5 and low > high / 5


def _opencc_dictionary() -> Path:
    import opencc

    return Path(opencc.__file__).resolve().parent / "dictionary"


@functools.cache
def _script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters: those OpenCC converts, whose conversions
    do not include themselves (后 is both, 發 only Traditional, 发 only Simplified), and which
    the other side's legacy encoding lacks (峰 is in OpenCC's table as a variant of 峯, but
    Big5 has it: Traditional texts use it)."""
    result: list[frozenset[str]] = []
    for name, other_side in (("TSCharacters.txt", "gb2312"), ("STCharacters.txt", "cp950")):
        only: set[str] = set()
        for line in (_opencc_dictionary() / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if len(key) == 1 and values and key not in values.split():
                try:
                    key.encode(other_side)
                except UnicodeEncodeError:
                    only.add(key)
        result.append(frozenset(only))
    return result[0], result[1]


def guess_script(text: str) -> ScriptGuess:
    """``zh-Hans`` when Simplified-only characters outnumber Traditional-only ones, else
    ``zh-Hant-TW`` (``zh-Hant-HK`` is never guessed: only the user can say so)."""
    traditional, simplified = _script_only_characters()
    counts = Counter(text)
    t = sum(n for c, n in counts.items() if c in traditional)
    s = sum(n for c, n in counts.items() if c in simplified)
    return ScriptGuess("zh-Hans" if s > t else "zh-Hant-TW", t, s)


# ---------------------------------------------------------------------------------------------
# Guessing: the document as it would be saved


@dataclass(frozen=True)
class Overrides:
    """What the user says; ``None`` leaves the guess."""

    id: str | None = None
    title: str | None = None
    authors: tuple[str, ...] | None = None
    venue: str | None = None
    date: str | None = None
    script: str | None = None
    first_page: int | None = None


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
    warnings: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.document.id


def check_id(doc_id: str) -> str:
    """``doc_id`` if it can name a text (lower-case letters, digits, inner hyphens)."""
    if not _ID_RULE.match(doc_id):
        raise InputError(
            f"The id {doc_id!r} cannot be used: an id is 1 to 64 lower-case letters a-z, digits "
            "and inner hyphens, for example hsu-2024."
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
    for suffix in (documents.TEXT_SUFFIX, *MARKDOWN_SUFFIXES, ".txt", ".text"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")
    return words[:64].rstrip("-")


def _check_text_value(label: str, value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise InputError(f"The {label} cannot be empty.")
    return value


def _check_overrides(o: Overrides) -> Overrides:
    title = _check_text_value("title", o.title) if o.title is not None else None
    venue = _check_text_value("venue", o.venue) if o.venue is not None else None
    authors = None
    if o.authors is not None:
        authors = tuple(_check_text_value("author", a) for a in o.authors)
        for author in authors:
            if ";" in author:
                raise InputError(
                    f"Give each author separately (--author once per author), not {author!r}."
                )
    date = o.date.strip() if o.date is not None else None
    if date is not None and not _DATE_RULE.match(date):
        raise InputError(
            f"The date {o.date!r} is not a date Meipi understands: write YYYY, YYYY-MM or "
            "YYYY-MM-DD, for example 2024-11."
        )
    if o.script is not None and o.script not in documents.SOURCE_SCRIPTS:
        raise InputError(
            f"Unknown script {o.script!r}: choose {', '.join(documents.SOURCE_SCRIPTS)}."
        )
    if o.first_page is not None and not 1 <= o.first_page <= _MAX_FIRST_PAGE:
        raise InputError(f"The first page must be a whole number from 1 to {_MAX_FIRST_PAGE}.")
    doc_id = check_id(o.id) if o.id is not None else None
    return Overrides(doc_id, title, authors, venue, date, o.script, o.first_page)


def guess(
    source: Source, overrides: Overrides | None = None, *, library: Library | None = None
) -> Preview:
    """The document that :func:`save` would store, with what was guessed. ``library`` (default:
    the user's) is only used to warn of an id already taken; :func:`save` refuses it."""
    o = _check_overrides(overrides or Overrides())
    warnings: list[str] = []
    dropped: tuple[str, ...] = ()
    if source.format == "meipi":
        doc = documents.loads(source.text, source=source.name, shipped=False)
    elif source.format == "markdown":
        doc = _markdown_document(source, first_page=o.first_page or 1)
    else:
        doc, dropped = _text_document(source, o)
    if not doc.text.strip():
        raise InputError(
            f"{source.name} has no text left once page numbers and running headers are "
            "removed; there is nothing to import."
        )
    script = guess_script(doc.text)
    guessed = _guessed_metadata(source, doc, script, warnings)
    meta = _apply(guessed, o)
    if meta.first_page != doc.meta.first_page:
        doc = _shift_pages(doc, meta.first_page - doc.meta.first_page)
    doc = replace(doc, meta=meta, shipped=False, path=None)
    if o.script is None and not (script.traditional or script.simplified):
        warnings.append(
            f"No character tells Traditional from Simplified, so the script is taken to be "
            f"{meta.script}; set it with --script if that is wrong."
        )
    elif o.script is None and script.mixed:
        warnings.append(
            f"The text mixes Traditional ({script.traditional}) and Simplified "
            f"({script.simplified}) characters; check the script ({meta.script})."
        )
    lib = library if library is not None else _library_quietly()
    if lib is not None and meta.id in lib.documents:
        warnings.append(f"The id {meta.id!r} is already taken; choose another id.")
    return Preview(source, doc, guessed, script, o, dropped, tuple(warnings))


def _library_quietly() -> Library | None:
    try:
        return documents.load_library()
    except OSError:
        return None


def _text_document(source: Source, o: Overrides) -> tuple[Document, tuple[str, ...]]:
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
    cleaned = clean(source.text, hints)
    if o.title is not None and not any(b.kind == "title" for b in cleaned.document.blocks):
        # The title the user typed is not a line of the text: keep the structure as guessed
        # (the first line stays the title block) and use theirs as the metadata title.
        cleaned = clean(source.text, replace(hints, title=None))
    return cleaned.document, tuple(cleaned.dropped)


_AUTHOR_PREFIX = re.compile(r"^(作者|撰文|文|著者|Author|By)\s*[：:／/]\s*", re.IGNORECASE)


def _split_authors(authors: tuple[str, ...]) -> tuple[str, ...]:
    """連弘宜、許菁芸 → two authors; 作者：連弘宜 → 連弘宜."""
    out: list[str] = []
    for entry in authors:
        entry = _AUTHOR_PREFIX.sub("", entry)
        for part in re.split(r"[、，,；;／/]|(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", entry):
            part = part.strip()
            if part:
                out.append(part)
    return tuple(out)


def _guessed_metadata(
    source: Source, doc: Document, script: ScriptGuess, warnings: list[str]
) -> Metadata:
    meta = doc.meta
    if source.format == "meipi":
        doc_id = meta.id if _ID_RULE.match(meta.id) else slug(source.name)
    else:
        doc_id = slug(source.name)
    if not doc_id:
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:8]
        doc_id = f"text-{digest}"
        warnings.append(
            f"The file name has no letters a-z or digits to make an id from, so the id is "
            f"{doc_id}; choose another with --id."
        )
    title = meta.title
    if source.format != "meipi" and not any(b.kind == "title" for b in doc.blocks):
        stem = Path(source.name).stem or doc_id
        title = stem
        warnings.append(
            f"No title was found at the top of the text, so the file name "
            f"{stem!r} is the title; set another with --title."
        )
    authors = meta.authors if source.format == "meipi" else _split_authors(meta.authors)
    return replace(
        meta,
        id=doc_id,
        title=title,
        authors=authors,
        script=meta.script if source.format == "meipi" else script.script,
        source=meta.source or source.name,
    )


def _apply(meta: Metadata, o: Overrides) -> Metadata:
    changes: dict[str, object] = {}
    for key in ("id", "title", "authors", "venue", "date", "script", "first_page"):
        value = getattr(o, key)
        if value is not None:
            changes[key] = value
    return replace(meta, **changes)  # type: ignore[arg-type]


def _shift_pages(doc: Document, delta: int) -> Document:
    pages = tuple(Page(p.number + delta, p.start) for p in doc.pages)
    return replace(doc, pages=pages)


# ---------------------------------------------------------------------------------------------
# Markdown


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_2 = re.compile(r"^ {0,3}-+[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_ORDERED = re.compile(r"^\s*(\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE_ALONE = re.compile(r"^\s*!\[([^\]]*)\]\([^)]*\)\s*$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*")
_COMMENT = re.compile(r"<!--.*?-->")


def _inline(text: str) -> str:
    """Markdown inline markup removed, every word kept (a link keeps its address)."""
    text = _COMMENT.sub("", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[\^([^\]]+)\]", r"[\1]", text)

    def link(m: re.Match[str]) -> str:
        label, url = m.group(1), m.group(2).split()[0] if m.group(2).split() else ""
        return label if not url or url == label or url.startswith("#") else f"{label} ({url})"

    text = re.sub(r"\[([^\]]+)\]\(([^)]*)\)", link, text)
    text = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", text)
    for marker in (r"\*\*\*", r"\*\*", r"\*", "~~"):
        text = re.sub(rf"{marker}(?=\S)(.+?)(?<=\S){marker}", r"\1", text)
    for marker in ("___", "__", "_"):
        text = re.sub(
            rf"(?<![A-Za-z0-9]){marker}(?=\S)(.+?)(?<=\S){marker}(?![A-Za-z0-9])", r"\1", text
        )
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text)
    return " ".join(text.split())


def _join_lines(parts: list[str]) -> str:
    """Lines of one paragraph: nothing between CJK characters, one space between words."""
    out = ""
    for part in parts:
        if out and part and not (_wide(out[-1]) or _wide(part[0])):
            out += " "
        out += part
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@dataclass
class _MdBlock:
    kind: str
    level: int
    lines: list[tuple[str, int]]  # (inline-cleaned text, page)


def _front_matter(lines: list[str]) -> tuple[dict[str, str | list[str]], int]:
    """YAML-like front matter (``---`` … ``---``): simple keys and lists; lines consumed."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, 0
    values: dict[str, str | list[str]] = {}
    key = ""
    for line in lines[1:end]:
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key:
            current = values.get(key)
            listed = current if isinstance(current, list) else []
            listed.append(item.group(1).strip().strip("\"'"))
            values[key] = listed
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not m:
            return {}, 0  # not front matter after all
        key, value = m.group(1).lower(), m.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            values[key] = [v.strip().strip("\"'") for v in value[1:-1].split(",") if v.strip()]
        elif value:
            values[key] = value.strip("\"'")
    return values, end + 1


def _markdown_blocks(text: str) -> tuple[list[_MdBlock], dict[str, str | list[str]], int]:
    raw_lines = text.split("\n")
    front, skip = _front_matter(raw_lines)
    blocks: list[_MdBlock] = []
    current: _MdBlock | None = None
    fence: str | None = None
    page = 1
    pages = 1

    def flush() -> None:
        nonlocal current
        if current is not None and any(t for t, _ in current.lines):
            blocks.append(current)
        current = None

    def add(kind: str, level: int, content: str) -> None:
        nonlocal current
        if current is None or current.kind != kind:
            flush()
            current = _MdBlock(kind, level, [])
        current.lines.append((content, page))

    for index, raw in enumerate(raw_lines):
        if index < skip:
            continue
        if "\f" in raw:
            page += raw.count("\f")
            pages = max(pages, page)
            raw = raw.replace("\f", "")
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            elif raw.strip():
                flush()
                blocks.append(_MdBlock("paragraph", 0, [(raw.strip(), page)]))
            continue
        m = _FENCE.match(raw)
        if m:
            flush()
            fence = m.group(1)
            continue
        if not raw.strip():
            flush()
            continue
        if _SETEXT_1.match(raw) and current is not None and current.kind == "paragraph":
            current.kind, current.level = "heading", 1
            flush()
            continue
        if _SETEXT_2.match(raw) and current is not None and current.kind == "paragraph":
            current.kind, current.level = "heading", 2
            flush()
            continue
        if _BREAK.match(raw) or (_TABLE_RULE.match(raw) and "|" in raw):
            flush()
            continue
        m = _ATX.match(raw)
        if m:
            flush()
            content = _inline(m.group(2) or "")
            if content:
                blocks.append(_MdBlock("heading", len(m.group(1)), [(content, page)]))
            continue
        m = _IMAGE_ALONE.match(raw)
        if m:
            flush()
            if m.group(1).strip():
                blocks.append(_MdBlock("caption", 0, [(_inline(m.group(1)), page)]))
            continue
        m = _FOOTNOTE_DEF.match(raw)
        if m:
            flush()
            current = _MdBlock("note", 0, [(f"[{m.group(1)}] " + _inline(raw[m.end() :]), page)])
            continue
        line = raw
        kind = "paragraph"
        quote = _QUOTE.match(line)
        if quote:
            line = line[quote.end() :]
            kind = "quote"  # a paragraph of its own; stored as a paragraph
        bullet = _BULLET.match(line)
        ordered = _ORDERED.match(line)
        if bullet or ordered:
            flush()
            if bullet:
                line = line[bullet.end() :]
            else:
                assert ordered is not None
                line = ordered.group(1) + " " + line[ordered.end() :]
        if line.strip().startswith("|") and line.strip().endswith("|"):
            flush()
            cells = [_inline(c) for c in line.strip().strip("|").split("|")]
            blocks.append(_MdBlock("paragraph", 0, [(" | ".join(c for c in cells if c), page)]))
            continue
        add(kind, 0, _inline(line))
    flush()
    for block in blocks:
        if block.kind == "quote":
            block.kind = "paragraph"
    return blocks, front, pages


def _front_value(front: dict[str, str | list[str]], *keys: str) -> str | None:
    for key in keys:
        value = front.get(key)
        if isinstance(value, list):
            value = " ; ".join(value)
        if value:
            return " ".join(value.split())
    return None


def _markdown_document(source: Source, *, first_page: int) -> Document:
    blocks, front, pages = _markdown_blocks(source.text)
    blocks = [b for b in blocks if _join_lines([t for t, _ in b.lines])]
    front_title = _front_value(front, "title")
    headings = [b for b in blocks if b.kind == "heading"]
    title_block: _MdBlock | None = None
    if blocks and blocks[0].kind == "heading":
        first_text = _join_lines([t for t, _ in blocks[0].lines])
        top = min(b.level for b in headings)
        only_top = sum(1 for b in headings if b.level == blocks[0].level) == 1
        if first_text == front_title or (blocks[0].level == top and only_top):
            title_block = blocks[0]
            title_block.kind, title_block.level = "title", 0
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    drafts: list[BlockDraft] = []
    for block in blocks:
        texts = [t for t, _ in block.lines]
        draft = BlockDraft(block.kind, 0, _join_lines(texts))
        if block.kind == "heading":
            draft.level = levels.index(block.level) + 1
        previous_page: int | None = None
        for i, (line_text, page) in enumerate(block.lines):
            if page != previous_page:
                start = len(_join_lines(texts[: i + 1])) - len(line_text)
                draft.page_marks.append((start, page + first_page - 1))
                previous_page = page
        drafts.append(draft)
    title = front_title or (
        _join_lines([t for t, _ in title_block.lines]) if title_block else Path(source.name).stem
    )
    authors_value = _front_value(front, "authors", "author")
    authors = tuple(a.strip() for a in authors_value.split(" ; ")) if authors_value else ()
    date = _front_value(front, "date")
    meta = Metadata(
        id="imported",
        title=title,
        authors=_split_authors(authors) if authors else (),
        venue=_front_value(front, "venue", "journal", "publication"),
        date=date if date and _DATE_RULE.match(date) else None,
        script="zh-Hant-TW",
        first_page=first_page,
        pdf_pages=pages if pages > 1 else None,
        source=source.name,
    )
    if not drafts:
        return Document(meta, "", (), (Page(first_page, 0),), shipped=False)
    return documents.assemble(meta, drafts, shipped=False)


# ---------------------------------------------------------------------------------------------
# Saving, removing, editing


def save(
    preview: Preview, overrides: Overrides | None = None, *, folder: Path | None = None
) -> Document:
    """Store the previewed document in the user texts folder, atomically. ``overrides`` (if
    given) are applied first, as :func:`guess` would. Refuses an id already taken."""
    if overrides is not None and overrides != preview.overrides:
        preview = guess(preview.source, overrides)
    folder = folder if folder is not None else paths.user_texts_dir()
    doc = preview.document
    _refuse_taken(doc.id, folder)
    content = _serialise(doc)
    target = folder / f"{doc.id}{documents.TEXT_SUFFIX}"
    write_atomic(target, content, exclusive=True)
    return replace(doc, path=target, shipped=False)


def _refuse_taken(doc_id: str, folder: Path) -> None:
    library = documents.load_library(user_dir=folder)
    taken = doc_id in library.documents or (folder / f"{doc_id}{documents.TEXT_SUFFIX}").exists()
    if taken:
        raise InputError(
            f"There is already a text with the id {doc_id!r}. Choose another id with --id "
            "(or remove the other text first)."
        )


def _serialise(doc: Document) -> str:
    """The texts/ format, checked to read back as the same document before it is written."""
    content = documents.dumps(doc)
    again = documents.loads(content, shipped=False)
    if (again.text, again.blocks, again.pages, again.meta) != (
        doc.text,
        doc.blocks,
        doc.pages,
        doc.meta,
    ):
        raise InputError(
            f"The text {doc.id!r} cannot be stored faithfully in Meipi's format; nothing was "
            "written. Please report this with the file."
        )
    return content


def write_atomic(target: Path, content: str, *, exclusive: bool = False) -> None:
    """Write ``content`` (UTF-8) to ``target`` via a temporary file in the same folder, fsync
    and rename: the target is either the old file or the whole new one, never half of it.
    ``exclusive``: refuse if the target appeared meanwhile. EnvironmentFailure on OS errors."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_failure(folder, exc) from None
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8"))
            if os.name == "posix":
                os.fchmod(handle.fileno(), 0o644)  # mkstemp's 0600 is for the temporary only
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive and target.exists():
            raise InputError(f"{target.name} appeared while importing; nothing was written.")
        os.replace(tmp_name, target)
        tmp_name = None
        fsync_folder(folder)
    except OSError as exc:
        raise _write_failure(folder, exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _write_failure(folder: Path, exc: OSError) -> EnvironmentFailure:
    if exc.errno == errno.ENOSPC:
        return EnvironmentFailure(
            f"The disk holding {folder} is full; nothing was written. "
            "Free some space and try again."
        )
    return EnvironmentFailure(
        f"Cannot write to {folder} ({exc.strerror or exc}); nothing was written. Check that "
        "the folder exists and is writable, or set MEIPI_DATA_DIR to another folder."
    )


def _user_document(doc_id: str, folder: Path | None) -> Document:
    folder = folder if folder is not None else paths.user_texts_dir()
    library = documents.load_library(user_dir=folder)
    doc = library.get(doc_id)
    if doc.shipped or doc.path is None:
        raise InputError(
            f"{doc_id!r} ships with Meipi; only texts you imported can be changed or removed."
        )
    return doc


def remove(doc_id: str, *, folder: Path | None = None) -> Path:
    """Delete a user text's file (its annotations stay in the store, as orphans). Returns the
    path removed. Shipped texts cannot be removed."""
    doc = _user_document(doc_id, folder)
    assert doc.path is not None
    try:
        doc.path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise EnvironmentFailure(
            f"Cannot remove {doc.path} ({exc.strerror or exc}). Check the folder's permissions."
        ) from None
    return doc.path


@dataclass(frozen=True)
class MetadataChanges:
    """Metadata to change on a user text; ``None`` keeps a value, ``""`` clears an optional
    one. The id cannot change (annotations refer to it)."""

    title: str | None = None
    english_title: str | None = None
    authors: tuple[str, ...] | None = None
    affiliation: str | None = None
    venue: str | None = None
    issue: str | None = None
    date: str | None = None
    publisher: str | None = None
    script: str | None = None
    first_page: int | None = None


def update_metadata(
    doc_id: str, changes: MetadataChanges, *, folder: Path | None = None
) -> Document:
    """Edit a user text's metadata and rewrite its file atomically; the text is unchanged."""
    doc = _user_document(doc_id, folder)
    checked = _check_overrides(
        Overrides(
            title=changes.title,
            authors=changes.authors,
            venue=changes.venue or None,
            date=changes.date or None,
            script=changes.script,
            first_page=changes.first_page,
        )
    )
    values: dict[str, object] = {}
    if checked.title is not None:
        values["title"] = checked.title
    if checked.authors is not None:
        values["authors"] = checked.authors
    if checked.script is not None:
        values["script"] = checked.script
    if checked.first_page is not None:
        values["first_page"] = checked.first_page
    for key in ("english_title", "affiliation", "venue", "issue", "date", "publisher"):
        value = getattr(changes, key)
        if value is not None:
            value = " ".join(value.split())
            values[key] = value or None
    meta = replace(doc.meta, **values)  # type: ignore[arg-type]
    updated = replace(doc, meta=meta)
    if meta.first_page != doc.meta.first_page:
        updated = _shift_pages(updated, meta.first_page - doc.meta.first_page)
    assert doc.path is not None
    write_atomic(doc.path, _serialise(updated))
    return updated


def import_file(
    path: str | os.PathLike[str], overrides: Overrides | None = None, *, folder: Path | None = None
) -> tuple[Preview, Document]:
    """Read, guess and save in one go (what ``meipi import`` does)."""
    preview = guess(read_source(path), overrides)
    return preview, save(preview, folder=folder)

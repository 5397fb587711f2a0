"""A text's metadata from a reference manager's file: Better BibTeX ``.bib`` or CSL-JSON.

``meipi import FILE --metadata refs.bib [--entry KEY]`` and the import form's "Fill from
.bib/CSL-JSON…" read one entry into a :class:`Reference` (title, authors, venue, issue, date,
first page, citekey). The BibTeX reader is Meipi's own and small: ``@string`` macros,
``{…}`` and ``"…"`` values (nested braces), ``#`` concatenation, bare numbers and month names,
``@comment``/``@preamble`` skipped; names split on ``and`` outside braces, a braced name
(``{連弘宜}``) kept as one literal. CSL-JSON is read with :mod:`json`. A malformed file or a
missing entry is an :class:`InputError` (exit 2) saying which.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.documents import Document
from reader.errors import InputError

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FULL_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
MAX_BYTES = 20 * 1024 * 1024  # a reference library, not a book


@dataclass(frozen=True)
class Reference:
    """One entry, as a text's metadata (``None``: the file does not say)."""

    key: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    venue: str | None = None
    issue: str | None = None
    date: str | None = None
    pages: str | None = None  # as printed: "45–47", "S12"
    publisher: str | None = None

    @property
    def first_page(self) -> int | None:
        """The first page when it is a plain number (``45`` of ``45–47``)."""
        first = re.split(r"\s*(?:--|[-–—])\s*", self.pages.strip())[0] if self.pages else ""
        return int(first) if first.isascii() and first.isdecimal() and int(first) > 0 else None


def with_published(document: Document, ref: Reference) -> Document:
    """``document`` with the reference's issue and publisher (the import form and its
    ``Overrides`` have no fields for them; the reference wins where it says something)."""
    meta = dataclasses.replace(
        document.meta,
        issue=ref.issue or document.meta.issue,
        publisher=ref.publisher or document.meta.publisher,
    )
    return dataclasses.replace(document, meta=meta)


# ---------------------------------------------------------------------------------------------
# Choosing the file's format and the entry


def read_references(path: Path) -> list[Reference]:
    """Every entry of a ``.bib`` or CSL-JSON file (CSL-JSON when it begins with ``[`` or ``{``)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"There is no file {str(path)!r}; give a .bib or CSL-JSON file.") from None
    except IsADirectoryError:
        raise InputError(f"{str(path)!r} is a folder; give a .bib or CSL-JSON file.") from None
    except OSError as exc:
        raise InputError(f"{path.name} could not be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path.name} is larger than 20 MB; export only the entries you need.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path.name} is not UTF-8 text; export it from your reference manager as UTF-8."
        ) from None
    if text.lstrip()[:1] in ("[", "{"):
        return parse_csl_json(text, path.name)
    return parse_bibtex(text, path.name)


def pick(references: list[Reference], key: str | None, name: str) -> Reference:
    """The entry ``key``, or the file's only entry when no key is given."""
    if not references:
        raise InputError(f"{name} holds no reference entries.")
    if key is None:
        if len(references) == 1:
            return references[0]
        keys = ", ".join(r.key for r in references[:12])
        more = f" and {len(references) - 12} more" if len(references) > 12 else ""
        raise InputError(
            f"{name} holds {len(references)} entries; choose one with --entry KEY ({keys}{more})."
        )
    for ref in references:
        if ref.key == key:
            return ref
    folded = [r for r in references if r.key.casefold() == key.casefold()]
    if len(folded) == 1:
        return folded[0]
    keys = ", ".join(r.key for r in references[:12])
    raise InputError(f"{name} has no entry {key!r}; its entries are: {keys}.")


def load_reference(path: Path, key: str | None = None) -> Reference:
    return pick(read_references(path), key, path.name)


# ---------------------------------------------------------------------------------------------
# CSL-JSON


def parse_csl_json(text: str, name: str = "the file") -> list[Reference]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name} is not valid CSL-JSON (line {exc.lineno}: {exc.msg.lower()})."
        ) from None
    items = data if isinstance(data, list) else [data]
    refs = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"{name} is not CSL-JSON: item {i} is not an object.")
        refs.append(_csl_reference(item, i, name))
    return refs


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _csl_name(person: Any) -> str | None:
    if not isinstance(person, dict):
        return _text(person)
    if person.get("literal"):
        return _text(person["literal"])
    family = " ".join(
        str(x) for x in (person.get("non-dropping-particle"), person.get("family")) if x
    )
    given = _text(person.get("given"))
    family_text = _text(family)
    if family_text and given:
        return f"{family_text}, {given}"
    return family_text or given


def _csl_date(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            return None
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(numbers))
    return _text(value.get("raw") or value.get("literal"))


def _csl_reference(item: dict[str, Any], index: int, name: str) -> Reference:
    key = _text(item.get("citation-key") or item.get("id"))
    if key is None:
        raise InputError(f"{name} is not CSL-JSON: item {index} has no id.")
    authors = item.get("author") or []
    if not isinstance(authors, list):
        raise InputError(f"{name}: the authors of {key!r} are not a list.")
    page = _text(item.get("page") or item.get("page-first"))
    return Reference(
        key=key,
        title=_text(item.get("title")),
        authors=tuple(a for a in map(_csl_name, authors) if a),
        venue=_text(item.get("container-title")),
        issue=_text(item.get("issue")),
        date=_csl_date(item.get("issued")),
        pages=page.replace("-", "–") if page else None,
        publisher=_text(item.get("publisher")),
    )


# ---------------------------------------------------------------------------------------------
# BibTeX


class _Scanner:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.pos = 0

    def fail(self, what: str) -> InputError:
        line = self.text.count("\n", 0, min(self.pos, len(self.text))) + 1
        return InputError(f"{self.name} is not valid BibTeX: {what} (line {line}).")

    def skip_space(self) -> None:
        while self.pos < len(self.text):
            if self.text[self.pos].isspace():
                self.pos += 1
            elif self.text[self.pos] == "%":  # a comment to the end of the line
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end + 1
            else:
                break

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str, what: str) -> None:
        self.skip_space()
        if self.peek() != char:
            found = repr(self.peek()) if self.peek() else "the end of the file"
            raise self.fail(f"expected {what}, found {found}")
        self.pos += 1

    def word(self, what: str) -> str:
        self.skip_space()
        m = re.compile(r"[^\s,={}()\"#%]+").match(self.text, self.pos)
        if m is None:
            raise self.fail(f"expected {what}")
        self.pos = m.end()
        return m.group(0)

    def braced(self) -> str:
        """From an opening ``{`` to its matching ``}`` (the braces kept inside)."""
        start = self.pos
        depth = 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    self.pos += 1
                    return self.text[start + 1 : self.pos - 1]
            self.pos += 1
        self.pos = start
        raise self.fail("a '{' is never closed")

    def quoted(self) -> str:
        start = self.pos
        self.pos += 1
        depth = 0
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\":
                self.pos += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == '"' and depth == 0:
                self.pos += 1
                return self.text[start + 1 : self.pos - 1]
            self.pos += 1
        self.pos = start
        raise self.fail("a '\"' is never closed")

    def value(self, strings: dict[str, str]) -> str:
        """A field's value: pieces joined by ``#`` (braced, quoted, a number or a macro)."""
        pieces = []
        while True:
            self.skip_space()
            char = self.peek()
            if char == "{":
                pieces.append(self.braced())
            elif char == '"':
                pieces.append(self.quoted())
            else:
                token = self.word("a value")
                if token.isdecimal():
                    pieces.append(token)
                elif token.lower() in strings:
                    pieces.append(strings[token.lower()])
                else:
                    raise self.fail(f"the value {token!r} is neither quoted nor a @string")
            self.skip_space()
            if self.peek() != "#":
                return "".join(pieces)
            self.pos += 1


_LATEX_SYMBOLS = {
    r"\textbackslash{}": "\\",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    r"\textendash{}": "–",
    r"\textemdash{}": "—",
    "---": "—",
    "--": "–",
}
_ESCAPED = re.compile(r"\\([&%$#_{}])")


def latex_text(value: str) -> str:
    """A field's LaTeX as plain text: escapes undone, grouping braces dropped, one line."""
    held: list[str] = []

    def keep(char: str) -> str:
        # Held aside until the braces are gone: a symbol's character (\textbackslash{} → \)
        # must not then read as an escape of the brace after it.
        held.append(char)
        return f"\x00{len(held) - 1}\x00"

    for code, char in _LATEX_SYMBOLS.items():
        value = value.replace(code, keep(char)) if code in value else value

    def hold(m: re.Match[str]) -> str:
        return keep(m.group(1))

    value = _ESCAPED.sub(hold, value)
    value = value.replace("{", "").replace("}", "")
    value = re.sub(r"\x00(\d+)\x00", lambda m: held[int(m.group(1))], value)
    return " ".join(value.split())


def split_names(value: str) -> list[str]:
    """``and``-separated names (outside braces); a fully braced name is one literal."""
    names: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isspace():
            m = re.compile(r"\s+and\s+", re.IGNORECASE).match(value, i)
            if m is not None:
                names.append(value[start:i])
                start = i = m.end()
                continue
        i += 1
    names.append(value[start:])
    return [n for n in (latex_text(name) for name in names) if n and n.lower() != "others"]


def _bib_date(fields: dict[str, str]) -> str | None:
    if fields.get("date"):
        return latex_text(fields["date"])
    year = latex_text(fields.get("year", ""))
    if not year:
        return None
    month_text = latex_text(fields.get("month", "")).lower().rstrip(".")
    month: int | None = None
    if month_text.isdecimal():
        month = int(month_text)
    elif month_text[:3] in MONTHS and (
        len(month_text) == 3 or month_text in _FULL_MONTHS or month_text == "sept"
    ):
        month = MONTHS.index(month_text[:3]) + 1
    if month is not None and 1 <= month <= 12 and year.isdecimal():
        return f"{year}-{month:02d}"
    return year


def parse_bibtex(text: str, name: str = "the file") -> list[Reference]:
    """Every entry of a BibTeX / biblatex file (Better BibTeX's export among them)."""
    scan = _Scanner(text, name)
    strings: dict[str, str] = {m: m for m in MONTHS}  # month macros read as their names
    refs: list[Reference] = []
    while True:
        at = text.find("@", scan.pos)
        if at < 0:
            break
        scan.pos = at + 1
        kind = scan.word("an entry type after '@'").lower()
        scan.skip_space()
        opening = scan.peek()
        if opening not in "{(" or not opening:
            raise scan.fail(f"expected '{{' after @{kind}")
        closing = "}" if opening == "{" else ")"
        if kind in ("comment", "preamble"):
            if opening == "{":
                scan.braced()
            else:
                end = text.find(")", scan.pos)
                if end < 0:
                    raise scan.fail(f"@{kind}( is never closed")
                scan.pos = end + 1
            continue
        scan.pos += 1
        if kind == "string":
            macro = scan.word("a @string name").lower()
            scan.expect("=", "'=' after the @string name")
            strings[macro] = scan.value(strings)
            scan.expect(closing, f"{closing!r} closing the @string")
            continue
        entry_start = at
        key = scan.word(f"the key of the @{kind} entry")
        fields: dict[str, str] = {}
        while True:
            scan.skip_space()
            if not scan.peek():
                scan.pos = entry_start
                raise scan.fail(f"the entry {key!r} is never closed")
            if scan.peek() == closing:
                scan.pos += 1
                break
            scan.expect(",", f"',' or {closing!r} after a field of {key!r}")
            scan.skip_space()
            if scan.peek() == closing:
                scan.pos += 1
                break
            field_name = scan.word(f"a field name in {key!r}").lower()
            scan.expect("=", f"'=' after the field {field_name!r} of {key!r}")
            fields[field_name] = scan.value(strings)
        refs.append(_bib_reference(key, fields))
    return refs


def _bib_reference(key: str, fields: dict[str, str]) -> Reference:
    def get(*names: str) -> str | None:
        for field_name in names:
            if fields.get(field_name):
                return latex_text(fields[field_name]) or None
        return None

    authors = split_names(fields["author"]) if fields.get("author") else []
    if not authors and fields.get("editor"):
        authors = split_names(fields["editor"])
    return Reference(
        key=key,
        title=get("title"),
        authors=tuple(authors),
        venue=get("journaltitle", "journal", "booktitle"),
        issue=get("number", "issue"),
        date=_bib_date(fields),
        pages=get("pages"),
        publisher=get("publisher", "institution", "organization"),
    )

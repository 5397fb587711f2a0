"""``--format csl-json`` and ``--format bibtex``: the library's references, for Zotero, Pandoc
(``--citeproc --bibliography``) and Better BibTeX users.

One reference per selected text, keyed by its citekey (:mod:`reader.export.citekeys`), in the
published form (no script conversion): title, authors (Chinese names as one ``literal`` name in
CSL-JSON and one braced name in BibTeX, so no processor splits 連弘宜 into given and family
names or reorders it), venue, issue, date, pages (the printed labels of the first and last page),
publisher, language.
"""

from __future__ import annotations

import json
import re
from typing import Any

from reader.documents import Document
from reader.export.citekeys import is_cjk, page_range, split_name
from reader.export.records import ExportOptions, ExportSource

_ISSUE_NUMBER = re.compile(r"(?i)^\s*(?:no\.?|n[or]\.?|issue|第)?\s*(\d+)\s*(?:期)?\s*$")
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def issue_number(issue: str) -> str:
    """``No. 91`` → ``91`` (processors add their own "no."); other forms as published."""
    match = _ISSUE_NUMBER.match(issue)
    return match.group(1) if match else issue


def date_parts(date: str) -> list[int] | None:
    match = _DATE.match(date.strip())
    if match is None:
        return None
    return [int(x) for x in match.groups() if x]


def csl_name(name: str) -> dict[str, str]:
    if is_cjk(name):
        return {"literal": name.strip()}
    family, given = split_name(name)
    return {"family": family, "given": given} if given else {"literal": family}


def csl_item(doc: Document, key: str) -> dict[str, Any]:
    meta = doc.meta
    item: dict[str, Any] = {
        "id": key,
        "citation-key": key,
        "type": "article-journal" if meta.venue else "article",
        "title": meta.title,
    }
    if meta.authors:
        item["author"] = [csl_name(a) for a in meta.authors]
    if meta.venue:
        item["container-title"] = meta.venue
    if meta.issue:
        item["issue"] = issue_number(meta.issue)
    parts = date_parts(meta.date) if meta.date else None
    if parts:
        item["issued"] = {"date-parts": [parts]}
    pages = page_range(doc)
    if pages:
        item["page"] = pages[0] if pages[0] == pages[1] else f"{pages[0]}-{pages[1]}"
    if meta.publisher:
        item["publisher"] = meta.publisher
    if meta.english_title:
        # CSL has no variable for a translated title (``title-short`` is the short form that
        # Zotero and citeproc print in notes; ``original-title`` is the other direction): the
        # English title rides in ``note``, which Zotero keeps in Extra. The title has no subtitle
        # to drop, so there is no short form to give.
        item["note"] = f"English title: {' '.join(meta.english_title.split())}"
    item["language"] = meta.script
    return item


def render_csl_json(options: ExportOptions, source: ExportSource) -> str:
    """CSL-JSON: a list of items, one per selected text."""
    options = options.checked()
    docs = source.selected_documents(options)
    items = [csl_item(doc, source.citekey(doc)) for doc in docs]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


_BIB_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIB_REPLACE = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def bib_text(text: str) -> str:
    """Literal text for a BibTeX field (LaTeX specials escaped, one line)."""
    text = " ".join(text.split())
    return _BIB_SPECIAL.sub(lambda m: _BIB_REPLACE.get(m.group(0), "\\" + m.group(0)), text)


def bib_name(name: str) -> str:
    if is_cjk(name):
        return "{" + bib_text(name.strip()) + "}"
    family, given = split_name(name)
    return f"{bib_text(family)}, {bib_text(given)}" if given else "{" + bib_text(family) + "}"


def bib_entry(doc: Document, key: str) -> str:
    meta = doc.meta
    fields: list[tuple[str, str]] = []
    if meta.authors:
        fields.append(("author", " and ".join(bib_name(a) for a in meta.authors)))
    fields.append(("title", "{" + bib_text(meta.title) + "}"))
    if meta.venue:
        fields.append(("journaltitle", bib_text(meta.venue)))
        fields.append(("journal", bib_text(meta.venue)))
    if meta.issue:
        fields.append(("number", bib_text(issue_number(meta.issue))))
    parts = date_parts(meta.date) if meta.date else None
    if parts:
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
        fields.append(("year", str(parts[0])))
        if len(parts) > 1 and 1 <= parts[1] <= 12:
            fields.append(("month", MONTHS[parts[1] - 1]))
    pages = page_range(doc)
    if pages:
        fields.append(("pages", pages[0] if pages[0] == pages[1] else f"{pages[0]}--{pages[1]}"))
    if meta.publisher:
        fields.append(("publisher", bib_text(meta.publisher)))
    fields.append(("langid", "chinese" if meta.script.startswith("zh") else meta.script))
    entry_type = "article" if meta.venue else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body},\n}}\n"


def render_bibtex(options: ExportOptions, source: ExportSource) -> str:
    """BibTeX (biblatex field names with their BibTeX twins), one entry per selected text."""
    options = options.checked()
    docs = source.selected_documents(options)
    return "\n".join(bib_entry(doc, source.citekey(doc)) for doc in docs)

"""Citing a text: its full citation, and a passage quoted with where it comes from.

One home for every citation the window and the exports write (no Qt):

* :func:`full_citation`: 作者，〈篇名〉，《刊名》期數，日期，出版者，頁 N–M。 (the About box).
* :func:`quote_with_citation` (Copy with Citation): the passage as the current view shows it,
  trimmed of the punctuation and spaces at its edges (substituted phrases carry their original
  unless turned off), then its source — in Chinese form for a Chinese interface, in the view's
  script: ``「…」（連弘宜，〈一帶一路框架下中俄之潛在競合關係〉，《戰略瞭望》，頁 7）`` or
  ``…，页 7）``; in English form otherwise: ``「…」（連弘宜〈…〉，p. 7）``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from reader.documents import Document, citation
from reader.export.records import QuoteRenderer, ViewLike
from reader.export.scripts import chars_in_view

FORMS = ("en", "zh-Hant", "zh-Hans")


def format_date(date: str) -> str:
    """``2024-11`` → ``2024年11月``; ``2024-11-05`` → ``2024年11月5日``; anything else as is."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date.strip())
    if not match:
        return date
    year, month, day = match.groups()
    text = f"{year}年"
    if month:
        text += f"{int(month)}月"
    if day:
        text += f"{int(day)}日"
    return text


def page_locator(first: int | str, last: int | str, form: str = "en") -> str:
    """``p. 7`` / ``pp. 7–9`` in English; ``頁 7`` / ``頁 7–9`` (页 in Simplified) in Chinese."""
    if form == "en":
        return citation(first, last)
    word = "页" if form == "zh-Hans" else "頁"
    return f"{word} {first}" if first == last else f"{word} {first}\u2013{last}"


class Passage(Protocol):
    """An annotation as citing needs it: canonical offsets and the page numbers stored with it."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def pages(self) -> tuple[int, int]: ...


def passage_labels(record: Passage, doc: Document | None) -> tuple[str, str]:
    """The printed labels of the pages of ``record``'s first and last character (``i``, ``45``;
    an imported PDF's own labels, the page numbers everywhere else), read from ``doc``; the
    stored page numbers only when the text is not at hand."""
    if doc is None:
        return str(record.pages[0]), str(record.pages[1])
    return doc.labels_of(record.start, record.end)


def passage_citation(record: Passage, doc: Document | None) -> str:
    """``p. i`` / ``pp. i–45``: the one page citation of an annotation in every export and
    listing (:func:`passage_labels`)."""
    return citation(*passage_labels(record, doc))


def page_span(doc: Document) -> str:
    if not doc.pages:
        return ""
    return page_locator(doc.pages[0].printed, doc.pages[-1].printed, "zh-Hant")


def full_citation(doc: Document) -> str:
    meta = doc.meta
    parts: list[str] = []
    if meta.authors:
        parts.append("、".join(meta.authors))
    parts.append(f"〈{meta.title}〉")
    if meta.venue:
        parts.append(f"《{meta.venue}》" + (f" {meta.issue}" if meta.issue else ""))
    elif meta.issue:
        parts.append(meta.issue)
    if meta.date:
        parts.append(format_date(meta.date))
    if meta.publisher:
        parts.append(meta.publisher)
    span = page_span(doc)
    if span:
        parts.append(span)
    return "，".join(parts) + "。"


def citation_form(language: str, script: str) -> str:
    """The form for an interface ``language`` (``zh_TW``, ``zh-CN``, ``en``…) and the shown
    ``script`` (a view id or a source script): Chinese in the script shown, or English."""
    if not language.lower().startswith("zh"):
        return "en"
    return "zh-Hans" if script.startswith("zh-Hans") else "zh-Hant"


def _edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PZ"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the punctuation and spaces at its edges (unchanged when the
    selection is nothing else)."""
    a, b = start, end
    while a < b and _edge(text[a]):
        a += 1
    while b > a and _edge(text[b - 1]):
        b -= 1
    return (a, b) if a < b else (start, end)


def quote_with_citation(
    doc: Document,
    start: int,
    end: int,
    view: ViewLike,
    *,
    originals: bool = True,
    form: str = "en",
) -> str:
    """The canonical passage ``[start, end)`` quoted in ``view``'s script, with its citation
    in ``form`` (one of :data:`FORMS`)."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"{start}–{end} is not a passage of {doc.id}")
    start, end = trimmed(doc.text, start, end)
    quote = QuoteRenderer(doc, view, originals=originals).text(start, end)
    quote = " ".join(line.strip() for line in quote.split("\n") if line.strip())
    # Printed page labels (an imported PDF's "iv" or "S12"; the number everywhere else).
    pages = doc.labels_of(start, end)
    view_id = str(getattr(view, "view_id", "original"))
    return f"「{quote}」（{source_citation(doc, *pages, form=form, view_id=view_id)}）"


def source_citation(
    doc: Document,
    first: int | str,
    last: int | str,
    *,
    form: str = "en",
    view_id: str = "original",
) -> str:
    """Where a passage is, for any export or copy: ``連弘宜〈篇名〉，p. 7`` in English form;
    ``連弘宜，〈篇名〉，《刊名》，頁 7`` in Chinese form, the names in the script of the view
    ``view_id`` (``连弘宜，〈…〉，《…》，页 7``)."""
    meta = doc.meta
    if form == "en":
        who = "、".join(meta.authors)
        source = f"{who}〈{doc.title}〉" if who else f"〈{doc.title}〉"
        return f"{source}，{page_locator(first, last)}"

    def shown(text: str) -> str:
        return chars_in_view(text, view_id, meta.script)

    parts: list[str] = []
    if meta.authors:
        parts.append(shown("、".join(meta.authors)))
    parts.append(f"〈{shown(doc.title)}〉")
    if meta.venue:
        parts.append(f"《{shown(meta.venue)}》")
    parts.append(page_locator(first, last, form))
    return "，".join(parts)

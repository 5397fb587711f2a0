"""Citing a text: its full citation, and a passage quoted with where it comes from.

One home for every citation the window and the exports write (no Qt):

* :func:`full_citation`: 作者，〈篇名〉，《刊名》第N期（日期），出版者，頁 N–M。 (the About box).
* :func:`quote_with_citation` (Copy with Citation): the passage as the current view shows it,
  trimmed of the punctuation and spaces at its edges (substituted phrases carry their original
  unless turned off), then its source in the view's script — in Chinese form for a Chinese
  interface: ``「…」（許菁芸，〈中俄兩國之戰略利益分歧〉，《遠景論壇》第91期（2024年11月），頁 3）``
  (``…，页 3）`` in Simplified); in English form otherwise:
  ``「…」 (許菁芸, 〈中俄兩國之戰略利益分歧〉, 《遠景論壇》 no. 91 (November 2024), p. 3)``.

The issue is metadata as typed or imported (``No. 91``, ``91``, ``第91期``): a bare number is
written 第91期 or no. 91, anything else as it is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

from reader.documents import Document, citation
from reader.export.records import QuoteRenderer, ViewLike
from reader.export.references import issue_number
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


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date_en(date: str) -> str:
    """``2024-11`` → ``November 2024``; ``2024-11-05`` → ``5 November 2024``; anything else as
    is."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", date.strip())
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        return date
    year, month, day = match.groups()
    return " ".join(
        x
        for x in (str(int(day)) if day else "", _MONTHS[int(month) - 1] if month else "", year)
        if x
    )


def issue_label(issue: str, form: str = "zh-Hant") -> str:
    """An issue as a citation writes it: ``第91期`` in Chinese form, ``no. 91`` in English,
    from ``No. 91``, ``91`` or ``第91期``; anything else (``Vol. 3, No. 2``) as it is."""
    number = issue_number(issue)
    if not number.isdigit():
        return issue.strip()
    return f"no. {number}" if form == "en" else f"第{number}期"


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
    published = _published_zh(meta.venue, meta.issue, meta.date)
    if published:
        parts.append(published)
    if meta.publisher:
        parts.append(meta.publisher)
    span = page_span(doc)
    if span:
        parts.append(span)
    return "，".join(parts) + "。"


def _published_zh(venue: str | None, issue: str | None, date: str | None) -> str:
    """``《遠景論壇》第91期（2024年11月）``, of what there is."""
    text = f"《{venue}》" if venue else ""
    if issue:
        text += issue_label(issue)
    if date:
        text += f"（{format_date(date)}）"
    return text


def _published_en(venue: str | None, issue: str | None, date: str | None) -> str:
    """``《遠景論壇》 no. 91 (November 2024)``, of what there is."""
    parts = [f"《{venue}》"] if venue else []
    if issue:
        parts.append(issue_label(issue, "en"))
    if date:
        parts.append(f"({format_date_en(date)})")
    return " ".join(parts)


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


_NESTED = str.maketrans("「」『』", "『』「」")


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
    # Quoted within 「」, the passage's own quotation marks step down a level (「上不封頂」
    # reads 『上不封頂』 inside the citation's 「…」), as Chinese punctuation nests them.
    quote = quote.translate(_NESTED)
    # Printed page labels (an imported PDF's "iv" or "S12"; the number everywhere else).
    pages = doc.labels_of(start, end)
    view_id = str(getattr(view, "view_id", "original"))
    cited = source_citation(doc, *pages, form=form, view_id=view_id)
    return f"「{quote}」 ({cited})" if form == "en" else f"「{quote}」（{cited}）"


def source_citation(
    doc: Document,
    first: int | str,
    last: int | str,
    *,
    form: str = "en",
    view_id: str = "original",
) -> str:
    """Where a passage is, for any export or copy, the names in the script of the view
    ``view_id``: ``許菁芸，〈篇名〉，《遠景論壇》第91期（2024年11月），頁 3`` in Chinese form
    (``许菁芸，…，页 3`` in Simplified); ``許菁芸, 〈篇名〉, 《遠景論壇》 no. 91 (November 2024),
    p. 3`` in English form."""
    meta = doc.meta

    def shown(text: str) -> str:
        return chars_in_view(text, view_id, meta.script)

    venue = shown(meta.venue) if meta.venue else None
    issue = shown(meta.issue) if meta.issue else None
    parts: list[str] = []
    if meta.authors:
        parts.append(shown("、".join(meta.authors)))
    parts.append(f"〈{shown(doc.title)}〉")
    if form == "en":
        published = _published_en(venue, issue, meta.date)
        return ", ".join([*parts, *([published] if published else []), citation(first, last)])
    published = _published_zh(venue, issue, meta.date)
    if published:
        parts.append(published)
    parts.append(page_locator(first, last, form))
    return "，".join(parts)

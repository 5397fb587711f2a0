"""Copy with citation: a selected passage as plain text with its source and pages.

``「局部〔原文：區域性〕的多边或双边合作」（連弘宜〈一帶一路…〉，p. 3）``: the quote as the
current view shows it (substituted phrases carry their original unless turned off), then the
authors, the title in 〈〉 and the page citation.
"""

from __future__ import annotations

from reader.documents import Document, citation
from reader.export.records import QuoteRenderer, ViewLike


def quote_with_citation(
    doc: Document, start: int, end: int, view: ViewLike, *, originals: bool = True
) -> str:
    """The canonical passage ``[start, end)`` quoted in ``view``'s script, with its citation."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"{start}–{end} is not a passage of {doc.id}")
    quote = QuoteRenderer(doc, view, originals=originals).text(start, end)
    quote = " ".join(line.strip() for line in quote.split("\n") if line.strip())
    who = "、".join(doc.meta.authors)
    source = f"{who}〈{doc.title}〉" if who else f"〈{doc.title}〉"
    return f"「{quote}」（{source}，{citation(*doc.pages_of(start, end))}）"

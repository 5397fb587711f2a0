"""A document's full citation, from its metadata, in the Chinese style of the articles:
作者，〈篇名〉，《刊名》期數，日期，出版者，頁 N–M。 (No Qt: the About box and exports share it.)"""

from __future__ import annotations

import re

from reader.documents import Document


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


def page_span(doc: Document) -> str:
    if not doc.pages:
        return ""
    first, last = doc.pages[0].number, doc.pages[-1].number
    return f"頁 {first}" if first == last else f"頁 {first}\u2013{last}"


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

"""Building export inputs from the shipped texts: records anchored on real passages, and a
phrase-substituting view (the shape reader.script's views have) for honest-quote tests."""

from __future__ import annotations

import bisect
import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.documents import Document, load_library
from reader.export.records import AnnotationRecord, ExportSource, OriginalView, ViewLike

MEANINGS = {
    "yellow": "key argument",
    "green": "evidence",
    "blue": "definition",
    "pink": "disagree",
    "purple": "follow up",
}

# The tags: eight of them were not Obsidian tags as exported before.
TAGS = [
    "地區/中亞",
    "能源",
    "2014",
    "a.b",
    "C++",
    "what?",
    "tag,comma",
    "中俄（雙邊）",
    "R&D",
    "#hash",
    "中俄 關係",
    "Energy",
    "北極",
    "軍事",
    "<b>bold</b>",
    "a/b/c",
    "x_y",
    "100%",
    "(a)",
    "--",
]


@functools.cache
def _library() -> tuple[Document, ...]:
    # The shipped texts only: cached for the run, it may be first asked for before a test's
    # own data directory is set, and the user's real texts must not come in (a reviewer's
    # stray text there failed the CSV tests).
    return tuple(load_library(user_dir=Path(__file__).parent / "no-user-texts"))


def library_docs() -> list[Document]:
    """The shipped articles (lian-obor, hsu-divergence), loaded once per test run."""
    return list(_library())


def anchor(
    doc: Document,
    quote: str,
    *,
    color: str | None = "yellow",
    tags: Sequence[str] = (),
    note: str | None = None,
    occurrence: int = 1,
    created: str = "2026-11-21T09:30:00Z",
    updated: str | None = None,
    ident: str | None = None,
) -> AnnotationRecord:
    """A record on the N-th occurrence of ``quote`` in the canonical text."""
    start = -1
    for _ in range(occurrence):
        start = doc.text.index(quote, start + 1)
    end = start + len(quote)
    return AnnotationRecord(
        id=ident or str(uuid.uuid4()),
        document=doc.id,
        start=start,
        end=end,
        quote=quote,
        prefix=doc.text[max(0, start - 32) : start],
        suffix=doc.text[end : end + 32],
        pages=doc.pages_of(start, end),
        color=color,
        tags=tuple(tags),
        note=note,
        created=created,
        updated=updated or created,
    )


@dataclass(frozen=True)
class Sub:
    view_start: int
    view_end: int
    canon_start: int
    canon_end: int
    original: str
    converted: str


@dataclass
class PhraseView:
    """A view replacing given phrases everywhere (lengths may change), with an offset map."""

    text: str
    substitutions: list[Sub] = field(default_factory=list)
    _canon: list[int] = field(default_factory=list)
    _view: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, canonical: str, phrases: dict[str, str]) -> PhraseView:
        out: list[str] = []
        subs: list[Sub] = []
        i = vpos = 0
        canon_marks = [0]
        view_marks = [0]
        while i < len(canonical):
            for orig, conv in phrases.items():
                if canonical.startswith(orig, i):
                    subs.append(Sub(vpos, vpos + len(conv), i, i + len(orig), orig, conv))
                    out.append(conv)
                    i += len(orig)
                    vpos += len(conv)
                    canon_marks.append(i)
                    view_marks.append(vpos)
                    break
            else:
                out.append(canonical[i])
                i += 1
                vpos += 1
                canon_marks.append(i)
                view_marks.append(vpos)
        return cls("".join(out), subs, canon_marks, view_marks)

    def _map(self, offset: int, *, end: bool) -> int:
        # Offsets inside a substituted phrase snap outward to cover the whole phrase.
        if end:
            i = bisect.bisect_left(self._canon, offset)
        else:
            i = bisect.bisect_right(self._canon, offset) - 1
        i = min(max(i, 0), len(self._canon) - 1)
        return self._view[i]

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        return self._map(start, end=False), self._map(end, end=True)


def source_for(
    docs: Sequence[Document],
    records: Sequence[AnnotationRecord],
    phrases: dict[str, str] | None = None,
    memos: dict[str, str] | None = None,
) -> ExportSource:
    views = {doc.id: PhraseView.of(doc.text, phrases) for doc in docs} if phrases else {}

    def provider(doc: Document, view_id: str) -> ViewLike:
        if view_id == "original" or not phrases:
            return OriginalView(doc.text)
        return views[doc.id]

    return ExportSource(
        documents=docs,
        annotations=records,
        views=provider,
        color_meanings=MEANINGS,
        theme_memos=memos or {},
    )

"""Documents: the stored snapshot of each text, and re-anchoring its annotations when the text
changed::

    sync_document(s, doc) -> SyncReport     # re-anchor when the text changed (orphans kept)
    stale_documents(s, docs) -> [Document]  # the texts whose snapshot is out of date
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.documents import Document as TextDocument
from reader.store import models
from reader.store.anchoring import Anchor, reanchor


@dataclass(frozen=True)
class SyncReport:
    document: str
    changed: bool  # the text differed from the snapshot
    placed: dict[str, int] = field(default_factory=dict)  # how -> count
    orphans: tuple[str, ...] = ()  # ids that are orphans now
    # (id, quote before, quote now) of each annotation placed on a changed passage ("fuzzy")
    changed_quotes: tuple[tuple[str, str, str], ...] = ()


def pages_json(doc: TextDocument) -> str:
    return json.dumps([[p.number, p.start] for p in doc.pages])


def sync_document(s: Session, doc: TextDocument) -> SyncReport:
    """Make the stored snapshot of ``doc`` current, re-anchoring its annotations when the text
    changed. Needs a writing session."""
    row = s.get(models.Document, doc.id)
    if row is None:
        s.add(
            models.Document(
                id=doc.id,
                sha256=doc.sha256,
                snapshot=doc.text,
                pages=pages_json(doc),
                title=doc.title,
            )
        )
        s.flush()
        return SyncReport(doc.id, changed=False)
    if row.sha256 == doc.sha256 and row.snapshot == doc.text:
        if row.pages != pages_json(doc):
            row.pages = pages_json(doc)
        return SyncReport(doc.id, changed=False)
    rows = list(
        s.scalars(
            select(models.Annotation)
            .where(models.Annotation.document_id == doc.id)
            .order_by(models.Annotation.start, models.Annotation.id)
        )
    )
    anchors = [Anchor(r.start, r.end, r.quote, r.prefix, r.suffix) for r in rows]
    placements = reanchor(row.snapshot, doc.text, anchors)
    placed: dict[str, int] = {}
    orphans = []
    changed_quotes = []
    for r, placement in zip(rows, placements, strict=True):
        placed[placement.how] = placed.get(placement.how, 0) + 1
        if placement.anchor is None:
            r.orphaned = True
            orphans.append(r.id)
            continue
        a = placement.anchor
        if a.quote != r.quote:
            changed_quotes.append((r.id, r.quote, a.quote))
        r.start, r.end, r.quote, r.prefix, r.suffix = a.start, a.end, a.quote, a.prefix, a.suffix
        r.orphaned = False
    row.sha256, row.snapshot, row.pages, row.title = (
        doc.sha256,
        doc.text,
        pages_json(doc),
        doc.title,
    )
    s.flush()
    return SyncReport(
        doc.id,
        changed=True,
        placed=placed,
        orphans=tuple(orphans),
        changed_quotes=tuple(changed_quotes),
    )


def stale_documents(s: Session, docs: Iterable[TextDocument]) -> list[TextDocument]:
    """The documents whose stored snapshot no longer matches their text."""
    stored = dict(s.execute(select(models.Document.id, models.Document.sha256)).all())
    return [d for d in docs if d.id in stored and stored[d.id] != d.sha256]

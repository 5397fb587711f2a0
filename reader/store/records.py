"""The plain values the store returns (no SQLAlchemy here): an annotation, a tag, and page
lookup from a document row's page starts. ``reader.store.annotations`` (the ORM operations)
and ``reader.store.quick`` (the window's first read, plain ``sqlite3``) both make these.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import Any, NamedTuple

COLORS = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOR = "yellow"
NO_COLOR = "none"  # as a colour filter: the annotations without colour (notes)
DEFAULT_MEANINGS = {
    "yellow": "Important",
    "green": "Agree",
    "blue": "Background",
    "pink": "Question",
    "purple": "To quote",
}


# A NamedTuple, not a frozen dataclass: immutable, compared and hashed alike, but made in one
# step from a row's values (``_make``) where the dataclass set each field with
# object.__setattr__, a tuple of its fields where it held a dict (100,000 of them in a large
# library), and created without compiling generated methods (~1 ms as the window gets ready).
class AnnotationRecord(NamedTuple):
    id: str
    document: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    pages: tuple[int, int]
    color: str | None
    tags: tuple[str, ...]
    note: str | None
    created: str
    updated: str
    orphaned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return self.to_json()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnnotationRecord:
        """The inverse of :meth:`to_json` (missing prefix/suffix/pages/tags tolerated)."""
        pages = data.get("pages") or (0, 0)
        return cls(
            id=str(data["id"]),
            document=str(data["document"]),
            start=int(data["start"]),
            end=int(data["end"]),
            quote=str(data["quote"]),
            prefix=str(data.get("prefix") or ""),
            suffix=str(data.get("suffix") or ""),
            pages=(int(pages[0]), int(pages[-1])),
            color=data.get("color"),
            tags=tuple(str(t) for t in data.get("tags") or ()),
            note=data.get("note"),
            created=str(data["created"]),
            updated=str(data["updated"]),
            orphaned=bool(data.get("orphaned", False)),
        )

    @property
    def citation(self) -> str:
        """``p. N`` or ``pp. N–M``."""
        from reader.documents import citation

        return citation(self.pages[0], self.pages[1])

    def to_json(self) -> dict[str, Any]:
        """The shape of ``meipi annotations --json``."""
        return {
            "id": self.id,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "pages": list(self.pages),
            "color": self.color,
            "tags": list(self.tags),
            "note": self.note,
            "created": self.created,
            "updated": self.updated,
            "orphaned": self.orphaned,
        }


class TagInfo:
    """A tag as the sidebar and the commands list it: immutable, compared and hashed by its
    values. A plain class: as a frozen dataclass its generated methods were compiled as the
    window got ready (~0.6 ms), and as a NamedTuple its ``count`` would hide tuple's."""

    __slots__ = ("color", "count", "description", "key", "name")
    name: str
    key: str
    color: str | None
    description: str | None
    count: int

    def __init__(
        self, name: str, key: str, color: str | None, description: str | None, count: int
    ) -> None:
        put = object.__setattr__
        put(self, "name", name)
        put(self, "key", key)
        put(self, "color", color)
        put(self, "description", description)
        put(self, "count", count)

    def _values(self) -> tuple[str, str, str | None, str | None, int]:
        return (self.name, self.key, self.color, self.description, self.count)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"TagInfo is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TagInfo):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        name, key, color, description, count = self._values()
        return (
            f"TagInfo(name={name!r}, key={key!r}, color={color!r}, "
            f"description={description!r}, count={count!r})"
        )


class _Pages:
    """Page lookup from a document row's stored page starts."""

    def __init__(self, pages_json: str) -> None:
        # (json on first use: a window whose database holds no annotations reads no pages,
        # and importing json cost ~1.3 ms before it was ready.)
        import json

        pairs = json.loads(pages_json) or [[1, 0]]
        self.numbers = [int(p[0]) for p in pairs]
        self.starts = [int(p[1]) for p in pairs]

    def of(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset if offset > 0 else 0) - 1
        return self.numbers[i if i > 0 else 0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.of(start), self.of(end - 1 if end > start else start)

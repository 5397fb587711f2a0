"""A library of thousands, read as it is used (issue 22).

``reader.documents.load_library`` reads and parses every text file, and keeps every text: for
3,000 texts that is seconds and hundreds of megabytes before the window can show one. A
:class:`Shelf` holds instead what the library's list shows of each text (:class:`Listed`, from
the search cache's record of its file, checked by the file's size and modification time), and
reads a text from its file when it is first used, keeping only the last few used. Its
documents are :class:`Document` objects in every way, so nothing that reads the library needs to
know which kind it has.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from reader.documents import Block, Document, Library, Listed, Page, load_file, load_library
from reader.errors import InputError


class _Shelved(Document):
    """A document of a :class:`Shelf`: its metadata at hand, its text, blocks and pages read
    from its file when first used, and kept only while it is among the last few used. It is a
    :class:`Document` in every way (equal to the one its file holds); a changed copy
    (``dataclasses.replace``) is a plain one."""

    _shelf: Shelf
    _listed: Listed

    def __new__(cls, *args: object, **kwargs: object) -> Document:  # type: ignore[misc]
        return Document(*args, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def of(cls, shelf: Shelf, listed: Listed) -> _Shelved:
        doc = object.__new__(cls)
        object.__setattr__(doc, "meta", listed.meta)
        object.__setattr__(doc, "shipped", listed.shipped)
        object.__setattr__(doc, "_shelf", shelf)
        object.__setattr__(doc, "_listed", listed)
        return doc

    @property
    def path(self) -> Path | None:
        return self._listed.path

    def _loaded(self) -> Document:
        return self._shelf.loaded(self._listed)

    @property
    def text(self) -> str:
        return self._loaded().text

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self._loaded().blocks

    @property
    def pages(self) -> tuple[Page, ...]:
        return self._loaded().pages

    @property
    def _page_starts(self) -> tuple[int, ...]:
        return self._loaded()._page_starts

    @property
    def sha256(self) -> str:
        return self._listed.sha256

    def _fields(self) -> tuple[object, ...]:
        return (self.meta, self.text, self.blocks, self.pages, self.path, self.shipped)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self._fields() == (
            other.meta,
            other.text,
            other.blocks,
            other.pages,
            other.path,
            other.shipped,
        )

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, path={self.path!r}, read when used)"

    def __reduce__(self) -> tuple[object, ...]:
        return (Document, self._fields())


class Shelf(MutableMapping[str, Document]):
    """The documents of a library of thousands, by id: what each file holds is listed
    (:class:`Listed`), and a document's text is read from its file when first used and kept
    only while it is among the last ``KEEP`` used, so a library of 3,000 texts costs what its
    list costs. A document put in (``shelf[id] = doc``) is kept as it is."""

    KEEP = 8

    def __init__(self, listed: Iterable[Listed] = ()) -> None:
        self._listed: dict[str, Listed] = {entry.id: entry for entry in listed}
        self._put: dict[str, Document] = {}
        self._recent: OrderedDict[Listed, Document] = OrderedDict()
        self._lock = threading.Lock()  # the window reads texts off the UI thread too

    def loaded(self, listed: Listed) -> Document:
        """The document ``listed`` names, read from its file unless among the last used.
        Raises :class:`InputError` when the file can no longer be read as that text."""
        with self._lock:
            doc = self._recent.get(listed)
            if doc is not None:
                self._recent.move_to_end(listed)
                return doc
        path = listed.path
        if path is None:
            raise InputError(f"The text {listed.id!r} has no file to read.")
        doc = load_file(path, shipped=listed.shipped)
        if doc.id != listed.id:
            raise InputError(
                f"{path} no longer holds the text {listed.id!r}; open the library again."
            )
        with self._lock:
            self._recent[listed] = doc
            while len(self._recent) > self.KEEP:
                self._recent.popitem(last=False)
        return doc

    def listed(self) -> list[Listed]:
        return list(self._listed.values())

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._put.get(doc_id)
        if doc is not None:
            return doc
        return _Shelved.of(self, self._listed[doc_id])

    def __setitem__(self, doc_id: str, doc: Document) -> None:
        self._put[doc_id] = doc
        self._listed[doc_id] = Listed(
            doc.meta,
            str(doc.path) if doc.path is not None else None,
            doc.shipped,
            len(doc.pages),
            len(doc.text),
            doc.sha256,
        )

    def __delitem__(self, doc_id: str) -> None:
        del self._listed[doc_id]
        self._put.pop(doc_id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._listed))

    def __len__(self) -> int:
        return len(self._listed)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._listed

    def clear(self) -> None:
        self._listed.clear()
        self._put.clear()

    def update(self, other: Any = (), /, **kwargs: Document) -> None:
        """As a dict's; another shelf's list is taken as it is (nothing is read)."""
        if isinstance(other, Shelf) and not kwargs:
            self._listed.update(other._listed)
            self._put.update(other._put)
            return
        super().update(other, **kwargs)


# A library of more texts than this keeps its texts on a Shelf (when the search cache can list
# them); a smaller one is read whole.
SHELF_FROM = 64


def open_library() -> Library:
    """The library (``reader.documents.load_library``'s texts): on a :class:`Shelf` when it has
    more than ``SHELF_FROM`` texts and the search cache can list them (each file's record
    checked by its size and time), else read whole (which also reports any text it skips)."""
    from reader.search_index import library_entries

    listed = library_entries(more_than=SHELF_FROM)
    if listed is not None:
        return Library(Shelf(listed), [])
    return load_library()

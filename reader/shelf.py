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

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from reader import paths
from reader.documents import (
    TEXT_SUFFIX,
    Block,
    Document,
    Library,
    Listed,
    Page,
    load_file,
    load_library,
)
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
        self._listed: dict[str, Listed] = {entry.meta.id: entry for entry in listed}
        self._put: dict[str, Document] = {}
        # One document object per listed text while its entry stands: the window asks "is
        # this still the open text?" by identity (a new object at each look-up answered no,
        # and Find never finished in a library of thousands).
        self._shelved: dict[str, _Shelved] = {}
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
            raise InputError(f"The text {listed.meta.id!r} has no file to read.")
        doc = load_file(path, shipped=listed.shipped)
        if doc.id != listed.meta.id:
            raise InputError(
                f"{path} no longer holds the text {listed.meta.id!r}; open the library again."
            )
        with self._lock:
            self._recent[listed] = doc
            while len(self._recent) > self.KEEP:
                self._recent.popitem(last=False)
        return doc

    def listed(self) -> list[Listed]:
        return list(self._listed.values())

    def keep(self, doc: Document) -> None:
        """Keep ``doc``, already read from its file, as the text its entry names (the window's
        first text, read before the library was listed), so it is not read again."""
        listed = self._listed.get(doc.id)
        if listed is None or doc.path is None or listed.path != doc.path:
            return
        with self._lock:
            self._recent[listed] = doc

    def __getitem__(self, doc_id: str) -> Document:
        doc = self._put.get(doc_id)
        if doc is not None:
            return doc
        listed = self._listed[doc_id]
        shelved = self._shelved.get(doc_id)
        if shelved is None or shelved._listed is not listed:
            shelved = self._shelved[doc_id] = _Shelved.of(self, listed)
        return shelved

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


def _more_texts_than(limit: int) -> bool:
    """Whether the library's folders hold more than ``limit`` text files (counted by name, as
    ``load_library`` finds them)."""
    count = 0
    for folder in (paths.shipped_texts_dir(), paths.user_texts_dir()):
        try:
            with os.scandir(folder) as entries:
                count += sum(1 for entry in entries if entry.name.endswith(TEXT_SUFFIX))
        except OSError:
            continue
        if count > limit:
            return True
    return False


def open_library() -> Library:
    """The library (``reader.documents.load_library``'s texts): on a :class:`Shelf` when it has
    more than ``SHELF_FROM`` texts and the search cache can list them (each file's record
    checked by its size and time), else read whole (which also reports any text it skips)."""
    if not _more_texts_than(SHELF_FROM):
        # Counted here, not by the search cache: a small library does not import it (its
        # module, SQLite's and the glossary's, ~5 ms of the window's start before it is ready).
        return load_library()
    from reader.search_index import library_entries

    listed = library_entries(more_than=SHELF_FROM)
    if listed is not None:
        return Library(Shelf(listed), [])
    return load_library()


class OpeningLibrary(Library):
    """The library as the window opens it: the text it shows first read straight from its file
    (:meth:`first`), before anything lists the library; the whole library
    (:func:`open_library`) when anything else is first asked of it — after the first paint,
    when the library's list fills. With 3,000 texts, listing them before the first paint cost
    ~50 ms and ~3 MB (issue 22)."""

    def __init__(
        self,
        opener: Callable[[], Library] = open_library,
        on_listed: Callable[[Library], None] | None = None,
    ) -> None:
        self._opener = opener
        self._on_listed = [on_listed] if on_listed is not None else []
        self._whole: Library | None = None
        self._early: dict[str, Document] = {}

    @property
    def is_listed(self) -> bool:
        return self._whole is not None

    def _listed(self) -> Library:
        if self._whole is None:
            whole = self._whole = self._opener()
            for doc in self._early.values():
                # The text already read is the one kept (not a second copy of it).
                if isinstance(whole.documents, Shelf):
                    whole.documents.keep(doc)
                elif whole.documents.get(doc.id) == doc:
                    whole.documents[doc.id] = doc
            self._early.clear()
            for call in self._on_listed:
                call(whole)
            self._on_listed.clear()
        return self._whole

    def when_listed(self, call: Callable[[Library], None]) -> None:
        """Call ``call`` with the library once it is listed (now, if it is)."""
        if self._whole is not None:
            call(self._whole)
        else:
            self._on_listed.append(call)

    @property
    def documents(self) -> MutableMapping[str, Document]:
        return self._listed().documents

    @documents.setter
    def documents(self, value: MutableMapping[str, Document]) -> None:
        self._listed().documents = value

    @property
    def problems(self) -> list[str]:
        return self._listed().problems

    @problems.setter
    def problems(self, value: list[str]) -> None:
        self._listed().problems = value

    def first(self, doc_id: str) -> Document | None:
        """The text ``doc_id`` read alone from the file the library names it by (a user's text
        ``<id>.meipi.txt``, a shipped one ``<n>-<id>.meipi.txt``; shipped first, as the library
        lists them), without listing the library; ``None`` when no such file holds it (then
        the library is listed to find it)."""
        if self._whole is not None:
            return self._whole.find(doc_id)
        doc = self._early.get(doc_id)
        if doc is not None:
            return doc
        from reader import paths
        from reader.documents import TEXT_SUFFIX

        name = doc_id + TEXT_SUFFIX
        for folder, shipped in ((paths.shipped_texts_dir(), True), (paths.user_texts_dir(), False)):
            try:
                found = sorted(
                    e.path
                    for e in os.scandir(folder)
                    if e.name == name or (shipped and e.name.endswith("-" + name))
                )
            except OSError:
                continue
            for path in found:
                try:
                    doc = load_file(Path(path), shipped=shipped)
                except InputError:
                    return None  # the library reports it when listed
                if doc.id != doc_id:
                    return None
                self._early[doc_id] = doc
                return doc
        return None

    def find(self, doc_id: str) -> Document | None:
        if self._whole is None and doc_id in self._early:
            return self._early[doc_id]
        return self._listed().find(doc_id)

    def get(self, doc_id: str) -> Document:
        if self._whole is None and doc_id in self._early:
            return self._early[doc_id]
        return self._listed().get(doc_id)

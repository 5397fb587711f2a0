"""Word boundaries that suit Chinese: the word under a position, and the sentence.

Qt's word selection grabs a whole run of Chinese characters. Meipi segments with jieba (MIT):

* **One segmentation for every view.** jieba's dictionary is Simplified, so a Traditional source
  is converted to Simplified (the library's ``tw2s`` / ``hk2s``, with its exact offset map) and
  segmented there; the word boundaries are mapped back to canonical offsets. A view then shows
  the canonical word under the pointer through its own map, so a double-click in 原文, 繁體 or
  简体 lands on the same canonical word.
* **The scholar's words are words.** The regional lexicon (names of people, places and
  organisations), a short list of the field's terms jieba lacks (``FIELD_WORDS``: 中國大陸,
  一帶一路 …) and the user's glossary entries (kept phrases, their own conversions, the spellings
  of each equivalence) are added to the tokenizer, in both scripts, so 上海合作組織 or a name is
  one word. Each set of extra words has a tokenizer of its own (``segmenter``); the
  base dictionary's cache lives in Meipi's data directory (never jieba's global tokenizer, never
  its cache in the temp folder).
* **Until jieba is loaded** (it takes about a second; the window warms it up on a worker),
  ``word_at`` answers with the longest of OpenCC's phrases covering the character (the list
  Meipi used before jieba).

Segmentation runs per paragraph (text between newlines: no word crosses one), cached.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import re
import sys
import threading
import unicodedata
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.glossary import Glossary

_MAX_PHRASE = 12
_LATIN_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF'’\-]+")
# Ends a sentence (closing quotes and brackets after it stay with the sentence).
_SENTENCE_END = "。！？；!?;…"
_CLOSERS = "」』”’）)】〕》〉\"'"

JIEBA_VERSION = "0.42.1"


# --- the fallback: OpenCC's phrase list -----------------------------------------------------


@functools.cache
def phrases() -> frozenset[str]:
    """Every phrase (two characters or more) of OpenCC's phrase dictionaries, both scripts."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    found: set[str] = set()
    for path in sorted(folder.glob("*Phrases*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            for word in (key, *values.split(" ")):
                if 2 <= len(word) <= _MAX_PHRASE:
                    found.add(word)
    return frozenset(found)


def _is_latin(ch: str) -> bool:
    return bool(_LATIN_WORD.fullmatch(ch))


def _latin_or_single(text: str, offset: int) -> tuple[int, int] | None:
    """A Latin word's range, or the one character when it is not a letter; None for a CJK
    letter (which needs a dictionary)."""
    ch = text[offset]
    if _is_latin(ch):
        start = offset
        while start > 0 and _is_latin(text[start - 1]):
            start -= 1
        end = offset + 1
        while end < len(text) and _is_latin(text[end]):
            end += 1
        return (start, end)
    if not unicodedata.category(ch).startswith("L"):
        return (offset, offset + 1)
    return None


def phrase_word_at(text: str, offset: int) -> tuple[int, int]:
    """The longest OpenCC phrase covering ``text[offset]``, else that character (Latin words
    and numbers whole; whitespace and punctuation one character)."""
    if not text:
        return (0, 0)
    offset = min(max(offset, 0), len(text) - 1)
    simple = _latin_or_single(text, offset)
    if simple is not None:
        return simple
    table = phrases()
    best = (offset, offset + 1)
    for start in range(max(0, offset - _MAX_PHRASE + 1), offset + 1):
        for end in range(min(len(text), start + _MAX_PHRASE), offset, -1):
            if end - start <= best[1] - best[0]:
                break
            if text[start:end] in table:
                best = (start, end)
                break
    return best


# --- jieba ------------------------------------------------------------------------------------


def _import_jieba() -> Any:
    """jieba, imported without its known noise. Its sources hold invalid escape sequences (a
    SyntaxWarning on Python 3.12+, a DeprecationWarning before, when they are first compiled):
    exactly those are ignored. It imports ``pkg_resources`` only to read its own files, and
    falls back to reading them directly when that import fails, as it does where the newest
    setuptools no longer ship it: Meipi takes that path everywhere (``pkg_resources`` costs
    about 15 MB and is deprecated), so the behaviour is the same on every Python."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    for category in (SyntaxWarning, DeprecationWarning):
        warnings.filterwarnings(
            "ignore", message=r"invalid escape sequence", category=category, module=r".*jieba"
        )
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    # jieba logs its loading to stderr.
    logging.getLogger("jieba").setLevel(logging.CRITICAL + 1)
    return jieba


def cache_dir() -> Path:
    """Where the tokenizer's dictionary cache lives (see ``reader.paths.cache_dir``)."""
    from reader.paths import cache_dir as meipi_cache

    return meipi_cache()


def _cache_name() -> str:
    return f"jieba-{JIEBA_VERSION}-frequencies-1.sqlite3"


class Frequencies:
    """jieba's word frequencies (``Tokenizer.FREQ``) read from an SQLite file in the data
    directory instead of a dictionary in memory (a 580,000-key dict costs about 65 MB; the
    window's memory budget has room for a few), with the words a tokenizer adds kept in memory.
    jieba only asks ``in``, ``[]``, ``get`` and sets added words, so this is all it needs.
    Answers are memoised (bounded); thread-safe."""

    MEMO = 10_000

    def __init__(self, path: Path) -> None:
        import sqlite3

        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA cache_size = -512")  # KiB (the memo answers repeats)
        self._added: dict[str, int] = {}
        self._memo: dict[str, int | None] = {}
        self._lock = threading.Lock()
        row = self._con.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
        self.total = int(row[0])

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __del__(self) -> None:
        # Closed when the tokenizer is dropped (a newer glossary's replaced it).
        con = getattr(self, "_con", None)
        if con is not None:
            con.close()

    def get(self, word: str, default: Any = None) -> Any:
        found = self._added.get(word)
        if found is not None:
            return found
        with self._lock:
            if word in self._memo:
                value = self._memo[word]
            else:
                row = self._con.execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
                value = None if row is None else int(row[0])
                if len(self._memo) >= self.MEMO:
                    self._memo.clear()
                self._memo[word] = value
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return int(value)

    def __setitem__(self, word: str, freq: int) -> None:
        self._added[word] = freq


def build_frequencies(target: Path) -> Path:
    """jieba's dictionary (its ``dict.txt``) as the SQLite table ``freq``: every word with its
    frequency and every prefix of a word with 0 (as jieba's own loader makes them), and the
    total in ``meta``; written to a temporary file and renamed."""
    import sqlite3
    import tempfile

    jieba = _import_jieba()
    source = Path(jieba.__file__).resolve().parent / "dict.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".building-", suffix=".sqlite3", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.execute(
                "CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID"
            )
            total = 0

            def lines() -> Iterator[tuple[str, int]]:
                with source.open(encoding="utf-8") as f:
                    for line in f:
                        parts = line.split(" ")
                        if len(parts) >= 2 and parts[0]:
                            yield parts[0], int(parts[1])

            batch: list[tuple[str, int]] = []
            for word, freq in lines():
                total += freq
                batch.append((word, freq))
                if len(batch) >= 20_000:
                    con.executemany("INSERT OR REPLACE INTO freq VALUES (?, ?)", batch)
                    batch.clear()
            con.executemany("INSERT OR REPLACE INTO freq VALUES (?, ?)", batch)
            prefixes: list[tuple[str, int]] = []
            for word, _freq in lines():
                prefixes.extend((word[:k], 0) for k in range(1, len(word)))
                if len(prefixes) >= 20_000:
                    con.executemany("INSERT OR IGNORE INTO freq VALUES (?, ?)", prefixes)
                    prefixes.clear()
            con.executemany("INSERT OR IGNORE INTO freq VALUES (?, ?)", prefixes)
            con.execute("INSERT INTO meta VALUES ('total', ?)", (str(total),))
            con.execute("INSERT INTO meta VALUES ('source', ?)", (f"jieba {JIEBA_VERSION}",))
            con.commit()
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


class Segmenter:
    """A jieba tokenizer of Meipi's own with the extra words added (thread-safe)."""

    def __init__(self, extra: Iterable[str] = ()) -> None:
        jieba = _import_jieba()
        tokenizer = jieba.Tokenizer()
        frequencies = Frequencies(_base_dictionary())
        tokenizer.FREQ, tokenizer.total = frequencies, frequencies.total
        tokenizer.initialized = True
        self._frequencies = frequencies
        self.words = frozenset(w for w in extra if len(w) >= 2 and not w.isspace())
        for word in sorted(self.words):
            # Frequent enough to hold together against the dictionary's own splits.
            tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, False), 100))
        self._tokenizer = tokenizer
        self._lock = threading.Lock()

    def close(self) -> None:
        self._frequencies.close()

    def tokenize(self, text: str) -> list[tuple[int, int]]:
        """Word ranges covering ``text`` from start to end (code points)."""
        with self._lock:
            return [(s, e) for _w, s, e in self._tokenizer.tokenize(text, HMM=True)]

    def cut(self, text: str) -> list[str]:
        return [text[s:e] for s, e in self.tokenize(text)]


_base: Path | None = None
_base_lock = threading.Lock()


def _base_dictionary() -> Path:
    """The SQLite file of jieba's frequencies in the data directory's cache (built the first
    time: a few seconds); EnvironmentFailure when it cannot be written."""
    global _base
    with _base_lock:
        if _base is None or not _base.is_file():
            target = cache_dir() / _cache_name()
            if not target.is_file():
                try:
                    build_frequencies(target)
                except OSError as exc:
                    from reader.errors import EnvironmentFailure

                    raise EnvironmentFailure(
                        f"Word segmentation cannot write its dictionary to {target.parent} "
                        f"({exc.strerror or exc}). Make that folder writable (or set "
                        "MEIPI_DATA_DIR)."
                    ) from None
            _base = target
        return _base


_segmenters: dict[frozenset[str], Segmenter] = {}
_segmenters_lock = threading.Lock()


def segmenter(extra: Iterable[str] = ()) -> Segmenter:
    """The tokenizer for this set of extra words (made once per set: per glossary version)."""
    key = frozenset(extra)
    with _segmenters_lock:
        found = _segmenters.get(key)
        if found is None:
            found = Segmenter(key)
            # Only the newest few: an old glossary's tokenizer is not needed again.
            while len(_segmenters) >= 3:
                _segmenters.pop(next(iter(_segmenters)))
            _segmenters[key] = found
        return found


def ready(extra: Iterable[str] = ()) -> bool:
    """True when ``segmenter(extra)`` would answer at once."""
    with _segmenters_lock:
        return frozenset(extra) in _segmenters


def lexicon_words() -> list[str]:
    """Every form (Taiwan, Hong Kong, mainland) of every name in the scholar's regional lexicon
    (``reader.lexicon.entries()``); nothing when the lexicon is not there."""
    try:
        from reader import lexicon

        found = lexicon.entries()
    except Exception:  # no lexicon (or no data file): the glossary alone
        return []
    words: list[str] = []
    for entry in found:
        for region in ("tw", "hk", "cn"):
            form = getattr(entry, region, "")
            if isinstance(form, str) and form:
                words.append(form)
    return words


# Names and terms of the field (cross-strait usage, China–Russia relations, Eurasian
# institutions) that jieba's general dictionary splits: 中國大陸 would be 中國 + 大陸, 一帶一路
# 一帶 + 一路. Written in Traditional; the Simplified forms are added with them. Person, place and
# organisation names with regional forms belong to the lexicon (``reader.lexicon``); this list
# holds the terms every region writes alike.
FIELD_WORDS = (
    "中國大陸",
    "一帶一路",
    "上海合作組織",
    "上合組織",
    "絲綢之路經濟帶",
    "海上絲綢之路",
    "歐亞經濟聯盟",
    "歐亞經濟共同體",
    "歐亞經濟委員會",
    "亞洲基礎設施投資銀行",
    "亞投行",
    "集體安全條約組織",
    "獨立國家國協",
    "北大西洋公約組織",
    "石油輸出國組織",
    "歐盟執委會",
    "南奧塞梯亞",
)


def glossary_words(glossary: Glossary | None) -> list[str]:
    """Every phrase of the user's glossary: kept phrases, conversions (both sides), the spellings
    of every equivalence."""
    if glossary is None:
        return []
    found = list(glossary.keeps)
    for a, b in (*glossary.conversions, *glossary.equivalences):
        found.extend((a, b))
    return found


def _to_simplified(word: str) -> str:
    """The word in Simplified (segmentation runs in Simplified for every source)."""
    from reader.script_engine import converter

    return converter("t2s").convert(word)[0]


def _simplifying_config(source_script: str) -> str | None:
    from reader.views import config_for

    return config_for("zh-Hans", source_script)


def extra_words(source_script: str, glossary: Glossary | None = None) -> frozenset[str]:
    """The words added to jieba for a text in ``source_script``: the field's terms, the lexicon
    and the glossary, each as written and as it reads in Simplified (where the segmentation runs
    for every source script, so the set is the same for all of them). Remembered per glossary
    (a double-click asks for it)."""
    return _extra_words(glossary)


@functools.lru_cache(maxsize=4)
def _extra_words(glossary: Glossary | None) -> frozenset[str]:
    words: set[str] = set()
    for word in (*FIELD_WORDS, *lexicon_words(), *glossary_words(glossary)):
        word = word.strip()
        if len(word) < 2:
            continue
        words.add(word)
        words.add(_to_simplified(word))
    return frozenset(words)


# --- canonical word boundaries ------------------------------------------------------------------


class WordIndex:
    """Word ranges of a canonical text, found per paragraph and cached (thread-safe)."""

    def __init__(self, source_script: str, seg: Segmenter) -> None:
        self.source_script = source_script
        self.segmenter = seg
        self._config = _simplifying_config(source_script)
        self._cache: OrderedDict[str, list[tuple[int, int]]] = OrderedDict()
        self._lock = threading.Lock()

    def paragraph_words(self, paragraph: str) -> list[tuple[int, int]]:
        """Word ranges of one paragraph (its own offsets), canonical."""
        with self._lock:
            hit = self._cache.get(paragraph)
            if hit is not None:
                self._cache.move_to_end(paragraph)
                return hit
        words = self._segment(paragraph)
        with self._lock:
            self._cache[paragraph] = words
            while len(self._cache) > 2048:
                self._cache.popitem(last=False)
        return words

    def clear_cache(self) -> None:
        """Forget the paragraphs segmented so far (the benchmark times a fresh one)."""
        with self._lock:
            self._cache.clear()

    def _segment(self, paragraph: str) -> list[tuple[int, int]]:
        if self._config is None:
            return self.segmenter.tokenize(paragraph)
        from reader.script import ConvertedText
        from reader.script_engine import converter

        simplified, blocks = converter(self._config).convert(paragraph)
        view = ConvertedText(paragraph, simplified, blocks, self._config)
        # Each boundary of the Simplified segmentation, mapped back; a boundary inside a
        # phrase the conversion replaced as a whole falls to the phrase's start.
        bounds = {0, len(paragraph)}
        for start, _end in self.segmenter.tokenize(simplified):
            bounds.add(view.canonical_point(start))
        ordered = sorted(bounds)
        return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]

    def word_at(self, text: str, offset: int) -> tuple[int, int]:
        """The canonical word covering ``text[offset]`` (``text`` the canonical text)."""
        if not text:
            return (0, 0)
        offset = min(max(offset, 0), len(text) - 1)
        if text[offset] == "\n":
            return (offset, offset + 1)
        lo = text.rfind("\n", 0, offset) + 1
        hi = text.find("\n", offset)
        hi = len(text) if hi < 0 else hi
        for s, e in self.paragraph_words(text[lo:hi]):
            if s <= offset - lo < e:
                return (lo + s, lo + e)
        return (offset, offset + 1)  # pragma: no cover - the words cover the paragraph

    def words(self, text: str) -> list[tuple[int, int]]:
        """Every word range of a canonical text (newlines are words of their own)."""
        out: list[tuple[int, int]] = []
        lo = 0
        for paragraph in text.split("\n"):
            out.extend((lo + s, lo + e) for s, e in self.paragraph_words(paragraph))
            lo += len(paragraph)
            if lo < len(text):
                out.append((lo, lo + 1))
                lo += 1
        return out


_indexes: dict[tuple[str, frozenset[str]], WordIndex] = {}
_indexes_lock = threading.Lock()


def word_index(source_script: str, glossary: Glossary | None = None) -> WordIndex:
    """The word index for texts in ``source_script`` with this glossary (loads jieba: call it
    from a worker the first time)."""
    extra = extra_words(source_script, glossary)
    key = (source_script, extra)
    with _indexes_lock:
        found = _indexes.get(key)
    if found is not None:
        return found
    index = WordIndex(source_script, segmenter(extra))
    with _indexes_lock:
        while len(_indexes) >= 6:
            _indexes.pop(next(iter(_indexes)))
        return _indexes.setdefault(key, index)


def index_ready(source_script: str, glossary: Glossary | None = None) -> WordIndex | None:
    """The word index if it is already made, else None (never loads anything)."""
    if "jieba" not in sys.modules:
        return None
    try:
        key = (source_script, extra_words(source_script, glossary))
    except Exception:
        return None
    with _indexes_lock:
        return _indexes.get(key)


def word_at(text: str, offset: int, index: WordIndex | None = None) -> tuple[int, int]:
    """The word covering ``text[offset]`` as a code-point range ``(start, end)``.

    With a ``WordIndex`` (``text`` then being the canonical text) jieba's word; without, the
    longest OpenCC phrase covering the character. Whitespace and punctuation select themselves
    (one character); an offset at the end of the text selects the last character.
    """
    if index is not None:
        return index.word_at(text, offset)
    return phrase_word_at(text, offset)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence covering ``text[offset]``: from after the previous sentence end (。！？；
    and their Latin forms, or a newline) to its own end, closing quotes and brackets included;
    leading spaces left out. Works on any view's text (punctuation is the same in every view)."""
    if not text:
        return (0, 0)
    offset = min(max(offset, 0), len(text) - 1)
    if text[offset] == "\n":
        return (offset, offset + 1)
    start = offset
    while start > 0:
        ch = text[start - 1]
        if ch == "\n":
            break
        if ch in _SENTENCE_END:
            break
        if ch in _CLOSERS:
            # A closer right after a sentence end belongs to that sentence.
            k = start - 1
            while k > 0 and text[k - 1] in _CLOSERS:
                k -= 1
            if k > 0 and text[k - 1] in _SENTENCE_END:
                break
        start -= 1
    end = offset
    while end < len(text) and text[end] != "\n":
        if text[end] in _SENTENCE_END:
            end += 1
            while end < len(text) and (text[end] in _SENTENCE_END or text[end] in _CLOSERS):
                end += 1
            break
        end += 1
    while start < end - 1 and text[start].isspace() and start < offset:
        start += 1
    return (start, end)

"""Citekeys in Better BibTeX's manner, and the parts of a reference: names and pages.

A key a scholar has cited must never change, so a text's key is given once and kept: when a
text enters the library (``meipi import``, File ▸ Import) it gets a key that no other text of
the library has, stored in the database (``reader.ops.references.give_citekey``), and every
export, of the whole library or of one text, in any format, writes that key. A key the user
sets (Text Details, ``meipi import --citekey``) is stored too and wins.

A new key is the first author's family name, the year and the first word of the title, lower
case, in ASCII (Chinese through its pinyin, without tones): 許菁芸〈中俄兩國…〉 2024 is
``xu2024zhonge``; a text without an author takes the first four characters of its title, then
its year (〈北極合作研究〉 2023: ``beijihezuo2023``), as two characters alone would often be
shared. A key another text already has gets ``a``, ``b`` … at its end, as Better BibTeX does
(``beijihezuoa``).

Texts the library held before keys were kept (earlier versions generated keys at every
export) keep the key a whole-library export gave them, computed as before (:func:`legacy_keys`:
the letter after the year, in library order) and stored the first time a text is added,
removed or has its details changed (``reader.ops.references.keep_citekeys``); a database
without kept keys gets those same keys at every export.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping

from reader.documents import Document, Metadata
from reader.errors import InputError

_VALID = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_:.\-/]*[A-Za-z0-9_])?")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WORD = re.compile(r"[A-Za-z0-9]+")
_STOP = frozenset({"a", "an", "the", "of", "on", "in", "and", "for", "to", "with"})
# Two-character family names (Traditional and Simplified spellings).
COMPOUND_SURNAMES = frozenset(
    [
        "歐陽",
        "欧阳",
        "司馬",
        "司马",
        "諸葛",
        "诸葛",
        "上官",
        "東方",
        "东方",
        "夏侯",
        "皇甫",
        "尉遲",
        "尉迟",
        "公孫",
        "公孙",
        "慕容",
        "長孫",
        "长孙",
        "宇文",
        "司徒",
        "令狐",
        "端木",
        "申屠",
        "軒轅",
        "轩辕",
        "澹臺",
        "澹台",
        "聞人",
        "闻人",
        "呼延",
        "鍾離",
        "钟离",
        "張簡",
        "张简",
    ]
)
MAX_CHARS = 100


def check_citekey(key: str) -> str:
    """A citekey as Pandoc reads it (``[@key]``): ASCII letters, digits and ``_``, with
    ``: . - /`` inside; InputError otherwise."""
    key = key.strip()
    if len(key) > MAX_CHARS or not _VALID.fullmatch(key):
        raise InputError(
            f"{key!r} cannot be a citekey: use ASCII letters, digits and _ (with : . - / "
            f"inside), at most {MAX_CHARS} characters, e.g. lian2017yidai."
        )
    return key


def is_cjk(text: str) -> bool:
    return bool(_HAN.search(text))


def split_name(name: str) -> tuple[str, str]:
    """``(family, given)``: CJK names family first (compound surnames known), Western names
    family last (or before a comma)."""
    name = name.strip()
    if is_cjk(name):
        compact = name.replace(" ", "")
        size = 2 if len(compact) >= 3 and compact[:2] in COMPOUND_SURNAMES else 1
        return compact[:size], compact[size:]
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    parts = name.split()
    if len(parts) < 2:
        return name, ""
    return parts[-1], " ".join(parts[:-1])


@functools.lru_cache(maxsize=1024)
def romanize(text: str) -> str:
    """Lower-case ASCII: Han characters as toneless pinyin, accents dropped, nothing else."""
    if is_cjk(text):
        from pypinyin import Style, lazy_pinyin

        text = "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def _first_word(title: str) -> str:
    han = _HAN.findall(title[:8])
    if han and title.strip()[:1] and _HAN.match(title.strip()[:1]):
        return romanize("".join(han[:2]))
    for word in _WORD.findall(title):
        if word.lower() not in _STOP:
            return romanize(word)
    return ""


def base_citekey(meta: Metadata) -> str:
    """authorYYYYfirstword (before telling equal keys apart)."""
    family = split_name(meta.authors[0])[0] if meta.authors else ""
    key = romanize(family) + (meta.year or "") + _first_word(meta.title)
    key = key or romanize(meta.id) or "text"
    return key if key[0].isalpha() else "x" + key


def legacy_keys(documents: Iterable[Document]) -> dict[str, str]:
    """The keys earlier versions generated for ``documents`` (the whole library): equal keys
    told apart by ``a``, ``b`` … after the year, in library order. Kept as it was so that a
    text the library held before keys were stored keeps the key its exports gave it."""
    docs = list(documents)
    bases = {doc.id: base_citekey(doc.meta) for doc in docs}
    counts: dict[str, int] = {}
    for key in bases.values():
        counts[key] = counts.get(key, 0) + 1
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for doc in docs:
        key = bases[doc.id]
        if counts[key] > 1:
            n = seen.get(key, 0)
            seen[key] = n + 1
            year = doc.meta.year or ""
            family = romanize(split_name(doc.meta.authors[0])[0]) if doc.meta.authors else ""
            cut = len(family) + len(year)
            key = key[:cut] + chr(ord("a") + n % 26) + key[cut:]
        out[doc.id] = key
    return out


def new_base(meta: Metadata) -> str:
    """The key a text entering the library is given before it is told apart from others: as
    :func:`base_citekey`, but four characters of the title and the year when there is no
    author."""
    if meta.authors:
        return base_citekey(meta)
    # The title first, then the year: with the year first a key began with a digit and took an
    # "x" (x2024zhongeguanxi, x2024t4x).
    title = meta.title.strip()
    if title[:1] and _HAN.match(title[:1]):
        word = romanize("".join(_HAN.findall(title)[:4]))
    else:
        word = _first_word(title)
    key = word + (meta.year or "")
    return key if key[:1].isalpha() else base_citekey(meta)


def _suffixes() -> Iterator[str]:
    """``a`` … ``z``, ``aa`` … ``zz``, … (Better BibTeX's postfixes)."""
    size = 1
    while True:
        for letters in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)
        size += 1


def free_key(base: str, taken: Collection[str]) -> str:
    """``base`` if no other text has it, else ``base`` with the first free letter(s) at its
    end."""
    if base not in taken:
        return base
    return next(base + suffix for suffix in _suffixes() if base + suffix not in taken)


def new_citekey(meta: Metadata, taken: Collection[str]) -> str:
    """The key for a text entering a library whose texts have the keys ``taken``."""
    return free_key(new_base(meta), taken)


def citekeys(
    documents: Iterable[Document], kept: Mapping[str, str], reserved: Collection[str] = ()
) -> dict[str, str]:
    """Each document's citekey: the kept one (the user's, else the one given when it entered
    the library), else the one earlier versions generated over ``documents`` — the whole
    library, never a subset — told apart from every kept key and every key in ``reserved``
    (a given key the user's own hides, which comes back when the user's is cleared)."""
    docs = list(documents)
    out = {doc.id: kept[doc.id] for doc in docs if kept.get(doc.id)}
    if len(out) == len(docs):
        return out
    taken = {*kept.values(), *reserved}
    for doc_id, key in legacy_keys(docs).items():
        if doc_id not in out:
            out[doc_id] = key = free_key(key, taken)
            taken.add(key)
    return out


def page_range(doc: Document) -> tuple[str, str] | None:
    """The printed labels of the text's first and last page."""
    labels = [str(getattr(p, "printed", p.number)) for p in doc.pages]
    if not labels:
        return None
    return labels[0], labels[-1]

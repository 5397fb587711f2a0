"""Bytes to text for the text formats, and which script a text is written in.

Encodings: UTF-8 with or without BOM, UTF-16/32 with BOM (UTF-16 without BOM when its NUL pattern
shows), Big5 (cp950, Big5-HKSCS) and GB18030. Big5 and GB18030 both decode most byte strings
without error, so the choice between them is made by how common the resulting characters are
(characters of OpenCC's phrase tables), with charset-normalizer as the tie-breaker.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.errors import InputError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 (BOM)"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
# Every format `meipi import` reads, for the messages that refuse a file.
FORMATS = "PDFs, Markdown, the texts/ format and plain text files (UTF-8, UTF-16, Big5 or GB18030)"
_BINARY = f"looks like a binary file, not text. Meipi imports {FORMATS}."
_UNDECODABLE = (
    "is not in an encoding Meipi can read (UTF-8, UTF-16, Big5 or GB18030). Save it as "
    "UTF-8 and import it again."
)


def decode(data: bytes, name: str = "The file") -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding; InputError if binary or undecodable.

    Order: byte-order marks, then NUL bytes (UTF-16 without BOM, else binary), then strict
    UTF-8, then Big5 / GB18030 decided by the characters they yield."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name} starts like {label} but is not valid {label}.") from None
            _refuse_control_characters(text, name)
            return text, label
    if b"\x00" in data:
        text_16 = _utf16_without_bom(data)
        if text_16 is None:
            raise InputError(f"{name} {_BINARY}")
        _refuse_control_characters(text_16, name)
        return text_16, "UTF-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error: UnicodeDecodeError = exc
    else:
        _refuse_control_characters(text, name)
        return text, "UTF-8"
    try:
        text, label = _decode_chinese(data, name)
    except InputError:
        if _mostly_utf8(data):
            raise InputError(
                f"{name} is UTF-8 with damaged bytes (the first at byte {utf8_error.start}); "
                "repair or re-save it as UTF-8 and import it again."
            ) from None
        raise
    _refuse_control_characters(text, name)
    return text, label


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few bytes (a truncated or damaged file)."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    return any(ord(c) >= 0x80 and c != "\ufffd" for c in text) and damaged <= max(
        3, len(text) // 1000
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs on one side of each pair (ASCII characters)."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if min(even, odd) > max(even, odd) // 10:
        return None  # NULs on both sides: binary
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    odd_characters = sum(1 for c in text[:65536] if unicodedata.category(c) in ("Cn", "Co", "Cs"))
    if "\x00" in text or odd_characters > len(text[:65536]) // 100:
        return None
    return text


def _refuse_control_characters(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(
        1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v\x1a"
    )
    if "\x00" in sample or controls > max(2, len(sample) // 200):
        raise InputError(f"{name} {_BINARY}")


# Candidate legacy encodings: (Python codec, label). cp950 is Big5 as Windows writes it.
_CHINESE_CODECS: tuple[tuple[str, str], ...] = (
    ("cp950", "Big5"),
    ("big5hkscs", "Big5-HKSCS"),
    ("gb18030", "GB18030"),
)
_CHARSET_NORMALIZER_NAMES = {
    "big5": "cp950",
    "cp950": "cp950",
    "big5hkscs": "big5hkscs",
    "gb18030": "gb18030",
}
_PUNCTUATION = (
    set("，。、；：？！「」『』（）《》〈〉…—～·％“”‘’【】")
    | {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    | {chr(c) for c in range(0xFF01, 0xFF5F)}  # fullwidth ASCII: ２０２４年, ＮＡＴＯ
)


@functools.cache
def _common_characters() -> frozenset[str]:
    """The few thousand characters most used in OpenCC's phrase tables (Traditional and
    Simplified): real Chinese text is mostly made of them, mis-decoded bytes mostly are not."""
    folder = _opencc_dictionary()
    counts: Counter[str] = Counter()
    for name in ("TSPhrases.txt", "STPhrases.txt", "TWPhrases.txt"):
        path = folder / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                counts.update(key)
                counts.update(values.replace(" ", ""))
    common = {c for c, _ in counts.most_common(4000) if ord(c) >= 0x3400}
    return frozenset(common | _PUNCTUATION)


def chinese_score(text: str) -> float:
    """The share of wide (East Asian) characters that are common Chinese characters or
    punctuation. Letters of alphabets (Cyrillic, Greek, accented Latin) do not count either way:
    a Chinese article may quote Russian."""
    common = _common_characters()
    wide = [c for c in text if ord(c) >= 0x80 and not _alphabetic(c)]
    if not wide:
        return 0.0
    return sum(1 for c in wide if c in common) / len(wide)


def _alphabetic(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and unicodedata.east_asian_width(ch) in (
        "A",
        "N",
        "Na",
        "H",
    )


def _decode_chinese(data: bytes, name: str) -> tuple[str, str]:
    decoded: dict[str, tuple[str, str]] = {}
    for codec, label in _CHINESE_CODECS:
        if codec == "big5hkscs" and "cp950" in decoded:
            continue  # the same bytes, read the same way
        try:
            decoded[codec] = (data.decode(codec), label)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise InputError(f"{name} {_UNDECODABLE}")
    scores = {codec: chinese_score(text) for codec, (text, _) in decoded.items()}
    ranked = sorted(scores, key=lambda c: scores[c], reverse=True)
    best = ranked[0]
    if len(ranked) > 1 and scores[best] - scores[ranked[1]] < 0.1:
        best = _charset_normalizer_choice(data, list(decoded)) or best
    if scores[best] < 0.3:
        raise InputError(f"{name} {_UNDECODABLE}")
    return decoded[best]


def _charset_normalizer_choice(data: bytes, codecs: list[str]) -> str | None:
    from charset_normalizer import from_bytes

    isolation = [n for n, codec in _CHARSET_NORMALIZER_NAMES.items() if codec in codecs]
    match = from_bytes(data[:65536], cp_isolation=isolation).best()
    if match is None:
        return None
    return _CHARSET_NORMALIZER_NAMES.get(match.encoding.lower().replace("_", ""))


@dataclass(frozen=True)
class ScriptGuess:
    script: str
    traditional: int  # characters only Traditional writing uses
    simplified: int  # characters only Simplified writing uses

    @property
    def mixed(self) -> bool:
        low, high = sorted((self.traditional, self.simplified))
        return low >= 5 and low > high / 5


def _opencc_dictionary() -> Path:
    import opencc

    return Path(opencc.__file__).resolve().parent / "dictionary"


@functools.cache
def _script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters: those OpenCC converts, whose conversions
    do not include themselves (后 is both, 發 only Traditional, 发 only Simplified), and which
    the other side's legacy encoding lacks (峰 is in OpenCC's table as a variant of 峯, but
    Big5 has it: Traditional texts use it)."""
    result: list[frozenset[str]] = []
    for name, other_side in (("TSCharacters.txt", "gb2312"), ("STCharacters.txt", "cp950")):
        only: set[str] = set()
        for line in (_opencc_dictionary() / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if len(key) == 1 and values and key not in values.split():
                try:
                    key.encode(other_side)
                except UnicodeEncodeError:
                    only.add(key)
        result.append(frozenset(only))
    return result[0], result[1]


def guess_script(text: str) -> ScriptGuess:
    """``zh-Hans`` when Simplified-only characters outnumber Traditional-only ones, else
    ``zh-Hant-TW`` (``zh-Hant-HK`` is never guessed: only the user can say so)."""
    traditional, simplified = _script_only_characters()
    counts = Counter(text)
    t = sum(n for c, n in counts.items() if c in traditional)
    s = sum(n for c, n in counts.items() if c in simplified)
    return ScriptGuess("zh-Hans" if s > t else "zh-Hant-TW", t, s)

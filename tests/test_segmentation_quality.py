"""Word-boundary precision and recall of Meipi's segmentation against a hand-segmented sample
of the articles (``data/segmentation_gold.txt``: its standard is written at its top).

A boundary is a position between two characters; only positions whose two neighbours are both
Chinese characters or Chinese punctuation are scored (Latin words, digits and spaces follow
their own rules). The floor below is what Meipi measured when the sample was made, less a
margin; the figures are in the closing note of issue 19."""

from __future__ import annotations

from pathlib import Path

from reader.documents import load_library
from reader.words import WordIndex, word_index

GOLD = Path(__file__).parent / "data" / "segmentation_gold.txt"


def _scored(ch: str) -> bool:
    return not (ch.isascii() or ch.isspace())


def gold_passages() -> list[list[str]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [line.split(" | ") for line in lines if line and not line.startswith("#")]


def boundaries(words: list[str]) -> set[int]:
    found, at = set(), 0
    for word in words[:-1]:
        at += len(word)
        found.add(at)
    return found


def scored(text: str, bounds: set[int]) -> set[int]:
    return {b for b in bounds if 0 < b < len(text) and _scored(text[b - 1]) and _scored(text[b])}


def measure(index: WordIndex) -> tuple[float, float, int]:
    """(precision, recall, gold words) over the sample: each passage is found in the article
    (its spaces left out, as in the gold) and segmented where it stands."""
    doc = load_library().get("hsu-divergence")
    tp = fp = fn = words = 0
    for gold in gold_passages():
        passage = "".join(gold)
        # The passage in the article, spaces included; positions mapped to the space-free text.
        squeezed = [i for i, ch in enumerate(doc.text) if ch != " "]
        plain = "".join(doc.text[i] for i in squeezed)
        at = plain.index(passage)
        lo, hi = squeezed[at], squeezed[at + len(passage) - 1] + 1
        source = doc.text[lo:hi]
        to_plain = {}
        k = 0
        for i, ch in enumerate(source):
            to_plain[i] = k
            if ch != " ":
                k += 1
        to_plain[len(source)] = k
        got = {to_plain[s] for s, _e in index.words(source) if source[s] != " "}
        got = scored(passage, got)
        want = scored(passage, boundaries(gold))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        words += sum(1 for w in gold if any(_scored(c) and c.isalpha() for c in w))
    return tp / (tp + fp), tp / (tp + fn), words


def test_segmentation_precision_and_recall() -> None:
    precision, recall, words = measure(word_index("zh-Hant-TW"))
    assert words >= 200
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)

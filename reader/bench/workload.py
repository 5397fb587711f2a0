"""The benchmark's workload: a seeded 1,000,000-character Traditional document and annotations.

Words are sampled from OpenCC's own dictionaries (Traditional phrases and characters) and
sentences from the two shipped articles, recombined with punctuation, digits and Latin words, so
no sentence repeats verbatim and the converters meet real phrase-dictionary material.
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

from reader.documents import BlockDraft, Document, Metadata, assemble, load_library

LATIN = (
    "NATO",
    "Belt",
    "Road",
    "Initiative",
    "Arctic",
    "LNG",
    "Eurasian",
    "Economic",
    "Union",
    "SCO",
    "BRICS",
    "policy",
    "energy",
    "pipeline",
    "Yamal",
    "Kazakhstan",
)
PUNCT = ("，", "，", "，", "、", "；", "：")
END = ("。", "。", "。", "？", "！")


@functools.cache
def _dictionary_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    phrases: list[str] = []
    chars: list[str] = []
    for name, target in (
        ("TSPhrases.txt", phrases),
        ("TWPhrasesRev.txt", phrases),
        ("TSCharacters.txt", chars),
    ):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key = line.partition("\t")[0]
            if key:
                target.append(key)
    return tuple(phrases), tuple(chars)


def _article_sentences() -> list[str]:
    out: list[str] = []
    for doc in load_library(user_dir=Path("/nonexistent")):
        for block in doc.blocks:
            if block.kind == "paragraph":
                out.extend(s for s in re.split(r"(?<=[。！？])", doc.block_text(block)) if s)
    return out


def generate_text(n_chars: int = 1_000_000, seed: int = 20261122) -> list[str]:
    """Paragraphs totalling ``n_chars`` characters (with the newlines between them)."""
    rng = random.Random(seed)
    phrases, chars = _dictionary_words()
    sentences = _article_sentences()
    paragraphs: list[str] = []
    total = 0
    counter = 0
    while total < n_chars:
        parts: list[str] = []
        length = 0
        target = rng.randint(180, 420)
        while length < target:
            counter += 1
            kind = rng.random()
            if kind < 0.35:
                # A sentence of an article, cut and spliced so it never repeats verbatim.
                s = rng.choice(sentences).rstrip("。！？")
                cut = rng.randint(0, max(0, len(s) - 8))
                piece = s[cut : cut + rng.randint(8, 40)] + rng.choice(PUNCT) + str(counter)
            elif kind < 0.8:
                words = [rng.choice(phrases) for _ in range(rng.randint(3, 9))]
                words += [rng.choice(chars) for _ in range(rng.randint(1, 4))]
                rng.shuffle(words)
                piece = "".join(words)
            elif kind < 0.9:
                piece = " ".join(rng.choice(LATIN) for _ in range(rng.randint(1, 3)))
                piece = f" {piece} "
            else:
                piece = f"{rng.randint(1900, 2030)} 年 {rng.randint(1, 12)} 月"
            # Every sentence carries its own number, so no sentence repeats verbatim.
            piece += f"{counter}{rng.choice(END)}" if rng.random() < 0.3 else rng.choice(PUNCT)
            parts.append(piece)
            length += len(piece)
        para = "".join(parts).strip()
        paragraphs.append(para)
        total += len(para) + 1
    # Trim to n_chars (including the joining newlines); headings split later add a few more.
    text = "\n".join(paragraphs)[:n_chars]
    return text.split("\n")


def large_document(n_chars: int = 1_000_000, seed: int = 20261122) -> Document:
    """A document of ``n_chars`` characters, a heading every 20 paragraphs, ~1,500 chars a page."""
    paragraphs = generate_text(n_chars, seed)
    drafts: list[BlockDraft] = []
    page = 1
    since_page = 0
    for i, para in enumerate(paragraphs):
        kind = "heading" if i % 20 == 0 and i else ("title" if i == 0 else "paragraph")
        text = para[:30] if kind in ("heading", "title") else para
        if kind != "paragraph" and len(para) > 30:
            # Keep every character: the rest of a would-be heading stays a paragraph.
            drafts.append(BlockDraft(kind, 1 if kind == "heading" else 0, text))
            kind, text = "paragraph", para[30:]
        draft = BlockDraft(kind, 0, text)
        if since_page > 1500:
            page += 1
            since_page = 0
            draft.page_marks.append((0, page))
        since_page += len(text) + 1
        drafts.append(draft)
    drafts[0].page_marks.insert(0, (0, 1))
    meta = Metadata(id="bench-1m", title="基準測試文件", authors=("Meipi",), script="zh-Hant-TW")
    return assemble(meta, drafts, shipped=False)


def annotation_specs(
    doc: Document, count: int = 10_000, seed: int = 7
) -> list[tuple[int, int, str | None, list[str], str | None]]:
    """(start, end, colour, tags, note) for ``count`` annotations spread over ``doc``."""
    rng = random.Random(seed)
    colours = ("yellow", "green", "blue", "pink", "purple", None)
    tags = ("中亞", "能源", "北極", "一帶一路", "軍事", "地區/中亞", "地區/南海", "Energy")
    specs = []
    n = len(doc.text)
    for i in range(count):
        start = rng.randrange(0, n - 60)
        end = start + rng.randint(4, 60)
        colour = colours[i % len(colours)]
        chosen = rng.sample(tags, rng.randint(0, 3))
        note = None if (i % 3 and colour) else f"筆記 {i}：**重點** 與 #{rng.choice(tags)}"
        specs.append((start, end, colour, chosen, note))
    specs.sort(key=lambda spec: (spec[0], spec[1]))  # (a colour and None do not compare)
    return specs


def library_documents(count: int, chars_each: int = 12_000, seed: int = 3000) -> list[Document]:
    """``count`` user texts of about ``chars_each`` characters each (a library of thousands:
    3,000 × 12,000 is about 36M characters), cut from one seeded generated text at paragraph
    ends; a heading every 20 paragraphs and about 1,500 characters a page, as
    :func:`large_document`."""
    paragraphs = generate_text(count * chars_each, seed)
    docs: list[Document] = []
    at = 0
    for n in range(count):
        drafts = [BlockDraft("title", 0, f"圖書館測試文件 {n + 1}")]
        drafts[0].page_marks.append((0, 1))
        size = page = since_page = 0
        while at < len(paragraphs) and (size < chars_each or n == count - 1):
            para = paragraphs[at]
            at += 1
            if not para:
                continue
            draft = BlockDraft("heading" if len(drafts) % 20 == 0 else "paragraph", 0, para)
            if draft.kind == "heading":
                draft.level = 1
                draft.text = para[:30]
                if len(para) > 30:
                    drafts.append(draft)
                    draft = BlockDraft("paragraph", 0, para[30:])
            if since_page > 1500:
                page += 1
                since_page = 0
                draft.page_marks.append((0, page + 1))
            since_page += len(draft.text) + 1
            size += len(para) + 1
            drafts.append(draft)
        meta = Metadata(
            id=f"lib-{n + 1:04d}",
            title=f"圖書館測試文件 {n + 1}",
            authors=("Meipi",),
            script="zh-Hant-TW",
        )
        docs.append(assemble(meta, drafts, shipped=False))
    return docs

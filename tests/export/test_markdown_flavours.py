"""The Markdown exports read the same in every flavour: Pandoc's ``markdown``,
``markdown_strict``, ``commonmark_x``, ``gfm`` and ``commonmark`` (each reading the front matter
as metadata, as GitHub and Obsidian do), and markdown-it-py: one block quote per annotation, no
list but those a note typed, no heading a note typed, no raw HTML; and every tag is one Obsidian
accepts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from markdown_it import MarkdownIt

from reader.documents import Document
from reader.export import render_export
from reader.export.escape import note_paragraphs
from reader.export.records import AnnotationRecord, ExportOptions
from reader.export.tagnames import TagNames
from tests.export.helpers import TAGS, anchor, library_docs, source_for
from tests.export.mdcheck import obsidian_ok, split_front_matter

STAMP = "2026-11-22T01:02:03Z"
# Pandoc's readers; those without front matter by default are told to read it (as the
# Markdown tools that show front matter do).
FLAVOURS = (
    "markdown",
    "markdown_strict+yaml_metadata_block",
    "commonmark_x",
    "gfm+yaml_metadata_block",
    "commonmark+yaml_metadata_block",
)
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (CI installs it: apt-get install pandoc)"
)

NOTES = [
    "\\<script>alert(1)</script> and <script>alert(2)</script>",
    "a. first\nb. second\n(c) third\n#. fourth\n(@) example",
    "term\n: definition\n~ another",
    "| line block\n::: div\n~~~\ncode",
    "`<b>x</b>`{=html} and <!-- comment --> <div>",
    "p. 3 · looks like a citation\ni. roman\niv) four",
    "- a list\n  - nested\n* another\n1. numbered\n> quote\n\n## A heading in a note",
    "\\section{raw tex} and $x$ fine",
    "**bold** _em_ [link](http://example.org) <https://example.org>",
    "```<div>```\n~~~ <b>\n``<i>``{=html}",
]


def _records(docs: list[Document]) -> list[AnnotationRecord]:
    lian, hsu = docs
    quotes = [
        (lian, "區域性的多邊或雙邊合作"),
        (lian, "上海合作組織的成員大多為中亞國家"),
        (lian, "出兵喬治亞"),
        (lian, "1990 年代中期之「建設性夥伴關係」"),  # across pages 1–2
        (lian, "普京上台以後"),
        (hsu, "北極地區因全球暖化因素"),
        (hsu, "在南海問題上"),
        (hsu, "編按"),
        (lian, "中亞國家為前蘇聯之一部份"),
    ]
    recs = []
    for i, (doc, quote) in enumerate(quotes):
        recs.append(
            anchor(
                doc,
                quote,
                color=(None if i == 2 else "yellow"),
                tags=TAGS[(2 * i) % len(TAGS) : (2 * i) % len(TAGS) + 4],
                note=NOTES[i % len(NOTES)],
                ident=f"00000000-0000-4000-8000-{i:012d}",
            )
        )
    return recs


@pytest.fixture(scope="module")
def exports() -> dict[str, tuple[str, int]]:
    """The exports checked, with the number of annotations in each."""
    docs = library_docs()
    recs = _records(docs)
    source = source_for(docs, recs)
    out: dict[str, tuple[str, int]] = {}
    for name, options in {
        "markdown": ExportOptions(exported_at=STAMP),
        "pandoc": ExportOptions(exported_at=STAMP, flavour="pandoc", pinyin=True),
        "by-tag": ExportOptions(exported_at=STAMP, group_by="tag"),
    }.items():
        out[name] = (render_export(options, source), len(recs))
    compare = render_export(ExportOptions(format="compare", exported_at=STAMP), source)
    # In a comparison a passage appears once per theme it has.
    themes = sum(len({t.casefold() for t in r.tags}) or 1 for r in recs)
    out["compare"] = (compare, themes)
    by_tag = sum(len({t.casefold() for t in r.tags}) or 1 for r in recs)
    out["by-tag"] = (out["by-tag"][0], by_tag)
    return out


# The list items the notes above type (a note's Markdown reaches the export as Markdown), and
# its heading, written as strong text.
ITEMS = {"a list", "nested", "another", "numbered > quote"}
NOTE_HEADING = "A heading in a note"


def _text(inlines: list[dict[str, Any]]) -> str:
    """What a reader sees of Pandoc's inlines (breaks as spaces)."""
    out = []
    for node in inlines:
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif node["t"] in ("Strong", "Emph"):
            out.append(_text(node["c"]))
    return "".join(out)


def _items(node: dict[str, Any]) -> list[str]:
    """The text of each item of a Pandoc list (its first block) and of the lists inside it."""
    items = node["c"] if node["t"] == "BulletList" else node["c"][1]
    texts = []
    for blocks in items:
        texts.append(
            _text(blocks[0]["c"]) if blocks and blocks[0]["t"] in ("Plain", "Para") else ""
        )
    return texts


_LISTS = ("BulletList", "OrderedList")


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@needs_pandoc
@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("name", ["markdown", "pandoc", "by-tag", "compare"])
def test_pandoc_reads_one_blockquote_per_annotation(
    exports: dict[str, tuple[str, int]], flavour: str, name: str
) -> None:
    text, count = exports[name]
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    )
    ast = json.loads(done.stdout)
    blocks = ast["blocks"]
    kinds = [b["t"] for b in _walk(blocks)]
    assert [b["t"] for b in blocks].count("BlockQuote") == count
    assert kinds.count("BlockQuote") == count, "no block quote inside another block"
    for bad in ("DefinitionList", "LineBlock", "CodeBlock"):
        assert bad not in kinds, f"{flavour} reads a {bad} in the {name} export"
    # Lists: the notes' own, nothing else in them (markdown_strict has no "\\" line break).
    items = [t.replace("\\", "") for b in _walk(blocks) if b["t"] in _LISTS for t in _items(b)]
    assert items and {" ".join(t.split()) for t in items} == ITEMS, items
    # A note's heading is strong text, not a heading of the export.
    headers = [_text(b["c"][2]) for b in _walk(blocks) if b["t"] == "Header"]
    assert NOTE_HEADING not in headers
    raw = [b for b in _walk(blocks) if b["t"] in ("RawBlock", "RawInline")]
    assert raw == [], f"{flavour} reads raw {raw[:3]} in the {name} export"
    html = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "html"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode("utf-8")
    assert "<script" not in html
    assert f"<strong>{NOTE_HEADING}</strong>" in html
    assert html.count("<blockquote>") == count


_MD = MarkdownIt("commonmark").enable("table")


@pytest.mark.parametrize("name", ["markdown", "pandoc", "by-tag", "compare"])
def test_markdown_it_reads_one_blockquote_per_annotation(
    exports: dict[str, tuple[str, int]], name: str
) -> None:
    text, count = exports[name]
    _, body = split_front_matter(text)
    tokens = _MD.parse(body)
    types = [t.type for t in tokens]
    assert types.count("blockquote_open") == count
    assert all(t.level == 0 for t in tokens if t.type == "blockquote_open")
    assert not {"html_block", "code_block", "fence"} & set(types)
    # The notes' lists, and only their items in them.
    items = {
        "".join(
            " " if c.type.endswith("break") else c.content for c in tokens[i + 2].children or []
        )
        for i, t in enumerate(tokens)
        if t.type == "list_item_open"
    }
    assert items == ITEMS
    inline = [c.type for t in tokens for c in t.children or []]
    assert "html_inline" not in inline


# Obsidian's rule for a tag: Unicode letters and digits, "_", "-", "/"; not all digits.
_OBSIDIAN = re.compile(r"#([\w/-]+)")


def test_every_tag_is_an_obsidian_tag_and_maps_back(exports: dict[str, tuple[str, int]]) -> None:
    text, _ = exports["markdown"]
    front, body = split_front_matter(text)
    assert all(obsidian_ok(t) for t in front["tags"]), front["tags"]
    mapping = front["meipi-tags"]
    # Reversible: every mapped name leads back to the spelling the user typed.
    names = TagNames(t for r in _records(library_docs()) for t in r.tags)
    for name in front["tags"]:
        original = mapping.get(name, name)
        assert names.name(original) == name
    assert set(front["tags"]) == {
        names.name(t) for t in TAGS if t in {*mapping.values(), *front["tags"]}
    }
    # In the body, each meta line's tags are exactly the mapped names (no escapes inside).
    meta_tags = {m.group(1) for m in _OBSIDIAN.finditer(body) if m.group(1) in front["tags"]}
    assert meta_tags == set(front["tags"])


# Pieces of Markdown, HTML and Pandoc syntax that notes and quotes are made of, at random.
_PIECES = [
    *"#>-*+_=|:[]()!<>\\`~%$&;^{} \t\n1.)ax/@",
    *("<script>", "</b>", "<!--", "{=html}", "```", "~~~", "(@)", "a.", "iv)", "::: "),
    *("\\section", "$x$", "[^1]", "^[n]", "<div>", "&lt;", "| a |", "- ", "1. "),
]


@needs_pandoc
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_random_notes_and_text_stay_inside_their_passage(flavour: str) -> None:
    """150 random notes (Markdown as typed) and as many literal texts, each after its own
    block quote: every flavour still reads 150 block quotes and their 150 page lines at the top
    level (no list of a note takes them in), no code block, no line block, no raw HTML.
    (Markdown.pl, ``markdown_strict``, reads a note line starting with
    ``#tag`` as a heading; Meipi keeps such lines as typed, since Obsidian reads them as
    tags.)"""
    import random

    from reader.export.escape import inline, note_paragraphs

    rng = random.Random(20)
    notes = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30))) for _ in range(150)]
    blocks: list[str] = []
    for note in notes:
        blocks += ["> q", "p\\. 3 · x", *note_paragraphs(note)]
        blocks.append(inline(note.replace("\n", " ")) or "x")
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "json"],
        input=("\n\n".join(blocks) + "\n").encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    )
    top = json.loads(done.stdout)["blocks"]
    kinds = [b["t"] for b in _walk(top)]
    assert [b["t"] for b in top].count("BlockQuote") == len(notes)
    pages = [b for b in top if b["t"] == "Para" and _text(b["c"]) == "p. 3 · x"]
    assert len(pages) == len(notes)
    bad_kinds = ("DefinitionList", "LineBlock", "CodeBlock", "Div")
    for bad in (*bad_kinds, "Table"):
        assert bad not in kinds, bad
    raw = [b for b in _walk(top) if b["t"] in ("RawBlock", "RawInline")]
    assert raw == []


PIPE_NOTES = [
    "test |pipe <x>",
    "a | b\n- | -\n1 | 2",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a|b\n:-:|--\nc|d",
    "x\n a | b\n ---|---",
    "+---+---+\n| a | b |\n+===+===+",
    "  a    b\n ---  ---\n  1    2",
]


@needs_pandoc
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_pipes_in_notes_never_make_a_table(flavour: str) -> None:
    """A note is Markdown as typed: a ``|`` inside a line is kept (it means nothing there), one
    at a line's start is a character reference, and a delimiter or rule row is escaped, so no
    flavour reads a pipe, grid or simple table; the reader sees the note as typed."""
    docs = library_docs()
    lian = docs[0]
    quotes = ["出兵喬治亞", "普京上台以後", "區域性的多邊或雙邊合作", "中亞國家為前蘇聯之一部份"]
    quotes += ["上海合作組織的成員大多為中亞國家", "中亞", "編按"]
    hsu = docs[1]
    recs = [
        anchor(lian if i < 5 else hsu, q, note=n)
        for i, (q, n) in enumerate(zip(quotes, PIPE_NOTES, strict=True))
    ]
    text = render_export(ExportOptions(exported_at=STAMP), source_for(docs, recs))
    assert "test |pipe &lt;x>" in text
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    )
    kinds = [b["t"] for b in _walk(json.loads(done.stdout)["blocks"])]
    assert "Table" not in kinds and "RawInline" not in kinds
    plain = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "plain", "--wrap=none"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode("utf-8")
    assert "test |pipe <x>" in plain
    tokens = _MD.parse(split_front_matter(text)[1])
    assert "table_open" not in [t.type for t in tokens]


@needs_pandoc
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_line_of_hyphens_in_a_note_reads_as_typed(flavour: str) -> None:
    """A note line "---" (or "- - -", "+--") shows its hyphens as typed: escaping only the
    first left "--", which Pandoc's smart typography turns into an en dash ("-–")."""
    assert PANDOC is not None
    for typed in ("---", "- - -", "+--", "=--=", "--"):
        body = "\n\n".join(note_paragraphs(f"before\n{typed}\nafter"))
        html = subprocess.run(
            [PANDOC, "-f", flavour, "-t", "html"],
            input=body,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert typed in html and "–" not in html and "—" not in html and "<hr" not in html, (
            typed,
            body,
            html,
        )

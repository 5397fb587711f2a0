"""Every quote and note of a Markdown export reads as written in every flavour the README names
(Pandoc's ``markdown``, ``commonmark``, ``gfm``, ``commonmark_x``, ``markdown_strict``, and
``markdown_mmd``) and in markdown-it-py (CommonMark with strikethrough, as Obsidian reads it):
no smart typography (``--``, ``---``, ``...``, straight quotes), no attributes (``{.class}``), no
emoji (``:a:``), no subscript from a tilde, no stray backslash at a line break, an ordered
list's ``1)`` kept. Many cases go to one Pandoc run per flavour, so the whole file takes a few
seconds."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.documents import BlockDraft, Document, Metadata, assemble
from reader.export import escape, render_export
from reader.export.records import ExportOptions
from tests.export.helpers import anchor, source_for
from tests.export.mdcheck import split_front_matter

FLAVOURS = ("markdown", "commonmark", "gfm", "commonmark_x", "markdown_strict", "markdown_mmd")
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (CI installs it: apt-get install pandoc)"
)
SEPARATOR = "QSEPQ"
_OBSIDIAN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def pandoc_plain(flavour: str, cases: Sequence[str]) -> list[str]:
    """What Pandoc's plain-text writer shows of each case (Markdown blocks), in one run."""
    assert PANDOC is not None
    source = f"\n\n{SEPARATOR}\n\n".join(cases) + "\n"
    out = subprocess.run(
        [PANDOC, "-f", flavour, "-t", "plain", "--wrap=none"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    chunks = re.split(rf"^{SEPARATOR}$", out, flags=re.MULTILINE)
    assert len(chunks) == len(cases), (flavour, out)
    return chunks


def obsidian_text(markdown: str) -> str:
    """What markdown-it-py shows of some Markdown: the text, list markers (``1)``, ``-``), line
    breaks (markup, as Pandoc's plain text, left out; raw HTML fails)."""
    out: list[str] = []
    for token in _OBSIDIAN.parse(markdown):
        if token.type == "list_item_open":
            out.append(token.info + token.markup + " ")
        elif token.type in ("paragraph_close", "heading_close"):
            out.append("\n")
        for child in token.children or []:
            assert not child.type.startswith("html"), markdown
            if child.type in ("softbreak", "hardbreak"):
                out.append("\n")
            elif child.type in ("text", "text_special", "code_inline"):
                out.append(child.content)
    return "".join(out)


def squashed(text: str) -> str:
    """The text without its white space, composed (Pandoc reads its input in NFC: a CJK
    compatibility ideograph comes out as its unified one)."""
    return unicodedata.normalize("NFC", "".join(text.split()))


def first_loss(
    flavour: str, shown: Sequence[str], wanted: Sequence[str], written: Sequence[str]
) -> str | None:
    for seen, want, md in zip(shown, wanted, written, strict=True):
        if squashed(seen) != squashed(want):
            return f"{flavour}: {want!a} written {md!a} reads {seen.strip()!a}"
    return None


# Literal text (quotes): anything, with what smart typography, attributes, emoji and
# subscript would take, often.
QUOTE_PIECES = [
    *"-.\"'{}:~`*_[]#<>&|()!1ax中 ",
    *("--", "---", "...", "....", "{.class}", "{#id}", ":a:", ":smile:", "1)", "~~s~~", "'s"),
]
QUOTES = st.lists(
    st.one_of(st.sampled_from(QUOTE_PIECES), st.characters(exclude_categories=["Cs", "Cc"])),
    max_size=14,
).map(lambda parts: " ".join(escape.clean("".join(parts)).split()))

# Notes (Markdown as typed): text with the same characters, code spans (one across a line
# break), line breaks and paragraphs, and at a line's start a strikethrough, a bullet, or
# (first in the note, so no list is renumbered) "1)" or "1.". Markup whose characters a
# reader does not see (emphasis, links, headings) is left to the structure tests.
NOTE_WORDS = [
    *"-.\"'{}:()1ax中 ",
    *("--", "---", "...", "{.class}", "{#id}", ":a:", "'s", "x--y", "國際"),
    *(" `code` ", " `a\nb` ", " `x--y 'q' \"d\" ...` ", " `{.c}` "),
]
NOTE_STARTS = ["", "", "", "~~struck~~ ", "- ", "~x ", "ж) ", "É."]
NOTE_FIRSTS = ["", "", "1) ", "1. ", "2) "]


@st.composite
def notes(draw: st.DrawFn) -> str:
    paras = []
    for p in range(draw(st.integers(1, 3))):
        lines = []
        for i in range(draw(st.integers(1, 3))):
            start = draw(st.sampled_from(NOTE_FIRSTS if i == p == 0 else NOTE_STARTS))
            words = "".join(draw(st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=8)))
            if re.match(r"[0-9]+[.)](?:\s|$)", words):
                words = "x" + words  # (a list's later numbers are the list's, not as typed)
            lines.append(start + words)
        paras.append("\n".join(lines))
    return "\n\n".join(paras)


def shown_note(note: str) -> str:
    """What a reader sees of a generated note: its characters, the code spans' ticks aside."""
    return note.replace("`", "")


@needs_pandoc
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(
    quotes=st.lists(QUOTES.filter(str.strip), min_size=60, max_size=60),
    typed=st.lists(notes(), min_size=60, max_size=60),
)
def test_every_flavour_reads_quotes_and_notes_as_written(
    quotes: list[str], typed: list[str]
) -> None:
    written = [escape.blockquote(escape.line_paragraphs(q)) for q in quotes]
    written += ["\n\n".join(escape.note_paragraphs(n)) for n in typed]
    wanted = quotes + [shown_note(n) for n in typed]
    losses = [
        first_loss(flavour, pandoc_plain(flavour, written), wanted, written) for flavour in FLAVOURS
    ]
    losses.append(first_loss("markdown-it", [obsidian_text(w) for w in written], wanted, written))
    assert [loss for loss in losses if loss] == []


# A note's line break in every flavour: a line break (markdown_strict has no "\\" break), and
# none inside a code span (a literal "\\" there).
BREAK_NOTES = [
    ("first line\nsecond line", ["first line", "second line"]),
    ("see `a\nb` here\nnext", ["see a b here", "next"]),
    ("- item\n  continued\n- two", ["item", "continued", "two"]),
    ("國際關係\n中俄", ["國際關係", "中俄"]),
]


@needs_pandoc
@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_line_typed_on_its_own_stays_on_its_own_line(flavour: str) -> None:
    written = ["\n\n".join(escape.note_paragraphs(note)) for note, _ in BREAK_NOTES]
    for shown, (note, lines) in zip(pandoc_plain(flavour, written), BREAK_NOTES, strict=True):
        seen = [" ".join(line.strip(" -").split()) for line in shown.strip().split("\n")]
        assert seen == lines, (note, written, shown)
    for md, (note, lines) in zip(written, BREAK_NOTES, strict=True):
        seen = [line.strip(" -") for line in obsidian_text(md).strip().split("\n")]
        assert seen == lines, (note, md)


def test_plain_chinese_prose_is_written_as_it_is() -> None:
    prose = "自從戈巴契夫提出「新思維」以後，中俄關係——包括“戰略夥伴”在內……逐步改善。"
    assert escape.inline(prose) == prose
    assert escape.note_paragraphs(prose + "\n第二行") == [prose + "  \n第二行"]


def test_a_numbered_note_keeps_its_delimiter() -> None:
    assert escape.note_paragraphs("1) first\n2) second") == ["1) first\n2) second"]


# The tester's passages, in a text of their own, exported as Pandoc is told to read them.
PASSAGES = [
    "The comments begin with -- and end either with another --",
    'If inputFileName is "/aa/bb/xx.yy" and',
    "wait... it's 'quoted' --- and ‹!-- 註解 -->",
    "大括號 {.class}，方括號 [1] :a: 表情",
]
EXPORT_NOTES = [
    "first line\nsecond line",
    "see `a\nb` here",
    "~~struck~~ text",
    "1) one\n2) two",
]


def _passages_doc() -> Document:
    meta = Metadata(id="t", title="Quotes", authors=("A",))
    drafts = [BlockDraft("title", 0, "Quotes"), *(BlockDraft("paragraph", 0, p) for p in PASSAGES)]
    return assemble(meta, drafts)


@needs_pandoc
@pytest.mark.parametrize("pandoc_flavour", [False, True])
def test_the_testers_passages_read_as_written(pandoc_flavour: bool) -> None:
    doc = _passages_doc()
    recs = [
        anchor(doc, quote, note=note, tags=["x"])
        for quote, note in zip(PASSAGES, EXPORT_NOTES, strict=True)
    ]
    options = ExportOptions(
        exported_at="2026-11-22T01:02:03Z", flavour="pandoc" if pandoc_flavour else "obsidian"
    )
    text = render_export(options, source_for([doc], recs))
    body = split_front_matter(text)[1]
    for flavour in FLAVOURS:
        shown = " ".join(pandoc_plain(flavour, [body])[0].split())
        for quote in PASSAGES:
            assert quote in shown, (flavour, quote, shown)
        assert "first line second line" in shown and "see a b here" in shown, (flavour, shown)
        assert "~~struck~~ text" in shown, (flavour, shown)
        assert "1) one 2) two" in shown, (flavour, shown)

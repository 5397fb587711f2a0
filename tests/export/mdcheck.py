"""Reading an export back the way GitHub or Obsidian would: front matter with a YAML parser, the
body with a CommonMark parser (markdown-it-py, tables on), reduced to its block structure and
the text a reader sees."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

_MD = MarkdownIt("commonmark").enable("table")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    assert text.startswith("---\n"), "an export starts with front matter"
    end = text.index("\n---\n", 3)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict)
    return data, text[end + len("\n---\n") :]


# Inline markup a note may carry (its Markdown as typed), by markdown-it-py token type.
MARKUP = {
    "em_open": "em",
    "strong_open": "strong",
    "code_inline": "code",
    "link_open": "link",
    "image": "image",
}
_CLOSING = {"em_close", "strong_close", "link_close"}


def _walk(inline: Token) -> tuple[str, tuple[str, ...]]:
    parts: list[str] = []
    markup: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "code_inline":
            parts.append(child.content)
            markup.append("code")
        elif child.type == "image":
            parts.append(child.content)
            markup.append("image")
        elif child.type in MARKUP:
            markup.append(MARKUP[child.type])
        elif child.type not in _CLOSING:
            raise AssertionError(f"unexpected inline markup {child.type}: {child.markup!r}")
    return "".join(parts), tuple(markup)


def visible(inline: Token) -> str:
    """What a reader sees of an inline token that must be plain text: its text, line breaks as
    ``\\n`` (any markup fails)."""
    text, markup = _walk(inline)
    if markup:
        raise AssertionError(f"unexpected inline markup {markup} in {inline.content!r}")
    return text


def links(body: str) -> list[str]:
    """The targets of every link in the body, in order."""
    return [
        str(child.attrGet("href"))
        for tok in _MD.parse(body)
        for child in tok.children or []
        if child.type == "link_open"
    ]


def skeleton(body: str) -> list[tuple[str, str]]:
    """Block structure: ``("h2", text)``, ``("p", text)``, ``(">", "")``, ``("/>", "")``, …

    A paragraph with inline markup (a note's emphasis, code, links) is ``("md", text)``: its
    text as seen, the markup's own characters left out (:func:`paragraphs` tells the markup).
    Raw HTML anywhere fails, and so does inline markup in a heading or table cell."""
    out: list[tuple[str, str]] = []
    tokens = _MD.parse(body)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            out.append((tok.tag, visible(tokens[i + 1])))
            i += 3
            continue
        if tok.type == "paragraph_open":
            text, markup = _walk(tokens[i + 1])
            out.append(("md" if markup else "p", text))
            i += 3
            continue
        if tok.type == "blockquote_open":
            out.append((">", ""))
        elif tok.type == "blockquote_close":
            out.append(("/>", ""))
        elif tok.type == "table_open":
            out.append(("table", ""))
        elif tok.type in ("th_open", "td_open"):
            out.append((tok.type[:2], visible(tokens[i + 1])))
            i += 3
            continue
        elif tok.type in (
            "tr_open",
            "tr_close",
            "thead_open",
            "thead_close",
            "tbody_open",
            "tbody_close",
            "table_close",
        ):
            pass
        else:
            out.append((tok.type, tok.content))
        i += 1
    return out


@dataclass(frozen=True)
class Paragraph:
    text: str  # as seen, line breaks as "\\n"
    markup: tuple[str, ...]  # "strong", "em", "code", "link", "image", in order
    source: str  # the Markdown the paragraph was parsed from


def paragraphs(body: str) -> list[Paragraph]:
    """Every paragraph of the body (in block quotes too), with its markup and source."""
    tokens = _MD.parse(body)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "paragraph_open":
            text, markup = _walk(tokens[i + 1])
            out.append(Paragraph(text, markup, tokens[i + 1].content))
    return out


def obsidian_ok(name: str) -> bool:
    """Whether Obsidian reads ``#name`` as a tag: word characters, ``/`` and ``-``, not only
    digits."""
    return bool(re.fullmatch(r"[\w/-]+", name)) and not re.fullmatch(r"[\d/]+", name)

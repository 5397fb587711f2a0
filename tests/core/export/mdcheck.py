"""Reading an export back the way GitHub or Obsidian would: front matter with a YAML parser, the
body with a CommonMark parser (markdown-it-py, tables on), reduced to its block structure and
the text a reader sees."""

from __future__ import annotations

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


def visible(inline: Token) -> str:
    """What a reader sees of an inline token: its text, line breaks as ``\\n``."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            raise AssertionError(f"unexpected inline markup {child.type}: {child.markup!r}")
    return "".join(parts)


def skeleton(body: str) -> list[tuple[str, str]]:
    """Block structure: ``("h2", text)``, ``("p", text)``, ``(">", "")``, ``("/>", "")``, …"""
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
            out.append(("p", visible(tokens[i + 1])))
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

"""Markdown: ATX and setext headings, footnote definitions as notes, images' alt text as captions,
front matter (title, authors, venue, date) as metadata; inline markup removed, every word kept.
A form feed starts a page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader import documents
from reader.documents import BlockDraft, Document, Metadata, Page, is_date
from reader.importing.base import (
    Built,
    FormatReader,
    Overrides,
    Source,
    join_lines,
    split_authors,
)

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


class MarkdownReader(FormatReader):
    name = "markdown"
    label = "Markdown"
    suffixes = MARKDOWN_SUFFIXES

    def sniff_text(self, text: str, name: str) -> bool:
        if name.lower().endswith(MARKDOWN_SUFFIXES):
            return True
        headings = len(re.findall(r"(?m)^#{1,6}[ \t]+\S", text))
        emphasis = len(re.findall(r"\*\*\S[^*\n]*\*\*|\[[^\[\]\n]+\]\([^)\s]+\)", text))
        return headings >= 2 or (headings >= 1 and emphasis >= 1)

    def build(self, source: Source, overrides: Overrides) -> Built:
        document, front_title = _markdown_document(source, first_page=overrides.first_page or 1)
        # The front matter's title is the text's title even when no heading repeats it.
        return Built(document, found_title=front_title)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_2 = re.compile(r"^ {0,3}-+[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_ORDERED = re.compile(r"^\s*(\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE_ALONE = re.compile(r"^\s*!\[([^\]]*)\]\([^)]*\)\s*$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*")
_COMMENT = re.compile(r"<!--.*?-->")


def _inline(text: str) -> str:
    """Markdown inline markup removed, every word kept (a link keeps its address)."""
    text = _COMMENT.sub("", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"!\[([^\[\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[\^([^\[\]]+)\]", r"[\1]", text)

    def link(m: re.Match[str]) -> str:
        label, url = m.group(1), m.group(2).split()[0] if m.group(2).split() else ""
        return label if not url or url == label or url.startswith("#") else f"{label} ({url})"

    # Labels hold no bracket: a run of '[' would make the search quadratic.
    text = re.sub(r"\[([^\[\]]+)\]\(([^)]*)\)", link, text)
    text = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", text)
    for marker in (r"\*\*\*", r"\*\*", r"\*", "~~"):
        text = re.sub(rf"{marker}(?=\S)(.+?)(?<=\S){marker}", r"\1", text)
    for marker in ("___", "__", "_"):
        text = re.sub(
            rf"(?<![A-Za-z0-9]){marker}(?=\S)(.+?)(?<=\S){marker}(?![A-Za-z0-9])", r"\1", text
        )
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text)
    return " ".join(text.split())


@dataclass
class _MdBlock:
    kind: str
    level: int
    lines: list[tuple[str, int]]  # (inline-cleaned text, page)


def _front_matter(lines: list[str]) -> tuple[dict[str, str | list[str]], int]:
    """YAML-like front matter (``---`` … ``---``): simple keys and lists; lines consumed."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, 0
    values: dict[str, str | list[str]] = {}
    key = ""
    for line in lines[1:end]:
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key:
            current = values.get(key)
            listed = current if isinstance(current, list) else []
            listed.append(_unquote(item.group(1)))
            values[key] = listed
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not m:
            return {}, 0  # not front matter after all
        key, value = m.group(1).lower(), m.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            values[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            values[key] = _unquote(value)
    return values, end + 1


def _unquote(value: str) -> str:
    """A YAML scalar's text: one pair of enclosing quotes removed with their escapes
    (``"…\\"…"``, ``'…''…'``); an unquoted value loses a trailing ``# comment``."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r'\\(["\\])', r"\1", value[1:-1])
    return re.sub(r"\s+#.*$", "", value)


def _markdown_blocks(text: str) -> tuple[list[_MdBlock], dict[str, str | list[str]], int]:
    raw_lines = text.split("\n")
    front, skip = _front_matter(raw_lines)
    blocks: list[_MdBlock] = []
    current: _MdBlock | None = None
    fence: str | None = None
    page = 1
    pages = 1

    def flush() -> None:
        nonlocal current
        if current is not None and any(t for t, _ in current.lines):
            blocks.append(current)
        current = None

    def add(kind: str, level: int, content: str) -> None:
        nonlocal current
        if current is None or current.kind != kind:
            flush()
            current = _MdBlock(kind, level, [])
        current.lines.append((content, page))

    for index, raw in enumerate(raw_lines):
        if index < skip:
            continue
        if "\f" in raw:
            page += raw.count("\f")
            pages = max(pages, page)
            raw = raw.replace("\f", "")
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            elif raw.strip():
                flush()
                blocks.append(_MdBlock("paragraph", 0, [(raw.strip(), page)]))
            continue
        m = _FENCE.match(raw)
        if m:
            flush()
            fence = m.group(1)
            continue
        if not raw.strip():
            flush()
            continue
        if _SETEXT_1.match(raw) and current is not None and current.kind == "paragraph":
            current.kind, current.level = "heading", 1
            flush()
            continue
        if _SETEXT_2.match(raw) and current is not None and current.kind == "paragraph":
            current.kind, current.level = "heading", 2
            flush()
            continue
        if _BREAK.match(raw) or (_TABLE_RULE.match(raw) and "|" in raw):
            flush()
            continue
        m = _ATX.match(raw)
        if m:
            flush()
            content = _inline(m.group(2) or "")
            if content:
                blocks.append(_MdBlock("heading", len(m.group(1)), [(content, page)]))
            continue
        m = _IMAGE_ALONE.match(raw)
        if m:
            flush()
            if m.group(1).strip():
                blocks.append(_MdBlock("caption", 0, [(_inline(m.group(1)), page)]))
            continue
        m = _FOOTNOTE_DEF.match(raw)
        if m:
            flush()
            current = _MdBlock("note", 0, [(f"[{m.group(1)}] " + _inline(raw[m.end() :]), page)])
            continue
        line = raw
        kind = "paragraph"
        quote = _QUOTE.match(line)
        if quote:
            line = line[quote.end() :]
            kind = "quote"  # a paragraph of its own; stored as a paragraph
        bullet = _BULLET.match(line)
        ordered = _ORDERED.match(line)
        if bullet or ordered:
            flush()
            if bullet:
                line = line[bullet.end() :]
            else:
                assert ordered is not None
                line = ordered.group(1) + " " + line[ordered.end() :]
        if line.strip().startswith("|") and line.strip().endswith("|"):
            flush()
            cells = [_inline(c) for c in line.strip().strip("|").split("|")]
            blocks.append(_MdBlock("paragraph", 0, [(" | ".join(c for c in cells if c), page)]))
            continue
        add(kind, 0, _inline(line))
    flush()
    for block in blocks:
        if block.kind == "quote":
            block.kind = "paragraph"
    return blocks, front, pages


def _front_value(front: dict[str, str | list[str]], *keys: str) -> str | None:
    for key in keys:
        value = front.get(key)
        if isinstance(value, list):
            value = " ; ".join(value)
        if value:
            return " ".join(value.split())
    return None


def _markdown_document(source: Source, *, first_page: int) -> tuple[Document, str | None]:
    """The document, and the front matter's title (None without one)."""
    blocks, front, pages = _markdown_blocks(source.text)
    blocks = [b for b in blocks if join_lines([t for t, _ in b.lines])]
    front_title = _front_value(front, "title")
    headings = [b for b in blocks if b.kind == "heading"]
    title_block: _MdBlock | None = None
    if blocks and blocks[0].kind == "heading":
        first_text = join_lines([t for t, _ in blocks[0].lines])
        top = min(b.level for b in headings)
        only_top = sum(1 for b in headings if b.level == blocks[0].level) == 1
        if first_text == front_title or (blocks[0].level == top and only_top):
            title_block = blocks[0]
            title_block.kind, title_block.level = "title", 0
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    drafts: list[BlockDraft] = []
    for block in blocks:
        texts = [t for t, _ in block.lines]
        draft = BlockDraft(block.kind, 0, join_lines(texts))
        if block.kind == "heading":
            draft.level = levels.index(block.level) + 1
        previous_page: int | None = None
        for i, (line_text, page) in enumerate(block.lines):
            if page != previous_page:
                start = len(join_lines(texts[: i + 1])) - len(line_text)
                draft.page_marks.append((start, page + first_page - 1))
                previous_page = page
        drafts.append(draft)
    title = front_title or (
        join_lines([t for t, _ in title_block.lines]) if title_block else Path(source.name).stem
    )
    authors_value = _front_value(front, "authors", "author")
    authors = tuple(a.strip() for a in authors_value.split(" ; ")) if authors_value else ()
    date = _front_value(front, "date")
    meta = Metadata(
        id="imported",
        title=title,
        authors=split_authors(authors) if authors else (),
        venue=_front_value(front, "venue", "journal", "publication"),
        date=date if date and is_date(date) else None,
        script="zh-Hant-TW",
        first_page=first_page,
        pdf_pages=pages if pages > 1 else None,
        source=source.name,
    )
    if not drafts:
        return Document(meta, "", (), (Page(first_page, 0),), shipped=False), front_title
    return documents.assemble(meta, drafts, shipped=False), front_title

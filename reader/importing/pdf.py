"""PDF: text with its pages, read by PDFium in a child process (:mod:`.pdf_extract`), laid out
by :mod:`.pdf_layout`.

Pages a scholar can cite: the PDF's own page labels when it has them (Roman front matter,
"S12"); else the page numbers printed in its headers and footers (the most common difference
between printed number and PDF page fills the pages without one); else ``--first-page``.

Honest refusals: a page without a text layer (scanned) or whose characters are more than 2%
unreadable (U+FFFD, private use, control characters: a font without a Unicode mapping) is not
imported; when every page is like that the file is refused, naming the pages and what would help.
A PDF that needs a user password raises :class:`~.pdf_extract.PasswordRequired`.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader import paths
from reader.documents import BlockDraft, Metadata, assemble, is_page_number
from reader.errors import InputError
from reader.importing import pdf_layout as layout
from reader.importing.base import Built, FormatReader, Overrides, Progress, Source, split_authors
from reader.importing.notices import Notice
from reader.importing.pdf_extract import PdfContent, PdfPage, extract

UNREADABLE_SHARE = 0.02
PAGES_SUFFIX = ".pages.json.gz"
PDF_SUFFIX = ".pdf"


@dataclass(frozen=True)
class PageProblem:
    index: int  # PDF page, from 0
    kind: str  # "scanned" or "unreadable"
    bad: int = 0
    visible: int = 0


class PdfReader(FormatReader):
    name = "pdf"
    label = "PDF"
    suffixes = (".pdf",)
    binary = True

    def sniff_bytes(self, data: bytes, name: str) -> bool:
        return b"%PDF-" in data[:1024]

    def read(
        self,
        data: bytes,
        name: str,
        path: Path | None,
        progress: Progress | None,
        password: str | None,
    ) -> Source:
        content = extract(data, name, password=password, progress=progress)
        version = content.version
        encoding = f"PDF {version // 10}.{version % 10}" if version else "PDF"
        return Source(name, "", encoding, self.name, path, pdf=content)

    def build(self, source: Source, overrides: Overrides) -> Built:
        assert source.pdf is not None
        result = layout_pdf(source.pdf, source.name, first_page=overrides.first_page)
        return result.built


@dataclass(frozen=True)
class PdfLayout:
    built: Built
    problems: tuple[PageProblem, ...]
    labels: tuple[str, ...]  # printed label of each PDF page
    label_origin: str  # "page labels", "headers and footers", "first page"
    page_data: dict[str, object]  # kept with the text: where each character is on its page


def layout_pdf(content: PdfContent, name: str, *, first_page: int | None = None) -> PdfLayout:
    pages = content.pages
    lines_by_page: list[list[layout.Line]] = []
    problems: list[PageProblem] = []
    for page in pages:
        chars, visible, bad = layout.page_chars(page)
        if visible == 0:
            lines_by_page.append([])
            if page.images:
                problems.append(PageProblem(page.index, "scanned"))
            continue
        if bad > UNREADABLE_SHARE * visible:
            problems.append(PageProblem(page.index, "unreadable", bad, visible))
            lines_by_page.append([])
            continue
        lines_by_page.append(layout._lines(page.index, chars))
    if problems and len(problems) == sum(1 for p in pages if p.text.strip() or p.images):
        raise InputError(_refusal(name, problems, every=True))
    if not any(lines_by_page):
        raise InputError(f"{name} has no text on any page; there is nothing to import.")
    printed = layout.mark_running(pages, lines_by_page)
    size = layout.body_size([ln for lines in lines_by_page for ln in lines])
    ordered: list[list[layout.Line]] = []
    for page, lines in zip(pages, lines_by_page, strict=True):
        layout.classify(lines, size, page.height)
        ordered.append(layout.reading_order(lines))
    blocks = layout.build_blocks(ordered, size)
    layout.level_headings(blocks, size)
    layout.front_matter(blocks, size)
    labels, origin = page_labels(pages, printed, first_page)
    numbers = page_numbers(labels, first_page or 1)
    # The title block first, then everything else in source order.
    front = [b for b in blocks if b.kind in ("title", "subtitle", "author", "affiliation")]
    order = {"title": 0, "subtitle": 1, "author": 2, "affiliation": 3}
    front.sort(key=lambda b: order[b.kind])
    rest = [b for b in blocks if b.kind not in order]
    blocks = front + rest
    drafts: list[BlockDraft] = []
    seen_pages: set[int] = set()
    for block in blocks:
        draft = BlockDraft(block.kind, block.level, block.text)
        for piece in block.pieces:
            at = piece.line.page
            if at not in seen_pages:
                seen_pages.add(at)
                label = labels[at]
                draft.mark_page(piece.offset, numbers[at], None if is_page_number(label) else label)
        drafts.append(draft)
    info = content.info
    # 吳凌雲 (aloft@ctex.org) is the author 吳凌雲; the address stays in the text.
    authors = tuple(
        name
        for d in drafts
        if d.kind == "author" and (name := layout.EMAIL.sub("", d.text).strip())
    )
    meta = Metadata(
        id="imported",
        title=next((d.text for d in drafts if d.kind == "title"), "") or info.get("Title", ""),
        english_title=next((d.text for d in drafts if d.kind == "subtitle"), None),
        authors=split_authors(authors or _info_authors(info)),
        affiliation=next((d.text for d in drafts if d.kind == "affiliation"), None),
        script="zh-Hant-TW",
        # The printed number of its first page (12 when its pages print 12–16): what the import
        # dialog shows, and what a number typed there replaces.
        first_page=first_page or (numbers[0] if numbers else 1),
        pdf_pages=len(pages),
        source=name,
    )
    document = assemble(meta, drafts, shipped=False)
    # Pages are sorted by offset in assemble; a page mark before the title block moved it.
    dropped = tuple(ln.text for lines in lines_by_page for ln in lines if ln.kind == "running")
    warnings = [_left_out(name, problems)] if problems else []
    if origin == "first page" and len(pages) > 1:
        warnings.append(
            Notice(
                "pages-unnumbered",
                f"{name} prints no page numbers Meipi could find, so its pages are numbered "
                f"from {first_page or 1}; set the first page's number if that is wrong.",
                (("name", name), ("first", str(first_page or 1))),
            )
        )
    title = info.get("Title") or _xmp_title(content.data)
    found_title = title if title and not any(d.kind == "title" for d in drafts) else None
    radicals = sum(
        1
        for block in blocks
        for piece in block.pieces
        for c in piece.line.chars
        if c.flags & layout.RADICAL
    )
    page_data = _page_data(blocks, document.blocks, labels, pages, problems)
    attachments = (
        (PDF_SUFFIX, content.data),
        (PAGES_SUFFIX, gzip.compress(json.dumps(page_data, separators=(",", ":")).encode(), 1)),
    )
    return PdfLayout(
        Built(document, dropped, tuple(warnings), found_title, attachments, radicals),
        tuple(problems),
        tuple(labels),
        origin,
        page_data,
    )


def _info_authors(info: dict[str, str]) -> tuple[str, ...]:
    author = info.get("Author", "").strip()
    return (author,) if author else ()


def _xmp_title(data: bytes) -> str | None:
    """``dc:title`` of an uncompressed XMP packet, if there is one."""
    start = data.find(b"<x:xmpmeta")
    if start < 0:
        return None
    packet = data[start : start + 65536].decode("utf-8", errors="ignore")
    m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", packet, re.S)
    return m.group(1).strip() or None if m else None


def page_labels(
    pages: tuple[PdfPage, ...], printed: list[str | None], first_page: int | None
) -> tuple[list[str], str]:
    """Each PDF page's printed label, and where they came from."""
    if first_page is not None:
        return [str(first_page + i) for i in range(len(pages))], "first page"
    # One line of the texts/ format holds a label: no line breaks, no "key: value" look.
    own = [" ".join(p.label.split()).replace(": ", ":")[:24] for p in pages]
    if any(own):
        filled = [label or str(i + 1) for i, label in enumerate(own)]
        return filled, "page labels"
    offsets = Counter(
        int(number) - i for i, number in enumerate(printed) if number and number.isdecimal()
    )
    if offsets:
        offset, count = offsets.most_common(1)[0]
        if count >= max(1, len([n for n in printed if n]) // 2):
            labels = []
            for i, number in enumerate(printed):
                if number and not number.isdecimal():
                    labels.append(number)  # a Roman number in the front matter's footer
                else:
                    labels.append(str(max(1, i + offset)))
            return labels, "headers and footers"
    return [str(1 + i) for i in range(len(pages))], "first page"


def page_numbers(labels: list[str], first_page: int) -> list[int]:
    """The number each page orders by: its label when that is a number, else the page
    before's + 1 (what the texts/ format gives a ``page iv`` line)."""
    numbers: list[int] = []
    for label in labels:
        if is_page_number(label):
            numbers.append(int(label))
        else:
            numbers.append(numbers[-1] + 1 if numbers else first_page)
    return numbers


_PAGES_LISTED = 12


def _pages_list(indices: list[int]) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:_PAGES_LISTED])
    more = len(indices) - _PAGES_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def _left_out(name: str, problems: list[PageProblem]) -> Notice:
    """The notice of pages left out of an import that keeps the others."""
    values = [("name", name)]
    for kind in ("scanned", "unreadable"):
        pages = [p.index for p in problems if p.kind == kind]
        values.append((kind, ", ".join(str(i + 1) for i in pages[:_PAGES_LISTED])))
        values.append((f"{kind}_more", str(max(0, len(pages) - _PAGES_LISTED))))
    return Notice("pages-left-out", _refusal(name, problems, every=False), tuple(values))


def _refusal(name: str, problems: list[PageProblem], *, every: bool) -> str:
    scanned = [p.index for p in problems if p.kind == "scanned"]
    unreadable = [p.index for p in problems if p.kind == "unreadable"]
    parts = []
    if scanned:
        parts.append(
            f"page{'s' if len(scanned) > 1 else ''} {_pages_list(scanned)} "
            f"{'are' if len(scanned) > 1 else 'is'} scanned (no text layer): run OCR on the "
            "PDF first (for instance ocrmypdf) and import the result"
        )
    if unreadable:
        parts.append(
            f"page{'s' if len(unreadable) > 1 else ''} {_pages_list(unreadable)} "
            f"{'have' if len(unreadable) > 1 else 'has'} text in a font without a Unicode "
            "mapping (unreadable characters): try another copy of the PDF, or OCR"
        )
    what = "; ".join(parts)
    if every:
        return f"{name} cannot be imported: {what}. Nothing was imported."
    return f"Not imported from {name}: {what}. The other pages were imported."


def _page_data(
    blocks: list[layout.PdfBlock],
    doc_blocks: tuple[object, ...],
    labels: list[str],
    pages: tuple[PdfPage, ...],
    problems: list[PageProblem],
) -> dict[str, object]:
    """Where each line of the text is on its PDF page: per line, the page, the canonical offset
    of each character and its box (rounded to 0.1 pt), for the page view's outlines."""
    lines: list[list[object]] = []
    for block, placed in zip(blocks, doc_blocks, strict=True):
        start = placed.start  # type: ignore[attr-defined]
        for piece in block.pieces:
            line = piece.line
            # A hyphen taken out of a word cut at the line end is no character of the text.
            chars = line.chars[:-1] if piece.dropped_hyphen else line.chars
            at = start + piece.offset
            offsets = [at + p for p in line.positions[: len(chars)]]
            # Tenths of a point, as whole numbers (compact, and exact enough to outline).
            boxes = [
                [int(c.x0 * 10), int(c.y0 * 10), int(c.x1 * 10 + 1), int(c.y1 * 10 + 1)]
                for c in chars
            ]
            lines.append([line.page, offsets, boxes])
    return {
        "version": 1,  # boxes in tenths of a point
        "pages": [{"width": p.width, "height": p.height, "label": labels[p.index]} for p in pages],
        "problems": [{"page": p.index, "kind": p.kind} for p in problems],
        "lines": lines,
    }


ATTACHMENT_SUFFIXES = (PDF_SUFFIX, PAGES_SUFFIX)


def original_of(doc_id: str, folder: Path | None = None) -> Path | None:
    """The PDF kept with an imported text, if there is one."""
    path = (folder if folder is not None else paths.user_texts_dir()) / f"{doc_id}{PDF_SUFFIX}"
    return path if path.is_file() else None


@dataclass(frozen=True)
class PageData:
    """Where the characters of an imported PDF's text are on its pages."""

    pages: tuple[tuple[float, float, str], ...]  # width, height, label of each PDF page
    # Per line: PDF page, then each character's canonical offset and box.
    lines: tuple[tuple[int, tuple[int, ...], tuple[tuple[float, float, float, float], ...]], ...]
    problems: tuple[tuple[int, str], ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(ln[1][0] if ln[1] else 0 for ln in self.lines))

    def page_at(self, offset: int) -> int | None:
        """The PDF page (from 0) holding the character at ``offset`` (the nearest line's)."""
        if not self.lines:
            return None
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.lines[i][0]

    def boxes(
        self, start: int, end: int
    ) -> tuple[int | None, list[tuple[float, float, float, float]]]:
        """The PDF page of ``start`` and one box per line piece of ``[start, end)`` on it."""
        page = self.page_at(start)
        found: list[tuple[float, float, float, float]] = []
        lo = max(0, bisect.bisect_right(self._starts, start) - 1)
        for line_page, offsets, boxes in self.lines[lo:]:
            if offsets and offsets[0] >= end:
                break
            if line_page != page:
                continue
            inside = [b for o, b in zip(offsets, boxes, strict=True) if start <= o < end]
            if inside:
                found.append(
                    (
                        min(b[0] for b in inside),
                        min(b[1] for b in inside),
                        max(b[2] for b in inside),
                        max(b[3] for b in inside),
                    )
                )
        return page, found


def page_data_of(doc_id: str, folder: Path | None = None) -> PageData | None:
    """The page data kept with an imported PDF's text (None for other texts, or unreadable)."""
    path = (folder if folder is not None else paths.user_texts_dir()) / f"{doc_id}{PAGES_SUFFIX}"
    try:
        value = json.loads(gzip.decompress(path.read_bytes()))
        pages = tuple(
            (float(p["width"]), float(p["height"]), str(p["label"])) for p in value["pages"]
        )
        lines = tuple(
            (
                int(page),
                tuple(int(o) for o in offsets),
                tuple(tuple(v / 10 for v in b) for b in boxes),
            )
            for page, offsets, boxes in value["lines"]
        )
        problems = tuple((int(p["page"]), str(p["kind"])) for p in value.get("problems", []))
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    return PageData(pages, lines, problems)

"""Writing user text into Markdown and YAML so it can never change the document's structure.

Everything a user typed or a text contains (quotes, notes, tags, colour meanings, titles,
memos) goes through here. Notes are Markdown; everything else is literal text. The rules:

* **Literal text** (:func:`inline`, for quotes, tags, theme names, titles, memos): every ASCII
  character that Markdown, GFM, Pandoc or Obsidian give a meaning to inside a line is escaped —
  by a backslash where every flavour, Markdown.pl too, reads one (``\\ ` * _ [ ] # {``; and
  ``"``, which Pandoc's markdown_strict reads), else as a character reference (``<``
  ``&lt;``, ``>`` ``&gt;``, ``&`` ``&amp;``, ``| ~ = $ % ^ @ '`` as ``&#124;`` …: Markdown.pl
  shows ``\\<`` as a backslash and then raw HTML). At the start of a line, list and break
  markers are escaped too: ``-``, ``+``, ``1.``, ``1)``, and Pandoc's fancy and example lists
  (``p.`` → ``p\\.``, ``iv)``, ``(a)``, ``#.``, ``(@)``) and definition
  lists (``:``), and commonmark_x's one cased letter (``ж)`` → ``ж\\)``). White space at
  either end of a line is written as a character reference (``&#x3000;``), because CommonMark
  would strip it or read four spaces as code. Nothing in it can open a heading, list, quote,
  table, code block, HTML block, link, emphasis, front matter or tag, in any of those flavours.
  Nor can Pandoc change its characters: what its smart typography (on in ``markdown`` and
  ``commonmark_x``) turns into dashes, an ellipsis and curly quotes is escaped (``\\-\\-``,
  ``\\.\\.\\.``, ``\\"``; ``'`` as ``&#39;``, since markdown_strict shows ``\\'``), ``{`` is
  ``\\{`` (commonmark_x's attributes, ``{.class}``, would take it) and the first ``:`` of
  ``:name:`` is ``&#58;`` (an emoji in GFM and commonmark_x). Prose without these characters
  (most Chinese prose: its dashes, ellipses and quotes are not ASCII) is written as it is.
* **Notes: Markdown, paragraphs and lists** (:func:`note_paragraphs`). A note is stored as the
  user typed it, as Markdown (the W3C JSON says ``format: text/markdown``), and is exported so,
  as the margin shows it: its emphasis and strong (``*a*``, ``_a_``, ``**a**``), inline code,
  links and autolinks (``[x](y)``, ``<https://…>``), ``#tags``, highlights, backslash escapes
  and character references render; its lists (``-``, ``*``, ``+``, ``1.``, ``1)``; nested by
  indentation, written 4 spaces or the parent's content column deeper, which every flavour
  nests alike) are lists; a heading (``## Why``) is a line of strong text (``**Why**``), since
  a heading would make the note a section of the export, taking the passages after it into
  it. Whatever else could make a *block* (and so add to or escape the export's structure),
  in a paragraph or an item, is neutralised by a backslash before it (or, where noted, a
  character reference); the note's text is otherwise untouched:

  - at the start of a line: ``#`` not followed by a heading's text, ``>`` quotes, a list
    marker that CommonMark would not read as one (``2.`` inside a paragraph), code fences
    (``` ``` ```, ``~~~``), a line made only of ``- = * _ + : |`` and spaces (a thematic
    break, a setext underline, front-matter ``---``, a table's delimiter row; each hyphen of
    it, which Pandoc's smart typography would join into dashes), and a reference
    or footnote definition (``[x]: http://…``, ``[^1]: …``); white space at the start of a
    line (not a nested item's) becomes character references, so four spaces are not code;
  - also at the start of a line, for Pandoc: fancy and example list markers (``a.``, ``iv)``,
    ``(b)``, ``#.``, ``(@)``, ``ж)``), and ``:``, ``~`` and ``|`` (definition lists, line
    blocks, fenced divs) as character references — every tilde of a leading ``~~``, which
    commonmark_x reads as a definition after any paragraph (so a strikethrough that starts a
    line reads as its typed ``~~s~~`` everywhere; elsewhere in a line it is one);
  - anywhere: a ``<`` that could open HTML (``<div``, ``</``, ``<!--``, ``<?``), typed
    ``\\<`` included, becomes ``&lt;`` unless it opens an autolink; ``%%`` and ``$$``
    (Obsidian comments and display math, which run on to their closing mark, past the note)
    are written as character references (``&#37;&#37;``); a ``[`` or ``]`` without its pair is
    escaped (Pandoc reads an open ``[`` on past the note); a backslash before a letter is
    doubled (raw TeX in Pandoc, the same text in CommonMark); ``{=`` after a backtick is
    escaped (a Pandoc raw attribute);
  - outside code spans, math (``$x$``), autolinks and link destinations, what Pandoc would
    change, as in literal text: ``--``, ``...``, ``"`` and ``'`` (smart typography), ``{``
    (attributes), ``:name:`` (emoji). A list item keeps its marker as typed (``1)``).

  Blank lines separate the note's paragraphs; every other line break is a hard break, so a
  line typed on its own stays on its own line (a list item's too). It is written as two
  spaces at the end of the line (:data:`HARD_BREAK`), the one hard break every flavour reads:
  Markdown.pl (``markdown_strict``) shows a ``\\`` break as a backslash, and inside a code
  span crossing the line any mark is the code's text, so there the line break is left as it
  is (the span's space); a ``\\`` break typed is kept as typed. A list in a note ends
  with the note (a blank line, then the export's next block at the margin), and an item
  holds only its text, so nothing in a note can nest a block or reach outside it; a list
  item's text is a paragraph's, neutralised as one. White space typed at the end of a line
  is dropped.
  (Inside inline code a neutralising backslash or reference shows: HTML-looking code such as
  ``<div>`` in backticks appears as ``&lt;div>``, since a code span can end elsewhere in
  another flavour. Markdown.pl reads a note line starting ``#tag`` as a heading; it is kept,
  as Obsidian reads it as a tag.)
* **Paragraphs** (:func:`paragraphs`, for memos): a multi-line literal text becomes paragraphs
  at its blank lines; the lines inside a paragraph are joined with hard line breaks (two
  spaces), so what was typed on its own line stays on its own line. Blank lines themselves are
  not kept.
* Before any of that, :func:`clean` makes the text printable: ``\\r\\n``, ``\\r`` and the
  Unicode line separators become ``\\n``; other control characters (other than tab) are
  dropped, since neither Markdown nor YAML can carry them faithfully.
* **YAML** (:func:`yaml_str`): every user string in front matter is a double-quoted scalar with
  quotes, backslashes and anything not printable escaped, so it stays on its one line and a
  YAML parser reads back exactly the string given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Backslash escapes only for what every flavour (Markdown.pl too) reads as an escape (and '"',
# which Pandoc's markdown_strict reads too); the rest as character references, which every
# flavour decodes (Markdown.pl shows "\\<" as a backslash and then raw HTML, markdown_strict
# "\\'" as a backslash and a quote).
_SPECIALS = '\\`*_[]#{"'
_REFERENCES = "<>|~=$%^&@'"
_NAMED = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ESCAPES = str.maketrans(
    {
        **{c: "\\" + c for c in _SPECIALS},
        **{c: _NAMED.get(c, f"&#{ord(c)};") for c in _REFERENCES},
    }
)
# What Pandoc's smart typography (``markdown``, ``commonmark_x``) joins into dashes and an
# ellipsis, and what GFM and ``commonmark_x`` read as an emoji (``:a:``, ``:100:``).
_SMART = re.compile(r"-{2,}|\.{3,}|:(?=[A-Za-z0-9_+-]+:)")


def _unsmart(match: re.Match[str]) -> str:
    found = match.group(0)
    return "&#58;" if found == ":" else "".join("\\" + c for c in found)


# A hard line break that every flavour reads (Markdown.pl has no "\\" break, and "<br>" would
# be raw HTML): two spaces at the end of the line.
HARD_BREAK = "  \n"

_BREAKS = "\r\u2028\u2029\x85\x0b\x0c"
_CONTROL_CODES = [
    *range(0x00, 0x09),
    *range(0x0E, 0x20),
    *range(0x7F, 0x85),
    *range(0x86, 0xA0),
    *range(0xD800, 0xE000),
    0xFFFE,
    0xFFFF,
]
_CLEAN = str.maketrans({**{c: "\n" for c in _BREAKS}, **dict.fromkeys(_CONTROL_CODES)})
_NEEDS_CLEAN = re.compile(
    "[" + re.escape(_BREAKS) + "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")
# Pandoc's fancy and example lists: "a.", "iv)", "#.", "(b)", "(@)"; and definition lists (":").
_FANCY_MARKER = re.compile(r"^([A-Za-z]+|\\#|&#64;[\w-]*)([.)])(?=\s|$)")
_PAREN_MARKER = re.compile(r"^\((?=(?:[A-Za-z]+|\d+|\\#|&#64;[\w-]*)\)(?:\s|$))")
_EDGE_SPACE = re.compile(r"^\s+|\s+$")
# What a fancy list marker can start with (most lines start otherwise: no regex for them).
_FANCY_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\\&")


def _cased_marker(line: str) -> bool:
    """Whether the line starts like ``ж)`` or ``É.``: commonmark_x reads any one cased letter
    before ``.`` or ``)`` as a lettered list's marker."""
    return (
        line[1:2] in (".", ")")
        and line[:1] != line[:1].swapcase()
        and not line[2:3].strip()
        and not line[:1].isascii()
    )


def clean(text: str) -> str:
    """Line breaks normalised to ``\\n``; control characters (not tab) removed."""
    if not _NEEDS_CLEAN.search(text):
        return text
    return text.replace("\r\n", "\n").translate(_CLEAN)


def _charrefs(match: re.Match[str]) -> str:
    return "".join(f"&#x{ord(c):X};" for c in match.group(0))


def inline(line: str) -> str:
    """One line of user text as literal Markdown inline content (no line breaks allowed)."""
    body = line.translate(_ESCAPES)
    if "--" in body or "..." in body or ":" in body:
        body = _SMART.sub(_unsmart, body)
    first = body[:1]
    if first in ("-", "+"):
        body = "\\" + body
    elif first.isdigit():
        body = _ORDERED_MARKER.sub(r"\1\\\2", body, count=1)
    elif first == ":":
        body = "&#58;" + body[1:]
    elif first == "(":
        body = _PAREN_MARKER.sub(r"\\(", body, count=1)
    elif first in _FANCY_FIRST:
        body = _FANCY_MARKER.sub(r"\1\\\2", body, count=1)
    elif _cased_marker(body):
        body = first + "\\" + body[1:]
    if body[:1].isspace() or body[-1:].isspace():
        body = _EDGE_SPACE.sub(_charrefs, body)
    return body


def inline_text(text: str) -> str:
    """Any user text squeezed onto one line (line breaks become spaces), escaped."""
    return inline(" ".join(clean(text).split("\n")).strip())


def paragraphs(text: str) -> list[str]:
    """User text as Markdown paragraphs: split at blank lines, hard breaks inside."""
    blocks: list[list[str]] = [[]]
    for line in clean(text).split("\n"):
        if line.strip():
            blocks[-1].append(inline(line))
        elif blocks[-1]:
            blocks.append([])
    return [HARD_BREAK.join(lines) for lines in blocks if lines]


def line_paragraphs(text: str) -> list[str]:
    """User text as Markdown paragraphs, one per non-blank line (quotes: a line is a block)."""
    return [inline(line) for line in clean(text).split("\n") if line.strip()]


def visible_lines(text: str) -> list[str]:
    """What a reader sees of :func:`paragraphs` / :func:`line_paragraphs`: the non-blank lines."""
    return [line for line in clean(text).split("\n") if line.strip()]


# ---------------------------------------------------------------------------------------------
# Notes: Markdown as typed, inline only

_NOTE_INLINE = re.compile(
    # A backslash escape as typed: kept, and what it escapes is not looked at again; more "%"
    # or "$" right after an escaped one become references, so no "%%" or "$$" is left.
    r"\\(?:%+|\$+|[\s\S])"
    # An autolink, kept: <scheme:…> or <address@host> (CommonMark's own patterns).
    r"|<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:(?:(?!%%|\$\$)[^\x00-\x20<>])*"
    r"|(?:(?!%%|\$\$)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-])+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}"
    r"[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
    # A < that could open an HTML tag, comment, declaration or processing instruction.
    r"|<(?=[A-Za-z/!?])"
    # Obsidian comments and display math: they run on to their closing mark.
    r"|%%+|\$\$+"
)
_NOTE_INLINE_HINT = re.compile(r"[\\<%$`]")
# What a line that opens a block can start with (besides white space).
_BLOCK_STARTS = frozenset("#>-+*_=:|`~(0123456789")
# Pandoc's fancy and example lists ("a.", "iv)", "#.", "(b)", "(@)"), definition lists (": ",
# "~ "), line blocks ("| "), fenced divs (":::").
_NOTE_FANCY = re.compile(r"(?:[A-Za-z]+|#)[.)](?=[ \t]|$)")
_NOTE_PAREN = re.compile(r"\((?:[A-Za-z]+|[0-9]+|#|@[\w-]*)\)(?=[ \t]|$)")
# (commonmark_x reads ":" and "~" as definition markers even without a space after them.)
_NOTE_PANDOC_BLOCK = re.compile(r"(?::|~(?!~~)|\|)")
_LEADING_SPACE = re.compile(r"\s+")
# Thematic breaks, setext underlines, front-matter fences, table delimiter rows.
_RULE_LINE = re.compile(r"[-=*_+:| \t]+$")
_HEADING_OR_BULLET = re.compile(r"(?:#+|[-+*])(?:[ \t]|$)")
_ORDERED_ITEM = re.compile(r"([0-9]+)([.)])(?=[ \t]|$)")
_FENCE = re.compile(r"`{3,}|~{3,}")
# "[label]:" with the label possibly running over lines, as CommonMark reads a definition.
_DEFINITION = re.compile(r"\[(?:\\[\s\S]|[^\\\[\]])*\]:")


def _note_inline(match: re.Match[str]) -> str:
    found = match.group(0)
    if found[0] == "\\":
        if found[1:2] == "<":
            # Markdown.pl has no "\\<": the reference reads as "<" everywhere.
            return "&lt;"
        if found[1:2].isalpha():
            # "\\x" is literal in CommonMark, but raw TeX in Pandoc's markdown: "\\\\x" shows
            # the same in both.
            return "\\" + found
        return found[:2] + _numeric_refs(found[2:])
    if len(found) > 1 and found[0] == "<":
        return found
    if found == "<":
        return "&lt;"
    return _numeric_refs(found)


def _numeric_refs(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def _note_line(line: str) -> str:
    """One line of a note with whatever could start a block at its start neutralised."""
    line = line.rstrip()
    if _NOTE_INLINE_HINT.search(line):
        line = _NOTE_INLINE.sub(_note_inline, line)
        # Pandoc may close a code span where CommonMark sees none ("```a`{=html}"): a raw
        # attribute after any backtick is escaped.
        line = line.replace("`{=", "`\\{=")
    first = line[:1]
    if _cased_marker(line):
        return first + "\\" + line[1:]
    if first.isalpha() and first.isascii():
        marker = _NOTE_FANCY.match(line)
        return (
            line if marker is None else line[: marker.end() - 1] + "\\" + line[marker.end() - 1 :]
        )
    if first not in _BLOCK_STARTS and not first.isspace():
        return line
    if _NOTE_PANDOC_BLOCK.match(line):
        if first == "~":
            # Every tilde of the run: "&#126;~s~~" is a subscript "~s~" in Pandoc's markdown
            # (and "~~s~~" a definition in commonmark_x, the note coming after a paragraph).
            run = len(line) - len(line.lstrip("~"))
            return "&#126;" * run + line[run:]
        return f"&#{ord(first)};" + line[1:]
    if first == "(":
        return "\\" + line if _NOTE_PAREN.match(line) else line
    lead = _LEADING_SPACE.match(line)
    if lead:
        # Starting with "&#x…;", the line can only continue or start a paragraph.
        return _charrefs(lead) + line[lead.end() :]
    if first == "#" and line[1:2] in (".", ")"):
        return "\\" + line
    if _RULE_LINE.match(line) and "-" in line:
        # Each hyphen escaped: "\\---" kept the two after the first, which Pandoc's smart
        # typography reads as an en dash ("-–" shown for a typed "---").
        return line.replace("-", "\\-") if first == "-" else "\\" + line.replace("-", "\\-")
    if first == ">" or _RULE_LINE.match(line) or _HEADING_OR_BULLET.match(line):
        return "\\" + line
    if "0" <= first <= "9":
        return _ORDERED_ITEM.sub(r"\1\\\2", line, count=1) if _ORDERED_ITEM.match(line) else line
    if first in "`~":
        fence = _FENCE.match(line)
        # A backtick fence's info string has no backtick: "```<b>```" is a code span, kept
        # whole (escaping its ticks would leave "<b>" outside it, as raw HTML).
        if fence and not (first == "`" and "`" in line[fence.end() :]):
            return "".join("\\" + c for c in fence.group(0)) + line[fence.end() :]
    return line


def _note_paragraph(lines: Sequence[str]) -> str:
    out = [_note_line(line) for line in lines]
    # A definition's label may run over lines, so each is judged by the text that follows
    # it as exported, the later lines first.
    for i in range(len(out) - 1, -1, -1):
        if out[i][:1] == "[" and _DEFINITION.match("\n".join(out[i:])):
            out[i] = "\\" + out[i]
    return _note_text(_balance_brackets(_BREAK.join(out)))


# Where a line of a note is joined to the next by a hard break (until :func:`_note_text`
# writes it): a control character, since :func:`clean` has removed them from the note.
_BREAK = "\x00"
# What :func:`_note_text` keeps as typed (escapes, code spans, autolinks, math, link
# destinations) and what it writes otherwise (smart typography's characters, attributes,
# emoji, the hard breaks).
_NOTE_TEXT = re.compile(
    # (Every token starts with one of these: other places are passed over at once.)
    r"(?=[\\`<$\]\x00\-.\"'{:])"
    r"(?:(?P<keep>\\[^\x00]"
    r"|(`+)(?!`)[\s\S]*?(?<!`)\2(?!`)|`+"
    r"|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\x00-\x20<>]*>|<[^\x00-\x20<>@]+@[^\x00-\x20<>]+>"
    r"|\$(?![\s$])(?:\\[\s\S]|[^\\$])*?(?<![\s\\])\$(?!\d)"
    r"|\]\([ \t]*(?:<[^<>\n\x00]*>|(?:\\[\s\S]|[^\s()\\\x00]|\((?:\\[\s\S]|[^\s()\\\x00])*\))*)"
    r"(?:[ \t]+(?:\"(?:\\[\s\S]|[^\"\\])*\"|'(?:\\[\s\S]|[^'\\])*'|\((?:\\[\s\S]|[^()\\])*\)))?"
    r"[ \t]*\))"
    r"|\\?\x00|-{2,}|\.{3,}|[\"'{]|:(?=[A-Za-z0-9_+-]+:))"
)
_NOTE_TEXT_HINT = re.compile(r"[\"'{]|--|\.\.\.|:[A-Za-z0-9_+-]+:")
# What can hold a line break that is not a hard break (a code span, math, a typed "\\").
_NOTE_BREAK_HINT = re.compile(r"[`$\\]")
_NOTE_MARKS = {'"': '\\"', "'": "&#39;", "{": "\\{", ":": "&#58;"}


def _note_mark(match: re.Match[str]) -> str:
    found = match.group(0)
    if match.group("keep") is not None:
        # (Inside a code span, a line break is the span's: no hard break there.)
        return found.replace(_BREAK, "\n")
    if found[-1] == _BREAK:
        # A line typed ending in "\\" is CommonMark's hard break already: kept as typed
        # (without its "\\", "#\\" would be a heading).
        return "\\\n" if found[0] == "\\" else HARD_BREAK
    if found in _NOTE_MARKS:
        return _NOTE_MARKS[found]
    return "".join("\\" + c for c in found)


def _note_text(text: str) -> str:
    """A note's block with the lines joined (hard breaks where :data:`_BREAK` is, none inside
    a code span), and what Pandoc would change escaped outside code, math, autolinks and link
    destinations: ``--``, ``...``, straight quotes (its smart typography), ``{`` (attributes in
    ``commonmark_x``), ``:name:`` (emoji in GFM and ``commonmark_x``)."""
    if not _NOTE_TEXT_HINT.search(text):
        if _BREAK not in text:
            return text  # (most notes: one line of prose)
        if not _NOTE_BREAK_HINT.search(text):
            return text.replace(_BREAK, HARD_BREAK)  # (lines of prose)
    return _NOTE_TEXT.sub(_note_mark, text)


_BRACKET_SCAN = re.compile(r"\\[\s\S]|(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)|[\[\]]")


def _balance_brackets(text: str) -> str:
    """Unmatched ``[`` or ``]`` escaped: Pandoc's Markdown reads an open ``[`` on to a ``]``
    paragraphs later, taking the block quotes between into it. Matched pairs (links, images,
    footnote references) and brackets in code spans or escapes are left as typed."""
    if "[" not in text and "]" not in text:
        return text  # (most notes: nothing to scan)
    stack: list[int] = []
    lone: list[int] = []
    for match in _BRACKET_SCAN.finditer(text):
        token = match.group(0)
        if token == "[":
            stack.append(match.start())
        elif token == "]":
            if stack:
                stack.pop()
            else:
                lone.append(match.start())
    lone.extend(stack)
    for at in sorted(lone, reverse=True):
        text = text[:at] + "\\" + text[at:]
    return text


# A list item as typed: indentation, a bullet or a number (``1.``, ``1)``), a space, content.
_NOTE_ITEM = re.compile(r"([ \t]*)(?:([-+*])|([0-9]{1,9})([.)]))[ \t]+(?=\S)")
# An ATX heading (with its closing #s, which are not its text).
_NOTE_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def _indent(spaces: str) -> int:
    return len(spaces.expandtabs(4))


def _item_content(content: str) -> str:
    line = _note_line(content)
    # A link reference definition would reach every other note of the export.
    return "\\" + line if line[:1] == "[" and _DEFINITION.match(line) else line


# What a list item or a heading starts with (after its indentation).
_ITEM_OR_HEADING_STARTS = frozenset("#-+*0123456789")


def _note_blocks(lines: Sequence[str]) -> list[str]:
    """One typed paragraph of a note as blocks: its text as paragraphs (:func:`_note_paragraph`),
    its list items as a list (nested as typed, written the way every flavour nests them), and a
    heading as a line of strong text (a heading in a note would make it a section of the export,
    taking the passages after it into it)."""
    if not any(line.lstrip()[:1] in _ITEM_OR_HEADING_STARTS for line in lines):
        return [_note_paragraph(lines)]  # (most notes: no list, no heading)
    blocks: list[str] = []
    text: list[str] = []
    items: list[tuple[str, bool]] = []  # (line as written, whether it starts an item)
    typed: list[int] = []  # the typed indentation of each open level
    written: list[tuple[int, int]] = []  # each open level's indentation and content column

    def flush() -> None:
        if text:
            blocks.append(_note_paragraph(text))
            text.clear()
        if items:
            # A line continued on the next (not a new item) ends in a hard break, as a note's
            # lines do.
            out = [items[0][0]]
            for line, starts in items[1:]:
                out += ["\n" if starts else _BREAK, line]
            blocks.append(_note_text(_balance_brackets("".join(out))))
            items.clear()
            typed.clear()
            written.clear()

    for line in lines:
        heading = _NOTE_HEADING.match(line)
        if heading and heading.group(1).strip():
            flush()
            title = _note_line(heading.group(1).strip())
            blocks.append(_note_text(_balance_brackets(f"**{title}**")))
            continue
        # (A line of only "- * _" is a rule, not an item: written as text.)
        item = None if _RULE_LINE.match(line) else _NOTE_ITEM.match(line)
        if item is not None:
            at = _indent(item.group(1))
            number = item.group(3)
            # As CommonMark reads it: a list interrupts a paragraph when it is a bullet or
            # starts at 1, and a line indented as code continues the paragraph.
            opens = not text or (at < 4 and (number is None or number == "1"))
            if not items and not opens:
                item = None
        if item is None:
            if items:
                items.append((_note_line(line), False))  # the item's text, continued
            else:
                text.append(line)
            continue
        if text:
            flush()
        if not typed:
            typed.append(at)
        elif at >= typed[-1] + 2:
            typed.append(at)  # a level deeper
        else:
            while len(typed) > 1 and at < typed[-1]:
                typed.pop()
        depth = len(typed) - 1
        del written[depth:]
        parent = written[-1] if written else None
        indent = 0 if parent is None else max(parent[0] + 4, parent[1])
        marker = item.group(2) or number + item.group(4)
        written.append((indent, indent + len(marker) + 1))
        content = _item_content(line[item.end() :])
        items.append((" " * indent + marker + " " + content, True))
    flush()
    return blocks


def note_paragraphs(note: str) -> list[str]:
    """A note (Markdown as typed) as Markdown blocks: paragraphs with their inline Markdown,
    lists, headings as strong lines; nothing else."""
    blocks: list[list[str]] = [[]]
    for line in clean(note).split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for lines in blocks if lines for block in _note_blocks(lines)]


def blockquote(paras: Sequence[str]) -> str:
    """Paragraphs inside one block quote (``>`` on every line, ``>`` between paragraphs)."""
    lines: list[str] = []
    for i, para in enumerate(paras):
        if i:
            lines.append(">")
        lines.extend("> " + line for line in para.split("\n"))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# YAML front matter

_YAML_UNSAFE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')


def _yaml_escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch == '"':
        return '\\"'
    if ch == "\\":
        return "\\\\"
    return f"\\u{ord(ch):04x}"


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar that reads back exactly as ``text``."""
    return '"' + _YAML_UNSAFE.sub(_yaml_escape, text) + '"'


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return yaml_str(str(value))


_PLAIN_KEY = re.compile(r"[a-z][a-z0-9_-]*")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])


def _yaml_key(key: str) -> str:
    """Our own keys stay plain; any other (a tag name as a key) is quoted, so YAML reads it
    back as that string (``2014_`` would be a number, ``yes`` a boolean)."""
    if _PLAIN_KEY.fullmatch(key) and key not in _YAML_WORDS:
        return key
    return yaml_str(key)


def _yaml_lines(data: Mapping[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for raw_key, value in data.items():
        key = _yaml_key(str(raw_key))
        if isinstance(value, Mapping):
            if not value:
                lines.append(f"{indent}{key}: {{}}")
                continue
            lines.append(f"{indent}{key}:")
            lines.extend(_yaml_lines(value, indent + "  "))
        elif isinstance(value, list | tuple):
            if not value:
                lines.append(f"{indent}{key}: []")
            elif all(not isinstance(v, Mapping) for v in value):
                items = ", ".join(_yaml_scalar(v) for v in value)
                lines.append(f"{indent}{key}: [{items}]")
            else:
                lines.append(f"{indent}{key}:")
                for item in value:
                    sub = _yaml_lines(item, indent + "    ")
                    sub[0] = indent + "  - " + sub[0][len(indent) + 4 :]
                    lines.extend(sub)
        else:
            lines.append(f"{indent}{key}: {_yaml_scalar(value)}")
    return lines


def front_matter(data: Mapping[str, Any]) -> str:
    """``---`` / YAML / ``---``: keys are ours (plain), every value is quoted or a number."""
    return "\n".join(["---", *_yaml_lines(data, ""), "---"])

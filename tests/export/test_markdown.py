"""Markdown per article: front matter read back by a YAML parser, the body by a CommonMark parser,
honest quotes, grouping, filters; and no note, tag, quote or title can break the structure."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.documents import BlockDraft, Document, Metadata, assemble
from reader.errors import InputError
from reader.export import render_export
from reader.export.escape import clean
from reader.export.pronounce import theme_sort_key
from reader.export.records import AnnotationRecord, ExportOptions, ExportSource
from reader.export.tagnames import TagNames
from tests.export.helpers import anchor, library_docs, source_for
from tests.export.mdcheck import links, paragraphs, skeleton, split_front_matter

STAMP = "2026-11-22T01:02:03Z"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return library_docs()


def md(options: ExportOptions, source: ExportSource) -> str:
    return render_export(options, source)


def test_article_in_text_order_under_its_own_headings(docs: list[Document]) -> None:
    lian = docs[0]
    late = anchor(
        lian,
        "區域性的多邊或雙邊合作",
        color="green",
        tags=["地區/中亞", "安全"],
        note="Compare **Hsu**.\n\nSecond thought.",
    )
    early = anchor(lian, "1990 年代中期之「建設性夥伴關係」", tags=["中俄 關係"])
    note_only = anchor(lian, "上海合作組織的成員大多為中亞國家", color=None, note="only a note")
    source = source_for(docs, [late, early, note_only])
    text = md(ExportOptions(documents=("lian-obor",), exported_at=STAMP, links=False), source)
    front, body = split_front_matter(text)
    assert front == {
        "title": "一帶一路框架下中俄之潛在競合關係",
        "authors": ["連弘宜"],
        "venue": "戰略瞭望",
        "issue": None,
        "date": None,
        "document": "lian-obor",
        "script": "original",
        "exported": STAMP,
        "group_by": "section",
        "originals": True,
        "filters": {"documents": ["lian-obor"], "tags": [], "colors": []},
        "annotations": 3,
        "tags": ["中俄-關係", "地區/中亞", "安全"],
        "meipi-tags": {"中俄-關係": "中俄 關係"},
        "citekey": "lianyidai",
    }
    assert skeleton(body) == [
        ("h1", "一帶一路框架下中俄之潛在競合關係"),
        ("p", "連弘宜 · 戰略瞭望"),
        ("h2", "壹、前言"),
        (">", ""),
        ("p", "1990 年代中期之「建設性夥伴關係」"),
        ("/>", ""),
        ("p", "pp. 1–2 · yellow (key argument) · #中俄-關係"),
        ("h2", "貳、平等互利的中俄關係發展與中國崛起"),
        (">", ""),
        ("p", "上海合作組織的成員大多為中亞國家"),
        ("/>", ""),
        ("p", "p. 2 · note"),
        ("p", "only a note"),
        ("h3", "（一）軍事上的多邊合作至雙邊準同盟"),
        (">", ""),
        ("p", "區域性的多邊或雙邊合作"),
        ("/>", ""),
        ("p", "p. 3 · green (evidence) · #地區/中亞 #安全"),
        ("md", "Compare Hsu."),
        ("p", "Second thought."),
    ]


def test_group_by_tag_puts_passages_under_each_theme(docs: list[Document]) -> None:
    lian = docs[0]
    a = anchor(lian, "區域性的多邊或雙邊合作", tags=["地區/中亞", "能源"])
    b = anchor(lian, "上海合作組織的成員大多為中亞國家", tags=["能源"])
    c = anchor(lian, "出兵喬治亞")
    source = source_for(docs, [a, b, c])
    opts = ExportOptions(documents=("lian-obor",), group_by="tag", exported_at=STAMP)
    front, body = split_front_matter(md(opts, source))
    assert front["group_by"] == "tag"
    heads = [(kind, txt) for kind, txt in skeleton(body) if kind.startswith("h")]
    assert heads == [
        ("h1", "一帶一路框架下中俄之潛在競合關係"),
        ("h2", "地區/中亞"),
        ("h2", "能源"),
        ("h2", "Untagged"),
    ]
    quotes = [
        txt for kind, txt in skeleton(body) if kind == "p" and txt in (a.quote, b.quote, c.quote)
    ]
    # 能源 holds both, in text order: b comes before a in the article.
    assert quotes == [a.quote, b.quote, a.quote, c.quote]


def test_substituted_phrases_carry_their_original(docs: list[Document]) -> None:
    lian = docs[0]
    rec = anchor(lian, "區域性的多邊或雙邊合作")
    source = source_for(docs, [rec], phrases={"區域性": "局部", "雙邊": "双边"})
    opts = ExportOptions(documents=("lian-obor",), script="zh-Hans-CN", exported_at=STAMP)
    _, body = split_front_matter(md(opts, source))
    assert ("p", "局部〔原文：區域性〕的多邊或双边〔原文：雙邊〕合作") in skeleton(body)
    plain = ExportOptions(
        documents=("lian-obor",), script="zh-Hans-CN", originals=False, exported_at=STAMP
    )
    front, body = split_front_matter(md(plain, source))
    assert front["originals"] is False
    assert ("p", "局部的多邊或双边合作") in skeleton(body)


def test_real_view_marks_phrases_and_respects_vetoes(docs: list[Document]) -> None:
    from reader.glossary import Glossary
    from reader.script import document_view

    lian = docs[0]
    rec = anchor(lian, "區域性的多邊或雙邊合作")
    georgia = anchor(lian, "出兵喬治亞")
    opts = ExportOptions(documents=("lian-obor",), script="zh-Hans-CN", exported_at=STAMP)
    source = ExportSource(docs, [rec, georgia], views=lambda d, v: document_view(d, v, None))
    paras = [txt for kind, txt in skeleton(split_front_matter(md(opts, source))[1]) if kind == "p"]
    # The corrected view keeps 區域性 (tw2sp's 局部 misquotes it); 喬治亞 is substituted.
    assert "区域性的多边或双边合作" in paras
    assert "出兵格鲁吉亚〔原文：喬治亞〕" in paras
    vetoed = Glossary(keeps=frozenset({"喬治亞"}))
    source = ExportSource(docs, [georgia], views=lambda d, v: document_view(d, v, vetoed))
    paras = [txt for kind, txt in skeleton(split_front_matter(md(opts, source))[1]) if kind == "p"]
    # A kept phrase is not substituted (its characters still follow the view's script).
    assert "出兵乔治亚" in paras


def test_filters_tags_with_children_by_folding_and_colours(docs: list[Document]) -> None:
    lian, hsu = docs
    recs = [
        anchor(lian, "區域性的多邊或雙邊合作", tags=["地區/中亞"], color="green"),
        anchor(lian, "出兵喬治亞", tags=["地區"], color="pink"),
        anchor(lian, "上海合作組織的成員大多為中亞國家", tags=["地區其他"]),
        anchor(hsu, hsu.text[200:220], tags=["地區"]),
    ]
    source = source_for(docs, recs)
    front, body = split_front_matter(md(ExportOptions(tags=("地区",), exported_at=STAMP), source))
    assert front["annotations"] == 3
    assert front["filters"]["tags"] == ["地区"]
    paras = [txt for kind, txt in skeleton(body) if kind == "p"]
    assert recs[2].quote not in paras
    front, _ = split_front_matter(md(ExportOptions(tags=("地區/中亞",), exported_at=STAMP), source))
    assert front["annotations"] == 1
    front, _ = split_front_matter(
        md(ExportOptions(colors=("pink", "green"), exported_at=STAMP), source)
    )
    assert front["annotations"] == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ExportOptions(colors=("red",)), "Unknown colour 'red'"),
        (ExportOptions(script="zh-Latn"), "Unknown script view 'zh-Latn'"),
        (ExportOptions(documents=("nope",)), "Unknown document 'nope'"),
        (ExportOptions(tags=(" ",)), "empty --tag"),
    ],
)
def test_wrong_choices_are_input_errors(
    docs: list[Document], options: ExportOptions, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        md(options, source_for(docs, []))


def test_orphaned_annotation_keeps_its_note(docs: list[Document]) -> None:
    lian = docs[0]
    rec = anchor(lian, "出兵喬治亞", note="still here")
    orphan = rec._replace(
        orphaned=True,
        quote="a passage since removed",
        id="00000000-0000-4000-8000-000000000001",
    )
    source = source_for(docs, [rec, orphan])
    _, body = split_front_matter(md(ExportOptions(documents=("lian-obor",)), source))
    sk = skeleton(body)
    at = sk.index(("h2", "Passages no longer found in the text"))
    assert ("p", "a passage since removed") in sk[at:]
    assert sk[-1] == ("p", "still here")


# ---------------------------------------------------------------------------------------------
# Notes are Markdown: their inline Markdown renders, their lines cannot make blocks


def note_export(docs: list[Document], note: str) -> str:
    """The body of a one-passage export whose note is ``note``."""
    rec = anchor(docs[0], "出兵喬治亞", color="pink", tags=["安全"], note=note)
    options = ExportOptions(documents=("lian-obor",), exported_at=STAMP, links=False)
    return split_front_matter(md(options, source_for(docs, [rec])))[1]


def note_blocks(body: str) -> list[tuple[str, str]]:
    """The skeleton after the passage's meta line: the note's blocks."""
    sk = skeleton(body)
    at = next(i for i, (kind, txt) in enumerate(sk) if txt.startswith("p. ") and "#安全" in txt)
    return sk[at + 1 :]


def test_notes_keep_their_inline_markdown(docs: list[Document]) -> None:
    body = note_export(
        docs,
        "A **key** claim; see *Lo 2008* and _Hsu_.\n"
        "Run `meipi export` or read [the brief](http://x) and <https://example.org/a?b=1>.\n"
        "Filed under #地區 and #energy, see ![map](m.png).",
    )
    assert note_blocks(body) == [
        (
            "md",
            "A key claim; see Lo 2008 and Hsu.\n"
            "Run meipi export or read the brief and https://example.org/a?b=1.\n"
            "Filed under #地區 and #energy, see map.",
        )
    ]
    note = paragraphs(body)[-1]
    assert note.markup == ("strong", "em", "em", "code", "link", "link", "image")
    assert links(body) == ["http://x", "https://example.org/a?b=1"]
    # The Markdown is written exactly as typed, hard breaks (two spaces: every flavour reads
    # them) added between its lines.
    assert note.source == (
        "A **key** claim; see *Lo 2008* and _Hsu_.  \n"
        "Run `meipi export` or read [the brief](http://x) and <https://example.org/a?b=1>.  \n"
        "Filed under #地區 and #energy, see ![map](m.png)."
    )


def test_the_testers_note_is_not_escaped(docs: list[Document]) -> None:
    body = note_export(docs, "A **key** claim; see *Lo 2008*.\n\n[link](http://x)")
    assert "A **key** claim; see *Lo 2008*.\n\n[link](http://x)\n" in body
    assert [p.markup for p in paragraphs(body)[-2:]] == [("strong", "em"), ("link",)]


@pytest.mark.parametrize(
    "note",
    [
        "#",
        "---",
        "***",
        "___",
        "* * *",
        "Title\n===",
        "Title\n---",
        "---\ntitle: x\n---",
        "> q",
        "> [!note] a callout",
        "<script>alert(1)</script>",
        "<div>\n\nhidden?\n</div>",
        "x <b>bold</b> <img src=x onerror=alert(1)>",
        "<!-- a comment",
        "<?php echo 1; ?>",
        "<!DOCTYPE html>",
        "```\ncode\n```",
        "~~~python\ncode",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "| a | b |\n|---|---|---|",
        "a | b | c\n:-|-|-",
        "a\n:-:",
        "[x]: http://y",
        '[x]: /y "title"',
        "[^1]: a footnote",
        "[a\n[b]: /url",
        "    indented code",
        "\tcode with a tab",
        "%% an Obsidian comment",
        "$$\nx^2",
    ],
)
def test_note_lines_cannot_make_blocks(docs: list[Document], note: str) -> None:
    body = note_export(docs, note)
    # Each typed paragraph is one paragraph of plain text, shown as typed, line for line.
    assert note_blocks(body) == [("p", para) for para in visible_paragraphs(note)]
    # Obsidian reads comments and display math in the source, up to the closing mark.
    assert "%%" not in body and "$$" not in body


def test_a_notes_lists_and_headings_reach_the_export_as_markdown(docs: list[Document]) -> None:
    """A tester's note of points under a heading was exported as "\\- point" lines, while the
    margin showed a list: its lists are lists (nested as typed), and its heading a line of
    strong text — a heading would make the note a section of the export, taking the passages
    after it into it."""
    note = "## Why it matters\nTwo points:\n- **energy** first\n  - gas\n- then `ports`\n1. one"
    body = note_export(docs, note)
    assert "**Why it matters**\n\nTwo points:\n\n- **energy** first\n    - gas\n" in body
    assert note_blocks(body) == [
        ("md", "Why it matters"),
        ("p", "Two points:"),
        ("bullet_list_open", ""),
        ("list_item_open", ""),
        ("md", "energy first"),
        ("bullet_list_open", ""),
        ("list_item_open", ""),
        ("p", "gas"),
        ("list_item_close", ""),
        ("bullet_list_close", ""),
        ("list_item_close", ""),
        ("list_item_open", ""),
        ("md", "then ports"),
        ("list_item_close", ""),
        ("bullet_list_close", ""),
        ("ordered_list_open", ""),
        ("list_item_open", ""),
        ("p", "one"),
        ("list_item_close", ""),
        ("ordered_list_close", ""),
    ]
    assert [h for h, _ in skeleton(body)].count("h2") == 1  # the section's own, not the note's
    # What an item holds cannot open a block, and a list ends with its note.
    body = note_export(docs, "- > not a quote\n- # not a heading\n- ```\n1986. a year")
    assert note_blocks(body)[:4] == [
        ("bullet_list_open", ""),
        ("list_item_open", ""),
        ("p", "> not a quote"),
        ("list_item_close", ""),
    ]
    assert {kind for kind, _ in note_blocks(body)} <= {"p", *LIST_TOKENS}


def test_escaped_and_literal_text_in_a_note_stays_so(docs: list[Document]) -> None:
    body = note_export(docs, r"\*not em\* a < b, 50% of $5, a\\ \<b> `<i>` at 1.5 <me@x.org>")
    ((kind, text),) = note_blocks(body)
    assert kind == "md"
    # Inside inline code the reference shows as typed ("&lt;"): the price of a "<" that no
    # flavour may read as HTML, wherever a code span might end.
    assert text == r"*not em* a < b, 50% of $5, a\ <b> &lt;i> at 1.5 me@x.org"
    assert links(body) == ["mailto:me@x.org"]


# ---------------------------------------------------------------------------------------------
# Property: user text never changes the structure, and reads back as typed

SNIPPETS = [
    "---",
    "# x",
    "## ",
    "> q",
    "| a | b |",
    "|---|",
    "* x",
    "- y",
    "+ z",
    "1. y",
    "2) z",
    "<script>alert(1)</script>",
    "<!--",
    "```",
    "~~~",
    "    code",
    "\t",
    "  ",
    "[x](y)",
    "![i](s)",
    "[[wiki]]",
    "[^1]: f",
    "\\",
    "&amp;",
    "&#x41;",
    "**b**",
    "_i_",
    "`c`",
    "==h==",
    "%%c%%",
    "$m$",
    "^id",
    "===",
    "***",
    "...",
    "title: x",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    "\x85",
    "\x0b",
    "\u3000",
    "\xa0",
    "\x00",
    "\x1b",
    "\ufeff",
    "中亞",
    "<http://x.y>",
    "- [ ] t",
    ":",
    "'",
    '"',
    "#tag",
    "{}",
    "[x]: http://y",
    "]:",
    "[",
    "-:",
    ":-:",
    "|---|---|",
    "<div>",
    "</div>",
    "<?x",
    "<!X",
    "<a@b.co>",
    "<javascript:x>",
    "`",
    "``",
    "*",
    "%%",
    "$$",
    "***x***",
    "~~s~~",
    "   ",
    "\\\n",
]
CHARS = st.characters(exclude_categories=["Cs"])
nasty = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(CHARS, max_size=6)), max_size=6).map(
    "".join
)
one_line = nasty.map(lambda s: s.replace("\n", " "))


def visible_one_line(text: str) -> str:
    return " ".join(clean(text).split("\n")).strip()


def visible_paragraphs(text: str) -> list[str]:
    paras: list[list[str]] = [[]]
    for line in clean(text).split("\n"):
        if line.strip():
            paras[-1].append(line)
        elif paras[-1]:
            paras.append([])
    return ["\n".join(p) for p in paras if p]


def make_doc(title: str, heading: str, paras: list[str], authors: list[str]) -> Document:
    meta = Metadata(id="t", title=title, authors=tuple(authors))
    drafts = [
        BlockDraft("title", 0, title.replace("\n", " ")),
        BlockDraft("heading", 1, heading),
        *(BlockDraft("paragraph", 0, p) for p in paras),
    ]
    return assemble(meta, drafts)


def record(
    doc: Document,
    start: int,
    end: int,
    color: str | None,
    tags: list[str],
    note: str | None,
    n: int,
) -> AnnotationRecord:
    return AnnotationRecord(
        id=f"00000000-0000-4000-8000-{n:012d}",
        document=doc.id,
        start=start,
        end=end,
        quote=doc.text[start:end],
        prefix="",
        suffix="",
        pages=doc.pages_of(start, end),
        color=color,
        tags=tuple(tags),
        note=note,
        created=STAMP,
        updated=STAMP,
    )


def expected_passage(
    rec: AnnotationRecord, meaning: str, names: TagNames | None = None
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    lines = [line for line in clean(rec.quote).split("\n") if line.strip()]
    if lines:
        out += [(">", ""), *(("p", line) for line in lines), ("/>", "")]
    parts = [rec.citation]
    if rec.color:
        parts.append(visible_one_line(f"{rec.color} ({meaning})" if meaning else rec.color))
    else:
        parts.append("note")
    if rec.tags:
        names = names or TagNames(rec.tags)
        parts.append(" ".join("#" + names.name(t) for t in rec.tags))
    out.append(("p", " · ".join(parts)))
    # A note is Markdown: each of its paragraphs is one paragraph, with or without markup.
    out += [(NOTE, para) for para in note_sources(rec.note or "")]
    return out


NOTE = "note"
_CHARREF = re.compile(r"&#?(x[0-9A-Fa-f]+|[0-9]+|lt|gt|amp);")


# How CommonMark reads a line of a note: a list item, an ATX heading, a thematic break.
_ITEM = re.compile(r"([ \t]*)(?:[-+*]|([0-9]{1,9})[.)])[ \t]+(?=\S)")
_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"[-=*_+:| \t]+$")


def note_sources(note: str) -> list[str]:
    """The paragraphs a note is read as, as typed (white space at the end of a line is not
    kept): a typed paragraph's text, each list item's text (with the lines that continue it),
    each heading as a line of strong text."""
    return read_note(note)[0]


def read_note(note: str) -> tuple[list[str], int]:
    """:func:`note_sources`, and how many list items the note has."""
    out: list[str] = []
    items = 0
    for para in visible_paragraphs(note):
        text: list[str] = []
        item: list[str] | None = None
        for line in (line.rstrip() for line in para.split("\n")):
            heading = _HEADING.match(line)
            if heading and heading.group(1).strip():
                out += ["\n".join(part) for part in (text, item or []) if part]
                out.append("**" + heading.group(1).strip() + "**")
                text, item = [], None
                continue
            found = None if _RULE.match(line) else _ITEM.match(line)
            if found and item is None and text:
                indent = len(found.group(1).expandtabs(4))
                if indent >= 4 or found.group(2) not in (None, "1"):
                    found = None  # (only a bullet or a 1. interrupts a paragraph)
            if found is None:
                (text if item is None else item).append(line)
                continue
            out += ["\n".join(part) for part in (text, item or []) if part]
            text, item = [], [line[found.end() :]]
            items += 1
        out += ["\n".join(part) for part in (text, item or []) if part]
    return out, items


_NAMED = {"lt": "<", "gt": ">", "amp": "&"}


def _decoded(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        code = m.group(1)
        if code in _NAMED:
            return _NAMED[code]
        return chr(int(code[1:], 16) if code[0] == "x" else int(code))

    return _CHARREF.sub(char, text)


def only_backslashes_added(exported: str, typed: str) -> bool:
    """Whether ``exported`` is ``typed`` with backslashes added (character references read)."""
    # A typed "\<" is written "&lt;" (Markdown.pl has no "\<"): the same "<" when read.
    typed = re.sub(r"\\[\\<]", lambda m: "<" if m.group(0) == "\\<" else m.group(0), typed)
    # A line break is written as a hard break (two spaces; a typed "\" break is kept).
    exported = exported.replace("  \n", "\n")
    out, want = _decoded(exported), _decoded(typed)
    j = 0
    for ch in out:
        if j < len(want) and ch == want[j]:
            j += 1
        elif ch != "\\":
            return False
    return j == len(want)


# A note's lists, around the paragraphs of their items.
LIST_TOKENS = frozenset(
    f"{kind}_{end}"
    for kind in ("bullet_list", "ordered_list", "list_item")
    for end in ("open", "close")
)


def assert_structure(body: str, expected: list[tuple[str, str]]) -> None:
    """The body's skeleton is ``expected``, where each ``(NOTE, typed)`` is a paragraph (with or
    without markup; a list item's, inside a note's list) written from ``typed`` by adding
    backslashes only."""
    sk = [(kind, text) for kind, text in skeleton(body) if kind not in LIST_TOKENS]
    assert [kind if kind != "md" else "p" for kind, _ in sk] == [
        kind if kind != NOTE else "p" for kind, _ in expected
    ], sk
    paras = iter(paragraphs(body))
    for (kind, text), (want_kind, want) in zip(sk, expected, strict=True):
        if kind not in ("p", "md"):
            assert (kind, text) == (want_kind, want)
            continue
        para = next(paras)
        if want_kind == NOTE:
            assert only_backslashes_added(para.source, want), (para.source, want)
        else:
            assert (kind, text) == (want_kind, want)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=one_line,
    heading=one_line,
    authors=st.lists(one_line, max_size=2),
    paras=st.lists(one_line.filter(lambda s: s != ""), min_size=1, max_size=3),
    notes=st.lists(st.none() | nasty, min_size=4, max_size=4),
    tags=st.lists(st.lists(nasty, max_size=3), min_size=4, max_size=4),
    meaning=nasty,
)
def test_user_text_cannot_change_the_structure(
    title: str,
    heading: str,
    authors: list[str],
    paras: list[str],
    notes: list[str | None],
    tags: list[list[str]],
    meaning: str,
) -> None:
    doc = make_doc(title, heading, paras, authors)
    heading_block = doc.blocks[1]
    recs = []
    for i, block in enumerate(doc.blocks[2:]):
        recs.append(
            record(doc, block.start, block.end, "yellow" if i % 2 else None, tags[i], notes[i], i)
        )
    if heading:  # a passage across the heading and the first paragraph: two lines
        recs.append(
            record(doc, heading_block.start, doc.blocks[2].end, "pink", tags[3], notes[3], 9)
        )
    source = ExportSource([doc], recs, color_meanings={"yellow": meaning, "pink": meaning})
    text = render_export(ExportOptions(exported_at=STAMP, tags=(), links=False), source)
    front, body = split_front_matter(text)
    assert front["title"] == title
    assert front["authors"] == authors
    assert front["document"] == "t"
    assert front["exported"] == STAMP
    assert "%%" not in body and "$$" not in body
    expected: list[tuple[str, str]] = [("h1", visible_one_line(title))]
    by = visible_one_line("、".join(authors)) if authors else ""
    if by:
        expected.append(("p", by))
    ordered = sorted(recs, key=lambda r: (r.start, r.end))
    names = TagNames(t for r in ordered for t in r.tags)
    assert front["tags"] == names.names()
    assert front["meipi-tags"] == names.reverse_map()
    expected.append(("h2", visible_one_line(heading)))
    for rec in ordered:
        expected += expected_passage(rec, meaning, names)
    assert_structure(body, expected)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.text(CHARS, max_size=30), min_size=1, max_size=5))
def test_front_matter_reads_back_exactly(values: list[str]) -> None:
    doc = make_doc(values[0], "h", ["p"], values[1:])
    rec = record(doc, doc.blocks[2].start, doc.blocks[2].end, "yellow", values, None, 1)
    front, _ = split_front_matter(
        render_export(ExportOptions(exported_at=STAMP), ExportSource([doc], [rec]))
    )
    assert front["title"] == values[0]
    assert front["authors"] == values[1:]


def test_multiple_articles_share_one_file(docs: list[Document]) -> None:
    lian, hsu = docs
    recs = [anchor(lian, "出兵喬治亞"), anchor(hsu, hsu.text[200:220])]
    front, body = split_front_matter(md(ExportOptions(exported_at=STAMP), source_for(docs, recs)))
    assert [d["document"] for d in front["documents"]] == ["lian-obor", "hsu-divergence"]
    assert [txt for kind, txt in skeleton(body) if kind == "h1"] == [lian.title, hsu.title]


# Headings, paragraphs (with or without a note's markup), block quotes and a note's lists: no
# other list, rules, code, HTML or tables.
PLAIN_BLOCKS = {"h1", "h2", "h3", "p", "md", ">", "/>", *LIST_TOKENS}


@settings(max_examples=40, deadline=None)
@given(
    tags=st.lists(nasty.filter(lambda t: clean(t).strip() != ""), min_size=1, max_size=3),
    memo=nasty,
    note=nasty,
)
def test_themes_and_memos_cannot_change_the_structure(
    tags: list[str], memo: str, note: str
) -> None:
    from reader.folding import fold_key

    docs = library_docs()
    lian, hsu = docs
    recs = [
        anchor(lian, "出兵喬治亞", tags=tags, note=note),
        anchor(hsu, "中亞", tags=tags[:1], note=note),
    ]
    source = source_for(docs, recs, memos={t: memo for t in tags})
    by_tag = render_export(
        ExportOptions(documents=("lian-obor",), group_by="tag", exported_at=STAMP), source
    )
    sk = skeleton(split_front_matter(by_tag)[1])
    assert {kind for kind, _ in sk} <= PLAIN_BLOCKS
    themes: dict[str, str] = {}
    for tag in tags:
        themes.setdefault(fold_key(tag), tag)
    expected_heads = [
        visible_one_line(t)
        for t in sorted(themes.values(), key=lambda t: (theme_sort_key(t, "original"), fold_key(t)))
    ]
    assert [t for k, t in sk if k == "h2"] == expected_heads
    assert [k for k, _ in sk].count(">") == len(themes)

    compare = render_export(ExportOptions(format="compare", exported_at=STAMP), source)
    sk = skeleton(split_front_matter(compare)[1])
    assert {kind for kind, _ in sk} <= PLAIN_BLOCKS | {"table", "th", "td"}
    assert [t for k, t in sk if k == "h2"] == expected_heads
    memo_paras = visible_paragraphs(memo)
    for at, (kind, _) in enumerate(sk):
        if kind == "h2":
            if memo_paras:
                assert sk[at + 1] == ("p", "Memo:")
                assert sk[at + 2 : at + 2 + len(memo_paras)] == [("p", p) for p in memo_paras]
                assert sk[at + 2 + len(memo_paras)][0] == "h3"
            else:
                assert sk[at + 1][0] == "h3"
    assert [k for k, _ in sk].count("h3") == 2 * len(themes)


# Characters that mean something at the start of, or inside, a Markdown line.
MARKDOWN_CHARS = st.sampled_from(list("#>-*+_=|:[]()!<>\\`~%$&;^ \t\n1.)ax/@"))
dense = st.lists(st.one_of(MARKDOWN_CHARS, st.sampled_from(SNIPPETS)), max_size=24).map("".join)


@settings(max_examples=300, deadline=None)
@given(note=dense)
@example(note="\\%%")
@example(note="[a\n[b]: /url")
@example(note="x | y\n-|-|-\\")
def test_any_note_is_blocks_of_its_own_text(note: str) -> None:
    from reader.export.escape import note_paragraphs

    body = "\n\n".join(note_paragraphs(note)) + "\n"
    typed, items = read_note(note)
    sk = skeleton(body)
    assert [kind for kind, _ in sk].count("list_item_open") == items
    sk = [(kind, text) for kind, text in sk if kind not in LIST_TOKENS]
    # One paragraph (with or without markup) per typed paragraph, list item and heading, and
    # nothing else.
    assert [kind for kind, _ in sk] == [kind if kind == "md" else "p" for kind, _ in sk]
    assert len(sk) == len(typed)
    for para, want in zip(paragraphs(body), typed, strict=True):
        assert only_backslashes_added(para.source, want), (para.source, want)
    assert "%%" not in body and "$$" not in body

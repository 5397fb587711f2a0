"""Writing user text into Markdown and YAML (``reader.export.escape``): literal text renders as
itself in one paragraph, a note keeps its inline Markdown but opens no block, and front matter
reads back as the values written."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.export import escape

MD = MarkdownIt("commonmark").enable("table")
# Characters Markdown gives a meaning to, and others, at random.
LINE = st.text(
    st.one_of(st.sampled_from(list("#>-*+_=|:[]()!<>\\`~%$&;^{} 1.)ax@中")), st.characters()),
    max_size=40,
).map(lambda s: escape.clean(s).replace("\n", " ").replace("\t", " "))


def rendered_text(markdown: str) -> tuple[list[str], str]:
    """The block types markdown-it reads, and the text of its inline content."""
    tokens = MD.parse(markdown)
    blocks = [t.type for t in tokens if t.nesting == 1]
    text = "".join(
        child.content
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type in ("text", "softbreak")
    )
    return blocks, text


@settings(max_examples=200, deadline=None)
@given(LINE)
def test_a_literal_line_is_one_paragraph_of_itself(line: str) -> None:
    if not line.strip():
        return
    blocks, text = rendered_text(escape.inline(line))
    assert blocks == ["paragraph_open"]
    assert text == line


def test_line_markers_are_escaped_only_at_the_start() -> None:
    assert escape.inline("- item") == "\\- item"
    assert escape.inline("1. first") == "1\\. first"
    assert escape.inline("a - b") == "a - b"
    assert escape.inline("  indented ") == "&#x20;&#x20;indented&#x20;"


def test_paragraphs_split_at_blank_lines_with_hard_breaks_inside() -> None:
    assert escape.paragraphs("one\ntwo\n\n\nthree") == ["one  \ntwo", "three"]
    assert escape.line_paragraphs("one\n\ntwo\r\n") == ["one", "two"]
    assert escape.visible_lines("a\r\n\n b\x07") == ["a", " b"]


def test_a_note_keeps_its_markdown_but_opens_no_other_block() -> None:
    note = "# a heading\n> not a quote\n- a list\n**bold** and [link](http://x)"
    heading, quote, items = escape.note_paragraphs(note)
    assert heading == "**a heading**"  # strong: not a section of the export
    assert rendered_text(quote)[0] == ["paragraph_open"]
    assert items == "- a list  \n**bold** and [link](http://x)"
    assert [t.type for t in MD.parse(items) if t.nesting == 1][:2] == [
        "bullet_list_open",
        "list_item_open",
    ]
    quoted = escape.blockquote(["a", "b\\\nc"])
    assert quoted == "> a\n>\n> b\\\n> c"
    assert next(t.type for t in MD.parse(quoted) if t.nesting == 1) == "blockquote_open"


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=10),
        st.one_of(st.none(), st.integers(), st.text(), st.lists(st.text(), max_size=3)),
        max_size=5,
    )
)
def test_front_matter_reads_back_as_written(data: dict[str, object]) -> None:
    text = escape.front_matter({"title": "中俄", "meipi-tags": data})
    assert text.startswith("---\n") and text.endswith("\n---")
    assert yaml.safe_load(text[4:-4]) == {"title": "中俄", "meipi-tags": data}

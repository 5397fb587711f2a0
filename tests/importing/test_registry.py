"""The formats (``reader.importing.registry``): sniffed in order, binary first, plain text last
(it takes anything decoded)."""

from __future__ import annotations

import pytest

from reader.errors import InputError
from reader.importing import registry


def test_the_formats_in_the_order_they_are_tried() -> None:
    assert registry.format_names() == ("pdf", "meipi", "markdown", "text")
    assert [r.name for r in registry.binary_readers()] == ["pdf"]
    assert [r.name for r in registry.text_readers()] == ["meipi", "markdown", "text"]
    assert registry.format_label("pdf") == "PDF"
    assert registry.format_label("no-such") == "no-such"


def test_the_first_text_format_that_claims_a_text_wins() -> None:
    texts = {
        "meipi-text: 1\nid: x\n": "meipi",
        "# 前言\n\n正文\n\n## 結論\n": "markdown",
        "前言\n\n正文第一段。\n": "text",
    }
    for text, expected in texts.items():
        claimed = next(r.name for r in registry.text_readers() if r.sniff_text(text, "a.txt"))
        assert claimed == expected, text
    pdf = registry.reader_named("pdf")
    assert pdf.sniff_bytes(b"%PDF-1.7\n...", "a.bin") and not pdf.sniff_bytes(b"PK\x03", "a")


def test_an_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="Unknown format 'docx'"):
        registry.reader_named("docx")

"""The Anki export of the vocabulary (``reader.export.anki``): a file Anki's text import reads back
word for word, header lines first, no byte-order mark."""

from __future__ import annotations

import csv
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.export.anki import anki_csv
from reader.store.vocabulary import VocabularyRecord


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(field: str) -> str:
    parser = _Text()
    parser.feed(field)
    return "".join(parser.parts)


def read_like_anki(data: bytes) -> tuple[dict[str, str], list[list[str]]]:
    """Anki's text import (rslib import_export/text/csv): header lines ``#key:value`` until the
    first other line; then a CSV reader with that separator, ``"`` quotes (doubled inside), no
    header row, ``#`` comment lines skipped."""
    assert not data.startswith(b"\xef\xbb\xbf"), "a byte-order mark hides the first header"
    text = data.decode("utf-8")
    meta: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        key, sep, value = lines[i][1:].rstrip("\r\n").partition(":")
        assert sep, lines[i]
        meta[key.strip().lower()] = value
        i += 1
    names = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|"}
    delimiter = names[meta["separator"].strip().lower()]
    body = lines[i:]
    rows = []
    reader = csv.reader(iter(body), delimiter=delimiter, quotechar='"')
    consumed = 0
    for row in reader:
        first_line = body[consumed]
        consumed = reader.line_num
        if first_line.startswith("#"):
            continue  # a comment line to Anki's reader: the record would be lost
        rows.append(row)
    return meta, rows


WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
).filter(lambda w: bool(w.strip()))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(WORDS, st.text(max_size=30), st.text(max_size=40), st.text(max_size=40)),
        min_size=1,
        max_size=5,
    )
)
def test_anki_reads_back_every_word_and_its_back(rows: list[tuple[str, str, str, str]]) -> None:
    records = [
        VocabularyRecord(
            i, "lian-obor", word, word, word, pinyin, definition, sentence, i, i + 1, "3", "", ""
        )
        for i, (word, pinyin, definition, sentence) in enumerate(rows)
    ]
    data = anki_csv(records, lambda r: "連弘宜〈一帶一路〉, p. 3").encode("utf-8")
    meta, got = read_like_anki(data)
    assert meta["separator"] == "Comma" and meta["html"] == "true"
    assert meta["notetype"] == "Basic" and meta["tags column"] == "3"
    assert next(csv.reader([meta["columns"]])) == ["Front", "Back", "Tags"]
    assert len(got) == len(records)
    for row, record in zip(got, records, strict=True):
        assert len(row) == 3
        front, back, tags = row
        assert html_text(front) == record.word.replace("\r\n", "\n")
        back_text = html_text(back)
        for part in (record.pinyin, record.definition):
            assert part.replace("\r\n", "\n") in back_text
        if record.sentence:
            assert record.sentence.replace("\r\n", "\n") in back_text
            assert back_text.endswith("— 連弘宜〈一帶一路〉, p. 3")
        assert tags.split() == ["meipi", "lian-obor"]


def test_anki_file_for_a_real_entry() -> None:
    record = VocabularyRecord(
        1,
        "lian-obor",
        "上海合作组织",
        "上海合作組織",
        "上海合作组织",
        "Shàng hǎi Hé zuò Zǔ zhī",
        'Shanghai Cooperation Organisation (SCO); "a <club>" & more',
        "與中國大陸則透過上海合作組織的成立，發展多邊架構下的政經合作關係。",
        900,
        906,
        "2",
        "",
        "",
    )
    text = anki_csv([record], lambda r: f"連弘宜〈一帶一路框架下中俄之潛在競合關係〉, p. {r.page}")
    lines = text.splitlines()
    assert lines[:5] == [
        "#separator:Comma",
        "#html:true",
        "#notetype:Basic",
        "#columns:Front,Back,Tags",
        "#tags column:3",
    ]
    assert lines[5].startswith('"上海合作组织","<b>Shàng hǎi Hé zuò Zǔ zhī</b><br>')
    assert "&quot;" not in lines[5] and '""a &lt;club&gt;"" &amp; more' in lines[5]
    assert lines[5].endswith('p. 2","meipi lian-obor"')

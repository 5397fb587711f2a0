"""Vocabulary as a CSV file Anki imports (File ▸ Import, Anki 2.1.55 and later).

Anki's text import (``rslib/src/import_export/text/csv``) reads header lines first: each line
starting with ``#`` is ``#key:value`` until the first line that does not start with ``#``. We
write ``#separator:Comma``, ``#html:true``, ``#notetype:Basic``, ``#columns:`` (a CSV record in
the separator) and ``#tags column:3``. The rows are then read by a CSV reader with that
separator, double quotes (a quote inside a field doubled), no header row, and ``#`` as a
comment character: a row starting with ``#`` would be skipped, so every field is quoted (each
row starts with ``"``). With ``html:true`` the fields are HTML: text is escaped (``&``, ``<``,
``>``) and line breaks are ``<br>``. UTF-8 without a byte-order mark (a mark would hide the
first ``#``).

Front: the word. Back: pinyin, the definition, and the sentence with its citation
(article, ``p. N``). Tags: ``meipi`` and the article's id.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from html import escape

from reader.store.vocabulary import VocabularyRecord

COLUMNS = ("Front", "Back", "Tags")
_TAG_UNSAFE = re.compile(r"\s+")


def _html(text: str) -> str:
    return escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def back_html(record: VocabularyRecord, citation: str) -> str:
    parts = [f"<b>{_html(record.pinyin)}</b>" if record.pinyin else ""]
    if record.traditional != record.simplified:
        parts.append(_html(f"{record.traditional} / {record.simplified}"))
    if record.definition:
        parts.append(_html(record.definition))
    if record.sentence:
        parts.append(f"<i>{_html(record.sentence)}</i> — {_html(citation)}")
    return "<br>".join(p for p in parts if p)


def anki_csv(
    records: Iterable[VocabularyRecord],
    citation: Callable[[VocabularyRecord], str],
    deck: str | None = None,
) -> str:
    """The CSV text (``citation(record)`` says where the sentence is, e.g. 連弘宜〈…〉, p. 3)."""
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#notetype:Basic\n")
    if deck:
        out.write(f"#deck:{deck.replace(chr(10), ' ')}\n")
    writer = csv.writer(
        out, delimiter=",", quotechar='"', quoting=csv.QUOTE_ALL, lineterminator="\n"
    )
    header = io.StringIO()
    csv.writer(header, lineterminator="").writerow(COLUMNS)
    out.write(f"#columns:{header.getvalue()}\n#tags column:3\n")
    for record in records:
        tags = " ".join(("meipi", _TAG_UNSAFE.sub("_", record.document)))
        writer.writerow((_html(record.word), back_html(record, citation(record)), tags))
    return out.getvalue()

"""Every citation of a passage gives the printed labels of its pages (issue 17): an imported PDF
whose front matter is page "i" and whose body starts at 45 is cited "p. i" / "pp. i–45" in the
Markdown, compare and CSV exports and in ``meipi annotations``; ``--json`` keeps the page
numbers the contract defines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reader.documents import load_library
from reader.export.citing import passage_citation, passage_labels
from reader.store.records import AnnotationRecord
from tests.cli_helpers import meipi

PDF = Path(__file__).resolve().parents[1] / "data" / "pdf" / "xelatex-tc.pdf"
ON_I = "This article examines the strategic interests"
ACROSS = "發展政治軍事合作關係。\n壹、前言"  # the end of page i, the start of page 45


@pytest.fixture
def annotated() -> dict[str, str]:
    """The PDF imported and two passages annotated (tag 能源): on page i, and across i–45."""
    r = meipi("import", str(PDF))
    assert r.code == 0, r.err
    doc = load_library().get("xelatex-tc")
    assert [p.printed for p in doc.pages][:2] == ["i", "45"]
    ids = {}
    for name, quote in (("i", ON_I), ("across", ACROSS)):
        assert doc.text.count(quote) == 1, quote
        r = meipi("annotate", "xelatex-tc", "--quote", quote, "--tag", "能源", "--note", name)
        assert r.code == 0, r.err
        ids[name] = r.out.strip()
    assert "Annotated xelatex-tc pp. i–45 (yellow)" in r.err  # the last one: across
    r = meipi("annotate", "lian-obor", "--quote", "戈巴契夫", "--tag", "能源")
    assert r.code == 0, r.err
    return ids


def test_the_listing_cites_labels_and_json_keeps_numbers(annotated: dict[str, str]) -> None:
    r = meipi("annotations", "xelatex-tc")
    assert r.code == 0, r.err
    lines = {line.split("— ")[-1].split("  ")[0]: line for line in r.out.splitlines()}
    assert "  p. i  " in lines["i"]
    assert "  pp. i–45  " in lines["across"]
    assert "p. 1 " not in r.out
    pages = {a["note"]: a["pages"] for a in meipi("annotations", "--json").json()["annotations"]}
    # The JSON contract: page numbers (page i orders as 1); citations print the labels.
    assert pages["i"] == [1, 1]
    assert pages["across"] == [1, 45]


def test_markdown_and_pandoc_citations_cite_labels(annotated: dict[str, str]) -> None:
    r = meipi("export", "--format", "markdown", "--doc", "xelatex-tc", "--flavour", "pandoc")
    assert r.code == 0, r.err
    # The meta line (its "p." escaped so that no flavour reads a list) links back.
    assert f"[p\\. i](meipi://annotation/{annotated['i']})" in r.out
    assert f"[pp\\. i–45](meipi://annotation/{annotated['across']})" in r.out
    assert "p. i]" in r.out and "pp. i–45]" in r.out  # the Pandoc citations
    assert "p. 1" not in r.out and "pp. 1–45" not in r.out


def test_compare_cites_labels(annotated: dict[str, str]) -> None:
    r = meipi("export", "--format", "compare", "--doc", "lian-obor", "--doc", "xelatex-tc")
    assert r.code == 0, r.err
    assert f"[pp\\. i–45](meipi://annotation/{annotated['across']})" in r.out
    assert f"[p\\. i](meipi://annotation/{annotated['i']})" in r.out
    assert "[p\\. 1](" in r.out  # lian-obor's 戈巴契夫 is on its page 1: numbers stay numbers
    assert "pp. 1–45" not in r.out


def test_csv_cites_labels(annotated: dict[str, str]) -> None:
    r = meipi("export", "--format", "csv", "--doc", "xelatex-tc")
    assert r.code == 0, r.err
    rows = {
        row["note"]: row["citation"] for row in csv.DictReader(io.StringIO(r.out.lstrip("\ufeff")))
    }
    assert rows == {"i": "p. i", "across": "pp. i–45"}


def test_without_the_text_the_stored_numbers_are_cited() -> None:
    record = AnnotationRecord(
        "x", "gone", 0, 3, "abc", "", "", (4, 5), "yellow", (), None, "t", "t"
    )
    assert passage_labels(record, None) == ("4", "5")
    assert passage_citation(record, None) == "pp. 4–5"


def test_shipped_texts_cite_their_numbers() -> None:
    """Their labels are their numbers: the label citation is the stored numbers' citation."""
    library = load_library()
    for doc in library:
        if not doc.shipped:
            continue
        for start in range(0, len(doc.text), 97):
            end = min(len(doc.text), start + 250)
            record = AnnotationRecord(
                "x",
                doc.id,
                start,
                end,
                "",
                "",
                "",
                doc.pages_of(start, end),
                None,
                (),
                None,
                "t",
                "t",
            )
            first, last = doc.pages_of(start, end)
            expected = f"p. {first}" if first == last else f"pp. {first}\u2013{last}"
            assert passage_citation(record, doc) == expected


def test_edit_and_delete_confirm_with_labels(annotated: dict[str, str]) -> None:
    r = meipi("edit", annotated["across"][:8], "--color", "blue")
    assert r.code == 0, r.err
    assert "xelatex-tc pp. i–45 「" in r.out.splitlines()[0]
    r = meipi("edit", annotated["i"], "--color", "yellow")  # nothing changes
    assert r.code == 0, r.err
    assert "xelatex-tc p. i 「This article" in r.out
    r = meipi("delete", annotated["i"])
    assert r.code == 0, r.err
    assert f"Deleted {annotated['i']} (xelatex-tc p. i 「This article" in r.out
    assert "p. 1 " not in r.out


def test_a_duplicate_is_refused_naming_its_label(annotated: dict[str, str]) -> None:
    r = meipi("annotate", "xelatex-tc", "--quote", ACROSS)
    assert r.code == 2
    assert "xelatex-tc pp. i–45 is annotated already" in r.err
    assert annotated["across"] in r.err


def test_an_ambiguous_id_lists_labels(db_file: Path) -> None:
    from reader.errors import InputError
    from reader.ops import annotations as ops
    from reader.store import open_store

    assert meipi("import", str(PDF)).code == 0
    library = load_library()
    doc = library.get("xelatex-tc")
    front = doc.text[: doc.pages[1].start]
    spans = [(i, i + 1) for i, c in enumerate(front) if c == "e"]
    assert len(spans) > 16  # two ids then share their first hex digit
    store = open_store(db_file)
    try:
        made = ops.annotate_many(store, doc, spans)
        firsts = [r.id[0] for r in made]
        shared = next(c for c in firsts if firsts.count(c) > 1)
        with pytest.raises(InputError) as refused:
            ops.find(store, shared, library)
    finally:
        store.close(backup=False)
    listed = str(refused.value).splitlines()[1:]
    assert listed and all(" xelatex-tc p. i  「e」" in line for line in listed if "…" not in line)


def test_search_lists_labels_and_json_keeps_numbers() -> None:
    assert meipi("import", str(PDF)).code == 0
    r = meipi("search", "This article examines", "--doc", "xelatex-tc")
    assert r.code == 0, r.err
    assert "  p. i  " in r.out and "p. 1 " not in r.out
    r = meipi("search", "壹、前言", "--doc", "xelatex-tc")
    assert "  p. 45  " in r.out
    matches = meipi("search", "This article examines", "--json").json()["matches"]
    assert [m["page"] for m in matches] == [1]

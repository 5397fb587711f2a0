"""Metadata from a reference manager's file (issue 20): a Better BibTeX ``.bib`` or CSL-JSON
entry fills a text's title, authors, venue, issue, date, first page and citekey; a malformed
file or a missing entry is exit 2 with one sentence; Meipi's own bibtex / csl-json exports
read back in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import InputError
from reader.export.references import bib_name, bib_text
from reader.importing.metadata_file import (
    Reference,
    latex_text,
    load_reference,
    parse_bibtex,
    parse_csl_json,
)
from tests.cli_helpers import meipi

BBT = r"""% Exported by Better BibTeX for Zotero
@preamble{ "\newcommand{\noop}[1]{}" }
@comment{jabref-meta: databaseType:biblatex;}
@string{ vision = "遠景論壇" }
@String(fund = {財團法人兩岸交流遠景基金會})

@article{xuZhongEliangguo2024,
  title = {中俄兩國之戰略利益分歧：{Central Asia} \& the {Arctic}},
  author = {{許菁芸} and {歐陽}, 修 and Smith, John Q. and {van Gogh}, Vincent and others},
  date = {2024-11},
  journaltitle = vision # { (No. } # "91" # {)},
  number = {91},
  pages = {45--47},
  publisher = fund,
  langid = {chinese},
}

@Article( lian2017,
  Title = "一帶一路框架下中俄之潛在競合關係",
  Author = "{連弘宜}",
  Journal = {戰略瞭望},
  Year = 2017, Month = nov,
  Pages = "S12--S19"
)

@misc{plain, title={100\% {\{}braced{\}}}, year={2019}, month={September}}
"""


def test_a_better_bibtex_file_reads_entry_by_entry() -> None:
    refs = {r.key: r for r in parse_bibtex(BBT, "refs.bib")}
    assert list(refs) == ["xuZhongEliangguo2024", "lian2017", "plain"]
    xu = refs["xuZhongEliangguo2024"]
    assert xu == Reference(
        key="xuZhongEliangguo2024",
        title="中俄兩國之戰略利益分歧：Central Asia & the Arctic",
        authors=("許菁芸", "歐陽, 修", "Smith, John Q.", "van Gogh, Vincent"),
        venue="遠景論壇 (No. 91)",
        issue="91",
        date="2024-11",
        pages="45–47",
        publisher="財團法人兩岸交流遠景基金會",
    )
    assert xu.first_page == 45
    lian = refs["lian2017"]
    assert (lian.title, lian.authors, lian.venue, lian.date) == (
        "一帶一路框架下中俄之潛在競合關係",
        ("連弘宜",),
        "戰略瞭望",
        "2017-11",
    )
    assert lian.pages == "S12–S19" and lian.first_page is None  # not a number: no first page
    assert refs["plain"].title == "100% {braced}"
    assert refs["plain"].date == "2019-09"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("@article{k, title = {closed}\n", "the entry 'k' is never closed (line 1)"),
        ("\n@article{k, title = {never closed\n", "'{' is never closed (line 2)"),
        ('@article{k,\n title = "open', "'\"' is never closed (line 2)"),
        ("@article{k,\n  title = {a}\n  year = 2020}", "expected ',' or '}'"),
        ("@article{k, journal = unknownmacro}", "neither quoted nor a @string"),
        ("@article{k, title {x}}", "expected '=' after the field 'title'"),
        ("@article k", "expected '{' after @article"),
    ],
)
def test_malformed_bibtex_says_what_and_where(text: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_bibtex(text, "bad.bib")
    message = str(caught.value)
    assert message.startswith("bad.bib is not valid BibTeX: ")
    assert where in message


def test_csl_json_reads_literal_and_split_names(tmp_path: Path) -> None:
    items = [
        {
            "id": "xu2024",
            "type": "article-journal",
            "title": "中俄兩國之戰略利益分歧",
            "author": [
                {"literal": "許菁芸"},
                {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
            ],
            "container-title": "遠景論壇",
            "issue": "91",
            "issued": {"date-parts": [[2024, 11]]},
            "page": "45-47",
            "publisher": "財團法人兩岸交流遠景基金會",
        },
        {"id": "b", "citation-key": "bKey", "title": "B", "issued": {"raw": "2020"}},
    ]
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    xu = load_reference(path, "xu2024")
    assert xu.authors == ("許菁芸", "van Gogh, Vincent")
    assert (xu.venue, xu.issue, xu.date, xu.pages, xu.first_page) == (
        "遠景論壇",
        "91",
        "2024-11",
        "45–47",
        45,
    )
    assert load_reference(path, "bKey").date == "2020"
    with pytest.raises(InputError, match="no entry 'nope'; its entries are: xu2024, bKey"):
        load_reference(path, "nope")
    with pytest.raises(InputError, match="holds 2 entries; choose one with --entry KEY"):
        load_reference(path)
    with pytest.raises(InputError, match=r"not valid CSL-JSON \(line 1"):
        parse_csl_json('[{"id": "x",]', "refs.json")
    with pytest.raises(InputError, match="item 1 has no id"):
        parse_csl_json('[{"title": "x"}]', "refs.json")


# What Meipi's exporter writes for a title reads back as that title (LaTeX's ``--`` is an en
# dash, so a title with one is left out; control characters are not titles).
_TITLES = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
    lambda t: "--" not in t and t.strip()
)


@settings(max_examples=300, deadline=None)
@given(_TITLES)
def test_exported_bibtex_text_reads_back(title: str) -> None:
    assert latex_text("{" + bib_text(title) + "}") == " ".join(title.split())
    entry = f"@article{{k, title = {{{bib_text(title)}}}, author = {{{bib_name('連弘宜')}}}}}"
    ref = parse_bibtex(entry)[0]
    assert ref.title == " ".join(title.split()) and ref.authors == ("連弘宜",)


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_meipi_exports_round_trip_into_an_import(tmp_path: Path, fmt: str) -> None:
    refs = tmp_path / ("refs.bib" if fmt == "bibtex" else "refs.json")
    r = meipi("export", "--format", fmt, "--doc", "hsu-divergence", "-o", str(refs))
    assert r.code == 0, r.err
    mine = tmp_path / "mine.txt"
    mine.write_text("第一段。\n\n第二段。\n", encoding="utf-8")
    r = meipi("import", str(mine), "--metadata", str(refs), "--id", "mine", "--citekey", "mine")
    assert r.code == 0, r.err
    docs = {d["id"]: d for d in meipi("list", "--json").json()["documents"]}
    shipped, imported = docs["hsu-divergence"], docs["mine"]
    for name in ("title", "authors", "venue", "date"):
        assert imported[name] == shipped[name], name
    assert imported["issue"] == "91"  # the exports write "No. 91" as the number processors want
    text = meipi("text", "mine", "--json").json()
    first = meipi("text", "hsu-divergence", "--json").json()["pages"][0]["label"]
    assert text["pages"][0]["label"] == first
    # The entry's own key is the citekey when --citekey is not given; it is the shipped
    # text's key, which it keeps, so it is refused until the entry's key is changed.
    other = tmp_path / "other.txt"
    other.write_text("另一段。\n", encoding="utf-8")
    key = load_reference(refs).key
    r = meipi("import", str(other), "--metadata", str(refs), "--id", "other")
    assert r.code == 2 and f"{key!r} is already the key of 'hsu-divergence'" in r.err
    refs.write_text(refs.read_text(encoding="utf-8").replace(key, "other2024"), encoding="utf-8")
    r = meipi("import", str(other), "--metadata", str(refs), "--id", "other")
    assert r.code == 0, r.err
    assert "Cite it as [@other2024]" in r.out


def test_the_command_line_refuses_with_one_sentence(tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("第一段。\n", encoding="utf-8")
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{k,\n  title = {unclosed\n", encoding="utf-8")
    good = tmp_path / "good.bib"
    good.write_text(BBT, encoding="utf-8")
    cases = [
        (["--metadata", str(bad)], "bad.bib is not valid BibTeX: a '{' is never closed (line 2)."),
        (["--metadata", str(good), "--entry", "nope"], "good.bib has no entry 'nope'"),
        (["--metadata", str(good)], "good.bib holds 3 entries; choose one with --entry KEY"),
        (["--metadata", str(tmp_path / "none.bib")], "There is no file"),
        (["--entry", "x"], "--entry chooses an entry of --metadata FILE"),
    ]
    for extra, message in cases:
        r = meipi("import", str(mine), *extra)
        assert r.code == 2, (extra, r.err)
        assert message in r.err and "Traceback" not in r.err
    assert meipi("list", "--json").json()["documents"][-1]["id"] != "mine"
    r = meipi("import", str(mine), "--metadata", str(good), "--entry", "lian2017")
    assert r.code == 0, r.err
    assert "Cite it as [@lian2017]" in r.out
    doc = meipi("text", "mine", "--json").json()
    assert (doc["title"], doc["authors"], doc["venue"], doc["date"]) == (
        "一帶一路框架下中俄之潛在競合關係",
        ["連弘宜"],
        "戰略瞭望",
        "2017-11",
    )

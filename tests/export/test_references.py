"""Citation-ready exports: citekeys, CSL-JSON and BibTeX that Pandoc's citeproc renders with
page numbers, Pandoc citations after quotes, ``meipi config`` and the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.export import render_export
from reader.export.records import AnnotationRecord, ExportOptions, ExportSource
from tests.cli_helpers import meipi
from tests.export.helpers import anchor, library_docs, source_for
from tests.export.mdcheck import split_front_matter

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (CI installs it: apt-get install pandoc)"
)


def _source() -> tuple[ExportSource, list[AnnotationRecord]]:
    lian, hsu = library_docs()
    recs = [
        anchor(lian, "區域性的多邊或雙邊合作", tags=["地區/中亞"]),
        anchor(lian, "1990 年代中期之「建設性夥伴關係」"),  # pp. 1–2
        anchor(hsu, "北極地區因全球暖化因素", tags=["北極"]),
    ]
    return source_for([lian, hsu], recs), recs


def test_csl_json_items() -> None:
    source, _ = _source()
    items = json.loads(render_export(ExportOptions(format="csl-json"), source))
    lian, hsu = items
    assert lian["id"] == "lianyidai" and lian["author"] == [{"literal": "連弘宜"}]
    assert lian["container-title"] == "戰略瞭望" and lian["page"] == "1-8"
    assert "issued" not in lian
    assert hsu["issue"] == "91" and hsu["issued"] == {"date-parts": [[2024, 11]]}
    assert hsu["publisher"] == "財團法人兩岸交流遠景基金會" and hsu["page"] == "1-4"


def test_english_subtitle_is_not_the_short_title() -> None:
    """The English subtitle is no short form of the Chinese title: Zotero and Pandoc would print
    it as the short title in notes. It is kept in CSL's ``note``; BibTeX gets no shorttitle."""
    source, _ = _source()
    lian = json.loads(render_export(ExportOptions(format="csl-json"), source))[0]
    assert "title-short" not in lian and "original-title" not in lian
    assert lian["title"] == "一帶一路框架下中俄之潛在競合關係"
    assert lian["note"].startswith("English title: Competition and Cooperation between China")
    bib = render_export(ExportOptions(format="bibtex"), source)
    assert "shorttitle" not in bib and "Competition and Cooperation" not in bib


def test_pandoc_flavour_ends_quotes_in_citations() -> None:
    source, _ = _source()
    text = render_export(ExportOptions(flavour="pandoc", links=False), source)
    assert "> 區域性的多邊或雙邊合作 [@lianyidai, p. 3]" in text
    assert "[@lianyidai, pp. 1–2]" in text
    assert "[@xu2024zhonge, p. 2]" in text
    front, _ = split_front_matter(text)
    assert [d["citekey"] for d in front["documents"]] == ["lianyidai", "xu2024zhonge"]
    plain = render_export(ExportOptions(), source)
    assert "[@" not in plain
    forced = render_export(ExportOptions(citations=True), source)
    assert "[@lianyidai, p. 3]" in forced


GBT7714 = Path(
    "/usr/share/citation-style-language/styles/china-national-standard-gb-t-7714-2015-author-date.csl"
)


def _citeproc(tmp_path: Path, fmt: str, reader: str, csl: Path | None) -> str:
    source, _ = _source()
    refs = tmp_path / ("refs.json" if fmt == "csl-json" else "refs.bib")
    refs.write_text(render_export(ExportOptions(format=fmt), source), encoding="utf-8")
    md = tmp_path / "paper.md"
    md.write_text(
        render_export(ExportOptions(flavour="pandoc", links=False), source), encoding="utf-8"
    )
    assert PANDOC is not None
    argv = [PANDOC, "-f", reader, "--citeproc", "--bibliography", str(refs), "-t", "plain"]
    argv += ["--wrap=none", str(md)]
    if csl is not None:
        argv += ["--csl", str(csl)]
    done = subprocess.run(argv, capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8").replace("\xa0", " ")


@needs_pandoc
@pytest.mark.parametrize("fmt", ["csl-json", "bibtex"])
def test_citeproc_renders_every_citation_with_pages(tmp_path: Path, fmt: str) -> None:
    """Pandoc's built-in style (Chicago author-date), reading Pandoc's Markdown (the readers of
    commonmark_x and gfm in Pandoc 2.17 have no citations extension)."""
    out = _citeproc(tmp_path, fmt, "markdown", None)
    assert "???" not in out and "@" not in out, out
    assert "(連弘宜, n.d., 3)" in out
    assert "(連弘宜, n.d., 1–2)" in out
    assert "(許菁芸 2024, 2)" in out
    # The bibliography: both texts, with venue, issue and pages.
    assert "遠景論壇" in out and "no. 91" in out and "1–4" in out
    assert "戰略瞭望" in out and "1–8" in out


@needs_pandoc
@pytest.mark.skipif(
    not GBT7714.exists(),
    reason="the GB/T 7714 CSL style is not installed (CI: apt-get install "
    "citation-style-language-styles)",
)
def test_citeproc_in_gb_t_7714(tmp_path: Path) -> None:
    out = _citeproc(tmp_path, "csl-json", "markdown", GBT7714)
    assert "(連弘宜, p. 3)" in out and "(連弘宜, pp. 1–2)" in out
    assert "(許菁芸, 2024, p. 2)" in out
    assert "許菁芸, 2024. 中俄兩國之戰略利益分歧[J]. 遠景論壇(91): 1-4." in out
    assert "連弘宜. 一帶一路框架下中俄之潛在競合關係[J]. 戰略瞭望: 1-8." in out


def test_cli_markdown_omits_texts_without_annotations() -> None:
    assert meipi("annotate", "lian-obor", "--quote", "保護持有俄羅斯護照之公民").code == 0
    done = meipi("export", "--format", "markdown", "--script", "zh-Hans")
    assert done.code == 0, done.err
    assert "Left out 1 text" in done.err
    assert "許菁芸" not in done.out and "No annotations match" not in done.out
    front, body = split_front_matter(done.out)
    # Byline converted character by character into the export's script.
    assert front["authors"] == ["连弘宜"] and front["venue"] == "战略瞭望"
    assert "连弘宜 · 战略瞭望" in body
    refs = meipi("export", "--format", "bibtex")
    assert refs.code == 0 and "author = {{連弘宜}}" in refs.out


def test_pinyin_under_each_quote() -> None:
    source, _ = _source()
    text = render_export(ExportOptions(pinyin=True, links=False, flavour="pandoc"), source)
    _, body = split_front_matter(text)
    # The quote (with its citation), then its pinyin with tone marks, in one block quote.
    assert "> 北極地區因全球暖化因素 [@xu2024zhonge, p. 2]\n>\n> běi jí dì qū yīn quán qiú" in body
    assert "běi jí" not in render_export(ExportOptions(), source)

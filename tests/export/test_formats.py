"""The export formats: each suggests its own file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.export import ExportOptions, suggested_filename
from reader.export.formats import FORMATS
from tests.cli_helpers import meipi


def test_suggested_filenames() -> None:
    assert suggested_filename(ExportOptions(documents=("lian-obor",))) == "lian-obor.md"
    assert suggested_filename(ExportOptions(format="compare")) == "comparison.md"
    assert suggested_filename(ExportOptions(format="json")) == "annotations.json"
    assert suggested_filename(ExportOptions(format="csv")) == "annotations.csv"


# The shipped texts' titles, authors and venues as published (Traditional) and as a Simplified
# export writes them, character by character (written by hand).
PUBLISHED = (
    "一帶一路框架下中俄之潛在競合關係",
    "連弘宜",
    "戰略瞭望",
    "中俄兩國之戰略利益分歧",
    "許菁芸",
    "遠景論壇",
)
SIMPLIFIED = (
    "一带一路框架下中俄之潜在竞合关系",
    "连弘宜",
    "战略瞭望",
    "中俄两国之战略利益分歧",
    "许菁芸",
    "远景论坛",
)
REFERENCES = ("csl-json", "bibtex")  # records for a citation manager: the published form


@pytest.mark.parametrize("name", FORMATS)
def test_metadata_in_one_script_in_every_format(name: str) -> None:
    """A tester's Simplified comparison read 连弘宜〈一帶一路框架下…〉 (author converted, title
    not): every format that shows a text's metadata shows all of it in one script."""
    for doc, quote in (("lian-obor", "新思維"), ("hsu-divergence", "北極地區因全球暖化因素")):
        assert meipi("annotate", doc, "--quote", quote).code == 0
    done = meipi("export", "--format", name, "--script", "zh-Hans-CN")
    assert done.code == 0, done.err
    if name in REFERENCES:
        assert all(p in done.out for p in PUBLISHED), done.out
        assert not any(s in done.out for s in SIMPLIFIED), done.out
        return
    if name == "json":
        return  # W3C JSON names a text by its id; its selectors quote the source as it is
    assert not any(p in done.out for p in PUBLISHED), done.out
    assert SIMPLIFIED[0] in done.out and SIMPLIFIED[3] in done.out  # the titles
    original = meipi("export", "--format", name)
    assert PUBLISHED[0] in original.out and PUBLISHED[3] in original.out
    assert not any(s in original.out for s in SIMPLIFIED)


def test_a_front_matter_title_heads_a_simplified_export_in_simplified(tmp_path: Path) -> None:
    """A tester's Markdown import, titled in its front matter (no ``# title`` line, so no title
    block): a Simplified export's front matter read 北极航道与中俄合作 and its heading still
    北極航道與中俄合作. The heading follows the export's script as the front matter does."""
    source = tmp_path / "arctic.md"
    source.write_text(
        "---\ntitle: 北極航道與中俄合作\nauthor: 王志遠\n---\n\n"
        "## 前言\n\n北極航道的開通為中俄兩國帶來新的合作機會。\n",
        encoding="utf-8",
    )
    assert meipi("import", str(source)).code == 0
    assert meipi("annotate", "arctic", "--quote", "合作機會").code == 0
    simplified = meipi(
        "export", "--format", "markdown", "--script", "zh-Hans-CN", "--doc", "arctic"
    )
    assert simplified.code == 0, simplified.err
    assert 'title: "北极航道与中俄合作"' in simplified.out
    assert "\n# 北极航道与中俄合作\n" in simplified.out, simplified.out
    assert "北極航道與中俄合作" not in simplified.out
    original = meipi("export", "--format", "markdown", "--doc", "arctic")
    assert "\n# 北極航道與中俄合作\n" in original.out

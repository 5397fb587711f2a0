"""``meipi import FILE`` (``reader.commands.importing``): what was read and guessed is said, the
options override the guesses, a citekey is checked before anything is saved."""

from __future__ import annotations

from pathlib import Path

from reader import paths
from reader.commands.importing import with_reference
from reader.importing import Overrides
from reader.importing.metadata_file import Reference
from tests.cli_helpers import meipi

ARTICLE = (
    "中俄關係的新階段\n\n許菁芸\n\n雙方在重要的能源議題上將進一步深化合作。\n\n北極航道與能源。\n"
)


def test_the_report_says_what_was_read_and_guessed(tmp_path: Path) -> None:
    path = tmp_path / "new-stage.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = meipi("import", str(path))
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "Imported new-stage from new-stage.txt (UTF-8, plain text)."
    assert "  title:      中俄關係的新階段" in lines
    assert any(line.startswith("  script:     zh-Hant-TW (guessed from") for line in lines)
    assert lines[-1] == "Read it with: meipi text new-stage"
    assert meipi("text", "new-stage", "--json").json()["title"] == "中俄關係的新階段"


def test_options_override_the_guesses_and_a_citekey_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    argv = ["--id", "mine", "--title", "新階段", "--author", "Lin", "--script", "zh-Hans"]
    done = meipi("import", str(path), *argv, "--citekey", "lin2026")
    assert done.code == 0, done.err
    assert "Cite it as [@lin2026]" in done.out
    assert "  script:     zh-Hans (as you said)" in done.out.splitlines()
    data = meipi("list", "--json").json()
    mine = next(d for d in data["documents"] if d["id"] == "mine")
    assert (mine["title"], mine["authors"]) == ("新階段", ["Lin"])


def test_a_taken_or_bad_citekey_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    for key, fragment in (("lianyidai", "already the key of 'lian-obor'"), ("a b", "citekey")):
        refused = meipi("import", str(path), "--citekey", key)
        assert refused.code == 2 and fragment in refused.err, refused.err
    assert not paths.user_texts_dir().exists() or not any(paths.user_texts_dir().iterdir())
    lonely = meipi("import", str(path), "--entry", "x")
    assert lonely.code == 2 and "--metadata" in lonely.err


def test_a_reference_fills_only_what_the_user_left_unsaid() -> None:
    ref = Reference(key="k", title="From bib", authors=("A",), venue="V", date="2020", pages="5–9")
    filled = with_reference(Overrides(title="Mine"), ref)
    assert (filled.title, filled.authors, filled.venue, filled.date) == (
        "Mine",
        ("A",),
        "V",
        "2020",
    )
    assert filled.first_page == 5
    assert with_reference(Overrides(), ref, pdf=True).first_page is None  # a PDF's own labels


def test_radicals_written_for_ideographs_are_mapped_and_counted(tmp_path: Path) -> None:
    """Text copied out of a PDF may hold ⽇ (KANGXI RADICAL SUN) for 日: imported as 日, and the
    report says how many were mapped."""
    path = tmp_path / "copied.txt"
    path.write_text("中俄關係\n\n王⼩明\n\n十月二十二⽇於俄羅斯喀⼭舉行峰會。\n", encoding="utf-8")
    done = meipi("import", str(path))
    assert done.code == 0, done.err
    assert "  mapped:     3 radicals written for ideographs (⽇ for 日) to the ideographs" in (
        done.out.splitlines()
    )
    text = meipi("text", "copied", "--json").json()["text"]
    assert "王小明" in text and "二日於俄羅斯喀山" in text
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    assert "mapped:" not in meipi("import", str(plain)).out


def test_a_text_imported_before_the_mapping_is_quoted_with_the_ideograph(tmp_path: Path) -> None:
    """Its stored text keeps ⽇ (it is not rewritten under its annotations); ``--quote 日於…``
    finds it, and search folds the two alike."""
    path = tmp_path / "old.txt"
    path.write_text("中俄關係\n\n二〇二四年十月二十二日於俄羅斯喀山舉行峰會。\n", encoding="utf-8")
    assert meipi("import", str(path)).code == 0
    stored = paths.user_texts_dir() / "old.meipi.txt"
    stored.write_text(stored.read_text("utf-8").replace("日於", "⽇於"), "utf-8")  # as before
    text = meipi("text", "old", "--json").json()["text"]
    start = text.index("⽇於俄羅斯")
    done = meipi("annotate", "old", "--quote", "日於俄羅斯")
    assert done.code == 0, done.err
    (note,) = meipi("annotations", "--json").json()["annotations"]
    assert (note["start"], note["end"]) == (start, start + 5)
    assert "old〈中俄關係〉 1 match" in meipi("search", "日於俄").out

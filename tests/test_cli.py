"""The command line's own work (``reader.cli``): parsing, the arguments checked before a command
runs, and every failure one line on stderr with the contract's exit code."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader import cli
from reader.export.formats import FORMATS
from tests.cli_helpers import meipi


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_every_command_is_in_the_parser() -> None:
    parser = cli.build_parser()
    help_text = parser.format_help()
    for command in ("list", "text", "search", "annotate", "annotations", "export", "import"):
        assert command in help_text
    assert tuple(cli.EXPORT_FORMATS) == FORMATS and "csv" in cli.EXPORT_FORMATS
    assert len(cli.EXPORT_FORMATS) == len(FORMATS)


def test_an_unknown_command_or_option_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("frobnicate")
    assert code == 2 and out == "" and "frobnicate" in capsys.readouterr().err
    code, _, _ = run("list", "--colour")
    assert code == 2 and "--colour" in capsys.readouterr().err


def test_an_empty_db_and_a_db_in_a_missing_folder_are_refused(tmp_path: Path) -> None:
    code, _, err = run("list", "--db", "  ")
    assert code == 2 and err.startswith("meipi: --db was given an empty path.")
    code, _, err = run("list", "--db", str(tmp_path / "missing" / "m.sqlite3"))
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "missing").exists()


def test_an_argument_that_is_not_utf8_is_named() -> None:
    code, _, err = run("search", "中\udcff")
    assert code == 2 and "is not valid UTF-8 text" in err and "Traceback" not in err


def test_a_meipi_error_is_one_line_and_its_exit_code() -> None:
    code, out, err = run("text", "no-such-document")
    assert code == 2 and out == ""
    assert err.startswith("meipi: ") and err.count("\n") == 1


def test_the_library_is_read_once_per_command() -> None:
    ctx = cli.Context(db=Path("/nonexistent/m.sqlite3"), stdout=io.StringIO(), stderr=sys.stderr)
    assert ctx.library() is ctx.library()
    assert meipi("list").code == 0


def test_a_value_that_begins_with_a_dash_is_taken_as_the_options_value() -> None:
    """A tester: ``--tag -lead`` and ``--tag -5%`` failed with argparse's "expected one
    argument"; a tag, a note or a quote may begin with "-"."""
    made = meipi(
        "annotate", "hsu-divergence", "--quote", "金磚國家", "--occurrence", "1",
        "--tag", "-lead", "--tag", "-5%", "--note", "-x",
    )  # fmt: skip
    assert made.code == 0, made.err
    (row,) = meipi("annotations", "--json").json()["annotations"]
    assert (row["tags"], row["note"]) == (["-lead", "-5%"], "-x")
    assert [
        a["id"] for a in meipi("annotations", "--tag", "-lead", "--json").json()["annotations"]
    ] == [row["id"]]
    edited = meipi("edit", row["id"], "--tag", "-later", "--note", "-y")
    assert edited.code == 0, edited.err
    (row,) = meipi("annotations", "--json").json()["annotations"]
    assert (row["tags"], row["note"]) == (["-later"], "-y")  # --tag replaces the tags
    # A quote beginning with "-" reaches the command, which says it is not in the text.
    missing = meipi("annotate", "hsu-divergence", "--quote", "-nowhere")
    assert missing.code == 2 and "expected one argument" not in missing.err
    assert "-nowhere" in missing.err


def test_an_option_name_given_as_a_value_says_how_to_write_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A value that is itself an option's name stays an option: the message says to write
    ``--tag=VALUE``; a positional value beginning with "-" goes after ``--``."""
    r = meipi("annotate", "hsu-divergence", "--quote", "金磚國家", "--tag", "--note", "x")
    err = capsys.readouterr().err
    assert r.code == 2 and "--tag=" in err and err.count("\n") == 1
    r = meipi("search", "-5%")
    assert r.code == 2 and "meipi search -- -5%" in capsys.readouterr().err
    r = meipi("search", "--json", "--", "-5%")
    assert r.code == 0, r.err


def test_a_misspelled_option_is_named_not_taken_for_a_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A reviewer: `meipi export --fromat csv` was told to put "--fromat" after '--'."""
    r = meipi("export", "--fromat", "csv")
    err = capsys.readouterr().err
    assert r.code == 2 and "unknown option --fromat (did you mean --format?)" in err
    assert "after '--'" not in err and err.count("\n") == 1
    r = meipi("annotate", "hsu-divergence", "--qoute", "金磚國家")
    err = capsys.readouterr().err
    assert r.code == 2 and "did you mean --quote?" in err and "after '--'" not in err

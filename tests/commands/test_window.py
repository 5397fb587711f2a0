"""``meipi`` and ``meipi --db PATH`` start the window without building every command's parser,
with exactly what the full parser would give (issue 10: startup time)."""

from __future__ import annotations

import pytest

from reader import cli


@pytest.mark.parametrize("argv", [[], ["--db", "x.sqlite3"], ["--db=x.sqlite3"]])
def test_the_window_shortcut_parses_as_the_full_parser(argv: list[str]) -> None:
    full = vars(cli.build_parser().parse_args(argv))
    fast = cli._window_only(argv)
    assert fast is not None
    quick = vars(fast)
    assert full.pop("func").__qualname__ == quick.pop("func").__qualname__
    assert quick == full


@pytest.mark.parametrize(
    "argv", [["--db"], ["--db="], ["--db", "-h"], ["-h"], ["list"], ["--db", "x", "list"]]
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert cli._window_only(argv) is None

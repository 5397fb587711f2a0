"""``reader.errors``: the exit codes of the contract, and a user's value echoed short and with its
controls visible, so a message can neither flood nor drive the terminal."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.errors import (
    EXIT_ENVIRONMENT,
    EXIT_INPUT,
    MESSAGE_LIMIT,
    SHORT,
    EnvironmentFailure,
    InputError,
    MeipiError,
    for_terminal,
    shorten,
    visible,
)


def test_the_exit_codes_of_the_contract() -> None:
    assert (EXIT_ENVIRONMENT, EXIT_INPUT) == (1, 2)
    assert InputError("x").exit_code == 2
    assert EnvironmentFailure("x").exit_code == 1
    assert MeipiError("x").exit_code == 1
    assert str(InputError("Unknown view.")) == "Unknown view."


def test_controls_and_lone_surrogates_are_shown_not_sent() -> None:
    assert visible("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"
    assert visible("line\nnext\ttab") == "line\nnext\ttab"
    assert visible("\x85\x9b\x7f") == "\\x85\\x9b\\x7f"
    assert visible("bad\udcff") == "bad\\udcff"
    assert visible("中亞 ok") == "中亞 ok"
    assert visible("a\nb", keep="") == "a\\x0ab"


def test_a_long_value_is_quoted_short_on_one_line() -> None:
    assert shorten("中" * 100) == "中" * (SHORT - 1) + "…"
    assert shorten("a\nb") == "a\\x0ab"
    assert shorten(12345) == "12345"
    assert len(shorten("x" * 10_000, limit=10)) == 10


def test_a_message_with_a_megabyte_id_keeps_its_advice() -> None:
    message = f"There is no annotation {'f' * 1_000_000}. Run meipi annotations to list them."
    shown = for_terminal(message)
    assert len(shown) <= MESSAGE_LIMIT
    assert shown.startswith("There is no annotation ffff")
    assert shown.endswith("Run meipi annotations to list them.")


@given(st.text(max_size=3000))
def test_whatever_a_message_holds_the_terminal_gets_no_control(text: str) -> None:
    shown = for_terminal(text)
    assert len(shown) <= MESSAGE_LIMIT * 4  # each character at most one escape of four
    assert all(c in "\n\t" or (c.isprintable() or c == " ") for c in shown if ord(c) < 0xA0)
    assert not any(0xD800 <= ord(c) < 0xE000 for c in shown)


def test_a_long_list_loses_whole_lines_and_says_how_many() -> None:
    rows = [f"  {n:>3}  p. {n}  " + "中" * 40 for n in range(1, 60)]
    shown = for_terminal("\n".join(["The quote occurs 59 times:", *rows, "Choose one."]))
    assert len(shown) <= MESSAGE_LIMIT
    lines = shown.split("\n")
    assert lines[0] == "The quote occurs 59 times:" and lines[-1] == "Choose one."
    gap = next(i for i, line in enumerate(lines) if "left out" in line)
    kept = lines[1:gap] + lines[gap + 1 : -1]
    assert all(line in rows for line in kept)
    assert lines[gap] == f"… ({len(rows) - len(kept)} lines left out here)"

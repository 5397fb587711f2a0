"""An import's notices and refusals carry their kind and values beside the command line's
sentence: the window words them in the reader's language, and a refusal survives being sent
between processes (pickled) with its notice."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.importing import Overrides, guess, read_source
from reader.importing.notices import Notice, RefusedInput


def test_a_notice_says_the_command_lines_sentence_and_gives_its_values() -> None:
    notice = Notice("id-taken", "The id 'x' is already taken; choose another id.", (("id", "x"),))
    assert str(notice) == notice.text
    assert notice.value("id") == "x" and notice.value("missing") == ""
    assert notice.value("missing", "0") == "0"


def test_a_refusal_is_an_input_error_that_keeps_its_notice_through_pickling() -> None:
    error = RefusedInput(Notice("bad-date", "The date '2024-13' is …", (("date", "2024-13"),)))
    assert isinstance(error, InputError) and str(error) == "The date '2024-13' is …"
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, RefusedInput) and again.notice == error.notice


def test_guessing_gives_each_notice_its_kind_and_values(tmp_path: Path) -> None:
    source = tmp_path / "山水.txt"
    source.write_text("大山小河人口日月水火木土，" * 30 + "\n", encoding="utf-8")
    preview = guess(read_source(source))
    kinds = {n.kind: n for n in preview.notices}
    assert set(kinds) == {"id-from-digest", "title-from-name", "script-unknown"}
    assert kinds["id-from-digest"].value("id") == preview.id
    assert kinds["title-from-name"].value("title") == "山水"
    assert kinds["script-unknown"].value("script") == preview.document.meta.script
    assert preview.warnings == tuple(str(n) for n in preview.notices)
    assert any("--id" in w for w in preview.warnings)  # the command line's words


@pytest.mark.parametrize(
    ("overrides", "kind", "value"),
    [
        (Overrides(id="Bad Id"), "bad-id", ("id", "Bad Id")),
        (Overrides(date="2024-13"), "bad-date", ("date", "2024-13")),
    ],
)
def test_a_value_it_cannot_take_is_refused_with_its_kind(
    tmp_path: Path, overrides: Overrides, kind: str, value: tuple[str, str]
) -> None:
    source = tmp_path / "arctic.md"
    source.write_text("# 北極合作研究\n\n北極航道的合作與競爭。\n", encoding="utf-8")
    with pytest.raises(RefusedInput) as refused:
        guess(read_source(source), overrides)
    assert refused.value.notice.kind == kind
    assert refused.value.notice.value(value[0]) == value[1]


def test_a_day_the_month_does_not_have_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "arctic.md"
    source.write_text("# 北極合作研究\n\n北極航道的合作與競爭。\n", encoding="utf-8")
    with pytest.raises(RefusedInput) as refused:
        guess(read_source(source), Overrides(date="2024-02-30"))
    assert refused.value.notice.kind == "bad-date"

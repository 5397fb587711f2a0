"""``reader.importing.replacing``: what a replacement keeps of the replaced text's details, and
the changes it reports (the command's report: tests/commands/test_importing.py)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importing import Overrides, Preview, guess, source_from_bytes
from reader.importing.replacing import FIELDS, carried, changes

TEXT = "尼布楚條約與清俄邊界\n\n康熙二十八年，清朝與俄羅斯在尼布楚簽訂條約，劃定兩國東段邊界。\n"
GIVEN = Overrides(
    title="尼布楚條約考",
    authors=("陳大同",),
    venue="史學季刊",
    issue="12",
    date="1998",
    publisher="三民",
    script="zh-Hant-HK",
    first_page=45,
)


def _preview(text: str, name: str = "n.txt", overrides: Overrides | None = None) -> Preview:
    return guess(source_from_bytes(text.encode("utf-8"), name), overrides, library=None)


def test_a_plain_text_keeps_every_detail_the_user_gave() -> None:
    old = _preview(TEXT, overrides=GIVEN).document
    new = _preview(TEXT.replace("清朝", "大清"))
    kept = carried(old, new, Overrides())
    again = _preview(TEXT.replace("清朝", "大清"), overrides=kept).document
    for name in ("title", "authors", "venue", "issue", "date", "publisher", "script"):
        assert getattr(again.meta, name) == getattr(old.meta, name), name
    assert again.meta.first_page == 45 and again.pages[0].printed == "45"
    assert changes(old.meta, again.meta)[0] == []


def test_a_script_of_the_other_kind_is_the_new_files() -> None:
    old = _preview(TEXT, overrides=GIVEN).document
    simplified = "尼布楚条约与清俄边界\n\n康熙二十八年，清朝与俄罗斯在尼布楚签订条约。\n"
    kept = carried(old, _preview(simplified), Overrides())
    assert kept.script is None  # the guess (zh-Hans) stands, and the report names it
    again = _preview(simplified, overrides=kept).document
    (change,) = [c for c in changes(old.meta, again.meta)[0] if c.name == "script"]
    assert (change.before, change.after, change.option) == ("zh-Hant-HK", "zh-Hans", "--script")


def test_the_texts_format_states_every_field_itself() -> None:
    # The kept copy of a replaced text is of this format: importing it back restores its
    # details, whatever the text it replaces had.
    from reader import documents

    old = _preview(TEXT, overrides=GIVEN).document
    bare = _preview(TEXT).document
    written = documents.dumps(
        dataclasses.replace(bare, meta=dataclasses.replace(bare.meta, id="n"))
    )
    assert carried(old, _preview(written, "n.meipi.txt"), Overrides()) == Overrides()


@settings(max_examples=40, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "title": st.sampled_from(["新題", "尼布楚條約與清俄邊界"]),
            "authors": st.sampled_from([("王小明",), ("王小明", "李四")]),
            "venue": st.just("新刊"),
            "date": st.sampled_from(["2001", "2001-05"]),
            "script": st.sampled_from(["zh-Hant-TW", "zh-Hans"]),
            "first_page": st.integers(1, 500),
        },
    )
)
def test_what_the_command_line_says_always_wins(said: dict[str, object]) -> None:
    old = _preview(TEXT, overrides=GIVEN).document
    overrides = Overrides(**said)  # type: ignore[arg-type]
    new = _preview(TEXT, overrides=overrides)
    result = carried(old, new, overrides)
    for name, value in said.items():
        assert getattr(result, name) == value
    # and every field the report knows is a field of the metadata
    assert {name for name, _, _ in FIELDS} <= set(dataclasses.asdict(old.meta))

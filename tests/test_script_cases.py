"""The test set of the script views: sentence-level cases (political prose, both directions,
all six views), each with its expected view text and where that wording comes from
(``tests/data/script_cases.tsv``; written by hand, never by running Meipi)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from reader.documents import Block, Document, Metadata, Page
from reader.script import document_view
from reader.views import VIEW_IDS

CASES = Path(__file__).parent / "data" / "script_cases.tsv"


class Case(NamedTuple):
    view: str
    script: str
    source: str
    expected: str
    origin: str
    line: int


def load_cases() -> list[Case]:
    cases = []
    for n, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        view, script, source, expected, origin = line.split("\t")
        cases.append(Case(view, script, source, expected, origin, n))
    return cases


def sentence(text: str, script: str) -> Document:
    meta = Metadata(id="case", title="case", script=script)
    return Document(meta, text, (Block("paragraph", 0, 0, len(text)),), (Page(1, 0),))


def test_the_set_is_large_and_covers_every_view_and_both_directions() -> None:
    cases = load_cases()
    assert len(cases) >= 300
    assert {c.view for c in cases} == set(VIEW_IDS)
    assert {(c.script, c.view) for c in cases} >= {
        ("zh-Hant-TW", "zh-Hans-CN"),
        ("zh-Hans", "zh-Hant-TW"),
        ("zh-Hant-TW", "zh-Hant-HK"),
        ("zh-Hans", "zh-Hant-HK"),
    }
    assert all(c.origin.strip() for c in cases)
    assert len({(c.view, c.script, c.source) for c in cases}) == len(cases)


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: f"line{c.line}")
def test_case(case: Case) -> None:
    view = document_view(sentence(case.source, case.script), case.view)
    assert view.text == case.expected, case.origin

"""`meipi glossary drop` takes an entry as `meipi glossary list` prints it."""

from __future__ import annotations

from tests.cli_helpers import meipi


def test_a_listed_line_can_be_pasted_back_into_drop() -> None:
    assert meipi("glossary", "keep", "區域性").code == 0
    assert meipi("glossary", "same", "普京", "普丁").code == 0
    listed = meipi("glossary", "list").out.splitlines()
    assert "keep 區域性" in listed and "same 普京 = 普丁" in listed
    for line in ("keep 區域性", "same 普京 = 普丁"):
        r = meipi("glossary", "drop", line)
        assert r.code == 0, r.err
    assert meipi("glossary", "list", "--json").json() == {
        "keeps": [],
        "equivalences": [],
        "conversions": [],
    }

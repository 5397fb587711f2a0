"""Citekeys (``reader.export.citekeys``): generated as Better BibTeX does, equal ones told apart,
CJK names family first, keys Pandoc cannot read refused."""

from __future__ import annotations

import pytest

from reader.documents import Metadata
from reader.errors import InputError
from reader.export.citekeys import base_citekey, check_citekey, citekeys, split_name
from tests.export.helpers import library_docs


def test_generated_citekeys_follow_better_bibtex() -> None:
    lian, hsu = library_docs()
    assert citekeys([lian, hsu], {}) == {"lian-obor": "lianyidai", "hsu-divergence": "xu2024zhonge"}
    assert citekeys([lian, hsu], {"lian-obor": "lian2017"})["lian-obor"] == "lian2017"
    twin = Metadata(id="t2", title="一帶一路的另一面", authors=("連弘宜",))
    assert base_citekey(twin) == "lianyidai"
    assert base_citekey(
        Metadata(id="x", title="The Arctic Route", authors=("Ann Lee",), date="2020")
    ) == ("lee2020arctic")
    assert base_citekey(Metadata(id="y", title="論文", authors=("歐陽修",))) == "ouyanglunwen"


def test_equal_generated_keys_are_told_apart() -> None:
    from reader.documents import BlockDraft, assemble

    docs = [
        assemble(
            Metadata(id=f"d{i}", title="中俄關係", authors=("許菁芸",), date="2024"),
            [BlockDraft("title", 0, "中俄關係"), BlockDraft("paragraph", 0, "x")],
        )
        for i in range(2)
    ]
    assert citekeys(docs, {}) == {"d0": "xu2024azhonge", "d1": "xu2024bzhonge"}


def test_names_in_cjk_order() -> None:
    assert split_name("連弘宜") == ("連", "弘宜")
    assert split_name("歐陽修") == ("歐陽", "修")
    assert split_name("Ann Lee") == ("Lee", "Ann")
    assert split_name("Lee, Ann") == ("Lee", "Ann")


@pytest.mark.parametrize("bad", ["", "a b", "@x", "x,", "中文", "a" * 101, "x]"])
def test_bad_citekeys_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        check_citekey(bad) if bad else check_citekey(" ")


def test_a_new_key_takes_better_bibtexs_letter_at_its_end() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from reader.export.citekeys import free_key, new_citekey

    notes = Metadata(id="notes", title="北極合作研究")
    assert new_citekey(notes, set()) == "beijihezuo"  # four characters without an author
    assert new_citekey(notes, {"beijihezuo"}) == "beijihezuoa"
    assert new_citekey(notes, {"beijihezuo", "beijihezuoa"}) == "beijihezuob"
    # With a year, after the title (before it, a key began with a digit: x2024…).
    dated = Metadata(id="d", title="中俄關係", date="2024-03")
    assert new_citekey(dated, set()) == "zhongeguanxi2024"
    assert new_citekey(Metadata(id="t", title="t4x", date="2024"), set()) == "t4x2024"
    hsu = Metadata(id="h", title="中俄兩國之戰略利益分歧", authors=("許菁芸",), date="2024")
    assert new_citekey(hsu, {"xu2024zhonge"}) == "xu2024zhongea"
    letters = {"k", *(f"k{chr(c)}" for c in range(ord("a"), ord("z") + 1))}
    assert free_key("k", letters) == "kaa"

    @given(st.sets(st.sampled_from(["k", "ka", "kb", "kc", "kz", "kaa", "x"])))
    def never_taken(taken: set[str]) -> None:
        key = free_key("k", taken)
        assert key not in taken and key.startswith("k") and check_citekey(key) == key

    never_taken()


def test_a_kept_key_wins_and_the_others_keep_clear_of_it() -> None:
    lian, hsu = library_docs()
    # A generated key equal to another text's kept key is told apart from it.
    keys = citekeys([lian, hsu], {"hsu-divergence": "lianyidai"})
    assert keys == {"lian-obor": "lianyidaia", "hsu-divergence": "lianyidai"}

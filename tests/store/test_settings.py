"""Settings and citekeys kept in the database (``reader.store.settings``)."""

from __future__ import annotations

import pytest

from reader.documents import load_library
from reader.errors import InputError
from reader.store import Store
from reader.store import settings as stored


def test_set_read_and_clear_a_setting(store: Store) -> None:
    with store.writing() as s:
        stored.set_setting(s, "creator", "  Lin Yu  ")
        stored.set_setting(s, "bibliography", "refs.bib")
    with store.reading() as s:
        assert stored.get_setting(s, "creator") == "Lin Yu"
        assert stored.all_settings(s) == {"creator": "Lin Yu", "bibliography": "refs.bib"}
    with store.writing() as s:
        stored.set_setting(s, "creator", None)
        stored.set_setting(s, "bibliography", "   ")
    with store.reading() as s:
        assert stored.all_settings(s) == {}
        assert stored.get_setting(s, "creator") is None


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("colour", "x", "Unknown setting 'colour'"),
        ("creator", "two\nlines", "one line"),
        ("creator", "x" * (stored.MAX_CHARS + 1), "at most 500"),
    ],
)
def test_a_bad_setting_is_refused_and_nothing_changes(
    store: Store, key: str, value: str, fragment: str
) -> None:
    with pytest.raises(InputError, match=fragment), store.writing() as s:
        stored.set_setting(s, "creator", "kept")
        stored.set_setting(s, key, value)
    with store.reading() as s:
        assert stored.all_settings(s) == {}  # the whole transaction rolled back


def test_citekeys_are_unique_and_can_go_back_to_the_generated_one(store: Store) -> None:
    library = load_library()
    lian, hsu = library.get("lian-obor"), library.get("hsu-divergence")
    with store.writing() as s:
        stored.set_citekey(s, lian, "lian2016")
    with pytest.raises(InputError, match="already the key of 'lian-obor'"), store.writing() as s:
        stored.set_citekey(s, hsu, "lian2016")
    with store.writing() as s:
        stored.set_citekey(s, hsu, "hsu2019")
    with store.reading() as s:
        assert stored.citekeys(s) == {"lian-obor": "lian2016", "hsu-divergence": "hsu2019"}
    with store.writing() as s:
        stored.set_citekey(s, lian, "  ")
    with store.reading() as s:
        assert stored.citekeys(s) == {"hsu-divergence": "hsu2019"}

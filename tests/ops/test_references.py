"""Citekeys and reference settings (``reader.ops.references``): the stored key wins over the
generated one, and both work without a database."""

from __future__ import annotations

import pytest

from reader.documents import load_library
from reader.errors import InputError
from reader.ops import references
from reader.store import Store


def test_the_stored_citekey_wins_over_the_generated_one(store: Store) -> None:
    library = list(load_library())
    lian = next(d for d in library if d.id == "lian-obor")
    generated = references.citekey_of(None, lian, library)
    assert generated and references.citekey_of(store, lian, library) == generated
    assert references.stored_citekey(store, lian) is None
    references.set_citekey(store, lian, "lian2016obor")
    assert references.citekey_of(store, lian, library) == "lian2016obor"
    assert references.stored_citekey(store, lian) == "lian2016obor"
    references.set_citekey(store, lian, None)
    assert references.citekey_of(store, lian, library) == generated


def test_a_key_pandoc_cannot_read_is_refused(store: Store) -> None:
    lian = load_library().get("lian-obor")
    with pytest.raises(InputError):
        references.set_citekey(store, lian, "has space")
    assert references.stored_citekey(store, lian) is None


def test_settings_without_and_with_a_database(store: Store) -> None:
    assert references.setting(None, "creator") is None
    references.set_setting(store, "creator", "Lin Yu")
    assert references.setting(store, "creator") == "Lin Yu"


def test_a_given_key_is_kept_when_texts_are_added(store: Store) -> None:
    import dataclasses

    library = list(load_library())
    lian = next(d for d in library if d.id == "lian-obor")
    twin = dataclasses.replace(lian, meta=dataclasses.replace(lian.meta, id="twin"))
    # The shipped texts keep the keys they had; the twin gets the letter at the end.
    assert references.give_citekey(store, library, twin) == "lianyidaia"
    assert references.citekey_of(store, lian, [*library, twin]) == "lianyidai"
    assert references.citekey_of(store, twin, [twin, *library]) == "lianyidaia"
    # The user's own key wins; the given one stays the text's and comes back when cleared.
    references.set_citekey(store, twin, "twin2017")
    assert references.citekey_of(store, twin, [*library, twin]) == "twin2017"
    assert references.given_citekey(store, twin, [*library, twin]) == "lianyidaia"
    with pytest.raises(InputError, match="already the key of 'lian-obor'"):
        references.set_citekey(store, twin, "lianyidai")
    references.set_citekey(store, twin, None)
    assert references.citekey_of(store, twin, [*library, twin]) == "lianyidaia"
    # Given again (replaced): the text keeps its key.
    assert references.give_citekey(store, [*library, twin], twin) == "lianyidaia"


def test_keeping_the_keys_stores_those_the_exports_gave(store: Store) -> None:
    from reader.store.settings import generated_citekeys

    library = list(load_library())
    before = {d.id: references.citekey_of(store, d, library) for d in library}
    references.keep_citekeys(store, library)
    with store.reading() as s:
        assert generated_citekeys(s) == before
    references.set_citekey(store, library[0], "mine2017")
    references.keep_citekeys(store, library)  # nothing more to keep; the user's key wins
    with store.reading() as s:
        assert generated_citekeys(s) == before
    assert references.citekey_of(store, library[0], library) == "mine2017"


def test_a_given_key_hidden_by_the_users_own_is_not_given_again(store: Store) -> None:
    import dataclasses

    library = list(load_library())
    lian = next(d for d in library if d.id == "lian-obor")
    references.keep_citekeys(store, library)
    references.set_citekey(store, lian, "mine2016")  # hides lian's given key, lianyidai
    twin = dataclasses.replace(lian, meta=dataclasses.replace(lian.meta, id="twin"))
    # It was given lianyidai too, and the database refused the second (UNIQUE): import failed.
    assert references.give_citekey(store, library, twin) == "lianyidaia"
    references.set_citekey(store, lian, None)
    assert references.citekey_of(store, lian, [*library, twin]) == "lianyidai"
    assert references.citekey_of(store, twin, [*library, twin]) == "lianyidaia"


def test_keeping_the_keys_of_a_read_only_database_stops_nothing(store: Store) -> None:
    """Removing a text or changing its details keeps the keys first; a read-only database
    (which refuses every write) made both fail, though neither needs the database."""
    library = list(load_library())
    store.read_only = True
    try:
        references.keep_citekeys(store, library)  # nothing kept, nothing raised
    finally:
        store.read_only = False
    with store.reading() as s:
        from reader.store.settings import generated_citekeys

        assert generated_citekeys(s) == {}

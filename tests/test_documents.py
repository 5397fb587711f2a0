"""One metadata type (issue 15): ``documents.Metadata`` holds a text's bibliographic fields;
``MetadataOverrides`` is the same field list, each optional, and the import form's
``Overrides`` and the edit's ``MetadataChanges`` are that type."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader import documents, importing
from reader.documents import Metadata, MetadataOverrides, is_date
from reader.errors import InputError
from reader.importing import MetadataChanges, Overrides

ARTICLE = "中俄關係的新階段\n\n許菁芸\n\n" + "近年來，中俄兩國的關係進入新的階段。" * 10 + "\n"


def test_the_overrides_have_exactly_metadatas_fields() -> None:
    names = [f.name for f in dataclasses.fields(Metadata)]
    assert [f.name for f in dataclasses.fields(MetadataOverrides)] == names
    assert [f.name for f in dataclasses.fields(Overrides)] == [*names, "password"]
    assert MetadataChanges is MetadataOverrides


_optional_text = st.none() | st.text(min_size=1, max_size=8)


@given(
    title=_optional_text,
    venue=_optional_text,
    issue=_optional_text,
    authors=st.none() | st.lists(st.text(min_size=1, max_size=5), max_size=3).map(tuple),
    first_page=st.none() | st.integers(1, 9999),
)
def test_apply_replaces_what_is_given_and_keeps_the_rest(
    title: str | None,
    venue: str | None,
    issue: str | None,
    authors: tuple[str, ...] | None,
    first_page: int | None,
) -> None:
    meta = Metadata(id="a", title="舊", venue="期刊", issue="3", authors=("甲",), first_page=2)
    o = MetadataOverrides(
        title=title, venue=venue, issue=issue, authors=authors, first_page=first_page
    )
    new = o.apply(meta)
    for name in ("title", "venue", "issue", "authors", "first_page"):
        given_value = getattr(o, name)
        expected = getattr(meta, name) if given_value is None else given_value
        assert getattr(new, name) == expected
    assert (new.id, new.script, new.date) == (meta.id, meta.script, meta.date)


def test_an_import_sets_every_bibliographic_field(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    overrides = Overrides(
        id="full",
        english_title="  A  New Stage ",
        affiliation="國立政治大學",
        issue="第 12 期",
        publisher="自印",
        venue="期刊",
    )
    _, saved = importing.import_file(path, overrides)
    meta = documents.load_library().get("full").meta
    assert meta == saved.meta
    assert (meta.english_title, meta.affiliation, meta.issue, meta.publisher) == (
        "A New Stage",
        "國立政治大學",
        "第 12 期",
        "自印",
    )


def test_an_edit_cannot_change_the_id(tmp_path: Path) -> None:
    path = tmp_path / "keep-id.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    importing.import_file(path)
    with pytest.raises(InputError, match="cannot change"):
        importing.update_metadata("keep-id", MetadataChanges(id="other", title="x"))
    same = importing.update_metadata("keep-id", MetadataChanges(id="keep-id", issue="5"))
    assert same.meta.issue == "5" and same.id == "keep-id"
    assert importing.update_metadata("keep-id", MetadataChanges(issue="")).meta.issue is None


def test_the_cleaners_hints_are_the_same_fields() -> None:
    from reader.ingest import Hints, clean

    names = [f.name for f in dataclasses.fields(Metadata)]
    assert [f.name for f in dataclasses.fields(Hints)][: len(names)] == names
    hints = Hints(affiliation="國立政治大學", issue="12", layout="plain")
    meta = clean(ARTICLE, hints).document.meta
    assert (meta.id, meta.script, meta.first_page) == ("imported", "zh-Hant-TW", 1)
    assert (meta.affiliation, meta.issue) == ("國立政治大學", "12")


def test_a_texts_hash_is_kept_and_a_changed_copy_has_its_own() -> None:
    drafts = [documents.BlockDraft("paragraph", 0, "喬治亞")]
    doc = documents.assemble(Metadata(id="one", title="one"), drafts)
    first = doc.sha256
    assert doc.sha256 == first and doc._sha256 == first
    changed = dataclasses.replace(doc, text="格鲁吉亚")
    assert changed.sha256 != first and changed == dataclasses.replace(doc, text="格鲁吉亚")


def test_an_unknown_id_is_refused_in_one_sentence_however_large_the_library() -> None:
    from reader.documents import unknown_document

    few = str(unknown_document("nope", ["lian-obor", "hsu-divergence"]))
    assert few == "Unknown document 'nope'. Known ids: lian-obor, hsu-divergence."
    assert "holds no texts yet" in str(unknown_document("nope", []))
    many = [f"lib-{n:04d}" for n in range(3000)]
    near = str(unknown_document("lib-30000", many))
    assert len(near) < 250, near  # it listed all 3,000 ids: ~33,000 characters
    assert near.startswith("Unknown document 'lib-30000'. Similar ids: lib-")
    assert near.endswith("(2,990 more: `meipi list` shows every id).")
    far = str(unknown_document("連弘宜", many))
    assert far.startswith("Unknown document '連弘宜'. Known ids include: lib-0000, lib-0001")
    assert "2,990 more" in far


def test_a_date_is_a_day_its_month_has() -> None:
    """2024-02-30 matched the pattern and was imported, then cited as 2024年2月30日."""
    assert all(is_date(d) for d in ("2024", "2024-02", "2024-02-29", "2023-12-31"))
    assert not any(
        is_date(d) for d in ("2024-02-30", "2023-02-29", "2024-04-31", "2024-13", "2024/05")
    )


def test_metadata_and_listed_texts_are_small_values() -> None:
    """A library of thousands keeps a Metadata and a Listed a text: slotted, a tuple (no
    dictionary each), and still values — equal and hashed by what they hold, copied,
    changed and pickled as such."""
    import pickle

    from reader.documents import Listed

    meta = Metadata(id="a", title="北極", authors=("李四",), date="2024", pdf_pages=3)
    assert not hasattr(meta, "__dict__")
    assert pickle.loads(pickle.dumps(meta)) == meta and meta.year == "2024"
    changed = dataclasses.replace(meta, title="南極")
    assert (changed.title, changed.authors, meta.title) == ("南極", ("李四",), "北極")
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.title = "x"  # type: ignore[misc]
    listed = Listed(meta, "/texts/a.meipi.txt", False, 3, 120, "0" * 64)
    same = Listed(
        Metadata(id="a", title="北極", authors=("李四",), date="2024", pdf_pages=3),
        "/texts/a.meipi.txt",
        False,
        3,
        120,
        "0" * 64,
    )
    assert listed == same and hash(listed) == hash(same) and {listed: 1}[same] == 1
    assert (listed.meta.id, listed.path) == ("a", Path("/texts/a.meipi.txt"))
    assert Listed(meta, None, True, 1, 1, "").path is None
    assert listed != listed._replace(sha256="1" * 64)

"""Guessing (``reader.importing.preview``): the document a file would be saved as, its id (free,
from the file name, hashed for a CJK-only name), the user's corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import documents, importing, paths
from reader.errors import InputError
from reader.importing import Overrides
from tests.cli_helpers import meipi
from tests.importing.helpers import (
    ARTICLE,
    user_files,
    write_file,
)


def test_an_id_clash_is_a_clear_error(tmp_path: Path) -> None:
    r = meipi("import", str(write_file(tmp_path, "Hsu Divergence.txt", ARTICLE)))
    assert r.code == 2
    assert "already a text with the id 'hsu-divergence'" in r.err and "--id" in r.err
    assert user_files() == []
    assert meipi("import", str(write_file(tmp_path, "mine.txt", ARTICLE))).code == 0
    again = meipi("import", str(tmp_path / "mine.txt"))
    assert again.code == 2 and "'mine'" in again.err
    assert user_files() == ["mine.meipi.txt"]
    r = meipi("import", str(tmp_path / "mine.txt"), "--id", "mine-2")
    assert r.code == 0 and "Imported mine-2" in r.out


def test_ids_from_file_names() -> None:
    assert importing.slug("Lian 2016 – OBOR (final).txt") == "lian-2016-obor-final"
    assert importing.slug("Café_notes.md") == "cafe-notes"
    assert importing.slug("中俄關係.txt") == ""


def test_a_cjk_only_file_name_gets_a_hashed_id(tmp_path: Path) -> None:
    r = meipi("import", str(write_file(tmp_path, "中俄關係.txt", ARTICLE)))
    assert r.code == 0, r.err
    doc_id = r.out.split()[1]
    assert doc_id.startswith("text-") and len(doc_id) == len("text-") + 8
    assert f"the id is {doc_id}" in r.err and "--id" in r.err
    assert meipi("text", doc_id).code == 0


def test_guess_preview_save(tmp_path: Path) -> None:
    source = importing.read_source(write_file(tmp_path, "draft.txt", ARTICLE.encode("utf-16")))
    preview = importing.guess(source)
    assert preview.id == "draft" and preview.guessed.title == "中俄關係的新階段"
    assert preview.guessed.authors == ("許菁芸",)
    assert user_files() == []  # a preview writes nothing
    corrected = importing.guess(
        source, Overrides(id="draft-2", title="另一個名字", authors=("甲", "乙"), script="zh-Hans")
    )
    meta = corrected.document.meta
    assert (meta.id, meta.title, meta.authors, meta.script) == (
        "draft-2",
        "另一個名字",
        ("甲", "乙"),
        "zh-Hans",
    )
    # The typed title is not a line of the text: the structure stays as guessed.
    assert corrected.document.text == preview.document.text
    saved = importing.save(corrected)
    assert saved.path == paths.user_texts_dir() / "draft-2.meipi.txt"
    assert documents.load_library().get("draft-2").meta == meta
    # A taken id shows in the preview, and save refuses it.
    again = importing.guess(source, Overrides(id="draft-2"))
    assert any("already taken" in w for w in again.warnings)
    with pytest.raises(InputError, match="already a text"):
        importing.save(again)
    # save() with overrides recomputes the preview.
    assert importing.save(preview, Overrides(id="draft-3")).id == "draft-3"


def test_free_id_offers_a_new_id_on_a_clash() -> None:
    taken = {"mine", "mine-2", "lian-obor"}
    assert importing.free_id("new", taken) == "new"
    assert importing.free_id("mine", taken) == "mine-3"
    long_id = "a" * 64
    assert importing.free_id(long_id, {long_id}) == "a" * 62 + "-2"
    assert importing.check_id(importing.free_id(long_id, {long_id}))


def test_a_copy_of_a_text_in_the_library_is_named() -> None:
    import dataclasses

    from reader.importing.preview import same_text

    library = documents.load_library()
    lian = library.get("lian-obor")
    assert same_text(lian, library) == ()  # itself (replaced) is no copy
    copy = dataclasses.replace(lian, meta=dataclasses.replace(lian.meta, id="copy"))
    assert same_text(copy, library) == (("lian-obor", lian.title),)
    assert same_text(copy, None) == ()

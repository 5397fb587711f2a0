"""A library of thousands keeps its texts on a shelf (``reader.shelf``): the same documents as
the library read whole, each text read from its file only when it is used, and only the last
few kept."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from reader import documents, paths, shelf
from reader.documents import TEXT_SUFFIX, BlockDraft, Document, Metadata, assemble, dumps
from reader.errors import InputError
from reader.shelf import Shelf

AGED = 1_000_000_000  # a modification time long past (the cache trusts only settled files)


def _write(doc_id: str, text: str, title: str | None = None) -> Path:
    drafts = [BlockDraft("paragraph", 0, line) for line in text.split("\n")]
    drafts[0].page_marks.append((0, 1))
    doc = assemble(Metadata(id=doc_id, title=title or doc_id), drafts, shipped=False)
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc_id}{TEXT_SUFFIX}"
    path.write_text(dumps(doc), encoding="utf-8")
    os.utime(path, ns=(AGED, AGED))
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A library of any size on a shelf; the files it reads, in order."""
    monkeypatch.setattr(shelf, "SHELF_FROM", 0)
    read: list[Path] = []
    real = documents.load_file

    def counting(path: Path, *, shipped: bool) -> Document:
        read.append(path)
        return real(path, shipped=shipped)

    monkeypatch.setattr(shelf, "load_file", counting)
    return read


def _whole() -> documents.Library:
    return documents.load_library(paths.shipped_texts_dir(), paths.user_texts_dir())


def test_the_shelf_holds_the_documents_the_whole_library_holds(reads: list[Path]) -> None:
    for n in range(12):
        _write(f"t{n:02d}", f"第{n}篇\n喬治亞與俄羅斯", title=f"標題 {n}")
    whole = _whole()
    library = shelf.open_library()
    assert isinstance(library.documents, Shelf)
    assert library.ids() == whole.ids()
    assert [(d.id, d.title, d.meta, d.path, d.shipped) for d in library] == [
        (d.id, d.title, d.meta, d.path, d.shipped) for d in whole
    ]
    assert [d.sha256 for d in library] == [d.sha256 for d in whole]
    assert reads == []  # the list, titles and hashes read no text file
    for doc, expected in zip(library, whole, strict=True):
        assert doc == expected and expected == doc and hash(doc) == hash(expected)
        assert (doc.text, doc.blocks, doc.pages) == (expected.text, expected.blocks, expected.pages)
        assert doc.label_of(3) == expected.label_of(3)
    assert len(reads) == len(whole)


def test_only_the_last_few_texts_are_kept(reads: list[Path]) -> None:
    for n in range(Shelf.KEEP + 2):
        _write(f"t{n:02d}", f"第{n}篇")
    library = shelf.open_library()
    first = library.get("t00")
    assert first.text == "第0篇" and first.text == "第0篇"
    assert len(reads) == 1  # read once while it is among the last used
    for n in range(1, Shelf.KEEP + 2):
        assert library.get(f"t{n:02d}").text == f"第{n}篇"
    assert first.text == "第0篇"  # forgotten meanwhile: read again
    assert len(reads) == Shelf.KEEP + 3


def test_a_changed_copy_is_a_plain_document(reads: list[Path]) -> None:
    _write("one", "喬治亞")
    doc = shelf.open_library().get("one")
    changed = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, title="新"))
    assert type(changed) is Document and changed.title == "新" and changed.text == "喬治亞"
    assert type(pickle.loads(pickle.dumps(doc))) is Document


def test_reloading_takes_the_new_list_without_reading(reads: list[Path]) -> None:
    _write("one", "喬治亞")
    library = shelf.open_library()
    _write("two", "俄羅斯")
    fresh = shelf.open_library()
    library.documents.clear()
    library.documents.update(fresh.documents)
    assert library.ids() == fresh.ids() and reads == []


def test_a_text_changed_under_the_shelf_is_refused_in_words(reads: list[Path]) -> None:
    path = _write("one", "喬治亞")
    doc = shelf.open_library().get("one")
    path.write_text(path.read_text(encoding="utf-8").replace("id: one", "id: other"))
    with pytest.raises(InputError, match="no longer holds the text 'one'"):
        _ = doc.text


def test_a_small_library_or_a_bad_file_is_read_whole() -> None:
    _write("one", "喬治亞")
    assert isinstance(shelf.open_library().documents, dict)  # two articles and one
    bad = paths.user_texts_dir() / f"broken{TEXT_SUFFIX}"
    bad.write_text("not a meipi text", encoding="utf-8")
    with pytest.MonkeyPatch.context() as m:
        m.setattr(shelf, "SHELF_FROM", 0)
        library = shelf.open_library()
    assert isinstance(library.documents, dict)
    assert any("Skipped broken" in p for p in library.problems)


def test_the_opening_library_reads_one_text_then_lists_them_all(reads: list[Path]) -> None:
    for n in range(3):
        _write(f"t{n:02d}", f"第{n}篇\n喬治亞與俄羅斯")
    listed: list[documents.Library] = []
    said: list[documents.Library] = []
    opening = shelf.OpeningLibrary(on_listed=said.append)
    original = shelf.open_library

    def opener() -> documents.Library:
        listed.append(original())
        return listed[-1]

    opening._opener = opener
    first = opening.first("t01")
    assert first is not None and first.text.startswith("第1篇")
    assert opening.get("t01") is first and opening.find("t01") is first
    assert reads == [paths.user_texts_dir() / f"t01{TEXT_SUFFIX}"]
    assert listed == [] and not opening.is_listed
    # A shipped text is found by its numbered file name.
    assert opening.first("lian-obor") is not None
    assert opening.first("nowhere") is None
    assert listed == []
    # Anything else lists the library, once; the text read first is not read again.
    assert opening.ids() == _whole().ids()
    assert opening.is_listed and len(listed) == 1 and said == listed
    count = len(reads)
    assert opening.get("t01").text == first.text
    assert len(reads) == count
    assert opening.find("nowhere") is None
    late: list[documents.Library] = []
    opening.when_listed(late.append)
    assert late == listed


def test_a_text_is_one_object_while_its_entry_stands(reads: list[Path]) -> None:
    _write("one", "第一篇\n能源")
    _write("two", "第二篇\n北極")
    library = shelf.open_library()
    first = library.get("one")
    assert library.get("one") is first  # the window asks "still the open text?" by identity
    assert library.documents["one"] is first
    assert library.get("two") is not first
    replaced = dataclasses.replace(library.get("two"), shipped=False)
    library.documents["one"] = replaced  # a new entry: the new document
    assert library.get("one") is replaced


def test_a_library_goes_on_a_shelf_only_above_shelf_from(monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        _write(f"t{n:02d}", f"第{n}篇\n喬治亞")
    count = len(_whole().ids())
    monkeypatch.setattr(shelf, "SHELF_FROM", count)
    assert not isinstance(shelf.open_library().documents, Shelf)
    monkeypatch.setattr(shelf, "SHELF_FROM", count - 1)
    assert isinstance(shelf.open_library().documents, Shelf)


def test_a_small_library_is_read_without_the_search_cache(tmp_path: Path) -> None:
    """The window lists a small library after its first paint: counting its files does not
    import the search cache's module (nor SQLite and the glossary with it)."""
    import subprocess
    import sys

    code = (
        "import sys; from reader.shelf import open_library; library = open_library(); "
        "print(len(library.ids()), 'reader.search_index' in sys.modules, 'sqlite3' in sys.modules)"
    )
    env = {**os.environ, "MEIPI_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=60,
    )
    assert out.stdout.split() == [str(len(_whole().ids())), "False", "False"]


def test_listed_texts_share_the_values_they_repeat(reads: list[Path]) -> None:
    """A library of thousands repeats its scripts, venues, publishers and lists of authors:
    the listed texts share one object of each (a copy each was ~60 bytes a text), and their
    metadata is the metadata their files hold, whatever each has or lacks."""
    folder = paths.user_texts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    metas = [
        Metadata(id=f"s{n}", title=f"標題 {n}", authors=("連弘宜", "許菁芸"), venue="遠景論壇")
        for n in range(3)
    ]
    metas += [
        Metadata(id="other", title="標題 0", authors=("李四",), date="2024", script="zh-Hans"),
        Metadata(id="bare", title="北極", english_title="The Arctic", first_page=7, pdf_pages=3),
    ]
    for meta in metas:
        drafts = [BlockDraft("paragraph", 0, "喬治亞與俄羅斯")]
        path = folder / f"{meta.id}{TEXT_SUFFIX}"
        path.write_text(dumps(assemble(meta, drafts, shipped=False)), encoding="utf-8")
        os.utime(path, ns=(AGED, AGED))
    whole = {d.id: d.meta for d in _whole()}
    shelf.open_library()  # (the first listing records the files; the next reads the records)
    listed = {d.id: d.meta for d in shelf.open_library()}
    assert listed == whole and reads == []
    s0, s1, s2, other, bare = (listed[m.id] for m in metas)
    assert s0.authors is s1.authors is s2.authors and s0.venue is s2.venue
    assert s0.script is s1.script is bare.script and other.script == "zh-Hans"
    assert s0.title is not s1.title and other.title == "標題 0" and other.authors == ("李四",)
    assert (bare.english_title, bare.first_page, bare.pdf_pages) == ("The Arctic", 7, 3)

"""``meipi import FILE`` (``reader.commands.importing``): what was read and guessed is said, the
options override the guesses, a citekey is checked before anything is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import paths
from reader.commands.importing import with_reference
from reader.importing import Overrides
from reader.importing.metadata_file import Reference
from tests.cli_helpers import meipi

ARTICLE = (
    "中俄關係的新階段\n\n許菁芸\n\n雙方在重要的能源議題上將進一步深化合作。\n\n北極航道與能源。\n"
)


def test_the_report_says_what_was_read_and_guessed(tmp_path: Path) -> None:
    path = tmp_path / "new-stage.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = meipi("import", str(path))
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "Imported new-stage from new-stage.txt (UTF-8, plain text)."
    assert "  title:      中俄關係的新階段" in lines
    assert any(line.startswith("  script:     zh-Hant-TW (guessed from") for line in lines)
    assert lines[-1] == "Read it with: meipi text new-stage"
    assert meipi("text", "new-stage", "--json").json()["title"] == "中俄關係的新階段"


def test_options_override_the_guesses_and_a_citekey_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    argv = ["--id", "mine", "--title", "新階段", "--author", "Lin", "--script", "zh-Hans"]
    done = meipi("import", str(path), *argv, "--citekey", "lin2026")
    assert done.code == 0, done.err
    assert "Cite it as [@lin2026]" in done.out
    assert "  script:     zh-Hans (as you said)" in done.out.splitlines()
    data = meipi("list", "--json").json()
    mine = next(d for d in data["documents"] if d["id"] == "mine")
    assert (mine["title"], mine["authors"]) == ("新階段", ["Lin"])


def test_a_taken_or_bad_citekey_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    for key, fragment in (("lianyidai", "already the key of 'lian-obor'"), ("a b", "citekey")):
        refused = meipi("import", str(path), "--citekey", key)
        assert refused.code == 2 and fragment in refused.err, refused.err
    assert not paths.user_texts_dir().exists() or not any(paths.user_texts_dir().iterdir())
    lonely = meipi("import", str(path), "--entry", "x")
    assert lonely.code == 2 and "--metadata" in lonely.err


def test_a_key_hidden_by_the_users_own_is_refused_before_anything_is_saved(
    tmp_path: Path,
) -> None:
    """lian-obor was given lianyidai, then its user set their own key: lianyidai is still
    lian-obor's (it comes back when theirs is cleared). The check let it through, the text was
    saved, then the database refused the key (exit 2 with the text left in the library)."""
    first = tmp_path / "first.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    assert meipi("import", str(first), "--id", "first").code == 0  # lian-obor's key kept
    path = tmp_path / "b.txt"
    path.write_text(ARTICLE.replace("新階段", "新局面"), encoding="utf-8")
    from reader.documents import load_library
    from reader.ops.references import set_citekey
    from reader.store import open_store

    store = open_store(paths.db_path(None), create=False)
    try:
        set_citekey(store, load_library().get("lian-obor"), "mine2016")
    finally:
        store.close()
    refused = meipi("import", str(path), "--id", "second", "--citekey", "lianyidai")
    assert refused.code == 2 and "already the key of 'lian-obor'" in refused.err, refused.err
    assert "second" not in {d["id"] for d in meipi("list", "--json").json()["documents"]}


def test_a_reference_fills_only_what_the_user_left_unsaid() -> None:
    ref = Reference(key="k", title="From bib", authors=("A",), venue="V", date="2020", pages="5–9")
    filled = with_reference(Overrides(title="Mine"), ref)
    assert (filled.title, filled.authors, filled.venue, filled.date) == (
        "Mine",
        ("A",),
        "V",
        "2020",
    )
    assert filled.first_page == 5
    assert with_reference(Overrides(), ref, pdf=True).first_page is None  # a PDF's own labels


def test_radicals_written_for_ideographs_are_mapped_and_counted(tmp_path: Path) -> None:
    """Text copied out of a PDF may hold ⽇ (KANGXI RADICAL SUN) for 日: imported as 日, and the
    report says how many were mapped."""
    path = tmp_path / "copied.txt"
    path.write_text("中俄關係\n\n王⼩明\n\n十月二十二⽇於俄羅斯喀⼭舉行峰會。\n", encoding="utf-8")
    done = meipi("import", str(path))
    assert done.code == 0, done.err
    assert "  mapped:     3 radicals written for ideographs (⽇ for 日) to the ideographs" in (
        done.out.splitlines()
    )
    text = meipi("text", "copied", "--json").json()["text"]
    assert "王小明" in text and "二日於俄羅斯喀山" in text
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    assert "mapped:" not in meipi("import", str(plain)).out


def test_a_text_imported_before_the_mapping_is_quoted_with_the_ideograph(tmp_path: Path) -> None:
    """Its stored text keeps ⽇ (it is not rewritten under its annotations); ``--quote 日於…``
    finds it, and search folds the two alike."""
    path = tmp_path / "old.txt"
    path.write_text("中俄關係\n\n二〇二四年十月二十二日於俄羅斯喀山舉行峰會。\n", encoding="utf-8")
    assert meipi("import", str(path)).code == 0
    stored = paths.user_texts_dir() / "old.meipi.txt"
    stored.write_text(stored.read_text("utf-8").replace("日於", "⽇於"), "utf-8")  # as before
    text = meipi("text", "old", "--json").json()["text"]
    start = text.index("⽇於俄羅斯")
    done = meipi("annotate", "old", "--quote", "日於俄羅斯")
    assert done.code == 0, done.err
    (note,) = meipi("annotations", "--json").json()["annotations"]
    assert (note["start"], note["end"]) == (start, start + 5)
    assert "old〈中俄關係〉 1 match" in meipi("search", "日於俄").out


def test_a_replaced_text_says_what_became_of_its_annotations(tmp_path: Path) -> None:
    before = (
        "中俄關係\n\n前言。\n\n普京在多個場合強調兩國關係處於歷史最好時期，雙方合作不斷深化。\n\n"
        "北極航道的開發需要雙方共同投入。\n\n第二段很短。\n\n結語：雙方應在能源領域擴大合作。\n"
    )
    after = (
        "中俄關係\n\n新的前言，比原來長一些。\n\n結語：雙方應在能源領域擴大合作。\n\n"
        "普京總統在多個場合強調兩國關係處於歷史最好時期，雙方合作不斷深化。\n\n"
        "北極航道的開發需要雙方共同投入。\n"
    )
    path = tmp_path / "rel.txt"
    path.write_text(before, encoding="utf-8")
    assert meipi("import", str(path), "--id", "rel").code == 0
    quotes = {
        "changed": "普京在多個場合強調兩國關係處於歷史最好時期",
        "kept": "北極航道的開發需要雙方共同投入",
        "orphaned": "第二段很短",
        "moved": "結語：雙方應在能源領域擴大合作",
    }
    ids = {}
    for what, quote in quotes.items():
        r = meipi("annotate", "rel", "--quote", quote, "--note", f"note {what}")
        assert r.code == 0, r.err
        ids[what] = r.out.strip()
    path.write_text(after, encoding="utf-8")
    done = meipi("import", str(path), "--id", "rel", "--replace")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    summary = "  annotations: 1 kept their place, 1 moved, 1 changed their quote, 1 orphaned"
    assert summary in lines, done.out
    assert f"    {ids['orphaned'][:8]} orphaned (kept with its note): 「第二段很短」" in lines
    # What it said is what the database holds; every note is kept.
    listed = {a["id"]: a for a in meipi("annotations", "rel", "--json").json()["annotations"]}
    now = listed[ids["changed"]]["quote"]
    assert now.startswith("普京總統在多個場合強調")
    assert f"    {ids['changed'][:8]} changed: 「{quotes['changed']}」 → 「{now}」" in lines
    assert listed[ids["orphaned"]]["orphaned"] is True
    assert {a["note"] for a in listed.values()} == {f"note {w}" for w in quotes}
    # The same text again: every annotation kept its place.
    again = meipi("import", str(path), "--id", "rel", "--replace")
    assert "  annotations: 4 kept their place, 0 moved, 0 changed their quote, 0 orphaned" in (
        again.out.splitlines()
    )


def test_a_replaced_text_with_a_citekey_given_says_what_became_of_its_annotations(
    tmp_path: Path,
) -> None:
    """--citekey stores the key through a sync of the text, which re-anchored the annotations
    first: the report then said every one kept its place, an orphan too."""
    path = tmp_path / "rel.txt"
    path.write_text("中俄關係\n\n前言。\n\n第二段很短。\n\n結語：雙方應擴大合作。\n", "utf-8")
    assert meipi("import", str(path), "--id", "rel").code == 0
    orphan = meipi("annotate", "rel", "--quote", "第二段很短", "--note", "keep me")
    assert orphan.code == 0, orphan.err
    assert meipi("annotate", "rel", "--quote", "結語：雙方應擴大合作").code == 0
    path.write_text("中俄關係\n\n前言。\n\n結語：雙方應擴大合作。\n", "utf-8")
    done = meipi("import", str(path), "--id", "rel", "--replace", "--citekey", "rel2024")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "  annotations: 1 kept their place, 0 moved, 0 changed their quote, 1 orphaned" in (
        lines
    ), done.out
    assert f"    {orphan.out.strip()[:8]} orphaned (kept with its note): 「第二段很短」" in lines
    assert "Cite it as [@rel2024] (its key from now on, in every export)." in lines


def test_many_changed_annotations_are_named_a_few_and_counted() -> None:
    from reader.commands.importing import describe_replaced
    from reader.ops.annotations import Replaced

    changed = tuple((f"{n:08d}-id", "舊" * 30, "新" * 30) for n in range(7))
    lines = describe_replaced(Replaced(kept=2, changed=changed), "rel")
    assert (
        lines[0] == "  annotations: 2 kept their place, 0 moved, 7 changed their quote, 0 orphaned"
    )
    assert lines[1] == f"    00000000 changed: 「{'舊' * 23}…」 → 「{'新' * 23}…」"
    assert len(lines) == 1 + 5 + 1 and lines[-1] == "    and 2 more: meipi annotations rel --json"
    assert describe_replaced(Replaced(), "rel") == []


def test_the_same_text_imported_again_is_named_and_the_way_to_remove_it_said(
    tmp_path: Path,
) -> None:
    utf8 = tmp_path / "notes.txt"
    utf8.write_text(ARTICLE, encoding="utf-8")
    first = meipi("import", str(utf8), "--id", "notes")
    assert first.code == 0 and "same text" not in first.out + first.err
    copy = tmp_path / "notes-gb.txt"
    copy.write_bytes(ARTICLE.encode("gb18030"))
    again = meipi("import", str(copy))
    assert again.code == 0, again.err
    assert (
        "  same text:  as notes (中俄關係的新階段): this is a second copy" in again.out.splitlines()
    )
    assert "already holds this same text as 'notes'" in again.err
    assert "File ▸ Remove Text… in the Meipi window" in again.err
    # Replacing a text by itself is no copy.
    same = meipi("import", str(utf8), "--id", "notes", "--replace")
    assert same.code == 0 and "as notes (" not in same.out and "as notes-gb (" in same.out
    # An id already taken: the ways out are said; a shipped text cannot be removed.
    taken = meipi("import", str(utf8), "--id", "notes")
    assert taken.code == 2
    assert "--replace" in taken.err and "File ▸ Remove Text… in the Meipi window" in taken.err
    shipped = meipi("import", str(utf8), "--id", "lian-obor")
    assert shipped.code == 2 and "ships with Meipi" in shipped.err and "Remove" not in shipped.err


def test_the_report_names_the_venue_and_the_date_each_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "dated.md"
    path.write_text(
        "---\ntitle: 北極合作研究\ndate: 2023-05\n---\n\n北極航道與能源合作的新階段。\n",
        encoding="utf-8",
    )
    done = meipi("import", str(path))
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "  date:       2023-05" in lines
    assert not any(line.startswith("  venue:") for line in lines)  # there is none
    done = meipi("import", str(path), "--id", "dated-2", "--venue", "遠景基金會季刊")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "  venue:      遠景基金會季刊" in lines and "  date:       2023-05" in lines


def test_a_damaged_database_is_refused_before_the_text_is_saved(
    tmp_path: Path, db_file: Path
) -> None:
    from tests.store.test_quick import _damage_table

    assert meipi("annotate", "lian-obor", "--quote", "區域性的多邊或雙邊合作").code == 0
    _damage_table(db_file, "documents")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    r = meipi("import", str(path), "--id", "mine")
    assert r.code == 1 and "is damaged" in r.err and r.out == ""
    assert not (paths.user_texts_dir() / "mine.meipi.txt").exists()


def test_a_read_only_database_imports_the_text_and_says_the_key_is_not_kept(
    tmp_path: Path, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.store import db

    assert meipi("annotate", "lian-obor", "--quote", "區域性的多邊或雙邊合作").code == 0
    monkeypatch.setattr(db, "_writable", lambda path: False)
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    r = meipi("import", str(path), "--id", "mine")
    assert r.code == 0, r.err
    assert "is read-only: the text is imported, but its citekey is kept" in r.err
    assert "Exports cite it as [@xuzhonge] until its key can be kept." in r.out.splitlines()
    assert (paths.user_texts_dir() / "mine.meipi.txt").exists()
    # Not "its key from now on": its own key (--citekey) is not stored either, and the exports
    # meanwhile give the one they generate.
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE.replace("新階段", "新局面"), encoding="utf-8")
    r = meipi("import", str(other), "--id", "other", "--citekey", "lin2026")
    assert r.code == 0, r.err
    assert "its key from now on" not in r.out and "[@lin2026]" not in r.out, r.out
    refs = {d["title"]: d["id"] for d in meipi("export", "--format", "csl-json").json()}
    assert f"[@{refs['中俄關係的新局面']}]" in r.out


NERCHINSK = (
    "尼布楚條約與清俄邊界\n\n"
    "康熙二十八年（1689年），清朝與俄羅斯在尼布楚簽訂條約，劃定兩國東段邊界。\n\n"
    "條約規定以格爾必齊河、額爾古納河及外興安嶺為界，嶺南屬清，嶺北屬俄。\n"
)


def _kept_copy(out: str) -> tuple[Path, list[str]]:
    """The kept copy the report names, and the command it prints to put it back."""
    import shlex

    lines = out.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith("  replaced:   the old text")]
    kept = Path(lines[at].split(" kept as ", 1)[1].rsplit(";", 1)[0])
    command = shlex.split(lines[at + 1])
    assert command[0] == "meipi"
    return kept, command[1:]


def test_a_replaced_text_keeps_the_details_given_it_and_is_itself_kept(tmp_path: Path) -> None:
    # A tester gave author and date when importing (the window's dialog, or the options):
    # --replace dropped them (list showed "—", BibTeX had no author or year under the kept key
    # chen1998nibu) and the replaced file was kept nowhere.
    path = tmp_path / "nerchinsk.txt"
    path.write_text(NERCHINSK, encoding="utf-8")
    first = meipi("import", str(path), "--id", "nerchinsk", "--author", "陳大同", "--date", "1998")
    assert first.code == 0, first.err
    assert "Cite it as [@chen1998nibu] (its key from now on, in every export)." in first.out
    assert meipi("annotate", "nerchinsk", "--quote", "格爾必齊河", "--note", "界河").code == 0
    stored = paths.user_texts_dir() / "nerchinsk.meipi.txt"
    old_bytes = stored.read_bytes()
    path.write_text(NERCHINSK.replace("清朝與俄羅斯", "大清與俄國"), encoding="utf-8")
    done = meipi("import", str(path), "--id", "nerchinsk", "--replace")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "  kept:       title, authors, date, script (as the text you replaced had them)" in lines
    assert not any(line.startswith("  changed:") for line in lines), done.out
    (row,) = [d for d in meipi("list", "--json").json()["documents"] if d["id"] == "nerchinsk"]
    assert (row["authors"], row["date"]) == (["陳大同"], "1998")
    bibtex = meipi("export", "--format", "bibtex").out
    entry = bibtex[bibtex.index("{chen1998nibu,") :].split("\n}\n")[0]
    assert "author = {{陳大同}}" in entry and "year = {1998}" in entry
    assert "大清與俄國" in meipi("text", "nerchinsk").out
    # The replaced file is kept whole, and the printed command puts it back, details and all.
    kept, again = _kept_copy(done.out)
    assert kept.parent.parent == paths.user_texts_dir().parent
    assert kept.parent.name.startswith("texts.replaced-") and kept.read_bytes() == old_bytes
    back = meipi(*again)
    assert back.code == 0, back.err
    assert stored.read_bytes() == old_bytes
    assert "清朝與俄羅斯" in meipi("text", "nerchinsk").out
    (note,) = meipi("annotations", "nerchinsk", "--json").json()["annotations"]
    assert (note["quote"], note["note"], note["orphaned"]) == ("格爾必齊河", "界河", False)


def test_a_replacement_takes_new_details_from_the_options_and_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nerchinsk.txt"
    path.write_text(NERCHINSK, encoding="utf-8")
    argv = ("--id", "nerchinsk", "--author", "陳大同", "--date", "1998", "--venue", "史學季刊")
    assert meipi("import", str(path), *argv).code == 0
    # The command line wins, and says so.
    done = meipi("import", str(path), "--id", "nerchinsk", "--replace", "--date", "1999")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "  changed:    date: 1998 → 1999 (as you said)" in lines
    assert (
        "  kept:       title, authors, venue, script (as the text you replaced had them)" in lines
    )
    # A file that states its own author, and a title line of its own: the file's.
    md = tmp_path / "nerchinsk.md"
    body = NERCHINSK.replace("尼布楚條約與清俄邊界", "# 尼布楚條約")
    md.write_text(f"---\nauthor: 王小明\n---\n\n{body}", encoding="utf-8")
    done = meipi("import", str(md), "--id", "nerchinsk", "--replace")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert "  changed:    authors: 陳大同 → 王小明 (from nerchinsk.md; --author to set it)" in lines
    title = "  changed:    title: 尼布楚條約與清俄邊界 → 尼布楚條約 (from nerchinsk.md; "
    assert title + "--title to set it)" in lines
    meta = meipi("text", "nerchinsk", "--json").json()
    assert (meta["authors"], meta["date"], meta["venue"]) == (["王小明"], "1999", "史學季刊")


def test_a_database_that_cannot_be_made_saves_no_text(tmp_path: Path) -> None:
    # The tester's --db in a read-only folder: SQLite cannot make the database ("cannot be
    # opened"), exit 1 — and the text was in texts/ and the library all the same. As root a
    # read-only folder takes files, so here the name the database is made under first (it is
    # linked into place when complete) is longer than a file name may be: the same refusal.
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    db = folder / ("x" * 240 + ".sqlite3")
    path = tmp_path / "nerchinsk.txt"
    path.write_text(NERCHINSK, encoding="utf-8")
    failed = meipi("import", str(path), "--id", "ghost", "--db", str(db))
    assert failed.code == 1 and failed.out == "", failed.err
    assert "cannot be opened" in failed.err and "Traceback" not in failed.err
    assert not paths.user_texts_dir().exists()  # not even the folder it would have made
    assert "ghost" not in meipi("list").out
    assert not any(paths.data_dir().glob("texts.replaced-*"))


def test_a_replacement_the_database_cannot_record_puts_the_old_text_back(
    tmp_path: Path, db_file: Path
) -> None:
    import sqlite3

    path = tmp_path / "nerchinsk.txt"
    path.write_text(NERCHINSK, encoding="utf-8")
    assert meipi("import", str(path), "--id", "nerchinsk", "--author", "陳大同").code == 0
    made = meipi("annotate", "nerchinsk", "--quote", "格爾必齊河", "--note", "界河")
    assert made.code == 0, made.err
    stored = paths.user_texts_dir() / "nerchinsk.meipi.txt"
    old_bytes = stored.read_bytes()
    before = meipi("annotations", "--json").json()
    path.write_text(NERCHINSK.replace("格爾必齊河、", ""), encoding="utf-8")
    # Another program holds the write lock: re-anchoring the annotations cannot be saved.
    other = sqlite3.connect(db_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        failed = meipi("import", str(path), "--id", "nerchinsk", "--replace")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert failed.code == 1 and "busy" in failed.err and failed.out == "", failed.err
    assert stored.read_bytes() == old_bytes
    assert not any(paths.data_dir().glob("texts.replaced-*"))
    assert meipi("annotations", "--json").json() == before
    assert "格爾必齊河" in meipi("text", "nerchinsk").out


def test_a_title_given_or_kept_is_not_said_to_be_the_file_name(tmp_path: Path) -> None:
    # No title line: the file name would be the title, and the report says so; not when the
    # title was given, or kept from the text a replacement puts a file in place of.
    path = tmp_path / "notes.txt"
    line = "雙方在重要的能源議題上將進一步深化合作，北極航道的開發也需要雙方共同投入資金與技術。"
    path.write_text(f"{line}\n\n{line.replace('雙方', '兩國')}\n", encoding="utf-8")
    named = meipi("import", str(path), "--id", "a")
    assert named.code == 0 and "the file name 'notes' is the title" in named.err
    given = meipi("import", str(path), "--id", "b", "--title", "能源合作")
    assert given.code == 0 and "file name" not in given.err, given.err
    kept = meipi("import", str(path), "--id", "b", "--replace")
    assert kept.code == 0 and "file name" not in kept.err, kept.err
    assert meipi("text", "b", "--json").json()["title"] == "能源合作"

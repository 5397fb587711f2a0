"""A citekey a scholar has cited never changes (``meipi import`` gives it, every export writes
it): the same key in every format and every subset, and when more texts are imported."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from tests.cli_helpers import meipi

TEXTS = {
    "notes": "北極合作研究\n\n第一段講北極合作。\n",
    "route": "北極航道與中俄合作\n\n第二段講航道。\n",
    "council": "北極理事會\n\n第三段講理事會。\n",
}


def _import(tmp_path: Path, doc_id: str) -> str:
    path = tmp_path / f"{doc_id}.txt"
    path.write_text(TEXTS[doc_id], encoding="utf-8")
    r = meipi("import", str(path), "--id", doc_id)
    assert r.code == 0, r.err
    return r.out


def _keys() -> dict[str, str]:
    """Document id → key, from the whole library's BibTeX and CSL-JSON (which must agree)."""
    r = meipi("export", "--format", "bibtex")
    assert r.code == 0, r.err
    bib = {}
    for key, body in re.findall(r"@\w+\{([^,]+),(.*?)\n\}", r.out, re.S):
        title = re.search(r"title = \{(.*?)\}", body)
        assert title is not None
        bib[title.group(1).strip("{}")] = key
    csl = {item["title"]: item["id"] for item in meipi("export", "--format", "csl-json").json()}
    assert bib == csl
    listed = {d["title"]: d["id"] for d in meipi("list", "--json").json()["documents"]}
    return {listed[title]: key for title, key in bib.items()}


def _subset_keys(doc_id: str) -> set[str]:
    keys = set()
    for fmt in ("bibtex", "csl-json"):
        r = meipi("export", "--format", fmt, "--doc", doc_id)
        assert r.code == 0, r.err
        if fmt == "csl-json":
            keys |= {item["id"] for item in json.loads(r.out)}
        else:
            keys |= set(re.findall(r"@\w+\{([^,]+),", r.out))
    md = meipi("export", "--format", "markdown", "--doc", doc_id, "--flavour", "pandoc")
    assert md.code == 0, md.err
    keys |= set(re.findall(r"\[@([^,\]]+), p\. 1\]", md.out))
    return keys


def test_a_key_once_given_is_the_same_everywhere_and_never_changes(tmp_path: Path) -> None:
    out = _import(tmp_path, "notes")
    assert "Cite it as [@beijihezuo]" in out
    assert meipi("annotate", "notes", "--quote", "第一段").code == 0
    first = _keys()
    assert first["notes"] == "beijihezuo"
    assert _subset_keys("notes") == {"beijihezuo"}
    _import(tmp_path, "route")
    _import(tmp_path, "council")
    later = _keys()
    assert {k: later[k] for k in first} == first  # nothing already given changed
    assert len(set(later.values())) == len(later)  # and every text has its own
    assert later["route"] == "beijihangdao" and later["council"] == "beijilishi"
    assert _subset_keys("notes") == {"beijihezuo"}


def test_equal_keys_get_the_letter_at_the_end(tmp_path: Path) -> None:
    for n, doc_id in zip("一二三", ("one", "two", "three"), strict=True):
        TEXTS[doc_id] = f"北極合作研究之{n}\n\n第{n}段。\n"
        _import(tmp_path, doc_id)
    keys = _keys()
    assert [keys[d] for d in ("one", "two", "three")] == [
        "beijihezuo",
        "beijihezuoa",
        "beijihezuob",
    ]


def test_the_keys_of_an_earlier_version_are_kept(tmp_path: Path, db_file: Path) -> None:
    """Texts imported before keys were kept had the keys a whole-library export gave them
    (the letter after the year, in library order); those are kept when a text is added."""
    for doc_id in ("notes", "route"):
        _import(tmp_path, doc_id)
    with sqlite3.connect(db_file) as conn:  # as an earlier version left the database
        conn.execute("DELETE FROM generated_citekeys")
    conn.close()
    before = _keys()
    assert sorted(before[d] for d in ("notes", "route")) == ["abeiji", "bbeiji"]
    assert _subset_keys("route") == {before["route"]}  # a subset exports the library's key
    _import(tmp_path, "council")
    after = _keys()
    assert {k: after[k] for k in before} == before
    assert after["council"] == "beijilishi"


def test_restoring_an_older_backup_keeps_the_keys_given_since(tmp_path: Path) -> None:
    """A text imported after the backup keeps the key it was given (the reviewer saw 'arc' go
    from beijihezuo to beiji): restore carries the keys given since into the restored file."""
    _import(tmp_path, "notes")
    assert meipi("backup").code == 0
    _import(tmp_path, "route")
    _import(tmp_path, "council")
    before = _keys()
    restored = meipi("restore")
    assert restored.code == 0, restored.err
    from reader import paths

    db = paths.db_path()
    conn = sqlite3.connect(db)
    try:
        kept = dict(conn.execute("SELECT document_id, citekey FROM generated_citekeys"))
    finally:
        conn.close()
    wanted = ("notes", "route", "council")
    assert {doc: kept.get(doc) for doc in wanted} == {doc: before[doc] for doc in wanted}
    assert not [p.name for p in db.parent.iterdir() if ".restore-" in p.name]

"""``reader.store.carry`` through a real restore: what the user made after the backup is in
the restored file, the backup's own values win, and the report's entries say each case."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.ops import glossary, notes, vocabulary
from reader.store import Store, backup, open_store
from reader.store.carry import TABLES, Entry, carry_entries, command_line
from reader.store.vocabulary import NewWord

WORD = NewWord(
    "lian-obor", "戈巴契夫", "戈巴契夫", "戈巴契夫", "ge1 ba1 qi4 fu1", "Gorbachev", "", 0, 4, "1"
)


def _with(db: Path, change: Callable[[Store], object]) -> None:
    store = open_store(db)
    try:
        change(store)
    finally:
        store.close(backup=False)


def _rows(db: Path, table: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def _shown(entries: tuple[Entry, ...]) -> set[tuple[str, str]]:
    return {(e.kind, e.shown) for e in entries}


def test_a_restore_carries_what_was_made_since_and_keeps_the_backups_values(
    db_file: Path,
) -> None:
    def before(store: Store) -> None:
        glossary.add_conversion(store, "軟體", "軟件")
        notes.set_color_meanings(store, {"blue": "背景"})
        notes.set_theme_memo(store, "中亞", "舊的備忘")
        glossary.add_keep(store, "哈薩克")

    _with(db_file, before)
    made = backup.make_backup(db_file)

    def after(store: Store) -> None:
        glossary.add_equivalence(store, "普京", "普丁")
        glossary.add_conversion(store, "軟體", "软件")  # changed since
        glossary.drop(store, "哈薩克")  # removed since
        notes.set_color_meanings(store, {"blue": "背景", "green": "數據"})
        notes.set_theme_memo(store, "中亞", "新的備忘")  # changed since
        notes.set_theme_memo(store, "北極", "航道")
        vocabulary.add(store, WORD)

    _with(db_file, after)
    done = backup.restore(db_file, made)
    carried = done.carried
    assert carried is not None
    assert _shown(carried.added) == {
        ("glossary", "same 普京 = 普丁"),
        ("colour meaning", "green: 數據"),
        ("theme memo", "on 北極"),
        ("vocabulary", "戈巴契夫 (lian-obor)"),
    }
    assert {(e.kind, e.shown, e.later) for e in carried.kept} == {
        ("glossary", "convert 軟體 → 軟件", "→ 软件"),
        ("theme memo", "on 中亞", "a later text"),
    }
    assert _shown(carried.back) == {("glossary", "keep 哈薩克")}
    assert carried.left == ()
    # What the restored file holds: the backup's, plus what it never had.
    store = open_store(db_file)  # it opens (verifies) as ever
    try:
        g = glossary.load(store)
    finally:
        store.close(backup=False)
    assert g.equivalences == (("普京", "普丁"),)
    assert g.keeps == frozenset({"哈薩克"})
    assert dict(g.conversions) == {"軟體": "軟件"}
    assert [r[1] for r in _rows(db_file, "color_meanings")] == ["背景", "數據"]
    assert {r[1]: r[2] for r in _rows(db_file, "theme_memos")} == {
        "中亞": "舊的備忘",
        "北極": "航道",
    }
    assert [r[2] for r in _rows(db_file, "vocabulary")] == ["戈巴契夫"]
    # The previous file keeps its own values.
    assert done.kept is not None
    assert {r[1]: r[2] for r in _rows(done.kept, "theme_memos")}["中亞"] == "新的備忘"


def test_a_second_restore_of_the_same_backup_carries_nothing_new(db_file: Path) -> None:
    _with(db_file, lambda store: glossary.add_keep(store, "區域性"))
    made = backup.make_backup(db_file)
    first = backup.restore(db_file, made)
    assert first.carried is not None and not first.carried
    _with(db_file, lambda store: glossary.add_keep(store, "喬治亞"))
    second = backup.restore(db_file, made)
    assert second.carried is not None
    assert _shown(second.carried.added) == {("glossary", "keep 喬治亞")}
    again = backup.restore(db_file, made)
    assert again.carried is not None and _shown(again.carried.added) == {
        ("glossary", "keep 喬治亞")
    }  # carried each time: it is never in the backup


@contextlib.contextmanager
def _reading(db: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        conn.execute("BEGIN")
        yield conn


def test_a_target_without_a_table_leaves_those_entries_and_names_them(
    db_file: Path, tmp_path: Path
) -> None:
    _with(db_file, lambda store: glossary.add_keep(store, "區域性"))
    _with(db_file, lambda store: notes.set_theme_memo(store, "中亞", "備忘"))
    older = tmp_path / "older.sqlite3"
    with contextlib.closing(sqlite3.connect(older)) as conn:
        conn.execute("CREATE TABLE glossary_keeps (phrase TEXT PRIMARY KEY, created TEXT)")
    with _reading(db_file) as conn:
        carried = carry_entries(conn, older)
    assert _shown(carried.added) == {("glossary", "keep 區域性")}
    (left,) = carried.left
    assert (left.kind, left.shown) == ("theme memo", "on 中亞")
    assert _rows(older, "glossary_keeps")[0][0] == "區域性"


def test_commands_name_what_sets_or_removes_an_entry() -> None:
    by_name = {t.name: t for t in TABLES}
    row: dict[str, object] = {"key": "creator", "value": "林 小明"}
    entry = Entry("setting", "creator: x", command=by_name["settings"].again(row))
    assert command_line(entry, ["--db", "/a b/m.sqlite3"]) == (
        "meipi config creator '林 小明' --db '/a b/m.sqlite3'"
    )
    drop = by_name["glossary_keeps"].drop({"phrase": "區域性", "created": ""})
    assert command_line(Entry("glossary", "keep 區域性", command=drop)) == (
        "meipi glossary drop 'keep 區域性'"
    )
    assert command_line(Entry("colour meaning", "blue: x")) == ""

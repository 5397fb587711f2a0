"""What a restore carries from the database it replaces into the restored copy.

A restore puts a backup in place of the database; the user's small entries made *after* the
backup was taken would be lost with it, kept only in the ``.replaced-STAMP`` file: glossary
entries (``same``, ``keep``, conversions), settings (``creator``, ``bibliography``), colour
meanings, theme memos and vocabulary words. Each one the backup does not have is carried into
the restored copy. So are the citekeys given to texts since (not listed: a key a scholar has
cited never changes, and a text imported after the backup would otherwise get another the next
time keys are kept; a key the backup gave another text stays as it is).

Where the backup has the same entry with another value (a setting, a conversion, a colour's
meaning or a memo changed since), **the backup's value is kept**: the user asked to go back to
the backup, and a value changed since may be the very thing they go back from; an entry the
backup never had cannot be what they meant to undo (and ``glossary drop`` or a new value
removes it in one step). Annotations are not carried (a restore is how an edit or a deletion is
undone; ``meipi restore`` says how to bring back the newer ones). The report names every entry
carried, every later value not restored (with the command that sets it again), and every entry
back because the backup had it (removed since).

Reads the previous file through the connection the restore holds (SQLite only); writes the
restored copy before it is renamed into place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.fsync import fsync_path

Row = dict[str, object]


@dataclass(frozen=True)
class Entry:
    """One entry for people: its kind (``glossary``, ``setting`` …), as ``meipi`` lists it,
    and (for one whose value differs) the value the previous file had."""

    kind: str
    shown: str
    later: str = ""
    command: tuple[str, ...] = ()  # what sets (or removes) it again, when a command does


@dataclass(frozen=True)
class Carried:
    """``added``: made after the backup, now in the restored file; ``kept``: the backup's own
    value restored where the previous file had another (``later``); ``back``: in the backup
    but removed from the previous file since; ``left``: the backup's tables cannot hold them
    (a backup older than those entries), so they are only in the previous file."""

    added: tuple[Entry, ...] = ()
    kept: tuple[Entry, ...] = ()
    back: tuple[Entry, ...] = ()
    left: tuple[Entry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.kept or self.back or self.left)


@dataclass(frozen=True)
class _Table:
    name: str
    kind: str
    key: tuple[str, ...]
    value: tuple[str, ...]
    columns: tuple[str, ...]
    show: Callable[[Row], str]
    later: Callable[[Row], str] = lambda row: ""
    again: Callable[[Row], tuple[str, ...]] = lambda row: ()
    drop: Callable[[Row], tuple[str, ...]] = lambda row: ()


def _keep(row: Row) -> str:
    return f"keep {row['phrase']}"


def _same(row: Row) -> str:
    return f"same {row['a']} = {row['b']}"


def _convert(row: Row) -> str:
    return f"convert {row['original']} → {row['replacement']}"


TABLES: tuple[_Table, ...] = (
    _Table(
        "glossary_equivalences",
        "glossary",
        ("key",),
        (),
        ("a", "b", "key", "created"),
        _same,
        again=lambda r: ("glossary", "same", str(r["a"]), str(r["b"])),
        drop=lambda r: ("glossary", "drop", _same(r)),
    ),
    _Table(
        "glossary_keeps",
        "glossary",
        ("phrase",),
        (),
        ("phrase", "created"),
        _keep,
        again=lambda r: ("glossary", "keep", str(r["phrase"])),
        drop=lambda r: ("glossary", "drop", _keep(r)),
    ),
    _Table(
        "glossary_conversions",
        "glossary",
        ("original",),
        ("replacement",),
        ("original", "replacement", "created"),
        _convert,
        later=lambda r: f"→ {r['replacement']}",
        drop=lambda r: ("glossary", "drop", _convert(r)),
    ),
    _Table(
        "settings",
        "setting",
        ("key",),
        ("value",),
        ("key", "value"),
        lambda r: f"{r['key']}: {r['value']}",
        later=lambda r: str(r["value"]),
        again=lambda r: ("config", str(r["key"]), str(r["value"])),
        drop=lambda r: ("config", str(r["key"]), ""),
    ),
    _Table(
        "color_meanings",
        "colour meaning",
        ("color",),
        ("meaning",),
        ("color", "meaning"),
        lambda r: f"{r['color']}: {r['meaning']}",
        later=lambda r: str(r["meaning"]),
    ),
    _Table(
        "theme_memos",
        "theme memo",
        ("tag_key",),
        ("body",),
        ("tag_key", "tag_name", "body", "created", "updated"),
        lambda r: f"on {r['tag_name']}",
        later=lambda r: "a later text",
    ),
    _Table(
        "vocabulary",
        "vocabulary",
        ("document_id", "word", "start", "end"),
        (),
        (
            "document_id",
            "word",
            "traditional",
            "simplified",
            "pinyin",
            "definition",
            "sentence",
            "start",
            "end",
            "page",
            "created",
            "updated",
        ),
        lambda r: f"{r['word']} ({r['document_id']})",
    ),
)


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def _rows(conn: sqlite3.Connection, table: _Table) -> dict[tuple[object, ...], Row]:
    columns = ", ".join(_q(c) for c in table.columns)
    out: dict[tuple[object, ...], Row] = {}
    for values in conn.execute(f"SELECT {columns} FROM {_q(table.name)}"):
        row = dict(zip(table.columns, values, strict=True))
        out[tuple(row[k] for k in table.key)] = row
    return out


def _carry_citekeys(previous: sqlite3.Connection, conn: sqlite3.Connection) -> None:
    """The keys given since the backup, into ``conn``'s copy (a backup older than kept keys,
    or a previous file that cannot give them, carries none)."""
    name = "generated_citekeys"
    try:
        if not (_has_table(previous, name) and _has_table(conn, name)):
            return
        rows = previous.execute(f"SELECT document_id, citekey FROM {name}").fetchall()
    except sqlite3.DatabaseError:
        return
    conn.executemany(f"INSERT OR IGNORE INTO {name} (document_id, citekey) VALUES (?, ?)", rows)


def carry_entries(previous: sqlite3.Connection, target: Path) -> Carried:
    """Carry into ``target`` (the restored copy, not yet in place) every entry of the tables
    above that ``previous`` (a read transaction on the database being replaced) has and the
    copy lacks. A table the previous file cannot give (damaged) carries nothing."""
    added: list[Entry] = []
    kept: list[Entry] = []
    back: list[Entry] = []
    left: list[Entry] = []
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        _carry_citekeys(previous, conn)
        for table in TABLES:
            try:
                if not _has_table(previous, table.name):
                    continue
                before = _rows(previous, table)
            except sqlite3.DatabaseError:
                continue  # that part of the previous file cannot be read
            if not _has_table(conn, table.name):
                left += [
                    Entry(table.kind, table.show(r), command=table.again(r))
                    for r in before.values()
                ]
                continue
            restored = _rows(conn, table)
            new = [row for key, row in before.items() if key not in restored]
            if new:
                columns = ", ".join(_q(c) for c in table.columns)
                marks = ", ".join("?" for _ in table.columns)
                conn.executemany(
                    f"INSERT INTO {_q(table.name)} ({columns}) VALUES ({marks})",
                    [tuple(row[c] for c in table.columns) for row in new],
                )
            added += [Entry(table.kind, table.show(r), command=table.drop(r)) for r in new]
            for key, row in before.items():
                ours = restored.get(key)
                if ours is not None and any(ours[v] != row[v] for v in table.value):
                    kept.append(
                        Entry(table.kind, table.show(ours), table.later(row), table.again(row))
                    )
            back += [
                Entry(table.kind, table.show(r), command=table.drop(r))
                for key, r in restored.items()
                if key not in before
            ]
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    fsync_path(target)
    return Carried(tuple(added), tuple(kept), tuple(back), tuple(left))


def command_line(entry: Entry, db: Sequence[str] = ()) -> str:
    """The ``meipi`` command of ``entry`` (with ``db``: the ``--db`` option given), or ''."""
    import shlex

    return shlex.join(["meipi", *entry.command, *db]) if entry.command else ""

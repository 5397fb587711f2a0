"""Reading a file to import: size, kind of file, refusals, then the format's own reading.

``read_source(path)`` stats the file before opening it: a folder, a device, a FIFO or a file
larger than :data:`MAX_BYTES` is refused without reading, and so is the database, its ``-wal`` or
``-shm`` or one of its backups (compared with :func:`os.path.samefile`, which only stats: the live
database file is never opened outside SQLite). Binary formats (PDF) are recognised by their first
bytes; everything else is decoded as text and handed to the first text format that claims it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from reader import paths
from reader.errors import InputError
from reader.importing.base import MAX_BYTES, Progress, Source
from reader.importing.encoding import FORMATS, decode
from reader.importing.registry import binary_readers, text_readers


def read_source(
    path: str | os.PathLike[str],
    *,
    database: Path | None = None,
    progress: Progress | None = None,
    password: str | None = None,
) -> Source:
    """Read a file to import; refuses (InputError) a missing, empty, huge, binary or undecodable
    file, and the database (``database``, default the one ``--db``/``$MEIPI_DB`` name) with its
    companions and backups, with one sentence saying so. ``progress`` hears of each PDF page
    read; ``password`` opens a PDF that needs one."""
    file = Path(path).expanduser()
    name = file.name
    try:
        status = file.stat()
        size = status.st_size
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"{file} is a folder; give the path of a text file.")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{file} is not a regular file; give the path of a text file.")
        refuse_database_files(file, database)
        if size > MAX_BYTES:
            raise InputError(
                f"{name} is {size / 1024 / 1024:.1f} MB; Meipi imports texts up to "
                f"{MAX_BYTES // 1024 // 1024} MB. Split it into smaller files."
            )
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"There is no file {file}. Check the path and try again.") from None
    except PermissionError:
        raise InputError(f"{file} cannot be read (permission denied).") from None
    except OSError as exc:
        raise InputError(f"{file} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB, the limit.")
    return source_from_bytes(data, name, path=file, progress=progress, password=password)


def _database_companions(database: Path) -> Iterable[Path]:
    yield database
    for suffix in ("-wal", "-shm", "-journal"):
        yield database.with_name(database.name + suffix)


def refuse_database_files(file: Path, database: Path | None = None) -> None:
    """InputError if ``file`` is the database, its ``-wal``/``-shm``/``-journal`` or a backup of
    it (by :func:`os.path.samefile`: stat only, nothing opened)."""
    candidates = [database] if database is not None else []
    candidates.append(paths.db_path())
    for db in candidates:
        for companion in _database_companions(db):
            with contextlib.suppress(OSError):
                if os.path.samefile(file, companion):
                    raise InputError(
                        f"{file} is Meipi's database ({companion.name}), not a text; "
                        "nothing was imported."
                    )
        backups = paths.backups_dir(db)
        with contextlib.suppress(OSError):
            if os.path.samefile(file.parent, backups):
                raise InputError(
                    f"{file} is a backup of Meipi's database, not a text; nothing was imported."
                )


def source_from_bytes(
    data: bytes,
    name: str,
    *,
    path: Path | None = None,
    progress: Progress | None = None,
    password: str | None = None,
) -> Source:
    """Like :func:`read_source` for bytes already in memory (a drop from another program)."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name} is larger than {MAX_BYTES // 1024 // 1024} MB, the limit.")
    if not data.strip():
        raise InputError(f"{name} is empty; there is nothing to import.")
    for reader in binary_readers():
        if reader.sniff_bytes(data, name):
            return reader.read(data, name, path, progress, password)
    _refuse_known_binaries(data, name)
    text, encoding = decode(data, name)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{name} is empty; there is nothing to import.")
    _refuse_json(text, name)
    return Source(name, text, encoding, detect_format(text, name), path)


def detect_format(text: str, name: str = "") -> str:
    """The first text format that claims ``text``: ``meipi`` (the texts/ format), ``markdown``
    (by suffix or by its headings), else ``text``."""
    for reader in text_readers():
        if reader.sniff_text(text, name):
            return reader.name
    return "text"


def _refuse_json(text: str, name: str) -> None:
    """A JSON file is data, not an article (most likely an annotations export)."""
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return
    import json

    try:
        json.loads(text)
    except (ValueError, RecursionError):
        # Not JSON, or nested deeper than Python's parser goes (200,000 '['): text after all.
        return
    raise InputError(
        f"{name} is a JSON file, not an article. To add annotations exported as JSON, use "
        "`meipi import-annotations`."
    )


def _refuse_known_binaries(data: bytes, name: str) -> None:
    for reader in binary_readers():
        if name.lower().endswith(reader.suffixes):
            # Named as a binary format its reader did not recognise: never read it as text.
            raise InputError(
                f"{name} is not a {reader.label} file, though its name says so (it may be "
                f"damaged or not fully downloaded). Meipi imports {FORMATS}."
            )
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{name} is a compressed document (Word, EPUB or ZIP). Save it as plain text "
            "(UTF-8) and import that."
        )

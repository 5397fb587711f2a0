"""Bringing the user's own texts in: read a file, guess its metadata, preview, save, remove.

The flow a window dialog (or ``meipi import``) follows::

    source = read_source(path)             # bytes -> Source: size, refusals, format, encoding
    preview = guess(source, Overrides())   # a Document as it would be saved, with what was guessed
    preview = guess(source, Overrides(title="…", script="zh-Hans"))   # the user corrected it
    document = save(preview)               # written atomically into the user texts folder

``remove(doc_id)`` deletes a user text (shipped texts cannot be removed; annotations are the
store's business) and ``update_metadata(doc_id, MetadataChanges(...))`` edits one later.
``check_id`` validates an id as typed, ``free_id`` offers ``id-2`` on a clash, ``Preview.guessed``
prefills a form and ``Preview.notices`` are what to check (each a kind, its values and the command
line's sentence). ``read_source``/``guess`` take well under a second for an article but about 20 s
for a 20 MB text: run them off the GUI thread.

One module per format behind :class:`~reader.importing.base.FormatReader` (sniff → read →
build the document with its pages and blocks); what follows is the same for every format:
:mod:`~reader.importing.plain` (plain text, including PDF-extracted text like the seeds, cleaned
by :mod:`reader.ingest`), :mod:`~reader.importing.markdown`, :mod:`~reader.importing.meipi_text`
(the ``texts/`` format). :mod:`~reader.importing.encoding` decodes text files and guesses the
script; :mod:`~reader.importing.preview` guesses; :mod:`~reader.importing.saving` writes.

Every error a user can cause is an :class:`InputError` (exit 2) with one clear sentence; a folder
that cannot be written is an :class:`EnvironmentFailure` (exit 1). Nothing is half-written.
"""

from __future__ import annotations

from reader.export.atomic import write_atomic
from reader.importing.base import MAX_BYTES, Built, FormatReader, Overrides, Source
from reader.importing.encoding import ScriptGuess, chinese_score, decode, guess_script
from reader.importing.markdown import MARKDOWN_SUFFIXES
from reader.importing.preview import Preview, check_id, free_id, guess, slug
from reader.importing.registry import format_label, format_names
from reader.importing.saving import (
    MetadataChanges,
    import_file,
    remove,
    save,
    update_metadata,
)
from reader.importing.source import (
    detect_format,
    read_source,
    refuse_database_files,
    source_from_bytes,
)

FORMATS = format_names()

__all__ = [
    "FORMATS",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "Built",
    "FormatReader",
    "MetadataChanges",
    "Overrides",
    "Preview",
    "ScriptGuess",
    "Source",
    "check_id",
    "chinese_score",
    "decode",
    "detect_format",
    "format_label",
    "free_id",
    "guess",
    "guess_script",
    "import_file",
    "read_source",
    "refuse_database_files",
    "remove",
    "save",
    "slug",
    "source_from_bytes",
    "update_metadata",
    "write_atomic",
]

"""What every command that reads or writes annotations shares (``reader.commands.common``): the
store for one command, texts re-anchored first with what was lost said, the user's glossary."""

from __future__ import annotations

import io
from pathlib import Path

from reader.cli import Context
from reader.commands.common import load_glossary, opened, sync_texts
from reader.documents import Library, load_library
from reader.glossary import EMPTY
from reader.ops import annotations as annotation_ops
from reader.ops import glossary as glossary_ops
from reader.store import open_store
from tests.store.helpers import make_doc


def context(db: Path, library: Library | None = None) -> tuple[Context, io.StringIO]:
    """A command's context on ``db``, and what the command says on stderr."""
    stderr = io.StringIO()
    return Context(db=db, stdout=io.StringIO(), stderr=stderr, _library=library), stderr


def test_the_glossary_without_a_database_creates_none(db_file: Path) -> None:
    ctx, _ = context(db_file)
    assert load_glossary(ctx) == EMPTY
    assert not db_file.exists()
    with opened(ctx, create=True) as store:
        glossary_ops.add_keep(store, "區域性")
    assert load_glossary(ctx).keeps == {"區域性"}


def test_a_changed_text_is_reanchored_and_its_orphans_are_said(db_file: Path) -> None:
    first = make_doc(["北極航道與能源", "中亞地區的能源合作"], doc_id="mine")
    store = open_store(db_file)
    try:
        annotation_ops.annotate(store, first, 0, 4)
    finally:
        store.close(backup=False)
    changed = make_doc(["前言。", "中亞地區的能源合作"], doc_id="mine")
    library = load_library()
    library.documents["mine"] = changed
    ctx, stderr = context(db_file, library)
    with opened(ctx, create=False) as store:
        sync_texts(store, ctx)
        (record,) = annotation_ops.list_annotations(store)
    assert record.orphaned
    message = stderr.getvalue()
    assert "the text of mine changed; 1 annotation could not be placed again" in message

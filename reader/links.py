"""``meipi://`` links: made by the exports, opened by ``meipi open`` (and the URL handler).

Links come from untrusted documents (an export someone sent, a web page), so only two shapes
are accepted, and nothing in them can name a database, a path or a command-line option::

    meipi://open?doc=ID&at=N          a text (its id) and a canonical offset (optional)
    meipi://annotation/UUID           an annotation (a UUID, nothing else)

``ID`` is a document id as Meipi makes them (letters, digits, ``-``, ``_``, ``.``; not starting
with ``-`` or ``.``), ``N`` a whole number. Anything else, including extra query parameters,
is refused with an InputError.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, urlsplit

from reader.errors import InputError

SCHEME = "meipi"
_DOC_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,199}")
_OFFSET = re.compile(r"[0-9]{1,12}")
MAX_CHARS = 600


# A NamedTuple, not a frozen dataclass: the window imports this module as it starts, where a
# frozen dataclass cost ~0.4 ms to create.
class Place(NamedTuple):
    """Where a link points: a document (and an offset), or an annotation."""

    document: str | None = None
    at: int | None = None
    annotation: str | None = None


def annotation_url(annotation_id: str) -> str:
    bare = annotation_id.removeprefix("urn:uuid:")
    return f"{SCHEME}://annotation/{bare}"


def open_url(doc_id: str, at: int | None = None) -> str:
    url = f"{SCHEME}://open?doc={quote(doc_id, safe='')}"
    return url if at is None else f"{url}&at={int(at)}"


def _refuse(why: str) -> InputError:
    return InputError(
        f"This is not a Meipi link Meipi can open ({why}). Links look like "
        "meipi://open?doc=ID&at=N or meipi://annotation/UUID."
    )


def parse_url(url: str) -> Place:
    """The place a ``meipi://`` link points to (InputError for anything else)."""
    if len(url) > MAX_CHARS:
        raise _refuse("it is too long")
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        raise _refuse("it holds spaces or control characters")
    parts = urlsplit(url)
    if parts.scheme.lower() != SCHEME:
        raise _refuse("it does not start with meipi://")
    if parts.username or parts.password or parts.port or parts.fragment:
        raise _refuse("it has parts Meipi does not use")
    host = parts.netloc.lower()
    if host == "annotation":
        if parts.query:
            raise _refuse("an annotation link takes no options")
        ident = parts.path.strip("/")
        import uuid  # here: it imports platform (~2 ms), and the window imports this module

        try:
            value = uuid.UUID(ident)
        except ValueError:
            raise _refuse("the annotation is not a UUID") from None
        if str(value) != ident.lower():
            raise _refuse("the annotation is not a UUID")
        return Place(annotation=str(value))
    if host == "open":
        if parts.path not in ("", "/"):
            raise _refuse("an open link has no path")
        try:
            pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            raise _refuse("its options cannot be read") from None
        names = [name for name, _ in pairs]
        if not names or len(set(names)) != len(names) or not set(names) <= {"doc", "at"}:
            raise _refuse("it must give doc=ID and at most at=N, once each")
        values = dict(pairs)
        doc = values.get("doc", "")
        if not _DOC_ID.fullmatch(doc):
            raise _refuse("the document id is not one Meipi makes")
        at_text = values.get("at")
        if at_text is not None and not _OFFSET.fullmatch(at_text):
            raise _refuse("the place is not a whole number")
        return Place(document=doc, at=int(at_text) if at_text is not None else None)
    raise _refuse("it is neither an open nor an annotation link")

"""Why the details a reader typed cannot be taken, in the reader's language: the core's
refusals (``RefusedInput``: a bad id, a date that is not one, a file with no text left) worded
for the window, with the import dialog's own translations; any other error as the core says it.
Shared by the import dialog and the Text Details dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reader.errors import MeipiError
from reader.importing.notices import RefusedInput


def refusal_text(error: Exception) -> str:
    """Why the values cannot be taken, in the reader's language."""
    if not isinstance(error, MeipiError):
        return repr(error)
    notice = error.notice if isinstance(error, RefusedInput) else None
    if notice is None:
        return str(error)
    translate = QCoreApplication.translate
    if notice.kind == "bad-id":
        return translate(
            "ImportDialog",
            "The id “%1” cannot be used: an id is 1 to 64 lower-case letters a–z, digits and "
            "inner hyphens, for example hsu-2024.",
        ).replace("%1", notice.value("id"))
    if notice.kind == "bad-date":
        return translate(
            "ImportDialog",
            "The date “%1” is not a date Meipi understands: write YYYY, YYYY-MM or "
            "YYYY-MM-DD, for example 2024-11.",
        ).replace("%1", notice.value("date"))
    if notice.kind == "nothing-left":
        return translate(
            "ImportDialog",
            "%1 has no text left once page numbers and running headers are removed; there "
            "is nothing to import.",
        ).replace("%1", notice.value("name"))
    return str(error)  # what a form cannot send (an empty title is left unchanged)

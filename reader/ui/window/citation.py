"""A document's full citation (the About box): kept in the core, ``reader.export.citing``,
with every other citation the window and the exports write."""

from __future__ import annotations

from reader.export.citing import format_date, full_citation, page_span

__all__ = ["format_date", "full_citation", "page_span"]

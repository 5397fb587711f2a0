"""Metadata (title, byline, venue, authors) in an export's script, converted character by character:
no phrase conversion, so a name such as 連弘宜 becomes 连弘宜 and never another word."""

from __future__ import annotations

import functools

from reader.views import config_for


@functools.lru_cache(maxsize=8192)
def _char(ch: str, config: str) -> str:
    from reader.script_engine import converter

    out = converter(config, prose=True).convert(ch)[0]
    return out if len(out) == 1 else ch


def chars_in_view(text: str, view_id: str, source_script: str) -> str:
    """``text`` with each character as the view ``view_id`` writes it (itself when the view
    converts nothing for this source script)."""
    config = config_for(view_id, source_script)
    if config is None:
        return text
    return "".join(_char(ch, config) for ch in text)

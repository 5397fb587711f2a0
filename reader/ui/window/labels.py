"""A menu item's or a form label's text as the reader sees it: without its mnemonic, the ``&``
before a letter (``&File``) or the bracketed letter Chinese menus add (``檔案(&F)``)."""

from __future__ import annotations

import re

_MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)")


def shown_label(text: str) -> str:
    """``text`` without its mnemonic (``&&``, a literal ampersand, stays one)."""
    return _MNEMONIC.sub("", text.replace("&&", "\0")).replace("\0", "&")

"""The reading window (PySide6). Everything Qt lives under this package; the core never imports
it.

Importing the package makes PySide6's check of every module imported after it lighter (see
:func:`_lighter_feature_check`): the window imports some 80 modules of its own at startup."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook changed below)


def _lighter_feature_check() -> None:
    """PySide6 asks of each newly imported module whether its source mentions ``PySide6`` (to
    know where its ``__feature__`` switches may apply, PYSIDE-2029), and reads the source with
    ``inspect.getsource``: that tokenizes the file and keeps every line of it in ``linecache``
    for the rest of the process (about 4 MB and a good part of the import time at startup).
    The same question is answered here from the file's bytes, which nothing keeps; modules
    without a ``.py`` file still go to PySide6's own check. Nothing changes where PySide6 has
    no such check (another version)."""
    feature = sys.modules.get("PySide6.support.feature") or sys.modules.get(
        "shibokensupport.feature"
    )
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "meipi", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.meipi = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_lighter_feature_check()

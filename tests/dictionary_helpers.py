"""The dictionary's index, built once per test process (building it takes seconds) in a folder
of its own, and opened as the process's dictionary (``reader.dictionary.open_dictionary``)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from reader import dictionary

_folder: Path | None = None


def shared_dictionary() -> dictionary.Dictionary:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="meipi-dictionary-"))
        atexit.register(shutil.rmtree, _folder, True)
    return dictionary.open_dictionary(_folder)

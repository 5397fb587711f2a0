"""PySide6's check of each imported module (does its source mention PySide6?) gives the same
answers with reader.ui's lighter reading of the file, and keeps no source in linecache."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path
from typing import Any

import pytest

import reader.ui  # noqa: F401  (installs the lighter check)


def _feature_module() -> Any:
    feature = sys.modules.get("PySide6.support.feature") or sys.modules.get(
        "shibokensupport.feature"
    )
    if feature is None or not hasattr(feature, "pyside_feature_dict"):
        pytest.skip("this PySide6 has no per-import feature check")
    return feature


def test_modules_are_told_apart_by_their_source_without_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = _feature_module()
    assert feature._mod_uses_pyside.meipi  # the lighter check is the one installed
    (tmp_path / "meipi_probe_qt.py").write_text(
        "from PySide6.QtCore import QObject\nVALUE = 1\n", encoding="utf-8"
    )
    (tmp_path / "meipi_probe_plain.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("meipi_probe_qt", "meipi_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    # Through the import statement's hook (PySide6's), as a module's own imports go.
    qt = __import__("meipi_probe_qt")
    plain = __import__("meipi_probe_plain")
    table = feature.pyside_feature_dict
    assert table["meipi_probe_qt"] == 0  # uses PySide6: features may switch there
    assert table["meipi_probe_plain"] == -1  # ignored
    assert qt.__file__ not in linecache.cache
    assert plain.__file__ not in linecache.cache
    # The answers are PySide6's own for the same modules.
    uses = feature._mod_uses_pyside
    assert uses(qt) is True and uses(plain) is False
    assert uses(sys) is False  # a built-in module goes to PySide6's own check

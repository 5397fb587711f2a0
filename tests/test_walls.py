"""The walls of the house: the window reaches the store only through reader.ops (no SQLAlchemy,
no command line under reader/ui), the core never imports Qt, and the import-linter contracts
in pyproject.toml (which CI runs as ``lint-imports``) hold."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).resolve().parent
ROOT = PACKAGE.parent


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports (at any depth of the file, lazily or not)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def reaches(names: set[str], package: str) -> bool:
    return any(n == package or n.startswith(package + ".") for n in names)


def test_no_window_module_imports_sqlalchemy_or_the_command_line() -> None:
    checked = 0
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        names = imported(path)
        assert not reaches(names, "reader.cli"), path.name
        assert not reaches(names, "reader.commands"), path.name
        assert not reaches(names, "sqlalchemy"), path.name
        checked += 1
    assert checked > 30


def test_no_core_module_imports_qt() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("ui", "bench"):
            continue
        names = imported(path)
        assert not reaches(names, "PySide6"), str(relative)
        assert not reaches(names, "shiboken6"), str(relative)


def test_the_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout

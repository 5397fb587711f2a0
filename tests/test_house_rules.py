"""The house's layout holds: every module of ``reader`` has its test file at the mirrored path
(``reader/a/b.py`` → ``tests/a/test_b.py``; the window's ``reader/ui/a/b.py`` →
``tests/ui/a/test_b.py``), and a module over 600 lines says at the top of its docstring why it
is one module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"
LONG = 600


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))


def mirrored_test(module: Path) -> Path:
    parts = module.relative_to(PACKAGE).parts
    return ROOT.joinpath("tests", *parts[:-1], "test_" + parts[-1])


def test_every_module_has_its_test_file() -> None:
    assert len(modules()) > 100
    missing = [str(m.relative_to(ROOT)) for m in modules() if not mirrored_test(m).is_file()]
    assert missing == []


def test_a_long_module_says_why_it_is_one() -> None:
    unexplained = []
    for module in modules():
        source = module.read_text(encoding="utf-8")
        if source.count("\n") <= LONG:
            continue
        doc = ast.get_docstring(ast.parse(source)) or ""
        if f"Over {LONG} lines as one job" not in doc:
            unexplained.append(str(module.relative_to(ROOT)))
    assert unexplained == []

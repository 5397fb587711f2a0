"""What a plain ``pip install .`` carries: every data file the package reads.

The suite imports ``reader`` from the source tree, so a data file left out of the wheel passes
every other test and fails only for an installed user (the lexicon once did: every view but 原文
failed). Building a wheel here would need the network; instead the wheel's two rules are checked
against the tree: ``[tool.setuptools.package-data]`` must match every non-Python file inside
``reader/``, and ``setup.py`` copies ``texts/`` and ``resources/`` (the test below builds the
package with that command into a folder and looks).
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_data_patterns() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = config["tool"]["setuptools"]["package-data"]
    return patterns


def shipped(path: Path, patterns: dict[str, list[str]]) -> bool:
    """Whether ``path`` (inside reader/) matches a package-data pattern of its package."""
    for package, globs in patterns.items():
        folder = ROOT / Path(*package.split("."))
        try:
            relative = path.relative_to(folder).as_posix()
        except ValueError:
            continue
        for glob in globs:
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(
                relative, glob.replace("**/", "")
            ):
                return True
    return False


def test_every_data_file_in_the_package_is_in_its_package_data() -> None:
    patterns = package_data_patterns()
    data = [
        p
        for p in (ROOT / "reader").rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    ]
    assert data, "the package has data files (the lexicon at least)"
    missing = [str(p.relative_to(ROOT)) for p in data if not shipped(p, patterns)]
    assert missing == [], f"not in [tool.setuptools.package-data]: {missing}"


def test_a_build_carries_the_texts_resources_and_lexicon(tmp_path: Path) -> None:
    # setup.py's build_py, as `pip install .` runs it, into a scratch build folder.
    subprocess.run(
        [
            sys.executable,
            "setup.py",
            "--quiet",
            "build_py",
            "--build-lib",
            str(tmp_path / "lib"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    built = tmp_path / "lib" / "reader"
    for name in ("texts", "resources"):
        source = sorted(p.relative_to(ROOT / name) for p in (ROOT / name).rglob("*") if p.is_file())
        copied = sorted(
            p.relative_to(built / "_data" / name)
            for p in (built / "_data" / name).rglob("*")
            if p.is_file()
        )
        assert copied == source, name
    lexicon = sorted(p.name for p in (built / "lexicon" / "data").iterdir())
    assert lexicon == sorted(p.name for p in (ROOT / "reader" / "lexicon" / "data").iterdir())

"""Copy texts/ and resources/ into the package at build time so wheels carry them."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "reader" / "_data"
        for name in ("texts", "resources"):
            src = ROOT / name
            dst = target / name
            if dst.exists():
                shutil.rmtree(dst)
            if src.is_dir():
                shutil.copytree(src, dst)


setup(cmdclass={"build_py": BuildWithData})

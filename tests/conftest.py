"""Shared fixtures: every test gets its own data directory and database, and Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from reader.dictionary import Dictionary
    from reader.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MEIPI_DB", None)


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh user data directory per test, so nothing touches the real one."""
    data = tmp_path / "meipi-data"
    monkeypatch.setenv("MEIPI_DATA_DIR", str(data))
    monkeypatch.delenv("MEIPI_DB", raising=False)
    yield data


@pytest.fixture
def db_file(isolated_data: Path) -> Path:
    return isolated_data / "meipi.sqlite3"


@pytest.fixture(scope="session")
def cedict() -> Dictionary:
    """The CC-CEDICT index, built once for the whole run."""
    from tests.dictionary_helpers import shared_dictionary

    return shared_dictionary()


@pytest.fixture
def store(db_file: Path) -> Iterator[Store]:
    """The store on this test's database, open for the test (closed without a backup)."""
    from reader.store import open_store

    opened = open_store(db_file)
    yield opened
    opened.close(backup=False)


@pytest.fixture(autouse=True)
def pdf_text_without_noncharacters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PDF a test imports in this process: its text holds no noncharacter (PDFium's U+FFFE
    for a soft hyphen once reached the text), or the test that imported it fails."""
    import re

    from reader.importing import pdf

    real = pdf.layout_pdf
    noncharacter = re.compile(
        "[\ufdd0-\ufdef"
        + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
        + "]"
    )

    def checked(*args: Any, **kwargs: Any) -> pdf.PdfLayout:
        result = real(*args, **kwargs)
        found = noncharacter.search(result.built.document.text)
        assert found is None, f"U+{ord(found.group()):04X} in the text of a PDF"
        return result

    monkeypatch.setattr(pdf, "layout_pdf", checked)

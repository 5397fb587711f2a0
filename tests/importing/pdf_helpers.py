"""Shared helpers for the PDF import tests: the test PDFs (``tests/data/pdf``), what each should
import as, and each read once per run."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path
from typing import TypedDict

from reader import documents
from reader.importing import Overrides, Source, guess, read_source

DATA = Path(__file__).resolve().parents[1] / "data" / "pdf"
PRODUCERS = ("xelatex-tc", "libreoffice-sc")


def squeeze(text: str) -> str:
    """``text`` without any white space."""
    return re.sub(r"\s+", "", text)


class Expected(TypedDict, total=False):
    """What a test PDF imports as (``tests/data/pdf/*.expected.json``, or its generator's)."""

    file: str
    producer: str
    body: list[str]
    headings: list[str]
    notes: list[str]
    captions: list[str]
    running: list[str]
    labels_front: list[str]
    first_body_label: str
    vertical: str
    title: str
    toc: list[list[str]]  # kind, entry, page
    sections: list[str]
    questions: list[str]
    answers: list[str]


def expected_of(name: str) -> Expected:
    if name == "bench-30":  # what the generator would write (not kept: 200 kB of repeats)
        spec = importlib.util.spec_from_file_location("make_pdfs", DATA / "make_pdfs.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        generated: Expected = module.bench_expected()
        return generated
    kept: Expected = json.loads((DATA / f"{name}.expected.json").read_text("utf-8"))
    return kept


@functools.cache
def pdf_source(name: str) -> Source:
    """Each PDF is read (in child processes) once per test run: guessing does not change it."""
    return read_source(DATA / f"{name}.pdf")


def imported(name: str, overrides: Overrides | None = None) -> documents.Document:
    return guess(pdf_source(name), overrides).document

"""Shared helpers for the PDF import tests: the test PDFs (``tests/data/pdf``), what each should
import as, and each read once per run."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import subprocess
import sys
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


def image_only_pdf(path: Path, after: Path | None = None) -> None:
    """A 'scanned' page: one image and no text (made with PDFium in a child process), alone or
    after the pages of ``after``."""
    script = f"""
import pypdfium2 as pdfium, pypdfium2.raw as raw, ctypes
pdf = pdfium.PdfDocument.new()
if {str(after)!r} != "None":
    pdf.import_pages(pdfium.PdfDocument({str(after)!r}))
page = pdf.new_page(595, 842)
bitmap = pdfium.PdfBitmap.new_native(200, 100, raw.FPDFBitmap_BGR)
bitmap.fill_rect((40, 40, 40, 255), 20, 20, 160, 20)
image = raw.FPDFPageObj_NewImageObj(pdf.raw)
raw.FPDFImageObj_SetBitmap(None, 0, image, bitmap.raw)
raw.FPDFImageObj_SetMatrix(image, 400, 0, 0, 200, 100, 500)
raw.FPDFPage_InsertObject(page.raw, image)
raw.FPDFPage_GenerateContent(page.raw)
pdf.save({str(path)!r})
"""
    subprocess.run([sys.executable, "-c", script], check=True)

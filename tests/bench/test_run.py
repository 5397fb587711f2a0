"""``meipi bench``'s PDF row: it finds the benchmark PDF where CI has it (the checkout it runs
from, after a non-editable install whose wheel does not ship the PDF), takes one given with
``--pdf``, and says n/a and why when there is none."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from reader.bench import run as bench
from reader.errors import InputError
from tests.cli_helpers import meipi

CHECKOUT = Path(__file__).resolve().parents[2]
PDFS = CHECKOUT / "tests" / "data" / "pdf"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The package as a wheel installs it (no tests/ around it), run from an empty folder."""
    site = tmp_path / "site-packages" / "reader" / "bench"
    site.mkdir(parents=True)
    monkeypatch.setattr(bench, "__file__", str(site / "run.py"))
    here = tmp_path / "elsewhere"
    here.mkdir()
    monkeypatch.chdir(here)
    return here


def test_found_in_the_checkout_ci_runs_from(installed: Path) -> None:
    target = installed / "tests" / "data" / "pdf"
    target.mkdir(parents=True)
    shutil.copyfile(PDFS / "bench-30.pdf", target / "bench-30.pdf")
    found, why = bench.find_bench_pdf()
    assert found == Path.cwd() / "tests" / "data" / "pdf" / "bench-30.pdf" and why == ""


def test_without_the_pdf_the_row_says_na_and_why(installed: Path, tmp_path: Path) -> None:
    assert bench.find_bench_pdf()[0] is None
    rows = bench.pdf_import(bench.Settings(runs=1, quick=True), tmp_path)
    assert len(rows) == 1
    row = rows[0]
    assert row.value is None and row.ok
    assert "n/a" in row.name and "--pdf" in row.name and "bench-30.pdf" in row.name
    table = bench._table(rows, {"machine": "m", "python": "3", "qt": "6"})
    assert "n/a" in table.splitlines()[-1]
    assert json.loads(json.dumps(asdict(row)))["value"] is None


def test_a_given_pdf_is_measured_beside_pdftotext(installed: Path, tmp_path: Path) -> None:
    rows = bench.pdf_import(bench.Settings(runs=1, quick=True), tmp_path, PDFS / "xelatex-tc.pdf")
    assert len(rows) == 1
    row = rows[0]
    assert row.name.endswith("xelatex-tc.pdf") and row.value is not None and row.value > 0
    assert (row.baseline is None) == (shutil.which("pdftotext") is None)


def test_a_wrong_pdf_path_is_refused_before_anything_is_measured(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        bench.find_bench_pdf(tmp_path / "missing.pdf")
    r = meipi("bench", "--quick", "--pdf", str(tmp_path / "missing.pdf"))
    assert r.code == 2
    assert "missing.pdf is not a PDF file" in r.err


def test_the_source_tree_still_finds_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    found, _why = bench.find_bench_pdf()
    assert found is not None and found.resolve() == (PDFS / "bench-30.pdf").resolve()


def test_the_measured_windows_have_a_screen_as_large_as_the_bare_window(tmp_path: Path) -> None:
    """On the offscreen platform the measured processes see a 1200x800 screen: Meipi's first
    start takes most of it (1180x800), as the bare window's 1200x800 (the platform's own 800x800
    screen gave Meipi a 798-pixel window, and so a cramped column, to compare with)."""
    env = bench._process_env(tmp_path / "data", tmp_path / "data" / "meipi.sqlite3")
    assert env["QT_QPA_PLATFORM"].startswith("offscreen:configfile=")
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "size = app.primaryScreen().size()\n"
        "print(size.width(), size.height())\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.split() == ["1200", "800"]


def test_a_returning_readers_start_is_measured_with_their_database(tmp_path: Path) -> None:
    """The cold start of a reader who has used Meipi: their database (200 annotations over both
    articles) is there, so the window reads it before it is ready — a first start has none."""
    from reader.documents import load_library

    db = tmp_path / "data" / "meipi.sqlite3"
    env = bench._process_env(tmp_path / "data", db)
    bench._returning_readers_database(load_library(user_dir=Path("/nonexistent")), db)
    listed = json.loads(meipi("annotations", "--json", "--db", str(db)).out)["annotations"]
    assert len(listed) == 200 and {a["document"] for a in listed} == {
        "lian-obor",
        "hsu-divergence",
    }
    shown = bench._run_timed([sys.executable, "-m", "reader"], env)
    assert shown.keys() >= {"paint", "ready", "cpu", "cpu_ready", "rss"}
    assert 0 < shown["paint"] <= shown["ready"] and shown["rss"] > 10

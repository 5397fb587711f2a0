"""Measuring the store for ``meipi bench``: each function returns median seconds.

* :func:`import_seconds` — ``meipi import-annotations`` of a W3C JSON file of ``count``
  annotations (``reader.bench.export_timing.workload`` over the shipped articles) into an empty
  database, in this process: parse and validate the file, then write it in one transaction
  (commit included). A fresh database each run.
* :func:`list_seconds` — ``list_annotations`` of ``count`` annotations in a fresh read session.
* :func:`create_seconds` — ``create_annotations`` of the benchmark's annotations
  (``reader.bench.workload.annotation_specs``) on its 1,000,000-character document
  (``large_document``) in one transaction, commit included; a fresh database each run, the
  document's snapshot stored beforehand (untimed: that happens once per document).
* :func:`cli_seconds` — a command run as a user runs it: a fresh ``python -m reader`` process,
  from start to exit (so imports, opening and closing the database are counted), e.g.
  ``("export", "--format", "markdown", "-o", OUT)`` on a database holding ``count``
  annotations, or ``("import-annotations", FILE)`` into an empty one (which also makes that
  database's first verified backup on closing, as it would for a user).
  :func:`cli_times` gives the median CPU seconds of those processes too: on a machine
  shared with other work, the wall clock of an idle one.
* :func:`measure_store` runs them all: ``{"json_import_store": …, "list_annotations": …,
  "create_annotations": …, "cli_import": …, "cli_export_markdown": …, "cli_export_json": …}``,
  and ``…_cpu`` for each ``cli_…``.

Garbage is collected before each timed run; the database files live in a fresh temporary
folder (the page cache of the operating system is warm after the first run, as for a user who
exports twice).
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import reader
from reader.documents import Document, load_library

_ROOT = Path(reader.__file__).resolve().parent.parent


def _median(fn: Callable[[], float], repeat: int) -> float:
    samples = []
    for _ in range(max(1, repeat)):
        gc.collect()
        samples.append(fn())
    return statistics.median(samples)


def shipped_documents() -> list[Document]:
    return list(load_library(user_dir=Path("/nonexistent")))


def w3c_export(count: int, documents: Sequence[Document]) -> bytes:
    """A ``--format json`` export of ``count`` seeded annotations over ``documents``."""
    from reader.bench.export_timing import workload
    from reader.export.records import ExportOptions, ExportSource
    from reader.export.w3c import render_json

    records = workload(documents, count)
    options = ExportOptions(format="json", exported_at="2026-11-22T00:00:00Z")
    return render_json(options, ExportSource(list(documents), records)).encode("utf-8")


def _import_into(db: Path, data: bytes, documents: Sequence[Document]) -> None:
    from reader.export.w3c import parse_import
    from reader.ops.exporting import import_records
    from reader.store.db import open_store

    store = open_store(db)
    try:
        records = parse_import(data, documents)
        import_records(store, records, {d.id: d for d in documents})
    finally:
        store.close(backup=False)


def import_seconds(count: int = 10_000, *, repeat: int = 3) -> float:
    """Parse, validate and write a W3C JSON file of ``count`` annotations into an empty
    database (opened beforehand, untimed)."""
    from reader.export.w3c import parse_import
    from reader.ops.exporting import import_records
    from reader.store.db import open_store

    documents = shipped_documents()
    data = w3c_export(count, documents)
    by_id = {d.id: d for d in documents}
    with tempfile.TemporaryDirectory(prefix="meipi-timing-") as tmp:
        runs = iter(range(1_000_000))

        def once() -> float:
            db = Path(tmp) / f"import-{next(runs)}.sqlite3"
            store = open_store(db)
            try:
                t0 = time.perf_counter()
                import_records(store, parse_import(data, documents), by_id)
                return time.perf_counter() - t0
            finally:
                store.close(backup=False)

        return _median(once, repeat)


def list_seconds(count: int = 10_000, *, repeat: int = 3) -> float:
    """``list_annotations`` of ``count`` annotations (every one), in a fresh read session."""
    from reader.store import annotations as ops
    from reader.store.db import open_store

    documents = shipped_documents()
    with tempfile.TemporaryDirectory(prefix="meipi-timing-") as tmp:
        db = Path(tmp) / "list.sqlite3"
        _import_into(db, w3c_export(count, documents), documents)
        store = open_store(db)
        try:

            def once() -> float:
                with store.reading() as s:
                    t0 = time.perf_counter()
                    records = ops.list_annotations(s)
                    seconds = time.perf_counter() - t0
                assert len(records) == count
                return seconds

            return _median(once, repeat)
        finally:
            store.close(backup=False)


def create_seconds(
    count: int = 10_000, *, repeat: int = 3, document: Document | None = None
) -> float:
    """``create_annotations`` of ``count`` benchmark annotations on the 1M-character
    document (or ``document``), one transaction, commit included."""
    from reader.bench.workload import annotation_specs, large_document
    from reader.store import bulk as store_bulk
    from reader.store import documents as store_documents
    from reader.store.db import open_store

    doc = document if document is not None else large_document()
    specs = annotation_specs(doc, count)
    with tempfile.TemporaryDirectory(prefix="meipi-timing-") as tmp:
        runs = iter(range(1_000_000))

        def once() -> float:
            store = open_store(Path(tmp) / f"create-{next(runs)}.sqlite3")
            try:
                with store.writing() as s:
                    store_documents.sync_document(s, doc)
                t0 = time.perf_counter()
                with store.writing() as s:
                    made = store_bulk.create_annotations(s, doc, specs)
                seconds = time.perf_counter() - t0
                assert len(made) == count
                return seconds
            finally:
                store.close(backup=False)

        return _median(once, repeat)


def _environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MEIPI_DATA_DIR"] = str(data_dir)
    env.pop("MEIPI_DB", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    return env


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children; 0 where unknown."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``python -m reader ARGV`` in a fresh process. CPU time
    is what the wall clock would show on an idle machine (the process is single-threaded)."""
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        env=env,
        capture_output=True,
        timeout=600,
        check=False,
    )
    seconds = time.perf_counter() - t0
    cpu = _children_cpu() - cpu0
    if proc.returncode != 0:
        raise RuntimeError(
            f"meipi {' '.join(argv[:2])} failed ({proc.returncode}): "
            f"{proc.stderr.decode('utf-8', 'replace')[-600:]}"
        )
    return seconds, cpu


def cli_times(
    argv: Sequence[str], *, db: Path, data_dir: Path, repeat: int = 3
) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds of ``meipi --db DB ARGV…``, a fresh process
    each run. A ``-o FILE`` of an earlier run is removed first (an export replaces a file
    only with ``--force``; each run writes a new file, as a user's first export does)."""
    env = _environment(data_dir)
    output = Path(argv[argv.index("-o") + 1]) if "-o" in argv[:-1] else None
    runs = []
    for _ in range(max(1, repeat)):
        if output is not None:
            output.unlink(missing_ok=True)
        gc.collect()
        runs.append(_run(["--db", str(db), *argv], env))
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def cli_seconds(argv: Sequence[str], *, db: Path, data_dir: Path, repeat: int = 3) -> float:
    """Median wall-clock seconds of ``meipi --db DB ARGV…`` in a fresh process each run."""
    return cli_times(argv, db=db, data_dir=data_dir, repeat=repeat)[0]


def measure_store(
    count: int = 10_000, *, repeat: int = 3, document: Document | None = None
) -> dict[str, float]:
    """Every measurement of this module, median seconds each (see the module docstring);
    ``document`` replaces the 1M-character document for ``create_annotations``."""
    documents = shipped_documents()
    data = w3c_export(count, documents)
    results = {
        "json_import_store": import_seconds(count, repeat=repeat),
        "list_annotations": list_seconds(count, repeat=repeat),
        "create_annotations": create_seconds(count, repeat=repeat, document=document),
    }
    with tempfile.TemporaryDirectory(prefix="meipi-timing-") as tmp:
        folder = Path(tmp)
        source = folder / "annotations.json"
        source.write_bytes(data)
        data_dir = folder / "data"
        env = _environment(data_dir)
        imports = []
        for run in range(max(1, repeat)):
            empty = folder / f"empty-{run}" / "meipi.sqlite3"
            empty.parent.mkdir()  # as a user would (meipi refuses a --db in a missing folder)
            gc.collect()
            imports.append(_run(["--db", str(empty), "import-annotations", str(source)], env))
            shutil.rmtree(empty.parent)
        results["cli_import"] = statistics.median(w for w, _ in imports)
        results["cli_import_cpu"] = statistics.median(c for _, c in imports)
        db = folder / "full" / "meipi.sqlite3"
        _import_into(db, data, documents)
        from reader.store.backup import make_backup

        make_backup(db)  # as a user's database has: exporting then makes no first backup
        for fmt in ("markdown", "json"):
            out = folder / f"out.{fmt}"
            wall, cpu = cli_times(
                ["export", "--format", fmt, "-o", str(out)],
                db=db,
                data_dir=data_dir,
                repeat=repeat,
            )
            results[f"cli_export_{fmt}"], results[f"cli_export_{fmt}_cpu"] = wall, cpu
    return results


def main() -> None:  # pragma: no cover - a manual entry point: python -m reader.bench.store_timing
    import json

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    results = measure_store(count, repeat=repeat)
    print(json.dumps({k: round(v, 4) for k, v in results.items()}, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()

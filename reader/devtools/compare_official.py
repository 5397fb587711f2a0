"""Meipi's conversion (with its offset map and layers) against the official OpenCC C++ library,
as a ratio per configuration (a developer tool; goal ≤ 2×).

The official library's Python module is also named ``opencc``, so it lives in a separate
environment, never in Meipi's::

    python3 -m venv /tmp/opencc-venv && /tmp/opencc-venv/bin/pip install opencc
    python -m reader.devtools.compare_official --official-python /tmp/opencc-venv/bin/python

The official side runs in that interpreter (a subprocess reading the same text from a file);
both sides convert the benchmark's document (``reader.bench.workload``; Simplified
configurations get its tw2s conversion), the median of ``--repeat`` runs each, one
configuration at a time with both sides in turn. Both sides time the same clock: ``--clock
cpu`` (the default: the process's CPU time, steadier on a shared machine; both sides are
single-threaded) or ``--clock wall``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.script import Plan, clear_caches, convert_text, plan_for
from reader.views import CONFIGS

OFFICIAL = r"""
import json, statistics, sys, time
import opencc
text = open(sys.argv[1], encoding="utf-8").read()
repeat = int(sys.argv[3])
clock = time.process_time if sys.argv[4] == "cpu" else time.perf_counter
out = {}
for config in sys.argv[2].split(","):
    conv = opencc.OpenCC(config + ".json" if not config.endswith(".json") else config)
    conv.convert("預熱")
    times = []
    for _ in range(repeat):
        t0 = clock()
        conv.convert(text)
        times.append(clock() - t0)
    out[config] = statistics.median(times)
print(json.dumps({"version": getattr(opencc, "__version__", "?"), "seconds": out}))
"""


def _plans() -> dict[str, Plan]:
    """Each configuration with the layers of the view that uses it (a Taiwan source for the
    Traditional-to-Simplified ones, a mainland source for the others)."""
    plans: dict[str, Plan] = {}
    for view_id, per_source in CONFIGS.items():
        for source, config in per_source.items():
            if config and config not in plans and source in ("zh-Hant-TW", "zh-Hans"):
                plans[config] = plan_for(view_id, source)
    return plans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.devtools.compare_official")
    parser.add_argument("--official-python", required=True, help="python of the opencc venv")
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args(argv)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    from reader.bench.workload import large_document

    traditional = large_document(args.chars).text
    simplified = convert_text(traditional, "tw2s").text
    plans = _plans()
    ours: dict[str, float] = {}
    official: dict[str, float] = {}
    version = "?"
    with tempfile.TemporaryDirectory() as tmp:
        paths = {"t": Path(tmp) / "t.txt", "s": Path(tmp) / "s.txt"}
        paths["t"].write_text(traditional, encoding="utf-8")
        paths["s"].write_text(simplified, encoding="utf-8")
        # One configuration at a time, both sides in turn: a shared machine's load changes
        # less between the two halves of a ratio.
        for config, plan in sorted(plans.items()):
            simple = config.startswith("s2")
            text = simplified if simple else traditional
            convert_text(text, plan)  # dictionaries loaded outside the timing
            times = []
            for _ in range(args.repeat):
                clear_caches()
                t0 = clock()
                convert_text(text, plan).to_view(0, 0)
                times.append(clock() - t0)
            ours[config] = statistics.median(times)
            run = subprocess.run(
                [
                    args.official_python,
                    "-c",
                    OFFICIAL,
                    str(paths["s" if simple else "t"]),
                    config,
                    str(args.repeat),
                    args.clock,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if run.returncode != 0:
                print(f"The official library could not run: {run.stderr.strip()}", file=sys.stderr)
                return 1
            data = json.loads(run.stdout)
            version = data["version"]
            official.update(data["seconds"])
    clock_name = "CPU time" if args.clock == "cpu" else "wall time"
    print(
        f"{args.chars:,} characters; official OpenCC {version}; "
        f"median of {args.repeat} ({clock_name}); load average {os.getloadavg()[0]:.2f}"
    )
    print(f"{'config':<8}{'Meipi (layers + map)':>22}{'official C++':>14}{'ratio':>8}")
    for config in sorted(plans):
        ratio = ours[config] / official[config] if official[config] else float("inf")
        mine, theirs = ours[config] * 1000, official[config] * 1000
        print(f"{config:<8}{mine:>19.0f} ms{theirs:>11.0f} ms{ratio:>7.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

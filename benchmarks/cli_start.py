"""How long ``numjudge judge`` takes beyond the judging itself: the interpreter, the imports,
reaching Docker, loading the problem package, printing.

    .venv/bin/python benchmarks/cli_start.py [--runs 10] [slug]

Runs ``python -m api.cli judge <slug> <its reference> --json`` ``--runs`` times and reports,
at the median, the command's wall time, the judging's own total (the report's ``timing``)
and the difference; then ``judge --help`` (start and imports alone, wall and CPU seconds) and
the modules that took longest to import (``-X importtime``). Prints a Markdown report with
the machine and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from judge_overhead import load_average, machine

ROOT = Path(__file__).resolve().parent.parent
SLOWEST_IMPORTS = 8


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def numjudge(arguments: list[str], *python_options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *python_options, "-m", "api.cli", *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)


def timed(arguments: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one command, and its standard output."""
    cpu_before, started = children_cpu(), time.perf_counter()
    completed = numjudge(arguments)
    return time.perf_counter() - started, children_cpu() - cpu_before, completed.stdout


def slowest_imports() -> list[tuple[int, str]]:
    """(cumulative µs, module) of the top-level imports of ``judge --help``."""
    rows = []
    for line in numjudge(["judge", "--help"], "-X", "importtime").stderr.splitlines():
        _, _, rest = line.partition("import time:")
        fields = rest.split("|")
        if len(fields) == 3 and fields[1].strip().isdigit() and not fields[2].startswith("  "):
            rows.append((int(fields[1]), fields[2].strip()))
    return sorted(rows, reverse=True)[:SLOWEST_IMPORTS]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("slug", nargs="?", default="linear-regression-gd")
    parser.add_argument("--runs", type=int, default=10)
    arguments = parser.parse_args()
    reference = ROOT / "problems" / arguments.slug / "reference.py"
    print(f"Machine: {machine()}; load average before: {load_average()}\n")

    walls, judgings, overheads = [], [], []
    for run in range(arguments.runs):
        wall, _cpu, output = timed(
            ["judge", arguments.slug, str(reference), "--json", "--seed", str(run)]
        )
        total = float(json.loads(output)["timing"]["total"])
        walls.append(wall)
        judgings.append(total)
        overheads.append(wall - total)
    helps = [timed(["judge", "--help"]) for _ in range(arguments.runs)]

    print(f"### `numjudge judge {arguments.slug}` ({arguments.runs} runs, medians)\n")
    print("| measure | seconds |\n|---|---:|")
    print(f"| command, wall | {statistics.median(walls):.3f} |")
    print(f"| the judging (report `timing.total`) | {statistics.median(judgings):.3f} |")
    print(f"| **beyond the judging** (target ≤ 0.3) | **{statistics.median(overheads):.3f}** |")
    print(f"| `judge --help`, wall | {statistics.median(h[0] for h in helps):.3f} |")
    print(f"| `judge --help`, CPU | {statistics.median(h[1] for h in helps):.3f} |")
    print("\nSlowest top-level imports of `judge --help` (cumulative, one run):\n")
    print("| module | ms |\n|---|---:|")
    for micros, module in slowest_imports():
        print(f"| {module} | {micros / 1000:.0f} |")
    print(f"\nLoad average after: {load_average()}; {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

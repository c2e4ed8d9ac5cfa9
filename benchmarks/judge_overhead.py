"""How much the sandbox costs: judge each problem's reference N times through the real
sandbox and in-process, and report median and p95 of every stage.

    .venv/bin/python benchmarks/judge_overhead.py [--runs 20] [--pool warm|cold|both] [slug ...]

Two ways to get a sandbox: *warm*, from a ``SandboxPool`` of two (the default) that is
filled again (and the used container removed) before the next judging starts, as a worker
with a free pool judges; *cold*, a container created and started on the judging's path,
as ``numjudge judge`` does. Stages (seconds): container start (cold: create + attach + start + the
harness's warm start; warm: taking one from the pool), harness (payload in → last line out:
one forked process per group, the probes), each probe group as the harness timed it,
grading, and the judge's total. The floor is the same probes
run on the same solution in a plain process (no container, no harness; one BLAS thread as
in the sandbox), summed: what the probes themselves cost. The floor *with yardsticks* also
does the timing probes' trusted work (the plain-NumPy yardstick, three calls per timed
call), which the sandbox does and the reference's run skips: the
sandbox's own cost is the total minus that floor. Prints a Markdown report with
the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
from collections import defaultdict
from pathlib import Path

import docker
import numpy as np

from sandbox.container import ContainerRunner
from sandbox.image import image_tag
from sandbox.judge import JudgeReport, judge
from sandbox.pool import SandboxPool
from sandbox.problem import find_problem, list_slugs
from sandbox.reference import run_reference

PROBLEMS_DIR = Path(__file__).resolve().parent.parent / "problems"


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def stages(report: JudgeReport) -> dict[str, float]:
    timing = report.timing
    return {
        "container start": timing.get("container_start", 0.0),
        "harness": timing.get("harness", 0.0),
        "reference (in parallel)": timing.get("reference", 0.0),
        "grading": timing.get("grading", 0.0),
        "total": timing["total"],
    }


def group_times(report: JudgeReport, group_of: dict[str, str]) -> dict[str, float]:
    groups: dict[str, float] = defaultdict(float)
    for result in report.probes:
        groups[f"  group '{group_of[result.name]}'"] += result.wall_seconds or 0.0
    return dict(groups)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    server = docker.from_env().version()["Version"]
    debian_version = Path("/etc/debian_version")
    debian = debian_version.read_text().strip() if debian_version.exists() else "?"
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_kib / 2**20:.0f} GiB, "
        f"Linux {platform.release()}, Debian {debian}, Python {platform.python_version()}, "
        f"NumPy {np.__version__}, Docker {server}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pool", choices=("warm", "cold", "both"), default="both")
    arguments = parser.parse_args()
    print(f"Machine: {machine()}; load average before: {load_average()}\n")
    client = docker.from_env()
    for mode in ("warm", "cold") if arguments.pool == "both" else (arguments.pool,):
        pool = SandboxPool(client, image_tag(), size=2) if mode == "warm" else None
        try:
            runner = ContainerRunner(client, image_tag(), pool=pool)
            for slug in arguments.slugs or list_slugs(PROBLEMS_DIR):
                measure(slug, runner, pool, arguments.runs)
        finally:
            if pool is not None:
                pool.close()
    print(f"Load average after: {load_average()}")


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def measure(slug: str, runner: ContainerRunner, pool: SandboxPool | None, runs: int) -> None:
    problem = find_problem(PROBLEMS_DIR, slug)
    group_of = {p.name: p.group for p in problem.probes}
    judge(problem, problem.reference, runner=runner, seed=0)  # warm caches once
    rows: dict[str, list[float]] = defaultdict(list)
    floors: list[float] = []
    timed_floors: list[float] = []
    for run in range(runs):
        if pool is not None:
            pool.fill()  # a worker between judgings: its pool refilled, nothing to remove
        report = judge(problem, problem.reference, runner=runner, seed=run)
        assert report.score == 100.0, report.message
        for name, value in (stages(report) | group_times(report, group_of)).items():
            rows[name].append(value)
        floor_reports = run_reference(problem, run, problem.probes)
        floors.append(sum(float(r.get("wall_seconds") or 0.0) for r in floor_reports))
        timed_reports = run_reference(problem, run, problem.probes, measure_speed=True)
        timed_floors.append(sum(float(r.get("wall_seconds") or 0.0) for r in timed_reports))
    mode = "warm pool" if pool is not None else "cold start"
    print(f"### {slug}, {mode} ({runs} runs)\n")
    print("| stage | median s | p95 s |\n|---|---:|---:|")
    for name, values in rows.items():
        print(f"| {name} | {statistics.median(values):.3f} | {percentile(values, 95):.3f} |")
    floor_median, floor_p95 = statistics.median(floors), percentile(floors, 95)
    timed_median, timed_p95 = statistics.median(timed_floors), percentile(timed_floors, 95)
    print(f"| in-process floor (total) | {floor_median:.3f} | {floor_p95:.3f} |")
    print(f"| in-process floor with yardsticks | {timed_median:.3f} | {timed_p95:.3f} |")
    total = statistics.median(rows["total"])
    print(
        f"\nSandbox overhead at the median: {total - floor_median:.3f} s over the floor, "
        f"{total - timed_median:.3f} s over the floor with yardsticks (target ≤ 0.10 s)\n"
    )


if __name__ == "__main__":
    main()

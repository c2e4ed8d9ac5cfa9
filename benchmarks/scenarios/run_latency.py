"""Scenario 5, a Run: click to verdict on an idle site. The page's Run button sends
``POST /api/v1/problems/{slug}/runs`` and shows the answer, the sample probes' report once a
worker judged them; so the POST's wall time is click to verdict, less the browser drawing
the result. Against the floor: the same sample probes in a plain process, the reference's
run (``sandbox.reference.run_reference``), as judge_overhead.py's floor. One worker, warm
pool, one Run at a time (nothing else runs: the site is idle)."""

from __future__ import annotations

import dataclasses
import time

import httpx

from sandbox.problem import find_problem
from sandbox.reference import run_reference
from scenarios.measure import BenchmarkError, log, median_of
from scenarios.stack import PROBLEMS_DIR, Cookies, Stack

SLUGS = ("linear-regression-gd", "logistic-regression", "kmeans")
TARGET_SECONDS = 0.25  # beyond the floor, at the median


@dataclasses.dataclass(frozen=True)
class RunTimes:
    slug: str
    walls: list[float]  # POST → answer
    engines: list[float]  # the judge's own time on the worker (the report's timing total)
    floors: list[float]  # the sample probes in a plain process


def floor_seconds(slug: str, seed: int) -> float:
    problem = find_problem(PROBLEMS_DIR, slug)
    reports = run_reference(problem, seed, problem.sample_probes)
    return sum(float(r.get("wall_seconds") or 0.0) for r in reports)


def runs(stack: Stack, cookies: Cookies, count: int) -> list[RunTimes]:
    stack.ensure_workers(1)
    headers = {"X-CSRF-Token": cookies["numjudge_csrf"]}
    measured = []
    with httpx.Client(base_url=stack.base_url, cookies=cookies, headers=headers) as client:
        for slug in SLUGS:
            code = (PROBLEMS_DIR / slug / "reference.py").read_text()
            log(f"runs: {slug}, {count}")
            times = RunTimes(slug, [], [], [])
            for index in range(count + 1):  # the first loads the package into the cache
                started = time.perf_counter()
                answer = client.post(
                    f"/api/v1/problems/{slug}/runs", json={"code": code}, timeout=120
                )
                wall = time.perf_counter() - started
                if answer.status_code != 200:
                    raise BenchmarkError(f"run of {slug}: HTTP {answer.status_code} {answer.text}")
                if index:
                    times.walls.append(wall)
                    times.engines.append(float(answer.json()["timing"]["total"]))
                    times.floors.append(floor_seconds(slug, index))
            measured.append(times)
    stack.stop_workers()
    return measured


def report(measured: list[RunTimes], count: int) -> str:
    lines = [
        f"### A Run, click to verdict ({count} Runs of each reference, one worker, idle site)\n",
        "`POST /api/v1/problems/{slug}/runs` (what the Run button sends) to its answer; the "
        "judge's own time on the worker (the report's `timing`); the floor: the sample probes "
        f"in a plain process. Medians, seconds; target: click to verdict ≤ floor + "
        f"{TARGET_SECONDS} s.\n",
        "| problem | click to verdict | judge on the worker | floor | over the floor |",
        "|---|---:|---:|---:|---:|",
    ]
    for times in measured:
        wall, engine, floor = (median_of(v) for v in (times.walls, times.engines, times.floors))
        lines.append(
            f"| {times.slug} | {wall:.3f} | {engine:.3f} | {floor:.3f} | **{wall - floor:+.3f}** |"
        )
    return "\n".join(lines) + "\n"

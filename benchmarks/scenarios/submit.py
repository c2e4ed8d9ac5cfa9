"""Scenario 2, submissions: the engine alone first (``sandbox.judge.judge`` on the
linear-regression-gd reference with a warm pool, as a worker judges), then N submissions of
that same file with one worker and with two: at a steady rate (one every ``interval``
seconds, so that no submission waits for a worker) and all at once. Each is timed from the
POST to the SSE ``result`` event."""

from __future__ import annotations

import asyncio
import dataclasses
import math
import statistics
import time

import docker
import httpx

from sandbox.container import ContainerRunner
from sandbox.image import image_tag
from sandbox.judge import judge
from sandbox.pool import SandboxPool
from sandbox.problem import find_problem
from scenarios.measure import BenchmarkError, log, median_of, p
from scenarios.stack import PROBLEMS_DIR, Cookies, Stack, client_for, sse_events, submit

SUBMITTED_SLUG = "linear-regression-gd"
FINAL = frozenset({"done", "error"})


@dataclasses.dataclass(frozen=True)
class Verdict:
    """One submission, in seconds from the moment its POST was sent."""

    accepted: float  # the 202
    running: float  # the worker's 'running' event
    verdict: float  # the 'result' event
    engine: float  # the judge's own time on the worker (the report's timing total)
    attempts: int
    score: float  # 100 unless a timing check failed on a busy machine
    stages: dict[str, float]  # the report's timing

    @property
    def overhead(self) -> float:
        return self.verdict - self.engine

    @property
    def queued(self) -> float:
        """202 → running: the queue, the claim, the first event."""
        return self.running - self.accepted

    @property
    def after(self) -> float:
        """running → result, beyond the judge: loading, storing the report, the result event."""
        return self.verdict - self.running - self.engine


async def submit_and_follow(client: httpx.AsyncClient, code: str) -> Verdict:
    """POST, then follow the events as the page does, until the result."""
    started = time.perf_counter()
    submission_id = await submit(client, SUBMITTED_SLUG, code)
    accepted = time.perf_counter() - started
    running = finished = float("nan")
    async with client.stream("GET", f"/api/v1/submissions/{submission_id}/events") as stream:
        if stream.status_code != 200:
            raise BenchmarkError(f"events of {submission_id}: HTTP {stream.status_code}")
        async for event in sse_events(stream):
            if event.name == "status" and event.data.get("status") == "running":
                running = event.received - started
            if event.name == "result" or (
                event.name == "state" and event.data.get("status") in FINAL
            ):
                finished = event.received - started
                break
    if math.isnan(finished):
        raise BenchmarkError(f"the events of submission {submission_id} ended without a result")
    detail = (await client.get(f"/api/v1/submissions/{submission_id}")).json()
    if detail["status"] != "done":
        raise BenchmarkError(f"submission {submission_id}: {detail['status']} {detail['message']}")
    stages = {name: float(value) for name, value in detail["timing"].items()}
    return Verdict(
        accepted,
        running,
        finished,
        stages["total"],
        int(detail["attempts"]),
        float(detail["score"]),
        stages,
    )


async def submission_run(
    stack: Stack, cookies: Cookies, code: str, count: int, interval: float
) -> list[Verdict]:
    """``count`` submissions, one every ``interval`` seconds (0: all at once)."""
    async with client_for(stack, cookies, timeout=httpx.Timeout(30, read=120)) as client:
        origin = time.perf_counter()

        async def scheduled(index: int) -> Verdict:
            await asyncio.sleep(max(0.0, origin + index * interval - time.perf_counter()))
            return await submit_and_follow(client, code)

        return await asyncio.gather(*(scheduled(i) for i in range(count)))


@dataclasses.dataclass
class SubmissionRun:
    workers: int
    mode: str
    verdicts: list[Verdict]
    wall: float


@dataclasses.dataclass
class Engine:
    """``sandbox.judge.judge`` alone: wall times and the reports' timings."""

    times: list[float]
    stages: list[dict[str, float]]
    below_100: int = 0  # the reference losing points: timing checks on a busy machine

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def engine_alone(runs: int) -> Engine:
    """``sandbox.judge.judge`` on the reference in this process, with a warm pool of two
    filled again before every judging, as a worker with a free pool judges."""
    problem = find_problem(PROBLEMS_DIR, SUBMITTED_SLUG)
    client = docker.from_env()
    pool = SandboxPool(client, image_tag(), size=2)
    try:
        runner = ContainerRunner(client, image_tag(), pool=pool)
        judge(problem, problem.reference, runner=runner, seed=0)  # warm caches once
        engine = Engine([], [])
        for run in range(runs):
            pool.fill()
            started = time.perf_counter()
            report = judge(problem, problem.reference, runner=runner, seed=run)
            engine.times.append(time.perf_counter() - started)
            engine.stages.append(dict(report.timing))
            engine.below_100 += report.score < 100.0
    finally:
        pool.close()
    return engine


def submissions(
    stack: Stack, cookies: Cookies, count: int, interval: float, worker_counts: list[int]
) -> list[SubmissionRun]:
    code = (PROBLEMS_DIR / SUBMITTED_SLUG / "reference.py").read_text()
    runs = []
    for workers in worker_counts:
        stack.ensure_workers(workers)
        # Untimed: each worker's first judging loads the problem package into its cache.
        asyncio.run(submission_run(stack, cookies, code, workers, 0.0))
        for mode, gap in (("steady", interval), ("burst", 0.0)):
            log(f"submissions: {workers} worker(s), {count} {mode}")
            started = time.perf_counter()
            verdicts = asyncio.run(submission_run(stack, cookies, code, count, gap))
            runs.append(SubmissionRun(workers, mode, verdicts, time.perf_counter() - started))
    stack.stop_workers()
    return runs


def stage_medians(stages: list[dict[str, float]]) -> dict[str, float]:
    names = dict.fromkeys(name for timing in stages for name in timing)
    return {name: median_of([t[name] for t in stages if name in t]) for name in names}


def stages_report(engine: Engine, run: SubmissionRun) -> str:
    alone = stage_medians(engine.stages)
    worker = stage_medians([v.stages for v in run.verdicts])
    lines = [
        f"The judge's own stages (its report's `timing`, medians): alone, and on the worker "
        f"({run.workers} worker, {run.mode}).\n",
        "| stage | alone | on the worker | difference |",
        "|---|---:|---:|---:|",
    ]
    for name in dict.fromkeys([*alone, *worker]):
        here, there = alone.get(name, math.nan), worker.get(name, math.nan)
        lines.append(f"| {name} | {here:.3f} | {there:.3f} | {there - here:+.3f} |")
    return "\n".join(lines) + "\n"


def report(runs: list[SubmissionRun], engine: Engine, count: int, interval: float) -> str:
    engine_median = engine.median
    times = engine.times
    lines = [
        f"### Submit to verdict ({count} submissions of the {SUBMITTED_SLUG} reference)\n",
        f"Engine alone (`sandbox.judge.judge` in this process with a warm pool of two, as a "
        f"worker judges): median **{engine_median:.3f} s** (min {min(times):.3f}, "
        f"max {max(times):.3f}, {len(times)} runs"
        + (f"; {engine.below_100} scored below 100" if engine.below_100 else "")
        + ").\n",
        f"*steady*: one submission every {interval:g} s (a worker is always free); *burst*: "
        f"all {count} at once. Each is timed from sending its POST to receiving the SSE "
        "`result` event. Medians of the parts: POST → 202; 202 → the worker's `running` "
        "event (queue, claim); the judge's own time on the worker (its report's `timing`); "
        "the rest until `result` (loading the submission, storing the report, the event).\n",
        "| workers | mode | verdict p50 | verdict p95 | POST→202 | 202→running | "
        "judge on worker | rest | per-submission overhead p50 / p95 | "
        "**verdict p50 − engine alone** | submissions/s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        v = run.verdicts
        verdict = [x.verdict for x in v]
        overhead = [x.overhead for x in v]
        retried = sum(1 for x in v if x.attempts > 1)
        below = sum(1 for x in v if x.score < 100.0)
        lines.append(
            f"| {run.workers} | {run.mode} | {p(verdict, 50):.3f} | {p(verdict, 95):.3f} | "
            f"{median_of([x.accepted for x in v]):.3f} | "
            f"{median_of([x.queued for x in v if not math.isnan(x.queued)]):.3f} | "
            f"{median_of([x.engine for x in v]):.3f} | "
            f"{median_of([x.after for x in v if not math.isnan(x.after)]):.3f} | "
            f"{p(overhead, 50):.3f} / {p(overhead, 95):.3f} | "
            f"**{p(verdict, 50) - engine_median:+.3f}** | {len(v) / run.wall:.2f} |"
            + (f" ({retried} judged more than once)" if retried else "")
            + (f" ({below} scored below 100)" if below else "")
        )
    lines.append("\n(seconds)\n")
    lines.append(stages_report(engine, runs[0]))
    return "\n".join(lines)

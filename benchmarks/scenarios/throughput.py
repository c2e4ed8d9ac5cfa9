"""Scenario 4, throughput (issue 10): CPU seconds per judging, then a burst.

1. *CPU per judging*: one worker (warm pool, the default), the mix's reference solutions
   submitted ``runs`` times, one at a time; before each and after its verdict, once the pool
   is at rest again (its replacement sandbox warm and waiting), the CPU time of the worker's
   process tree (Celery's processes, and the reference processes they ran and reaped), of
   the sandbox containers' cgroups (scenarios/docker_cpu.py), of the API's process tree and
   of the Docker daemons. So each window holds one judging's whole cost, including the warm
   start of the sandbox that replaces the one it used.
2. *Burst*, with each worker count: U users, each with a login session of their own, fire
   their share of B submissions back to back, all users at once; each user's submissions
   cycle through the mix. Then the scenario waits until every one is final in the database
   (or nothing became final for ``stall_seconds``) and reads each one back
   (scenarios/judgings.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Sequence

import docker
import httpx

from scenarios.docker_cpu import DockerCpu, DockerSnapshot, SandboxCpu, sandbox_cpu
from scenarios.judgings import Judged, Posted, Records, post, reference_code
from scenarios.measure import BenchmarkError, TreeCpu, load_average, log, process_tree_cpu
from scenarios.stack import Cookies, Stack, client_for

MIX = ("linear-regression-gd", "logistic-regression", "kmeans")
SETTLE_QUIET_SECONDS = 0.5  # the pool is at rest when this long passes with no CPU used
SETTLE_NOISE_SECONDS = 0.02  # CPU time a resting worker and pool may use in that while
SETTLE_TIMEOUT_SECONDS = 120.0
TIMEOUT = httpx.Timeout(60, read=120)


@dataclasses.dataclass(frozen=True)
class JudgingCpu:
    """One judging's CPU seconds."""

    slug: str
    worker: float  # Celery's processes themselves
    reference: float  # what they reaped: the reference process
    sandbox: SandboxCpu
    api: float  # the API's processes (the POST; nobody follows the events)
    wall: float  # POST to final

    @property
    def judging(self) -> float:
        return self.worker + self.reference + self.sandbox.seconds


@dataclasses.dataclass(frozen=True)
class BurstRun:
    workers: int
    users: int
    posted: list[Posted]
    rejected: list[str]  # POSTs answered with anything but a 202
    judged: list[Judged]
    load_before: float
    load_after: float


@dataclasses.dataclass(frozen=True)
class Throughput:
    costs: list[JudgingCpu]
    bursts: list[BurstRun]
    pending_cap: int


def burst_plan(total: int, users: int, mix: Sequence[str]) -> list[list[str]]:
    """Each user's problems, in order: ``total`` spread as evenly as it goes."""
    shares = [total // users + (user < total % users) for user in range(users)]
    return [[mix[(user + j) % len(mix)] for j in range(share)] for user, share in enumerate(shares)]


class CpuMeter:
    """Snapshots of everything a judging costs, and waiting for the pool to rest."""

    def __init__(self, stack: Stack, docker_cpu: DockerCpu) -> None:
        self.stack = stack
        self.docker_cpu = docker_cpu

    def snapshot(self) -> tuple[TreeCpu, TreeCpu, DockerSnapshot]:
        workers = process_tree_cpu({w.popen.pid for w in self.stack.workers})
        return workers, process_tree_cpu([self.stack.api.popen.pid]), self.docker_cpu.snapshot()

    def busy(self) -> tuple[float, int]:
        waiting = self.docker_cpu.live_ours()
        workers = process_tree_cpu({w.popen.pid for w in self.stack.workers}).total
        return workers + sum(waiting), len(waiting)

    def settle(self) -> None:
        """Wait until the pool holds its sandboxes, all warm, and nothing uses the CPU."""
        deadline = time.monotonic() + SETTLE_TIMEOUT_SECONDS
        used, _ = self.busy()
        while time.monotonic() < deadline:
            time.sleep(SETTLE_QUIET_SECONDS)
            now, waiting = self.busy()
            if (
                waiting == self.stack.settings.sandbox_pool_size
                and now - used < SETTLE_NOISE_SECONDS
            ):
                return
            used = now
        log(f"the pool did not come to rest in {SETTLE_TIMEOUT_SECONDS:g} s; measuring anyway")


async def cpu_per_judging(
    stack: Stack, users: Sequence[Cookies], records: Records, mix: Sequence[str], runs: int
) -> list[JudgingCpu]:
    use_workers(stack, 1)
    await warm_up(stack, users, records, mix, 1)
    client = docker.from_env()
    costs = []
    try:
        with DockerCpu(client.api, stack.worker_pids) as docker_cpu:
            meter = CpuMeter(stack, docker_cpu)
            async with client_for(stack, users[0], timeout=TIMEOUT) as http:
                for run in range(runs):
                    slug = mix[run % len(mix)]
                    meter.settle()
                    workers, api, docker_before = meter.snapshot()
                    posted = await post(http, 0, slug, reference_code(slug))
                    if isinstance(posted, str):
                        raise BenchmarkError(f"submitting {slug}: {posted}")
                    records.wait_final([posted.submission_id], 0.05, SETTLE_TIMEOUT_SECONDS)
                    wall = time.time() - posted.posted
                    judged = records.judged([posted])[0]
                    if judged.status != "done":
                        raise BenchmarkError(f"{slug}: {judged.status} ({judged.error})")
                    meter.settle()
                    workers_after, api_after, docker_after = meter.snapshot()
                    spent = workers_after - workers
                    costs.append(
                        JudgingCpu(
                            slug,
                            spent.own,
                            spent.reaped,
                            sandbox_cpu(docker_before, docker_after),
                            (api_after - api).total,
                            wall,
                        )
                    )
                    log(f"CPU per judging: {slug} {costs[-1].judging:.2f} s")
    finally:
        client.close()
    return costs


async def fire(
    stack: Stack, users: Sequence[Cookies], plan: list[list[str]]
) -> tuple[list[Posted], list[str]]:
    """Every user at once, each firing their submissions back to back."""
    codes = {slug: reference_code(slug) for slugs in plan for slug in slugs}
    posted: list[Posted] = []
    rejected: list[str] = []

    async def user_fires(user: int, slugs: list[str]) -> None:
        async with client_for(stack, users[user], timeout=TIMEOUT) as http:
            for slug in slugs:
                outcome = await post(http, user, slug, codes[slug])
                if isinstance(outcome, str):
                    rejected.append(outcome)
                else:
                    posted.append(outcome)

    await asyncio.gather(*(user_fires(user, slugs) for user, slugs in enumerate(plan)))
    return posted, rejected


def burst(
    stack: Stack,
    users: Sequence[Cookies],
    records: Records,
    plan: list[list[str]],
    stall_seconds: float,
) -> BurstRun:
    load_before = load_average()
    count, workers = sum(map(len, plan)), len(stack.workers)
    log(f"burst: {count} submissions from {len(plan)} users, {workers} worker(s)")
    posted, rejected = asyncio.run(fire(stack, users, plan))
    records.wait_final([p.submission_id for p in posted], 1.0, stall_seconds)
    judged = records.judged(posted)
    return BurstRun(workers, len(plan), posted, rejected, judged, load_before, load_average())


def throughput(
    stack: Stack,
    users: Sequence[Cookies],
    worker_counts: Sequence[int],
    total: int,
    runs: int,
    stall_seconds: float,
    mix: Sequence[str] = MIX,
) -> Throughput:
    """The scenario: ``users`` are the burst's users; the first also submits the runs."""
    records = Records(stack)
    try:
        log(f"CPU per judging: {runs} runs, one at a time, one worker")
        costs = asyncio.run(cpu_per_judging(stack, users, records, mix, runs))
        plan = burst_plan(total, len(users), mix)
        bursts = []
        for workers in worker_counts:
            use_workers(stack, workers)
            asyncio.run(warm_up(stack, users, records, mix, workers))
            bursts.append(burst(stack, users, records, plan, stall_seconds))
        stack.stop_workers()
    finally:
        records.close()
    return Throughput(costs, bursts, stack.settings.pending_submissions_per_user)


async def warm_up(
    stack: Stack, users: Sequence[Cookies], records: Records, mix: Sequence[str], workers: int
) -> None:
    """Untimed: as many of each problem at once as there are workers (from different users),
    so that each worker likely has every problem's package cached."""
    for slug in mix:
        plan = [[slug] for _ in range(min(workers, len(users)))]
        posted, rejected = await fire(stack, users, plan)
        if rejected:
            raise BenchmarkError(f"warming up: {rejected[0]}")
        records.wait_final([p.submission_id for p in posted], 0.2, SETTLE_TIMEOUT_SECONDS)


def use_workers(stack: Stack, count: int) -> None:
    if len(stack.workers) > count:
        stack.stop_workers()
    stack.ensure_workers(count)

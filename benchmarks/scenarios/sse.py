"""Scenario 3, open SSE streams: with no worker running, K streams
(``/api/v1/submissions/<id>/events`` on queued submissions, which stay open) are opened
step by step; at each step, after holding them longer than one database poll of every
stream, the API process's RSS (VmRSS), how many streams are still open, and the latency of
``GET /api/v1/problems`` beside them."""

from __future__ import annotations

import asyncio
import dataclasses
import statistics
import time

import httpx

from scenarios.measure import (
    BenchmarkError,
    log,
    ms,
    open_descriptors,
    p,
    process_cpu_seconds,
    process_status,
    rss_mib,
)
from scenarios.stack import Cookies, Stack, client_for, fetch, sse_events, submit

OPEN_CONCURRENCY = 50  # SSE streams being opened at once
PROBE_REQUESTS = 20
QUEUED_SLUG = "linear-regression-gd"


@dataclasses.dataclass
class SseStep:
    streams: int
    open: int
    failed: int
    ended: int
    open_p50: float
    open_p99: float
    rss_mib: float
    descriptors: int
    threads: int
    api_cpu: float  # while holding
    probe_p50: float
    probe_max: float


class StreamHolder:
    """Opens SSE streams and keeps reading them until cancelled."""

    def __init__(self, client: httpx.AsyncClient, submission_ids: list[int]):
        self.client = client
        self.submission_ids = submission_ids
        self.tasks: list[asyncio.Task[None]] = []
        self.open_latencies: list[float] = []
        self.failed = 0  # never opened
        self.ended = 0  # opened, then closed by the server or broken
        self.first_error = ""
        self.gate = asyncio.Semaphore(OPEN_CONCURRENCY)

    async def hold(self, submission_id: int, opened: asyncio.Event) -> None:
        url = f"/api/v1/submissions/{submission_id}/events"
        seen_state = False
        await self.gate.acquire()
        try:
            started = time.perf_counter()
            async with self.client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise BenchmarkError(f"{url}: HTTP {response.status_code}")
                async for event in sse_events(response):
                    if not seen_state:
                        seen_state = True
                        self.open_latencies.append(time.perf_counter() - started)
                        self.gate.release()
                        opened.set()
                    if event.name == "result":
                        break
            raise BenchmarkError(f"{url}: the server ended the stream")
        except (httpx.HTTPError, BenchmarkError) as error:
            if seen_state:
                self.ended += 1
            else:
                self.failed += 1
            self.first_error = self.first_error or f"{type(error).__name__}: {error}"
        finally:
            if not seen_state:
                self.gate.release()
            opened.set()

    async def open_up_to(self, total: int) -> list[float]:
        """Open streams until ``total`` were started; the opening latencies of the new ones."""
        self.open_latencies = []
        waits = []
        for index in range(len(self.tasks), total):
            opened = asyncio.Event()
            submission_id = self.submission_ids[index % len(self.submission_ids)]
            self.tasks.append(asyncio.create_task(self.hold(submission_id, opened)))
            waits.append(opened.wait())
        await asyncio.gather(*waits)
        return list(self.open_latencies)

    def alive(self) -> int:
        return sum(1 for task in self.tasks if not task.done())

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


async def probe_latency(client: httpx.AsyncClient) -> list[float]:
    times = []
    for _ in range(PROBE_REQUESTS):
        started = time.perf_counter()
        error = await fetch(client, "/api/v1/problems")
        if error:
            raise BenchmarkError(f"beside the streams: {error}")
        times.append(time.perf_counter() - started)
    return times


@dataclasses.dataclass
class SseRamp:
    steps: list[SseStep]
    baseline_mib: float
    after_mib: float
    first_error: str


async def sse_ramp(
    stack: Stack, submitter: Cookies, browser: Cookies, steps: list[int], hold: float, queued: int
) -> SseRamp:
    pid = stack.api.popen.pid
    limits = httpx.Limits(max_connections=max(steps) + 10, max_keepalive_connections=10)
    timeout = httpx.Timeout(60, read=120)  # the API sends a keep-alive every 15 s or so
    async with (
        client_for(stack, submitter, timeout=timeout, limits=limits) as client,
        client_for(stack, browser, timeout=30) as prober,
    ):
        ids = [await submit(client, QUEUED_SLUG, "x = 1\n") for _ in range(queued)]
        await probe_latency(prober)
        baseline = rss_mib(pid)
        holder = StreamHolder(client, ids)
        results = []
        try:
            for step in steps:
                log(f"SSE: opening up to {step} streams, holding {hold:g} s")
                latencies = await holder.open_up_to(step)
                cpu_before = process_cpu_seconds(pid)
                await asyncio.sleep(hold)
                api_cpu = (process_cpu_seconds(pid) - cpu_before) / hold
                probe = await probe_latency(prober)
                results.append(
                    SseStep(
                        streams=step,
                        open=holder.alive(),
                        failed=holder.failed,
                        ended=holder.ended,
                        open_p50=p(latencies, 50),
                        open_p99=p(latencies, 99),
                        rss_mib=rss_mib(pid),
                        descriptors=open_descriptors(pid),
                        threads=process_status(pid, "Threads"),
                        api_cpu=api_cpu,
                        probe_p50=statistics.median(probe),
                        probe_max=max(probe),
                    )
                )
                if holder.failed or holder.ended:
                    break
        finally:
            await holder.close()
        await asyncio.sleep(3)
        return SseRamp(results, baseline, rss_mib(pid), holder.first_error)


def report(ramp: SseRamp, hold: float) -> str:
    lines = [
        "### Open SSE streams on one API process\n",
        f"Streams on queued submissions (no worker running, so they stay open), opened "
        f"{OPEN_CONCURRENCY} at a time; each step held {hold:g} s, longer than the 15 s "
        "after which every quiet stream asks the database once. RSS (VmRSS of the uvicorn "
        f"process) before any stream: {ramp.baseline_mib:.1f} MiB; 3 s after closing them "
        f"all: {ramp.after_mib:.1f} MiB.\n",
        "| streams | still open | failed to open | ended early | opening p50 / p99 ms | "
        "RSS MiB | RSS per stream KiB | fds | threads | API CPU while holding | "
        "GET /api/v1/problems beside them p50 / max ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for step in ramp.steps:
        per_stream = (step.rss_mib - ramp.baseline_mib) * 1024 / max(step.open, 1)
        lines.append(
            f"| {step.streams} | {step.open} | {step.failed} | {step.ended} | "
            f"{ms(step.open_p50)} / {ms(step.open_p99)} | {step.rss_mib:.1f} | "
            f"{per_stream:.0f} | {step.descriptors} | {step.threads} | {step.api_cpu:.0%} | "
            f"{ms(step.probe_p50)} / {ms(step.probe_max)} |"
        )
    if ramp.first_error:
        lines.append(f"\nFirst error: {ramp.first_error}")
    return "\n".join(lines) + "\n"

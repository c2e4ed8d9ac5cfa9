"""Scenario 1, browsing: U users, each with its own session cookie and connection, loop over
the problem page (HTML), ``GET /api/v1/problems`` and ``GET /api/v1/problems/<slug>`` for S
seconds, without pause (every user always has one request in flight) and with an
exponential think time."""

from __future__ import annotations

import asyncio
import dataclasses
import random
import time

import httpx

from sandbox.problem import list_slugs
from scenarios.measure import (
    BenchmarkError,
    log,
    machine_cpu,
    ms,
    own_cpu_seconds,
    p,
    process_cpu_seconds,
)
from scenarios.stack import PROBLEMS_DIR, Cookies, Stack, client_for, fetch

KINDS = ("problem page (HTML)", "GET /api/v1/problems", "GET /api/v1/problems/<slug>")


def paths_for(slug: str) -> list[tuple[str, str]]:
    paths = (f"/problems/{slug}", "/api/v1/problems", f"/api/v1/problems/{slug}")
    return list(zip(KINDS, paths, strict=True))


@dataclasses.dataclass
class Level:
    users: int
    think: float
    wall: float
    latencies: dict[str, list[float]]
    errors: int
    first_error: str
    api_cpu: float  # CPU seconds the API processes used per second of wall time
    client_cpu: float  # the same for this process, the load generator
    machine_busy: float  # the share of all cores that was busy


async def browse_level(
    stack: Stack, cookies: list[Cookies], slugs: list[str], seconds: float, think: float
) -> Level:
    clients = [client_for(stack, c, timeout=60) for c in cookies]
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
    errors: list[str] = []
    try:
        # Untimed first pass: every user opens its connection and the caches warm.
        warm = [
            fetch(client, path)
            for index, client in enumerate(clients)
            for _kind, path in paths_for(slugs[index % len(slugs)])
        ]
        failures = [e for e in await asyncio.gather(*warm) if e]
        if failures:
            raise BenchmarkError(f"browsing fails before the measurement: {failures[0]}")
        started = time.perf_counter()
        deadline = started + seconds
        cpu_before = process_cpu_seconds(stack.api.popen.pid)
        own_before = own_cpu_seconds()
        busy_before, total_before = machine_cpu()

        async def user(index: int, client: httpx.AsyncClient) -> None:
            rng = random.Random(index)
            turn = index
            while True:
                for kind, path in paths_for(slugs[turn % len(slugs)]):
                    if think > 0:
                        await asyncio.sleep(rng.expovariate(1 / think))
                    if time.perf_counter() >= deadline:
                        return
                    sent = time.perf_counter()
                    error = await fetch(client, path)
                    if error:
                        errors.append(error)
                    else:
                        latencies[kind].append(time.perf_counter() - sent)
                turn += 1

        await asyncio.gather(*(user(i, c) for i, c in enumerate(clients)))
        wall = time.perf_counter() - started
        api_cpu = (process_cpu_seconds(stack.api.popen.pid) - cpu_before) / wall
        client_cpu = (own_cpu_seconds() - own_before) / wall
        busy_after, total_after = machine_cpu()
        machine_busy = (busy_after - busy_before) / max(total_after - total_before, 1)
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return Level(
        users=len(cookies),
        think=think,
        wall=wall,
        latencies=latencies,
        errors=len(errors),
        first_error=errors[0] if errors else "",
        api_cpu=api_cpu,
        client_cpu=client_cpu,
        machine_busy=machine_busy,
    )


def browse(
    stack: Stack, cookies: list[Cookies], levels: list[int], seconds: float, thinks: list[float]
) -> list[Level]:
    slugs = list_slugs(PROBLEMS_DIR)
    results = []
    for think in thinks:
        for count in levels:
            log(f"browsing: {count} users, think time {think:g} s, {seconds:g} s")
            results.append(asyncio.run(browse_level(stack, cookies[:count], slugs, seconds, think)))
    return results


def report(levels: list[Level], seconds: float, api_workers: int) -> str:
    processes = "one uvicorn process" if api_workers == 1 else f"uvicorn --workers {api_workers}"
    lines = [
        f"### Browsing ({seconds:g} s per level, {processes})\n",
        "| users | think time | requests/s | "
        + " | ".join(f"{kind} p50 / p99 ms" for kind in KINDS)
        + " | errors | CPU: API / load generator | all cores busy |",
        "|---:|---:|---:|" + "---:|" * len(KINDS) + "---:|---:|---:|",
    ]
    for level in levels:
        total = sum(len(v) for v in level.latencies.values())
        cells = [
            f"{ms(p(level.latencies[kind], 50))} / {ms(p(level.latencies[kind], 99))}"
            for kind in KINDS
        ]
        think = f"{level.think:g} s" if level.think else "none"
        lines.append(
            f"| {level.users} | {think} | {total / level.wall:.0f} | "
            + " | ".join(cells)
            + f" | {level.errors} | {level.api_cpu:.0%} / {level.client_cpu:.0%} | "
            f"{level.machine_busy:.0%} |"
        )
    firsts = [f"{lv.users} users: {lv.first_error}" for lv in levels if lv.first_error]
    if firsts:
        lines.append("\nFirst errors: " + "; ".join(firsts))
    return "\n".join(lines) + "\n"

"""The platform under load: page and API latency, submit-to-verdict latency, open SSE streams.

    .venv/bin/python benchmarks/load.py [--users 50 200] [--seconds 20] [--submissions 20]
        [--sse-steps 100 250 500 1000 2000] [--max-load 1.5] [--max-wait 1200]
        [--phases browse submit sse] [--api-workers 1]

It starts its own stack, on loopback only: a PostgreSQL database created for the run and
dropped after (at ``NUMJUDGE_BENCH_POSTGRES``, default the tests' server), a Redis database
number of its own (claimed among 8–15 with the tests' lock key, so a concurrent test run
leaves it alone, and flushed after), a data directory in /tmp, ``numjudge db upgrade`` and
``numjudge problems load`` (from ``problems/``), one uvicorn API process and
``celery -A worker.app worker --concurrency 1`` workers as subprocesses, as ``make run`` does.
Accounts: the submitting candidate is created with ``numjudge users create`` and logs in
through ``POST /api/v1/auth/login``; the browsing candidates are created with the users
service (one password hash shared by all) and get a login session each from it.

1. Browsing: U users, each with its own session cookie and connection, loop over the problem
   page (HTML), ``GET /api/v1/problems`` and ``GET /api/v1/problems/<slug>`` for S seconds,
   without pause (every user always has one request in flight) and with an exponential
   think time (``--think``, mean 1 s).
2. Submissions: the engine alone first (``sandbox.judge.judge`` with the ContainerRunner on
   the linear-regression-gd reference, median of ``--engine-runs``), then N submissions of
   that same file with one worker and with two: at a steady rate (one every ``--interval``
   seconds, default 2 × the engine's median, so that no submission waits for a worker) and
   all at once. Each is timed from the POST to the SSE ``result`` event. The submission rate
   limit is raised for the run (``NUMJUDGE_SUBMISSIONS_PER_MINUTE``).
3. SSE: with no worker running, K streams (``/api/v1/submissions/<id>/events`` on queued
   submissions, which stay open) are opened step by step; at each step, after holding them
   longer than one database poll of every stream, the API process's RSS (VmRSS), how many
   streams are still open, and the latency of ``GET /api/v1/problems`` beside them.

Waits first (polling every 30 s, up to ``--max-wait`` s) until the 1-minute load average is
below ``--max-load``, since other jobs may share the machine. Prints a Markdown report.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import math
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import docker
import httpx
import psycopg
import redis
from judge_overhead import machine, percentile

from api.db import make_engine, make_session_factory, transaction
from api.health import HEARTBEAT_PREFIX
from api.settings import Settings
from api.users import service as users
from api.users.models import Role, User
from api.users.passwords import hashing_for
from sandbox.container import ContainerRunner
from sandbox.image import image_tag
from sandbox.judge import judge
from sandbox.problem import find_problem, list_slugs

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS_DIR = ROOT / "problems"
POSTGRES_ADMIN_URL = os.environ.get(
    "NUMJUDGE_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_SERVER = os.environ.get("NUMJUDGE_BENCH_REDIS", "redis://127.0.0.1:6379")
REDIS_DB_RANGE = range(8, 16)
REDIS_LOCK_KEY = "numjudge:test-run-lock"  # the tests' claim (tests/support/platform.py)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})
SUBMITTED_SLUG = "linear-regression-gd"
RAISED_LIMIT = "100000"  # per minute: the submission rate limit, out of the benchmark's way
SUBMITTER = "bench-submitter"
FINAL = frozenset({"done", "error"})
OPEN_CONCURRENCY = 50  # SSE streams being opened at once
PROBE_REQUESTS = 20
PHASES = ("browse", "submit", "sse")


class BenchmarkError(Exception):
    """The stack misbehaved; the message says how."""


def log(message: str) -> None:
    print(f"load: {message}", file=sys.stderr, flush=True)


def require_loopback(url: str) -> str:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK_HOSTS:
        raise BenchmarkError(f"{url} is not on 127.0.0.1; this benchmark only talks to loopback")
    return url


def load_average() -> float:
    return os.getloadavg()[0]


def wait_for_quiet_machine(max_load: float, max_wait: float) -> str:
    """Poll the 1-minute load average every 30 s until it is below ``max_load``."""
    started = time.monotonic()
    while load_average() >= max_load and time.monotonic() - started < max_wait:
        log(f"1-minute load average {load_average():.2f} ≥ {max_load}; waiting 30 s")
        time.sleep(30)
    waited = time.monotonic() - started
    load = load_average()
    quiet = "below" if load < max_load else "still not below"
    return f"{load:.2f} at the start ({quiet} {max_load} after waiting {waited:.0f} s)"


# --- the stack ---------------------------------------------------------------------------


@dataclasses.dataclass
class Process:
    """A subprocess in its own process group, with its output in a log file."""

    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=30)

    def tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


def spawn(name: str, command: list[str], environment: dict[str, str], log_dir: Path) -> Process:
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as output:
        popen = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name, popen, log_path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A database for this run (SQLAlchemy URL), dropped afterwards."""
    admin_url = require_loopback(POSTGRES_ADMIN_URL)
    name = f"numjudge_bench_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def redis_database() -> Iterator[str]:
    """A Redis database number nobody else uses (the tests' lock key), flushed afterwards."""
    server = require_loopback(REDIS_SERVER)
    owner = f"{socket.gethostname()}:{os.getpid()}"  # as the tests write it
    for number in REDIS_DB_RANGE:
        client = redis.Redis.from_url(f"{server}/{number}")
        if client.set(REDIS_LOCK_KEY, owner, nx=True, ex=3 * 3600):
            break
        client.close()
    else:
        raise BenchmarkError(f"every Redis database in {REDIS_DB_RANGE} is claimed")
    try:
        client.flushdb()
        client.set(REDIS_LOCK_KEY, owner, ex=3 * 3600)
        yield f"{server}/{number}"
    finally:
        client.flushdb()
        client.close()


@dataclasses.dataclass
class Stack:
    environment: dict[str, str]
    database_url: str
    redis_url: str
    secret_key: str
    log_dir: Path
    api: Process
    base_url: str
    workers: list[Process] = dataclasses.field(default_factory=list)

    def start_worker(self) -> Process:
        name = f"bench-{secrets.token_hex(4)}@localhost"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "worker.app",
            "worker",
            "--concurrency",
            "1",
            "--hostname",
            name,
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ]
        worker = spawn(f"worker-{len(self.workers) + 1}", command, self.environment, self.log_dir)
        self.workers.append(worker)
        client = redis.Redis.from_url(self.redis_url)
        deadline = time.monotonic() + 90
        while client.get(f"{HEARTBEAT_PREFIX}{name}") is None:
            if worker.popen.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkError(f"the worker did not start:\n{worker.tail()}")
            time.sleep(0.2)
        client.close()
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers.clear()


def run_cli(environment: dict[str, str], *arguments: str, stdin: str = "") -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "api.cli", *arguments],
        cwd=ROOT,
        env=environment,
        input=stdin.encode(),
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).decode(errors="replace")
        raise BenchmarkError(f"numjudge {' '.join(arguments)} failed:\n{output}")


def stack_environment(
    data_dir: Path, database_url: str, redis_url: str, secret: str
) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("NUMJUDGE_")}
    return {
        **inherited,
        "NUMJUDGE_DATA_DIR": str(data_dir),
        "NUMJUDGE_DATABASE_URL": database_url,
        "NUMJUDGE_REDIS_URL": redis_url,
        "NUMJUDGE_SECRET_KEY": secret,
        "NUMJUDGE_PROBLEMS_DIR": str(PROBLEMS_DIR),
        "NUMJUDGE_SUBMISSIONS_PER_MINUTE": RAISED_LIMIT,
        # One user submits them all at once: the fair-queueing cap out of the way as well.
        "NUMJUDGE_PENDING_SUBMISSIONS_PER_USER": RAISED_LIMIT,
    }


@contextlib.contextmanager
def running_stack(
    api_workers: int = 1, extra_environment: dict[str, str] | None = None
) -> Iterator[Stack]:
    with contextlib.ExitStack() as cleanup:
        data_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="numjudge-")))
        log_dir = data_dir / "log"
        log_dir.mkdir()
        database_url = cleanup.enter_context(postgres_database())
        redis_url = cleanup.enter_context(redis_database())
        secret = secrets.token_urlsafe(48)
        environment = stack_environment(data_dir, database_url, redis_url, secret)
        environment.update(extra_environment or {})
        run_cli(environment, "db", "upgrade")
        run_cli(environment, "problems", "load")
        port = free_port()
        api = spawn(
            "api",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "api.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-proxy-headers",
                *(["--workers", str(api_workers)] if api_workers > 1 else []),
            ],
            environment,
            log_dir,
        )
        stack = Stack(environment, database_url, redis_url, secret, log_dir, api, "")
        stack.base_url = f"http://127.0.0.1:{port}"
        cleanup.callback(api.stop)
        cleanup.callback(stack.stop_workers)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{stack.base_url}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if api.popen.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkError(f"the API did not start:\n{api.tail()}")
            time.sleep(0.2)
        try:
            yield stack
        except BaseException:
            for process in [api, *stack.workers]:
                log(f"--- {process.name} log (end) ---\n{process.tail()}")
            raise


Cookies = dict[str, str]


def seed_browsers(stack: Stack, count: int) -> list[Cookies]:
    """``count`` candidates, each with a login session: the cookies a login would set."""
    engine = make_engine(stack.database_url)
    shared_hash = hashing_for(Settings.model_construct()).hash(secrets.token_urlsafe(16))
    cookies: list[Cookies] = []
    with transaction(make_session_factory(engine)) as session:
        for index in range(count):
            user = User(
                username=f"bench-user-{index:04d}",
                password_hash=shared_hash,
                role=Role.CANDIDATE.value,
            )
            session.add(user)
            session.flush()
            token = users.start_session(session, user, 1)
            cookies.append(
                {
                    "numjudge_session": token,
                    "numjudge_csrf": users.csrf_token(stack.secret_key, token),
                }
            )
    engine.dispose()
    return cookies


def login_submitter(stack: Stack) -> Cookies:
    """The submitting candidate: ``numjudge users create``, then the real login."""
    password = secrets.token_urlsafe(16)
    run_cli(
        stack.environment,
        "users",
        "create",
        "--username",
        SUBMITTER,
        "--role",
        "candidate",
        "--password-stdin",
        stdin=password + "\n",
    )
    response = httpx.post(
        f"{stack.base_url}/api/v1/auth/login",
        json={"username": SUBMITTER, "password": password},
        timeout=30,
    )
    if response.status_code != 200:
        raise BenchmarkError(f"login failed: {response.status_code} {response.text}")
    return {name: response.cookies[name] for name in ("numjudge_session", "numjudge_csrf")}


def client_for(stack: Stack, cookies: Cookies, **options: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=stack.base_url,
        cookies=cookies,
        headers={"X-CSRF-Token": cookies["numjudge_csrf"]},
        follow_redirects=False,
        **options,
    )


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn's worker processes with ``--workers``)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [pid]
    with contextlib.suppress(OSError):
        for child in children.read_text().split():
            found += process_tree(int(child))
    return found


def process_cpu_seconds(pid: int) -> float:
    """CPU time of ``pid`` and its descendants."""
    total = 0
    for member in process_tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def process_status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    raise BenchmarkError(f"no {key} in /proc/{pid}/status")


def machine_cpu() -> tuple[int, int]:
    """Busy and total jiffies of all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def rss_mib(pid: int) -> float:
    return process_status(pid, "VmRSS") / 1024


def open_descriptors(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def p(values: Sequence[float], q: float) -> float:
    return percentile(list(values), q) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


# --- 1. browsing ---------------------------------------------------------------------------

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
    api_cpu: float  # CPU seconds the API process used per second of wall time
    client_cpu: float  # the same for this process, the load generator
    machine_busy: float  # the share of all cores that was busy


async def fetch(client: httpx.AsyncClient, path: str) -> str:
    """One GET; the error text, or '' for a 200."""
    try:
        response = await client.get(path)
    except httpx.HTTPError as error:
        return f"{path}: {type(error).__name__}: {error}"
    return "" if response.status_code == 200 else f"{path}: HTTP {response.status_code}"


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
    first_error = errors[0] if errors else ""
    return Level(
        len(cookies),
        think,
        wall,
        latencies,
        len(errors),
        first_error,
        api_cpu,
        client_cpu,
        machine_busy,
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


def browse_report(levels: list[Level], seconds: float, api_workers: int) -> str:
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


# --- 2. submissions ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SseEvent:
    name: str
    data: dict[str, Any]
    received: float


async def sse_events(response: httpx.Response) -> AsyncIterator[SseEvent]:
    name, data = "", ""
    async for line in response.aiter_lines():
        if not line:
            if name:
                yield SseEvent(name, json.loads(data) if data else {}, time.perf_counter())
            name, data = "", ""
        elif not line.startswith(":"):
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data += value


@dataclasses.dataclass(frozen=True)
class Verdict:
    """One submission, in seconds from the moment its POST was sent."""

    accepted: float  # the 202
    running: float  # the worker's 'running' event
    verdict: float  # the 'result' event
    engine: float  # the judge's own time on the worker (the report's timing total)
    attempts: int
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


async def submit(client: httpx.AsyncClient, code: str) -> int:
    response = await client.post(
        f"/api/v1/problems/{SUBMITTED_SLUG}/submissions", json={"code": code}
    )
    if response.status_code != 202:
        raise BenchmarkError(f"submitting: HTTP {response.status_code} {response.text}")
    return int(response.json()["id"])


async def submit_and_follow(client: httpx.AsyncClient, code: str) -> Verdict:
    """POST, then follow the events as the page does, until the result."""
    started = time.perf_counter()
    submission_id = await submit(client, code)
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
    if detail["status"] != "done" or detail["score"] != 100.0:
        raise BenchmarkError(f"submission {submission_id}: {detail['status']} {detail['message']}")
    stages = {name: float(value) for name, value in detail["timing"].items()}
    return Verdict(accepted, running, finished, stages["total"], int(detail["attempts"]), stages)


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

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def engine_alone(runs: int) -> Engine:
    """``sandbox.judge.judge`` with the ContainerRunner on the reference, as `numjudge judge`."""
    problem = find_problem(PROBLEMS_DIR, SUBMITTED_SLUG)
    runner = ContainerRunner(docker.from_env(), image_tag())
    judge(problem, problem.reference, runner=runner, seed=0)  # warm caches once
    engine = Engine([], [])
    for run in range(runs):
        started = time.perf_counter()
        report = judge(problem, problem.reference, runner=runner, seed=run)
        engine.times.append(time.perf_counter() - started)
        engine.stages.append(dict(report.timing))
        if report.score != 100.0:
            raise BenchmarkError(f"the reference scored {report.score}: {report.message}")
    return engine


def submissions(
    stack: Stack, cookies: Cookies, count: int, interval: float, worker_counts: list[int]
) -> list[SubmissionRun]:
    code = (PROBLEMS_DIR / SUBMITTED_SLUG / "reference.py").read_text()
    runs = []
    for workers in worker_counts:
        while len(stack.workers) < workers:
            stack.start_worker()
        # Untimed: each worker's first judging loads the problem package into its cache.
        asyncio.run(submission_run(stack, cookies, code, workers, 0.0))
        for mode, gap in (("steady", interval), ("burst", 0.0)):
            log(f"submissions: {workers} worker(s), {count} {mode}")
            started = time.perf_counter()
            verdicts = asyncio.run(submission_run(stack, cookies, code, count, gap))
            runs.append(SubmissionRun(workers, mode, verdicts, time.perf_counter() - started))
    stack.stop_workers()
    return runs


def median_of(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


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


def submissions_report(
    runs: list[SubmissionRun], engine: Engine, count: int, interval: float
) -> str:
    engine_median = engine.median
    times = engine.times
    lines = [
        f"### Submit to verdict ({count} submissions of the {SUBMITTED_SLUG} reference)\n",
        f"Engine alone (`sandbox.judge.judge` with the ContainerRunner in this process, as "
        f"`numjudge judge` runs it): median **{engine_median:.3f} s** (min {min(times):.3f}, "
        f"max {max(times):.3f}, {len(times)} runs).\n",
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
        lines.append(
            f"| {run.workers} | {run.mode} | {p(verdict, 50):.3f} | {p(verdict, 95):.3f} | "
            f"{median_of([x.accepted for x in v]):.3f} | "
            f"{median_of([x.queued for x in v if not math.isnan(x.queued)]):.3f} | "
            f"{median_of([x.engine for x in v]):.3f} | "
            f"{median_of([x.after for x in v if not math.isnan(x.after)]):.3f} | "
            f"{p(overhead, 50):.3f} / {p(overhead, 95):.3f} | "
            f"**{p(verdict, 50) - engine_median:+.3f}** | {len(v) / run.wall:.2f} |"
            + (f" ({retried} judged more than once)" if retried else "")
        )
    lines.append("\n(seconds)\n")
    lines.append(stages_report(engine, runs[0]))
    return "\n".join(lines)


# --- 3. SSE streams ------------------------------------------------------------------------


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
        ids = [await submit(client, "x = 1\n") for _ in range(queued)]
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


def sse_report(ramp: SseRamp, hold: float) -> str:
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


# --- main ----------------------------------------------------------------------------------


def stop_on_sigterm() -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, handler)


def main() -> None:
    parser = argparse.ArgumentParser(description="The platform under load (see the docstring).")
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=20.0, help="per browsing level")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (0: none)")
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--interval", type=float, help="steady rate (default: 2 × engine)")
    parser.add_argument("--engine-runs", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sse-steps", type=int, nargs="+", default=[100, 250, 500, 1000, 2000])
    parser.add_argument("--sse-hold", type=float, default=20.0, help="seconds per step")
    parser.add_argument("--sse-submissions", type=int, default=10)
    parser.add_argument("--max-load", type=float, default=1.5, help="0: do not wait")
    parser.add_argument("--max-wait", type=float, default=1200.0)
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES))
    parser.add_argument(
        "--api-workers", type=int, default=1, help="uvicorn --workers (not with the SSE phase)"
    )
    arguments = parser.parse_args()
    phases = set(arguments.phases)
    if arguments.api_workers > 1 and "sse" in phases:
        parser.error("the SSE phase measures one API process: leave --api-workers at 1")
    stop_on_sigterm()

    load_note = "(not waited for)"
    if arguments.max_load > 0:
        load_note = wait_for_quiet_machine(arguments.max_load, arguments.max_wait)
    command = " ".join(["benchmarks/load.py", *sys.argv[1:]])
    sections = [f"Machine: {machine()}\n"]
    with running_stack(arguments.api_workers) as stack:
        log(f"stack up: API {stack.base_url} (pid {stack.api.popen.pid})")
        browsers = seed_browsers(stack, max(arguments.users))
        submitter = login_submitter(stack)

        if "browse" in phases:
            thinks = [0.0, arguments.think] if arguments.think > 0 else [0.0]
            levels = browse(stack, browsers, arguments.users, arguments.seconds, thinks)
            sections.append(browse_report(levels, arguments.seconds, arguments.api_workers))
        if "submit" in phases:
            log(f"engine alone: {arguments.engine_runs} runs")
            engine = engine_alone(arguments.engine_runs)
            interval = arguments.interval or round(2 * engine.median, 1)
            count, workers = arguments.submissions, arguments.workers
            runs = submissions(stack, submitter, count, interval, workers)
            sections.append(submissions_report(runs, engine, count, interval))
        if "sse" in phases:
            ramp = asyncio.run(
                sse_ramp(
                    stack,
                    submitter,
                    browsers[0],
                    arguments.sse_steps,
                    arguments.sse_hold,
                    arguments.sse_submissions,
                )
            )
            sections.append(sse_report(ramp, arguments.sse_hold))
    sections.insert(
        1,
        f"Command: `.venv/bin/python {command}`. 1-minute load average: {load_note}; "
        f"{load_average():.2f} at the end (this run included).\n",
    )
    print("## Platform (benchmarks/load.py)\n")
    print("\n".join(sections))


if __name__ == "__main__":
    try:
        main()
    except BenchmarkError as failure:
        print(f"load: {failure}", file=sys.stderr)
        sys.exit(1)

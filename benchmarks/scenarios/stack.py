"""The platform as the load scenarios drive it: tests/support/stack.py's components (a
PostgreSQL database and a Redis database number of the run's own, ``numjudge db upgrade`` and
``problems load``, uvicorn and Celery workers as ``make run`` starts them), the accounts,
and HTTP clients logged in like a page. Loopback only."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.users.models import Role, User
from api.users.passwords import hashing_for
from scenarios.measure import BenchmarkError, log
from tests.support import stack as components
from tests.support.stack import Process, run_cli, session_cookies

ROOT = components.ROOT
PROBLEMS_DIR = ROOT / "problems"
POSTGRES_ADMIN_URL = os.environ.get("NUMJUDGE_BENCH_POSTGRES", components.POSTGRES_ADMIN_URL)
REDIS_SERVER = os.environ.get("NUMJUDGE_BENCH_REDIS", components.REDIS_SERVER)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})
RAISED_LIMIT = 100_000  # per minute: the submission rate limit, out of the benchmark's way
SUBMITTER = "bench-submitter"
Cookies = components.Cookies  # the scenarios' name for a login's cookies


def require_loopback(url: str) -> str:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK_HOSTS:
        raise BenchmarkError(f"{url} is not on 127.0.0.1; this benchmark only talks to loopback")
    return url


@dataclasses.dataclass
class Stack:
    settings: Settings
    environment: dict[str, str]
    log_dir: Path
    api: Process
    base_url: str
    workers: list[Process] = dataclasses.field(default_factory=list)

    def start_worker(self) -> Process:
        name = f"bench-{secrets.token_hex(4)}"
        worker = components.start_worker(
            self.environment, self.settings.redis_url, self.log_dir, name, concurrency=1
        )
        self.workers.append(worker)
        return worker

    def ensure_workers(self, count: int) -> None:
        """Start workers until ``count`` run."""
        while len(self.workers) < count:
            self.start_worker()

    def worker_pids(self) -> set[int]:
        """The workers' processes: Celery's main processes and their prefork children."""
        mains = {worker.popen.pid for worker in self.workers}
        return mains.union(*(components.descendants(pid) for pid in mains))

    def stop_workers(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers.clear()


@contextlib.contextmanager
def running_stack(api_workers: int = 1, **overrides: Any) -> Iterator[Stack]:
    """The stack up, its settings with ``overrides``; everything stopped and dropped after.
    The submission and Run rate limits and the per-user pending cap are raised out of the
    way unless ``overrides`` set them."""
    limits = {
        "submissions_per_minute": RAISED_LIMIT,
        # One user submits them all at once: the fair-queueing cap out of the way as well.
        "pending_submissions_per_user": RAISED_LIMIT,
        "runs_per_minute": RAISED_LIMIT,  # the run phase: one Run after another
    }
    with contextlib.ExitStack() as cleanup:
        data_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="numjudge-")))
        log_dir = data_dir / "log"
        log_dir.mkdir()
        settings = Settings(
            data_dir=data_dir,
            database_url=cleanup.enter_context(
                components.postgres_database("numjudge_bench", require_loopback(POSTGRES_ADMIN_URL))
            ),
            redis_url=cleanup.enter_context(
                components.redis_database(require_loopback(REDIS_SERVER))
            ),
            secret_key=secrets.token_urlsafe(48),
            problems_dir=PROBLEMS_DIR,
            **(limits | overrides),
        )
        environment = components.process_environment(settings)
        run_cli(environment, "db", "upgrade")
        run_cli(environment, "problems", "load")
        api, base_url = components.start_api(environment, log_dir, processes=api_workers)
        cleanup.callback(api.stop)
        stack = Stack(settings, environment, log_dir, api, base_url)
        cleanup.callback(stack.stop_workers)
        try:
            yield stack
        except BaseException:
            for process in [api, *stack.workers]:
                log(f"--- {process.name} log (end) ---\n{process.tail()}")
            raise


def seed_browsers(stack: Stack, count: int) -> list[Cookies]:
    """``count`` candidates, each with a login session: the cookies a login would set."""
    engine = make_engine(stack.settings.database_url)
    shared_hash = hashing_for(stack.settings).hash(secrets.token_urlsafe(16))
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
            cookies.append(session_cookies(session, user, stack.settings.secret_key, 1))
    engine.dispose()
    return cookies


def login_submitter(stack: Stack) -> Cookies:
    """The submitting candidate: ``numjudge users create``, then the real login."""
    password = secrets.token_urlsafe(16)
    arguments = ("users", "create", "--username", SUBMITTER, "--role", "candidate")
    run_cli(stack.environment, *arguments, "--password-stdin", stdin=password + "\n")
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


async def fetch(client: httpx.AsyncClient, path: str) -> str:
    """One GET; the error text, or '' for a 200."""
    try:
        response = await client.get(path)
    except httpx.HTTPError as error:
        return f"{path}: {type(error).__name__}: {error}"
    return "" if response.status_code == 200 else f"{path}: HTTP {response.status_code}"


async def submit(client: httpx.AsyncClient, slug: str, code: str) -> int:
    response = await client.post(f"/api/v1/problems/{slug}/submissions", json={"code": code})
    if response.status_code != 202:
        raise BenchmarkError(f"submitting: HTTP {response.status_code} {response.text}")
    return int(response.json()["id"])


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

"""Fixtures for the platform: real PostgreSQL, real Redis, real Celery workers, a real
uvicorn server. Loaded from tests/conftest.py as a pytest plugin; the components themselves
are started by tests/support/stack.py (shared with benchmarks/load.py).

PostgreSQL: a fresh database ``numjudge_test_<random>`` per test session, dropped at the
end. Redis: a database number (8–15) claimed with a lock key so that concurrent test runs
on one machine never flush each other's data; only that number is flushed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import delete, update

from api import migrate
from api.app import create_app
from api.audit.service import Actor
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.models import metadata
from api.problems.service import load_packages
from api.ratelimit import WINDOW_SECONDS
from api.settings import Settings
from api.submissions.models import Submission
from api.tokens import service as tokens
from api.users import service as users
from api.users.models import Role, User
from api.users.passwords import hashing_for
from tests.support import stack
from tests.support.stack import (
    ROOT,
    Process,
    StackError,
    flush_except_lock,
    free_port,
    postgres_database,
    process_environment,
    redis_database,
    session_cookies,
    settings_environment,
)

__all__ = ["ROOT", "flush_except_lock", "free_port", "postgres_database", "settings_environment"]

FIXTURE_PROBLEMS_DIR = ROOT / "tests" / "fixtures" / "problems"
PASSWORD = "correct horse battery"
ACCOUNTS = {
    "candidate": Role.CANDIDATE,
    "other": Role.CANDIDATE,
    "interviewer": Role.INTERVIEWER,
    "admin": Role.ADMIN,
}
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    try:
        with redis_database() as url:
            yield url
    except StackError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated database of each backend (tests using it run once per backend)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'numjudge.db'}"
        migrate.upgrade(url)
        yield url
    else:
        with postgres_database() as url:
            migrate.upgrade(url)
            yield url


def empty_tables(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(delete(table))
    engine.dispose()


def make_settings(data_dir: Path, database_url: str, redis_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "redis_url": redis_url,
        "secret_key": "test-secret-" + "x" * 40,
        "problems_dir": FIXTURE_PROBLEMS_DIR,
        "sse_poll_seconds": 1.0,
        "sweep_interval_seconds": 1.0,
        "queued_timeout_seconds": 4,
        # Long enough for a slow judging on a busy machine; the sweep takes a dead worker's
        # submission back after this plus the grace.
        "judge_time_limit_seconds": 30,
        "running_grace_seconds": 1,
        "run_wait_seconds": 60.0,
        # TestClient's host name besides the loopback addresses live servers answer on.
        "allowed_hosts": "127.0.0.1,localhost,testserver",
        **overrides,
    }
    return Settings(**values)


@functools.cache
def password_hash() -> str:
    """Argon2 is slow on purpose; hashing the one test password once keeps tests quick."""
    return hashing_for(Settings.model_construct()).hash(PASSWORD)  # the default parameters


def seed(settings: Settings) -> None:
    """The four test accounts and the fixture problems."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        for username, role in ACCOUNTS.items():
            session.add(User(username=username, password_hash=password_hash(), role=role.value))
        outcomes = load_packages(session, settings.problems_dir)
    assert all(not o.error for o in outcomes), outcomes


@pytest.fixture
def settings(migrated_url: str, redis_url: str, tmp_path: Path) -> Iterator[Settings]:
    empty_tables(migrated_url)
    flush_except_lock(redis.Redis.from_url(redis_url))
    settings = make_settings(tmp_path / "data", migrated_url, redis_url)
    seed(settings)
    yield settings


class Browser:
    """A TestClient logged in like a page: session cookie plus the CSRF header."""

    def __init__(self, client: TestClient):
        self.client = client

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        response = self.client.post(
            "/api/v1/auth/login", json={"username": username, "password": password}
        )
        csrf = self.client.cookies.get("numjudge_csrf")
        if csrf:
            self.client.headers["X-CSRF-Token"] = csrf
        return response


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def login_cookies(settings: Settings, username: str) -> dict[str, str]:
    """The cookies a login sets, made without the (deliberately slow) password check."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        user = users.require_by_username(session, username)
        return session_cookies(session, user, settings.secret_key, settings.session_days)


def client_as(settings: Settings, username: str | None) -> TestClient:
    """A TestClient logged in as ``username`` (cookie and CSRF header), or anonymous."""
    client = TestClient(create_app(settings))
    if username is not None:
        for name, value in login_cookies(settings, username).items():
            # The domain the server's own Set-Cookie uses, so that a new cookie replaces it.
            client.cookies.set(name, value, domain="testserver.local")
        client.headers["X-CSRF-Token"] = client.cookies["numjudge_csrf"]
    return client


def api_token(
    settings: Settings, username: str, name: str = "script", expires_in_days: int | None = None
) -> str:
    """A new bearer token of ``username`` (the secret)."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        user = users.require_by_username(session, username)
        _token, secret = tokens.create(session, Actor.of(user), user, name, expires_in_days)
    return secret


CALLERS = ("anonymous", "candidate", "other", "interviewer", "admin")


@pytest.fixture
def clients(settings: Settings) -> dict[str, TestClient]:
    """A client per kind of caller: anonymous, the candidate who owns the data, another
    candidate, an interviewer and an admin (each logged in by cookie, with CSRF header)."""
    return {
        caller: client_as(settings, None if caller == "anonymous" else caller) for caller in CALLERS
    }


def statuses(
    clients: dict[str, TestClient], method: str, url: str, **kwargs: object
) -> dict[str, int]:
    """The status code each caller gets for one request."""
    return {
        caller: client.request(method, url, **kwargs).status_code  # type: ignore[arg-type]
        for caller, client in clients.items()
    }


def same_rate_window(needed_seconds: float = 10.0) -> None:
    """Wait, when needed, until the current one-minute rate-limit window has ``needed_seconds``
    left, so that every attempt of a test counts in one window."""
    left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    if left < needed_seconds:
        time.sleep(left + 0.1)


def mark_judged(settings: Settings, submission_id: int) -> None:
    """Mark a submission judged (no worker runs), so that its event stream ends at once."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(
            update(Submission)
            .where(Submission.id == submission_id)
            .values(status="done", verdict="accepted", score=100.0, finished_at=utcnow())
        )


def login_status(client: TestClient, username: str, password: str = PASSWORD) -> int:
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    return response.status_code


def change_password(client: TestClient, current: str, new: str, **kwargs: object) -> httpx.Response:
    body = {"current_password": current, "new_password": new}
    return client.post("/api/v1/me/password", json=body, **kwargs)  # type: ignore[arg-type]


def submit(client: TestClient | httpx.Client, code: str, slug: str = "mean-predictor") -> int:
    response = client.post(f"/api/v1/problems/{slug}/submissions", json={"code": code})
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


def read_fixture_source(name: str) -> str:
    if name == "reference":
        return (FIXTURE_PROBLEMS_DIR / "mean-predictor" / "reference.py").read_text()
    return (FIXTURE_PROBLEMS_DIR / "mean-predictor" / "submissions" / f"{name}.py").read_text()


# Correct, but each fit() takes most of a second: leaves time to act while it is judged.
SLOW_SOLUTION = """
import numpy as np


class MeanPredictor:
    def fit(self, X, y):
        work = np.ones((256, 256))
        for _ in range(400):
            work = np.tanh(work @ work / 256.0)
        self.mean_ = float(np.mean(y)) + 0.0 * float(work[0, 0])
        self.loss_history = [float(np.mean((y - self.mean_) ** 2))]
        return self

    def predict(self, X):
        return np.full(X.shape[0], self.mean_)
"""


WorkerProcess = Process  # a real ``celery -A worker.app worker`` in its own process group


def start_worker(settings: Settings, log_dir: Path, concurrency: int = 1) -> WorkerProcess:
    environment = process_environment(settings)
    name = f"test-{secrets.token_hex(4)}"
    try:
        return stack.start_worker(environment, settings.redis_url, log_dir, name, concurrency, 60)
    except StackError as error:
        pytest.fail(str(error))


@pytest.fixture
def workers(settings: Settings, tmp_path: Path) -> Iterator[list[WorkerProcess]]:
    """Start workers with ``workers.append(start_worker(...))``; all are stopped after."""
    started: list[WorkerProcess] = []
    yield started
    for worker in started:
        worker.stop()


@dataclasses.dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    settings: Settings

    def client(self, username: str) -> httpx.Client:
        cookies = login_cookies(self.settings, username)
        return httpx.Client(
            base_url=self.url,
            timeout=30,
            cookies=cookies,
            headers={"X-CSRF-Token": cookies["numjudge_csrf"]},
        )


@contextlib.contextmanager
def live_server(settings: Settings) -> Iterator[LiveServer]:
    """The app served by uvicorn on a loopback port, in a thread of the test process."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        proxy_headers=False,  # as make run starts it: the app decides whom to trust
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", server, thread, settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(settings: Settings) -> Iterator[LiveServer]:
    with live_server(settings) as running:
        yield running


def wait_for_status(
    client: TestClient | httpx.Client, submission_id: int, statuses: set[str], timeout: float = 90
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/v1/submissions/{submission_id}").json()
        if not seen or seen[-1] != body["status"]:
            seen.append(body["status"])
        if body["status"] in statuses:
            body["seen_statuses"] = seen
            return body
        time.sleep(0.05)
    raise AssertionError(f"submission {submission_id} stayed {seen} for {timeout} s")


def read_sse(response: httpx.Response, stop_after: int | None = None) -> list[dict[str, Any]]:
    """Parse an SSE response into ``{"id", "event", "data"}`` dicts."""
    messages: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    for line in response.iter_lines():
        if not line:
            if "event" in current:
                messages.append(current)
                if stop_after is not None and len(messages) >= stop_after:
                    return messages
            current = {}
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(": ")
        current[field] = json.loads(value) if field == "data" else value
    return messages

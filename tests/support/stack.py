"""The platform's real components as a test or a benchmark starts them: a PostgreSQL
database of its own, a Redis database number of its own, and uvicorn and Celery workers as
subprocesses, as ``make run`` starts them. Shared by tests/support/platform.py (the pytest
fixtures) and benchmarks/load.py; loopback only.

PostgreSQL: a fresh database per run, dropped at the end. Redis: a database number (8–15)
claimed with a lock key so that concurrent runs on one machine never flush each other's
data; only that number is flushed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import redis
from sqlalchemy.orm import Session

from api.health import HEARTBEAT_PREFIX
from api.settings import Settings
from api.users import service as users
from api.users.models import User

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get(
    "NUMJUDGE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_SERVER = os.environ.get("NUMJUDGE_TEST_REDIS", "redis://127.0.0.1:6379")
REDIS_DB_RANGE = range(8, 16)
REDIS_LOCK_KEY = "numjudge:test-run-lock"
LOCK_SECONDS = 3 * 3600


class StackError(Exception):
    """A component did not start or misbehaved; the message says which and how."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- PostgreSQL and Redis ------------------------------------------------------------------


def create_postgres_database(
    prefix: str = "numjudge_test", admin_url: str = POSTGRES_ADMIN_URL
) -> tuple[str, str]:
    """A new database: its name and its SQLAlchemy URL."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    return name, f"{base}/{name}"


def drop_postgres_database(name: str, admin_url: str = POSTGRES_ADMIN_URL) -> None:
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def postgres_database(
    prefix: str = "numjudge_test", admin_url: str = POSTGRES_ADMIN_URL
) -> Iterator[str]:
    """A database for this run (SQLAlchemy URL), dropped afterwards."""
    name, url = create_postgres_database(prefix, admin_url)
    try:
        yield url
    finally:
        drop_postgres_database(name, admin_url)


def _owner_is_gone(owner: bytes | None) -> bool:
    """Whether a lock was left by a run on this host whose process no longer exists."""
    host, _, pid = (owner or b"").decode(errors="replace").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    return not Path(f"/proc/{pid}").exists()


def flush_except_lock(client: redis.Redis) -> None:
    owner = client.get(REDIS_LOCK_KEY)
    client.flushdb()
    if owner is not None:
        client.set(REDIS_LOCK_KEY, owner, ex=LOCK_SECONDS)


@contextlib.contextmanager
def redis_database(server: str = REDIS_SERVER) -> Iterator[str]:
    """A Redis database number nobody else uses (claimed with the lock key), flushed before
    and after."""
    owner = f"{socket.gethostname()}:{os.getpid()}"
    for number in REDIS_DB_RANGE:
        client = redis.Redis.from_url(f"{server}/{number}")
        if client.set(REDIS_LOCK_KEY, owner, nx=True, ex=LOCK_SECONDS):
            break
        if _owner_is_gone(client.get(REDIS_LOCK_KEY)):  # a killed run's lock
            client.set(REDIS_LOCK_KEY, owner, ex=LOCK_SECONDS)
            break
        client.close()
    else:
        raise StackError(f"every Redis database in {REDIS_DB_RANGE} is claimed by another run")
    try:
        flush_except_lock(client)
        yield f"{server}/{number}"
    finally:
        client.flushdb()
        client.close()


# --- settings and accounts -----------------------------------------------------------------

Cookies = dict[str, str]


def settings_environment(settings: Settings) -> dict[str, str]:
    """The settings as NUMJUDGE_* variables, for the subprocesses (uvicorn, workers, CLI)."""
    environment = {}
    for name, value in settings.model_dump().items():
        if value is not None and value != "":
            environment[f"NUMJUDGE_{name.upper()}"] = str(value)
    return environment


def process_environment(settings: Settings) -> dict[str, str]:
    """This process's environment without its own NUMJUDGE_* variables, plus ``settings``."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("NUMJUDGE_")}
    return inherited | settings_environment(settings)


def session_cookies(session: Session, user: User, secret_key: str, days: int) -> Cookies:
    """The cookies a login of ``user`` sets, made without the (deliberately slow) password
    check."""
    token = users.start_session(session, user, days)
    return {
        "numjudge_session": token,
        "numjudge_csrf": users.csrf_token(secret_key, token),
    }


# --- processes ------------------------------------------------------------------------------


@dataclasses.dataclass
class Process:
    """A subprocess in its own process group, with its output in a log file."""

    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path

    def kill(self) -> None:
        """SIGKILL the whole group: nothing gets to clean up."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self, timeout: float = 30.0) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def tail(self) -> str:
        return self.log()[-3000:]


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (whichever of its threads started them)."""
    found = set()
    for entry in os.listdir("/proc"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = Path(f"/proc/{entry}/stat").read_bytes()
            if int(stat.rsplit(b")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def descendants(pid: int) -> set[int]:
    """``pid``'s children, their children, and so on."""
    found = children(pid)
    for child in list(found):
        found |= descendants(child)
    return found


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


def start_worker(
    environment: dict[str, str],
    redis_url: str,
    log_dir: Path,
    name: str,
    concurrency: int = 1,
    timeout: float = 90.0,
) -> Process:
    """``celery -A worker.app worker``, as ``make run`` starts it, once its sweep reported
    (its heartbeat is in Redis)."""
    hostname = f"{name}@localhost"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "worker.app",
        "worker",
        "--concurrency",
        str(concurrency),
        "--hostname",
        hostname,
        "--without-gossip",
        "--without-mingle",
        "--loglevel",
        "INFO",
    ]
    worker = spawn(name, command, environment, log_dir)
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + timeout
    try:
        while client.get(f"{HEARTBEAT_PREFIX}{hostname}") is None:
            if worker.popen.poll() is not None or time.monotonic() > deadline:
                worker.stop()
                raise StackError(f"the worker did not start:\n{worker.tail()}")
            time.sleep(0.2)
    finally:
        client.close()
    return worker


def start_api(
    environment: dict[str, str], log_dir: Path, processes: int = 1, timeout: float = 60.0
) -> tuple[Process, str]:
    """uvicorn as ``make run`` starts it (``--workers`` when more than one process), once
    it answers: the process and its base URL."""
    port = free_port()
    command = [
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
        *(["--workers", str(processes)] if processes > 1 else []),
    ]
    api = spawn("api", command, environment, log_dir)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                return api, base_url
        if api.popen.poll() is not None or time.monotonic() > deadline:
            api.stop()
            raise StackError(f"the API did not start:\n{api.tail()}")
        time.sleep(0.2)


def run_cli(environment: dict[str, str], *arguments: str, stdin: str = "") -> None:
    """``numjudge <arguments>``; raises ``StackError`` with its output when it fails."""
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
        raise StackError(f"numjudge {' '.join(arguments)} failed:\n{output}")

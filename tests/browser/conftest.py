"""A live NumJudge for the browser tests, made of the real parts: a fresh PostgreSQL
database, Redis, uvicorn serving the app and one Celery worker launching real sandboxes,
each a subprocess on loopback; Debian's Chromium driven by Playwright.

Nothing is mocked. The front-end bundle is built first (scripts/build-web.sh, a no-op when
it is fresh); Chromium comes from Debian (scripts/install-chromium.sh), never a download.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# A Redis database of its own, so the broker queues and event streams start empty.
REDIS_URL = "redis://127.0.0.1:6379/13"
SCREENSHOTS = ROOT / "var" / "screenshots"
LAPTOP_VIEWPORT = {"width": 1366, "height": 768}
# The site's problems: the browser tests' own (a real loss curve, three probe groups) and
# the engine's fixture problem (a second topic to filter by).
PROBLEMS = [
    Path(__file__).parent / "problems" / "descent-line",
    ROOT / "tests" / "fixtures" / "problems" / "mean-predictor",
]
STARTUP_SECONDS = 60.0


@dataclasses.dataclass(frozen=True)
class Account:
    username: str
    password: str


@dataclasses.dataclass(frozen=True)
class LiveSite:
    url: str
    candidate: Account
    log_dir: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def log_tail(path: Path, lines: int = 40) -> str:
    if not path.is_file():
        return f"({path} was not written)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def built_frontend() -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "build-web.sh")], check=True, cwd=ROOT)


@pytest.fixture(scope="session")
def browser_database() -> Iterator[str]:
    """An empty PostgreSQL database of its own, dropped afterwards."""
    name = f"numjudge_browser_{os.getpid()}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def numjudge(env: dict[str, str], *arguments: str, stdin: str | None = None) -> None:
    done = subprocess.run(
        [str(BIN / "numjudge"), *arguments],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"numjudge {' '.join(arguments)} failed:\n{done.stderr}"


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within 20 s (Celery's warm shutdown)."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_until_healthy(url: str, processes: dict[str, subprocess.Popen[bytes]], logs: Path) -> None:
    """Until /healthz says the database, Redis and a worker's Docker engine all answer."""
    deadline = time.monotonic() + STARTUP_SECONDS
    last = "no answer"
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                pytest.fail(f"{name} exited with {process.returncode}:\n{log_tail(logs / name)}")
        try:
            response = httpx.get(f"{url}/healthz", timeout=2)
            if response.status_code == 200:
                return
            last = response.text
        except httpx.HTTPError as error:
            last = str(error)
        time.sleep(0.3)
    tails = "\n".join(f"--- {name}\n{log_tail(logs / name)}" for name in processes)
    pytest.fail(f"the site was not healthy within {STARTUP_SECONDS:g} s ({last})\n{tails}")


@pytest.fixture(scope="session")
def live_site(
    built_frontend: None, browser_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveSite]:
    data_dir = tmp_path_factory.mktemp("numjudge-data")
    problems_dir = tmp_path_factory.mktemp("problems")
    for package in PROBLEMS:
        shutil.copytree(package, problems_dir / package.name)
    logs = tmp_path_factory.mktemp("logs")
    port = free_port()
    env = {
        **os.environ,
        "NUMJUDGE_DATA_DIR": str(data_dir),
        "NUMJUDGE_DATABASE_URL": browser_database,
        "NUMJUDGE_REDIS_URL": REDIS_URL,
        "NUMJUDGE_PROBLEMS_DIR": str(problems_dir),
        "NUMJUDGE_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    redis.Redis.from_url(REDIS_URL).flushdb()
    numjudge(env, "db", "upgrade")
    numjudge(env, "problems", "load")
    candidate = Account("browser-candidate", secrets.token_urlsafe(12))
    numjudge(
        env,
        "users",
        "create",
        "--username",
        candidate.username,
        "--role",
        "candidate",
        "--password-stdin",
        stdin=candidate.password + "\n",
    )
    commands = {
        "uvicorn": [
            str(BIN / "uvicorn"),
            "api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        "worker": [
            str(BIN / "celery"),
            "-A",
            "worker.app",
            "worker",
            "--queues",
            "judge,runs",
            "--concurrency",
            "1",
            "--hostname",
            f"browser-{port}@%h",
            "--loglevel",
            "INFO",
        ],
    }
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, command in commands.items():
            with (logs / name).open("wb") as log:
                processes[name] = subprocess.Popen(
                    command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
                )
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, processes, logs)
        yield LiveSite(url, candidate, logs)
    finally:
        for process in processes.values():
            stop(process)
        redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run 'make setup' (scripts/install-chromium.sh)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser, live_site: LiveSite) -> Iterator[Page]:
    """A fresh browser profile on a laptop-sized screen; fails the test on any script error."""
    context = browser.new_context(viewport=LAPTOP_VIEWPORT, base_url=live_site.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))

    def on_console(message: ConsoleMessage) -> None:
        # The browser logs every 4xx answer; the tests provoke some on purpose.
        if message.type == "error" and "Failed to load resource" not in message.text:
            errors.append(f"console: {message.text}")

    tab.on("console", on_console)
    yield tab
    context.close()
    assert not errors, "the page reported errors:\n" + "\n".join(errors)


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

"""A live NumJudge for the browser tests, made of the real parts: a fresh PostgreSQL
database, Redis, uvicorn serving the app and one Celery worker launching real sandboxes,
each a subprocess on loopback; Debian's Chromium driven by Playwright.

The platform's own fixtures (tests/support/platform.py) provide the database, the claimed
Redis database, the settings, the accounts and the worker. The front-end bundle is built
first (scripts/build-web.sh, a no-op when fresh); Chromium comes from Debian
(scripts/install-chromium.sh), never a download. Nothing is mocked.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from api import migrate
from tests.support.platform import (
    PASSWORD,
    flush_except_lock,
    free_port,
    make_settings,
    postgres_database,
    seed,
    settings_environment,
    start_worker,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "var" / "screenshots"
LAPTOP_VIEWPORT = {"width": 1366, "height": 768}
# The site's problems: the browser tests' own (a real loss curve, three probe groups) and
# the engine's fixture problem (a second topic to filter by).
PROBLEMS = [
    Path(__file__).parent / "problems" / "descent-line",
    ROOT / "tests" / "fixtures" / "problems" / "mean-predictor",
]
STARTUP_SECONDS = 60.0
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  window.reportCspViolation({
    directive: event.violatedDirective,
    source: event.sourceFile || "",
    blocked: event.blockedURI || "",
    sample: event.sample || "",
    in_editor: Boolean(target && target.closest(".cm-content")),
  });
});
"""


@dataclasses.dataclass(frozen=True)
class Account:
    username: str
    password: str


@dataclasses.dataclass(frozen=True)
class LiveSite:
    url: str
    candidate: Account
    log_dir: Path


def log_tail(path: Path, lines: int = 40) -> str:
    if not path.is_file():
        return f"({path} was not written)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def built_frontend() -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "build-web.sh")], check=True, cwd=ROOT)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until /healthz says the database, Redis and a worker's Docker engine all answer."""
    deadline = time.monotonic() + STARTUP_SECONDS
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with {process.returncode}:\n{log_tail(log)}")
        try:
            response = httpx.get(f"{url}/healthz", timeout=2)
            if response.status_code == 200:
                return
            last = response.text
        except httpx.HTTPError as error:
            last = str(error)
        time.sleep(0.2)
    pytest.fail(f"the site was not healthy within {STARTUP_SECONDS:g} s ({last})\n{log_tail(log)}")


# Module scope: the server and its worker stop when the browser tests end, before any
# later test module flushes the Redis database they share.
@pytest.fixture(scope="module")
def live_site(
    built_frontend: None, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveSite]:
    problems_dir = tmp_path_factory.mktemp("problems")
    for package in PROBLEMS:
        shutil.copytree(package, problems_dir / package.name)
    logs = tmp_path_factory.mktemp("logs")
    flush_except_lock(redis.Redis.from_url(redis_url))
    with postgres_database() as database_url:
        migrate.upgrade(database_url)
        settings = make_settings(
            tmp_path_factory.mktemp("data"), database_url, redis_url, problems_dir=problems_dir
        )
        seed(settings)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        worker = start_worker(settings, logs)
        uvicorn_log = logs / "uvicorn.log"
        with uvicorn_log.open("wb") as log:
            server = subprocess.Popen(
                [
                    *(sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"),
                    *("--host", "127.0.0.1", "--port", str(port), "--no-proxy-headers"),
                ],
                env={**os.environ, **settings_environment(settings)},
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until_serving(url, server, uvicorn_log)
            yield LiveSite(url, Account("candidate", PASSWORD), logs)
        finally:
            stop(server)
            worker.stop()
            flush_except_lock(redis.Redis.from_url(redis_url))


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


def watch_for_errors(context: BrowserContext, errors: list[str]) -> None:
    """Every page of ``context`` adds its script errors and Content Security Policy
    refusals to ``errors``."""

    def on_console(message: ConsoleMessage) -> None:
        # The browser logs every 4xx answer; the tests provoke some on purpose. What the
        # Content Security Policy refuses is judged by on_csp_violation.
        if (
            message.type == "error"
            and "Failed to load resource" not in message.text
            and "Content Security Policy" not in message.text
        ):
            errors.append(f"console: {message.text}")

    def on_csp_violation(violation: dict[str, str | bool]) -> None:
        # Chromium's own editing of contenteditable text (select all, then type or paste as
        # an input method does) writes style attributes into the editor, which the policy
        # refuses and CodeMirror redraws from its state anyway. Anything else is a defect.
        browser_editing = violation["in_editor"] and not violation["source"]
        if violation["directive"] == "style-src-attr" and browser_editing:
            return
        errors.append(f"Content Security Policy refused: {violation}")

    def on_page(tab: Page) -> None:
        tab.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        tab.on("console", on_console)

    context.expose_function("reportCspViolation", on_csp_violation)
    context.add_init_script(CSP_LISTENER)
    context.on("page", on_page)


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser, live_site: LiveSite) -> Iterator[NewContext]:
    """Makes fresh browser profiles on the live site (``browser.new_context`` options; a
    laptop-sized screen unless told). Fails the test on any script error or Content Security
    Policy refusal in any of their pages."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(
            **{"viewport": LAPTOP_VIEWPORT, **options}, base_url=live_site.url
        )
        context.set_default_timeout(15_000)
        watch_for_errors(context, errors)
        contexts.append(context)
        return context

    # Assertions wait as long as actions: on a loaded 2-core machine a navigation can take
    # longer than Playwright's default 5 s.
    expect.set_options(timeout=15_000)
    yield make
    for context in contexts:
        context.close()
    assert not errors, "the pages reported errors:\n" + "\n".join(errors)


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A fresh browser profile on a laptop-sized screen; fails the test on any script error
    or Content Security Policy refusal."""
    return new_context().new_page()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

"""The API as ``make run`` serves it: several uvicorn processes behind one port. Whatever a
request counts or waits for lives in Redis, so limits hold and SSE streams deliver whichever
process answers."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from api.settings import Settings
from api.submissions import events
from tests.support.platform import (
    login_cookies,
    read_sse,
    same_rate_window,
    submit,
)
from tests.support.stack import children, process_environment, start_api

PROCESSES = 2


def api_processes(pid: int) -> set[int]:
    """uvicorn's worker processes (multiprocessing children; not its resource tracker)."""
    found = set()
    for child in children(pid):
        with contextlib.suppress(OSError):
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
    return found


def serving_process(client: httpx.Client, port: int, candidates: set[int]) -> int:
    """Which process holds the server's end of this client's (kept-alive) connection."""
    stream = client._transport._pool.connections[0]._connection._network_stream  # type: ignore[attr-defined]
    local_port = stream.get_extra_info("socket").getsockname()[1]
    inode = ""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()  # the server's end: local = the port served, remote = ours
        if fields[1].endswith(f":{port:04X}") and fields[2].endswith(f":{local_port:04X}"):
            inode = fields[9]
    assert inode, "the connection is not in /proc/net/tcp"
    for pid in candidates:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                        return pid
    raise AssertionError("no API process holds the connection")


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[tuple[str, int, set[int]]]:
    """uvicorn with PROCESSES workers, as scripts/run.sh starts it: (url, port, worker pids)."""
    environment = process_environment(settings)
    api, url = start_api(environment, tmp_path, processes=PROCESSES)
    try:
        deadline = time.monotonic() + 60
        while len(api_processes(api.popen.pid)) < PROCESSES:
            assert time.monotonic() < deadline, f"uvicorn's workers did not start:\n{api.tail()}"
            time.sleep(0.2)
        yield url, int(url.rsplit(":", 1)[1]), api_processes(api.popen.pid)
    finally:
        api.stop()


def clients_on_every_process(
    url: str, port: int, pids: set[int], cookies: dict[str, str] | None = None, wanted: int = 6
) -> list[tuple[httpx.Client, int]]:
    """``wanted`` kept-alive clients, each on a connection of its own, alternating between
    the API processes (new connections land where the kernel puts them)."""
    by_process: dict[int, list[httpx.Client]] = {pid: [] for pid in pids}
    headers = {"X-CSRF-Token": cookies["numjudge_csrf"]} if cookies else {}
    for _ in range(200):
        client = httpx.Client(base_url=url, cookies=cookies, headers=headers, timeout=30)
        client.get("/openapi.json").raise_for_status()
        by_process[serving_process(client, port, pids)].append(client)
        if all(len(found) >= wanted // len(pids) for found in by_process.values()):
            break
    else:
        pytest.fail(f"connections never reached every process: {by_process}")
    ordered = []
    for index in range(wanted // len(pids)):
        for pid, found in by_process.items():
            ordered.append((found[index], pid))
    return ordered


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_a_rate_limit_counts_across_processes(
    settings: Settings, served: tuple[str, int, set[int]]
) -> None:
    url, port, pids = served
    same_rate_window()
    clients = clients_on_every_process(
        url, port, pids, wanted=2 * settings.login_attempts_per_minute * 3
    )
    attempts = 3 * settings.login_attempts_per_minute  # every attempt per client address
    codes = [
        client.post(
            "/api/v1/auth/login", json={"username": f"guess{index}", "password": "wrong"}
        ).status_code
        for index, (client, _pid) in enumerate(clients[: attempts + 1])
    ]
    assert {pid for _, pid in clients[: attempts + 1]} == pids
    assert codes == [401] * attempts + [429], codes


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_an_sse_stream_delivers_events_whichever_process_serves_it(
    settings: Settings, served: tuple[str, int, set[int]]
) -> None:
    url, port, pids = served
    cookies = login_cookies(settings, "candidate")
    clients = clients_on_every_process(url, port, pids, cookies, wanted=2)
    (submitter, submitted_on), (watcher, watched_on) = clients[0], clients[1]
    assert submitted_on != watched_on
    submission_id = submit(submitter, "class MeanPredictor: pass\n")
    store = redis.Redis.from_url(settings.redis_url)
    # What a worker publishes, while the stream is served by the other process.
    events.publish(store, submission_id, {"type": "status", "status": "running", "attempt": 1})
    result = {"type": events.RESULT_EVENT, "status": "done", "verdict": "accepted", "score": 100}
    # ... and one while the stream waits for it (the process blocks in Redis, not on itself).
    later = threading.Timer(1.0, events.publish, args=(store, submission_id, result))
    with watcher.stream("GET", f"/api/v1/submissions/{submission_id}/events") as response:
        assert response.status_code == 200
        later.start()
        messages = read_sse(response, stop_after=3)  # the state from the database first
    later.join()
    assert [m["event"] for m in messages] == ["state", "status", events.RESULT_EVENT]

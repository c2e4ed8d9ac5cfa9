"""Submissions judged by real Celery worker processes in the real Docker sandbox, with
the API served by uvicorn, over real PostgreSQL (and SQLite) and Redis."""

from __future__ import annotations

import contextlib
import socket
import time
from pathlib import Path

import docker
import httpx
import pytest
import yaml

from api.settings import Settings
from api.submissions import events
from sandbox.container import LABEL, NAME_PREFIX, OWNER_LABEL, remove_orphans
from tests.support.platform import (
    FIXTURE_PROBLEMS_DIR,
    SLOW_SOLUTION,
    LiveServer,
    WorkerProcess,
    live_server,
    read_fixture_source,
    read_sse,
    start_worker,
    submit,
    wait_for_status,
)
from tests.support.stack import children

pytestmark = pytest.mark.docker


def pool_containers(client: docker.DockerClient, worker: WorkerProcess) -> set[str]:
    """Sandbox containers owned by the worker's pool processes (its children)."""
    pids = {str(pid) for pid in children(worker.popen.pid)}
    found = set()
    for container in client.api.containers(all=True, filters={"label": LABEL}):
        host, _, rest = (container.get("Labels") or {}).get(OWNER_LABEL, "").partition(":")
        if host == socket.gethostname() and rest.partition(":")[0] in pids:
            found.add(container["Id"])
    return found


def test_submission_goes_queued_running_done_with_the_rubric_scores(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    workers.append(start_worker(settings, tmp_path))
    client = server.client("candidate")
    created = client.post(
        "/api/v1/problems/mean-predictor/submissions", json={"code": SLOW_SOLUTION}
    )
    assert created.status_code == 202 and created.json()["status"] == "queued"
    slow = wait_for_status(client, created.json()["id"], {"done", "error"})
    assert "running" in slow["seen_statuses"]
    assert slow["status"] == "done" and slow["attempts"] == 1

    reference = wait_for_status(client, submit(client, read_fixture_source("reference")), {"done"})
    assert reference["verdict"] == "accepted" and reference["score"] == 100.0
    assert {c["score"] for c in reference["categories"].values()} == {100.0}
    assert len(reference["curves"]["candidate"]) == len(reference["curves"]["reference"]) == 1

    # loop_mean.py declares which rubric categories it loses and keeps.
    expected = yaml.safe_load(
        (FIXTURE_PROBLEMS_DIR / "mean-predictor" / "submissions" / "expected.yaml").read_text()
    )["loop_mean.py"]
    loop = wait_for_status(client, submit(client, read_fixture_source("loop_mean")), {"done"})
    assert loop["verdict"] == "wrong_answer"
    for category in expected["loses"]:
        assert loop["categories"][category]["score"] < 100.0
    for category in expected["keeps"]:
        assert loop["categories"][category]["score"] == 100.0
    failed = [c for c in loop["checks"] if not c["passed"]]
    assert failed and all(c["message"] for c in failed)

    problems = {p["slug"]: p for p in client.get("/api/v1/problems").json()}
    assert problems["mean-predictor"]["best_score"] == 100.0
    history = client.get("/api/v1/submissions?problem=mean-predictor").json()
    assert [s["status"] for s in history] == ["done", "done", "done"]


def test_sse_delivers_every_event_also_after_a_reconnect(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    workers.append(start_worker(settings, tmp_path))
    client = server.client("candidate")
    submission_id = submit(client, SLOW_SOLUTION)
    url = f"/api/v1/submissions/{submission_id}/events"

    with client.stream("GET", url) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        first = read_sse(response, stop_after=4)  # state, status running, started, first probe
    assert first[0]["event"] == "state" and "id" not in first[0]
    assert first[0]["data"]["status"] in ("queued", "running")
    assert [m["event"] for m in first[1:]] == ["status", "started", "probe"]

    with client.stream("GET", url, headers={"Last-Event-ID": first[-1]["id"]}) as response:
        second = read_sse(response)
    assert second[0]["event"] == "state" and second[0]["data"]["status"] == "running"
    assert second[-1]["event"] == "result" and second[-1]["data"]["status"] == "done"
    assert second[-1]["data"]["verdict"] is not None

    delivered = [m["id"] for m in first[1:] + second[1:]]
    stored = [entry_id.decode() for entry_id, _ in _stream_entries(settings, submission_id)]
    assert delivered == stored  # every event once, in order, none lost at the reconnect
    kinds = [m["event"] for m in first[1:] + second[1:]]
    assert kinds.count("probe") == 2 and kinds[-3:] == ["grading", "finished", "result"]

    # A late reader gets the final state at once.
    with client.stream("GET", url) as response:
        late = read_sse(response)
    assert [m["event"] for m in late] == ["state"] and late[0]["data"]["status"] == "done"


def test_a_quiet_stream_stays_open_past_the_redis_socket_timeout(settings: Settings) -> None:
    """No worker, so the submission stays queued and XREAD blocks for the whole poll interval:
    6 s, above redis-py's default socket timeout (5 s), which used to cut the stream off."""
    quiet = settings.model_copy(update={"sse_poll_seconds": 6.0})
    with live_server(quiet) as server, server.client("candidate") as client:
        submission_id = submit(client, read_fixture_source("reference"))
        url = f"/api/v1/submissions/{submission_id}/events"
        with client.stream("GET", url) as response:
            lines = response.iter_lines()
            assert next(lines) == "event: state"
            assert next(line for line in lines if line.startswith(":")) == ": keep-alive"


def _stream_entries(settings: Settings, submission_id: int) -> list[tuple[bytes, object]]:
    import redis

    client = redis.Redis.from_url(settings.redis_url)
    return list(client.xrange(events.stream_key(submission_id)))


def test_run_judges_the_samples_and_records_nothing(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    workers.append(start_worker(settings, tmp_path))
    client = server.client("candidate")
    response = client.post(
        "/api/v1/problems/mean-predictor/runs", json={"code": read_fixture_source("reference")}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["verdict"] == "accepted"
    assert [p["name"] for p in report["probes"]] == ["fit_small"]  # the sample probe only
    assert client.get("/api/v1/submissions").json() == []
    broken = client.post("/api/v1/problems/mean-predictor/runs", json={"code": "def (:"})
    assert broken.status_code == 200 and broken.json()["verdict"] == "syntax_error"


def spare_references(worker: WorkerProcess) -> set[int]:
    """The worker's reference processes waiting for a judging (children of its pool)."""
    found = set()
    for pool_process in children(worker.popen.pid):
        for pid in children(pool_process):
            with contextlib.suppress(OSError):
                if b"sandbox.reference" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.add(pid)
    return found


def wait_for_spare(worker: WorkerProcess) -> set[int]:
    deadline = time.monotonic() + 30
    while not (spares := spare_references(worker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return spares


def test_a_run_is_served_by_the_spare_reference_and_another_waits_after(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    worker = start_worker(settings, tmp_path)
    workers.append(worker)
    before = wait_for_spare(worker)
    assert len(before) == 1, "the pool process starts a reference process ahead"
    client = server.client("candidate")
    response = client.post(
        "/api/v1/problems/mean-predictor/runs", json={"code": read_fixture_source("reference")}
    )
    assert response.status_code == 200 and response.json()["verdict"] == "accepted"
    after = wait_for_spare(worker)
    assert len(after) == 1 and after.isdisjoint(before), "used once, then replaced"


def test_healthz_reports_database_redis_and_docker(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    assert httpx.get(f"{server.url}/healthz").status_code == 503  # no worker yet
    workers.append(start_worker(settings, tmp_path))
    response = httpx.get(f"{server.url}/healthz")
    assert response.status_code == 200, response.text
    assert response.json() | {"workers": 1} == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "docker": "ok",
        "workers": 1,
    }


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_a_worker_killed_mid_judging_still_gives_exactly_one_result(
    settings: Settings,
    server: LiveServer,
    workers: list[WorkerProcess],
    tmp_path: Path,
    docker_client: docker.DockerClient,
) -> None:
    import redis

    first = start_worker(settings, tmp_path)
    workers.append(first)
    client = server.client("candidate")
    submission_id = submit(client, SLOW_SOLUTION)
    # redis-py's default socket timeout (5 s) would cut the 60 s blocking read short.
    stream = redis.Redis.from_url(settings.redis_url, socket_timeout=90)
    key = events.stream_key(submission_id)
    # Wait until the sandbox has reported a probe: judging is under way.
    last = "0-0"
    while True:
        batch = stream.xread({key: last}, block=60_000)
        assert batch, "judging never started"
        last = batch[0][1][-1][0]
        if any(b"probe" in fields[b"data"] for _, fields in batch[0][1]):
            break
    first.kill()
    # A container serving a judging is named after it (pooled ones were created before).
    labelled = {"label": LABEL, "name": f"{NAME_PREFIX}submission{submission_id}-"}
    killed = {"label": LABEL, "name": f"{NAME_PREFIX}submission{submission_id}-attempt1-"}
    left = docker_client.api.containers(all=True, filters=killed)
    assert left, "the killed attempt should have left its sandbox container behind"

    workers.append(start_worker(settings, tmp_path))
    result = wait_for_status(client, submission_id, {"done", "error"}, timeout=120)
    assert result["status"] == "done" and result["attempts"] == 2
    assert result["verdict"] is not None and result["checks"]
    results = [fields for _, fields in stream.xrange(key) if b'"type": "result"' in fields[b"data"]]
    assert len(results) == 1  # one final result, announced once
    assert docker_client.api.containers(all=True, filters=killed) == []  # orphan removed
    # The second attempt's container is removed by its pool in the background, after the result.
    deadline = time.monotonic() + 60
    while docker_client.api.containers(all=True, filters=labelled):
        assert time.monotonic() < deadline, "the second attempt's container was never removed"
        time.sleep(0.5)


def test_a_worker_killed_with_a_warm_pool_leaves_nothing_after_the_sweep(
    settings: Settings,
    workers: list[WorkerProcess],
    tmp_path: Path,
    docker_client: docker.DockerClient,
) -> None:
    worker = start_worker(settings, tmp_path)
    workers.append(worker)
    deadline = time.monotonic() + 120
    while len(pooled := pool_containers(docker_client, worker)) < settings.sandbox_pool_size:
        assert time.monotonic() < deadline, f"the pool did not fill:\n{worker.log()[-2000:]}"
        time.sleep(0.5)
    pool_processes = children(worker.popen.pid)
    worker.kill()
    while any(Path(f"/proc/{pid}").exists() for pid in pool_processes):
        assert time.monotonic() < deadline, "the worker's pool processes did not die"
        time.sleep(0.1)
    existing = {c["Id"] for c in docker_client.api.containers(all=True, filters={"label": LABEL})}
    assert pooled <= existing, "nothing cleans up after a SIGKILL but the sweep"
    remove_orphans(docker_client)  # what any worker's sweep (or numjudge sandbox cleanup) runs
    left = {c["Id"] for c in docker_client.api.containers(all=True, filters={"label": LABEL})}
    assert not pooled & left, f"the dead worker's pool is still there: {pooled & left}"

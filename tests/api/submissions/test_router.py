"""Bad input gets a clear error and changes nothing; streams open with one connection."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import redis
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, update

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.submissions.models import Submission
from tests.support.platform import (
    LiveServer,
    client_as,
    live_server,
    login_cookies,
    mark_judged,
    read_fixture_source,
    submit,
)

URL = "/api/v1/problems/mean-predictor/submissions"


def stored(client: TestClient) -> int:
    return len(client.get("/api/v1/submissions").json())


def test_bad_submissions_are_refused_and_change_nothing(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    big = client.post(URL, json={"code": "#" * (64 * 1024 + 1)})
    assert big.status_code == 413 and "65536" in big.json()["detail"]
    not_utf8 = client.post(
        URL, content=b'{"code": "\xff"}', headers={"Content-Type": "application/json"}
    )
    assert not_utf8.status_code == 422 and "UTF-8" in not_utf8.json()["detail"]
    empty = client.post(URL, json={"code": "   "})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    unknown = client.post("/api/v1/problems/no-such-problem/submissions", json={"code": "x=1"})
    assert unknown.status_code == 404 and "no problem" in unknown.json()["detail"]
    assert client.get("/api/v1/problems/no-such-problem").status_code == 404
    assert stored(client) == 0


def test_the_submission_records_the_problem_version(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    submission_id = submit(client, read_fixture_source("reference"))
    body = client.get(f"/api/v1/submissions/{submission_id}").json()
    problem = client.get("/api/v1/problems/mean-predictor").json()
    assert body["status"] == "queued" and body["verdict"] is None
    assert body["problem_digest"] == problem["digest"] and body["problem_version"] == 1
    assert client.get("/api/v1/submissions/999999").status_code == 404


def test_submissions_are_rate_limited_with_retry_after(settings: Settings) -> None:
    settings.submissions_per_minute = 2
    client = client_as(settings, "candidate")
    code = {"code": read_fixture_source("reference")}
    codes = [client.post(URL, json=code).status_code for _ in range(3)]
    assert codes[-1] == 429 or codes == [202, 202, 202]  # a minute boundary may reset it
    if codes[-1] == 429:
        response = client.post(URL, json=code)
        assert response.status_code == 429 and int(response.headers["Retry-After"]) >= 1
        assert stored(client) == 2
    # Another user has their own allowance.
    assert client_as(settings, "other").post(URL, json=code).status_code == 202


def test_opening_an_event_stream_takes_one_pooled_connection(settings: Settings) -> None:
    """The first state is read with the request's session. Reading it with a second one
    while the first was held deadlocked the pool when many streams opened at once."""
    client = client_as(settings, "candidate")
    submission_id = submit(client, read_fixture_source("reference"))
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(
            update(Submission).where(Submission.id == submission_id).values(status="error")
        )
    options: dict[str, Any] = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 2}
    if settings.database_url.startswith("sqlite"):
        options["connect_args"] = {"check_same_thread": False}
    one_connection = create_engine(settings.database_url, **options)
    client.app.state.session_factory = make_session_factory(one_connection)  # type: ignore[attr-defined]
    response = client.get(f"/api/v1/submissions/{submission_id}/events")
    assert response.status_code == 200
    assert response.text.startswith("event: state\n") and '"status": "error"' in response.text
    one_connection.dispose()


def test_code_must_be_sent_as_json(settings: Settings) -> None:
    """Submissions and Runs took text/plain and form bodies, which any other site's form can
    send; now only application/json, which needs a CORS preflight this API never grants."""
    client = client_as(settings, "candidate")
    body = '{"code": "x = 1"}'
    for url in (URL, "/api/v1/problems/mean-predictor/runs"):
        for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
            headers = {"Content-Type": content_type} if content_type else {}
            response = client.post(url, content=body, headers=headers)
            assert response.status_code == 415, (url, content_type)
            assert "application/json" in response.json()["detail"]
    charset = client.post(
        URL, content=body, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    assert charset.status_code == 202
    assert stored(client) == 1


def test_odd_bodies_and_ids_are_a_4xx_never_a_500(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    json_type = {"Content-Type": "application/json"}
    deep = client.post(
        URL, content='{"code": ' + "[" * 10_000 + "]" * 10_000 + "}", headers=json_type
    )
    assert deep.status_code == 422 and "nested too deeply" in deep.json()["detail"]
    # Past a 32-bit id (PostgreSQL's INTEGER), past SQLite's 64 bits, and negative.
    for submission_id in (2**31, 2**63, 2**64, -(2**63) - 1, 0):
        for path in (
            f"/api/v1/submissions/{submission_id}",
            f"/api/v1/submissions/{submission_id}/events",
            f"/submissions/{submission_id}",
        ):
            assert client.get(path).status_code == 404, path
    assert stored(client) == 0


def test_a_last_event_id_this_stream_never_sent_is_a_400(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    submission_id = submit(client, read_fixture_source("reference"))
    url = f"/api/v1/submissions/{submission_id}/events"
    for bad in ("99999999999999999999-0", "1-99999999999999999999", "not-an-id", "1-2-3"):
        response = client.get(url, headers={"Last-Event-ID": bad})
        assert response.status_code == 400, bad
        assert "Last-Event-ID" in response.json()["detail"]
    mark_judged(settings, submission_id)
    fine = client.get(url, headers={"Last-Event-ID": "18446744073709551615-0"})
    assert fine.status_code == 200 and fine.text.startswith("event: state")


def test_a_user_has_at_most_so_many_submissions_waiting(settings: Settings) -> None:
    settings.pending_submissions_per_user = 2
    client = client_as(settings, "candidate")
    code = read_fixture_source("reference")
    first, _second = submit(client, code), submit(client, code)
    refused = client.post(URL, json={"code": code})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "2 submissions waiting" in refused.json()["detail"]
    assert stored(client) == 2
    assert client_as(settings, "other").post(URL, json={"code": code}).status_code == 202
    mark_judged(settings, first)  # one has its result: room for one more
    assert client.post(URL, json={"code": code}).status_code == 202
    assert client.post(URL, json={"code": code}).status_code == 429


def test_submissions_at_once_never_pass_the_cap(settings: Settings) -> None:
    settings.pending_submissions_per_user = 3
    code = {"code": read_fixture_source("reference")}

    async def burst(server: LiveServer) -> list[int]:
        cookies = login_cookies(settings, "candidate")
        async with httpx.AsyncClient(
            base_url=server.url,
            cookies=cookies,
            headers={"X-CSRF-Token": cookies["numjudge_csrf"]},
            timeout=30,
        ) as client:
            responses = await asyncio.gather(*(client.post(URL, json=code) for _ in range(8)))
        return sorted(response.status_code for response in responses)

    with live_server(settings) as server:
        assert asyncio.run(burst(server)) == [202] * 3 + [429] * 5


def test_one_run_at_a_time_per_user(settings: Settings) -> None:
    """No worker runs here: a Run waits (up to run_wait_seconds) in the queue. A second Run
    of the same user meanwhile is refused, so that the Run queue holds one per user."""
    settings.run_wait_seconds = 5
    runs = "/api/v1/problems/mean-predictor/runs"
    code = {"code": read_fixture_source("reference")}
    waiting = client_as(settings, "candidate")
    user_id = waiting.get("/api/v1/me").json()["id"]
    first: list[int] = []
    thread = threading.Thread(
        target=lambda: first.append(waiting.post(runs, json=code).status_code)
    )
    thread.start()
    held = f"numjudge:ratelimit:runs-pending:{user_id}:held"
    client = redis.Redis.from_url(settings.redis_url)
    deadline = time.monotonic() + 5
    while client.get(held) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second = client_as(settings, "candidate").post(runs, json=code)
    assert second.status_code == 429 and "wait for the result" in second.json()["detail"]
    thread.join()
    assert first == [504]  # no worker: it waited, then gave up
    assert client.get(held) in (None, b"0")

"""Bad input gets a clear error and changes nothing; streams open with one connection."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, update

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.submissions.models import Submission
from tests.support.platform import client_as, read_fixture_source, submit

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

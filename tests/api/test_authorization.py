"""Every endpoint, for each kind of caller: anonymous, the candidate who owns the data,
another candidate, an interviewer and an admin."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.submissions.models import Submission
from tests.support.platform import CALLERS, read_fixture_source, statuses, submit


@pytest.fixture
def judged_submission(settings: Settings, clients: dict[str, TestClient]) -> int:
    """The candidate's submission, marked judged so that its event stream ends at once."""
    submission_id = submit(clients["candidate"], read_fixture_source("reference"))
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(
            update(Submission)
            .where(Submission.id == submission_id)
            .values(status="done", verdict="accepted", score=100.0)
        )
    return submission_id


def test_me(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "GET", "/api/v1/me") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 200,
        "interviewer": 200,
        "admin": 200,
    }


def test_problem_list(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "GET", "/api/v1/problems") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 200,
        "interviewer": 200,
        "admin": 200,
    }


def test_problem_detail_shows_internals_to_admins_only(clients: dict[str, TestClient]) -> None:
    assert clients["anonymous"].get("/api/v1/problems/mean-predictor").status_code == 401
    for caller in ("candidate", "other", "interviewer"):
        body = clients[caller].get("/api/v1/problems/mean-predictor").json()
        assert body["internals"] is None, caller
        assert "reference" not in str(body).lower().replace("reference's", "")
    internals = clients["admin"].get("/api/v1/problems/mean-predictor").json()["internals"]
    assert "class MeanPredictor" in internals["reference"]
    assert "@check" in internals["checks_source"]


def test_submit(clients: dict[str, TestClient]) -> None:
    body = {"json": {"code": read_fixture_source("reference")}}
    assert statuses(clients, "POST", "/api/v1/problems/mean-predictor/submissions", **body) == {
        "anonymous": 401,
        "candidate": 202,
        "other": 202,
        "interviewer": 202,
        "admin": 202,
    }


def test_run_reaches_the_queue_only_when_logged_in(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    # No worker runs here: an authorized Run waits for one and times out (504).
    settings.run_wait_seconds = 0.5
    body = {"json": {"code": read_fixture_source("reference")}}
    assert statuses(clients, "POST", "/api/v1/problems/mean-predictor/runs", **body) == {
        "anonymous": 401,
        "candidate": 504,
        "other": 504,
        "interviewer": 504,
        "admin": 504,
    }


# A submission made outside any assessment: an interviewer sees only those of attempts at
# their assessments (tests/api/submissions/test_visibility.py covers those).
def test_submission_detail(clients: dict[str, TestClient], judged_submission: int) -> None:
    assert statuses(clients, "GET", f"/api/v1/submissions/{judged_submission}") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 404,
        "interviewer": 404,
        "admin": 200,
    }


def test_submission_events(clients: dict[str, TestClient], judged_submission: int) -> None:
    assert statuses(clients, "GET", f"/api/v1/submissions/{judged_submission}/events") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 404,
        "interviewer": 404,
        "admin": 200,
    }


def test_submission_list(clients: dict[str, TestClient], judged_submission: int) -> None:
    assert statuses(clients, "GET", "/api/v1/submissions?username=candidate") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 403,
        "interviewer": 200,
        "admin": 200,
    }
    url = "/api/v1/submissions?username=candidate"
    listed = {c: [s["id"] for s in clients[c].get(url).json()] for c in ("interviewer", "admin")}
    assert listed == {"interviewer": [], "admin": [judged_submission]}
    own = {c: [s["id"] for s in clients[c].get("/api/v1/submissions").json()] for c in CALLERS[1:]}
    assert own == {"candidate": [judged_submission], "other": [], "interviewer": [], "admin": []}


def test_drafts_are_each_callers_own(clients: dict[str, TestClient]) -> None:
    url = "/api/v1/problems/mean-predictor/draft"
    assert statuses(clients, "PUT", url, json={"code": "x = 1"}) == {
        "anonymous": 401,
        "candidate": 200,
        "other": 200,
        "interviewer": 200,
        "admin": 200,
    }
    clients["candidate"].put(url, json={"code": "the candidate's"})
    # Each reads back only their own: no role reads another's draft.
    assert {c: clients[c].get(url).json()["code"] for c in CALLERS[1:]} == {
        "candidate": "the candidate's",
        "other": "x = 1",
        "interviewer": "x = 1",
        "admin": "x = 1",
    }
    assert statuses(clients, "DELETE", url) == {
        "anonymous": 401,
        "candidate": 204,
        "other": 204,
        "interviewer": 204,
        "admin": 204,
    }
    assert statuses(clients, "GET", url)["candidate"] == 404


def test_logout(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "POST", "/api/v1/auth/logout") == {
        "anonymous": 401,
        "candidate": 204,
        "other": 204,
        "interviewer": 204,
        "admin": 204,
    }


def test_public_endpoints(clients: dict[str, TestClient]) -> None:
    for url in ("/docs", "/redoc", "/openapi.json"):
        assert set(statuses(clients, "GET", url).values()) == {200}, url
    # No worker runs here, so the health check is degraded, but it needs no login.
    assert set(statuses(clients, "GET", "/healthz").values()) == {503}

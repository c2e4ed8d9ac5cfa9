"""/api/v1/problems/{slug}/hints and /editorial on SQLite and PostgreSQL: hints revealed one
at a time and remembered, the editorial opened by a first submission, staff see both."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.platform import client_as, statuses, submit

HINTS = "/api/v1/problems/mean-predictor/hints"
EDITORIAL = "/api/v1/problems/mean-predictor/editorial"


def titles(answer: dict[str, object]) -> list[object]:
    revealed = answer["revealed"]
    assert isinstance(revealed, list)
    return [hint["title"] for hint in revealed]


def test_hints_are_revealed_one_at_a_time_and_remembered(settings: Settings) -> None:
    candidate = client_as(settings, "candidate")
    assert candidate.get(HINTS).json() == {"total": 2, "revealed": []}
    first = candidate.post(f"{HINTS}/reveal")
    assert first.status_code == 200, first.text
    assert titles(first.json()) == ["The mean"]
    assert "<code>np.mean(y)</code>" not in first.text  # the second is still hidden
    # Another browser of the same user sees what was revealed; another user sees nothing.
    assert titles(client_as(settings, "candidate").get(HINTS).json()) == ["The mean"]
    assert client_as(settings, "other").get(HINTS).json()["revealed"] == []
    second = candidate.post(f"{HINTS}/reveal").json()
    assert titles(second) == ["The mean", "In NumPy"]
    assert second["revealed"][1]["number"] == 2
    assert "<code>np.mean(y)</code>" in second["revealed"][1]["html"]
    # Past the last hint nothing changes.
    assert candidate.post(f"{HINTS}/reveal").json() == second


def test_staff_see_every_hint_without_revealing(clients: dict[str, TestClient]) -> None:
    for caller in ("interviewer", "admin"):
        assert titles(clients[caller].get(HINTS).json()) == ["The mean", "In NumPy"]
    assert clients["candidate"].get(HINTS).json()["revealed"] == []


def test_the_editorial_opens_after_a_first_submission(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    assert statuses(clients, "GET", EDITORIAL) == {
        "anonymous": 401,
        "candidate": 403,
        "other": 403,
        "interviewer": 200,
        "admin": 200,
    }
    refused = clients["candidate"].get(EDITORIAL).json()["detail"]
    assert "after your first submission" in refused
    submit(clients["candidate"], "class MeanPredictor: pass\n")
    opened = clients["candidate"].get(EDITORIAL)
    assert opened.status_code == 200
    assert "Editorial: the mean predictor" in opened.json()["html"]
    assert clients["other"].get(EDITORIAL).status_code == 403  # only the one who submitted


def test_unknown_problems_and_anonymous_callers_change_nothing(
    clients: dict[str, TestClient],
) -> None:
    assert clients["anonymous"].post(f"{HINTS}/reveal").status_code == 401
    missing = clients["candidate"].post("/api/v1/problems/no-such-problem/hints/reveal")
    assert missing.status_code == 404 and "GET /api/v1/problems" in missing.json()["detail"]
    assert clients["candidate"].get(HINTS).json()["revealed"] == []

"""Helpers for assessment tests: a second interviewer, an assessment with an invite taken
by a candidate, moving an attempt's clock, and judging submissions without a worker."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.assessments.models import Attempt
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.settings import Settings
from api.submissions.models import Submission
from api.users.models import Role, User
from sandbox.rubric import Category
from tests.support.platform import CALLERS, client_as, password_hash

COLLEAGUE = "colleague"  # a second interviewer, not the assessment's owner
STAFF_CALLERS = (*CALLERS, COLLEAGUE)
PROBLEM = "mean-predictor"


def add_colleague(settings: Settings) -> TestClient:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.add(
            User(username=COLLEAGUE, password_hash=password_hash(), role=Role.INTERVIEWER.value)
        )
    return client_as(settings, COLLEAGUE)


def create_assessment(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"title": "ML screen", "problems": [PROBLEM], "time_limit_minutes": 30, **fields}
    response = client.post("/api/v1/assessments", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def invite(client: TestClient, assessment_id: int, label: str = "Ann") -> dict[str, Any]:
    response = client.post(f"/api/v1/assessments/{assessment_id}/invites", json={"label": label})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def accept(client: TestClient, token: str) -> httpx.Response:
    """Accept an invite: its token travels in the body, never in the URL."""
    return client.post("/api/v1/invites/accept", json={"token": token})


@dataclasses.dataclass(frozen=True)
class Taken:
    assessment_id: int
    attempt_id: int
    token: str


def start_attempt(
    interviewer: TestClient, candidate: TestClient, assessment_id: int, label: str = "Ann"
) -> Taken:
    """An invite accepted and opened by ``candidate``: the clock runs."""
    link = invite(interviewer, assessment_id, label)
    accepted = accept(candidate, link["token"])
    assert accepted.status_code == 200, accepted.text
    started = candidate.post(f"/api/v1/me/attempts/{link['id']}/start")
    assert started.status_code == 200, started.text
    return Taken(assessment_id, int(link["id"]), str(link["token"]))


def move_deadline(settings: Settings, attempt_id: int, seconds_from_now: float) -> None:
    deadline = utcnow() + datetime.timedelta(seconds=seconds_from_now)
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(update(Attempt).where(Attempt.id == attempt_id).values(deadline=deadline))


def fake_report(score: float) -> dict[str, Any]:
    """A judged report: every category at ``score``, one check each."""
    return {
        "verdict": "accepted" if score == 100 else "wrong_answer",
        "message": "judged by the test",
        "score": score,
        "categories": {
            c.value: {"score": score, "weight": 20.0, "checks_passed": 1, "checks_total": 1}
            for c in Category
        },
        "checks": [
            {
                "name": f"{c.value}_check",
                "category": c.value,
                "passed": score == 100,
                "score": score / 100,
                "weight": 1.0,
                "message": f"{c.value} looked at",
            }
            for c in Category
        ],
        "curves": {"candidate": [3.0, 2.0, 1.0], "reference": [3.0, 1.5, 1.0]},
    }


def mark_scored(settings: Settings, submission_id: int, score: float) -> None:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(
            update(Submission)
            .where(Submission.id == submission_id)
            .values(
                status="done",
                verdict="accepted" if score == 100 else "wrong_answer",
                score=score,
                report=fake_report(score),
                finished_at=utcnow(),
            )
        )

"""The judging life cycle as conditional updates, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db import make_engine, make_session_factory, transaction, utcnow
from api.errors import InvalidInput, PayloadTooLarge
from api.problems.service import get_current
from api.settings import Settings
from api.submissions import service
from api.submissions.models import Submission
from api.users.service import require_by_username

LIMIT = 64 * 1024


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        yield session


def new_submission(session: Session) -> int:
    user = require_by_username(session, "candidate")
    version = get_current(session, "mean-predictor")
    return service.create(session, user, version, "x = 1", max_pending=100).id


def row(session: Session, submission_id: int) -> Submission:
    session.expire_all()
    found = session.scalar(select(Submission).where(Submission.id == submission_id))
    assert found is not None
    return found


REPORT = {"verdict": "accepted", "score": 100.0, "curves": {"candidate": [1.0, float("nan")]}}


def test_a_submission_is_claimed_once_and_settled_once(session: Session) -> None:
    submission_id = new_submission(session)
    assert service.claim(session, submission_id, max_attempts=3) == 1
    assert service.claim(session, submission_id, max_attempts=3) is None  # a duplicate message
    assert service.finish(session, submission_id, 1, REPORT)
    assert not service.finish(session, submission_id, 1, REPORT)  # a redelivery
    assert not service.fail(session, submission_id, 1, "late")
    finished = row(session, submission_id)
    assert (finished.status, finished.verdict, finished.score) == ("done", "accepted", 100.0)
    assert finished.report is not None
    assert finished.report["curves"]["candidate"] == [1.0, None]  # NaN is not JSON


def test_only_the_attempt_holding_the_claim_writes_a_result(session: Session) -> None:
    submission_id = new_submission(session)
    assert service.claim(session, submission_id, 3) == 1
    later = utcnow() + datetime.timedelta(hours=1)
    outcome = service.sweep(
        session, now=later, queued_timeout=60, running_timeout=60, max_attempts=3
    )
    assert outcome.requeued == [submission_id]
    assert service.claim(session, submission_id, 3) == 2
    assert not service.finish(session, submission_id, 1, REPORT)  # the presumed-dead worker
    assert service.finish(session, submission_id, 2, REPORT)
    assert row(session, submission_id).attempts == 2


def test_the_sweep_requeues_lost_messages_and_gives_up_after_the_attempt_cap(
    session: Session,
) -> None:
    queued = new_submission(session)
    fresh = new_submission(session)
    now = utcnow()
    soon = now + datetime.timedelta(seconds=30)
    assert (
        service.sweep(
            session, now=soon, queued_timeout=60, running_timeout=60, max_attempts=2
        ).requeued
        == []
    )
    later = now + datetime.timedelta(seconds=61)
    outcome = service.sweep(
        session, now=later, queued_timeout=60, running_timeout=60, max_attempts=2
    )
    assert sorted(outcome.requeued) == sorted([queued, fresh]) and outcome.failed == []
    assert row(session, queued).status == "queued"

    for attempt in (1, 2):
        assert service.claim(session, queued, 2) == attempt
        later += datetime.timedelta(seconds=61)
        outcome = service.sweep(
            session, now=later, queued_timeout=60, running_timeout=60, max_attempts=2
        )
    assert outcome.failed == [queued]
    gave_up = row(session, queued)
    assert gave_up.status == "error" and "interrupted 2 times" in (gave_up.error or "")
    assert service.claim(session, queued, 2) is None


def test_code_must_be_utf8_json_within_64_kib() -> None:
    assert service.parse_code(b'{"code": "x = 1"}', LIMIT) == "x = 1"
    with pytest.raises(PayloadTooLarge):
        service.parse_code(b'{"code": "' + b"x" * (LIMIT + 1) + b'"}', LIMIT)
    with pytest.raises(PayloadTooLarge):
        service.parse_code(b"x" * (service.body_limit(LIMIT) + 1), LIMIT)
    service.parse_code(b'{"code": "' + b"x" * LIMIT + b'"}', LIMIT)  # exactly the limit
    for body in (
        b'{"code": "\xff\xfe"}',  # not UTF-8
        b'{"code": "\\ud800"}',  # a lone surrogate
        b'{"code": "  \\n"}',  # blank
        b'{"code": ""}',
        b'{"code": "a\\u0000b"}',
        b'{"source": "x"}',
        b"not json",
    ):
        with pytest.raises(InvalidInput):
            service.parse_code(body, LIMIT)

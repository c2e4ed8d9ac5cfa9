"""Fair queueing: the order in which workers claim queued submissions, on SQLite and
PostgreSQL (tests/worker/test_fair_queueing.py runs it under load with real workers)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from api.db import make_engine, make_session_factory, transaction
from api.problems.service import get_current
from api.settings import Settings
from api.submissions import queueing, service
from api.users.service import require_by_username

REPORT = {"verdict": "accepted", "score": 100.0}


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        yield session


def submission_of(session: Session, username: str) -> int:
    user = require_by_username(session, username)
    version = get_current(session, "mean-predictor")
    return service.create(session, user, version, "x = 1", max_pending=100).id


def test_judging_goes_round_robin_between_users(session: Session) -> None:
    """One user's backlog (three here) does not hold up another's single submission."""
    flood = [submission_of(session, "candidate") for _ in range(3)]
    single = submission_of(session, "other")
    claimed = queueing.claim_next(session, max_attempts=3)
    assert claimed == queueing.Claim(flood[0], 1)  # nobody served yet: the oldest
    assert service.finish(session, flood[0], 1, REPORT)
    assert queueing.claim_next(session, 3) == queueing.Claim(single, 1)  # not flood[1]
    assert service.finish(session, single, 1, REPORT)
    assert queueing.claim_next(session, 3) == queueing.Claim(flood[1], 1)


def test_with_two_workers_each_user_gets_one_first(session: Session) -> None:
    flood = [submission_of(session, "candidate") for _ in range(3)]
    single = submission_of(session, "other")
    assert queueing.claim_next(session, 3) == queueing.Claim(flood[0], 1)
    # A second worker, while the first still judges flood[0]:
    assert queueing.claim_next(session, 3) == queueing.Claim(single, 1)
    assert queueing.claim_next(session, 3) == queueing.Claim(flood[1], 1)
    assert queueing.claim_next(session, 3) == queueing.Claim(flood[2], 1)
    assert queueing.claim_next(session, 3) is None  # a message with nothing left to judge


def test_fair_order_prefers_fewer_running_then_least_recently_served() -> None:
    queued = queueing.QueuedSubmission
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    items = [queued(1, user_id=10), queued(2, user_id=10), queued(3, 20), queued(4, 30)]
    # Nobody running or served: users in the order their oldest submission came.
    assert queueing.fair_order(items, {}, {}) == [1, 2, 3, 4]
    # User 10 has one being judged: the others go first.
    assert queueing.fair_order(items, {10: 1}, {}) == [3, 4, 1, 2]
    # Served longest ago first; never served before everyone.
    served = {10: at, 20: at + datetime.timedelta(seconds=5)}
    assert queueing.fair_order(items, {}, served) == [4, 1, 2, 3]

"""Fair queueing: which queued submission a worker judges next.

A judge message names no submission; it says "a judging is due" (one is sent per
submission, and again by the sweep). The worker asks ``claim_next``, and the database
decides whose turn it is: round-robin between users, so one user's backlog cannot hold up
everyone else. Rejudges (api/rejudges) come after every submission somebody is waiting
for, oldest request first. Together with the cap on each user's submissions waiting
(``NUMJUDGE_PENDING_SUBMISSIONS_PER_USER``, checked in ``service.create``) a user who
submits behind a flood waits for the judgings under way and at most one of each other
waiting user.
"""

from __future__ import annotations

import dataclasses
import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.submissions.models import Submission, SubmissionStatus
from api.submissions.service import claim

# Queued submissions the fair choice looks at, oldest first: far more than users x their cap.
CLAIM_CANDIDATES = 5000


@dataclasses.dataclass(frozen=True)
class Claim:
    submission_id: int
    attempt: int


@dataclasses.dataclass(frozen=True)
class QueuedSubmission:
    id: int
    user_id: int


def fair_order(
    queued: list[QueuedSubmission],
    running: dict[int, int],
    last_served: dict[int, datetime.datetime],
) -> list[int]:
    """The queued submission ids in the order they should be judged: round-robin between
    users. Users with fewer submissions being judged come first, then the one served least
    recently (never served: first of all), then the one waiting longest; each user's own
    submissions in the order they came."""
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    def key(item: QueuedSubmission) -> tuple[int, datetime.datetime, int]:
        return running.get(item.user_id, 0), last_served.get(item.user_id, never), item.id

    first_of_user: dict[int, QueuedSubmission] = {}
    for item in sorted(queued, key=lambda item: item.id):
        first_of_user.setdefault(item.user_id, item)
    user_order = sorted(first_of_user.values(), key=key)
    rank = {item.user_id: position for position, item in enumerate(user_order)}
    return [item.id for item in sorted(queued, key=lambda item: (rank[item.user_id], item.id))]


def claim_next(session: Session, max_attempts: int) -> Claim | None:
    """Claim the submission whose turn it is (``fair_order``), or None when none is queued.
    Another worker may claim the same one first; then the next is tried."""
    waiting = session.execute(
        select(Submission.id, Submission.user_id, Submission.rejudge_id)
        .where(
            Submission.status == SubmissionStatus.QUEUED.value,
            Submission.attempts < max_attempts,
        )
        .order_by(Submission.rejudge_id.is_not(None), Submission.id)
        .limit(CLAIM_CANDIDATES)
    ).all()
    queued = [QueuedSubmission(id_, user) for id_, user, rejudge in waiting if rejudge is None]
    rejudges = [id_ for id_, _user, rejudge in waiting if rejudge is not None]
    if not queued:
        return _claim_first(session, rejudges, max_attempts)
    users = {item.user_id for item in queued}
    running = {
        user_id: int(count)
        for user_id, count in session.execute(
            select(Submission.user_id, func.count())
            .where(
                Submission.user_id.in_(users),
                Submission.status == SubmissionStatus.RUNNING.value,
            )
            .group_by(Submission.user_id)
        )
    }
    # Served: when a submission of theirs last started or finished being judged.
    last_served = {
        user_id: moment
        for user_id, moment in session.execute(
            select(Submission.user_id, func.max(Submission.status_changed_at))
            .where(
                Submission.user_id.in_(users),
                Submission.status != SubmissionStatus.QUEUED.value,
            )
            .group_by(Submission.user_id)
        )
        if moment is not None
    }
    order = fair_order(queued, running, last_served) + rejudges
    return _claim_first(session, order, max_attempts)


def _claim_first(session: Session, order: list[int], max_attempts: int) -> Claim | None:
    """Claim the first of ``order`` that no other worker claimed first."""
    for submission_id in order:
        attempt = claim(session, submission_id, max_attempts)
        if attempt is not None:
            return Claim(submission_id, attempt)
    return None

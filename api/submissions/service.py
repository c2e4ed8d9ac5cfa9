"""Submissions: accepting code, the judging life cycle (claim, finish, sweep), and reading.

State changes of the life cycle are conditional updates, so that concurrent workers,
redelivered messages and sweeps can never move a row twice or write two results.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from api.assessments import access
from api.db import MAX_ID, utcnow
from api.errors import Forbidden, InvalidInput, NotFound, PayloadTooLarge, RateLimited
from api.problems.models import Problem, ProblemVersion
from api.submissions.models import Submission, SubmissionStatus
from api.users.models import User

# JSON escapes make a body up to 6 bytes per byte of code (\uXXXX); past this, refuse unread.
BODY_OVERHEAD_FACTOR = 6
BODY_SLACK_BYTES = 4096
PENDING_STATUSES = (SubmissionStatus.QUEUED.value, SubmissionStatus.RUNNING.value)
PENDING_RETRY_SECONDS = 10


def body_limit(max_code_bytes: int) -> int:
    return max_code_bytes * BODY_OVERHEAD_FACTOR + BODY_SLACK_BYTES


def parse_code(body: bytes, max_code_bytes: int, *, allow_empty: bool = False) -> str:
    """The ``code`` of a ``{"code": "..."}`` body, or the error that says what is wrong.

    ``allow_empty``: a draft may be empty (the candidate cleared the editor); code to judge
    may not."""
    limit_text = f"{max_code_bytes} bytes ({max_code_bytes // 1024} KiB)"
    if len(body) > body_limit(max_code_bytes):
        raise PayloadTooLarge(f"the request is too large; code may have at most {limit_text}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"the request body is not UTF-8 (byte {error.start}); save the code as UTF-8"
        ) from error
    try:
        payload = json.loads(text)
    except ValueError as error:
        raise InvalidInput(
            f'the body must be JSON {{"code": "<python source>"}}: {error}'
        ) from error
    except RecursionError as error:
        raise InvalidInput(
            'the JSON body is nested too deeply to read; send {"code": "<python source>"}'
        ) from error
    code = payload.get("code") if isinstance(payload, dict) else None
    if not isinstance(code, str):
        raise InvalidInput('the body must be JSON {"code": "<python source>"} with a string code')
    try:
        size = len(code.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise InvalidInput(
            f"the code is not valid UTF-8 text (character {error.start}); remove it"
        ) from error
    if size > max_code_bytes:
        raise PayloadTooLarge(f"the code has {size} bytes; at most {limit_text} are accepted")
    if not code.strip() and not allow_empty:
        raise InvalidInput("the code is empty; write a solution (start from the starter code)")
    if "\x00" in code:
        raise InvalidInput("the code contains a NUL character; remove it")
    return code


def json_safe(value: Any) -> Any:
    """``value`` with NaN and infinities as None: neither JSON nor PostgreSQL accept them."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def create(
    session: Session, user: User, version: ProblemVersion, code: str, *, max_pending: int
) -> Submission:
    """A queued submission, unless the user has ``max_pending`` queued or being judged.

    Counted after the insert, so that two submissions at once cannot both pass: on SQLite
    the insert holds the one write lock until the request commits or rolls back; on
    PostgreSQL the user's row is locked first, which queues that user's submissions."""
    session.execute(select(User.id).where(User.id == user.id).with_for_update())
    submission = Submission(
        user=user,
        problem_version=version,
        code=code,
        status=SubmissionStatus.QUEUED.value,
        status_changed_at=utcnow(),
    )
    session.add(submission)
    session.flush()
    pending = session.scalar(
        select(func.count())
        .select_from(Submission)
        .where(
            Submission.user_id == user.id,
            Submission.status.in_(PENDING_STATUSES),
            Submission.rejudge_id.is_(None),  # an admin's rejudge is not the user's backlog
        )
    )
    if (pending or 0) > max_pending:
        raise RateLimited(
            f"you have {max_pending} submissions waiting to be judged; wait until one has its "
            "result, then submit again",
            retry_after=PENDING_RETRY_SECONDS,
        )
    return submission


def get_visible(session: Session, viewer: User, submission_id: int) -> Submission:
    """A submission the viewer may see (``api.assessments.access.submission_visible``):
    their own; for an interviewer also those of attempts at assessments they own or that are
    shared with them; for an admin any.

    Any other is "not found" rather than "forbidden", so ids reveal nothing.
    """
    found = (
        session.scalar(
            select(Submission).where(
                Submission.id == submission_id, access.submission_visible(viewer)
            )
        )
        if 1 <= submission_id <= MAX_ID
        else None
    )
    if found is None:
        raise NotFound(f"no submission {submission_id}; GET /api/v1/submissions lists yours")
    return found


def list_visible(
    session: Session, viewer: User, *, problem: str | None, username: str | None, limit: int
) -> list[Submission]:
    """The viewer's history; interviewers and admins may ask for someone else's, and get
    the part of it they may see (an interviewer: the attempts at their assessments)."""
    owner_id = viewer.id
    if username is not None and username != viewer.username:
        if not viewer.role_enum.is_staff:
            raise Forbidden("only interviewers and admins can list other users' submissions")
        owner = session.scalar(select(User).where(User.username == username))
        if owner is None:
            raise NotFound(f"no user named '{username}'")
        owner_id = owner.id
    query = select(Submission).where(
        Submission.user_id == owner_id, access.submission_visible(viewer)
    )
    if problem is not None:
        query = (
            query.join(ProblemVersion, Submission.problem_version_id == ProblemVersion.id)
            .join(Problem, ProblemVersion.problem_id == Problem.id)
            .where(Problem.slug == problem)
        )
    query = query.order_by(Submission.created_at.desc(), Submission.id.desc()).limit(limit)
    return list(session.scalars(query))


def best_scores(session: Session, user: User, slug: str | None = None) -> dict[str, float]:
    """The user's best judged score per problem slug (over every version); of the problem
    ``slug`` only when given (a problem's page: not a scan of every submission of theirs)."""
    query = (
        select(Problem.slug, func.max(Submission.score))
        .join(ProblemVersion, Submission.problem_version_id == ProblemVersion.id)
        .join(Problem, ProblemVersion.problem_id == Problem.id)
        .where(Submission.user_id == user.id, Submission.status == SubmissionStatus.DONE.value)
        .group_by(Problem.slug)
    )
    rows = session.execute(query if slug is None else query.where(Problem.slug == slug))
    return {slug: float(score) for slug, score in rows if score is not None}


def claim(session: Session, submission_id: int, max_attempts: int) -> int | None:
    """Move a queued submission to running for one more attempt; its number, or None when
    the row moved on (judged, being judged, or out of attempts)."""
    result = session.execute(
        update(Submission)
        .where(
            Submission.id == submission_id,
            Submission.status == SubmissionStatus.QUEUED.value,
            Submission.attempts < max_attempts,
        )
        .values(
            status=SubmissionStatus.RUNNING.value,
            attempts=Submission.attempts + 1,
            status_changed_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.scalar(select(Submission.attempts).where(Submission.id == submission_id))


def _settle(session: Session, submission_id: int, attempt: int, values: dict[str, Any]) -> bool:
    now = utcnow()
    result = session.execute(
        update(Submission)
        .where(
            Submission.id == submission_id,
            Submission.status == SubmissionStatus.RUNNING.value,
            Submission.attempts == attempt,
        )
        .values(status_changed_at=now, finished_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


def finish(session: Session, submission_id: int, attempt: int, report: dict[str, Any]) -> bool:
    """Record the report of ``attempt``; False when that attempt no longer owns the row."""
    return _settle(
        session,
        submission_id,
        attempt,
        {
            "status": SubmissionStatus.DONE.value,
            "verdict": str(report["verdict"]),
            "score": float(report["score"]),
            "report": json_safe(report),
            "error": None,
        },
    )


def fail(session: Session, submission_id: int, attempt: int, message: str) -> bool:
    return _settle(
        session, submission_id, attempt, {"status": SubmissionStatus.ERROR.value, "error": message}
    )


def release(session: Session, submission_id: int, attempt: int) -> bool:
    """Give a claimed submission back to the queue (the judge could not run it just now)."""
    result = session.execute(
        update(Submission)
        .where(
            Submission.id == submission_id,
            Submission.status == SubmissionStatus.RUNNING.value,
            Submission.attempts == attempt,
        )
        .values(status=SubmissionStatus.QUEUED.value, status_changed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


@dataclasses.dataclass(frozen=True)
class SweepOutcome:
    requeued: list[int]  # to enqueue again once committed
    failed: list[int]  # out of attempts, now ``error``


def out_of_attempts_message(attempts: int) -> str:
    return (
        f"judging was interrupted {attempts} times (a worker stopped or ran out of time) and "
        "was given up; submit again, and tell an admin if it keeps happening"
    )


def sweep(
    session: Session,
    *,
    now: datetime.datetime,
    queued_timeout: float,
    running_timeout: float,
    max_attempts: int,
) -> SweepOutcome:
    """Take back what a lost message or a dead worker left behind.

    ``queued`` for longer than ``queued_timeout``: its message may be lost, so it is sent
    again (a duplicate finds the row claimed and stops). ``running`` for longer than
    ``running_timeout``: its worker died; it goes back to ``queued``, or to ``error`` once
    it has used ``max_attempts``. Each move is conditional on the state that was read, so
    sweeps on several workers at once do each move once.
    """
    requeued: list[int] = []
    failed: list[int] = []
    stale_queued = now - datetime.timedelta(seconds=queued_timeout)
    stale_running = now - datetime.timedelta(seconds=running_timeout)
    candidates = session.execute(
        select(Submission.id, Submission.status, Submission.attempts, Submission.status_changed_at)
        .where(
            (
                (Submission.status == SubmissionStatus.QUEUED.value)
                & (Submission.status_changed_at < stale_queued)
            )
            | (
                (Submission.status == SubmissionStatus.RUNNING.value)
                & (Submission.status_changed_at < stale_running)
            )
        )
        .order_by(Submission.id)
        .limit(500)
    ).all()
    for submission_id, status, attempts, changed_at in candidates:
        values: dict[str, Any] = {"status_changed_at": now}
        if status == SubmissionStatus.RUNNING.value and attempts >= max_attempts:
            values |= {
                "status": SubmissionStatus.ERROR.value,
                "error": out_of_attempts_message(attempts),
                "finished_at": now,
            }
        elif status == SubmissionStatus.RUNNING.value:
            values["status"] = SubmissionStatus.QUEUED.value
        result = session.execute(
            update(Submission)
            .where(
                Submission.id == submission_id,
                Submission.status == status,
                Submission.status_changed_at == changed_at,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) != 1:
            continue
        (failed if values.get("status") == SubmissionStatus.ERROR.value else requeued).append(
            submission_id
        )
    return SweepOutcome(requeued, failed)

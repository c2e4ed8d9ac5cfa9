"""Attempts: an invitation's link, the candidate who used it, the clock, and the end.

The deadline is stored when the clock starts; every write a candidate makes to a problem of
an attempt (a Run, a submission, a draft, a snapshot) is checked against it here, so the
server, not the page's timer, decides when time is up. When it is, the attempt is
finalised exactly once (a conditional update on ``finalized_at``): the last draft saved
during the attempt of each problem becomes a queued submission marked final, judged by the
ordinary workers. The worker's sweep finalises attempts whose deadline passed with nobody
watching, so a restart loses nothing: the rows say what is due.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

import api.models  # noqa: F401 (see below)
from api.assessments.models import (
    Assessment,
    AssessmentProblem,
    Attempt,
    AttemptStatus,
    AttemptSubmission,
    Snapshot,
)
from api.assessments.schemas import SnapshotCreate
from api.db import MAX_ID
from api.drafts.models import Draft
from api.errors import Conflict, Forbidden, NotFound
from api.formatting import format_time
from api.problems import service as problems
from api.problems.models import ProblemVersion
from api.submissions import service as submissions
from api.submissions.models import Submission
from api.users.models import User

# ``import api.models`` above: this module makes submissions in processes that never load the
# whole app (the worker's sweep, ``numjudge demo``), and a new row's foreign keys resolve only
# when every table is known (``submissions.rejudge_id`` names ``rejudges``).
TOKEN_BYTES = 32
# A final draft is taken this long after the deadline, so that a save the server accepted
# just before it has been committed.
FINALIZE_GRACE_SECONDS = 5
# Final submissions are the system's, not the candidate's: never refused for the cap.
NO_PENDING_CAP = 10**6
DUE_BATCH = 100
INVITE_PATH = "/invite"  # the page of every invite link; the token follows '#'


def invite_link(base_url: str, token: str) -> str:
    """The link a candidate opens; the token after '#' never reaches a server in a URL."""
    return f"{base_url.rstrip('/')}{INVITE_PATH}#{token}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    session: Session, inviter: User, assessment: Assessment, label: str
) -> tuple[Attempt, str]:
    """A new single-use link; the token (the secret) is returned once and kept hashed."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    attempt = Attempt(
        assessment=assessment,
        token_hash=token_digest(token),
        label=label.strip() or "candidate",
        invited_by_id=inviter.id,
    )
    session.add(attempt)
    session.flush()
    return attempt, token


def by_token(session: Session, token: str) -> Attempt:
    attempt = session.scalar(select(Attempt).where(Attempt.token_hash == token_digest(token)))
    if attempt is None:
        raise NotFound(
            "this invite link is not valid; check it, or ask your interviewer for a new one"
        )
    return attempt


def accept(session: Session, user: User, attempt: Attempt, now: datetime.datetime) -> Attempt:
    """Give the link's attempt to ``user``. Single use: a conditional update, so two
    accounts racing for one link cannot both get it. Using it again is harmless."""
    if user.role_enum.is_staff:
        raise Forbidden(
            "interviewers and admins cannot take assessments; open the link logged out or as "
            "the candidate"
        )
    if attempt.candidate_id == user.id:
        return attempt
    closes = attempt.assessment.closes_at
    if closes is not None and now >= closes:
        raise Forbidden(f"this assessment closed at {format_time(closes)}; ask your interviewer")
    result = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.candidate_id.is_(None))
        .values(candidate_id=user.id, accepted_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise Conflict("this invite link was already used; ask your interviewer for a new one")
    session.refresh(attempt)
    return attempt


def get_own(session: Session, user: User, attempt_id: int) -> Attempt:
    attempt = session.get(Attempt, attempt_id) if 1 <= attempt_id <= MAX_ID else None
    if attempt is None or attempt.candidate_id != user.id:
        raise NotFound(f"no attempt {attempt_id} of yours; GET /api/v1/me/attempts lists them")
    return attempt


def list_own(session: Session, user: User) -> list[Attempt]:
    return list(
        session.scalars(
            select(Attempt)
            .where(Attempt.candidate_id == user.id)
            .order_by(Attempt.accepted_at.desc(), Attempt.id.desc())
        )
    )


def start(session: Session, attempt: Attempt, now: datetime.datetime) -> Attempt:
    """Start the clock (once; starting again changes nothing). The deadline is the time
    limit from now, or the assessment's closing time when that comes first."""
    if attempt.started_at is not None:
        return attempt
    assessment = attempt.assessment
    if assessment.opens_at is not None and now < assessment.opens_at:
        raise Forbidden(
            f"this assessment opens at {format_time(assessment.opens_at)}; come back then"
        )
    if assessment.closes_at is not None and now >= assessment.closes_at:
        raise Forbidden(f"this assessment closed at {format_time(assessment.closes_at)}")
    deadline = now + datetime.timedelta(minutes=assessment.time_limit_minutes)
    if assessment.closes_at is not None:
        deadline = min(deadline, assessment.closes_at)
    session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.started_at.is_(None))
        .values(started_at=now, deadline=deadline)
        .execution_options(synchronize_session=False)
    )
    session.refresh(attempt)
    return attempt


def time_is_up(attempt: Attempt) -> Forbidden:
    deadline = format_time(attempt.deadline) if attempt.deadline else "its deadline"
    return Forbidden(
        f"time is up: '{attempt.assessment.title}' ended at {deadline}; your last saved draft "
        "of each problem is judged as your final attempt"
    )


def latest_started_with(session: Session, user: User, problem_id: int) -> Attempt | None:
    """The user's latest started attempt whose assessment contains the problem."""
    return session.scalar(
        select(Attempt)
        .join(AssessmentProblem, AssessmentProblem.assessment_id == Attempt.assessment_id)
        .where(
            Attempt.candidate_id == user.id,
            Attempt.started_at.is_not(None),
            AssessmentProblem.problem_id == problem_id,
        )
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(1)
    )


def open_attempt_for(
    session: Session, user: User, problem_id: int, now: datetime.datetime
) -> Attempt | None:
    """The attempt a candidate's work on this problem belongs to (their latest started one
    containing it), or None when there is none. Raises 403 "time is up" when it has ended:
    after the deadline nothing the candidate sends may change the outcome."""
    attempt = latest_started_with(session, user, problem_id)
    if attempt is None:
        return None
    if attempt.status_at(now) is AttemptStatus.FINISHED:
        raise time_is_up(attempt)
    return attempt


def refuse_guidance_while_held(
    session: Session, user: User, problem_id: int, now: datetime.datetime
) -> None:
    """403 while the user holds an unfinished attempt (accepted or under way) whose
    assessment contains the problem: hints and the editorial would give the answers away."""
    held = session.scalars(
        select(Attempt)
        .join(AssessmentProblem, AssessmentProblem.assessment_id == Attempt.assessment_id)
        .where(
            Attempt.candidate_id == user.id,
            Attempt.finalized_at.is_(None),
            AssessmentProblem.problem_id == problem_id,
        )
    )
    for attempt in held:
        if attempt.status_at(now) is not AttemptStatus.FINISHED:
            raise Forbidden(
                f"hints and the editorial are closed while you take '{attempt.assessment.title}'; "
                "they open when it has ended"
            )


def record_submission(session: Session, attempt: Attempt, submission: Submission) -> None:
    session.add(
        AttemptSubmission(
            attempt_id=attempt.id,
            submission_id=submission.id,
            problem_id=submission.problem_version.problem_id,
        )
    )
    session.flush()


def add_snapshot(
    session: Session, attempt: Attempt, spec: SnapshotCreate, now: datetime.datetime
) -> Snapshot:
    version = problems.get_current(session, spec.problem)
    if not any(item.problem_id == version.problem_id for item in attempt.assessment.problems):
        raise NotFound(f"'{spec.problem}' is not a problem of this assessment")
    status = attempt.status_at(now)
    if status is AttemptStatus.FINISHED:
        raise time_is_up(attempt)
    if status is not AttemptStatus.IN_PROGRESS:
        raise Forbidden("the assessment has not started; open it first")
    snapshot = Snapshot(
        attempt_id=attempt.id,
        problem_id=version.problem_id,
        kind=spec.kind.value,
        code=spec.code,
        detail=spec.detail,
        created_at=now,
    )
    session.add(snapshot)
    session.flush()
    return snapshot


def finish(session: Session, attempt: Attempt, now: datetime.datetime) -> list[int]:
    """The candidate is done before time: the deadline becomes now, then finalise."""
    if attempt.status_at(now) is not AttemptStatus.IN_PROGRESS:
        raise Conflict(f"the attempt is {attempt.status_at(now).value}, not in progress")
    return finalize(session, attempt, now) or []


def finalize(session: Session, attempt: Attempt, now: datetime.datetime) -> list[int] | None:
    """Judge the last draft of each problem as the final attempt, once. Answers the ids of
    the submissions created (the caller enqueues their judging after the commit), or None
    when someone else finalised the attempt first."""
    assert attempt.deadline is not None and attempt.started_at is not None
    deadline = min(attempt.deadline, now)
    claimed = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.finalized_at.is_(None))
        .values(finalized_at=now, deadline=deadline)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", 0) != 1:
        return None
    session.refresh(attempt)
    candidate = attempt.candidate
    assert candidate is not None
    created: list[int] = []
    for item in attempt.assessment.problems:
        submission = final_submission(session, attempt, candidate, item.problem_id)
        if submission is not None:
            created.append(submission)
    return created


def final_submission(
    session: Session, attempt: Attempt, candidate: User, problem_id: int
) -> int | None:
    """Mark the problem's final attempt; the id of a new submission when one was needed."""
    assert attempt.started_at is not None and attempt.deadline is not None
    last = session.scalar(
        select(AttemptSubmission)
        .where(
            AttemptSubmission.attempt_id == attempt.id, AttemptSubmission.problem_id == problem_id
        )
        .order_by(AttemptSubmission.submission_id.desc())
        .limit(1)
    )
    last_code = (
        session.scalar(select(Submission.code).where(Submission.id == last.submission_id))
        if last is not None
        else None
    )
    draft = session.get(Draft, (candidate.id, problem_id))
    written = (
        draft is not None
        and draft.code.strip() != ""
        and attempt.started_at <= draft.updated_at
        and draft.code != last_code
    )
    if not written:
        if last is not None:
            last.is_final = True
        return None
    assert draft is not None
    version = current_version(session, problem_id)
    submission = submissions.create(
        session, candidate, version, draft.code, max_pending=NO_PENDING_CAP
    )
    session.add(
        AttemptSubmission(
            attempt_id=attempt.id, submission_id=submission.id, problem_id=problem_id, is_final=True
        )
    )
    session.flush()
    return submission.id


def current_version(session: Session, problem_id: int) -> ProblemVersion:
    version = session.scalar(
        select(ProblemVersion).where(
            ProblemVersion.problem_id == problem_id, ProblemVersion.is_current.is_(True)
        )
    )
    if version is None:  # a problem is never removed while an assessment names it
        raise NotFound(f"problem {problem_id} has no current version")
    return version


@dataclasses.dataclass(frozen=True)
class Finalized:
    attempts: list[int]
    submissions: list[int]


def finalize_due(session: Session, now: datetime.datetime) -> Finalized:
    """Finalise every attempt whose deadline passed (with the grace) and nobody finalised."""
    cutoff = now - datetime.timedelta(seconds=FINALIZE_GRACE_SECONDS)
    due = list(
        session.scalars(
            select(Attempt)
            .where(
                Attempt.finalized_at.is_(None),
                Attempt.deadline.is_not(None),
                Attempt.deadline <= cutoff,
            )
            .order_by(Attempt.deadline)
            .limit(DUE_BATCH)
        )
    )
    attempts: list[int] = []
    created: list[int] = []
    for attempt in due:
        outcome = finalize(session, attempt, now)
        if outcome is not None:
            created.extend(outcome)
            attempts.append(attempt.id)
    return Finalized(attempts, created)


def list_for_assessment(session: Session, assessment_id: int) -> list[Attempt]:
    return list(
        session.scalars(
            select(Attempt).where(Attempt.assessment_id == assessment_id).order_by(Attempt.id)
        )
    )

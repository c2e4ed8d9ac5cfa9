"""Rejudging: earlier submissions judged again against a problem's current version.

Each submission judged again gets a new submission row with the same user and code
(``rejudge_of_id`` points back), so the old result stays as it was and the new one sits
beside it; the queue judges these rows after every submission somebody is waiting for
(``api.submissions.queueing``), and a user's rejudges never count against their own limit
of waiting submissions. Services only add and flush; the router commits and enqueues.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from api.db import MAX_ID, utcnow
from api.errors import Conflict, NotFound
from api.problems import service as problems
from api.problems.models import ProblemVersion
from api.rejudges.models import Rejudge
from api.rejudges.schemas import RejudgedSubmission, RejudgeRead
from api.submissions.models import Submission, SubmissionStatus
from api.users.models import User

MAX_PER_REQUEST = 5000  # submissions one request may judge again
ITEMS_SHOWN = 500
FINAL = (SubmissionStatus.DONE.value, SubmissionStatus.ERROR.value)


def _start(
    session: Session, admin: User, version: ProblemVersion, originals: list[Submission], scope: str
) -> Rejudge:
    rejudge = Rejudge(problem_version_id=version.id, requested_by_id=admin.id, scope=scope[:200])
    session.add(rejudge)
    session.flush()
    now = utcnow()
    session.add_all(
        Submission(
            user_id=original.user_id,
            problem_version_id=version.id,
            code=original.code,
            status=SubmissionStatus.QUEUED.value,
            status_changed_at=now,
            rejudge_of_id=original.id,
            rejudge_id=rejudge.id,
        )
        for original in originals
    )
    session.flush()
    return rejudge


def rejudge_submission(session: Session, admin: User, submission_id: int) -> Rejudge:
    """Judge one submission again (a rejudge of a rejudge judges the original again)."""
    found = session.get(Submission, submission_id) if 1 <= submission_id <= MAX_ID else None
    if found is None:
        raise NotFound(f"no submission {submission_id}")
    original = session.get(Submission, found.rejudge_of_id) if found.rejudge_of_id else found
    assert original is not None
    if original.status not in FINAL:
        raise Conflict(
            f"submission {original.id} is still being judged; rejudge it once it has a result"
        )
    version = problems.get_current(session, original.problem_version.slug)
    return _start(session, admin, version, [original], f"submission {original.id}")


def rejudge_problem(session: Session, admin: User, slug: str, number: int | None) -> Rejudge:
    """Judge again every judged submission of a problem (of one version of it, if given)."""
    version = problems.get_current(session, slug)
    query = (
        select(Submission)
        .join(ProblemVersion, Submission.problem_version_id == ProblemVersion.id)
        .where(
            ProblemVersion.problem_id == version.problem_id,
            Submission.rejudge_of_id.is_(None),
            Submission.status.in_(FINAL),
        )
        .order_by(Submission.id)
        .limit(MAX_PER_REQUEST + 1)
    )
    if number is not None:
        query = query.where(ProblemVersion.number == number)
    originals = list(session.scalars(query))
    which = f"'{slug}'" + (f" version {number}" if number is not None else "")
    if not originals:
        raise NotFound(f"no judged submissions of {which} to rejudge")
    if len(originals) > MAX_PER_REQUEST:
        raise Conflict(
            f"{which} has more than {MAX_PER_REQUEST} judged submissions: rejudge one "
            "version at a time"
        )
    return _start(session, admin, version, originals, f"every submission of {which}")


def read(session: Session, rejudge_id: int) -> RejudgeRead:
    rejudge = session.get(Rejudge, rejudge_id) if 1 <= rejudge_id <= MAX_ID else None
    if rejudge is None:
        raise NotFound(f"no rejudge {rejudge_id}; GET /api/v1/rejudges lists them")
    new, old = aliased(Submission), aliased(Submission)
    rows = session.execute(
        select(new, old.verdict, old.score)
        .join(old, new.rejudge_of_id == old.id)
        .where(new.rejudge_id == rejudge.id)
        .order_by(new.id)
    ).all()
    items = [
        RejudgedSubmission(
            original_id=submission.rejudge_of_id or 0,
            rejudge_id=submission.id,
            username=submission.user.username,
            status=submission.status,
            old_verdict=old_verdict,
            old_score=old_score,
            new_verdict=submission.verdict,
            new_score=submission.score,
        )
        for submission, old_verdict, old_score in rows
    ]
    version = session.get(ProblemVersion, rejudge.problem_version_id)
    assert version is not None
    requester = session.get(User, rejudge.requested_by_id) if rejudge.requested_by_id else None
    count = {status: sum(1 for i in items if i.status == status) for status in SubmissionStatus}
    return RejudgeRead(
        id=rejudge.id,
        problem=version.slug,
        version=version.number,
        scope=rejudge.scope,
        requested_by=requester.username if requester else None,
        created_at=rejudge.created_at,
        total=len(items),
        queued=count[SubmissionStatus.QUEUED],
        running=count[SubmissionStatus.RUNNING],
        done=count[SubmissionStatus.DONE],
        error=count[SubmissionStatus.ERROR],
        changed=sum(
            1
            for i in items
            if i.status in FINAL and (i.new_verdict, i.new_score) != (i.old_verdict, i.old_score)
        ),
        submissions=items[:ITEMS_SHOWN],
    )


def recent(session: Session, limit: int = 50) -> list[RejudgeRead]:
    ids = session.scalars(select(Rejudge.id).order_by(Rejudge.id.desc()).limit(limit))
    return [read(session, rejudge_id) for rejudge_id in ids]

"""``/rejudges``: admins judge earlier submissions again (old results are kept)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, status
from sqlalchemy.orm import Session

from api.auth import CurrentAdmin
from api.db import SessionDep, after_commit
from api.dependencies import QueueDep, require_json
from api.queue import JobQueue
from api.rejudges import service
from api.rejudges.models import Rejudge
from api.rejudges.schemas import RejudgeRead, RejudgeRequest

router = APIRouter(tags=["rejudges"])


def _started(session: Session, queue: JobQueue, start: Callable[[], Rejudge]) -> RejudgeRead:
    """Start a rejudge; one "a judging is due" message per new row, once committed."""
    started = service.read(session, start().id)
    for _ in range(started.total):
        after_commit(session, queue.enqueue_judging)
    return started


@router.post(
    "/submissions/{submission_id}/rejudge",
    response_model=RejudgeRead,
    status_code=status.HTTP_202_ACCEPTED,
)
def rejudge_submission(
    submission_id: int, session: SessionDep, admin: CurrentAdmin, queue: QueueDep
) -> RejudgeRead:
    """Judge one submission again against its problem's current version (admins)."""
    return _started(
        session, queue, lambda: service.rejudge_submission(session, admin, submission_id)
    )


@router.post(
    "/problems/{slug}/rejudge",
    response_model=RejudgeRead,
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(require_json)],
)
def rejudge_problem(
    slug: str, request: RejudgeRequest, session: SessionDep, admin: CurrentAdmin, queue: QueueDep
) -> RejudgeRead:
    """Judge every judged submission of the problem again (``{"version": N}``: only those
    judged against version N) against its current version (admins)."""
    return _started(
        session, queue, lambda: service.rejudge_problem(session, admin, slug, request.version)
    )


@router.get("/rejudges", response_model=list[RejudgeRead])
def list_rejudges(session: SessionDep, _admin: CurrentAdmin) -> list[RejudgeRead]:
    """The latest rejudges with their progress (admins)."""
    return service.recent(session)


@router.get("/rejudges/{rejudge_id}", response_model=RejudgeRead)
def get_rejudge(rejudge_id: int, session: SessionDep, _admin: CurrentAdmin) -> RejudgeRead:
    """One rejudge: how many are queued, running, done, failed, changed; old beside new."""
    return service.read(session, rejudge_id)

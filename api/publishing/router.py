"""``/package-drafts/{id}/validations`` and ``/publish``: admins judge a draft's known
submissions in containers, then publish a draft that passed as a new problem version."""

from __future__ import annotations

import functools

from fastapi import APIRouter, Depends, status

from api.auth import CurrentAdmin
from api.db import SessionDep, after_commit
from api.dependencies import QueueDep, require_json
from api.publishing import service
from api.publishing.schemas import Published, PublishRequest, ValidationRead

router = APIRouter(tags=["package publishing"])


@router.post(
    "/package-drafts/{draft_id}/validations",
    response_model=ValidationRead,
    status_code=status.HTTP_202_ACCEPTED,
)
def validate_draft(
    draft_id: int, session: SessionDep, admin: CurrentAdmin, queue: QueueDep
) -> ValidationRead:
    """Judge the draft's reference and every known submission (``submissions/
    expected.yaml``) on a worker, the package's code only in containers; poll
    ``…/validations/latest`` for the outcomes (admins)."""
    validation = service.request_validation(session, admin, draft_id)
    after_commit(session, functools.partial(queue.enqueue_validation, validation.id))
    return ValidationRead.build(validation, validation.revision)


@router.get("/package-drafts/{draft_id}/validations/latest", response_model=ValidationRead)
def latest_validation(draft_id: int, session: SessionDep, _admin: CurrentAdmin) -> ValidationRead:
    """The draft's latest validation: its status, each known submission's expected outcome
    beside the one it got, and whether the draft changed since (``stale``) (admins)."""
    validation, draft = service.get_latest(session, draft_id)
    return ValidationRead.build(validation, draft.revision)


@router.post(
    "/package-drafts/{draft_id}/publish",
    response_model=Published,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def publish_draft(
    draft_id: int, request: PublishRequest, session: SessionDep, admin: CurrentAdmin
) -> Published:
    """``{"revision": N}``: make revision N of the draft the current version of its
    problem. 409 unless the latest validation passed for exactly revision N, N is still
    the draft's revision, and the problem has not moved on since the draft was copied
    (admins). Earlier submissions keep the version they were judged against."""
    version, created = service.publish(session, admin, draft_id, request.revision)
    return Published(
        slug=version.slug,
        version=version.number,
        digest=version.digest,
        created=created,
        problem_url=f"/problems/{version.slug}",
    )

"""``/problems/{slug}/draft``: the caller's own draft for a problem. Nobody else's draft is
ever readable, staff included: a draft is work in progress, a submission is what is shown."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from api import ratelimit
from api.assessments import attempts
from api.auth import CurrentUser
from api.db import SessionDep, utcnow
from api.dependencies import RedisDep, SettingsDep
from api.drafts import service
from api.drafts.schemas import DraftRead, DraftSaved
from api.errors import NotFound
from api.problems import service as problems
from api.submissions.router import CODE_BODY, CodeBodyDep
from api.submissions.service import parse_code

router = APIRouter(tags=["drafts"])


def read_draft_code(body: CodeBodyDep, settings: SettingsDep) -> str:
    """Like submitted code (413 past the limit, 422 when not UTF-8 or not JSON), but a
    draft may be empty."""
    return parse_code(body, settings.max_code_bytes, allow_empty=True)


DraftCodeDep = Annotated[str, Depends(read_draft_code)]


@router.get("/problems/{slug}/draft", response_model=DraftRead)
def get_draft(slug: str, session: SessionDep, user: CurrentUser) -> DraftRead:
    """The code the caller last saved for this problem; 404 when there is none."""
    problem = problems.get_current(session, slug).problem
    draft = service.get(session, user, problem)
    if draft is None:
        raise NotFound(f"no draft saved for '{slug}'; PUT /api/v1/problems/{slug}/draft saves one")
    return DraftRead.build(draft, slug)


@router.put("/problems/{slug}/draft", response_model=DraftSaved, openapi_extra=CODE_BODY)
def save_draft(
    slug: str,
    code: DraftCodeDep,
    session: SessionDep,
    user: CurrentUser,
    redis_client: RedisDep,
) -> DraftSaved:
    """Save ``{"code"}`` as the caller's draft (empty allowed); answers its new revision.
    403 "time is up" once the assessment the problem belongs to has ended for the caller."""
    problem = problems.get_current(session, slug).problem
    attempts.open_attempt_for(session, user, problem.id, utcnow())
    ratelimit.hit(redis_client, "drafts", str(user.id), service.SAVES_PER_MINUTE, "draft saves")
    return DraftSaved.build(service.save(session, user, problem, code), slug)


@router.delete("/problems/{slug}/draft", status_code=status.HTTP_204_NO_CONTENT)
def discard_draft(slug: str, session: SessionDep, user: CurrentUser) -> Response:
    """Forget the caller's draft (back to the starter code); nothing to forget is fine too."""
    problem = problems.get_current(session, slug).problem
    attempts.open_attempt_for(session, user, problem.id, utcnow())
    service.discard(session, user, problem)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

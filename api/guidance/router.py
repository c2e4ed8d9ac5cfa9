"""``/problems/{slug}/hints`` and ``/problems/{slug}/editorial``."""

from __future__ import annotations

from fastapi import APIRouter

from api.assessments import attempts
from api.auth import CurrentUser
from api.db import SessionDep, utcnow
from api.guidance import service
from api.guidance.schemas import EditorialRead, HintsRead
from api.problems import service as problems

router = APIRouter(tags=["guidance"])


@router.get("/problems/{slug}/hints", response_model=HintsRead)
def get_hints(slug: str, session: SessionDep, user: CurrentUser) -> HintsRead:
    """The hints the caller has revealed so far, and how many there are (staff: all); 403
    while the caller holds an unfinished assessment with this problem."""
    version = problems.get_current(session, slug)
    attempts.refuse_guidance_while_held(session, user, version.problem_id, utcnow())
    return service.hints(session, user, version)


@router.post("/problems/{slug}/hints/reveal", response_model=HintsRead)
def reveal_hint(slug: str, session: SessionDep, user: CurrentUser) -> HintsRead:
    """Reveal the next hint (nothing changes once every hint is shown); 403 during an
    assessment with this problem."""
    version = problems.get_current(session, slug)
    attempts.refuse_guidance_while_held(session, user, version.problem_id, utcnow())
    return service.reveal_next(session, user, version)


@router.get("/problems/{slug}/editorial", response_model=EditorialRead)
def get_editorial(slug: str, session: SessionDep, user: CurrentUser) -> EditorialRead:
    """The derivation, the reference's choices and the classic mistakes; 403 for a
    candidate until their first submission to the problem, and while they hold an
    unfinished assessment with it."""
    version = problems.get_current(session, slug)
    attempts.refuse_guidance_while_held(session, user, version.problem_id, utcnow())
    return service.editorial(session, user, version)

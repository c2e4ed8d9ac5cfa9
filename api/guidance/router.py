"""``/problems/{slug}/hints`` and ``/problems/{slug}/editorial``."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import CurrentUser
from api.db import SessionDep
from api.guidance import service
from api.guidance.schemas import EditorialRead, HintsRead
from api.problems import service as problems

router = APIRouter(tags=["guidance"])


@router.get("/problems/{slug}/hints", response_model=HintsRead)
def get_hints(slug: str, session: SessionDep, user: CurrentUser) -> HintsRead:
    """The hints the caller has revealed so far, and how many there are (staff: all)."""
    return service.hints(session, user, problems.get_current(session, slug))


@router.post("/problems/{slug}/hints/reveal", response_model=HintsRead)
def reveal_hint(slug: str, session: SessionDep, user: CurrentUser) -> HintsRead:
    """Reveal the next hint (nothing changes once every hint is shown)."""
    return service.reveal_next(session, user, problems.get_current(session, slug))


@router.get("/problems/{slug}/editorial", response_model=EditorialRead)
def get_editorial(slug: str, session: SessionDep, user: CurrentUser) -> EditorialRead:
    """The derivation, the reference's choices and the classic mistakes; 403 for a
    candidate until their first submission to the problem."""
    return service.editorial(session, user, problems.get_current(session, slug))

from __future__ import annotations

from fastapi import APIRouter

from api.auth import CurrentUser
from api.db import SessionDep
from api.problems import service
from api.problems.schemas import ProblemDetail, ProblemSummary, TopicProgress
from api.submissions.service import best_scores
from api.users.models import Role

router = APIRouter(tags=["problems"])


@router.get("/problems", response_model=list[ProblemSummary])
def list_problems(session: SessionDep, user: CurrentUser) -> list[ProblemSummary]:
    best = best_scores(session, user)
    return [ProblemSummary.build(v, best.get(v.slug)) for v in service.list_current(session)]


@router.get("/problems/progress", response_model=list[TopicProgress])
def topic_progress(session: SessionDep, user: CurrentUser) -> list[TopicProgress]:
    """Per topic of the curriculum: how many problems it has, how many the caller solved
    (best score 100) and how many they tried without solving."""
    best = best_scores(session, user)
    listed = [ProblemSummary.build(v, best.get(v.slug)) for v in service.list_current(session)]
    return TopicProgress.summarise(listed)


@router.get("/problems/{slug}", response_model=ProblemDetail)
def get_problem(slug: str, session: SessionDep, user: CurrentUser) -> ProblemDetail:
    """Statement (Markdown and sanitized HTML), starter code and rubric weights; the
    reference solution, probes and checks only for admins."""
    version = service.get_current(session, slug)
    best = best_scores(session, user, slug).get(slug)
    return ProblemDetail.build(version, best, show_internals=user.role_enum is Role.ADMIN)

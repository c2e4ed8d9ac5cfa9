"""Review endpoints for interviewers and admins: results (dashboard, comparison, export),
similarity, and per attempt the review, playback, line comments and the scorecard.
Candidates get 403; staff who may not see the assessment get 404."""

from __future__ import annotations

import enum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import Response

from api.assessments import service as assessments
from api.auth import CurrentUser
from api.db import SessionDep
from api.dependencies import SettingsDep, require_json
from api.reviews import export, plagiarism, service
from api.reviews.plagiarism import DEFAULT_THRESHOLD, SimilarityReport
from api.reviews.schemas import (
    AssessmentResults,
    CommentCreate,
    CommentRead,
    Playback,
    Review,
    ScorecardRead,
    ScorecardWrite,
)

router = APIRouter(tags=["reviews"])


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"


@router.get("/assessments/{assessment_id}/results", response_model=AssessmentResults)
def results(assessment_id: int, session: SessionDep, user: CurrentUser) -> AssessmentResults:
    """Every invitation with its status, time used, submissions, overall and per-category
    automatic scores, per-problem scores, recommendation and flag count."""
    return service.results(session, assessments.get_visible(session, user, assessment_id))


@router.get(
    "/assessments/{assessment_id}/export",
    responses={200: {"content": {"text/csv": {}, "application/json": {}}}},
)
def export_results(
    assessment_id: int,
    session: SessionDep,
    user: CurrentUser,
    format: ExportFormat = ExportFormat.CSV,
) -> Response:
    """The results as a CSV or JSON file download."""
    found = service.results(session, assessments.get_visible(session, user, assessment_id))
    name = f"assessment-{assessment_id}-results.{format.value}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format is ExportFormat.CSV:
        return Response(export.to_csv(found), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(found.model_dump_json(), media_type="application/json", headers=headers)


@router.get("/assessments/{assessment_id}/similarity", response_model=SimilarityReport)
def similarity(
    assessment_id: int,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = DEFAULT_THRESHOLD,
) -> SimilarityReport:
    """Pairs of code (attempts, the reference, known submissions, and other users'
    submissions the caller may see) whose token-normalised fingerprints overlap at least
    ``threshold``, highest first."""
    assessment = assessments.get_visible(session, user, assessment_id)
    return plagiarism.report(session, user, assessment, threshold, settings.problems_dir)


@router.get("/attempts/{attempt_id}/review", response_model=Review)
def review(attempt_id: int, session: SessionDep, user: CurrentUser) -> Review:
    """Per problem: the code that counts with its rubric, checks and loss curves, every
    submission on a timeline, flagged moments; the comments and the scorecard."""
    return service.review(session, service.attempt_for_staff(session, user, attempt_id))


@router.get("/attempts/{attempt_id}/playback", response_model=Playback)
def playback(attempt_id: int, problem: str, session: SessionDep, user: CurrentUser) -> Playback:
    """The editor snapshots of one problem, oldest first, with the submissions."""
    attempt = service.attempt_for_staff(session, user, attempt_id)
    return service.playback(session, attempt, problem)


@router.post(
    "/attempts/{attempt_id}/comments",
    response_model=CommentRead,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def add_comment(
    attempt_id: int, comment: CommentCreate, session: SessionDep, user: CurrentUser
) -> CommentRead:
    """A comment on one line of one of the attempt's submissions."""
    attempt = service.attempt_for_staff(session, user, attempt_id)
    return CommentRead.build(service.add_comment(session, user, attempt, comment))


@router.put(
    "/attempts/{attempt_id}/scorecard",
    response_model=ScorecardRead,
    dependencies=[Depends(require_json)],
)
def put_scorecard(
    attempt_id: int, scorecard: ScorecardWrite, session: SessionDep, user: CurrentUser
) -> ScorecardRead:
    """Per category confirm (``score`` null) or override the automatic score with a note;
    a summary and a recommendation. Both scores are kept; saving again replaces it."""
    attempt = service.attempt_for_staff(session, user, attempt_id)
    return ScorecardRead.build(service.save_scorecard(session, user, attempt, scorecard))

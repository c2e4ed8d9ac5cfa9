"""The assessment pages. Candidates: the invite link's page and the assessment they take
(opening it starts the clock). Interviewers and admins: their assessments, one
assessment's results (compare, export, similarity, invites) and one attempt's review
(rubric, timeline, diff, playback, comments, scorecard). Each page embeds what the JSON API
answers and does the rest in the browser through it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from api.assessments import attempts
from api.assessments import service as assessments
from api.assessments.schemas import AssessmentRead
from api.auth import CurrentUserOptional
from api.db import SessionDep
from api.errors import NotFound
from api.pages.access import PageUser, StaffPageUser
from api.pages.templating import not_found, render
from api.problems import service as problems
from api.problems.schemas import ProblemSummary
from api.reviews import service as reviews

router = APIRouter(include_in_schema=False)


@router.get("/invite", response_class=HTMLResponse)
def invite_page(request: Request, user: CurrentUserOptional) -> Response:
    """Open to anyone holding a link ``/invite#<token>``: the token after '#' never reaches
    the server with this request; the page's script posts it to ``/api/v1/invites/info``,
    then lets the visitor create an account with it, or log in and accept. No Referer: the
    page is the one place the token sits in the address bar."""
    response = render(request, "invite.html", user)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.get("/my/assessments/{attempt_id}", response_class=HTMLResponse)
def take_page(request: Request, attempt_id: int, session: SessionDep, user: PageUser) -> Response:
    try:
        attempt = attempts.get_own(session, user, attempt_id)
    except NotFound as error:
        return not_found(request, user, error)
    return render(request, "take.html", user, attempt_id=attempt.id, title=attempt.assessment.title)


@router.get("/interviews", response_class=HTMLResponse)
def interviews_page(request: Request, session: SessionDep, viewer: StaffPageUser) -> Response:
    found = assessments.list_visible(session, viewer)
    titles = assessments.problem_titles(session, found)
    return render(
        request,
        "interviews.html",
        viewer,
        data={
            "assessments": [AssessmentRead.build(a, titles).model_dump(mode="json") for a in found],
            "problems": [
                ProblemSummary.build(v, None).model_dump(mode="json")
                for v in problems.list_current(session)
            ],
        },
    )


@router.get("/interviews/assessments/{assessment_id}", response_class=HTMLResponse)
def assessment_page(
    request: Request, assessment_id: int, session: SessionDep, viewer: StaffPageUser
) -> Response:
    try:
        assessment = assessments.get_visible(session, viewer, assessment_id)
    except NotFound as error:
        return not_found(request, viewer, error)
    read = AssessmentRead.build(assessment, assessments.problem_titles(session, [assessment]))
    return render(
        request,
        "assessment.html",
        viewer,
        assessment=read,
        data={"assessment": read.model_dump(mode="json"), "me": viewer.username},
    )


@router.get("/interviews/attempts/{attempt_id}", response_class=HTMLResponse)
def review_page(
    request: Request, attempt_id: int, session: SessionDep, viewer: StaffPageUser
) -> Response:
    try:
        attempt = reviews.attempt_for_staff(session, viewer, attempt_id)
    except NotFound as error:
        return not_found(request, viewer, error)
    return render(
        request,
        "review.html",
        viewer,
        attempt=attempt,
        data={"attempt_id": attempt.id, "assessment_id": attempt.assessment_id},
    )

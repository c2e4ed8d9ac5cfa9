"""The HTML pages. Each is a thin view over the services the JSON API uses; everything
interactive (editor, judging, progress, diffs) runs in the browser against that same API.

Anonymous visitors are redirected to the login page, which sends them back afterwards.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from api.auth import CurrentUserOptional, session_token
from api.db import SessionDep
from api.drafts import service as drafts
from api.drafts.schemas import DraftRead
from api.errors import NotFound
from api.formatting import format_time
from api.pages.access import PageUser
from api.pages.docs import router as docs_router
from api.pages.templating import asset, not_found, render
from api.problems import service as problems
from api.problems.schemas import ProblemDetail, ProblemSummary, TopicProgress, topic_label
from api.submissions import service as submissions
from api.submissions.schemas import SubmissionSummary
from api.users import service as users
from api.users.models import User

router = APIRouter(include_in_schema=False)
router.include_router(docs_router)

DIFFICULTIES = ("easy", "medium", "hard")
HISTORY_LIMIT = 100


def _cookie_user(request: Request) -> User | None:
    token = session_token(request, request.app.state.settings)
    if not token:
        return None
    with request.app.state.session_factory() as session:
        return users.user_for_session(session, token)


# Paths whose answers are JSON for programs, never a page.
JSON_PREFIXES = ("/api/", "/healthz", "/openapi.json", "/static/")


async def http_error_handler(request: Request, error: Exception) -> Response:
    """An unknown URL gets the styled "Not found" page (with the header of whoever is logged
    in); the API, /healthz and the static files keep their JSON answers."""
    assert isinstance(error, HTTPException)
    path = request.url.path
    if error.status_code != status.HTTP_404_NOT_FOUND or path.startswith(JSON_PREFIXES):
        if error.status_code == status.HTTP_404_NOT_FOUND and path.startswith("/api/"):
            error = HTTPException(
                status.HTTP_404_NOT_FOUND,
                f"no API endpoint {request.method} {path}; /docs lists them all",
            )
        return await http_exception_handler(request, error)
    user = await run_in_threadpool(_cookie_user, request)
    message = f"there is no page at {path}; the problem list has every problem"
    return not_found(request, user, NotFound(message))


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers and tools that ask for /favicon.ico get the site's icon."""
    return RedirectResponse(asset("favicon.svg"), status.HTTP_301_MOVED_PERMANENTLY)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/problems", status.HTTP_303_SEE_OTHER)


@router.get("/login", response_class=HTMLResponse)
def login(request: Request, user: CurrentUserOptional) -> Response:
    if user is not None:
        return RedirectResponse("/problems", status.HTTP_303_SEE_OTHER)
    return render(request, "login.html", None)


@router.get("/problems", response_class=HTMLResponse)
def problem_list(
    request: Request,
    session: SessionDep,
    user: PageUser,
    topic: str = "",
    difficulty: str = "",
    q: str = "",
) -> Response:
    best = submissions.best_scores(session, user)
    listed = [ProblemSummary.build(v, best.get(v.slug)) for v in problems.list_current(session)]
    known = {p.difficulty for p in listed}
    return render(
        request,
        "problems.html",
        user,
        problems=listed,
        search_text={p.slug: search_text(p) for p in listed},
        shown={p.slug for p in listed if matches(p, topic, difficulty, q)},
        progress=TopicProgress.summarise(listed),
        difficulties=[d for d in DIFFICULTIES if d in known] + sorted(known - set(DIFFICULTIES)),
        selected_topic=topic,
        selected_difficulty=difficulty,
        query=q,
    )


def search_text(problem: ProblemSummary) -> str:
    """What the list's text search looks in (web/src/pages/problems.js matches the same)."""
    words = [problem.title, problem.slug, topic_label(problem.topic), *problem.tags]
    return " ".join(words).lower()


def matches(problem: ProblemSummary, topic: str, difficulty: str, query: str) -> bool:
    words = query.lower().split()
    text = search_text(problem)
    return (
        (not topic or topic == problem.topic)
        and (not difficulty or problem.difficulty == difficulty)
        and all(word in text for word in words)
    )


@router.get("/problems/{slug}", response_class=HTMLResponse)
def problem_page(request: Request, slug: str, session: SessionDep, user: PageUser) -> Response:
    try:
        version = problems.get_current(session, slug)
    except NotFound as error:
        return not_found(request, user, error)
    best = submissions.best_scores(session, user, slug).get(slug)
    problem = ProblemDetail.build(version, best, show_internals=False)
    draft = drafts.get(session, user, version.problem)
    latest = submissions.list_visible(session, user, problem=slug, username=None, limit=1)
    return render(
        request,
        "problem.html",
        user,
        problem=problem,
        draft=DraftRead.build(draft, slug).model_dump(mode="json") if draft else None,
        last_submission=SubmissionSummary.build(latest[0]).model_dump(mode="json")
        if latest
        else None,
    )


@router.get("/problems/{slug}/submissions", response_class=HTMLResponse)
def history_page(request: Request, slug: str, session: SessionDep, user: PageUser) -> Response:
    try:
        version = problems.get_current(session, slug)
    except NotFound as error:
        return not_found(request, user, error)
    found = submissions.list_visible(
        session, user, problem=slug, username=None, limit=HISTORY_LIMIT
    )
    items = [SubmissionSummary.build(s) for s in found]
    return render(
        request,
        "history.html",
        user,
        problem=ProblemDetail.build(version, None, show_internals=False),
        submissions=[
            {**item.model_dump(mode="json"), "created_at_text": format_time(item.created_at)}
            for item in items
        ],
        submissions_json=[
            {"id": item.id, "created_at": item.created_at.isoformat()} for item in items
        ],
    )


@router.get("/submissions/{submission_id}", response_class=HTMLResponse)
def submission_page(
    request: Request, submission_id: int, session: SessionDep, user: PageUser
) -> Response:
    try:
        submission = submissions.get_visible(session, user, submission_id)
    except NotFound as error:
        return not_found(request, user, error)
    return render(
        request,
        "submission.html",
        user,
        submission_id=submission.id,
        owner=submission.user.username,
        problem_slug=submission.problem_version.slug,
        problem_title=submission.problem_version.title,
        rejudge_of=submission.rejudge_of_id,
    )

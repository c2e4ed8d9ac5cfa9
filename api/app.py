"""The FastAPI application: the JSON API under /api/v1, /healthz, and the pages if present.

Pages (``api.pages.router``) reuse what the API uses: ``api.auth.CurrentUserOptional`` /
``CurrentUser``, ``api.db.SessionDep``, the domain services, and the response models'
``build(...)`` constructors (``SubmissionDetail.build(s).model_dump(mode="json")`` is
exactly what ``GET /api/v1/submissions/{id}`` returns).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import redis
import redis.asyncio
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from api import middleware
from api.assessments.router import router as assessments_router
from api.audit.router import router as audit_router
from api.auth import csrf_protect
from api.authoring.router import router as authoring_router
from api.db import make_engine, make_session_factory
from api.drafts.router import router as drafts_router
from api.errors import AppError
from api.guidance.router import router as guidance_router
from api.health import router as health_router
from api.problems.router import router as problems_router
from api.publishing.router import router as publishing_router
from api.queue import JobQueue
from api.rejudges.router import router as rejudges_router
from api.reviews.router import router as reviews_router
from api.settings import Settings, get_settings
from api.static import CompressedStaticFiles
from api.submissions.router import router as submissions_router
from api.tokens.router import router as tokens_router
from api.users.admin_router import router as users_admin_router
from api.users.router import auth_router
from api.users.router import router as users_router

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
PAGES_MODULE = "api.pages.router"
PAGES_ACCESS_MODULE = "api.pages.access"  # who may see a page (its refusals answered here)
# More pages, by domain (their routes come after those of PAGES_MODULE).
MORE_PAGES_MODULES = (
    "api.pages.accounts",
    "api.pages.rejudges",
    "api.pages.interviews",
    "api.pages.packages",
)
SSE_SOCKET_MARGIN_SECONDS = 10.0
API_DESCRIPTION = (
    "The JSON API of NumJudge, a judge for implement-ML-from-scratch problems in NumPy. "
    "Scripts authenticate with a bearer token (`numjudge tokens create --username U`; "
    "**Authorize** above); a logged-in browser uses its session cookie and must echo the "
    "`numjudge_csrf` cookie (`__Host-numjudge_csrf` over HTTPS) in `X-CSRF-Token` on every "
    "change but logging in (this page does that for you). Bodies are JSON only."
)
MAX_LISTED_PROBLEMS = 5  # validation problems named in one error message


def pages_available() -> bool:
    """Whether the pages (built separately, in api/pages) are installed."""
    try:
        return importlib.util.find_spec(PAGES_MODULE) is not None
    except ModuleNotFoundError:  # no api.pages package at all
        return False


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1")
    router.include_router(auth_router)  # checks its own requests; see api.auth
    for domain in (
        users_router,
        users_admin_router,
        tokens_router,
        audit_router,
        problems_router,
        submissions_router,
        drafts_router,
        assessments_router,
        reviews_router,
        guidance_router,
        rejudges_router,
        authoring_router,
        publishing_router,
    ):
        router.include_router(domain, dependencies=[Depends(csrf_protect)])
    return router


async def app_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AppError)
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after is not None else None
    body = {"detail": error.message, **error.extra}
    return JSONResponse(body, status_code=error.status_code, headers=headers)


def validation_problem(problem: Mapping[str, Any]) -> str:
    """One problem of a request validation: where and what, never the input itself (which
    FastAPI would echo back whole, however large)."""
    where = ".".join(str(part)[:40] for part in problem.get("loc", ()))
    message = str(problem.get("msg", "invalid"))
    if problem.get("type") == "json_invalid":
        error = str(problem.get("ctx", {}).get("error", ""))[:100]
        return f"the body is not valid JSON ({error} at character {problem['loc'][-1]})"
    return f"{where}: {message}" if where else message


async def validation_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = [validation_problem(problem) for problem in error.errors()]
    listed = "; ".join(problems[:MAX_LISTED_PROBLEMS])
    more = len(problems) - MAX_LISTED_PROBLEMS
    detail = f"the request is not valid: {listed}" + (f" (and {more} more)" if more > 0 else "")
    return JSONResponse({"detail": detail + "; fix it and send it again"}, status_code=422)


ErrorAnswer = Callable[[Request, HTTPException], Awaitable[Response]]


def http_error_handler(answer: ErrorAnswer) -> Callable[[Request, Exception], Awaitable[Response]]:
    """FastAPI answers a body it cannot parse with a vague 400: say why when it is known,
    then answer as ``answer`` does (the pages' handler shows a Not found page for an unknown
    URL; FastAPI's own answers JSON)."""

    async def handler(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 400 and isinstance(error.__cause__, RecursionError):
            error = HTTPException(
                400, "the JSON body is nested too deeply to read; send a flat object"
            )
        elif error.status_code == 400 and isinstance(error.__cause__, UnicodeDecodeError):
            error = HTTPException(400, "the body is not UTF-8 text; send UTF-8 JSON")
        return await answer(request, error)

    return handler


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await app.state.async_redis.aclose()
        app.state.redis.close()
        engine.dispose()

    # /docs and /redoc are pages (api/pages/docs.py) served from the bundle, never a CDN.
    app = FastAPI(
        title="NumJudge",
        version="1",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.redis = redis.Redis.from_url(
        settings.redis_url, socket_timeout=5, socket_connect_timeout=2
    )
    # Only the SSE streams use this client, each holding one connection while it blocks in
    # XREAD for up to sse_poll_seconds. Hence the socket timeout above that (redis-py's
    # default of 5 s cut every quiet stream off) and a pool as large as the streams allowed
    # (redis-py's default of 100 broke the 101st stream).
    app.state.async_redis = redis.asyncio.Redis.from_url(
        settings.redis_url,
        socket_connect_timeout=2,
        socket_timeout=settings.sse_poll_seconds + SSE_SOCKET_MARGIN_SECONDS,
        max_connections=settings.sse_max_streams,
    )
    app.state.queue = JobQueue(settings)
    app.add_exception_handler(AppError, app_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    middleware.install(app, settings)
    app.include_router(api_router())
    app.include_router(health_router)
    error_answer: ErrorAnswer = http_exception_handler
    if pages_available():
        pages = importlib.import_module(PAGES_MODULE)
        app.include_router(pages.router)
        for module in MORE_PAGES_MODULES:
            app.include_router(importlib.import_module(module).router)
        error_answer = pages.http_error_handler
        access = importlib.import_module(PAGES_ACCESS_MODULE)
        app.add_exception_handler(access.PageRefused, access.page_refused)
    app.add_exception_handler(HTTPException, http_error_handler(error_answer))
    if STATIC_DIR.is_dir():
        app.mount("/static", CompressedStaticFiles(directory=STATIC_DIR), name="static")
    return app

"""The FastAPI application: the JSON API under /api/v1, /healthz, and the pages if present.

Pages (``api.pages.router``) reuse what the API uses: ``api.auth.CurrentUserOptional`` /
``CurrentUser``, ``api.db.SessionDep``, the domain services, and the response models'
``build(...)`` constructors (``SubmissionDetail.build(s).model_dump(mode="json")`` is
exactly what ``GET /api/v1/submissions/{id}`` returns).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import redis
import redis.asyncio
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.audit.router import router as audit_router
from api.auth import csrf_protect
from api.db import make_engine, make_session_factory
from api.drafts.router import router as drafts_router
from api.errors import AppError, RateLimited
from api.health import router as health_router
from api.problems.router import router as problems_router
from api.queue import JobQueue
from api.settings import Settings, get_settings
from api.static import CompressedStaticFiles
from api.submissions.router import router as submissions_router
from api.tokens.router import router as tokens_router
from api.users.admin_router import router as users_admin_router
from api.users.router import router as users_router

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
PAGES_MODULE = "api.pages.router"
ACCOUNT_PAGES_MODULE = "api.pages.accounts"
SSE_SOCKET_MARGIN_SECONDS = 10.0
API_DESCRIPTION = (
    "The JSON API of NumJudge, a judge for implement-ML-from-scratch problems in NumPy. "
    "Scripts authenticate with a bearer token (`numjudge tokens create --username U`; "
    "**Authorize** above); a logged-in browser uses its session cookie and must echo the "
    "`numjudge_csrf` cookie in `X-CSRF-Token` on every change (this page does that for you)."
)


def pages_available() -> bool:
    """Whether the pages (built separately, in api/pages) are installed."""
    try:
        return importlib.util.find_spec(PAGES_MODULE) is not None
    except ModuleNotFoundError:  # no api.pages package at all
        return False


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", dependencies=[Depends(csrf_protect)])
    for domain in (
        users_router,
        users_admin_router,
        tokens_router,
        audit_router,
        problems_router,
        submissions_router,
        drafts_router,
    ):
        router.include_router(domain)
    return router


async def app_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AppError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None
    return JSONResponse({"detail": error.message}, status_code=error.status_code, headers=headers)


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
    app.include_router(api_router())
    app.include_router(health_router)
    if pages_available():
        pages = importlib.import_module(PAGES_MODULE)
        app.include_router(pages.router)
        app.include_router(importlib.import_module(ACCOUNT_PAGES_MODULE).router)
        app.add_exception_handler(StarletteHTTPException, pages.http_error_handler)
    if STATIC_DIR.is_dir():
        app.mount("/static", CompressedStaticFiles(directory=STATIC_DIR), name="static")
    return app

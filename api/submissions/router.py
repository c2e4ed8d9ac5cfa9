from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

import celery.exceptions
from fastapi import APIRouter, Depends, Header, Query, Request, status
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from api import ratelimit
from api.assessments import attempts
from api.auth import CurrentUser
from api.db import SessionDep, after_commit, utcnow
from api.dependencies import AsyncRedisDep, QueueDep, RedisDep, SettingsDep, require_json
from api.errors import AppError, GatewayTimeout, NotFound, PayloadTooLarge, Unavailable
from api.problems import service as problems
from api.submissions import events, service
from api.submissions.schemas import (
    RunResult,
    SubmissionCreated,
    SubmissionDetail,
    SubmissionSummary,
)
from api.users.models import User

router = APIRouter(tags=["submissions"])
RUN_HOLD_MARGIN_SECONDS = 30

CODE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {"code": {"type": "string", "maxLength": 65536}},
                }
            }
        },
    }
}


async def read_code_body(request: Request, settings: SettingsDep) -> bytes:
    """The raw body of a ``{"code": ...}`` request, read no further than the size limit;
    415 unless it is declared JSON."""
    require_json(request)
    limit = service.body_limit(settings.max_code_bytes)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(
            f"the request is too large; code may have at most {settings.max_code_bytes} bytes"
        )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            break
    return bytes(body)


CodeBodyDep = Annotated[bytes, Depends(read_code_body)]


def read_code(body: CodeBodyDep, settings: SettingsDep) -> str:
    """The submitted code; 415 unless JSON, 413 past the size limit, 422 when not UTF-8, not
    ``{"code": "..."}`` or empty."""
    return service.parse_code(body, settings.max_code_bytes)


CodeDep = Annotated[str, Depends(read_code)]


@router.post("/problems/{slug}/runs", response_model=RunResult, openapi_extra=CODE_BODY)
def run(
    slug: str,
    code: CodeDep,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    redis_client: RedisDep,
    queue: QueueDep,
) -> RunResult:
    """Judge the code against the problem's sample probes only. Nothing is recorded.

    Each user has at most ``NUMJUDGE_PENDING_RUNS_PER_USER`` Runs waiting or being judged;
    with one each, the Run queue serves users in turn however fast anyone clicks."""
    version = problems.get_current(session, slug)
    attempts.open_attempt_for(session, user, version.problem_id, utcnow())  # 403 past its time
    ratelimit.hit(redis_client, "runs", str(user.id), settings.runs_per_minute, "runs")
    pending = settings.pending_runs_per_user
    try:
        with ratelimit.holding(
            redis_client,
            "runs-pending",
            str(user.id),
            pending,
            f"you have {pending} Run(s) waiting for the judge already; wait for the result, "
            "then run again",
            expire_seconds=settings.run_wait_seconds + RUN_HOLD_MARGIN_SECONDS,
        ):
            report = queue.run_samples(version.id, code, settings.run_wait_seconds)
    except celery.exceptions.TimeoutError as error:
        raise GatewayTimeout(
            f"no judge answered within {settings.run_wait_seconds:g} s; the workers are busy or "
            "not running (make run starts one); try again"
        ) from error
    except AppError:
        raise
    except Exception as error:
        raise Unavailable(f"the judge could not run the code: {error}") from error
    return RunResult.build(service.json_safe(report))


@router.post(
    "/problems/{slug}/submissions",
    response_model=SubmissionCreated,
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra=CODE_BODY,
)
def submit(
    slug: str,
    code: CodeDep,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    redis_client: RedisDep,
    queue: QueueDep,
) -> SubmissionCreated:
    """Queue the code for judging against the current version of the problem. A user may
    have ``NUMJUDGE_PENDING_SUBMISSIONS_PER_USER`` submissions queued or being judged.

    A candidate taking an assessment with this problem submits to their attempt; after its
    deadline the answer is 403 "time is up"."""
    version = problems.get_current(session, slug)
    attempt = attempts.open_attempt_for(session, user, version.problem_id, utcnow())
    ratelimit.hit(
        redis_client, "submissions", str(user.id), settings.submissions_per_minute, "submissions"
    )
    submission = service.create(
        session, user, version, code, max_pending=settings.pending_submissions_per_user
    )
    if attempt is not None:
        attempts.record_submission(session, attempt, submission)
    submission_id = submission.id
    after_commit(session, queue.enqueue_judging)
    return SubmissionCreated(id=submission_id, status=submission.status)


@router.get("/submissions", response_model=list[SubmissionSummary])
def list_submissions(
    session: SessionDep,
    user: CurrentUser,
    problem: str | None = None,
    username: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[SubmissionSummary]:
    """The caller's submissions, newest first; ``username`` is for interviewers and admins."""
    found = service.list_visible(session, user, problem=problem, username=username, limit=limit)
    return [SubmissionSummary.build(s) for s in found]


@router.get("/submissions/{submission_id}", response_model=SubmissionDetail)
def get_submission(submission_id: int, session: SessionDep, user: CurrentUser) -> SubmissionDetail:
    return SubmissionDetail.build(service.get_visible(session, user, submission_id))


def _snapshot(factory: sessionmaker[Session], viewer_id: int, submission_id: int) -> dict[str, Any]:
    with factory() as session:
        viewer = session.get(User, viewer_id)
        assert viewer is not None
        detail = SubmissionDetail.build(service.get_visible(session, viewer, submission_id))
        return detail.model_dump(mode="json")


def _result_event(state: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": events.RESULT_EVENT,
        "status": state["status"],
        "verdict": state["verdict"],
        "score": state["score"],
    }


@router.get(
    "/submissions/{submission_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
def follow_submission(
    submission_id: int,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    async_redis: AsyncRedisDep,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Server-Sent Events: ``state`` (the database row) first, then the judge's progress
    (``status``, ``probe``, ``grading``, ``finished``) with stream ids as SSE ids, ending with
    ``result``. Reconnecting with ``Last-Event-ID`` resumes after that event. A stream whose
    ``state`` is already final ends at once; clients should close on it or on ``result``."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    viewer_id = user.id
    # Checked before streaming so that a stranger's id gets a plain 404. With the request's
    # session (the one that found the user), not a second one: a request holding one pooled
    # connection while waiting for another deadlocks the pool when many streams open at once.
    first = SubmissionDetail.build(service.get_visible(session, user, submission_id)).model_dump(
        mode="json"
    )
    resume_after = events.resume_point(last_event_id)  # a bad id is a 400 before streaming
    poll_ms = int(settings.sse_poll_seconds * 1000)

    async def stream() -> AsyncIterator[bytes]:
        yield events.sse_message(first, event="state")
        if first["status"] in ("done", "error"):
            return
        after = resume_after
        while True:
            batch = await events.read_after(async_redis, submission_id, after, poll_ms)
            for event_id, event in batch:
                after = event_id
                yield events.sse_message(event, event=str(event.get("type")), event_id=event_id)
                if event.get("type") == events.RESULT_EVENT:
                    return
            if batch:
                continue
            # Quiet: the database decides whether the result exists (its event may be lost).
            try:
                state = await run_in_threadpool(_snapshot, factory, viewer_id, submission_id)
            except NotFound:  # no longer the viewer's to see (an assessment was unshared)
                return
            if state["status"] in ("done", "error"):
                yield events.sse_message(_result_event(state), event=events.RESULT_EVENT)
                return
            yield b": keep-alive\n\n"

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )

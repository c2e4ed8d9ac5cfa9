"""``/assessments`` (interviewers and admins), ``/invites/…`` (the link) and
``/me/attempts`` (the candidate taking one).

An invite link is ``<site>/invite#<token>``: the token is after '#', which browsers never
send, and the page posts it in a JSON body to ``/invites/info``, ``/invites/accept`` or
``/invites/register``. No URL ever carries it, so access logs and Referer headers cannot."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status

from api import ratelimit
from api.assessments import attempts, service
from api.assessments.schemas import (
    AssessmentCreate,
    AssessmentRead,
    AttemptRead,
    CandidateAttempt,
    InviteCreate,
    InviteCreated,
    InviteInfo,
    InviteRegistration,
    InviteToken,
    Shares,
    SnapshotCreate,
)
from api.auth import CurrentUser, CurrentUserOptional, set_login_cookies
from api.db import SessionDep, after_commit, utcnow
from api.dependencies import QueueDep, RedisDep, SettingsDep, require_json
from api.errors import Forbidden
from api.users import service as users
from api.users.admin_router import site_url
from api.users.models import Role, User
from api.users.passwords import hashing_for
from api.users.router import client_address

router = APIRouter(tags=["assessments"])
SNAPSHOTS_PER_MINUTE = 60


def read(session: SessionDep, assessment_id: int, user: User) -> AssessmentRead:
    assessment = service.get_visible(session, user, assessment_id)
    return AssessmentRead.build(assessment, service.problem_titles(session, [assessment]))


@router.post(
    "/assessments",
    response_model=AssessmentRead,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def create_assessment(
    spec: AssessmentCreate, session: SessionDep, user: CurrentUser
) -> AssessmentRead:
    """A new assessment owned by the caller (an interviewer or admin): its title, problems
    in order (slugs), time limit, optional availability window, and interviewers to share
    it with."""
    assessment = service.create(session, user, spec)
    return AssessmentRead.build(assessment, service.problem_titles(session, [assessment]))


@router.get("/assessments", response_model=list[AssessmentRead])
def list_assessments(session: SessionDep, user: CurrentUser) -> list[AssessmentRead]:
    """The assessments the caller owns or that are shared with them (admins: every one)."""
    found = service.list_visible(session, user)
    titles = service.problem_titles(session, found)
    return [AssessmentRead.build(a, titles) for a in found]


@router.get("/assessments/{assessment_id}", response_model=AssessmentRead)
def get_assessment(assessment_id: int, session: SessionDep, user: CurrentUser) -> AssessmentRead:
    return read(session, assessment_id, user)


@router.put(
    "/assessments/{assessment_id}/shares",
    response_model=AssessmentRead,
    dependencies=[Depends(require_json)],
)
def share_assessment(
    assessment_id: int, shares: Shares, session: SessionDep, user: CurrentUser
) -> AssessmentRead:
    """Share the assessment with exactly these interviewers (owner or admin only)."""
    assessment = service.get_visible(session, user, assessment_id)
    service.set_shares(session, user, assessment, shares.usernames)
    return read(session, assessment_id, user)


@router.post(
    "/assessments/{assessment_id}/invites",
    response_model=InviteCreated,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def create_invite(
    assessment_id: int,
    spec: InviteCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> InviteCreated:
    """A single-use link for one candidate; its token is shown only in this answer."""
    assessment = service.get_visible(session, user, assessment_id)
    attempt, token = attempts.invite(session, user, assessment, spec.label)
    url = attempts.invite_link(site_url(request, settings), token)
    return InviteCreated(**AttemptRead.build(attempt, utcnow()).model_dump(), token=token, url=url)


@router.get("/assessments/{assessment_id}/attempts", response_model=list[AttemptRead])
def list_attempts(assessment_id: int, session: SessionDep, user: CurrentUser) -> list[AttemptRead]:
    """Every invitation of the assessment and how far its candidate got."""
    service.get_visible(session, user, assessment_id)
    now = utcnow()
    return [AttemptRead.build(a, now) for a in attempts.list_for_assessment(session, assessment_id)]


@router.post("/invites/info", response_model=InviteInfo, dependencies=[Depends(require_json)])
def invite_info(link: InviteToken, session: SessionDep, user: CurrentUserOptional) -> InviteInfo:
    """What an invite link is for (anyone holding the link may ask); ``attempt_id`` is set
    when the caller is the candidate who holds it. 404 for an unknown token."""
    return InviteInfo.build(attempts.by_token(session, link.token), user)


def candidate_view(session: SessionDep, attempt_id: int, user: User) -> CandidateAttempt:
    attempt = attempts.get_own(session, user, attempt_id)
    titles = service.problem_titles(session, [attempt.assessment])
    return CandidateAttempt.build(attempt, titles, utcnow())


@router.post(
    "/invites/accept", response_model=CandidateAttempt, dependencies=[Depends(require_json)]
)
def accept_invite(link: InviteToken, session: SessionDep, user: CurrentUser) -> CandidateAttempt:
    """Take the link's assessment as the logged-in candidate (single use; accepting again
    as its holder changes nothing)."""
    attempt = attempts.accept(session, user, attempts.by_token(session, link.token), utcnow())
    return candidate_view(session, attempt.id, user)


@router.post(
    "/invites/register",
    response_model=CandidateAttempt,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def register_with_invite(
    registration: InviteRegistration,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
    current: CurrentUserOptional,
) -> CandidateAttempt:
    """Create a candidate account with the link (its first use) and log it in."""
    if current is not None:
        raise Forbidden(
            "you are logged in; accept the invite instead (POST /api/v1/invites/accept)"
        )
    attempt = attempts.by_token(session, registration.token)
    limit = settings.login_attempts_per_minute
    ratelimit.hit(redis_client, "register-ip", client_address(request), limit, "registrations")
    user = users.create_user(
        session, registration.username, registration.password, Role.CANDIDATE, hashing_for(settings)
    )
    attempts.accept(session, user, attempt, utcnow())
    set_login_cookies(response, settings, users.start_session(session, user, settings.session_days))
    return candidate_view(session, attempt.id, user)


@router.get("/me/attempts", response_model=list[CandidateAttempt])
def my_attempts(session: SessionDep, user: CurrentUser) -> list[CandidateAttempt]:
    """The caller's assessments, with the time left on the one under way."""
    found = attempts.list_own(session, user)
    titles = service.problem_titles(session, [a.assessment for a in found])
    now = utcnow()
    return [CandidateAttempt.build(a, titles, now) for a in found]


@router.get("/me/attempts/{attempt_id}", response_model=CandidateAttempt)
def my_attempt(attempt_id: int, session: SessionDep, user: CurrentUser) -> CandidateAttempt:
    return candidate_view(session, attempt_id, user)


@router.post("/me/attempts/{attempt_id}/start", response_model=CandidateAttempt)
def start_attempt(attempt_id: int, session: SessionDep, user: CurrentUser) -> CandidateAttempt:
    """Start the clock (the assessment page does this when the candidate opens it)."""
    attempts.start(session, attempts.get_own(session, user, attempt_id), utcnow())
    return candidate_view(session, attempt_id, user)


@router.post("/me/attempts/{attempt_id}/finish", response_model=CandidateAttempt)
def finish_attempt(
    attempt_id: int, session: SessionDep, user: CurrentUser, queue: QueueDep
) -> CandidateAttempt:
    """End the attempt now: the last draft of each problem is judged as the final attempt."""
    created = attempts.finish(session, attempts.get_own(session, user, attempt_id), utcnow())
    for _ in created:
        after_commit(session, queue.enqueue_judging)
    return candidate_view(session, attempt_id, user)


@router.post(
    "/me/attempts/{attempt_id}/snapshots",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(require_json)],
)
def add_snapshot(
    attempt_id: int,
    snapshot: SnapshotCreate,
    session: SessionDep,
    user: CurrentUser,
    redis_client: RedisDep,
) -> Response:
    """Record the editor for playback: every few seconds while it changes, at every Run and
    Submit, on a large paste and when the tab is left or comes back."""
    attempt = attempts.get_own(session, user, attempt_id)
    ratelimit.hit(redis_client, "snapshots", str(user.id), SNAPSHOTS_PER_MINUTE, "snapshots")
    attempts.add_snapshot(session, attempt, snapshot, utcnow())
    return Response(status_code=status.HTTP_204_NO_CONTENT)

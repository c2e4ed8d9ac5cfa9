from __future__ import annotations

import redis
from fastapi import APIRouter, Depends, Request, Response, status

from api import ratelimit
from api.auth import (
    CurrentUser,
    bearer_token,
    clear_login_cookies,
    csrf_protect_logout,
    session_token,
    set_login_cookies,
)
from api.db import SessionDep
from api.dependencies import RedisDep, SettingsDep, require_json
from api.errors import Forbidden, NotAuthenticated
from api.tokens import service as tokens
from api.users import lockout, resets, service
from api.users.models import Role
from api.users.passwords import hashing_for
from api.users.schemas import (
    Credentials,
    PasswordChange,
    PasswordResetCompletion,
    PasswordResetTarget,
    PasswordResetToken,
    UserRead,
)

# /auth checks its own requests (see api.auth); everything else gets the API's CSRF check.
auth_router = APIRouter(prefix="/auth", tags=["users"])
router = APIRouter(tags=["users"])


def client_address(request: Request) -> str:
    """The peer's address; a proxy's X-Forwarded-For only counts when the proxy is one of
    NUMJUDGE_TRUSTED_PROXIES (api.middleware)."""
    return request.client.host if request.client else "unknown"


@auth_router.post("/login", response_model=UserRead, dependencies=[Depends(require_json)])
def login(
    credentials: Credentials,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
) -> UserRead:
    """Check the password and set the session cookie (and the CSRF cookie beside it).

    Attempts and failures are limited per client address and per (username, client)
    (``api.users.lockout``): someone guessing from elsewhere cannot lock the real user out."""
    client = client_address(request)
    lockout.attempt(redis_client, settings, credentials.username, client)
    user = service.authenticate(
        session, credentials.username, credentials.password, hashing_for(settings)
    )
    if user is None:
        lockout.record_failure(redis_client, credentials.username, client)
        raise NotAuthenticated("wrong username or password")
    set_login_cookies(
        response, settings, service.start_session(session, user, settings.session_days)
    )
    return UserRead.build(user)


@auth_router.post(
    "/register",
    response_model=UserRead,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_json)],
)
def register(
    credentials: Credentials,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
) -> UserRead:
    """Create a candidate account and log it in (only when open registration is on)."""
    if not settings.open_registration:
        raise Forbidden("registration is closed; ask an admin for an account")
    limit = settings.login_attempts_per_minute
    ratelimit.hit(redis_client, "register-ip", client_address(request), limit, "registrations")
    user = service.create_user(
        session, credentials.username, credentials.password, Role.CANDIDATE, hashing_for(settings)
    )
    set_login_cookies(
        response, settings, service.start_session(session, user, settings.session_days)
    )
    return UserRead.build(user)


@auth_router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(csrf_protect_logout)],
)
def logout(
    request: Request, session: SessionDep, settings: SettingsDep, _user: CurrentUser
) -> Response:
    """Revoke this login: the session row is deleted, so the cookie is worthless; called
    with an API token, that token is revoked."""
    secret = bearer_token(request)
    if secret is not None:
        tokens.revoke_secret(session, secret)
    token = session_token(request, settings)
    if token:
        service.end_session(session, token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_login_cookies(response, settings)
    return response


@router.get("/me", response_model=UserRead)
def me(user: CurrentUser) -> UserRead:
    return UserRead.build(user)


@router.post(
    "/me/password", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(require_json)]
)
def change_password(
    change: PasswordChange,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
    user: CurrentUser,
) -> Response:
    """Change your password. Every session and API token you have ends, in every browser
    and script; a browser changing it gets a new session in the answer's cookies. A wrong
    current password counts as a failed login of the account (``api.users.lockout``)."""
    client = client_address(request)
    lockout.attempt(redis_client, settings, user.username, client)
    try:
        service.change_own_password(
            session, user, change.current_password, change.new_password, hashing_for(settings)
        )
    except service.WrongPassword:
        lockout.record_failure(redis_client, user.username, client)
        raise
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    if bearer_token(request) is None and session_token(request, settings):
        set_login_cookies(
            response, settings, service.start_session(session, user, settings.session_days)
        )
    return response


# A password link checks a secret from the link, not a cookie: like login, it needs no CSRF
# token (a stale one must not block it) and takes only JSON.
@auth_router.post(
    "/password-reset/check",
    response_model=PasswordResetTarget,
    dependencies=[Depends(require_json)],
)
def check_password_reset(
    link: PasswordResetToken,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
) -> PasswordResetTarget:
    """Whose password a one-time link sets, and until when; 404 when it cannot be used."""
    limit_reset_attempts(request, settings.login_attempts_per_minute, redis_client)
    reset, user = resets.usable(session, link.token)
    return PasswordResetTarget(username=user.username, expires_at=reset.expires_at)


@auth_router.post(
    "/password-reset",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(require_json)],
)
def complete_password_reset(
    completion: PasswordResetCompletion,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
) -> Response:
    """Set a new password with a one-time link (no login needed). The link is used up and
    every session and API token of the account ends; log in with the new password."""
    limit_reset_attempts(request, settings.login_attempts_per_minute, redis_client)
    resets.complete(session, completion.token, completion.new_password, hashing_for(settings))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def limit_reset_attempts(request: Request, limit: int, redis_client: redis.Redis) -> None:
    ratelimit.hit(
        redis_client, "password-reset-ip", client_address(request), 3 * limit, "password links"
    )

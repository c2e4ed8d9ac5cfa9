from __future__ import annotations

import redis
from fastapi import APIRouter, Request, Response, status

from api import ratelimit
from api.auth import (
    SESSION_COOKIE,
    CurrentUser,
    bearer_token,
    clear_login_cookies,
    set_login_cookies,
)
from api.db import SessionDep
from api.dependencies import RedisDep, SettingsDep
from api.errors import Forbidden, NotAuthenticated
from api.tokens import service as tokens
from api.users import resets, service
from api.users.models import Role
from api.users.schemas import (
    Credentials,
    PasswordChange,
    PasswordResetCompletion,
    PasswordResetTarget,
    PasswordResetToken,
    UserRead,
)

router = APIRouter(tags=["users"])


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/auth/login", response_model=UserRead)
def login(
    credentials: Credentials,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
) -> UserRead:
    """Check the password and set the session cookie (and the CSRF cookie beside it)."""
    limit = settings.login_attempts_per_minute
    ratelimit.hit(redis_client, "login-user", credentials.username.lower(), limit, "logins")
    ratelimit.hit(redis_client, "login-ip", client_address(request), 3 * limit, "logins")
    user = service.authenticate(session, credentials.username, credentials.password)
    if user is None:
        raise NotAuthenticated("wrong username or password")
    set_login_cookies(
        response, settings, service.start_session(session, user, settings.session_days)
    )
    return UserRead.build(user)


@router.post("/auth/register", response_model=UserRead, status_code=status.HTTP_201_CREATED)
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
    user = service.create_user(session, credentials.username, credentials.password, Role.CANDIDATE)
    set_login_cookies(
        response, settings, service.start_session(session, user, settings.session_days)
    )
    return UserRead.build(user)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    request: Request, session: SessionDep, settings: SettingsDep, _user: CurrentUser
) -> Response:
    """Revoke this login: the session row is deleted, so the cookie is worthless; called
    with an API token, that token is revoked."""
    secret = bearer_token(request)
    if secret is not None:
        tokens.revoke_secret(session, secret)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.end_session(session, token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_login_cookies(response, settings)
    return response


@router.get("/me", response_model=UserRead)
def me(user: CurrentUser) -> UserRead:
    return UserRead.build(user)


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT)
def change_password(
    change: PasswordChange,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    redis_client: RedisDep,
    user: CurrentUser,
) -> Response:
    """Change your password. Every session and API token you have ends, in every browser
    and script; a browser changing it gets a new session in the answer's cookies."""
    limit = settings.login_attempts_per_minute
    ratelimit.hit(redis_client, "password-change", str(user.id), limit, "password attempts")
    service.change_own_password(session, user, change.current_password, change.new_password)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    if bearer_token(request) is None and request.cookies.get(SESSION_COOKIE):
        set_login_cookies(
            response, settings, service.start_session(session, user, settings.session_days)
        )
    return response


@router.post("/auth/password-reset/check", response_model=PasswordResetTarget)
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


@router.post("/auth/password-reset", status_code=status.HTTP_204_NO_CONTENT)
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
    resets.complete(session, completion.token, completion.new_password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def limit_reset_attempts(request: Request, limit: int, redis_client: redis.Redis) -> None:
    ratelimit.hit(
        redis_client, "password-reset-ip", client_address(request), 3 * limit, "password links"
    )

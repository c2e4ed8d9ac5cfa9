from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status

from api import ratelimit
from api.auth import (
    CurrentUser,
    clear_login_cookies,
    csrf_protect_logout,
    session_token,
    set_login_cookies,
)
from api.db import SessionDep
from api.dependencies import RedisDep, SettingsDep, require_json
from api.errors import Forbidden, NotAuthenticated
from api.users import service
from api.users.models import Role
from api.users.passwords import hashing_for
from api.users.schemas import Credentials, UserRead

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

    Failures are counted per username and client address: someone guessing from elsewhere
    cannot lock the real user out. Failures per username from all addresses together have a
    higher ceiling, and every attempt counts against the client address."""
    limit = settings.login_attempts_per_minute
    username = credentials.username.lower()
    client = client_address(request)
    ratelimit.hit(redis_client, "login-client", client, 3 * limit, "logins from this address")
    ratelimit.check(redis_client, "login-failed", f"{username}@{client}", limit, "failed logins")
    ratelimit.check(
        redis_client,
        "login-failed-user",
        username,
        settings.login_failures_per_username_per_minute,
        "failed logins for this account",
    )
    user = service.authenticate(
        session, credentials.username, credentials.password, hashing_for(settings)
    )
    if user is None:
        ratelimit.record(redis_client, "login-failed", f"{username}@{client}")
        ratelimit.record(redis_client, "login-failed-user", username)
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
    """Revoke this login: the session row is deleted, so the cookie is worthless."""
    token = session_token(request, settings)
    if token:
        service.end_session(session, token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_login_cookies(response, settings)
    return response


@router.get("/me", response_model=UserRead)
def me(user: CurrentUser) -> UserRead:
    return UserRead.build(user)

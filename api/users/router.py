from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from api import ratelimit
from api.auth import (
    SESSION_COOKIE,
    CurrentUser,
    clear_login_cookies,
    set_login_cookies,
)
from api.db import SessionDep
from api.dependencies import RedisDep, SettingsDep
from api.errors import Forbidden, NotAuthenticated
from api.users import service
from api.users.models import Role
from api.users.schemas import Credentials, UserRead

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
    """Revoke this login: the session row is deleted, so the cookie is worthless."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.end_session(session, token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_login_cookies(response, settings)
    return response


@router.get("/me", response_model=UserRead)
def me(user: CurrentUser) -> UserRead:
    return UserRead.build(user)

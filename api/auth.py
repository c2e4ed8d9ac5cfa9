"""Who is calling: session cookies for pages, bearer tokens for scripts, and CSRF.

For pages (api/pages) and the JSON API alike:

* ``CurrentUserOptional`` — the logged-in ``User`` or None (pages redirect to login on None);
* ``CurrentUser`` — the ``User``, or 401 with a message saying how to log in;
* ``CurrentAdmin`` — the ``User`` if an admin, else 403;
* ``csrf_protect`` — applied to the whole JSON API: a state-changing request authenticated
  by the session cookie must carry the token from the ``numjudge_csrf`` cookie in the
  ``X-CSRF-Token`` header (double submit; the token is an HMAC of the session, so a
  cookie planted by another site cannot forge it). Bearer-token requests are exempt.
  Pages posting HTML forms check a ``csrf_token`` field with ``csrf_valid``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from api.db import SessionDep
from api.dependencies import SettingsDep
from api.errors import Forbidden, NotAuthenticated
from api.settings import Settings
from api.tokens import service as tokens
from api.users import service
from api.users.models import Role, User

SESSION_COOKIE = "numjudge_session"
CSRF_COOKIE = "numjudge_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FORM_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("the Authorization header must be 'Bearer <token>'")
    return token.strip()


# Declare both ways to authenticate in the OpenAPI schema, so /docs offers "Authorize" and
# sends the header; ``bearer_token`` reads the header itself (to answer a malformed one with
# a message) and ``current_user_optional`` the cookie.
bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="An API token (`nj_…`) from the Account page or "
    "`numjudge tokens create --username U`, sent as `Authorization: Bearer TOKEN`. "
    "Pages use the session cookie instead.",
)
session_cookie_scheme = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="session",
    description="The session cookie set by `POST /api/v1/auth/login`; a change also needs "
    f"the `{CSRF_COOKIE}` cookie's value in the `{CSRF_HEADER}` header.",
)
BearerDeclared = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
SessionCookieDeclared = Annotated[str | None, Depends(session_cookie_scheme)]


def current_user_optional(
    request: Request,
    session: SessionDep,
    _bearer: BearerDeclared,
    _cookie: SessionCookieDeclared,
) -> User | None:
    token = bearer_token(request)
    if token is not None:
        user = tokens.user_for_token(session, token)
        if user is None:
            raise NotAuthenticated(
                "unknown, expired or revoked API token; create one on the Account page or "
                "with 'numjudge tokens create --username U'"
            )
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    return service.user_for_session(session, cookie) if cookie else None


CurrentUserOptional = Annotated[User | None, Depends(current_user_optional)]


def current_user(user: CurrentUserOptional) -> User:
    if user is None:
        raise NotAuthenticated(
            "log in first (POST /api/v1/auth/login) or send 'Authorization: Bearer <token>'"
        )
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def current_admin(user: CurrentUser) -> User:
    if user.role_enum is not Role.ADMIN:
        raise Forbidden("only admins may do this; ask an admin")
    return user


CurrentAdmin = Annotated[User, Depends(current_admin)]


def csrf_valid(settings: Settings, request: Request, presented: str | None) -> bool:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return True  # nothing to ride on: no session
    return bool(presented) and service.csrf_token_valid(
        settings.secret_key, cookie, presented or ""
    )


def csrf_protect(request: Request, settings: SettingsDep) -> None:
    if request.method in SAFE_METHODS or request.headers.get("authorization"):
        return
    if not csrf_valid(settings, request, request.headers.get(CSRF_HEADER)):
        raise Forbidden(
            f"missing or wrong {CSRF_HEADER} header: send the value of the {CSRF_COOKIE} "
            "cookie (reload the page if it is stale)"
        )


def set_login_cookies(response: Response, settings: Settings, session_token: str) -> None:
    max_age = settings.session_days * 24 * 3600
    common = {"max_age": max_age, "samesite": "lax", "secure": settings.cookie_secure, "path": "/"}
    response.set_cookie(SESSION_COOKIE, session_token, httponly=True, **common)  # type: ignore[arg-type]
    response.set_cookie(  # readable by the page's script, which echoes it in the header
        CSRF_COOKIE,
        service.csrf_token(settings.secret_key, session_token),
        httponly=False,
        **common,  # type: ignore[arg-type]
    )


def clear_login_cookies(response: Response, settings: Settings) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", samesite="lax", secure=settings.cookie_secure)

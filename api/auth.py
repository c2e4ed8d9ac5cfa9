"""Who is calling: session cookies for pages, bearer tokens for scripts, and CSRF.

For pages (api/pages) and the JSON API alike:

* ``CurrentUserOptional`` — the logged-in ``User`` or None (pages redirect to login on None);
* ``CurrentUser`` — the ``User``, or 401 with a message saying how to log in;
* ``CurrentAdmin`` — the ``User`` if an admin, else 403;
* ``csrf_protect`` — applied to the JSON API but for the ``/auth`` routes: a state-changing
  request authenticated by the session cookie must carry the token from the CSRF cookie in
  the ``X-CSRF-Token`` header (double submit; the token is an HMAC of the session, so a
  cookie planted by another site cannot forge it). Bearer-token requests are exempt.
  Pages posting HTML forms check a ``csrf_token`` field with ``csrf_valid``.
* Login and registration check a password, not a cookie, and need no token: a stale CSRF
  cookie (the secret key changed) must not keep anyone from logging in. Another site cannot
  send them either: they take only ``application/json``, which a cross-site request can
  send only after a CORS preflight this API never grants. Logout takes the token or, when the
  token is stale, a same-origin ``Origin`` header (browsers send it with every POST).
* Every GET with a session cookie whose CSRF cookie does not match gets a fresh one
  (``refreshed_csrf_cookie``, sent by ``api.middleware``): after a key rotation the next page
  load repairs Run, Submit and Log out.

With ``NUMJUDGE_COOKIE_SECURE`` (HTTPS) the cookies are named with the ``__Host-`` prefix,
which browsers accept only when Secure, for path ``/`` and without a domain: no sibling
subdomain or plain-HTTP page can plant or shadow them.
"""

from __future__ import annotations

import hmac
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import Scope

from api.db import SessionDep
from api.dependencies import SettingsDep
from api.errors import Forbidden, NotAuthenticated
from api.settings import Settings
from api.tokens import service as tokens
from api.users import service
from api.users.models import Role, User

SESSION_COOKIE = "numjudge_session"
CSRF_COOKIE = "numjudge_csrf"
SECURE_PREFIX = "__Host-"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FORM_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def session_cookie_name(settings: Settings) -> str:
    return SECURE_PREFIX + SESSION_COOKIE if settings.cookie_secure else SESSION_COOKIE


def csrf_cookie_name(settings: Settings) -> str:
    return SECURE_PREFIX + CSRF_COOKIE if settings.cookie_secure else CSRF_COOKIE


def session_token(request: Request, settings: Settings) -> str | None:
    return request.cookies.get(session_cookie_name(settings)) or None


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
# a message) and ``current_user_optional`` the cookie (whose name depends on the settings).
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
    description="The session cookie set by `POST /api/v1/auth/login` (named "
    f"`{SECURE_PREFIX}{SESSION_COOKIE}` when the site is served over HTTPS); a change also "
    f"needs the `{CSRF_COOKIE}` cookie's value in the `{CSRF_HEADER}` header.",
)
BearerDeclared = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
SessionCookieDeclared = Annotated[str | None, Depends(session_cookie_scheme)]


def current_user_optional(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
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
    cookie = session_token(request, settings)
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
    cookie = session_token(request, settings)
    if not cookie:
        return True  # nothing to ride on: no session
    return bool(presented) and service.csrf_token_valid(
        settings.secret_key, cookie, presented or ""
    )


def csrf_error(settings: Settings) -> Forbidden:
    return Forbidden(
        f"missing or wrong {CSRF_HEADER} header: send the value of the "
        f"{csrf_cookie_name(settings)} cookie (reload the page if it is stale)"
    )


def csrf_protect(request: Request, settings: SettingsDep) -> None:
    if request.method in SAFE_METHODS or request.headers.get("authorization"):
        return
    if not csrf_valid(settings, request, request.headers.get(CSRF_HEADER)):
        raise csrf_error(settings)


def same_origin(request: Request) -> bool:
    """Whether the browser says this request comes from a page of this site."""
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    return bool(origin and host) and urlsplit(origin).netloc.lower() == (host or "").lower()


def csrf_protect_logout(request: Request, settings: SettingsDep) -> None:
    if request.headers.get("authorization") or same_origin(request):
        return
    if not csrf_valid(settings, request, request.headers.get(CSRF_HEADER)):
        raise csrf_error(settings)


def set_login_cookies(response: Response, settings: Settings, session_token: str) -> None:
    set_cookie(response, settings, session_cookie_name(settings), session_token, httponly=True)
    set_csrf_cookie(response, settings, session_token)


def set_csrf_cookie(response: Response, settings: Settings, session_token: str) -> None:
    # Readable by the page's script, which echoes it in the header.
    token = service.csrf_token(settings.secret_key, session_token)
    set_cookie(response, settings, csrf_cookie_name(settings), token, httponly=False)


def set_cookie(
    response: Response, settings: Settings, name: str, value: str, *, httponly: bool
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=settings.session_days * 24 * 3600,
        path="/",
        secure=settings.cookie_secure,
        httponly=httponly,
        samesite="lax",
    )


def clear_login_cookies(response: Response, settings: Settings) -> None:
    for name in (session_cookie_name(settings), csrf_cookie_name(settings)):
        response.delete_cookie(name, path="/", samesite="lax", secure=settings.cookie_secure)


def refreshed_csrf_cookie(settings: Settings, scope: Scope) -> str | None:
    """The ``Set-Cookie`` value of a fresh CSRF cookie for a GET request whose session cookie
    no longer matches its CSRF cookie (the secret key changed), else None."""
    if scope.get("method") not in ("GET", "HEAD"):
        return None
    request = Request(scope)
    token = session_token(request, settings)
    if not token:
        return None
    expected = service.csrf_token(settings.secret_key, token)
    if hmac.compare_digest(
        request.cookies.get(csrf_cookie_name(settings), "").encode(), expected.encode()
    ):
        return None
    response = Response()
    set_csrf_cookie(response, settings, token)
    return response.headers["set-cookie"]

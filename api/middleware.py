"""What every HTTP request meets before the routes, and every answer after them.

* ``RequestChecks``: the Host header must name this site (``NUMJUDGE_ALLOWED_HOSTS``), the URL
  may not contain NUL, and the body may not exceed ``NUMJUDGE_MAX_BODY_BYTES``: a declared
  ``Content-Length`` past it is refused before a byte is read, and a body without one is
  counted while it streams in and refused as soon as it passes the limit.
* ``SecurityHeaders``: the Content Security Policy (with a nonce per answer, for <style>
  elements) and its companions on every answer, ``Cache-Control: no-store`` on the JSON API
  (its answers carry code and personal data), and a fresh CSRF cookie when the one a browser
  sent no longer matches its session (``api.auth.refreshed_csrf_cookie``).

Client addresses and the scheme come from ``X-Forwarded-For`` / ``X-Forwarded-Proto`` only
when the peer is one of ``NUMJUDGE_TRUSTED_PROXIES`` (uvicorn's own proxy support is turned
off where the site is started: ``--no-proxy-headers``).
"""

from __future__ import annotations

import secrets

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api.auth import refreshed_csrf_cookie
from api.settings import Settings

API_PREFIX = "/api/"
STATIC_PREFIX = "/static/"
NONCE_STATE_KEY = "csp_nonce"


SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'nonce-{nonce}'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# What one page needs beyond the site's policy, and nothing else does. /redoc: ReDoc runs its
# search index in a worker it starts from a blob: URL made of its own bundled code (without
# it, the search box finds nothing). A worker has no access to the page; it inherits the
# page's policy, so it can fetch from this site only.
PAGE_ALLOWANCES: dict[str, dict[str, str]] = {
    "/redoc": {"worker-src": "'self' blob:"},
}


def content_security_policy(nonce: str, path: str = "") -> str:
    """No inline script anywhere, nothing from another origin, never in a frame. A <style>
    element needs this answer's nonce (CodeMirror and ReDoc write some; the pages hand them
    the nonce in <meta name="csp-nonce">); style attributes are refused. A few pages get a
    named allowance more (``PAGE_ALLOWANCES``)."""
    directives = {**SITE_POLICY, **PAGE_ALLOWANCES.get(path, {})}
    return "; ".join(f"{name} {value.format(nonce=nonce)}" for name, value in directives.items())


SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit. An HTTPException, so
    that FastAPI's body reading passes it on to the error handlers unchanged."""

    def __init__(self, max_bytes: int):
        super().__init__(413, body_too_large_message(max_bytes))


def body_too_large_message(max_bytes: int) -> str:
    return (
        f"the request body is larger than {max_bytes} bytes ({max_bytes // 1024} KiB), the "
        "most this site accepts; send less"
    )


def host_name(host_header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets, lowercase."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0].rstrip(".")


async def send_error(
    scope: Scope, receive: Receive, send: Send, status_code: int, detail: str
) -> None:
    await JSONResponse({"detail": detail}, status_code=status_code)(scope, receive, send)


class RequestChecks:
    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str], max_body_bytes: int):
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.max_body_bytes = max_body_bytes

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = Headers(scope=scope)
        host = host_name(headers.get("host", ""))
        if "*" not in self.allowed_hosts and host not in self.allowed_hosts:
            return 400, (
                f"this site does not answer to the host name '{host[:100]}'; use its address, "
                "or ask the admin to add the name to NUMJUDGE_ALLOWED_HOSTS"
            )
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            return 400, "the URL contains a NUL character (%00); remove it"
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            return 413, body_too_large_message(self.max_body_bytes)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            await send_error(scope, receive, send, *refusal)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge as error:
            if started:
                raise
            await send_error(scope, receive, send, error.status_code, str(error.detail))


class SecurityHeaders:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope["path"].startswith(API_PREFIX)
        # Not on static files: a cache may keep those, and the cookie belongs to one user.
        static = scope["path"].startswith(STATIC_PREFIX)
        csrf_cookie = None if static else refreshed_csrf_cookie(self.settings, scope)
        nonce = secrets.token_urlsafe(16)
        # request.state.csp_nonce for the templates; a new dict, as the state is per request.
        scope["state"] = {**scope.get("state", {}), NONCE_STATE_KEY: nonce}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                policy = content_security_policy(nonce, scope["path"])
                headers.setdefault("content-security-policy", policy)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if is_api:
                    headers["cache-control"] = "no-store"
                if csrf_cookie is not None:
                    headers.append("set-cookie", csrf_cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware; the last added runs first: proxies, headers, then the checks."""
    app.add_middleware(
        RequestChecks,
        allowed_hosts=settings.allowed_host_names,
        max_body_bytes=settings.max_body_bytes,
    )
    app.add_middleware(SecurityHeaders, settings=settings)
    if settings.trusted_proxy_list:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)

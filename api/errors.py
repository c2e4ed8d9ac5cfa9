"""Errors the domain raises; the app turns each into its HTTP status and ``{"detail": ...}``.

Every message says what is wrong and what to do about it.
"""

from __future__ import annotations

from collections.abc import Mapping


class AppError(Exception):
    status_code = 400

    def __init__(
        self,
        message: str,
        retry_after: int | None = None,
        extra: Mapping[str, object] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after  # seconds, sent as Retry-After when set
        self.extra = dict(extra or {})  # more members of the JSON answer, beside "detail"


class BadRequest(AppError):
    status_code = 400


class NotAuthenticated(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class PayloadTooLarge(AppError):
    status_code = 413


class UnsupportedMediaType(AppError):
    status_code = 415


class InvalidInput(AppError):
    status_code = 422


class RateLimited(AppError):
    status_code = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, retry_after)


class Unavailable(AppError):
    status_code = 503


class GatewayTimeout(AppError):
    status_code = 504

"""Limits on guessing passwords, for every request that checks one (a login, a password
change confirming the current password).

Failures are counted per username and client address: someone guessing from elsewhere
cannot lock the real user out (nor can a thief holding a session lock its owner out of the
password change). Failures per username from all addresses together have a higher ceiling
(``NUMJUDGE_LOGIN_FAILURES_PER_USERNAME_PER_MINUTE``). Past either, the account's password is
not checked from there for the rest of the minute, right or wrong. Every attempt, right or
wrong, also counts against the client address (3 x ``NUMJUDGE_LOGIN_ATTEMPTS_PER_MINUTE``).
"""

from __future__ import annotations

import redis

from api import ratelimit
from api.settings import Settings

ATTEMPTS_FROM_CLIENT = "login-client"
FAILED_FROM_CLIENT = "login-failed"
FAILED_FOR_USERNAME = "login-failed-user"
CLIENT_ATTEMPTS_FACTOR = 3


def _subject(username: str, client: str) -> str:
    return f"{username.lower()}@{client}"


def attempt(redis_client: redis.Redis, settings: Settings, username: str, client: str) -> None:
    """Count an attempt to check ``username``'s password from ``client``; ``RateLimited``
    when ``client`` tried too often this minute, or ``username`` failed too often from
    ``client`` or from everywhere together."""
    ratelimit.hit(
        redis_client,
        ATTEMPTS_FROM_CLIENT,
        client,
        CLIENT_ATTEMPTS_FACTOR * settings.login_attempts_per_minute,
        "logins from this address",
    )
    ratelimit.check(
        redis_client,
        FAILED_FROM_CLIENT,
        _subject(username, client),
        settings.login_attempts_per_minute,
        "failed logins",
    )
    ratelimit.check(
        redis_client,
        FAILED_FOR_USERNAME,
        username.lower(),
        settings.login_failures_per_username_per_minute,
        "failed logins for this account",
    )


def record_failure(redis_client: redis.Redis, username: str, client: str) -> None:
    ratelimit.record(redis_client, FAILED_FROM_CLIENT, _subject(username, client))
    ratelimit.record(redis_client, FAILED_FOR_USERNAME, username.lower())

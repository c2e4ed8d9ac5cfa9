"""Limits on guessing passwords, for every request that checks one (a login, a password
change confirming the current password).

Failures are counted per username and client address: someone guessing from elsewhere
cannot lock the real user out. Failures per username from all addresses together have a
higher ceiling (``NUMJUDGE_LOGIN_FAILURES_PER_USERNAME_PER_MINUTE``). Past either, the
account's password is not checked from there for the rest of the minute, right or wrong.
"""

from __future__ import annotations

import redis

from api import ratelimit
from api.settings import Settings

FAILED_FROM_CLIENT = "login-failed"
FAILED_FOR_USERNAME = "login-failed-user"


def _subject(username: str, client: str) -> str:
    return f"{username.lower()}@{client}"


def check(redis_client: redis.Redis, settings: Settings, username: str, client: str) -> None:
    """``RateLimited`` when ``username`` has failed too often this minute, from ``client``
    or from everywhere together."""
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

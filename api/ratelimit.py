"""Limits in Redis, shared by every API process: fixed one-minute windows (``hit``, ``check``
and ``record``) and a cap on things in progress at once (``holding``).

When Redis is unreachable the action is allowed (and logged): the queue is down then
anyway, and refusing every login would lock everybody out.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator

import redis

from api.errors import RateLimited

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60
KEY_PREFIX = "numjudge:ratelimit"


def _window_key(scope: str, subject: str) -> tuple[str, int, float]:
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    return f"{KEY_PREFIX}:{scope}:{subject}:{window}", window, now


def _limited(limit: int, what: str, window: int, now: float) -> RateLimited:
    retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
    return RateLimited(
        f"too many {what}: at most {limit} a minute; try again in {retry_after} s", retry_after
    )


def hit(client: redis.Redis, scope: str, subject: str, limit: int, what: str) -> None:
    """Count one ``scope`` action by ``subject``; raise ``RateLimited`` past ``limit`` a minute."""
    key, window, now = _window_key(scope, subject)
    try:
        pipeline = client.pipeline()
        pipeline.incr(key)
        pipeline.expire(key, WINDOW_SECONDS + 5)
        count = int(pipeline.execute()[0])
    except redis.RedisError:
        log.warning("rate limit %s not enforced: Redis is unreachable", scope)
        return
    if count > limit:
        raise _limited(limit, what, window, now)


def check(client: redis.Redis, scope: str, subject: str, limit: int, what: str) -> None:
    """Raise ``RateLimited`` when ``subject`` already reached ``limit`` this minute; counts
    nothing (``record`` counts, e.g. only the failures)."""
    key, window, now = _window_key(scope, subject)
    try:
        count = int(client.get(key) or 0)
    except redis.RedisError:
        log.warning("rate limit %s not enforced: Redis is unreachable", scope)
        return
    if count >= limit:
        raise _limited(limit, what, window, now)


def record(client: redis.Redis, scope: str, subject: str) -> None:
    """Count one ``scope`` event of ``subject`` in this minute's window."""
    key, _window, _now = _window_key(scope, subject)
    try:
        pipeline = client.pipeline()
        pipeline.incr(key)
        pipeline.expire(key, WINDOW_SECONDS + 5)
        pipeline.execute()
    except redis.RedisError:
        log.warning("rate limit %s not counted: Redis is unreachable", scope)


@contextlib.contextmanager
def holding(
    client: redis.Redis,
    scope: str,
    subject: str,
    limit: int,
    message: str,
    expire_seconds: float,
) -> Iterator[None]:
    """At most ``limit`` of ``subject``'s ``scope`` at once, else ``RateLimited(message)``.
    The count expires after ``expire_seconds`` (longer than one can last), so a process
    killed while holding one cannot block ``subject`` for longer."""
    key = f"{KEY_PREFIX}:{scope}:{subject}:held"
    try:
        pipeline = client.pipeline()
        pipeline.incr(key)
        pipeline.expire(key, int(expire_seconds) + 1)
        count = int(pipeline.execute()[0])
    except redis.RedisError:
        log.warning("limit %s not enforced: Redis is unreachable", scope)
        yield
        return
    try:
        if count > limit:
            raise RateLimited(message, retry_after=5)
        yield
    finally:
        with contextlib.suppress(redis.RedisError):
            client.decr(key)

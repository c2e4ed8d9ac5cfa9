"""Fixed-window rate limits in Redis, shared by every API process."""

from __future__ import annotations

import logging
import time

import redis

from api.errors import RateLimited

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60


def hit(client: redis.Redis, scope: str, subject: str, limit: int, what: str) -> None:
    """Count one ``scope`` action by ``subject``; raise ``RateLimited`` past ``limit`` a minute.

    When Redis is unreachable the action is allowed (and logged): the queue is down then
    anyway, and refusing every login would lock everybody out.
    """
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"numjudge:ratelimit:{scope}:{subject}:{window}"
    try:
        pipeline = client.pipeline()
        pipeline.incr(key)
        pipeline.expire(key, WINDOW_SECONDS + 5)
        count = int(pipeline.execute()[0])
    except redis.RedisError:
        log.warning("rate limit %s not enforced: Redis is unreachable", scope)
        return
    if count > limit:
        retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
        raise RateLimited(
            f"too many {what}: at most {limit} a minute; try again in {retry_after} s",
            retry_after,
        )

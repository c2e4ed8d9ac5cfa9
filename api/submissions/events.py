"""Judging progress as a Redis Stream per submission: the worker appends, SSE readers follow.

A stream (not pub/sub) keeps the events, so a reader that reconnects with the id of the
last event it saw (SSE ``Last-Event-ID``) misses nothing. Entry ids are the SSE ids.
"""

from __future__ import annotations

import json
import re
from typing import Any

import redis
import redis.asyncio

from api.errors import BadRequest

MAX_EVENTS = 5000  # per submission; far above what one judging emits
KEEP_SECONDS = 24 * 3600  # after the result, for late readers
RESULT_EVENT = "result"  # the last event of a submission's stream
STREAM_ID_PATTERN = re.compile(r"^(\d{1,20})-(\d{1,20})$")
MAX_STREAM_ID_PART = 2**64 - 1  # each half of a Redis stream id is an unsigned 64-bit number


def stream_key(submission_id: int) -> str:
    return f"numjudge:submission:{submission_id}:events"


def publish(client: redis.Redis, submission_id: int, event: dict[str, Any]) -> str:
    key = stream_key(submission_id)
    entry_id = client.xadd(key, {"data": json.dumps(event)}, maxlen=MAX_EVENTS, approximate=True)
    if event.get("type") == RESULT_EVENT:
        client.expire(key, KEEP_SECONDS)
    return entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)


def resume_point(last_event_id: str | None) -> str:
    """Where to continue reading: after ``Last-Event-ID``, or from the start without one.
    Anything but an id this stream could have sent is a 400 (Redis would refuse it midway)."""
    if not last_event_id or not last_event_id.strip():
        return "0-0"
    match = STREAM_ID_PATTERN.match(last_event_id.strip())
    if match is None or any(int(part) > MAX_STREAM_ID_PART for part in match.groups()):
        raise BadRequest(
            f"Last-Event-ID '{last_event_id[:60]}' is not an event id of this stream (like "
            "1700000000000-0); send the id of the last event you received, or none"
        )
    return match.group(0)


async def read_after(
    client: redis.asyncio.Redis, submission_id: int, after: str, block_ms: int
) -> list[tuple[str, dict[str, Any]]]:
    """The events after ``after``, waiting up to ``block_ms`` for the first one."""
    response: Any = await client.xread(
        {stream_key(submission_id): after}, count=100, block=block_ms
    )
    events = []
    for _key, entries in response or []:
        for entry_id, fields in entries:
            raw = fields.get(b"data") or fields.get("data") or b"{}"
            event_id = entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)
            events.append((event_id, json.loads(raw)))
    return events


def sse_message(data: dict[str, Any], *, event: str, event_id: str | None = None) -> bytes:
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append(f"event: {event}")
    lines.append(f"data: {json.dumps(data)}")
    return ("\n".join(lines) + "\n\n").encode()

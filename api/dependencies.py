"""Request dependencies for the app-wide resources ``create_app`` puts on ``app.state``."""

from __future__ import annotations

from typing import Annotated

import redis
import redis.asyncio
from fastapi import Depends, Request

from api.errors import UnsupportedMediaType
from api.queue import JobQueue
from api.settings import Settings

JSON_MEDIA_TYPE = "application/json"


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _redis(request: Request) -> redis.Redis:
    client: redis.Redis = request.app.state.redis
    return client


def _async_redis(request: Request) -> redis.asyncio.Redis:
    client: redis.asyncio.Redis = request.app.state.async_redis
    return client


def _queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.queue
    return queue


SettingsDep = Annotated[Settings, Depends(_settings)]
RedisDep = Annotated[redis.Redis, Depends(_redis)]
AsyncRedisDep = Annotated[redis.asyncio.Redis, Depends(_async_redis)]
QueueDep = Annotated[JobQueue, Depends(_queue)]


def require_json(request: Request) -> None:
    """415 unless the body is declared JSON. Besides saying what is wrong early, it keeps
    other sites out: HTML forms can only send form or text bodies, and a cross-site JSON
    request needs a CORS preflight that this API never grants."""
    declared = request.headers.get("content-type", "")
    if declared.split(";", 1)[0].strip().lower() != JSON_MEDIA_TYPE:
        raise UnsupportedMediaType(
            f"send the body as JSON with 'Content-Type: {JSON_MEDIA_TYPE}' "
            f"(this request declared '{declared[:100] or 'nothing'}')"
        )

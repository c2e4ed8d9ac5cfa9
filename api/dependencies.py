"""Request dependencies for the app-wide resources ``create_app`` puts on ``app.state``."""

from __future__ import annotations

from typing import Annotated

import redis
import redis.asyncio
from fastapi import Depends, Request

from api.queue import JobQueue
from api.settings import Settings


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

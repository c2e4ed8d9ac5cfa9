"""``GET /healthz``: can this API reach its database and Redis, and can a worker reach Docker?

The API process has no Docker socket (only workers launch sandboxes), so Docker is judged
by the heartbeats workers write to Redis after pinging their engine.
"""

from __future__ import annotations

import json
import time
from typing import Any

import redis
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

HEARTBEAT_PREFIX = "numjudge:worker:"
HEARTBEAT_SECONDS = 60  # a heartbeat older than this is a dead worker

router = APIRouter(tags=["health"])


def write_heartbeat(client: redis.Redis, worker: str, docker_error: str) -> None:
    beat = {"time": time.time(), "docker": docker_error or "ok"}
    client.set(HEARTBEAT_PREFIX + worker, json.dumps(beat), ex=HEARTBEAT_SECONDS)


def read_heartbeats(client: redis.Redis) -> dict[str, dict[str, Any]]:
    beats = {}
    for key in client.scan_iter(match=HEARTBEAT_PREFIX + "*", count=100):
        raw = client.get(key)
        if raw is not None:
            name = (key.decode() if isinstance(key, bytes) else str(key))[len(HEARTBEAT_PREFIX) :]
            beats[name] = json.loads(raw)
    return beats


def check_database(factory: sessionmaker[Session]) -> str:
    try:
        with factory() as session:
            session.execute(text("SELECT 1"))
    except Exception as error:
        return f"unreachable: {error}"
    return "ok"


def check_redis_and_docker(client: redis.Redis) -> tuple[str, str, int]:
    try:
        client.ping()
        beats = read_heartbeats(client)
    except redis.RedisError as error:
        return f"unreachable: {error}", "unknown: Redis is unreachable", 0
    if not beats:
        return (
            "ok",
            "unknown: no worker is running (start one: make run, or celery -A worker.app worker)",
            0,
        )
    healthy = [b for b in beats.values() if b.get("docker") == "ok"]
    if healthy:
        return "ok", "ok", len(beats)
    return (
        "ok",
        f"unreachable from every worker: {next(iter(beats.values())).get('docker')}",
        len(beats),
    )


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    database = check_database(request.app.state.session_factory)
    redis_state, docker_state, workers = check_redis_and_docker(request.app.state.redis)
    healthy = database == redis_state == docker_state == "ok"
    return JSONResponse(
        {
            "status": "ok" if healthy else "degraded",
            "database": database,
            "redis": redis_state,
            "docker": docker_state,
            "workers": workers,
        },
        status_code=200 if healthy else 503,
    )

"""What a worker process needs, built lazily once per process (Celery forks its pool, and
connections must not be shared across a fork)."""

from __future__ import annotations

import dataclasses
import functools
import os

import docker
import redis
from sqlalchemy.orm import Session, sessionmaker

from api.db import make_engine, make_session_factory
from api.queue import JobQueue
from api.settings import Settings, get_settings
from sandbox.container import ContainerRunner
from sandbox.image import image_tag

SUBMISSION_LABEL = "numjudge.submission"
ATTEMPT_LABEL = "numjudge.attempt"


@dataclasses.dataclass
class Resources:
    settings: Settings
    sessions: sessionmaker[Session]
    redis: redis.Redis
    queue: JobQueue

    @functools.cached_property
    def docker(self) -> docker.DockerClient:
        return docker.from_env()

    @property
    def problem_cache(self) -> os.PathLike[str]:
        return self.settings.data_dir / "problem-cache"

    def runner(self, labels: dict[str, str]) -> ContainerRunner:
        image = self.settings.sandbox_image or image_tag()
        return ContainerRunner(self.docker, image, labels=labels)


_by_process: dict[int, Resources] = {}


def resources() -> Resources:
    pid = os.getpid()
    if pid not in _by_process:
        settings = get_settings()
        _by_process[pid] = Resources(
            settings=settings,
            sessions=make_session_factory(make_engine(settings.database_url)),
            redis=redis.Redis.from_url(settings.redis_url, socket_timeout=10),
            queue=JobQueue(settings),
        )
    return _by_process[pid]

"""What a worker process needs, built lazily once per process (Celery forks its pool, and
connections must not be shared across a fork)."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Iterator

import docker
import redis
from sqlalchemy.orm import Session, sessionmaker

from api.db import make_engine, make_session_factory
from api.queue import JobQueue
from api.settings import Settings, get_settings
from sandbox.container import ContainerRunner
from sandbox.image import image_tag
from sandbox.pool import SandboxPool
from sandbox.reference import SpareReference

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

    @property
    def image(self) -> str:
        return self.settings.sandbox_image or image_tag()

    @functools.cached_property
    def pool(self) -> SandboxPool | None:
        """This process's warm sandboxes (started on first use; each process has its own)."""
        if not self.settings.sandbox_pool_size:
            return None
        return SandboxPool(
            self.docker,
            self.image,
            self.settings.sandbox_pool_size,
            idle_seconds=self.settings.sandbox_pool_idle_seconds,
        )

    @functools.cached_property
    def reference(self) -> SpareReference:
        """This process's reference process, started ahead (refilled after each judging)."""
        spare = SpareReference()
        spare.refill()
        return spare

    @contextlib.contextmanager
    def judging_reference(self) -> Iterator[SpareReference]:
        """The spare reference for one judging; its successor starts once the judging is
        over, so that its start never competes with the judging's timed calls."""
        try:
            yield self.reference
        finally:
            self.reference.refill()

    def runner(self, labels: dict[str, str]) -> ContainerRunner:
        return ContainerRunner(self.docker, self.image, labels=labels, pool=self.pool)

    def close_pool(self) -> None:
        """Remove the warm sandboxes and stop the spare reference process."""
        if "pool" in self.__dict__ and self.pool is not None:
            self.pool.close()
        if "reference" in self.__dict__:
            self.reference.close()


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

"""The sweep: the database is the source of truth, so a worker-side timer periodically
re-enqueues submissions whose message or worker was lost, gives up on those out of
attempts, finalises assessment attempts whose deadline passed (their last drafts judged as
final attempts, even when no page was open and no worker was up at the deadline), ends
package validations that were lost as errors, removes
orphaned sandbox containers, and reports this worker's health."""

from __future__ import annotations

import dataclasses
import logging
import socket
import threading

import docker.errors

from api.assessments import attempts
from api.db import after_commit, transaction, utcnow
from api.health import write_heartbeat
from api.publishing import service as publishing
from api.publishing.service import VALIDATION_JUDGINGS
from api.submissions import service
from sandbox.container import remove_orphans
from worker.judging import publish_failure
from worker.resources import Resources

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class SweepReport:
    requeued: list[int]
    failed: list[int]
    finalized: list[int]
    containers_removed: int
    docker_error: str


def sweep_once(resources: Resources) -> SweepReport:
    settings = resources.settings
    with transaction(resources.sessions) as session:
        outcome = service.sweep(
            session,
            now=utcnow(),
            queued_timeout=settings.queued_timeout_seconds,
            running_timeout=settings.running_timeout_seconds,
            max_attempts=settings.max_attempts,
        )
        for _ in outcome.requeued:
            after_commit(session, resources.queue.enqueue_judging)
    for submission_id in outcome.failed:
        publish_failure(
            resources, submission_id, service.out_of_attempts_message(settings.max_attempts)
        )
    if outcome.requeued or outcome.failed:
        log.warning("sweep: re-enqueued %s, gave up on %s", outcome.requeued, outcome.failed)
    with transaction(resources.sessions) as session:
        finalized = attempts.finalize_due(session, utcnow())
        for _ in finalized.submissions:
            after_commit(session, resources.queue.enqueue_judging)
    if finalized.attempts:
        log.info(
            "sweep: finalised attempts %s (final drafts %s)",
            finalized.attempts,
            finalized.submissions,
        )
    with transaction(resources.sessions) as session:
        limit = VALIDATION_JUDGINGS * settings.running_timeout_seconds
        lost = publishing.expire_lost(session, utcnow(), limit)
    if lost:
        log.warning("sweep: validations %s were lost; they end as errors", lost)
    removed, docker_error = 0, ""
    try:
        resources.docker.ping()
        removed = remove_orphans(resources.docker)
    except docker.errors.DockerException as error:
        docker_error = f"unreachable: {error}"
    return SweepReport(outcome.requeued, outcome.failed, finalized.attempts, removed, docker_error)


class SweepThread(threading.Thread):
    """Runs ``sweep_once`` every ``sweep_interval_seconds`` in the worker's main process."""

    def __init__(self, resources: Resources, worker_name: str | None = None):
        super().__init__(name="numjudge-sweep", daemon=True)
        self.resources = resources
        self.worker_name = worker_name or f"{socket.gethostname()}-{threading.get_native_id()}"
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                report = sweep_once(self.resources)
                write_heartbeat(self.resources.redis, self.worker_name, report.docker_error)
            except Exception:
                log.exception("sweep failed; trying again in the next round")
            self.stopping.wait(self.resources.settings.sweep_interval_seconds)

    def stop(self) -> None:
        self.stopping.set()

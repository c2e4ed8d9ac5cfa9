"""The Celery app: ``celery -A worker.app worker``.

Reliability comes from the configuration in ``api.queue.celery_config`` (late acks,
prefetch 1, a visibility timeout above the time limit, requeue when a worker is lost) and
from the sweep thread each worker runs beside its pool.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, signals
from kombu import Exchange, Queue

from api.publishing.service import VALIDATION_JUDGINGS
from api.queue import JUDGE_QUEUE, JUDGE_TASK, RUN_QUEUE, RUN_TASK, VALIDATE_TASK, make_celery
from api.settings import get_settings
from sandbox.container import remove_orphans
from worker import judging, validating
from worker.resources import resources
from worker.sweep import SweepThread

log = logging.getLogger(__name__)

app: Celery = make_celery(get_settings())
app.conf.task_queues = tuple(
    Queue(name, Exchange(name), routing_key=name) for name in (JUDGE_QUEUE, RUN_QUEUE)
)

_sweep: list[SweepThread] = []


@app.task(name=JUDGE_TASK, acks_late=True, reject_on_worker_lost=True)
def judge_next() -> str:
    return judging.judge_next(resources())


# A "Run" is not worth redelivering: its caller has stopped waiting by then.
@app.task(name=RUN_TASK, acks_late=False, ignore_result=False)
def run_samples(problem_version_id: int, code: str) -> dict[str, Any]:
    return judging.run_samples(resources(), problem_version_id, code)


# A validation judges every known submission of a draft in turn: many judgings' time. A lost
# one is not redelivered (its row stays running): the admin validates again.
@app.task(
    name=VALIDATE_TASK,
    acks_late=False,
    time_limit=VALIDATION_JUDGINGS * app.conf.task_time_limit,
    soft_time_limit=VALIDATION_JUDGINGS * app.conf.task_time_limit - 10,
)
def validate_draft(validation_id: int) -> str:
    return validating.validate_draft(resources(), validation_id)


@signals.worker_ready.connect
def start_sweep(sender: Any = None, **_: Any) -> None:
    try:
        removed = remove_orphans(resources().docker)
        if removed:
            log.info("removed %d orphaned sandbox container(s)", removed)
    except Exception:
        log.exception("could not remove orphaned containers at start")
    thread = SweepThread(resources(), getattr(sender, "hostname", None))
    thread.start()
    _sweep.append(thread)


@signals.worker_process_init.connect
def warm_sandboxes(**_: Any) -> None:
    """Each pool process starts its warm sandboxes and its spare reference process now,
    before its first judging."""
    resources().pool  # noqa: B018 (starting the pool is the point)
    resources().reference  # noqa: B018 (as is starting the spare)


@signals.worker_process_shutdown.connect
def remove_sandboxes(**_: Any) -> None:
    resources().close_pool()


@signals.worker_shutting_down.connect
def stop_sweep(**_: Any) -> None:
    for thread in _sweep:
        thread.stop()

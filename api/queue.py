"""The job queue as the API sees it: Celery over Redis, addressed by task name.

``api`` never imports ``worker``; both agree on the names and the configuration here.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from api.settings import Settings

# A judge message names no submission: it says "a judging is due", and the worker claims
# the submission whose turn it is (api.submissions.queueing). One is sent per
# queued submission (and again by the sweep when one waits too long).
JUDGE_TASK = "numjudge.judge_next"
RUN_TASK = "numjudge.run_samples"
# Judges every known submission of a package draft, as untrusted code (api.publishing).
VALIDATE_TASK = "numjudge.validate_draft"
JUDGE_QUEUE = "judge"
RUN_QUEUE = "runs"


def celery_config(settings: Settings) -> dict[str, Any]:
    hard_limit = settings.judge_time_limit_seconds
    return {
        "broker_url": settings.redis_url,
        "result_backend": settings.redis_url,
        "task_ignore_result": True,
        "result_expires": 600,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_time_limit": hard_limit,
        "task_soft_time_limit": hard_limit - 10,
        # A message not acknowledged within this time is delivered again; it must exceed
        # the time limit, or a slow judging would be started twice.
        "broker_transport_options": {"visibility_timeout": hard_limit + 300},
        "result_backend_transport_options": {"visibility_timeout": hard_limit + 300},
        "task_default_queue": JUDGE_QUEUE,
        "task_publish_retry_policy": {
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.5,
        },
        "broker_connection_retry_on_startup": True,
        "worker_hijack_root_logger": False,
        "task_serializer": "json",
        "accept_content": ["json"],
    }


def make_celery(settings: Settings) -> Celery:
    app = Celery("numjudge")
    app.conf.update(celery_config(settings))
    return app


class JobQueue:
    """Sends jobs to the workers."""

    def __init__(self, settings: Settings):
        self.celery = make_celery(settings)

    def enqueue_judging(self) -> None:
        self.celery.send_task(JUDGE_TASK, queue=JUDGE_QUEUE)

    def enqueue_validation(self, validation_id: int) -> None:
        self.celery.send_task(VALIDATE_TASK, args=[validation_id], queue=JUDGE_QUEUE)

    def run_samples(self, problem_version_id: int, code: str, timeout: float) -> dict[str, Any]:
        """Judge ``code`` against the sample probes on a worker and wait for the report. A
        Run no worker started within ``timeout`` is dropped: its caller has stopped waiting."""
        result = self.celery.send_task(
            RUN_TASK,
            args=[problem_version_id, code],
            queue=RUN_QUEUE,
            ignore_result=False,
            expires=timeout,
        )
        try:
            report: dict[str, Any] = result.get(timeout=timeout)
        finally:
            result.forget()
        return report

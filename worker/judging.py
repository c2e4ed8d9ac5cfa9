"""Judging: claim the submission whose turn it is, judge it in the sandbox, record the result.

The database decides: which submission is next (round-robin between users, see
``api.submissions.queueing``), and who holds it: a claim is a conditional update,
so two workers never hold one submission, and a message with nothing left to claim stops;
a result is written only by the attempt that holds the claim, so a submission never gets
two results.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

import redis

from api.db import transaction
from api.problems.service import PackageLoader, package_for
from api.submissions import events, queueing, service
from api.submissions.models import Submission, SubmissionStatus
from sandbox.container import LABEL, NAME_PREFIX
from sandbox.judge import judge
from sandbox.problem import ProblemError, ProblemPackage
from sandbox.untrusted import load_untrusted_problem
from worker.resources import ATTEMPT_LABEL, SUBMISSION_LABEL, Resources

log = logging.getLogger(__name__)


RUN_LABELS = {"numjudge.run": "1"}


def uploaded_loader(resources: Resources, labels: dict[str, str]) -> PackageLoader:
    """How this worker loads a version published from the browser: as untrusted code, its
    probes and checks collected in a package container."""
    return functools.partial(load_untrusted_problem, runner=resources.runner(labels))


def publish(resources: Resources, submission_id: int, event: dict[str, Any]) -> None:
    """Progress is best effort: the database, not the stream, holds the result."""
    try:
        events.publish(resources.redis, submission_id, event)
    except redis.RedisError as error:
        log.warning("progress of submission %s not published: %s", submission_id, error)


def remove_earlier_attempts(resources: Resources, submission_id: int, attempt: int) -> int:
    """Remove sandbox containers that dead earlier attempts of this submission left (a
    container serving a judging is named after it: ``sandbox.container.judging_name``)."""
    removed = 0
    named = re.compile(rf"^/?{NAME_PREFIX}submission{submission_id}-attempt(\d+)-")
    filters = {"label": LABEL, "name": f"{NAME_PREFIX}submission{submission_id}-"}
    for container in resources.docker.api.containers(all=True, filters=filters):
        for name in container.get("Names") or []:
            match = named.match(name)
            if match and int(match.group(1)) < attempt:
                resources.docker.api.remove_container(container["Id"], force=True)
                removed += 1
                break
    return removed


def judge_next(resources: Resources) -> str:
    with transaction(resources.sessions) as session:
        claimed = queueing.claim_next(session, resources.settings.max_attempts)
    if claimed is None:
        return "skipped: no submission is waiting (another worker took it)"
    return judge_claimed(resources, claimed.submission_id, claimed.attempt)


def judge_claimed(resources: Resources, submission_id: int, attempt: int) -> str:
    settings = resources.settings
    publish(resources, submission_id, {"type": "status", "status": "running", "attempt": attempt})
    try:
        removed = remove_earlier_attempts(resources, submission_id, attempt)
        if removed:
            log.info("removed %d container(s) of earlier attempts of %s", removed, submission_id)
        with transaction(resources.sessions) as session:
            submission = session.get(Submission, submission_id)
            assert submission is not None
            code, version = submission.code, submission.problem_version
        # Outside the transaction: an uploaded version is loaded in a container (seconds).
        package = package_for(
            version,
            Path(resources.problem_cache),
            uploaded_loader(resources, {SUBMISSION_LABEL: str(submission_id)}),
        )
        report = judge_with_progress(resources, submission_id, attempt, package, code)
    except ProblemError as error:
        return settle_failure(resources, submission_id, attempt, broken_problem_message(error))
    except Exception as error:
        log.exception("judging submission %s (attempt %d) failed", submission_id, attempt)
        if attempt >= settings.max_attempts:
            message = f"the judge failed {attempt} times, last with {type(error).__name__}: {error}"
            return settle_failure(resources, submission_id, attempt, message)
        with transaction(resources.sessions) as session:
            service.release(session, submission_id, attempt)
        raise
    with transaction(resources.sessions) as session:
        recorded = service.finish(session, submission_id, attempt, report)
    if not recorded:
        return "dropped: a newer attempt took the submission over"
    publish(
        resources,
        submission_id,
        {
            "type": events.RESULT_EVENT,
            "status": SubmissionStatus.DONE.value,
            "verdict": report["verdict"],
            "score": report["score"],
        },
    )
    return f"done: {report['verdict']} {report['score']}"


def judge_with_progress(
    resources: Resources, submission_id: int, attempt: int, package: ProblemPackage, code: str
) -> dict[str, Any]:
    def on_event(event: dict[str, Any]) -> None:
        publish(resources, submission_id, {**event, "attempt": attempt})

    runner = resources.runner({SUBMISSION_LABEL: str(submission_id), ATTEMPT_LABEL: str(attempt)})
    with resources.judging_reference() as spare:
        return judge(package, code, runner=runner, on_event=on_event, spare=spare).to_dict()


def broken_problem_message(error: Exception) -> str:
    return f"the problem package is broken ({error}); an admin must fix it, then submit again"


def settle_failure(resources: Resources, submission_id: int, attempt: int, message: str) -> str:
    with transaction(resources.sessions) as session:
        recorded = service.fail(session, submission_id, attempt, message)
    if recorded:
        publish_failure(resources, submission_id, message)
    return f"error: {message}"


def publish_failure(resources: Resources, submission_id: int, message: str) -> None:
    publish(
        resources,
        submission_id,
        {
            "type": events.RESULT_EVENT,
            "status": SubmissionStatus.ERROR.value,
            "verdict": None,
            "score": None,
            "message": message,
        },
    )


def run_samples(resources: Resources, problem_version_id: int, code: str) -> dict[str, Any]:
    """A "Run": the sample probes only, nothing recorded."""
    from api.problems.models import ProblemVersion

    with transaction(resources.sessions) as session:
        version = session.get(ProblemVersion, problem_version_id)
        if version is None:
            raise ProblemError(f"no problem version {problem_version_id}")
    package = package_for(
        version, Path(resources.problem_cache), uploaded_loader(resources, RUN_LABELS)
    )
    runner = resources.runner(RUN_LABELS)
    with resources.judging_reference() as spare:
        report = judge(package, code, runner=runner, samples_only=True, spare=spare)
    result: dict[str, Any] = service.json_safe(report.to_dict())
    return result

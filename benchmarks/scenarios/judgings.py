"""Submissions as the throughput scenario posts and reads them back: the POST's own times
on the client, then what the stack recorded. The database (PostgreSQL, the run's own) says
whether each is final, its verdict, its attempts and when it finished; the submission's
Redis event stream says when a worker claimed it (the entry id of its ``running`` event is
Redis's clock in ms, on this machine) and how many results were published for it."""

from __future__ import annotations

import dataclasses
import datetime
import json
import time
from collections.abc import Sequence
from typing import Any, cast

import httpx
import redis
from sqlalchemy import func, select

from api.db import make_engine, make_session_factory
from api.submissions.events import RESULT_EVENT, stream_key
from api.submissions.models import Submission, SubmissionStatus
from scenarios.measure import BenchmarkError, log
from scenarios.stack import PROBLEMS_DIR, Stack, submit

FINAL = (SubmissionStatus.DONE.value, SubmissionStatus.ERROR.value)


@dataclasses.dataclass(frozen=True)
class Posted:
    """A submission the API accepted; times are Unix seconds."""

    submission_id: int
    user: int  # index among the scenario's users
    slug: str
    posted: float  # the POST sent
    accepted: float  # its 202 received


@dataclasses.dataclass(frozen=True)
class Judged:
    posted: Posted
    status: str  # queued or running: lost
    verdict: str | None
    attempts: int
    claimed: float  # the first 'running' event; nan without one
    finished: float  # finished_at in the database; nan while not final
    running_events: int
    result_events: int
    failed_checks: tuple[str, ...]
    error: str | None


def reference_code(slug: str) -> str:
    return (PROBLEMS_DIR / slug / "reference.py").read_text()


async def post(client: httpx.AsyncClient, user: int, slug: str, code: str) -> Posted | str:
    """POST one submission: what was accepted, or why not."""
    posted = time.time()
    try:
        submission_id = await submit(client, slug, code)
    except (BenchmarkError, httpx.HTTPError) as error:
        return f"{type(error).__name__}: {error}"[:300]
    return Posted(submission_id, user, slug, posted, time.time())


class Records:
    """The stack's database and Redis, read back."""

    def __init__(self, stack: Stack) -> None:
        self.engine = make_engine(stack.settings.database_url)
        self.sessions = make_session_factory(self.engine)
        self.redis = redis.Redis.from_url(stack.settings.redis_url)

    def close(self) -> None:
        self.engine.dispose()
        self.redis.close()

    def final_count(self, ids: Sequence[int]) -> int:
        with self.sessions() as session:
            count = session.scalar(
                select(func.count()).where(Submission.id.in_(ids), Submission.status.in_(FINAL))
            )
        return int(count or 0)

    def wait_final(self, ids: Sequence[int], poll: float, stall_seconds: float) -> int:
        """Wait until every one of ``ids`` is final, or none became final for
        ``stall_seconds``; how many are final."""
        final, progress = 0, time.monotonic()
        while final < len(ids) and time.monotonic() - progress < stall_seconds:
            time.sleep(poll)
            now_final = self.final_count(ids)
            if now_final > final:
                final, progress = now_final, time.monotonic()
        if final < len(ids):
            log(f"{len(ids) - final} submission(s) not final after {stall_seconds:g} s stalled")
        return final

    def judged(self, posted: Sequence[Posted]) -> list[Judged]:
        by_id = {item.submission_id: item for item in posted}
        columns = (
            Submission.id,
            Submission.status,
            Submission.verdict,
            Submission.attempts,
            Submission.finished_at,
            Submission.report,
            Submission.error,
        )
        with self.sessions() as session:
            rows = session.execute(select(*columns).where(Submission.id.in_(by_id))).all()
        if len(rows) != len(by_id):
            raise BenchmarkError(f"{len(by_id) - len(rows)} accepted submission(s) are not stored")
        return [self._judged(by_id[row.id], *row[1:]) for row in rows]

    def _judged(
        self,
        posted: Posted,
        status: str,
        verdict: str | None,
        attempts: int,
        finished_at: datetime.datetime | None,
        report: dict[str, Any] | None,
        error: str | None,
    ) -> Judged:
        running, results = [], 0
        entries = cast(
            list[tuple[bytes, dict[bytes, bytes]]],
            self.redis.xrange(stream_key(posted.submission_id)),
        )
        for entry_id, fields in entries:
            event = json.loads(fields[b"data"])
            if event.get("type") == "status" and event.get("status") == "running":
                running.append(int(entry_id.split(b"-")[0]) / 1000)
            results += event.get("type") == RESULT_EVENT
        checks = report.get("checks", []) if report else []
        failed = tuple(str(check["name"]) for check in checks if not check["passed"])
        return Judged(
            posted=posted,
            status=status,
            verdict=verdict,
            attempts=attempts,
            claimed=min(running, default=float("nan")),
            finished=finished_at.timestamp() if finished_at else float("nan"),
            running_events=len(running),
            result_events=results,
            failed_checks=failed,
            error=error,
        )

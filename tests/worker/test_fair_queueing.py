"""Fair queueing under load: one candidate floods the judge while another submits once. The
flooder has at most ``NUMJUDGE_PENDING_SUBMISSIONS_PER_USER`` queued or being judged, and the
workers take users in turn, so the other candidate's verdict comes after at most the one
judging already under way, as it would on an idle judge (less that one judging).

Asserted on the order of judgings (from the database), not on seconds."""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.submissions.models import Submission
from api.users.models import User
from tests.support.platform import (
    SLOW_SOLUTION,
    LiveServer,
    WorkerProcess,
    start_worker,
    submit,
    wait_for_status,
)

pytestmark = pytest.mark.docker

URL = "/api/v1/problems/mean-predictor/submissions"
FLOOD = 8  # what the flooder tries to have judged, as fast as the API lets it


def flood(client: httpx.Client, stop: threading.Event, accepted: list[int]) -> None:
    """Submit again and again; a refusal (the cap) only makes it try again a moment later."""
    while not stop.is_set() and len(accepted) < FLOOD:
        response = client.post(URL, json={"code": SLOW_SOLUTION})
        if response.status_code == 202:
            accepted.append(int(response.json()["id"]))
        else:
            assert response.status_code == 429, response.text
            stop.wait(0.2)


def finished_between(
    settings: Settings, username: str, start: datetime.datetime, end: datetime.datetime
) -> list[int]:
    """Ids of ``username``'s submissions whose judging ended between ``start`` and ``end``."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        return list(
            session.scalars(
                select(Submission.id)
                .join(User, Submission.user_id == User.id)
                .where(
                    User.username == username,
                    Submission.finished_at > start,
                    Submission.finished_at < end,
                )
                .order_by(Submission.finished_at)
            )
        )


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_a_flooding_user_delays_another_by_one_judging_at_most(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    workers.append(start_worker(settings, tmp_path, concurrency=1))
    flooder, other = server.client("candidate"), server.client("other")
    stop, accepted = threading.Event(), list[int]()
    flooding = threading.Thread(target=flood, args=(flooder, stop, accepted))
    flooding.start()
    try:
        cap = settings.pending_submissions_per_user
        while len(accepted) < cap and flooding.is_alive():  # the flood fills what it may
            stop.wait(0.05)
        wait_for_status(flooder, accepted[0], {"running", "done", "error"})
        mine = submit(other, SLOW_SOLUTION)
        verdict = wait_for_status(other, mine, {"done", "error"}, timeout=180)
    finally:
        stop.set()
        flooding.join()
    assert verdict["status"] == "done"
    created = datetime.datetime.fromisoformat(verdict["created_at"])
    finished = datetime.datetime.fromisoformat(verdict["finished_at"])
    ahead = finished_between(settings, "candidate", created, finished)
    # The flooder's judging under way when it was submitted, and nothing else.
    assert len(ahead) <= 1, f"{len(ahead)} of the flooder's judgings went first: {ahead}"

"""Time is up while no worker runs: the first worker to start finalises the attempt from the
database and judges the last draft as the final attempt, once."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.assessments import PROBLEM, create_assessment, move_deadline, start_attempt
from tests.support.platform import WorkerProcess, read_fixture_source, start_worker


def test_a_worker_started_after_the_deadline_judges_the_last_draft(
    settings: Settings,
    clients: dict[str, TestClient],
    workers: list[WorkerProcess],
    tmp_path: Path,
) -> None:
    interviewer, candidate = clients["interviewer"], clients["candidate"]
    assessment = create_assessment(interviewer)
    taken = start_attempt(interviewer, candidate, assessment["id"])
    draft = candidate.put(
        f"/api/v1/problems/{PROBLEM}/draft", json={"code": read_fixture_source("reference")}
    )
    assert draft.status_code == 200
    move_deadline(settings, taken.attempt_id, -30)  # the deadline passed with nobody up

    workers.append(start_worker(settings, tmp_path))
    review_url = f"/api/v1/attempts/{taken.attempt_id}/review"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        problem = interviewer.get(review_url).json()["problems"][0]
        if problem["final"] is not None:
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"no final attempt judged:\n{workers[0].log()[-3000:]}")
    assert problem["final"]["code"] == read_fixture_source("reference")
    assert problem["final"]["verdict"] == "accepted" and problem["score"] == 100.0
    assert [t["is_final"] for t in problem["timeline"]] == [True]
    time.sleep(2 * settings.sweep_interval_seconds)  # later sweeps change nothing
    assert len(interviewer.get(review_url).json()["problems"][0]["timeline"]) == 1

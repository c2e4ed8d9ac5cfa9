"""The server enforces the deadline, and the end is judged exactly once: the last draft of
each problem saved during the attempt becomes the final attempt."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.assessments import attempts
from api.assessments.models import AttemptSubmission
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.settings import Settings
from api.submissions.models import Submission
from tests.support.assessments import (
    PROBLEM,
    accept,
    create_assessment,
    invite,
    move_deadline,
    start_attempt,
)
from tests.support.platform import read_fixture_source, submit

DRAFT_URL = f"/api/v1/problems/{PROBLEM}/draft"


def finalize_due(settings: Settings) -> attempts.Finalized:
    """What the worker's sweep does each round."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        return attempts.finalize_due(session, utcnow())


def attempt_submissions(settings: Settings, attempt_id: int) -> list[tuple[int, bool, str]]:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        rows = session.execute(
            select(AttemptSubmission.submission_id, AttemptSubmission.is_final, Submission.code)
            .join(Submission, Submission.id == AttemptSubmission.submission_id)
            .where(AttemptSubmission.attempt_id == attempt_id)
            .order_by(AttemptSubmission.submission_id)
        )
        return [(i, final, code) for i, final, code in rows]


def submission_count(settings: Settings) -> int:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


def test_after_the_deadline_every_write_gets_time_is_up(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate = clients["candidate"]
    assessment = create_assessment(clients["interviewer"])
    taken = start_attempt(clients["interviewer"], candidate, assessment["id"])
    during = submit(candidate, read_fixture_source("reference"))
    assert candidate.put(DRAFT_URL, json={"code": "draft 1"}).status_code == 200
    snapshot = {"problem": PROBLEM, "kind": "edit", "code": "draft 1"}
    snapshots_url = f"/api/v1/me/attempts/{taken.attempt_id}/snapshots"
    assert candidate.post(snapshots_url, json=snapshot).status_code == 204
    assert [s[0] for s in attempt_submissions(settings, taken.attempt_id)] == [during]

    move_deadline(settings, taken.attempt_id, -1)
    refused = {
        "submit": candidate.post(
            f"/api/v1/problems/{PROBLEM}/submissions", json={"code": "print(1)"}
        ),
        "run": candidate.post(f"/api/v1/problems/{PROBLEM}/runs", json={"code": "print(1)"}),
        "draft": candidate.put(DRAFT_URL, json={"code": "after time"}),
        "discard draft": candidate.delete(DRAFT_URL),
        "snapshot": candidate.post(snapshots_url, json=snapshot),
    }
    assert {what: a.status_code for what, a in refused.items()} == dict.fromkeys(refused, 403)
    assert all(a.json()["detail"].startswith("time is up") for a in refused.values())
    assert candidate.get(DRAFT_URL).json()["code"] == "draft 1"
    assert candidate.get(f"/api/v1/me/attempts/{taken.attempt_id}").json()["status"] == "finished"
    # Another candidate, not in the assessment, is not affected.
    assert clients["other"].put(DRAFT_URL, json={"code": "mine"}).status_code == 200


def test_the_sweep_judges_the_last_draft_once(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate = clients["candidate"]
    assessment = create_assessment(clients["interviewer"])
    taken = start_attempt(clients["interviewer"], candidate, assessment["id"])
    earlier = submit(candidate, "import numpy as np\n# first try\n")
    candidate.put(DRAFT_URL, json={"code": "import numpy as np\n# the last draft\n"})

    assert finalize_due(settings).attempts == []  # not due yet
    move_deadline(settings, taken.attempt_id, -(attempts.FINALIZE_GRACE_SECONDS + 1))
    first = finalize_due(settings)
    assert first.attempts == [taken.attempt_id] and len(first.submissions) == 1
    assert finalize_due(settings).attempts == []  # exactly once
    assert attempt_submissions(settings, taken.attempt_id) == [
        (earlier, False, "import numpy as np\n# first try\n"),
        (first.submissions[0], True, "import numpy as np\n# the last draft\n"),
    ]
    final = candidate.get(f"/api/v1/submissions/{first.submissions[0]}").json()
    assert final["status"] == "queued" and final["username"] == "candidate"


def test_a_draft_equal_to_the_last_submission_is_not_judged_twice(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate = clients["candidate"]
    assessment = create_assessment(clients["interviewer"])
    taken = start_attempt(clients["interviewer"], candidate, assessment["id"])
    code = read_fixture_source("reference")
    candidate.put(DRAFT_URL, json={"code": code})
    last = submit(candidate, code)
    before = submission_count(settings)
    finished = candidate.post(f"/api/v1/me/attempts/{taken.attempt_id}/finish")
    assert finished.status_code == 200 and finished.json()["status"] == "finished"
    assert submission_count(settings) == before
    assert attempt_submissions(settings, taken.attempt_id) == [(last, True, code)]
    again = candidate.post(f"/api/v1/me/attempts/{taken.attempt_id}/finish")
    assert again.status_code == 409
    assert (
        clients["other"].post(f"/api/v1/me/attempts/{taken.attempt_id}/finish").status_code == 404
    )


def test_a_draft_from_before_the_attempt_is_not_the_candidates_answer(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate = clients["candidate"]
    candidate.put(DRAFT_URL, json={"code": "written before the invite"})
    assessment = create_assessment(clients["interviewer"])
    taken = start_attempt(clients["interviewer"], candidate, assessment["id"])
    before = submission_count(settings)
    candidate.post(f"/api/v1/me/attempts/{taken.attempt_id}/finish")
    assert submission_count(settings) == before
    assert attempt_submissions(settings, taken.attempt_id) == []


def test_finishing_queues_the_final_draft(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate = clients["candidate"]
    assessment = create_assessment(clients["interviewer"])
    taken = start_attempt(clients["interviewer"], candidate, assessment["id"])
    candidate.put(DRAFT_URL, json={"code": "import numpy as np\n"})
    finished = candidate.post(f"/api/v1/me/attempts/{taken.attempt_id}/finish").json()
    assert finished["status"] == "finished" and finished["remaining_seconds"] == 0
    [(final_id, is_final, _code)] = attempt_submissions(settings, taken.attempt_id)
    assert is_final
    assert candidate.get(f"/api/v1/submissions/{final_id}").json()["status"] == "queued"
    assert finalize_due(settings).attempts == []  # the sweep finds nothing left to do


def test_hints_and_the_editorial_stay_closed_during_the_assessment(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate, other = clients["candidate"], clients["other"]
    assessment = create_assessment(clients["interviewer"])
    link = invite(clients["interviewer"], assessment["id"])
    accept(candidate, link["token"])
    guidance = {
        "hints": ("GET", f"/api/v1/problems/{PROBLEM}/hints"),
        "reveal": ("POST", f"/api/v1/problems/{PROBLEM}/hints/reveal"),
        "editorial": ("GET", f"/api/v1/problems/{PROBLEM}/editorial"),
    }

    def answers(client: TestClient) -> dict[str, int]:
        return {name: client.request(*call).status_code for name, call in guidance.items()}

    # Held but not started: a first submission would otherwise unlock the editorial.
    submit(candidate, "import numpy as np\n")
    submit(other, "import numpy as np\n")
    assert answers(candidate) == dict.fromkeys(guidance, 403)
    assert answers(other) == {"hints": 200, "reveal": 200, "editorial": 200}
    candidate.post(f"/api/v1/me/attempts/{link['id']}/start")
    refused = candidate.get(guidance["editorial"][1])
    assert refused.status_code == 403 and "closed while you take" in refused.json()["detail"]
    candidate.post(f"/api/v1/me/attempts/{link['id']}/finish")
    assert answers(candidate) == {"hints": 200, "reveal": 200, "editorial": 200}

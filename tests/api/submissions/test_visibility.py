"""Who sees which submission, through every way in by a submission's id (the JSON, its
event stream, its page, the listing by user, a rejudge, the similarity report): a candidate
their own; an interviewer theirs and those of attempts at assessments they own or that are
shared with them (and rejudges of those); an admin every one. Anyone else gets "not found".
"""

from __future__ import annotations

import dataclasses
import time

import pytest
from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.assessments import (
    COLLEAGUE,
    add_colleague,
    create_assessment,
    mark_scored,
    start_attempt,
)
from tests.support.platform import LiveServer, read_fixture_source, statuses, submit

COPIED = read_fixture_source("reference")


@dataclasses.dataclass(frozen=True)
class World:
    assessment_id: int  # the interviewer's, taken by the candidate
    practice: int  # the candidate's, before the attempt: in no assessment
    attempt: int  # the candidate's, in the attempt
    other_practice: int  # the second candidate's, in no assessment
    rejudged_attempt: int  # an admin's rejudge of ``attempt``
    rejudged_practice: int  # an admin's rejudge of ``practice``


def rejudge(settings: Settings, admin: TestClient, submission_id: int) -> int:
    started = admin.post(f"/api/v1/submissions/{submission_id}/rejudge")
    assert started.status_code == 202, started.text
    new_id = int(started.json()["submissions"][0]["rejudge_id"])
    mark_scored(settings, new_id, 80.0)
    return new_id


@pytest.fixture
def world(settings: Settings, clients: dict[str, TestClient]) -> World:
    clients[COLLEAGUE] = add_colleague(settings)
    for client in clients.values():
        client.follow_redirects = False
    practice = submit(clients["candidate"], "import numpy as np\npractice = 1\n")
    mark_scored(settings, practice, 50.0)
    assessment = create_assessment(clients["interviewer"])
    start_attempt(clients["interviewer"], clients["candidate"], assessment["id"])
    attempt = submit(clients["candidate"], COPIED)
    mark_scored(settings, attempt, 90.0)
    other_practice = submit(clients["other"], COPIED)
    mark_scored(settings, other_practice, 100.0)
    return World(
        assessment_id=assessment["id"],
        practice=practice,
        attempt=attempt,
        other_practice=other_practice,
        rejudged_attempt=rejudge(settings, clients["admin"], attempt),
        rejudged_practice=rejudge(settings, clients["admin"], practice),
    )


def who_sees(clients: dict[str, TestClient], submission_id: int) -> dict[str, int]:
    """The status each caller gets from every reading of one submission, which must agree."""
    found = statuses(clients, "GET", f"/api/v1/submissions/{submission_id}")
    assert statuses(clients, "GET", f"/api/v1/submissions/{submission_id}/events") == found
    page = statuses(clients, "GET", f"/submissions/{submission_id}")
    assert page == {**found, "anonymous": 303}  # the page sends a visitor to log in
    return found


def seen_by(*callers: str) -> dict[str, int]:
    everyone = ("candidate", "other", "interviewer", "admin", COLLEAGUE)
    return {"anonymous": 401, **{c: 200 if c in callers else 404 for c in everyone}}


def test_each_submission_for_every_caller(world: World, clients: dict[str, TestClient]) -> None:
    expected = {
        world.practice: seen_by("candidate", "admin"),
        world.rejudged_practice: seen_by("candidate", "admin"),
        world.attempt: seen_by("candidate", "interviewer", "admin"),
        world.rejudged_attempt: seen_by("candidate", "interviewer", "admin"),
        world.other_practice: seen_by("other", "admin"),
    }
    assert {sid: who_sees(clients, sid) for sid in expected} == expected
    # Shared with the colleague: they see the attempt's, still not the practice.
    shared = clients["interviewer"].put(
        f"/api/v1/assessments/{world.assessment_id}/shares", json={"usernames": [COLLEAGUE]}
    )
    assert shared.status_code == 200
    for sid in (world.attempt, world.rejudged_attempt):
        assert who_sees(clients, sid)[COLLEAGUE] == 200
    for sid in (world.practice, world.rejudged_practice, world.other_practice):
        assert who_sees(clients, sid)[COLLEAGUE] == 404
    # Unshared again: gone again.
    clients["interviewer"].put(
        f"/api/v1/assessments/{world.assessment_id}/shares", json={"usernames": []}
    )
    assert who_sees(clients, world.attempt)[COLLEAGUE] == 404


def test_a_stream_ends_when_its_submission_is_no_longer_the_viewers(
    server: LiveServer, world: World, clients: dict[str, TestClient]
) -> None:
    """The stream checks again each time it is quiet; unsharing the assessment ends the
    colleague's stream of a submission still waiting for the judge."""
    shares = f"/api/v1/assessments/{world.assessment_id}/shares"
    clients["interviewer"].put(shares, json={"usernames": [COLLEAGUE]})
    waiting = submit(clients["candidate"], "import numpy as np\nstill_waiting = 1\n")
    url = f"/api/v1/submissions/{waiting}/events"
    with server.client(COLLEAGUE) as colleague, colleague.stream("GET", url) as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        assert next(lines) == "event: state"
        clients["interviewer"].put(shares, json={"usernames": []})
        deadline = time.monotonic() + 15
        rest = []
        for line in lines:  # keep-alives each second, then the end
            rest.append(line)
            assert time.monotonic() < deadline, "the stream went on"
    assert not any("result" in line for line in rest)
    assert clients[COLLEAGUE].get(f"/api/v1/submissions/{waiting}").status_code == 404


def test_a_hidden_submission_says_nothing(world: World, clients: dict[str, TestClient]) -> None:
    hidden = clients["interviewer"].get(f"/api/v1/submissions/{world.practice}")
    missing = clients["interviewer"].get("/api/v1/submissions/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"] == missing.json()["detail"].replace(
        "999999", str(world.practice)
    )


def listed(client: TestClient, query: str) -> list[int] | int:
    response = client.get(f"/api/v1/submissions?{query}")
    if response.status_code != 200:
        return int(response.status_code)
    return [int(s["id"]) for s in response.json()]


def test_listing_another_users_submissions(world: World, clients: dict[str, TestClient]) -> None:
    everything = [world.rejudged_practice, world.rejudged_attempt, world.attempt, world.practice]
    reviewed = [world.rejudged_attempt, world.attempt]
    for query in ("username=candidate", "username=candidate&problem=mean-predictor"):
        answers = {caller: listed(client, query) for caller, client in clients.items()}
        assert answers == {
            "anonymous": 401,
            "candidate": everything,
            "other": 403,
            "interviewer": reviewed,
            "admin": everything,
            COLLEAGUE: [],
        }, query
    assert listed(clients["interviewer"], "username=other") == []
    assert listed(clients["admin"], "username=other") == [world.other_practice]
    assert listed(clients["interviewer"], "username=nobody") == 404


def test_rejudging_is_for_admins(world: World, clients: dict[str, TestClient]) -> None:
    for submission_id in (world.attempt, world.practice):
        assert statuses(clients, "POST", f"/api/v1/submissions/{submission_id}/rejudge") == {
            "anonymous": 401,
            "candidate": 403,
            "other": 403,
            "interviewer": 403,
            "admin": 202,
            COLLEAGUE: 403,
        }


def compared_submissions(client: TestClient, assessment_id: int) -> set[int]:
    """The ids of other users' submissions the similarity report shows beside the attempt."""
    response = client.get(f"/api/v1/assessments/{assessment_id}/similarity?threshold=0.5")
    assert response.status_code == 200, response.text
    return {
        side["submission_id"]
        for pair in response.json()["pairs"]
        for side in (pair["left"], pair["right"])
        if side["kind"] == "submission"
    }


def test_similarity_shows_only_submissions_the_viewer_may_see(
    settings: Settings, world: World, clients: dict[str, TestClient]
) -> None:
    # The second candidate's copy outside any assessment: only an admin is shown it.
    assert compared_submissions(clients["interviewer"], world.assessment_id) == set()
    assert compared_submissions(clients["admin"], world.assessment_id) == {world.other_practice}
    # Then the same copy in an attempt at the colleague's assessment: the interviewer is
    # shown it once the colleague shares that assessment with them.
    theirs = create_assessment(clients[COLLEAGUE], title="Colleague's screen")
    start_attempt(clients[COLLEAGUE], clients["other"], theirs["id"], label="Bob")
    copy = submit(clients["other"], COPIED)
    mark_scored(settings, copy, 100.0)
    assert compared_submissions(clients["interviewer"], world.assessment_id) == set()
    clients[COLLEAGUE].put(
        f"/api/v1/assessments/{theirs['id']}/shares", json={"usernames": ["interviewer"]}
    )
    assert compared_submissions(clients["interviewer"], world.assessment_id) == {copy}
    assert compared_submissions(clients["admin"], world.assessment_id) == {copy}

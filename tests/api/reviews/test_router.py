"""Review endpoints for every kind of caller (a second interviewer and a second candidate
included): results, export, similarity, review, playback, comments, scorecard."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.assessments import (
    COLLEAGUE,
    PROBLEM,
    Taken,
    add_colleague,
    create_assessment,
    mark_scored,
    start_attempt,
)
from tests.support.platform import read_fixture_source, statuses, submit

CATEGORIES = [
    "mathematical_correctness",
    "vectorized_implementation",
    "numerical_stability",
    "code_organization",
    "convergence_awareness",
]


@pytest.fixture
def taken(settings: Settings, clients: dict[str, TestClient]) -> Taken:
    """The candidate's finished attempt: a submission scored 60, then one scored 90."""
    clients[COLLEAGUE] = add_colleague(settings)
    assessment = create_assessment(clients["interviewer"])
    attempt = start_attempt(clients["interviewer"], clients["candidate"], assessment["id"])
    first = submit(clients["candidate"], "import numpy as np\nx = 1\n")
    second = submit(clients["candidate"], read_fixture_source("reference"))
    snapshot = {"problem": PROBLEM, "kind": "paste", "code": "pasted", "detail": "412 characters"}
    clients["candidate"].post(f"/api/v1/me/attempts/{attempt.attempt_id}/snapshots", json=snapshot)
    clients["candidate"].post(f"/api/v1/me/attempts/{attempt.attempt_id}/finish")
    mark_scored(settings, first, 60.0)
    mark_scored(settings, second, 90.0)
    return attempt


def expected_for_staff(owner_status: int) -> dict[str, int]:
    return {
        "anonymous": 401,
        "candidate": 403,
        "other": 403,
        "interviewer": owner_status,
        "admin": owner_status,
        COLLEAGUE: 404,
    }


def test_every_read_for_every_caller(taken: Taken, clients: dict[str, TestClient]) -> None:
    assessment = f"/api/v1/assessments/{taken.assessment_id}"
    attempt = f"/api/v1/attempts/{taken.attempt_id}"
    urls = [
        f"{assessment}/results",
        f"{assessment}/export?format=csv",
        f"{assessment}/export?format=json",
        f"{assessment}/similarity",
        f"{attempt}/review",
        f"{attempt}/playback?problem={PROBLEM}",
    ]
    for url in urls:
        assert statuses(clients, "GET", url) == expected_for_staff(200), url
    clients["interviewer"].put(f"{assessment}/shares", json={"usernames": [COLLEAGUE]})
    for url in urls:
        assert clients[COLLEAGUE].get(url).status_code == 200, url


def test_every_write_for_every_caller(taken: Taken, clients: dict[str, TestClient]) -> None:
    attempt = f"/api/v1/attempts/{taken.attempt_id}"
    final = clients["interviewer"].get(f"{attempt}/review").json()["problems"][0]["final"]["id"]
    comment = {"submission_id": final, "line": 1, "body": "why not vectorise?"}
    scorecard = {"recommendation": "yes"}
    assert statuses(clients, "POST", f"{attempt}/comments", json=comment) == expected_for_staff(201)
    assert statuses(clients, "PUT", f"{attempt}/scorecard", json=scorecard) == expected_for_staff(
        200
    )
    # Candidates see none of it: not through their attempt, not through the review.
    mine = clients["candidate"].get(f"/api/v1/me/attempts/{taken.attempt_id}").json()
    assert "scorecard" not in json.dumps(mine) and "why not" not in json.dumps(mine)


def test_the_review_of_an_attempt(taken: Taken, clients: dict[str, TestClient]) -> None:
    review = clients["interviewer"].get(f"/api/v1/attempts/{taken.attempt_id}/review").json()
    assert review["attempt"]["candidate"] == "candidate"
    assert review["attempt"]["status"] == "finished"
    [problem] = review["problems"]
    assert problem["slug"] == PROBLEM and problem["score"] == 90.0
    assert review["overall"] == 90.0 and review["categories"] == dict.fromkeys(CATEGORIES, 90.0)
    final = problem["final"]
    assert final["code"] == read_fixture_source("reference")
    assert [c["message"] for c in final["checks"]] == [f"{c} looked at" for c in CATEGORIES]
    assert final["curves"] == {"candidate": [3.0, 2.0, 1.0], "reference": [3.0, 1.5, 1.0]}
    timeline = problem["timeline"]
    assert [(t["score"], t["is_final"]) for t in timeline] == [(60.0, False), (90.0, True)]
    assert all(t["elapsed_seconds"] >= 0 for t in timeline)
    assert [(f["kind"], f["detail"]) for f in problem["flags"]] == [("paste", "412 characters")]
    assert review["comments"] == [] and review["scorecard"] is None


def test_comments_on_lines(taken: Taken, clients: dict[str, TestClient]) -> None:
    client = clients["interviewer"]
    url = f"/api/v1/attempts/{taken.attempt_id}/comments"
    final = client.get(f"/api/v1/attempts/{taken.attempt_id}/review").json()["problems"][0]
    submission_id = final["final"]["id"]
    added = client.post(url, json={"submission_id": submission_id, "line": 2, "body": " nice "})
    assert added.status_code == 201
    assert added.json() == {**added.json(), "line": 2, "body": "nice", "author": "interviewer"}
    refused = {
        "past the end": {"submission_id": submission_id, "line": 10_000, "body": "x"},
        "not this attempt's": {
            "submission_id": submit(clients["other"], "x = 1\n"),
            "line": 1,
            "body": "x",
        },
        "blank": {"submission_id": submission_id, "line": 1, "body": "   "},
        "line 0": {"submission_id": submission_id, "line": 0, "body": "x"},
    }
    answers = {reason: client.post(url, json=body) for reason, body in refused.items()}
    assert {reason: a.status_code for reason, a in answers.items()} == dict.fromkeys(refused, 422)
    comments = client.get(f"/api/v1/attempts/{taken.attempt_id}/review").json()["comments"]
    assert [c["body"] for c in comments] == ["nice"]


def test_the_scorecard_keeps_both_scores(taken: Taken, clients: dict[str, TestClient]) -> None:
    client = clients["interviewer"]
    url = f"/api/v1/attempts/{taken.attempt_id}/scorecard"
    body: dict[str, Any] = {
        "categories": {
            "mathematical_correctness": {"note": "right gradient"},
            "numerical_stability": {"score": 40, "note": "exp overflows for large logits"},
        },
        "summary": "Solid, one stability slip.",
        "recommendation": "yes",
    }
    saved = client.put(url, json=body)
    assert saved.status_code == 200, saved.text
    card = saved.json()
    assert card["categories"]["mathematical_correctness"] == {
        "automatic": 90.0,
        "score": 90.0,
        "confirmed": True,
        "note": "right gradient",
    }
    assert card["categories"]["numerical_stability"] == {
        "automatic": 90.0,
        "score": 40.0,
        "confirmed": False,
        "note": "exp overflows for large logits",
    }
    assert card["automatic_overall"] == 90.0 and card["human_overall"] == 80.0
    assert card["recommendation"] == "yes" and card["reviewer"] == "interviewer"
    refused = {
        "unknown category": {**body, "categories": {"style": {"score": 1}}},
        "score past 100": {**body, "categories": {"code_organization": {"score": 101}}},
        "no such recommendation": {**body, "recommendation": "maybe"},
    }
    answers = {reason: client.put(url, json=b) for reason, b in refused.items()}
    assert {reason: a.status_code for reason, a in answers.items()} == dict.fromkeys(refused, 422)
    kept = client.get(f"/api/v1/attempts/{taken.attempt_id}/review").json()["scorecard"]
    assert kept["summary"] == "Solid, one stability slip." and kept["human_overall"] == 80.0
    changed = client.put(url, json={**body, "recommendation": "strong_yes"}).json()
    assert changed["recommendation"] == "strong_yes"


def test_results_compare_and_export(
    settings: Settings, taken: Taken, clients: dict[str, TestClient]
) -> None:
    client = clients["interviewer"]
    second = start_attempt(
        client, clients["other"], taken.assessment_id, label="=cmd|' /C calc'!A0"
    )
    mark_scored(settings, submit(clients["other"], "import numpy as np\n"), 30.0)
    client.put(f"/api/v1/attempts/{taken.attempt_id}/scorecard", json={"recommendation": "no"})
    results = client.get(f"/api/v1/assessments/{taken.assessment_id}/results").json()
    rows = {row["attempt"]["candidate"]: row for row in results["attempts"]}
    assert rows["candidate"]["overall"] == 90.0 and rows["other"]["overall"] == 30.0
    assert rows["candidate"]["recommendation"] == "no" and rows["other"]["recommendation"] is None
    assert rows["candidate"]["submissions"] == 2 and rows["candidate"]["flags"] == 1
    assert rows["other"]["attempt"]["status"] == "in_progress"
    assert rows["candidate"]["minutes_used"] is not None
    assert rows["other"]["attempt"]["id"] == second.attempt_id

    exported = client.get(f"/api/v1/assessments/{taken.assessment_id}/export?format=csv")
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["candidate"], r["overall"], r[f"problem:{PROBLEM}"]) for r in table] == [
        ("candidate", "90.0", "90.0"),
        ("other", "30.0", "30.0"),
    ]
    assert table[1]["label"].startswith("'=")  # never a formula in a spreadsheet
    as_json = client.get(f"/api/v1/assessments/{taken.assessment_id}/export?format=json").json()
    assert as_json == results
    bad = client.get(f"/api/v1/assessments/{taken.assessment_id}/export?format=xlsx")
    assert bad.status_code == 422


def test_similarity_flags_renamed_copies_and_the_reference(
    settings: Settings, taken: Taken, clients: dict[str, TestClient]
) -> None:
    client = clients["interviewer"]
    start_attempt(client, clients["other"], taken.assessment_id, label="Bob")
    copied = read_fixture_source("reference").replace("self", "me").replace("    ", "  ")
    mark_scored(settings, submit(clients["other"], copied), 90.0)
    report = client.get(f"/api/v1/assessments/{taken.assessment_id}/similarity").json()
    pairs = {(p["left"]["label"], p["right"]["label"]): p for p in report["pairs"]}
    assert pairs[("candidate", "other")]["score"] == 1.0
    assert pairs[("candidate", "reference solution")]["score"] == 1.0
    assert pairs[("candidate", "other")]["left"]["lines"]  # what to highlight side by side
    strict = client.get(
        f"/api/v1/assessments/{taken.assessment_id}/similarity?threshold=1.0"
    ).json()
    assert all(p["score"] == 1.0 for p in strict["pairs"]) and strict["compared"] > 1
    everything = client.get(
        f"/api/v1/assessments/{taken.assessment_id}/similarity?threshold=0"
    ).json()
    kinds = {p["right"]["kind"] for p in everything["pairs"]}
    assert kinds == {"attempt", "reference", "known"}, kinds
    assert len(everything["pairs"]) == everything["compared"]
    assert (
        client.get(f"/api/v1/assessments/{taken.assessment_id}/similarity?threshold=2").status_code
        == 422
    )


def test_playback_has_every_snapshot(taken: Taken, clients: dict[str, TestClient]) -> None:
    url = f"/api/v1/attempts/{taken.attempt_id}/playback?problem={PROBLEM}"
    playback = clients["interviewer"].get(url).json()
    assert [(s["kind"], s["flagged"]) for s in playback["snapshots"]] == [("paste", True)]
    assert [s["score"] for s in playback["submissions"]] == [60.0, 90.0]
    missing = clients["interviewer"].get(url.replace(PROBLEM, "no-such-problem"))
    assert missing.status_code == 404

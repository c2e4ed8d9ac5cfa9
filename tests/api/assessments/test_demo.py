"""``numjudge demo`` (run by make run): an assessment with two finished attempts to review,
made once, whose copied attempt the similarity check flags."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.assessments.demo import TITLE, create_demo
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.problems.service import load_packages
from api.settings import Settings
from api.users.passwords import hashing_for
from tests.support.assessments import mark_scored
from tests.support.platform import ROOT


def make_demo(settings: Settings) -> str:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        return create_demo(session, hashing_for(settings), ROOT / "problems", utcnow()).message


def test_the_demo_assessment(settings: Settings, clients: dict[str, TestClient]) -> None:
    assert "no demo created" in make_demo(settings)  # the repository's problems are not loaded
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        load_packages(session, ROOT / "problems")
    assert make_demo(settings).startswith("created the demo assessment")
    assert "exists already" in make_demo(settings)

    interviewer = clients["interviewer"]
    [assessment] = interviewer.get("/api/v1/assessments").json()
    assert assessment["title"] == TITLE and assessment["owner"] == "interviewer"
    results = interviewer.get(f"/api/v1/assessments/{assessment['id']}/results").json()
    rows = {row["attempt"]["candidate"]: row for row in results["attempts"]}
    assert set(rows) == {"demo-ann", "demo-bob"}
    assert all(row["attempt"]["status"] == "finished" for row in rows.values())
    assert (rows["demo-ann"]["submissions"], rows["demo-bob"]["submissions"]) == (3, 1)
    assert (rows["demo-ann"]["flags"], rows["demo-bob"]["flags"]) == (1, 1)
    assert all(row["minutes_used"] == 45.0 for row in rows.values())
    review = interviewer.get(f"/api/v1/attempts/{rows['demo-ann']['attempt']['id']}/review").json()
    timeline = review["problems"][0]["timeline"]
    assert [t["is_final"] for t in timeline] == [False, False, True]
    assert [round(t["elapsed_seconds"] / 60) for t in timeline] == [9, 25, 36]
    playback = interviewer.get(
        f"/api/v1/attempts/{rows['demo-bob']['attempt']['id']}/playback",
        params={"problem": "linear-regression-gd"},
    ).json()
    assert [s["kind"] for s in playback["snapshots"]] == ["edit", "paste", "submit", "edit"]

    # Once judged (here: marked), Bob's renamed copy of the reference is flagged.
    for row in rows.values():
        for entry in interviewer.get(f"/api/v1/attempts/{row['attempt']['id']}/review").json()[
            "problems"
        ][0]["timeline"]:
            mark_scored(settings, entry["id"], 100.0)
    report = interviewer.get(f"/api/v1/assessments/{assessment['id']}/similarity").json()
    flagged = {(p["left"]["label"], p["right"]["label"]) for p in report["pairs"]}
    assert ("demo-bob", "reference solution") in flagged
    assert clients["candidate"].get("/api/v1/assessments").status_code == 403

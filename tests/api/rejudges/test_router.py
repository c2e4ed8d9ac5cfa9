"""/api/v1 rejudges on SQLite and PostgreSQL: only admins start and read them, the old result
stays beside the new one, rejudges wait behind everyone's own submissions and never count
against a user's limit, and the pages follow the API."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import update

from api.db import make_engine, make_session_factory, transaction, utcnow
from api.settings import Settings
from api.submissions.models import Submission
from api.submissions.queueing import claim_next
from tests.support.platform import mark_judged, statuses, submit

CODE = "class MeanPredictor: pass\n"


def judged(settings: Settings, submission_id: int, score: float = 100.0) -> None:
    mark_judged(settings, submission_id)
    if score != 100.0:
        with transaction(make_session_factory(make_engine(settings.database_url))) as session:
            session.execute(
                update(Submission)
                .where(Submission.id == submission_id)
                .values(verdict="wrong_answer", score=score, finished_at=utcnow())
            )


def test_only_admins_rejudge(settings: Settings, clients: dict[str, TestClient]) -> None:
    original = submit(clients["candidate"], CODE)
    judged(settings, original)
    url = f"/api/v1/submissions/{original}/rejudge"
    denied = {"anonymous": 401, "candidate": 403, "other": 403, "interviewer": 403}
    assert {k: v for k, v in statuses(clients, "POST", url).items() if k != "admin"} == denied
    for path in ("/api/v1/rejudges", "/api/v1/rejudges/1"):
        assert statuses(clients, "GET", path)["interviewer"] == 403
    problem = clients["interviewer"].post("/api/v1/problems/mean-predictor/rejudge", json={})
    assert problem.status_code == 403


def test_a_rejudge_keeps_the_old_result_beside_the_new(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin, candidate = clients["admin"], clients["candidate"]
    original = submit(candidate, CODE)
    judged(settings, original, score=40.0)
    started = admin.post(f"/api/v1/submissions/{original}/rejudge")
    assert started.status_code == 202, started.text
    body = started.json()
    assert body["total"] == 1 and body["queued"] == 1 and body["changed"] == 0
    assert body["scope"] == f"submission {original}" and body["requested_by"] == "admin"
    item = body["submissions"][0]
    assert item["original_id"] == original and item["old_score"] == 40.0
    new = item["rejudge_id"]

    # The new row is the candidate's, with the same code; the old one is untouched.
    mine = candidate.get(f"/api/v1/submissions/{new}").json()
    assert mine["rejudge_of"] == original and mine["code"] == CODE and mine["status"] == "queued"
    assert candidate.get(f"/api/v1/submissions/{original}").json()["score"] == 40.0

    judged(settings, new, score=100.0)
    progress = admin.get(f"/api/v1/rejudges/{body['id']}").json()
    assert (progress["done"], progress["queued"], progress["changed"]) == (1, 0, 1)
    assert progress["submissions"][0]["new_score"] == 100.0
    # A rejudge of the rejudge judges the original again.
    again = admin.post(f"/api/v1/submissions/{new}/rejudge").json()
    assert again["submissions"][0]["original_id"] == original
    assert [r["id"] for r in admin.get("/api/v1/rejudges").json()] == [again["id"], body["id"]]


def test_what_cannot_be_rejudged_says_why_and_changes_nothing(
    clients: dict[str, TestClient],
) -> None:
    admin = clients["admin"]
    waiting = submit(clients["candidate"], CODE)  # not judged yet
    refused = admin.post(f"/api/v1/submissions/{waiting}/rejudge")
    assert refused.status_code == 409 and "still being judged" in refused.json()["detail"]
    assert admin.post("/api/v1/submissions/999999/rejudge").status_code == 404
    none = admin.post("/api/v1/problems/mean-predictor/rejudge", json={"version": 7})
    assert none.status_code == 404 and "version 7" in none.json()["detail"]
    assert admin.post("/api/v1/problems/no-such/rejudge", json={}).status_code == 404
    assert admin.get("/api/v1/rejudges").json() == []


def test_rejudges_wait_behind_users_and_never_count_against_them(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    candidate, other = clients["candidate"], clients["other"]
    judged_ids = [submit(candidate, CODE), submit(other, CODE)]
    for submission_id in judged_ids:
        judged(settings, submission_id)
    started = clients["admin"].post("/api/v1/problems/mean-predictor/rejudge", json={})
    assert started.json()["total"] == 2
    # The candidate's limit (3 waiting) ignores the rejudges of their code.
    fresh = [submit(candidate, CODE) for _ in range(3)]
    factory = make_session_factory(make_engine(settings.database_url))
    claimed = []
    for _ in range(5):
        with transaction(factory) as session:
            claim = claim_next(session, max_attempts=3)
            assert claim is not None
            claimed.append(claim.submission_id)
    rejudged = [item["rejudge_id"] for item in started.json()["submissions"]]
    assert claimed == [*fresh, *rejudged]


def test_the_rejudge_pages_are_for_admins(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    original = submit(clients["candidate"], CODE)
    judged(settings, original)
    started = clients["admin"].post(f"/api/v1/submissions/{original}/rejudge").json()
    page = clients["admin"].get("/admin/rejudges")
    assert page.status_code == 200 and f"submission {original}" in page.text
    detail = clients["admin"].get(f"/admin/rejudges/{started['id']}")
    assert detail.status_code == 200 and "rejudge-data" in detail.text
    assert clients["admin"].get("/admin/rejudges/999").status_code == 404
    assert clients["interviewer"].get("/admin/rejudges").status_code == 403
    submission_page = clients["candidate"].get(
        f"/submissions/{started['submissions'][0]['rejudge_id']}"
    )
    assert f'A rejudge of <a href="/submissions/{original}">' in submission_page.text
    assert "rejudge-submission" not in submission_page.text  # the button is the admins'

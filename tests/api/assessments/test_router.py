"""/api/v1/assessments, /invites and /me/attempts for every kind of caller (a second
interviewer and a second candidate included), and the errors that change nothing."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.assessments import (
    COLLEAGUE,
    PROBLEM,
    accept,
    add_colleague,
    create_assessment,
    invite,
    start_attempt,
)
from tests.support.platform import client_as, statuses


def test_only_staff_create_and_only_owner_shared_and_admin_see(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    clients[COLLEAGUE] = add_colleague(settings)
    body = {"title": "t", "problems": [PROBLEM], "time_limit_minutes": 10}
    created = {
        caller: client.post("/api/v1/assessments", json=body).status_code
        for caller, client in clients.items()
    }
    assert created == {
        "anonymous": 401,
        "candidate": 403,
        "other": 403,
        "interviewer": 201,
        "admin": 201,
        COLLEAGUE: 201,
    }
    mine = create_assessment(clients["interviewer"], title="Mine")
    url = f"/api/v1/assessments/{mine['id']}"
    assert statuses(clients, "GET", url) == {
        "anonymous": 401,
        "candidate": 403,
        "other": 403,
        "interviewer": 200,
        "admin": 200,
        COLLEAGUE: 404,
    }
    listed = {
        caller: sorted(a["title"] for a in client.get("/api/v1/assessments").json())
        for caller, client in clients.items()
        if caller in ("interviewer", "admin", COLLEAGUE)
    }
    assert listed == {
        "interviewer": ["Mine", "t"],
        "admin": ["Mine", "t", "t", "t"],
        COLLEAGUE: ["t"],
    }

    # Only the owner (or an admin) shares; then the colleague sees it.
    share = {"usernames": [COLLEAGUE]}
    assert clients[COLLEAGUE].put(f"{url}/shares", json=share).status_code == 404
    assert clients["candidate"].put(f"{url}/shares", json=share).status_code == 403
    shared = clients["interviewer"].put(f"{url}/shares", json=share)
    assert shared.status_code == 200 and shared.json()["shared_with"] == [COLLEAGUE]
    assert clients[COLLEAGUE].get(url).status_code == 200
    assert clients[COLLEAGUE].put(f"{url}/shares", json={"usernames": []}).status_code == 403
    assert clients["admin"].put(f"{url}/shares", json={"usernames": []}).status_code == 200
    assert clients[COLLEAGUE].get(url).status_code == 404


def test_the_assessment_as_created(clients: dict[str, TestClient]) -> None:
    opens = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    created = create_assessment(
        clients["interviewer"],
        title="  Screen  ",
        time_limit_minutes=45,
        opens_at=opens.isoformat(),
        closes_at=(opens + datetime.timedelta(days=400)).isoformat(),
        shared_with=["admin"],
    )
    assert created["title"] == "Screen" and created["owner"] == "interviewer"
    assert created["problems"] == [
        {"slug": PROBLEM, "title": "Mean predictor (engine test fixture)"}
    ]
    assert created["time_limit_minutes"] == 45 and created["shared_with"] == ["admin"]
    assert datetime.datetime.fromisoformat(created["opens_at"]) == opens


def test_bad_assessments_are_refused_and_change_nothing(clients: dict[str, TestClient]) -> None:
    client = clients["interviewer"]
    good = {"title": "t", "problems": [PROBLEM], "time_limit_minutes": 10}
    refused = {
        "unknown problem": {**good, "problems": ["no-such-problem"]},
        "no problem": {**good, "problems": []},
        "twice": {**good, "problems": [PROBLEM, PROBLEM]},
        "no time": {**good, "time_limit_minutes": 0},
        "blank title": {**good, "title": "   "},
        "window backwards": {
            **good,
            "opens_at": "2026-02-01T00:00:00Z",
            "closes_at": "2026-01-01T00:00:00Z",
        },
        "naive time": {**good, "opens_at": "2026-02-01T00:00:00"},
        "share with candidate": {**good, "shared_with": ["candidate"]},
        "share with nobody known": {**good, "shared_with": ["ghost"]},
    }
    answers = {
        reason: client.post("/api/v1/assessments", json=body) for reason, body in refused.items()
    }
    assert {reason: a.status_code for reason, a in answers.items()} == {
        "unknown problem": 404,
        "no problem": 422,
        "twice": 422,
        "no time": 422,
        "blank title": 422,
        "window backwards": 422,
        "naive time": 422,
        "share with candidate": 422,
        "share with nobody known": 422,
    }
    assert all(a.json()["detail"] for a in answers.values())
    assert "appears twice" in answers["twice"].json()["detail"]
    assert client.get("/api/v1/assessments").json() == []
    form = client.post(
        "/api/v1/assessments", content=b"title=t", headers={"Content-Type": "text/plain"}
    )
    assert form.status_code == 415


def test_invites_are_single_use_links(settings: Settings, clients: dict[str, TestClient]) -> None:
    clients[COLLEAGUE] = add_colleague(settings)
    assessment = create_assessment(clients["interviewer"])
    url = f"/api/v1/assessments/{assessment['id']}/invites"
    assert statuses(clients, "POST", url, json={"label": "x"}) == {
        "anonymous": 401,
        "candidate": 403,
        "other": 403,
        "interviewer": 201,
        "admin": 201,
        COLLEAGUE: 404,
    }
    link = invite(clients["interviewer"], assessment["id"], "Ann")
    token = link["token"]
    assert len(token) >= 40 and link["url"] == f"http://testserver/invite#{token}"
    assert link["status"] == "invited" and link["candidate"] is None
    info = clients["anonymous"].post("/api/v1/invites/info", json={"token": token})
    assert info.status_code == 200
    assert info.json() == {
        **info.json(),
        "assessment": "ML screen",
        "problems": 1,
        "used": False,
        "attempt_id": None,
    }
    unknown = clients["anonymous"].post("/api/v1/invites/info", json={"token": "not-a-token"})
    assert unknown.status_code == 404 and "not valid" in unknown.json()["detail"]

    assert accept(clients["anonymous"], token).status_code == 401
    assert accept(clients["interviewer"], token).status_code == 403  # staff do not take it
    taken = accept(clients["candidate"], token)
    assert taken.status_code == 200 and taken.json()["status"] == "accepted"
    assert accept(clients["candidate"], token).status_code == 200  # again: harmless
    second = accept(clients["other"], token)
    assert second.status_code == 409 and "already used" in second.json()["detail"]
    register = clients["anonymous"].post(
        "/api/v1/invites/register",
        json={"token": token, "username": "newbie", "password": "long enough pw"},
    )
    assert register.status_code == 409
    attempts = clients["interviewer"].get(f"/api/v1/assessments/{assessment['id']}/attempts")
    assert [(a["label"], a["candidate"], a["status"]) for a in attempts.json()] == [
        ("x", None, "invited"),
        ("x", None, "invited"),
        ("Ann", "candidate", "accepted"),
    ]
    assert (
        clients[COLLEAGUE].get(f"/api/v1/assessments/{assessment['id']}/attempts").status_code
        == 404
    )
    assert (
        clients["candidate"].get(f"/api/v1/assessments/{assessment['id']}/attempts").status_code
        == 403
    )


def test_invite_tokens_travel_in_bodies_only(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    assessment = create_assessment(clients["interviewer"])
    link = invite(clients["interviewer"], assessment["id"])
    token = link["token"]
    sent = urlsplit(link["url"])
    assert (sent.path, sent.query, sent.fragment) == ("/invite", "", token)
    # The old forms, with the token in the path, are gone (404), and change nothing.
    anonymous = clients["anonymous"]
    assert anonymous.get(f"/api/v1/invites/{token}").status_code == 404
    assert accept(clients["candidate"], "x").status_code == 404
    for old in (f"/api/v1/invites/{token}/accept", f"/api/v1/invites/{token}/register"):
        assert clients["candidate"].post(old).status_code == 404, old
    assert anonymous.post("/api/v1/invites/info", json={"token": token}).json()["used"] is False
    # A body without the token says what is missing; a form body is refused.
    for body in ({}, {"token": ""}, {"token": "x" * 129}):
        refused = anonymous.post("/api/v1/invites/info", json=body)
        assert refused.status_code == 422 and "token" in refused.json()["detail"], body
    form = anonymous.post(
        "/api/v1/invites/info", content=f"token={token}", headers={"Content-Type": "text/plain"}
    )
    assert form.status_code == 415
    # The OpenAPI schema documents the body forms and nothing with the token in a path.
    paths = anonymous.get("/openapi.json").json()["paths"]
    invites = sorted(path for path in paths if path.startswith("/api/v1/invites"))
    assert invites == ["/api/v1/invites/accept", "/api/v1/invites/info", "/api/v1/invites/register"]


def test_an_invite_creates_an_account_on_first_use(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    assessment = create_assessment(clients["interviewer"])
    link = invite(clients["interviewer"], assessment["id"])
    anonymous = client_as(settings, None)
    url = "/api/v1/invites/register"
    token = link["token"]
    weak = anonymous.post(url, json={"token": token, "username": "newbie", "password": "short"})
    taken_name = anonymous.post(
        url, json={"token": token, "username": "candidate", "password": "long enough pw"}
    )
    assert (weak.status_code, taken_name.status_code) == (422, 409)
    registered = anonymous.post(
        url, json={"token": token, "username": "newbie", "password": "long enough pw"}
    )
    assert registered.status_code == 201, registered.text
    assert registered.json()["status"] == "accepted"
    # Logged in by the answer's cookies: the new candidate sees the attempt.
    anonymous.headers["X-CSRF-Token"] = anonymous.cookies["numjudge_csrf"]
    mine = anonymous.get("/api/v1/me/attempts").json()
    assert [a["assessment"] for a in mine] == ["ML screen"]
    assert accept(clients["candidate"], token).status_code == 409
    again = {"token": token, "username": "x2y", "password": "long enough pw"}
    assert clients["candidate"].post(url, json=again).status_code == 403


def test_the_clock_starts_when_the_candidate_opens_it(clients: dict[str, TestClient]) -> None:
    assessment = create_assessment(clients["interviewer"], time_limit_minutes=20)
    link = invite(clients["interviewer"], assessment["id"])
    accept(clients["candidate"], link["token"])
    attempt_url = f"/api/v1/me/attempts/{link['id']}"
    before = clients["candidate"].get(attempt_url).json()
    assert before["status"] == "accepted" and before["started_at"] is None
    assert before["remaining_seconds"] is None
    assert statuses(clients, "POST", f"{attempt_url}/start") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 404,
        "interviewer": 404,
        "admin": 404,
    }
    started = clients["candidate"].get(attempt_url).json()
    assert started["status"] == "in_progress"
    assert 19 * 60 < started["remaining_seconds"] <= 20 * 60
    again = clients["candidate"].post(f"{attempt_url}/start").json()
    assert again["deadline"] == started["deadline"]  # starting again changes nothing
    # A candidate's view has no scores, reviews or flags.
    assert set(started) == {
        "id",
        "assessment",
        "problems",
        "time_limit_minutes",
        "status",
        "opens_at",
        "closes_at",
        "started_at",
        "deadline",
        "remaining_seconds",
    }


def test_the_availability_window(clients: dict[str, TestClient]) -> None:
    now = datetime.datetime.now(datetime.UTC)
    later = create_assessment(
        clients["interviewer"], opens_at=(now + datetime.timedelta(days=1)).isoformat()
    )
    closing = create_assessment(
        clients["interviewer"],
        time_limit_minutes=600,
        closes_at=(now + datetime.timedelta(minutes=5)).isoformat(),
    )
    closed = create_assessment(
        clients["interviewer"],
        opens_at=(now - datetime.timedelta(days=2)).isoformat(),
        closes_at=(now - datetime.timedelta(days=1)).isoformat(),
    )
    early = invite(clients["interviewer"], later["id"])
    accept(clients["candidate"], early["token"])
    too_early = clients["candidate"].post(f"/api/v1/me/attempts/{early['id']}/start")
    assert too_early.status_code == 403 and "opens at" in too_early.json()["detail"]
    short = start_attempt(clients["interviewer"], clients["candidate"], closing["id"])
    deadline = (
        clients["candidate"].get(f"/api/v1/me/attempts/{short.attempt_id}").json()["deadline"]
    )
    assert datetime.datetime.fromisoformat(deadline) <= now + datetime.timedelta(
        minutes=5, seconds=1
    )
    late = invite(clients["interviewer"], closed["id"])
    refused = accept(clients["candidate"], late["token"])
    assert refused.status_code == 403 and "closed" in refused.json()["detail"]


def test_the_candidates_endpoints_for_every_caller(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    clients[COLLEAGUE] = add_colleague(settings)
    assessment = create_assessment(clients["interviewer"])
    taken = start_attempt(clients["interviewer"], clients["candidate"], assessment["id"])
    mine = f"/api/v1/me/attempts/{taken.attempt_id}"
    only_the_candidate = {
        "anonymous": 401,
        "candidate": 200,
        "other": 404,
        "interviewer": 404,
        "admin": 404,
        COLLEAGUE: 404,
    }
    assert statuses(clients, "GET", mine) == only_the_candidate
    snapshot = {"problem": PROBLEM, "kind": "edit", "code": "x = 1"}
    assert statuses(clients, "POST", f"{mine}/snapshots", json=snapshot) == {
        **only_the_candidate,
        "candidate": 204,
    }
    assert {
        caller: len(client.get("/api/v1/me/attempts").json())
        for caller, client in clients.items()
        if caller != "anonymous"
    } == {"candidate": 1, "other": 0, "interviewer": 0, "admin": 0, COLLEAGUE: 0}
    body = {"json": {"token": taken.token}}
    assert statuses(clients, "POST", "/api/v1/invites/info", **body) == dict.fromkeys(clients, 200)
    # Only the candidate who holds the link learns its attempt's id from it.
    held = {
        caller: client.post("/api/v1/invites/info", json={"token": taken.token}).json()
        for caller, client in clients.items()
    }
    assert {caller: info["attempt_id"] for caller, info in held.items()} == {
        **dict.fromkeys(clients),
        "candidate": taken.attempt_id,
    }
    assert statuses(clients, "POST", "/api/v1/invites/accept", **body) == {
        "anonymous": 401,
        "candidate": 200,
        "other": 409,
        "interviewer": 403,
        "admin": 403,
        COLLEAGUE: 403,
    }
    bad_snapshots = {
        "unknown kind": {**snapshot, "kind": "keystroke"},
        "not this assessment's problem": {**snapshot, "problem": "no-such-problem"},
        "too long": {**snapshot, "code": "x" * (64 * 1024 + 1)},
    }
    answers = {
        reason: clients["candidate"].post(f"{mine}/snapshots", json=body).status_code
        for reason, body in bad_snapshots.items()
    }
    assert answers == {"unknown kind": 422, "not this assessment's problem": 404, "too long": 422}
    assert statuses(clients, "POST", f"{mine}/finish") == only_the_candidate

"""/api/v1/audit: who did what to which account and when, newest first, in pages."""

from __future__ import annotations

import datetime

from fastapi.testclient import TestClient

from api.db import utcnow


def test_events_say_who_did_what_to_whom_and_when(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    before = utcnow()
    admin.patch("/api/v1/users/other", json={"role": "interviewer", "is_active": False})
    events = admin.get("/api/v1/audit").json()
    assert [(e["actor"], e["action"], e["target"], e["detail"]) for e in events] == [
        ("admin", "user.deactivate", "other", "sessions and API tokens ended"),
        ("admin", "user.role", "other", "role candidate → interviewer"),
    ]
    for event in events:
        moment = datetime.datetime.fromisoformat(event["created_at"])
        assert before - datetime.timedelta(seconds=1) <= moment <= utcnow()


def test_pages_back_and_filters_by_account(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    for username in ("candidate", "other", "candidate", "interviewer", "candidate"):
        assert admin.post(f"/api/v1/users/{username}/password-reset").status_code == 201
    everything = [e["id"] for e in admin.get("/api/v1/audit").json()]
    assert everything == sorted(everything, reverse=True) and len(everything) == 5
    first = admin.get("/api/v1/audit?limit=2").json()
    rest = admin.get(f"/api/v1/audit?limit=10&before={first[-1]['id']}").json()
    assert [e["id"] for e in first + rest] == everything
    about = admin.get("/api/v1/audit?target=candidate").json()
    assert len(about) == 3 and {e["target"] for e in about} == {"candidate"}
    for bad in ("limit=0", "limit=501", "before=x"):
        assert admin.get(f"/api/v1/audit?{bad}").status_code == 422, bad
    # Ids past what the database holds: "older than anything" and "older than nothing".
    for before, expected in ((2**31, everything), (2**64, everything), (-(2**63) - 1, [])):
        found = admin.get(f"/api/v1/audit?before={before}")
        assert [e["id"] for e in found.json()] == expected, before
        assert admin.get(f"/admin/audit?before={before}").status_code == 200

"""/api/v1/tokens: named tokens with an expiry, listed without their secrets, revoked at
once (tests/api/pages/test_docs.py checks that the OpenAPI schema declares them)."""

from __future__ import annotations

import datetime

from fastapi.testclient import TestClient
from sqlalchemy import update

from api.db import make_engine, make_session_factory, transaction, utcnow
from api.settings import Settings
from api.tokens.models import ApiToken
from tests.support.platform import api_token, client_as


def test_a_new_token_is_shown_once_and_works_as_a_bearer(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    response = clients["candidate"].post(
        "/api/v1/tokens", json={"name": "  grading script ", "expires_in_days": 30}
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["name"] == "grading script" and created["status"] == "active"
    assert created["token"].startswith("nj_") and created["revoked_at"] is None
    lifetime = datetime.datetime.fromisoformat(created["expires_at"]) - utcnow()
    assert datetime.timedelta(days=29) < lifetime <= datetime.timedelta(days=30)

    script = client_as(settings, None)
    me = script.get("/api/v1/me", headers={"Authorization": f"Bearer {created['token']}"})
    assert me.json()["username"] == "candidate"
    listed = clients["candidate"].get("/api/v1/tokens").json()
    assert [t["id"] for t in listed] == [created["id"]]
    assert "token" not in listed[0] and created["token"] not in str(listed)


def test_names_and_expiries_are_checked(clients: dict[str, TestClient]) -> None:
    client = clients["candidate"]
    cases = [
        ({"name": "   "}, "a token's name has 1 to 64 printable characters"),
        ({"name": "x" * 65}, "at most 64 characters"),
        ({"name": "tab\tbed"}, "printable"),
        ({"name": "ci", "expires_in_days": 0}, "expires after 1 to 365 days"),
        ({"name": "ci", "expires_in_days": 366}, "expires after 1 to 365 days"),
        ({}, "Field required"),
    ]
    for body, message in cases:
        response = client.post("/api/v1/tokens", json=body)
        assert response.status_code == 422, body
        assert message in str(response.json()["detail"]), body
    never = client.post("/api/v1/tokens", json={"name": "ci", "expires_in_days": None})
    assert never.status_code == 201 and never.json()["expires_at"] is None
    assert len(client.get("/api/v1/tokens").json()) == 1


def test_a_token_cannot_create_tokens(settings: Settings) -> None:
    secret = api_token(settings, "candidate")
    response = client_as(settings, None).post(
        "/api/v1/tokens", json={"name": "more"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 403 and "Account page" in response.json()["detail"]


def test_expired_tokens_stop_working_and_say_so(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    secret = api_token(settings, "candidate", expires_in_days=1)
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(update(ApiToken).values(expires_at=utcnow()))
    response = client_as(settings, None).get(
        "/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 401 and "expired" in response.json()["detail"]
    assert [t["status"] for t in clients["candidate"].get("/api/v1/tokens").json()] == ["expired"]


def test_revoking_stops_the_token_at_once_and_only_that_one(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    gone, kept = api_token(settings, "candidate", "gone"), api_token(settings, "candidate", "kept")
    listed = {t["name"]: t["id"] for t in clients["candidate"].get("/api/v1/tokens").json()}
    assert clients["candidate"].delete(f"/api/v1/tokens/{listed['gone']}").status_code == 204
    script = client_as(settings, None)
    assert script.get("/api/v1/me", headers={"Authorization": f"Bearer {gone}"}).status_code == 401
    assert script.get("/api/v1/me", headers={"Authorization": f"Bearer {kept}"}).status_code == 200
    statuses = {t["name"]: t["status"] for t in clients["candidate"].get("/api/v1/tokens").json()}
    assert statuses == {"gone": "revoked", "kept": "active"}
    # Again: nothing changes. Unknown: 404 with what to do.
    assert clients["candidate"].delete(f"/api/v1/tokens/{listed['gone']}").status_code == 204
    missing = clients["candidate"].delete("/api/v1/tokens/424242")
    assert missing.status_code == 404 and "list the tokens you can see" in missing.json()["detail"]
    # Past a 32-bit id (PostgreSQL's INTEGER), past SQLite's 64 bits, and negative: 404s.
    for token_id in (2**31, 2**63, 2**64, -(2**63) - 1, 0):
        assert clients["admin"].delete(f"/api/v1/tokens/{token_id}").status_code == 404
    # The owner revoking their own token is not an admin action: nothing in the audit log.
    assert clients["admin"].get("/api/v1/audit").json() == []


def test_an_admin_revoking_someone_elses_token_is_audited(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    api_token(settings, "candidate", "laptop")
    (token,) = clients["admin"].get("/api/v1/tokens?username=candidate").json()
    assert token["username"] == "candidate"
    assert clients["admin"].delete(f"/api/v1/tokens/{token['id']}").status_code == 204
    (event,) = clients["admin"].get("/api/v1/audit").json()
    who_what_whom = (event["actor"], event["action"], event["target"])
    assert who_what_whom == ("admin", "token.revoke", "candidate")
    assert event["detail"] == f"API token #{token['id']} 'laptop' revoked"
    unknown = clients["admin"].get("/api/v1/tokens?username=nobody")
    assert unknown.status_code == 404

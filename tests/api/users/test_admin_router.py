"""/api/v1/users as admins use it: create, change the role, deactivate and reactivate,
password links; and what each leaves in the audit log."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.platform import Browser, api_token, client_as


def audit(admin: TestClient) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = admin.get("/api/v1/audit").json()
    return events


def test_admins_list_every_account(clients: dict[str, TestClient]) -> None:
    listed = clients["admin"].get("/api/v1/users").json()
    assert [(u["username"], u["role"], u["is_active"]) for u in listed] == [
        ("admin", "admin", True),
        ("candidate", "candidate", True),
        ("interviewer", "interviewer", True),
        ("other", "candidate", True),
    ]
    one = clients["admin"].get("/api/v1/users/other").json()
    assert one == next(u for u in listed if u["username"] == "other")
    missing = clients["admin"].get("/api/v1/users/nobody")
    assert missing.status_code == 404 and "no user named 'nobody'" in missing.json()["detail"]


def test_creating_an_account_with_a_password(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    body = {"username": "ann", "role": "interviewer", "password": "ann's password"}
    response = clients["admin"].post("/api/v1/users", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["password_reset"] is None
    assert created["user"]["username"] == "ann" and created["user"]["role"] == "interviewer"
    assert Browser(client_as(settings, None)).login("ann", "ann's password").status_code == 200
    event = audit(clients["admin"])[0]
    assert (event["actor"], event["action"], event["target"]) == ("admin", "user.create", "ann")
    assert event["detail"] == "created as interviewer with a password"


def test_creating_an_account_without_a_password_hands_out_a_link(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    response = clients["admin"].post("/api/v1/users", json={"username": "bob", "role": "candidate"})
    assert response.status_code == 201, response.text
    link = response.json()["password_reset"]
    assert link["username"] == "bob"
    assert link["url"].startswith("http://testserver/password-reset#")
    token = link["url"].split("#", 1)[1]
    anonymous = client_as(settings, None)
    body = {"token": token, "new_password": "bob's own password"}
    assert anonymous.post("/api/v1/auth/password-reset", json=body).status_code == 204
    assert Browser(anonymous).login("bob", "bob's own password").status_code == 200
    assert [e["action"] for e in audit(clients["admin"])[:2]] == [
        "user.password_reset",
        "user.create",
    ]


def test_links_use_the_public_url_when_it_is_set(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    settings.public_url = "https://judge.example.org"
    response = clients["admin"].post("/api/v1/users/candidate/password-reset")
    assert response.json()["url"].startswith("https://judge.example.org/password-reset#")


def test_bad_accounts_are_refused_and_nothing_is_created(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    cases = {
        ("candidate", "candidate"): (409, "is taken"),
        ("Bad Name", "candidate"): (422, "a username has 3 to 32 characters"),
        ("fine", "superuser"): (422, "Input should be"),
    }
    for (username, role), (code, message) in cases.items():
        response = admin.post("/api/v1/users", json={"username": username, "role": role})
        assert response.status_code == code, response.text
        assert message in str(response.json()["detail"])
    body = {"username": "fine", "role": "candidate", "password": "x"}
    short = admin.post("/api/v1/users", json=body)
    assert short.status_code == 422
    assert len(admin.get("/api/v1/users").json()) == 4
    assert audit(admin) == []


def test_deactivating_ends_every_session_and_token_at_once(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    token = api_token(settings, "candidate")
    script = client_as(settings, None)
    script.headers["Authorization"] = f"Bearer {token}"
    assert script.get("/api/v1/me").status_code == 200

    response = clients["admin"].patch("/api/v1/users/candidate", json={"is_active": False})
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert clients["candidate"].get("/api/v1/me").status_code == 401
    assert script.get("/api/v1/me").status_code == 401
    tokens = clients["admin"].get("/api/v1/tokens?username=candidate").json()
    assert [t["status"] for t in tokens] == ["revoked"]

    reactivated = clients["admin"].patch("/api/v1/users/candidate", json={"is_active": True})
    assert reactivated.json()["is_active"] is True
    # Reactivation lets the user log in again; what deactivation ended stays ended.
    assert clients["candidate"].get("/api/v1/me").status_code == 401
    assert script.get("/api/v1/me").status_code == 401
    assert Browser(client_as(settings, None)).login("candidate").status_code == 200
    assert [(e["action"], e["target"]) for e in audit(clients["admin"])] == [
        ("user.reactivate", "candidate"),
        ("user.deactivate", "candidate"),
    ]


def test_changing_the_role_takes_effect_on_the_next_request(
    clients: dict[str, TestClient],
) -> None:
    admin = clients["admin"]
    assert clients["interviewer"].get("/api/v1/users").status_code == 403
    promoted = admin.patch("/api/v1/users/interviewer", json={"role": "admin"})
    assert promoted.status_code == 200 and promoted.json()["role"] == "admin"
    assert clients["interviewer"].get("/api/v1/users").status_code == 200
    # Unchanged values are no change: nothing is recorded for them.
    assert admin.patch("/api/v1/users/interviewer", json={"role": "admin"}).status_code == 200
    demoted = admin.patch("/api/v1/users/interviewer", json={"role": "candidate"})
    assert demoted.json()["role"] == "candidate"
    assert clients["interviewer"].get("/api/v1/users").status_code == 403
    assert [e["detail"] for e in audit(admin)] == [
        "role admin → candidate",
        "role interviewer → admin",
    ]
    bad = admin.patch("/api/v1/users/interviewer", json={"role": "owner"})
    assert bad.status_code == 422


def test_admins_cannot_lock_themselves_or_everybody_out(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    for change in ({"is_active": False}, {"role": "interviewer"}):
        response = admin.patch("/api/v1/users/admin", json=change)
        assert response.status_code == 409, change
        assert "your own account; ask another admin" in response.json()["detail"]
    assert admin.get("/api/v1/me").json()["role"] == "admin"

    # A second admin may deactivate the first, and is then the one who cannot.
    admin.patch("/api/v1/users/interviewer", json={"role": "admin"})
    second = clients["interviewer"]
    assert second.patch("/api/v1/users/admin", json={"is_active": False}).status_code == 200
    last = second.patch("/api/v1/users/interviewer", json={"is_active": False})
    assert last.status_code == 409 and "your own account" in last.json()["detail"]
    assert second.get("/api/v1/me").status_code == 200


def test_issuing_a_link_for_a_deactivated_account_is_refused(
    clients: dict[str, TestClient],
) -> None:
    admin = clients["admin"]
    admin.patch("/api/v1/users/other", json={"is_active": False})
    response = admin.post("/api/v1/users/other/password-reset")
    assert response.status_code == 409 and "reactivate the account" in response.json()["detail"]
    missing = admin.post("/api/v1/users/nobody/password-reset")
    assert missing.status_code == 404

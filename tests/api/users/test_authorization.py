"""The account endpoints (users, tokens, password change and links, audit log) for each
kind of caller: anonymous, a candidate, a second candidate, an interviewer and an admin.
Whatever a non-admin tries, no other account and no audit entry reaches them."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.platform import CALLERS, PASSWORD, api_token, client_as, statuses

ADMIN_ONLY = {"anonymous": 401, "candidate": 403, "other": 403, "interviewer": 403}


def test_list_users(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "GET", "/api/v1/users") == {**ADMIN_ONLY, "admin": 200}


def test_get_a_user(clients: dict[str, TestClient]) -> None:
    # Even one's own record: the admin view of accounts is for admins (GET /me is yours).
    for username in ("candidate", "nobody"):
        expected = {**ADMIN_ONLY, "admin": 200 if username == "candidate" else 404}
        assert statuses(clients, "GET", f"/api/v1/users/{username}") == expected


def test_create_a_user(clients: dict[str, TestClient]) -> None:
    results = {
        caller: client.post(
            "/api/v1/users", json={"username": f"new-{caller}", "role": "admin"}
        ).status_code
        for caller, client in clients.items()
    }
    assert results == {**ADMIN_ONLY, "admin": 201}
    usernames = [u["username"] for u in clients["admin"].get("/api/v1/users").json()]
    assert "new-admin" in usernames and not [u for u in usernames if u.startswith("new-c")]


def test_update_a_user(clients: dict[str, TestClient]) -> None:
    # Promoting oneself or deactivating a rival: refused to all but admins, and unchanged.
    for caller in ("candidate", "other", "interviewer"):
        for change in ({"role": "admin"}, {"is_active": False}):
            target = "other" if caller == "candidate" else "candidate"
            for username in (caller, target):
                response = clients[caller].patch(f"/api/v1/users/{username}", json=change)
                assert response.status_code == 403, (caller, username, change)
    assert clients["anonymous"].patch("/api/v1/users/candidate", json={}).status_code == 401
    roles = {u["username"]: (u["role"], u["is_active"]) for u in admin_view(clients)}
    assert roles == {
        "admin": ("admin", True),
        "candidate": ("candidate", True),
        "interviewer": ("interviewer", True),
        "other": ("candidate", True),
    }
    response = clients["admin"].patch("/api/v1/users/other", json={"role": "interviewer"})
    assert response.status_code == 200


def admin_view(clients: dict[str, TestClient]) -> list[dict[str, object]]:
    listed: list[dict[str, object]] = clients["admin"].get("/api/v1/users").json()
    return listed


def test_issue_a_password_link(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "POST", "/api/v1/users/candidate/password-reset") == {
        **ADMIN_ONLY,
        "admin": 201,
    }


def test_audit_log(clients: dict[str, TestClient]) -> None:
    clients["admin"].patch("/api/v1/users/other", json={"role": "interviewer"})
    assert statuses(clients, "GET", "/api/v1/audit") == {**ADMIN_ONLY, "admin": 200}
    assert statuses(clients, "GET", "/api/v1/audit?target=candidate") == {
        **ADMIN_ONLY,
        "admin": 200,
    }


def test_list_own_tokens(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "GET", "/api/v1/tokens") == {
        "anonymous": 401,
        "candidate": 200,
        "other": 200,
        "interviewer": 200,
        "admin": 200,
    }


def test_list_someone_elses_tokens(settings: Settings, clients: dict[str, TestClient]) -> None:
    api_token(settings, "candidate", "candidate's script")
    assert statuses(clients, "GET", "/api/v1/tokens?username=candidate") == {
        "anonymous": 401,
        "candidate": 200,  # their own
        "other": 403,
        "interviewer": 403,
        "admin": 200,
    }
    for caller in ("other", "interviewer"):
        assert clients[caller].get("/api/v1/tokens").json() == []


def test_create_a_token(clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "POST", "/api/v1/tokens", json={"name": "ci"}) == {
        "anonymous": 401,
        "candidate": 201,
        "other": 201,
        "interviewer": 201,
        "admin": 201,
    }
    # Each made their own.
    for caller in CALLERS[1:]:
        owners = {t["username"] for t in clients[caller].get("/api/v1/tokens").json()}
        assert owners == {caller}


def test_revoke_a_token(settings: Settings, clients: dict[str, TestClient]) -> None:
    def candidates_token() -> tuple[str, int]:
        secret = api_token(settings, "candidate")
        listed = clients["candidate"].get("/api/v1/tokens").json()
        return secret, int(listed[0]["id"])

    secret, token_id = candidates_token()
    for caller in ("anonymous", "other", "interviewer"):
        response = clients[caller].delete(f"/api/v1/tokens/{token_id}")
        assert response.status_code == (401 if caller == "anonymous" else 404), caller
    script = client_as(settings, None)
    assert script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).is_success
    for caller in ("candidate", "admin"):
        secret, token_id = candidates_token()
        assert clients[caller].delete(f"/api/v1/tokens/{token_id}").status_code == 204
        revoked = script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert revoked.status_code == 401, caller


def test_change_own_password(clients: dict[str, TestClient]) -> None:
    body = {"current_password": PASSWORD, "new_password": "another fine password"}
    assert statuses(clients, "POST", "/api/v1/me/password", json=body) == {
        "anonymous": 401,
        "candidate": 204,
        "other": 204,
        "interviewer": 204,
        "admin": 204,
    }


RESET_PATHS = ["/api/v1/auth/password-reset/check", "/api/v1/auth/password-reset"]


@pytest.mark.parametrize("path", RESET_PATHS)
def test_password_link_endpoints_need_no_login_and_a_usable_link(
    clients: dict[str, TestClient], path: str
) -> None:
    body = {"token": "guessed", "new_password": "another fine password"}
    assert set(statuses(clients, "POST", path, json=body).values()) == {404}


def test_no_other_account_or_audit_entry_reaches_a_non_admin(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    """Every account endpoint a candidate or interviewer can call, after admins acted on
    every account: no other username in any answer."""
    admin = clients["admin"]
    for username in ("candidate", "other", "interviewer"):
        api_token(settings, username, f"{username}'s script")
        admin.post(f"/api/v1/users/{username}/password-reset")
    admin.post("/api/v1/users", json={"username": "newcomer", "role": "candidate"})
    everyone = {"candidate", "other", "interviewer", "admin", "newcomer"}
    for caller in ("candidate", "other", "interviewer"):
        client = clients[caller]
        answers = [
            client.get(path)
            for path in (
                "/api/v1/me",
                "/api/v1/tokens",
                *(f"/api/v1/tokens?username={name}" for name in everyone),
                "/api/v1/users",
                *(f"/api/v1/users/{name}" for name in everyone),
                "/api/v1/audit",
            )
        ]
        for answer in answers:
            assert usernames_in(answer.json()) <= {caller}, (caller, answer.url, answer.text)
            # And nowhere else, in case a field is named differently (role names aside).
            for name in {"other", "newcomer"} - {caller}:
                assert f'"{name}"' not in answer.text, (caller, answer.url, answer.text)


def usernames_in(body: object) -> set[str]:
    """Every value of a ``username``, ``actor`` or ``target`` field, at any depth."""
    if isinstance(body, list):
        return set().union(*(usernames_in(item) for item in body))
    if isinstance(body, dict):
        own = {str(body[key]) for key in ("username", "actor", "target") if key in body}
        return own.union(*(usernames_in(value) for value in body.values()))
    return set()


def test_the_username_walk_sees_every_account_an_admin_sees(
    clients: dict[str, TestClient],
) -> None:
    """The check above would notice a leak: the same walk over the admin's answer."""
    listed = clients["admin"].get("/api/v1/users").json()
    assert usernames_in(listed) == {"candidate", "other", "interviewer", "admin"}

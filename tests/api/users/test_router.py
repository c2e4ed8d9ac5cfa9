from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.ratelimit import WINDOW_SECONDS
from api.settings import Settings
from tests.support.platform import (
    PASSWORD,
    Browser,
    api_token,
    client_as,
    read_fixture_source,
)


def test_login_sets_an_httponly_lax_session_cookie_and_a_csrf_cookie(
    app_client: TestClient,
) -> None:
    response = Browser(app_client).login("candidate")
    assert response.status_code == 200
    assert response.json()["role"] == "candidate"
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("numjudge_session="))
    csrf = next(c for c in cookies if c.startswith("numjudge_csrf="))
    assert "HttpOnly" in session and "SameSite=lax" in session
    assert "HttpOnly" not in csrf
    assert app_client.get("/api/v1/me").json()["username"] == "candidate"


def test_wrong_password_is_401_and_sets_nothing(app_client: TestClient) -> None:
    response = app_client.post(
        "/api/v1/auth/login", json={"username": "candidate", "password": "wrong password"}
    )
    assert response.status_code == 401
    assert response.json()["detail"] == "wrong username or password"
    assert "set-cookie" not in response.headers
    unknown = app_client.post("/api/v1/auth/login", json={"username": "nobody", "password": "x"})
    assert unknown.status_code == 401


def test_logout_revokes_the_session(app_client: TestClient) -> None:
    Browser(app_client).login("candidate")
    token = app_client.cookies["numjudge_session"]
    assert app_client.post("/api/v1/auth/logout").status_code == 204
    app_client.cookies.set("numjudge_session", token)
    assert app_client.get("/api/v1/me").status_code == 401


def test_cookie_requests_that_change_state_need_the_csrf_header(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    body = {"code": read_fixture_source("reference")}
    client.headers.pop("X-CSRF-Token")
    url = "/api/v1/problems/mean-predictor/submissions"
    assert client.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.get("/api/v1/submissions").json() == []  # nothing was created
    good = client.cookies["numjudge_csrf"]
    assert client.post(url, json=body, headers={"X-CSRF-Token": good}).status_code == 202


def test_bearer_tokens_authenticate_and_need_no_csrf(settings: Settings) -> None:
    token = api_token(settings, "other")
    client = client_as(settings, None)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).json()["username"] == "other"
    response = client.post(
        "/api/v1/problems/mean-predictor/submissions",
        json={"code": read_fixture_source("reference")},
        headers=headers,
    )
    assert response.status_code == 202
    bad = client.get("/api/v1/me", headers={"Authorization": "Bearer nj_unknown"})
    assert bad.status_code == 401 and "tokens create" in bad.json()["detail"]


def test_registration_is_closed_by_default(app_client: TestClient) -> None:
    response = app_client.post(
        "/api/v1/auth/register", json={"username": "newbie", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert Browser(app_client).login("newbie").status_code == 401


def test_open_registration_creates_a_logged_in_candidate(settings: Settings) -> None:
    settings.open_registration = True
    client = client_as(settings, None)
    response = client.post(
        "/api/v1/auth/register", json={"username": "newbie", "password": PASSWORD}
    )
    assert response.status_code == 201
    assert client.get("/api/v1/me").json() == {**response.json(), "role": "candidate"}
    client.headers["X-CSRF-Token"] = client.cookies["numjudge_csrf"]
    again = client.post("/api/v1/auth/register", json={"username": "newbie", "password": PASSWORD})
    assert again.status_code == 409
    short = client.post("/api/v1/auth/register", json={"username": "x", "password": "short"})
    assert short.status_code == 422


def test_login_is_rate_limited_with_retry_after(settings: Settings) -> None:
    settings.login_attempts_per_minute = 3
    if time.time() % WINDOW_SECONDS > WINDOW_SECONDS - 10:  # let all attempts share a window
        time.sleep(WINDOW_SECONDS - time.time() % WINDOW_SECONDS + 0.1)
    client = client_as(settings, None)
    attempts = [
        client.post("/api/v1/auth/login", json={"username": "admin", "password": "guess"})
        for _ in range(4)
    ]
    assert [a.status_code for a in attempts] == [401, 401, 401, 429]
    assert 1 <= int(attempts[-1].headers["Retry-After"]) <= 61
    # Even the right password waits out the window.
    assert Browser(client).login("admin").status_code == 429

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import update

from api.app import create_app
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.settings import Settings
from api.users.models import PasswordReset
from api.users.passwords import hashing_for
from tests.support.platform import (
    PASSWORD,
    Browser,
    api_token,
    change_password,
    client_as,
    login_cookies,
    login_status,
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


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_logging_out_with_a_bearer_token_revokes_that_token(settings: Settings) -> None:
    token, kept = api_token(settings, "candidate"), api_token(settings, "candidate", "kept")
    client = client_as(settings, None)
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    after = client.get("/api/v1/me", headers=bearer(token))
    assert after.status_code == 401 and "revoked" in after.json()["detail"]
    assert client.get("/api/v1/me", headers=bearer(kept)).status_code == 200


def test_changing_the_password_ends_every_other_login_and_keeps_this_browser(
    settings: Settings,
) -> None:
    browser, elsewhere = client_as(settings, "candidate"), client_as(settings, "candidate")
    token = api_token(settings, "candidate")
    response = change_password(browser, PASSWORD, "a brand new password")
    assert response.status_code == 204, response.text
    # This browser got a new session (and CSRF cookie) and goes on working.
    assert browser.cookies["numjudge_session"] != elsewhere.cookies["numjudge_session"]
    browser.headers["X-CSRF-Token"] = browser.cookies["numjudge_csrf"]
    assert browser.get("/api/v1/me").status_code == 200
    assert browser.post("/api/v1/tokens", json={"name": "after"}).status_code == 201
    # The other browser and the script are out at once.
    assert elsewhere.get("/api/v1/me").status_code == 401
    assert client_as(settings, None).get("/api/v1/me", headers=bearer(token)).status_code == 401
    # The old password no longer logs in; the new one does.
    assert Browser(client_as(settings, None)).login("candidate").status_code == 401
    assert (
        Browser(client_as(settings, None)).login("candidate", "a brand new password").status_code
        == 200
    )


def test_a_wrong_current_password_or_a_bad_new_one_changes_nothing(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    wrong = change_password(client, "not my password", "a brand new password")
    assert wrong.status_code == 403 and "current password is wrong" in wrong.json()["detail"]
    short = change_password(client, PASSWORD, "short")
    assert short.status_code == 422 and "8 to 1024 characters" in short.json()["detail"]
    same = change_password(client, PASSWORD, PASSWORD)
    assert same.status_code == 422 and "choose a different one" in same.json()["detail"]
    assert client.get("/api/v1/me").status_code == 200  # still logged in
    assert Browser(client_as(settings, None)).login("candidate").status_code == 200


def test_a_script_can_change_the_password_and_its_own_token_ends_too(
    settings: Settings,
) -> None:
    token = api_token(settings, "other")
    client = client_as(settings, None)
    response = change_password(client, PASSWORD, "a brand new password", headers=bearer(token))
    assert response.status_code == 204 and "set-cookie" not in response.headers
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_deactivated_account_hears_so_only_with_the_right_password(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    deactivate = clients["admin"].patch("/api/v1/users/candidate", json={"is_active": False})
    assert deactivate.status_code == 200
    anonymous = client_as(settings, None)
    right = Browser(anonymous).login("candidate")
    assert right.status_code == 403 and "deactivated" in right.json()["detail"]
    assert "set-cookie" not in right.headers
    wrong = Browser(anonymous).login("candidate", "a wrong password")
    assert wrong.status_code == 401 and wrong.json()["detail"] == "wrong username or password"


def issue_reset(admin: TestClient, username: str) -> str:
    response = admin.post(f"/api/v1/users/{username}/password-reset")
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    return url.split("#", 1)[1]


def test_a_password_link_works_once_and_ends_every_login(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    token = issue_reset(clients["admin"], "candidate")
    script = api_token(settings, "candidate")
    anonymous = client_as(settings, None)
    check = anonymous.post("/api/v1/auth/password-reset/check", json={"token": token})
    assert check.status_code == 200 and check.json()["username"] == "candidate"

    # A bad password leaves the link usable.
    short = anonymous.post(
        "/api/v1/auth/password-reset", json={"token": token, "new_password": "short"}
    )
    assert short.status_code == 422
    body = {"token": token, "new_password": "set through the link"}
    assert anonymous.post("/api/v1/auth/password-reset", json=body).status_code == 204

    again = anonymous.post("/api/v1/auth/password-reset", json=body)
    assert again.status_code == 404 and "ask an admin for a new one" in again.json()["detail"]
    assert (
        anonymous.post("/api/v1/auth/password-reset/check", json={"token": token}).status_code
        == 404
    )
    assert clients["candidate"].get("/api/v1/me").status_code == 401
    assert anonymous.get("/api/v1/me", headers=bearer(script)).status_code == 401
    assert Browser(anonymous).login("candidate", "set through the link").status_code == 200


def test_password_links_expire_and_a_new_one_cancels_the_old(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    first = issue_reset(clients["admin"], "candidate")
    second = issue_reset(clients["admin"], "candidate")
    anonymous = client_as(settings, None)

    def usable(token: str) -> int:
        check = anonymous.post("/api/v1/auth/password-reset/check", json={"token": token})
        return check.status_code

    assert (usable(first), usable(second)) == (404, 200)
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(update(PasswordReset).values(expires_at=utcnow()))
    assert usable(second) == 404
    assert usable("made-up") == 404
    # The current password kept working all along.
    assert Browser(anonymous).login("candidate").status_code == 200


def test_a_password_link_stops_working_when_the_account_is_deactivated(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    token = issue_reset(clients["admin"], "candidate")
    clients["admin"].patch("/api/v1/users/candidate", json={"is_active": False})
    body = {"token": token, "new_password": "set through the link"}
    anonymous = client_as(settings, None)
    assert anonymous.post("/api/v1/auth/password-reset", json=body).status_code == 404
    clients["admin"].patch("/api/v1/users/candidate", json={"is_active": True})
    # Deactivation cancelled the link for good: reactivating does not bring it back.
    assert anonymous.post("/api/v1/auth/password-reset", json=body).status_code == 404


def test_odd_login_bodies_get_a_4xx_that_says_why(app_client: TestClient) -> None:
    url = "/api/v1/auth/login"
    json_type = {"Content-Type": "application/json"}
    deep = app_client.post(url, content="[" * 10_000 + "]" * 10_000, headers=json_type)
    assert deep.status_code == 400 and "nested too deeply" in deep.json()["detail"]
    for field, value in (
        ("username", "\\ud800abc"),  # a lone surrogate, as a JSON escape
        ("username", "ab\\u0000c"),
        ("password", "\\udfffpassword"),
        ("password", "pass\\u0000word"),
    ):
        other = "password" if field == "username" else "username"
        body = f'{{"{field}": "{value}", "{other}": "candidate"}}'
        response = app_client.post(url, content=body, headers=json_type)
        assert response.status_code == 422, (field, value)
        assert field in response.json()["detail"]
    form = app_client.post(url, data={"username": "candidate", "password": PASSWORD})
    assert form.status_code == 415 and "application/json" in form.json()["detail"]
    text = app_client.post(url, content=b"{}", headers={"Content-Type": "text/plain"})
    assert text.status_code == 415


def test_a_new_secret_key_strands_no_one(settings: Settings) -> None:
    """After NUMJUDGE_SECRET_KEY changed, the CSRF cookie of every signed-in browser is
    stale: Run, Submit and Log out answered 403 until the cookies expired (14 days)."""
    stale = login_cookies(settings, "candidate")  # made under the old key
    rotated = create_app(settings.model_copy(update={"secret_key": "rotated-" + "y" * 40}))
    submissions = "/api/v1/problems/mean-predictor/submissions"
    code = {"code": read_fixture_source("reference")}

    def browser() -> TestClient:
        """A browser with the stale cookies, echoing the stale token as a page would."""
        client = TestClient(rotated)
        for name, value in stale.items():
            client.cookies.set(name, value, domain="testserver.local")
        client.headers["X-CSRF-Token"] = stale["numjudge_csrf"]
        return client

    reloading = browser()
    assert reloading.post(submissions, json=code).status_code == 403  # still protected
    page = reloading.get("/problems")  # any page load re-issues the token
    assert any(c.startswith("numjudge_csrf=") for c in page.headers.get_list("set-cookie"))
    reloading.headers["X-CSRF-Token"] = reloading.cookies["numjudge_csrf"]
    assert reloading.post(submissions, json=code).status_code == 202
    assert "set-cookie" not in reloading.get("/problems").headers  # fresh now: left alone

    # Log out and log in straight from a page loaded before the change.
    leaving = browser()
    assert leaving.post("/api/v1/auth/logout").status_code == 403  # no Origin: not a page
    forged = leaving.post("/api/v1/auth/logout", headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403
    logout = leaving.post("/api/v1/auth/logout", headers={"Origin": "http://testserver"})
    assert logout.status_code == 204 and leaving.get("/api/v1/me").status_code == 401
    returning = browser()
    assert Browser(returning).login("candidate").status_code == 200
    assert returning.post(submissions, json=code).status_code == 202


def test_over_https_the_cookies_are_host_prefixed_and_secure(settings: Settings) -> None:
    settings.cookie_secure = True
    client = TestClient(create_app(settings), base_url="https://testserver")
    response = client.post(
        "/api/v1/auth/login", json={"username": "candidate", "password": PASSWORD}
    )
    assert response.status_code == 200
    cookies = response.headers.get_list("set-cookie")
    assert sorted(c.split("=", 1)[0] for c in cookies) == [
        "__Host-numjudge_csrf",
        "__Host-numjudge_session",
    ]
    for cookie in cookies:
        assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    client.headers["X-CSRF-Token"] = client.cookies["__Host-numjudge_csrf"]
    assert client.get("/api/v1/me").json()["username"] == "candidate"
    code = {"code": read_fixture_source("reference")}
    assert client.post("/api/v1/problems/mean-predictor/submissions", json=code).status_code == 202


def test_a_login_waits_for_a_hashing_turn_and_gets_503_when_none_comes(
    settings: Settings,
) -> None:
    settings.password_hash_concurrency = 1
    settings.password_hash_wait_seconds = 0.2
    client = client_as(settings, None)
    with hashing_for(settings).turn():  # the one turn is taken, as by a long burst of logins
        busy = client.post(
            "/api/v1/auth/login", json={"username": "candidate", "password": PASSWORD}
        )
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
    assert "try again" in busy.json()["detail"]
    assert login_status(client, "candidate") == 200


def test_password_changes_and_links_hash_with_the_bounded_hashing(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    settings.password_hash_concurrency = 1
    settings.password_hash_wait_seconds = 0.2
    token = issue_reset(clients["admin"], "other")
    client = client_as(settings, "candidate")
    anonymous = client_as(settings, None)
    link = {"token": token, "new_password": "set through the link"}
    with hashing_for(settings).turn():  # the one turn is taken
        busy = change_password(client, PASSWORD, "a brand new password")
        assert busy.status_code == 503 and busy.headers["Retry-After"] == "1"
        assert anonymous.post("/api/v1/auth/password-reset", json=link).status_code == 503
    assert change_password(client, PASSWORD, "a brand new password").status_code == 204
    assert anonymous.post("/api/v1/auth/password-reset", json=link).status_code == 204


def test_password_links_need_no_csrf_token_even_with_a_stale_cookie(settings: Settings) -> None:
    """Like login: the link's secret is the proof, and a stale CSRF cookie (after a key
    change) in the browser that opens the link must not block it. JSON only."""
    clients = {"admin": client_as(settings, "admin")}
    token = issue_reset(clients["admin"], "other")
    stale = client_as(settings, "candidate")
    stale.headers["X-CSRF-Token"] = "stale"
    check = stale.post("/api/v1/auth/password-reset/check", json={"token": token})
    assert check.status_code == 200 and check.json()["username"] == "other"
    form = stale.post("/api/v1/auth/password-reset", data={"token": token, "new_password": "x"})
    assert form.status_code == 415
    body = {"token": token, "new_password": "set through the link"}
    assert stale.post("/api/v1/auth/password-reset", json=body).status_code == 204


def test_account_bodies_are_json_and_storable_text(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    form_posts = {
        "/api/v1/me/password": {"current_password": PASSWORD, "new_password": "x" * 12},
        "/api/v1/users": {"username": "formy", "role": "candidate"},
        "/api/v1/tokens": {"name": "formy"},
    }
    for url, fields in form_posts.items():
        response = admin.post(url, data=fields)
        assert response.status_code == 415, url
        assert "application/json" in response.json()["detail"]
    patch = admin.patch(
        "/api/v1/users/other", content=b"{}", headers={"Content-Type": "text/plain"}
    )
    assert patch.status_code == 415
    json_type = {"Content-Type": "application/json"}
    for url, body in (
        ("/api/v1/users", '{"username": "a\\u0000b", "role": "candidate"}'),
        (
            "/api/v1/users",
            '{"username": "zed", "role": "candidate", "password": "\\ud800xxxxxxxx"}',
        ),
        ("/api/v1/me/password", '{"current_password": "\\ud800", "new_password": "long enough"}'),
        ("/api/v1/auth/password-reset/check", '{"token": "a\\u0000b"}'),
    ):
        response = admin.post(url, content=body, headers=json_type)
        assert response.status_code == 422, (url, body)
    assert admin.get("/api/v1/users/zed").status_code == 404  # nothing was created

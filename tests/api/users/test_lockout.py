"""api/users/lockout.py as the routes apply it: login attempts and failures, and the
password change that checks the current password, counted per client address and per
(username, client), with a ceiling per username."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.support.platform import (
    PASSWORD,
    Browser,
    change_password,
    client_as,
    login_cookies,
    login_status,
    same_rate_window,
)


def test_login_is_rate_limited_with_retry_after(settings: Settings) -> None:
    settings.login_attempts_per_minute = 3
    same_rate_window()
    client = client_as(settings, None)
    attempts = [
        client.post("/api/v1/auth/login", json={"username": "admin", "password": "guess"})
        for _ in range(4)
    ]
    assert [a.status_code for a in attempts] == [401, 401, 401, 429]
    assert 1 <= int(attempts[-1].headers["Retry-After"]) <= 61
    # Even the right password waits out the window.
    assert Browser(client).login("admin").status_code == 429


def test_someone_guessing_cannot_lock_the_real_user_out(settings: Settings) -> None:
    """Failures count per username and client address: 11 wrong passwords from anywhere
    used to lock the account for everyone."""
    settings.login_attempts_per_minute = 3
    same_rate_window()
    app = create_app(settings)
    attacker = TestClient(app, client=("198.51.100.66", 40000))
    guesses = [login_status(attacker, "candidate", f"guess number {i}") for i in range(5)]
    assert guesses == [401, 401, 401, 429, 429]
    assert login_status(attacker, "candidate") == 429  # the attacker waits, right or wrong
    assert login_status(TestClient(app, client=("203.0.113.5", 40000)), "candidate") == 200


def test_failures_for_one_username_from_everywhere_have_a_ceiling(settings: Settings) -> None:
    settings.login_failures_per_username_per_minute = 4
    same_rate_window()
    app = create_app(settings)
    spread = [
        login_status(TestClient(app, client=(f"198.51.100.{i}", 40000)), "candidate", "guess")
        for i in range(4)
    ]
    assert spread == [401, 401, 401, 401]
    elsewhere = TestClient(app, client=("203.0.113.5", 40000))
    response = elsewhere.post(
        "/api/v1/auth/login", json={"username": "candidate", "password": PASSWORD}
    )
    assert response.status_code == 429 and "for this account" in response.json()["detail"]
    assert login_status(elsewhere, "other") == 200  # other accounts are not affected


def logged_in_from(app: object, settings: Settings, username: str, address: str) -> TestClient:
    """A browser of ``username`` (cookies and CSRF header) at client address ``address``."""
    client = TestClient(app, client=(address, 40000))  # type: ignore[arg-type]
    for name, value in login_cookies(settings, username).items():
        client.cookies.set(name, value, domain="testserver.local")
    client.headers["X-CSRF-Token"] = client.cookies["numjudge_csrf"]
    return client


def test_a_wrong_current_password_counts_as_a_failed_login(settings: Settings) -> None:
    """Someone holding a stolen session could otherwise guess the password through the
    password change, unlimited by the login lockout."""
    settings.login_attempts_per_minute = 3
    same_rate_window()
    app = create_app(settings)
    thief = logged_in_from(app, settings, "candidate", "198.51.100.66")
    guesses = [
        change_password(thief, f"guess number {i}", "a brand new password").status_code
        for i in range(4)
    ]
    assert guesses == [403, 403, 403, 429]
    assert change_password(thief, PASSWORD, "a brand new password").status_code == 429
    assert login_status(thief, "candidate") == 429  # the same (username, client) rule
    # The real user, elsewhere, is not locked out, and changes it.
    owner = logged_in_from(app, settings, "candidate", "203.0.113.5")
    assert change_password(owner, PASSWORD, "a brand new password").status_code == 204


def test_failed_logins_lock_the_password_change_too(settings: Settings) -> None:
    settings.login_attempts_per_minute = 2
    same_rate_window()
    app = create_app(settings)
    client = logged_in_from(app, settings, "candidate", "198.51.100.67")
    assert [login_status(client, "candidate", "guess") for _ in range(2)] == [401, 401]
    locked = change_password(client, PASSWORD, "a brand new password")
    assert locked.status_code == 429 and "failed logins" in locked.json()["detail"]

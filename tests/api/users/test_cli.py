"""The account commands (api/users/cli.py) against the test database: users list, disable,
enable, set-role, reset-password; tokens create, list, revoke. Each takes effect on the
running site at once and is in the audit log as done by the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from api.settings import Settings, get_settings
from tests.support.platform import ROOT, Browser, api_token, client_as, settings_environment

Numjudge = Callable[..., tuple[int, str, str]]


@pytest.fixture
def numjudge(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Numjudge]:
    """``numjudge(*args)`` → (exit status, stdout, stderr), on the test's database."""
    for name, value in settings_environment(settings).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()

    def run(*args: str) -> tuple[int, str, str]:
        get_settings.cache_clear()  # a test may have changed the environment
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    yield run
    get_settings.cache_clear()


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_users_list(numjudge: Numjudge, clients: dict[str, TestClient]) -> None:
    clients["admin"].patch("/api/v1/users/other", json={"is_active": False})
    code, out, _ = numjudge("users", "list")
    assert code == 0
    rows = [line.split()[:3] for line in out.splitlines()]
    assert rows == [
        ["username", "role", "state"],
        ["admin", "admin", "active"],
        ["candidate", "candidate", "active"],
        ["interviewer", "interviewer", "active"],
        ["other", "candidate", "deactivated"],
    ]


def test_disable_and_enable(
    numjudge: Numjudge, settings: Settings, clients: dict[str, TestClient]
) -> None:
    secret = api_token(settings, "candidate")
    code, out, _ = numjudge("users", "disable", "--username", "candidate")
    assert code == 0 and "deactivated 'candidate'" in out
    assert clients["candidate"].get("/api/v1/me").status_code == 401
    assert client_as(settings, None).get("/api/v1/me", headers=bearer(secret)).status_code == 401
    assert numjudge("users", "disable", "--username", "candidate")[1].endswith("already\n")

    code, out, _ = numjudge("users", "enable", "--username", "candidate")
    assert code == 0 and "reactivated 'candidate'" in out
    assert Browser(client_as(settings, None)).login("candidate").status_code == 200
    events = clients["admin"].get("/api/v1/audit").json()
    assert [(e["action"], e["target"]) for e in events] == [
        ("user.reactivate", "candidate"),
        ("user.deactivate", "candidate"),
    ]
    assert all(e["actor"].startswith("command line (") for e in events)


def test_set_role_and_the_last_admin(numjudge: Numjudge, clients: dict[str, TestClient]) -> None:
    code, out, _ = numjudge("users", "set-role", "--username", "other", "--role", "interviewer")
    assert code == 0 and out == "'other': candidate → interviewer\n"
    assert clients["other"].get("/api/v1/me").json()["role"] == "interviewer"

    code, out, err = numjudge("users", "disable", "--username", "admin")
    assert code == 1 and out == ""
    assert err.startswith("numjudge: 'admin' is the only active admin") and err.count("\n") == 1
    code, _, err = numjudge("users", "set-role", "--username", "admin", "--role", "candidate")
    assert code == 1 and "only active admin" in err
    assert clients["admin"].get("/api/v1/me").json()["role"] == "admin"


def test_reset_password_prints_a_working_one_time_link(
    numjudge: Numjudge, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMJUDGE_PUBLIC_URL", "https://judge.example.org/")
    code, out, _ = numjudge("users", "reset-password", "--username", "candidate")
    assert code == 0
    link = out.splitlines()[-1]
    assert link.startswith("https://judge.example.org/password-reset#")
    body = {"token": link.split("#", 1)[1], "new_password": "from the command line"}
    client = client_as(settings, None)
    assert client.post("/api/v1/auth/password-reset", json=body).status_code == 204
    assert Browser(client).login("candidate", "from the command line").status_code == 200


def test_tokens_create_list_and_revoke(
    numjudge: Numjudge, settings: Settings, clients: dict[str, TestClient]
) -> None:
    code, out, _ = numjudge(
        "tokens", "create", "--username", "other", "--name", "nightly", "--expires-days", "7"
    )
    assert code == 0
    secret = out.strip()
    assert secret.startswith("nj_")
    api_token(settings, "candidate", "laptop")
    script = client_as(settings, None)
    assert script.get("/api/v1/me", headers=bearer(secret)).json()["username"] == "other"

    code, out, _ = numjudge("tokens", "list")
    rows = [line.split()[:4] for line in out.splitlines()[1:]]
    assert [row[1:] for row in rows] == [
        ["candidate", "laptop", "active"],
        ["other", "nightly", "active"],
    ]
    code, out, _ = numjudge("tokens", "list", "--username", "other")
    assert len(out.splitlines()) == 2 and secret not in out
    nightly = rows[1][0]

    code, out, _ = numjudge("tokens", "revoke", nightly)
    assert code == 0 and out == f"revoked API token #{nightly} 'nightly' of 'other'\n"
    assert script.get("/api/v1/me", headers=bearer(secret)).status_code == 401
    listed = numjudge("tokens", "list", "--username", "other")[1].splitlines()
    assert listed[1].split()[:4] == [nightly, "other", "nightly", "revoked"]

    again = numjudge("tokens", "revoke", nightly)[1]
    assert again == f"API token #{nightly} 'nightly' of 'other' was revoked already\n"
    code, _, err = numjudge("tokens", "revoke", "424242")
    assert code == 1 and "no API token #424242" in err
    events = clients["admin"].get("/api/v1/audit").json()
    assert [(e["action"], e["target"]) for e in events] == [
        ("token.revoke", "other"),
        ("token.create", "other"),
    ]


def test_unknown_users_and_bad_input_are_one_line_errors(numjudge: Numjudge) -> None:
    for args in (
        ("users", "disable", "--username", "nobody"),
        ("users", "reset-password", "--username", "nobody"),
        ("tokens", "list", "--username", "nobody"),
        ("tokens", "create", "--username", "nobody"),
    ):
        code, _, err = numjudge(*args)
        assert code == 1 and err == "numjudge: no user named 'nobody'\n", args
    code, _, err = numjudge("tokens", "create", "--username", "other", "--expires-days", "0")
    assert code == 1 and "expires after 1 to 365 days" in err


def test_the_commands_run_as_a_real_process(settings: Settings) -> None:
    environment = {**os.environ, **settings_environment(settings)}
    listed = subprocess.run(
        [sys.executable, "-m", "api.cli", "users", "list"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )
    assert listed.returncode == 0 and "interviewer" in listed.stdout
    failed = subprocess.run(
        [sys.executable, "-m", "api.cli", "users", "enable", "--username", "nobody"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )
    assert failed.returncode == 1 and failed.stderr == "numjudge: no user named 'nobody'\n"

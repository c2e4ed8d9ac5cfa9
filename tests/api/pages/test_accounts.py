"""The account pages over HTTP (tests/browser/test_accounts.py drives them in Chromium):
who may open which, what each embeds, and that none carries inline script or style (the
pages are meant to run under a strict Content-Security-Policy)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from api.settings import Settings
from tests.api.pages.test_router import embedded
from tests.support.platform import api_token, client_as

PAGES = ["/account", "/admin/users", "/admin/audit"]
ADMIN_PAGES = ["/admin/users", "/admin/audit"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_login(settings: Settings, path: str) -> None:
    response = client_as(settings, None).get(path, follow_redirects=False)
    assert response.status_code == 303
    assert unquote(response.headers["location"]) == f"/login?next={path}"


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_are_forbidden_to_everyone_else(settings: Settings, path: str) -> None:
    client_as(settings, "admin").patch("/api/v1/users/other", json={"role": "interviewer"})
    for username in ("candidate", "other", "interviewer"):
        page = client_as(settings, username).get(path)
        assert page.status_code == 403, username
        assert "This page is for admins" in page.text
        assert "users-data" not in page.text and "audit-table" not in page.text
        # The header links to the admin pages only for admins.
        assert 'href="/admin/users"' not in page.text


def test_every_user_has_an_account_page_with_only_their_tokens(settings: Settings) -> None:
    api_token(settings, "candidate", "mine")
    api_token(settings, "other", "theirs")
    for username in ("candidate", "other", "interviewer", "admin"):
        page = client_as(settings, username).get("/account")
        assert page.status_code == 200
        data = embedded(page.text, "account-data")
        assert isinstance(data, dict)
        assert {t["username"] for t in data["tokens"]} <= {username}
    (token,) = embedded(client_as(settings, "candidate").get("/account").text, "account-data")[
        "tokens"
    ]
    assert token["name"] == "mine" and token["status"] == "active" and "token" not in token
    assert "/static/dist/account.js" in client_as(settings, "candidate").get("/account").text


def test_the_users_page_embeds_what_the_api_lists(settings: Settings) -> None:
    admin = client_as(settings, "admin")
    page = admin.get("/admin/users")
    assert page.status_code == 200
    assert embedded(page.text, "users-data") == {
        "users": admin.get("/api/v1/users").json(),
        "me": "admin",
    }
    assert embedded(page.text, "roles-data") == ["candidate", "interviewer", "admin"]
    assert 'href="/admin/users"' in page.text and 'href="/admin/audit"' in page.text


def test_the_audit_page_lists_pages_back_and_filters(settings: Settings) -> None:
    admin = client_as(settings, "admin")
    empty = admin.get("/admin/audit")
    assert empty.status_code == 200 and "Nothing recorded yet" in empty.text
    for _ in range(30):
        admin.post("/api/v1/users/candidate/password-reset")
    for _ in range(25):
        admin.post("/api/v1/users/other/password-reset")
    first = admin.get("/admin/audit")
    rows = re.findall(r'<tr data-event="(\d+)">', first.text)
    assert len(rows) == 50
    older = re.search(r'href="/admin/audit\?before=(\d+)" rel="next"', first.text)
    assert older and older.group(1) == rows[-1]
    second = admin.get(f"/admin/audit?before={older.group(1)}")
    assert len(re.findall(r'<tr data-event="', second.text)) == 5
    assert 'rel="next"' not in second.text

    other = admin.get("/admin/audit?target=other")
    assert other.text.count("<td>admin</td>") == 25 and ">candidate</a>" not in other.text
    nobody = admin.get("/admin/audit?target=nobody")
    assert "Nothing was done to 'nobody'." in nobody.text


def test_the_password_link_page_is_open_to_anyone(settings: Settings) -> None:
    page = client_as(settings, None).get("/password-reset")
    assert page.status_code == 200
    assert "/static/dist/password_reset.js" in page.text


@pytest.mark.parametrize("path", [*PAGES, "/password-reset"])
def test_no_inline_script_or_style(settings: Settings, path: str) -> None:
    html = client_as(settings, "admin").get(path).text
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'type="application/json"' in tag or "src=" in tag, tag
    assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), path

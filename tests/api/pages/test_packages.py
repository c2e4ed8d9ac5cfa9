"""The package authoring pages over HTTP (tests/browser/test_packages.py drives them in
Chromium): admins only, the list of drafts and the forms that start one, a draft's page
embedding exactly what the API answers, and no inline script or style."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from api.settings import Settings
from tests.api.pages.test_router import embedded
from tests.support.platform import client_as

NEW = {"slug": "ridge-regression", "title": "Ridge regression"}


def draft_id(clients: dict[str, TestClient]) -> int:
    answer = clients["admin"].post("/api/v1/package-drafts", json=NEW)
    assert answer.status_code == 201, answer.text
    identifier: int = answer.json()["id"]
    return identifier


def test_anonymous_visitors_are_sent_to_login(clients: dict[str, TestClient]) -> None:
    for path in ("/admin/packages", f"/admin/packages/{draft_id(clients)}"):
        response = clients["anonymous"].get(path, follow_redirects=False)
        assert response.status_code == 303
        assert unquote(response.headers["location"]) == f"/login?next={path}"


def test_the_pages_are_forbidden_to_everyone_but_admins(clients: dict[str, TestClient]) -> None:
    identifier = draft_id(clients)
    for username in ("candidate", "other", "interviewer"):
        for path in ("/admin/packages", f"/admin/packages/{identifier}"):
            page = clients[username].get(path)
            assert page.status_code == 403, (username, path)
            assert "This page is for admins" in page.text
            assert "package-data" not in page.text and NEW["slug"] not in page.text
            assert 'href="/admin/packages"' not in page.text


def test_the_packages_page_lists_the_drafts_and_the_problems(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin = clients["admin"]
    empty = admin.get("/admin/packages")
    assert empty.status_code == 200 and "No draft yet." in empty.text
    assert '<option value="mean-predictor">' in empty.text  # the problem to copy
    assert "/static/dist/packages.js" in empty.text
    first = draft_id(clients)
    second = admin.post("/api/v1/problems/mean-predictor/package-drafts").json()
    page = admin.get("/admin/packages").text
    rows = re.findall(r'<tr data-draft="(\d+)">', page)
    assert rows == [str(second["id"]), str(first)]  # last changed first
    assert f'<a href="/admin/packages/{first}">ridge-regression</a>' in page
    assert "version (version 1)" in page and "template" in page
    assert 'href="/admin/packages"' in page  # the header's link, for admins


def test_the_draft_page_embeds_what_the_api_answers(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    identifier = draft_id(clients)
    admin.put(
        f"/api/v1/package-drafts/{identifier}/files/problem.yaml", json={"text": "title: [\n"}
    )
    page = admin.get(f"/admin/packages/{identifier}")
    assert page.status_code == 200
    data = embedded(page.text, "package-data")
    assert data == admin.get(f"/api/v1/package-drafts/{identifier}").json()
    assert isinstance(data, dict) and data["issues"] and not data["valid"]
    assert f'href="/api/v1/package-drafts/{identifier}/export"' in page.text
    assert 'id="validate-draft"' in page.text and 'id="publish-draft"' in page.text
    assert "/static/dist/package.js" in page.text


def test_an_unknown_draft_is_the_not_found_page(clients: dict[str, TestClient]) -> None:
    for path in ("/admin/packages/999999", "/admin/packages/0"):
        page = clients["admin"].get(path)
        assert page.status_code == 404 and "no package draft" in page.text
    assert clients["admin"].get("/admin/packages/x").status_code in (404, 422)


@pytest.mark.parametrize("which", ["list", "draft"])
def test_no_inline_script_or_style(settings: Settings, which: str) -> None:
    admin = client_as(settings, "admin")
    identifier = admin.post("/api/v1/package-drafts", json=NEW).json()["id"]
    path = "/admin/packages" if which == "list" else f"/admin/packages/{identifier}"
    html = admin.get(path).text
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'type="application/json"' in tag or "src=" in tag, tag
    assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), path

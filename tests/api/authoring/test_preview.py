"""POST /api/v1/package-drafts/preview: the authoring page's live Markdown preview, rendered
by the problem page's own renderer (sanitized, math kept for KaTeX): admins only, JSON with
the CSRF header like every cookie POST, bounded in size, and never a 500."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from api.problems.markdown import render_statement
from api.settings import Settings
from sandbox.package_text import MAX_MARKDOWN_CHARS
from tests.support.platform import api_token, client_as, statuses

PREVIEW = "/api/v1/package-drafts/preview"
STATEMENT = (
    "# Ridge\n\nMinimise $\\|Xw - y\\|^2 + \\lambda \\|w\\|^2$:\n\n$$w = (X^TX)^{-1}X^Ty$$\n"
)


def test_only_admins_may_preview(settings: Settings, clients: dict[str, TestClient]) -> None:
    assert statuses(clients, "POST", PREVIEW, json={"text": STATEMENT}) == {
        "anonymous": 401,
        "candidate": 403,
        "other": 403,
        "interviewer": 403,
        "admin": 200,
    }
    token = api_token(settings, "admin")
    scripted = client_as(settings, None).post(
        PREVIEW, json={"text": STATEMENT}, headers={"Authorization": f"Bearer {token}"}
    )
    assert scripted.status_code == 200


def test_the_preview_is_what_the_problem_page_shows(clients: dict[str, TestClient]) -> None:
    answer = clients["admin"].post(PREVIEW, json={"text": STATEMENT})
    assert answer.json() == {"html": render_statement(STATEMENT)}
    html = answer.json()["html"]
    assert "<h1>Ridge</h1>" in html
    # The math stays as text between its delimiters, for KaTeX in the browser.
    assert "$$w = (X^TX)^{-1}X^Ty$$" in html and "$\\|Xw - y\\|^2" in html


def test_the_preview_is_sanitized(clients: dict[str, TestClient]) -> None:
    hostile = (
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        '<a href="javascript:alert(3)">link</a> [md](javascript:alert(4))\n\n'
        "<iframe src=//example.com></iframe><style>body{}</style>\n"
    )
    html = clients["admin"].post(PREVIEW, json={"text": hostile}).json()["html"].lower()
    # Raw HTML is shown as text (escaped), never as elements or attributes.
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror" in html
    for element in ("<script", "<img", "<iframe", "<style"):
        assert element not in html, (element, html)
    assert not re.search(r"<[^>]*\son\w+=", html), html
    assert not re.search(r"<a\b[^>]*javascript", html), html


def test_a_cookie_preview_needs_the_csrf_header(settings: Settings) -> None:
    admin = client_as(settings, "admin")
    del admin.headers["X-CSRF-Token"]
    refused = admin.post(PREVIEW, json={"text": "x"})
    assert refused.status_code == 403 and "CSRF" in refused.text


def test_bad_bodies_get_a_clear_4xx(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    too_long = admin.post(PREVIEW, json={"text": "a" * (MAX_MARKDOWN_CHARS + 1)})
    assert too_long.status_code == 422 and "text" in too_long.text
    assert admin.post(PREVIEW, json={"text": "a" * MAX_MARKDOWN_CHARS}).status_code == 200
    assert admin.post(PREVIEW, json={}).status_code == 422
    assert admin.post(PREVIEW, json={"text": 3}).status_code == 422
    form = admin.post(PREVIEW, content=b"text=x", headers={"Content-Type": "text/plain"})
    assert form.status_code == 415 and "application/json" in form.text

"""/docs and /redoc: the viewers come from the bundle (no other origin anywhere in the
page), and the schema declares the bearer scheme so that "Authorize" works."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.pages.templating import DIST_DIR


def referenced_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href|spec-url|data-openapi-url)="([^"]+)"', html)


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_viewers_load_nothing_from_another_origin(app_client: TestClient, path: str) -> None:
    page = app_client.get(path)
    assert page.status_code == 200
    assert "<script>" not in page.text  # no inline script: the bundle starts the viewer
    urls = referenced_urls(page.text)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert not re.search(r"https?://", page.text)
    for url in urls:
        if url.startswith("/static/"):
            asset = app_client.get(url, headers={"Accept-Encoding": "gzip"})
            assert asset.status_code == 200, f"{url}: run 'make setup' to build the bundle"
            assert asset.headers.get("content-encoding") == "gzip", url


def test_the_vendored_viewers_carry_their_licences() -> None:
    for name in ("swagger-ui.LICENSE.txt", "redoc.LICENSE.txt"):
        assert (DIST_DIR / "vendor" / name).is_file(), "run 'make setup' to build the bundle"


def test_the_schema_declares_the_bearer_and_cookie_schemes(app_client: TestClient) -> None:
    schema = app_client.get("/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    bearer = schemes["bearer"]
    assert bearer["type"] == "http" and bearer["scheme"] == "bearer"
    assert "numjudge tokens create" in bearer["description"]
    assert schemes["session"]["in"] == "cookie"
    assert schemes["session"]["name"] == "numjudge_session"
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/me", "get"),
        ("/api/v1/problems/{slug}/submissions", "post"),
        ("/api/v1/tokens", "get"),
    ]:
        assert {"bearer": []} in paths[path][method]["security"], path
        assert {"session": []} in paths[path][method]["security"], path
    assert "security" not in paths["/api/v1/auth/login"]["post"]

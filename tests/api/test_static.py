"""The bundle's files as api/static.py serves them: the gzip copy to browsers that accept
it, the plain file to the rest, caching by whether the URL is versioned, 304 on a match."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.static import CompressedStaticFiles

SCRIPT = b"export const answer = 42;\n" * 200


@pytest.fixture
def static_client(tmp_path: Path) -> TestClient:
    dist = tmp_path / "dist"
    (dist / "chunks").mkdir(parents=True)
    (dist / "page.js").write_bytes(SCRIPT)
    (dist / "page.js.gz").write_bytes(gzip.compress(SCRIPT))
    (dist / "chunks" / "chunk-ABC.js").write_bytes(SCRIPT)
    (dist / "logo.png").write_bytes(b"\x89PNG not compressed")
    app = FastAPI()
    app.mount("/static", CompressedStaticFiles(directory=tmp_path), name="static")
    return TestClient(app)


def test_browsers_that_accept_gzip_get_the_compressed_copy(static_client: TestClient) -> None:
    packed = static_client.get("/static/dist/page.js", headers={"Accept-Encoding": "gzip, br"})
    assert packed.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["content-type"].startswith("text/javascript")
    assert packed.headers["vary"] == "Accept-Encoding"
    assert int(packed.headers["content-length"]) < len(SCRIPT) // 10
    assert packed.content == SCRIPT  # httpx decodes it: the same file

    plain = static_client.get("/static/dist/page.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(SCRIPT)
    refused = static_client.get("/static/dist/page.js", headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers

    # A file with no gzip copy is sent as it is.
    image = static_client.get("/static/dist/logo.png", headers={"Accept-Encoding": "gzip"})
    assert image.status_code == 200 and "content-encoding" not in image.headers


def test_versioned_and_hashed_files_are_cached_and_the_rest_revalidated(
    static_client: TestClient,
) -> None:
    immutable = "public, max-age=31536000, immutable"
    assert static_client.get("/static/dist/page.js?v=17").headers["cache-control"] == immutable
    hashed = static_client.get("/static/dist/chunks/chunk-ABC.js")
    assert hashed.headers["cache-control"] == immutable
    bare = static_client.get("/static/dist/page.js", headers={"Accept-Encoding": "gzip"})
    assert bare.headers["cache-control"] == "no-cache"
    again = static_client.get(
        "/static/dist/page.js",
        headers={"Accept-Encoding": "gzip", "If-None-Match": bare.headers["etag"]},
    )
    assert again.status_code == 304
    assert static_client.get("/static/dist/missing.js").status_code == 404

"""What every request meets: the body limit (enforced while the body streams in), the Host
check, NUL in URLs, the proxy rule, and the security headers on every answer."""

from __future__ import annotations

import re
import select
import socket
from collections.abc import Iterator

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.platform import (
    client_as,
    live_server,
    mark_judged,
    read_fixture_source,
    same_rate_window,
    submit,
)

MIB = 1024 * 1024
CHUNK = 64 * 1024


def raw_post(port: int, path: str, headers: list[str], chunks: Iterator[bytes]) -> tuple[str, int]:
    """POST over a plain socket, sending the body chunk by chunk until the server answers;
    the answer's status line and how many body bytes were sent by then."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        head = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "", ""]
        connection.sendall("\r\n".join(head).encode())
        sent = 0
        for chunk in chunks:
            if select.select([connection], [], [], 0)[0]:
                break  # the server has answered
            try:
                connection.sendall(chunk)
            except OSError:  # the server closed the connection, or stopped reading
                break
            sent += len(chunk)
        answer = connection.recv(4096).decode(errors="replace")
    return answer.split("\r\n", 1)[0], sent


def test_a_declared_body_past_the_limit_is_refused_before_it_is_read(settings: Settings) -> None:
    """Six anonymous 100 MB logins took the API to 1.8 GB: the body was read first."""
    with live_server(settings) as server:
        port = int(server.url.rsplit(":", 1)[1])
        headers = ["Content-Type: application/json", f"Content-Length: {100 * MIB}"]
        status, sent = raw_post(port, "/api/v1/auth/login", headers, iter([b"{"]))
    assert status == "HTTP/1.1 413 Request Entity Too Large" and sent <= 1


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(settings: Settings) -> None:
    """No Content-Length (chunked): counted while it arrives, refused at 512 KiB, long before
    the 100 MB the client would send."""

    def chunked(total: int) -> Iterator[bytes]:
        for _ in range(total // CHUNK):
            yield f"{CHUNK:x}\r\n".encode() + b" " * CHUNK + b"\r\n"
        yield b"0\r\n\r\n"

    with live_server(settings) as server:
        port = int(server.url.rsplit(":", 1)[1])
        headers = ["Content-Type: application/json", "Transfer-Encoding: chunked"]
        status, sent = raw_post(port, "/api/v1/auth/login", headers, chunked(100 * MIB))
    assert status == "HTTP/1.1 413 Request Entity Too Large"
    assert sent < 20 * MIB  # what the socket buffers took before the answer was seen


def test_every_endpoint_has_the_limit_and_says_what_it_is(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    body = b"x" * (settings.max_body_bytes + 1)
    for path in ("/api/v1/auth/logout", "/api/v1/me", "/problems", "/no-such-page"):
        response = client.post(path, content=body)
        assert response.status_code == 413, path
        assert "512 KiB" in response.json()["detail"]
    settings.max_body_bytes = 1024  # code has its own limit below this one
    small = client_as(settings, "candidate")
    too_big = small.post("/api/v1/problems/mean-predictor/submissions", json={"code": "#" * 2000})
    assert too_big.status_code == 413 and "1024 bytes" in too_big.json()["detail"]


def test_validation_errors_say_what_is_wrong_without_echoing_the_input(
    app_client: TestClient,
) -> None:
    response = app_client.post(
        "/api/v1/auth/login", json={"username": "A" * 50_000, "password": 12345}
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "AAAA" not in response.text and len(response.text) < 1000
    assert "username" in detail and "64 characters" in detail and "password" in detail
    broken = app_client.post(
        "/api/v1/auth/login", content=b'{"username": ', headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 422 and "not valid JSON" in broken.json()["detail"]


def test_only_the_configured_host_names_are_answered(settings: Settings) -> None:
    client = client_as(settings, None)
    assert client.get("/login").status_code == 200
    for host in ("evil.example", "evil.example:8000", "127.0.0.2"):
        response = client.get("/login", headers={"Host": host})
        assert response.status_code == 400, host
        assert "NUMJUDGE_ALLOWED_HOSTS" in response.json()["detail"]
    assert client.get("/healthz", headers={"Host": "LOCALHOST:8000"}).status_code != 400
    assert client.get("/healthz", headers={"Host": "[::1]:8000"}).status_code == 400
    settings.allowed_hosts = "judge.example.org, [::1]"
    configured = client_as(settings, None)
    assert configured.get("/login", headers={"Host": "judge.example.org"}).status_code == 200
    assert configured.get("/login", headers={"Host": "[::1]:8000"}).status_code == 200
    assert configured.get("/login").status_code == 400  # testserver is no longer listed


def test_the_host_of_the_public_url_is_answered_too(settings: Settings) -> None:
    """Password links point at NUMJUDGE_PUBLIC_URL: the site must answer to its name."""
    settings.public_url = "https://Judge.Example.org:8443"
    client = client_as(settings, None)
    assert client.get("/login", headers={"Host": "judge.example.org:8443"}).status_code == 200
    assert client.get("/login", headers={"Host": "other.example.org"}).status_code == 400


def test_a_nul_in_the_url_is_a_400_not_a_500(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    for path in (
        "/api/v1/problems/%00x",
        "/problems/%00x",
        "/api/v1/submissions?problem=%00x",
    ):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "NUL" in response.json()["detail"]


def test_forwarded_addresses_count_only_from_a_configured_proxy(settings: Settings) -> None:
    """Rate limits go by client address: X-Forwarded-For from anyone would let one client
    pose as many. Every attempt counts against the address (3 x 1 a minute here)."""
    settings.login_attempts_per_minute = 1

    def attempts(client: TestClient) -> list[int]:
        return [
            client.post(
                "/api/v1/auth/login",
                json={"username": f"guess{index}", "password": "wrong password"},
                headers={"X-Forwarded-For": f"198.51.100.{index}"},
            ).status_code
            for index in range(4)
        ]

    same_rate_window()
    direct = TestClient(client_as(settings, None).app, client=("203.0.113.7", 40000))
    assert attempts(direct) == [401, 401, 401, 429]  # all one client: the peer

    settings.trusted_proxies = "203.0.113.0/24"
    proxied = client_as(settings, None)
    behind_proxy = TestClient(proxied.app, client=("203.0.113.8", 40000))
    assert attempts(behind_proxy) == [401, 401, 401, 401]  # four clients behind the proxy


def test_security_headers_on_pages_and_api_answers(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    submission_id = submit(client, read_fixture_source("reference"))
    mark_judged(settings, submission_id)  # so that its event stream ends at once
    for path in ("/problems/mean-predictor", "/login", f"/api/v1/submissions/{submission_id}"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert re.search(r"style-src 'self' 'nonce-[\w-]{20,}';", policy)
        assert "frame-ancestors 'none'" in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    detail = client.get(f"/api/v1/submissions/{submission_id}")
    assert "class MeanPredictor" in detail.json()["code"]
    assert detail.headers["cache-control"] == "no-store"
    events = client.get(f"/api/v1/submissions/{submission_id}/events")
    assert events.headers["cache-control"] == "no-store"
    pages = [client.get("/problems/mean-predictor") for _ in range(2)]
    nonces = [re.findall(r"'nonce-([\w-]+)'", p.headers["content-security-policy"]) for p in pages]
    assert nonces[0] != nonces[1]  # one per answer
    for page, nonce in zip(pages, nonces, strict=True):
        assert f'<meta name="csp-nonce" nonce="{nonce[0]}">' in page.text
    missing = client.get("/api/v1/submissions/424242")
    assert missing.status_code == 404 and missing.headers["x-frame-options"] == "DENY"


def test_only_redoc_may_start_a_blob_worker_and_it_gets_the_nonce(
    settings: Settings,
) -> None:
    client = client_as(settings, "candidate")
    policies = {}
    for path in ("/docs", "/redoc", "/problems/mean-predictor", "/login", "/api/v1/me"):
        answer = client.get(path)
        policy = answer.headers["content-security-policy"]
        policies[path] = policy
        if path == "/redoc":  # /docs writes no <style> element: it has no use for one
            (nonce,) = re.findall(r"'nonce-([\w-]+)'", policy)
            assert f'<meta name="csp-nonce" nonce="{nonce}">' in answer.text, path
    assert [path for path, policy in policies.items() if "worker-src" in policy] == ["/redoc"]
    assert policies["/redoc"].endswith("; worker-src 'self' blob:")
    without_nonces = {re.sub(r"'nonce-[\w-]+'", "", p) for path, p in policies.items()}
    assert len(without_nonces) == 2  # the site's policy, and /redoc's
    assert all("unsafe" not in policy for policy in policies.values())

"""One API process under many concurrent requests and streams: they queue, none deadlocks
or breaks."""

from __future__ import annotations

import asyncio

import httpx

from api.settings import Settings
from tests.support.platform import live_server, login_cookies, read_fixture_source

REQUESTS = 150  # more than the pooled connections (30) and the threads (40) together
STREAMS = 120  # more than redis-py's default pool of asyncio connections (100)


def client(url: str, cookies: dict[str, str]) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=url,
        cookies=cookies,
        headers={"X-CSRF-Token": cookies["numjudge_csrf"]},
        timeout=20,
        limits=httpx.Limits(max_connections=None),
    )


def test_many_concurrent_requests_all_succeed(settings: Settings) -> None:
    """Without a limit on request sessions, requests holding every connection waited for
    threads that all waited for connections, until the pool timed out (500s after 30 s)."""
    cookies = login_cookies(settings, "candidate")

    async def burst(url: str) -> list[int]:
        async with client(url, cookies) as http:
            responses = await asyncio.gather(
                *(http.get("/api/v1/problems") for _ in range(REQUESTS))
            )
        return [response.status_code for response in responses]

    with live_server(settings) as server:
        assert asyncio.run(burst(server.url)) == [200] * REQUESTS


def test_many_open_event_streams_all_stay_open(settings: Settings) -> None:
    """Every waiting stream holds a Redis connection; past the pool's size the next ones
    were cut off right after their state event."""
    cookies = login_cookies(settings, "candidate")

    async def follow(http: httpx.AsyncClient, url: str) -> list[str]:
        async with http.stream("GET", url) as response:
            seen = []
            async for line in response.aiter_lines():
                seen.append(line)
                if line.startswith(":"):  # the keep-alive after a quiet poll interval
                    return seen
        return seen

    async def streams(url: str) -> list[list[str]]:
        async with client(url, cookies) as http:
            response = await http.post(
                "/api/v1/problems/mean-predictor/submissions",
                json={"code": read_fixture_source("reference")},
            )
            assert response.status_code == 202, response.text  # queued: no worker runs
            events = f"/api/v1/submissions/{response.json()['id']}/events"
            return await asyncio.gather(*(follow(http, events) for _ in range(STREAMS)))

    with live_server(settings) as server:
        for seen in asyncio.run(streams(server.url)):
            assert seen[0] == "event: state" and seen[-1] == ": keep-alive"

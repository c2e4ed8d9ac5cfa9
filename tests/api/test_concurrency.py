"""One API process under many concurrent requests: they queue, none deadlocks."""

from __future__ import annotations

import asyncio

import httpx

from api.settings import Settings
from tests.support.platform import live_server, login_cookies

REQUESTS = 150  # more than the pooled connections (30) and the threads (40) together


def test_many_concurrent_requests_all_succeed(settings: Settings) -> None:
    """Without a limit on request sessions, requests holding every connection waited for
    threads that all waited for connections, until the pool timed out (500s after 30 s)."""
    cookies = login_cookies(settings, "candidate")

    async def burst(url: str) -> list[int]:
        limits = httpx.Limits(max_connections=None)
        async with httpx.AsyncClient(
            base_url=url, cookies=cookies, timeout=20, limits=limits
        ) as client:
            responses = await asyncio.gather(
                *(client.get("/api/v1/problems") for _ in range(REQUESTS))
            )
        return [response.status_code for response in responses]

    with live_server(settings) as server:
        assert asyncio.run(burst(server.url)) == [200] * REQUESTS

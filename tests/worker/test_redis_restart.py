"""Redis restarted while submissions wait: nothing is lost, because the database is the
source of truth and the sweep re-enqueues what the broker forgot.

Uses a private redis-server on another loopback port (never the shared one), started
without persistence, so a restart really empties the queue.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from api.settings import Settings
from tests.support.platform import (
    WorkerProcess,
    free_port,
    live_server,
    make_settings,
    read_fixture_source,
    start_worker,
    submit,
    wait_for_status,
)

pytestmark = [
    pytest.mark.docker,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


class PrivateRedis:
    def __init__(self, port: int, directory: Path):
        self.port = port
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_submissions_survive_a_redis_restart(
    settings: Settings, private_redis: PrivateRedis, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    settings = make_settings(settings.data_dir, settings.database_url, private_redis.url)
    with live_server(settings) as server:
        client = server.client("candidate")
        waiting = [submit(client, read_fixture_source("reference")) for _ in range(2)]
        assert redis.Redis.from_url(private_redis.url).llen("judge") == 2

        private_redis.stop()
        # Submitting while Redis is down still records the submission.
        waiting.append(submit(client, read_fixture_source("reference")))
        private_redis.start()
        assert redis.Redis.from_url(private_redis.url).llen("judge") == 0  # the queue is gone

        workers.append(start_worker(settings, tmp_path))
        for submission_id in waiting:
            result = wait_for_status(client, submission_id, {"done", "error"}, timeout=120)
            assert result["status"] == "done" and result["verdict"] == "accepted"
            assert result["attempts"] == 1

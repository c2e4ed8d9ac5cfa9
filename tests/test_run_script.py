"""`make run`'s script as a user runs it: migrate, load problems, first accounts, the site
and a worker up, then Ctrl-C stops everything it started."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import time
from pathlib import Path

import httpx
import redis

from tests.support.platform import (
    FIXTURE_PROBLEMS_DIR,
    ROOT,
    flush_except_lock,
    free_port,
    same_rate_window,
)

STARTUP_SECONDS = 180


def test_run_serves_the_site_with_first_accounts_and_stops_on_ctrl_c(
    redis_url: str, tmp_path: Path
) -> None:
    flush_except_lock(redis.Redis.from_url(redis_url))  # no rate-limit counts of earlier tests
    port = free_port()
    process = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "run.sh")],
        cwd=ROOT,
        env={
            **os.environ,
            "NUMJUDGE_DATA_DIR": str(tmp_path / "data"),
            "NUMJUDGE_PORT": str(port),
            "NUMJUDGE_REDIS_URL": redis_url,
            "NUMJUDGE_PROBLEMS_DIR": str(FIXTURE_PROBLEMS_DIR),
            # Every login attempt counts against its client address, 3 x 2 a minute.
            "NUMJUDGE_LOGIN_ATTEMPTS_PER_MINUTE": "2",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            output.append(line)
            if "NumJudge is running at" in line:
                break
        text = "".join(output)
        assert f"http://127.0.0.1:{port}/" in text, text

        accounts = tmp_path / "data" / "initial-accounts.txt"
        assert stat.S_IMODE(accounts.stat().st_mode) == 0o600
        passwords = dict(re.findall(r"username (\w+)\s+password (\S+)", accounts.read_text()))
        assert set(passwords) == {"admin", "interviewer", "candidate"}
        assert passwords["candidate"] in text  # printed once

        data = tmp_path / "data"
        private = [data, data / "log", data / "numjudge.db", *(data / "log").glob("*.log")]
        modes = {path.name: oct(stat.S_IMODE(path.stat().st_mode)) for path in private}
        expected = {path.name: oct(0o700 if path.is_dir() else 0o600) for path in private}
        assert modes == expected and {"api.log", "worker.log"} <= set(modes)

        base = f"http://127.0.0.1:{port}"
        same_rate_window()
        with httpx.Client(base_url=base, timeout=10) as client:
            login = client.post(
                "/api/v1/auth/login",
                json={"username": "candidate", "password": passwords["candidate"]},
            )
            assert login.status_code == 200, login.text
            slugs = {p["slug"] for p in client.get("/api/v1/problems").json()}
            assert "mean-predictor" in slugs
            # uvicorn believed X-Forwarded-For from loopback by default: any local process
            # could pose as many clients and pass the per-address limit.
            posing = [
                httpx.post(
                    f"{base}/api/v1/auth/login",
                    json={"username": f"guess{index}", "password": "wrong password"},
                    headers={"X-Forwarded-For": f"198.51.100.{index}"},
                ).status_code
                for index in range(6)
            ]
            assert posing == [401] * 5 + [429], posing
            for _ in range(60):  # the worker's heartbeat makes the site healthy
                if client.get("/healthz").status_code == 200:
                    break
                time.sleep(0.5)
            assert client.get("/healthz").status_code == 200
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=90)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    assert running_in_session(process.pid) == [], "processes of `make run` left after Ctrl-C"


def running_in_session(session: int) -> list[str]:
    """The session's processes that still run ("pid state command"), leaving out zombies:
    a killed orphan is dead and waits only for init to reap it."""
    listing = subprocess.run(
        ["ps", "-o", "pid=,stat=,args=", "-s", str(session)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    return [line.strip() for line in listing if not line.split()[1].startswith("Z")]

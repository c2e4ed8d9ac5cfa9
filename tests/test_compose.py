"""docker-compose.yml validates with Debian's Compose v1 (images cannot be pulled here, so
the stack itself is not started by the tests; see docs/platform.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose_config(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="make setup installs it")
def test_the_compose_file_validates_and_needs_a_database_password() -> None:
    result = compose_config({"NUMJUDGE_POSTGRES_PASSWORD": "s3cret"})
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert set(config["services"]) == {"api", "worker", "postgres", "redis"}
    mounts = {
        name: [str(v) for v in service.get("volumes", [])]
        for name, service in config["services"].items()
    }
    with_socket = {
        name for name, volumes in mounts.items() if any("docker.sock" in v for v in volumes)
    }
    assert with_socket == {"worker"}  # only the worker can start sandboxes
    api = config["services"]["api"]["environment"]
    assert api["NUMJUDGE_ENVIRONMENT"] == "production"
    assert "s3cret" in api["NUMJUDGE_DATABASE_URL"]
    # One API process per core; the worker keeps warm sandboxes.
    command = " ".join(config["services"]["api"]["command"])
    # ($$ is how Compose writes a $ that reaches the shell)
    assert '--workers "$${NUMJUDGE_API_PROCESSES:-$$(nproc)}"' in command, command
    worker = config["services"]["worker"]["environment"]
    assert int(worker["NUMJUDGE_SANDBOX_POOL_SIZE"]) > 0

    without = compose_config({"NUMJUDGE_POSTGRES_PASSWORD": ""})
    assert without.returncode != 0 and "NUMJUDGE_POSTGRES_PASSWORD" in without.stderr

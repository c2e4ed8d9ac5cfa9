"""The judging commands of the CLI: they start without the web stack, and `problems validate
--in-process` checks a trusted package without Docker."""

from __future__ import annotations

import subprocess
import sys

import pytest

from api.cli import ROLES, main
from api.users.models import Role
from tests.support.platform import FIXTURE_PROBLEMS_DIR

WEB_STACK = ("fastapi", "starlette", "sqlalchemy", "argon2", "alembic", "pydantic_settings")


def test_the_cli_imports_no_web_stack() -> None:
    probe = (
        "import sys, api.cli; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({WEB_STACK!r})))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


def test_the_role_names_are_the_models() -> None:
    assert set(ROLES) == {role.value for role in Role}


def test_validate_in_process_needs_no_docker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NUMJUDGE_PROBLEMS_DIR", str(FIXTURE_PROBLEMS_DIR))
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")  # never reached
    assert main(["problems", "validate", "mean-predictor", "--in-process", "--seed", "5"]) == 0


def test_validate_untrusted_refuses_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NUMJUDGE_PROBLEMS_DIR", str(FIXTURE_PROBLEMS_DIR))
    assert main(["problems", "validate", "mean-predictor", "--untrusted", "--in-process"]) == 1
    assert "--untrusted runs the package's code in containers" in capsys.readouterr().err


@pytest.mark.docker
@pytest.mark.usefixtures("no_leftovers")
def test_validate_untrusted_judges_in_containers_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NUMJUDGE_PROBLEMS_DIR", str(FIXTURE_PROBLEMS_DIR))
    assert main(["problems", "validate", "mean-predictor", "--untrusted", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "ok   mean-predictor/loop_mean.py" in out and out.rstrip().endswith("all ok")

"""The platform's commands: db upgrade, problems load, users create/bootstrap, tokens create
(the other account commands: tests/api/users/test_cli.py)."""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from api.cli import MAX_TOKEN_EXPIRY_DAYS, ROLES, main
from api.db import make_engine, make_session_factory
from api.problems.models import ProblemVersion
from api.settings import get_settings
from api.tokens.service import MAX_EXPIRY_DAYS
from api.users import service
from api.users.models import Role
from api.users.passwords import hashing_for
from tests.support.platform import FIXTURE_PROBLEMS_DIR


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("NUMJUDGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NUMJUDGE_PROBLEMS_DIR", str(FIXTURE_PROBLEMS_DIR))
    monkeypatch.delenv("NUMJUDGE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_setting_up_an_empty_data_dir(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["problems", "load"]) == 0
    assert "ok   mean-predictor: new version" in capsys.readouterr().out

    assert main(["users", "bootstrap"]) == 0
    printed = capsys.readouterr().out
    accounts = data_dir / "initial-accounts.txt"
    assert stat.S_IMODE(accounts.stat().st_mode) == 0o600
    lines = accounts.read_text().splitlines()
    assert [line.split()[0] for line in lines] == ["admin", "interviewer", "candidate"]
    password = lines[0].split()[-1]
    assert password in printed
    settings = get_settings()
    with make_session_factory(make_engine(settings.database_url))() as session:
        assert service.authenticate(session, "admin", password, hashing_for(settings)) is not None
    assert main(["users", "bootstrap"]) == 0
    assert "nothing created" in capsys.readouterr().out
    assert accounts.read_text().splitlines() == lines  # not overwritten

    monkeypatch.setattr("sys.stdin", io.StringIO("a fine password\n"))
    assert (
        main(["users", "create", "--username", "ann", "--role", "interviewer", "--password-stdin"])
        == 0
    )
    assert main(["tokens", "create", "--username", "ann"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("nj_")
    assert main(["tokens", "create", "--username", "nobody"]) == 1
    assert "no user named 'nobody'" in capsys.readouterr().err


def test_the_parsers_copies_of_platform_constants_agree() -> None:
    """api/cli.py copies them so that building the parser imports no SQLAlchemy."""
    assert tuple(role.value for role in Role) == ROLES
    assert MAX_TOKEN_EXPIRY_DAYS == MAX_EXPIRY_DAYS


def test_problems_load_keeps_a_version_published_from_the_browser(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["problems", "load"]) == 0
    settings = get_settings()
    with make_session_factory(make_engine(settings.database_url)).begin() as session:
        session.execute(update(ProblemVersion).values(uploaded=True))  # as a publish leaves it
    capsys.readouterr()
    assert main(["problems", "load"]) == 0
    assert "kept mean-predictor: its current version" in capsys.readouterr().out
    with make_session_factory(make_engine(settings.database_url))() as session:
        (current,) = session.scalars(select(ProblemVersion)).all()
    assert current.is_current and current.uploaded

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from api import migrate
from api.db import make_engine
from api.settings import Settings, SettingsError


def test_defaults_put_the_database_and_a_generated_secret_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    assert settings.database_url == f"sqlite:///{(tmp_path / 'var' / 'numjudge.db').resolve()}"
    assert settings.redis_url == "redis://127.0.0.1:6379/0" and settings.port == 8000
    secret_file = tmp_path / "var" / "secret_key"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert len(settings.secret_key) >= 32
    assert Settings(data_dir=tmp_path / "var").secret_key == settings.secret_key  # kept


def test_settings_come_from_numjudge_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUMJUDGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NUMJUDGE_PORT", "9001")
    monkeypatch.setenv("NUMJUDGE_OPEN_REGISTRATION", "true")
    settings = Settings()
    assert settings.port == 9001 and settings.open_registration


@pytest.mark.parametrize("secret", ["changeme", "secret", "short-but-unique"])
def test_production_refuses_a_known_or_weak_secret(tmp_path: Path, secret: str) -> None:
    with pytest.raises(SettingsError, match="NUMJUDGE_SECRET_KEY"):
        Settings(data_dir=tmp_path, environment="production", secret_key=secret)
    Settings(data_dir=tmp_path, environment="development", secret_key=secret)
    Settings(data_dir=tmp_path, environment="production")  # a generated one is fine


def test_the_data_directory_and_the_database_are_private(tmp_path: Path) -> None:
    """The database holds every candidate's code and the password hashes; it was 0644 in a
    0755 directory."""
    old = tmp_path / "old-var"
    old.mkdir(mode=0o755)
    old.chmod(0o755)
    settings = Settings(data_dir=old)
    assert stat.S_IMODE(old.stat().st_mode) == 0o700  # made private
    fresh = tmp_path / "new" / "var"
    Settings(data_dir=fresh)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700

    migrate.upgrade(settings.database_url)
    database = old / "numjudge.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    database.chmod(0o644)
    make_engine(settings.database_url).dispose()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for journal in old.glob("numjudge.db-*"):  # SQLite gives them the database's mode
        assert stat.S_IMODE(journal.stat().st_mode) == 0o600, journal


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("127.0.0.1,localhost,::1", {"127.0.0.1", "localhost", "::1"}),
        (" Judge.Example.org , [::1] ,", {"judge.example.org", "::1"}),
        ("*", {"*"}),
    ],
)
def test_allowed_hosts_are_a_comma_separated_list(
    tmp_path: Path, value: str, names: set[str]
) -> None:
    assert Settings(data_dir=tmp_path, allowed_hosts=value).allowed_host_names == names
